"""The fast select writes the same markup as Django's own select (whitespace between tags aside)."""

from __future__ import annotations

import re

import pytest
from django import forms

from knutpunkt.core.widgets import Select

CHOICES = [("", "Alla"), ("a", "A & <b>"), ("Grupp", [("g1", "G1"), ("g2", 'G2 "citat"')])]


class _Django(forms.Form):
    choice = forms.ChoiceField(choices=CHOICES, required=True)


class _Fast(forms.Form):
    choice = forms.ChoiceField(choices=CHOICES, required=True, widget=Select)


def _tags(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("data", [None, {"choice": "a"}, {"choice": "g2"}, {"choice": ""}])
def test_the_select_writes_what_djangos_writes(data: dict[str, str] | None) -> None:
    django_form, fast_form = _Django(data), _Fast(data)
    if data is not None:
        django_form.is_valid()
        fast_form.is_valid()
    assert _tags(str(fast_form["choice"])) == _tags(str(django_form["choice"]))
