"""What the prevention forms share: the lock version a change starts from, and the user's input set against what is
saved now when someone else saved first (views/common.py shows both)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.db.models import Model
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from knutpunkt.core.forms import choice_field
from knutpunkt.people.forms import DateInput
from knutpunkt.prevention.formatting import NO_VALUE, number

__all__ = ["DateInput", "LockedForm", "choice_field", "decimal_field", "float_field", "shown"]

Choice = tuple[Any, Any]


def _labels(choices: Iterable[Choice]) -> dict[str, str]:
    labels: dict[str, str] = {}
    for value, label in choices:
        if isinstance(label, list | tuple):
            labels.update({str(v): str(lab) for v, lab in label})
        else:
            labels[str(value)] = str(label)
    return labels


def shown(field: forms.Field, value: Any) -> str:
    """A value as the user reads it: a choice's label, a date or a number the Swedish way, a dash for nothing."""
    if value is None or value == "" or value == []:
        return NO_VALUE
    if isinstance(field, forms.MultipleChoiceField):
        labels = _labels(cast("Iterable[Choice]", field.choices))
        return ", ".join(labels.get(str(v), str(v)) for v in value)
    if isinstance(field, forms.ChoiceField):
        return _labels(cast("Iterable[Choice]", field.choices)).get(str(value), str(value))
    if isinstance(value, bool):
        return str(_("Ja") if value else _("Nej"))
    if isinstance(value, dt.date):
        return formats.date_format(value, "j F Y")
    if isinstance(value, Decimal | float | int):
        decimals = 0 if isinstance(value, int) or value == int(value) else 2
        return number(value, decimals)
    if isinstance(value, Model):
        return str(value)
    return str(value)


def _same(a: Any, b: Any) -> bool:
    def normal(value: Any) -> Any:
        if value is None:
            return ""
        if isinstance(value, str):
            return value.replace("\r\n", "\n").strip()
        if isinstance(value, list | tuple):
            return sorted(str(v) for v in value)
        if isinstance(value, Decimal | float):
            return Decimal(str(value)).normalize()
        return value

    return bool(normal(a) == normal(b))


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


class LockedForm(forms.Form):
    """A form that changes something with a lock version: it carries the version the user started from."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, data: Any = None, *, lock_version: int, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.initial.update({k: v for k, v in self.current().items() if self.initial.get(k) in (None, "")})
        self.initial["lock_version"] = lock_version

    def current(self) -> dict[str, Any]:
        """What is saved now, in the shape of cleaned_data."""
        return {}

    def edited_fields(self) -> list[str]:
        return [name for name in self.fields if name != "lock_version"]

    def differences(self, saved: LockedForm) -> list[tuple[str, str, str]]:
        """The user's input next to what is saved now, for the fields where they differ."""
        now = saved.current()
        rows = []
        for name in self.edited_fields():
            mine = self.cleaned_data.get(name)
            if not _same(mine, now.get(name)):
                field = self.fields[name]
                rows.append((str(field.label), shown(field, mine), shown(saved.fields[name], now.get(name))))
        return rows
