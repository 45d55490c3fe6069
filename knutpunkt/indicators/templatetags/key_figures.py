"""Numbers of key figures as the pages write them: `{{ value|figure:decimals }}` (Swedish: 1 234,5; "–" for no
value) and `{{ change|signed:decimals }}` with its sign (+0,3, or a minus sign before a fall)."""

from __future__ import annotations

from django import template

from knutpunkt.indicators.charts import number

register = template.Library()


@register.filter
def figure(value: float | None, decimals: int = 1) -> str:
    return number(value, int(decimals))


@register.filter
def signed(value: float | None, decimals: int = 1) -> str:
    if value is None:
        return "–"
    text = number(abs(value), int(decimals))
    if round(value, int(decimals)) == 0:
        return text
    return ("+" if value > 0 else "\u2212") + text
