"""Who may see and do what with open statistics. The figures are aggregates about areas, never about a person."""

from __future__ import annotations

from django.http import Http404

from knutpunkt.organisations.access import Actor, municipality_of

# --- Import


def may_import(actor: Actor | None) -> bool:
    """Loading Kolada files changes the figures everyone sees: analysts and administrators only."""
    return actor is not None and (actor.is_analyst or actor.is_administrator)


# --- Reading key figures, forecasts and early warnings


def may_see_indicators(actor: Actor | None) -> bool:
    """Everyone signed in with an active membership: the figures are public aggregates about areas."""
    return actor is not None and actor.membership is not None


def indicator_reader(actor: Actor | None) -> Actor:
    """The actor, for the key-figure pages; 404 for anyone without an active membership."""
    if actor is None or not may_see_indicators(actor):
        raise Http404
    return actor


def home_municipality_code(actor: Actor) -> str | None:
    """The SCB code of the municipality the actor works for, if their principal is a municipality."""
    municipality = municipality_of(actor)
    # Only a four-digit SCB code names a municipality among the key figures' areas.
    if municipality is None or len(municipality.code) != 4:
        return None
    return municipality.code
