from __future__ import annotations

import datetime as dt
import secrets

from django.db import transaction
from django.utils import timezone

from knutpunkt.api.models import ApiKey, hash_key
from knutpunkt.audit.actions import record
from knutpunkt.organisations.access import Actor
from knutpunkt.organisations.models import Membership

KEY_PREFIX = "kp_"


def create_api_key(actor: Actor, *, name: str, membership: Membership, valid_days: int) -> tuple[ApiKey, str]:
    """Create a key and return it with the secret, which is never stored and never shown again."""
    secret = KEY_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        key = ApiKey.objects.create(
            name=name,
            membership=membership,
            prefix=secret[:10],
            key_hash=hash_key(secret),
            expires_at=timezone.now() + dt.timedelta(days=valid_days),
            created_by=actor.user,
        )
        record(actor, "api.key_created", obj=key, detail={"valid_days": valid_days})
    return key, secret


def revoke_api_key(actor: Actor, key: ApiKey) -> None:
    with transaction.atomic():
        if key.revoked_at is None:
            key.revoked_at = timezone.now()
            key.save(update_fields=["revoked_at"])
            record(actor, "api.key_revoked", obj=key)
