"""What the key-figure pages share: who may read them and which municipality a page starts from."""

from __future__ import annotations

from collections.abc import Sequence

from django.http import HttpRequest

from knutpunkt.indicators import access
from knutpunkt.indicators.models import Area
from knutpunkt.organisations.access import Actor


def reader(request: HttpRequest) -> Actor:
    """The signed-in actor with an active membership; 404 for anyone else."""
    return access.indicator_reader(getattr(request, "actor", None))


def find(areas: Sequence[Area], code: str | None) -> Area | None:
    return next((area for area in areas if area.code == code), None) if code else None
