"""Form pieces shared by several apps: choices, the comparison of two versions, and forms that change a record
with a lock version (LockedForm), whose refused save shows the user's input next to what is saved now."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, Generic, Protocol, TypeVar, cast
from uuid import UUID

from django import forms
from django.db.models import Model
from django.http import QueryDict
from django.utils import formats
from django.utils.translation import gettext_lazy as _

# The fixed Swedish number format of the prevention pages, the only ones whose locked forms hold numbers.
from knutpunkt.core.formatting import NO_VALUE, number


class Version(Protocol):
    uuid: UUID
    number: int

    def label(self) -> str: ...


V = TypeVar("V", bound=Version)


def choice_field(field: forms.Field) -> forms.ChoiceField:
    """The field as a ChoiceField, for setting its choices with the type checker's consent."""
    assert isinstance(field, forms.ChoiceField)
    return field


class VersionCompareForm(forms.Form, Generic[V]):
    """Two immutable versions of a document to compare, chosen by a GET form (?a=…&b=…)."""

    a = forms.ChoiceField(label=_("Jämför version"))
    b = forms.ChoiceField(label=_("med version"))

    def __init__(self, data: Any = None, *, versions: Sequence[V], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.versions = {str(v.uuid): v for v in versions}
        choices = [(key, v.label()) for key, v in self.versions.items()]
        choice_field(self.fields["a"]).choices = choices
        choice_field(self.fields["b"]).choices = choices

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("a") and cleaned.get("a") == cleaned.get("b"):
            self.add_error("b", _("Välj två olika versioner."))
        return cleaned

    def pair(self) -> tuple[V, V]:
        """The older and the newer version."""
        first, second = self.versions[self.cleaned_data["a"]], self.versions[self.cleaned_data["b"]]
        return (first, second) if first.number < second.number else (second, first)


# --- Forms that change a record with a lock version ---------------------------------------------------------------

Choice = tuple[Any, Any]


def _choice_labels(choices: Iterable[Choice]) -> dict[str, str]:
    """Value -> label of (possibly grouped) choices."""
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
        labels = _choice_labels(cast("Iterable[Choice]", field.choices))
        return ", ".join(labels.get(str(v), str(v)) for v in value)
    if isinstance(field, forms.ChoiceField):
        return _choice_labels(cast("Iterable[Choice]", field.choices)).get(str(value), str(value))
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
    """Whether the user's input says what is saved: line endings, outer spaces, order of several choices and
    trailing zeros do not count."""

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


class LockedForm(forms.Form):
    """A form that changes something with a lock version: it carries the version the user started from, and the
    action refuses a save from an older one."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, data: Any = None, *, lock_version: int, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fill_initial()
        self.initial["lock_version"] = lock_version

    def fill_initial(self) -> None:
        """What is saved now, in the fields the caller gave no initial value."""
        self.initial.update({k: v for k, v in self.current().items() if self.initial.get(k) in (None, "")})

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


L = TypeVar("L", bound=LockedForm)


def conflict_form(form_class: type[L], posted: QueryDict, lock_version: int, message: str, **kwargs: Any) -> L:
    """After a save refused because someone else saved first: the user's input again, now based on the version saved
    (`lock_version`), with `message` saying what happened. Nothing the user wrote is lost."""
    data = posted.copy()
    data["lock_version"] = str(lock_version)
    form = form_class(data, **kwargs)
    form.add_error(None, message)  # validates the form first, so its field errors show too
    return form
