"""Who may use which API key, and the bearer authentication that turns a key into an Actor."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from knutpunkt.api.models import ApiKey, hash_key
from knutpunkt.organisations.access import Actor


class ApiKeyAuth(HttpBearer):
    """`Authorization: Bearer <key>`. The request then acts as the key's user in the key's unit."""

    def authenticate(self, request: HttpRequest, token: str) -> Actor | None:
        key = (
            ApiKey.objects.select_related("membership__user", "membership__unit__organisation")
            .filter(key_hash=hash_key(token))
            .first()
        )
        if key is None or not key.is_usable or not key.membership.user.is_active:
            return None
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
        actor = Actor(
            user=key.membership.user, membership=key.membership, request_id=getattr(request, "request_id", "")
        )
        request.actor = actor  # type: ignore[attr-defined]
        return actor


def own_keys(actor: Actor) -> QuerySet[ApiKey]:
    return ApiKey.objects.filter(membership__user=actor.user).select_related("membership__unit__organisation")


def get_own_key(actor: Actor, key_uuid: Any) -> ApiKey:
    key = own_keys(actor).filter(uuid=key_uuid).first()
    if key is None:
        raise Http404
    return key
