from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from knutpunkt.organisations.access import Actor, active_memberships, choose_membership
from knutpunkt.organisations.models import Membership

SESSION_MEMBERSHIP_KEY = "knutpunkt_membership"


class ActorMiddleware:
    """Puts `request.actor` on every request by a signed-in user (None for anonymous requests)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        actor: Actor | None = None
        memberships: list[Membership] = []
        if request.user.is_authenticated:
            # One query for the membership acted under and the header's unit switch (core.context_processors).
            memberships = list(active_memberships(request.user))
            membership = choose_membership(memberships, request.session.get(SESSION_MEMBERSHIP_KEY))
            actor = Actor(user=request.user, membership=membership, request_id=getattr(request, "request_id", ""))
        request.actor = actor  # type: ignore[attr-defined]
        request.memberships = memberships  # type: ignore[attr-defined]
        return self.get_response(request)
