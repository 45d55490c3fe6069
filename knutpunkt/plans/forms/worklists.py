"""Forms of the work lists: which kind to page through, and the dismissal of a reminder."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from knutpunkt.plans.worklists import ItemKind

MAX_PAGE = 1000


class WorkListForm(forms.Form):
    """The query string of a work list: `typ` shows one kind only, `sida` pages through it."""

    typ = forms.ChoiceField(
        label=_("Typ"), required=False, choices=[("", _("Alla"))] + [(kind.value, kind.label) for kind in ItemKind]
    )
    sida = forms.IntegerField(label=_("Sida"), required=False, min_value=1, max_value=MAX_PAGE)

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if cleaned.get("sida") and cleaned["sida"] > 1 and not cleaned.get("typ"):
            raise forms.ValidationError(_("Välj vilken typ av uppgift du vill bläddra bland."))
        return cleaned

    @property
    def kind(self) -> ItemKind | None:
        value = self.cleaned_data.get("typ")
        return ItemKind(value) if value else None

    @property
    def page(self) -> int:
        page: int | None = self.cleaned_data.get("sida")
        return page or 1


class DismissReminderForm(forms.Form):
    """Where to go back to after the dismissal; only the two work lists."""

    tillbaka = forms.ChoiceField(required=False, choices=[("", ""), ("my_work", "my_work"), ("unit_work", "unit_work")])
