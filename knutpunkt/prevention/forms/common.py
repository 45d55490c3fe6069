"""What the prevention forms share: numbers typed the Swedish way, and the actions' rules run on the form's input,
so that each rule is written once (actions.py) and its refusal is shown at its field. The lock version a change
starts from, and the conflict it may meet, are knutpunkt.core.forms.LockedForm's."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from knutpunkt.core.forms import choice_field
from knutpunkt.people.forms import DateInput

__all__ = ["DateInput", "check", "choice_field", "decimal_field", "float_field"]


def check(form: forms.Form, rule: Callable[..., None], *args: Any) -> None:
    """Run one of the actions' rules on the form's input: what it refuses becomes the form's errors, by field."""
    try:
        rule(*args)
    except ValidationError as error:
        form.add_error(None, error)


_SPACES = (" ", "\u00a0", "\u202f", "\u2009")


def _typed_number(value: Any) -> Any:
    """A number as typed in Swedish: spaces between thousands and a decimal comma, to Python's notation."""
    if isinstance(value, str):
        for space in _SPACES:
            value = value.replace(space, "")
        value = value.replace(",", ".").replace("\u2212", "-")
    return value


def _shown_number(value: Any) -> Any:
    """A saved number back in the field: a decimal comma, no needless zeros ("1250,5", "450000")."""
    if isinstance(value, Decimal | float) and not isinstance(value, bool):
        text = format(Decimal(str(value)).normalize(), "f")
        return text.replace(".", ",")
    return value


class SwedishDecimalField(forms.DecimalField):
    def to_python(self, value: Any) -> Any:
        return super().to_python(_typed_number(value))

    def prepare_value(self, value: Any) -> Any:
        return _shown_number(value)


class SwedishFloatField(forms.FloatField):
    def to_python(self, value: Any) -> Any:
        return super().to_python(_typed_number(value))

    def prepare_value(self, value: Any) -> Any:
        return _shown_number(value)


def decimal_field(label: Any, *, required: bool = True, help_text: Any = "", decimals: int = 2) -> forms.DecimalField:
    """A decimal number typed the Swedish way (decimal comma, spaces between thousands)."""
    return SwedishDecimalField(
        label=label,
        required=required,
        help_text=help_text,
        max_digits=14,
        decimal_places=decimals,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={"invalid": _("Ange ett tal, till exempel 1 250,50.")},
    )


def float_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.FloatField:
    return SwedishFloatField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={"invalid": _("Ange ett tal, till exempel 12,5.")},
    )
