"""Form pieces shared by several apps."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, Protocol, TypeVar
from uuid import UUID

from django import forms
from django.utils.translation import gettext_lazy as _


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
