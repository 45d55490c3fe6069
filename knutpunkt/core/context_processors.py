from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from knutpunkt.indicators.access import may_import, may_see_indicators
from knutpunkt.organisations.access import active_memberships
from knutpunkt.prevention.access import municipality_of


def knutpunkt(request: HttpRequest) -> dict[str, Any]:
    actor = getattr(request, "actor", None)
    # The actor middleware has read the user's memberships already; read them here only for a request it skipped.
    memberships = getattr(request, "memberships", None)
    if memberships is None:
        memberships = list(active_memberships(actor.user)) if actor is not None else []
    return {
        "actor": actor,
        "memberships": memberships,
        # What the menu and the start page offer, from the apps' access rules. Callables: the template calls them
        # only where it asks.
        "sees_indicators": lambda: may_see_indicators(actor),
        "may_import_indicators": lambda: may_import(actor),
        "sees_prevention": lambda: municipality_of(actor) is not None,
        "demo_mode": settings.DEMO_MODE,
        "oidc_enabled": settings.OIDC_ENABLED,
        "session_idle_minutes": settings.SESSION_IDLE_MINUTES,
    }
