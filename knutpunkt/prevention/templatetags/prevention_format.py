"""Swedish number formatting for the prevention pages: {% load prevention_format %} then {{ amount|kr }},
{{ value|number:1 }}, {{ share|percent }}, {{ value|figure:indicator.is_share }}."""

from __future__ import annotations

from django import template

from knutpunkt.core import formatting

register = template.Library()


@register.filter
def kr(value: object) -> str:
    return formatting.kr(value)


@register.filter
def number(value: object, decimals: int = 0) -> str:
    return formatting.number(value, int(decimals))


@register.filter
def percent(value: object, decimals: int = 1) -> str:
    return formatting.percent(value, int(decimals))


@register.filter
def figure(value: object, is_share: bool = False) -> str:
    return formatting.figure(value, bool(is_share))


@register.filter
def get(mapping: object, key: object) -> object:
    """mapping[key] in a template: {{ year.avoided|get:payer }}."""
    if isinstance(mapping, dict):
        return mapping.get(key)
    return None


@register.filter
def signed(value: object, decimals: int = 1) -> str:
    return formatting.signed(value, int(decimals))
