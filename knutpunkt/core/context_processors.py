from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from knutpunkt.organisations.access import active_memberships


def knutpunkt(request: HttpRequest) -> dict[str, Any]:
    actor = getattr(request, "actor", None)
    memberships = list(active_memberships(actor.user)) if actor is not None else []
    return {
        "actor": actor,
        "memberships": memberships,
        "demo_mode": settings.DEMO_MODE,
        "oidc_enabled": settings.OIDC_ENABLED,
        "session_idle_minutes": settings.SESSION_IDLE_MINUTES,
    }
