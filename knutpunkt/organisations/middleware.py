from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from knutpunkt.organisations.access import Actor, membership_for

SESSION_MEMBERSHIP_KEY = "knutpunkt_membership"


class ActorMiddleware:
    """Puts `request.actor` on every request by a signed-in user (None for anonymous requests)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        actor: Actor | None = None
        if request.user.is_authenticated:
            membership = membership_for(request.user, request.session.get(SESSION_MEMBERSHIP_KEY))
            actor = Actor(user=request.user, membership=membership, request_id=getattr(request, "request_id", ""))
        request.actor = actor  # type: ignore[attr-defined]
        return self.get_response(request)
