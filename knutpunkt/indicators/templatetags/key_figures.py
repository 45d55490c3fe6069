"""Numbers of key figures as the pages write them: `{{ value|figure:decimals }}` (Swedish: 1 234,5; "–" for no
value) and `{{ change|signed:decimals }}` with its sign (+0,3, or a minus sign before a fall)."""

from __future__ import annotations

from django import template

from knutpunkt.indicators import formatting

register = template.Library()


@register.filter
def figure(value: float | None, decimals: int = 1) -> str:
    return formatting.number(value, int(decimals))


@register.filter
def signed(value: float | None, decimals: int = 1) -> str:
    return formatting.signed(value, int(decimals))
