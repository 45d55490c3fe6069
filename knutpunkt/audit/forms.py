"""Forms of the log review. The person filter takes an identity number in a POST form only: numbers never go in
a URL."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from knutpunkt.accounts.models import User
from knutpunkt.audit.access import Sample, unit_members
from knutpunkt.audit.events import EVENTS
from knutpunkt.audit.models import LogReview
from knutpunkt.core.widgets import Select
from knutpunkt.organisations.models import Unit
from knutpunkt.people.identity import InvalidIdentityNumber, parse_identity_number

MAX_SAMPLE_SIZE = 200

if TYPE_CHECKING:
    _LogReviewModelForm = forms.ModelForm[LogReview]
else:  # ModelForm is not subscriptable at run time
    _LogReviewModelForm = forms.ModelForm


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _check_period(form: forms.BaseForm, start_field: str, end_field: str) -> None:
    start: dt.date | None = form.cleaned_data.get(start_field)
    end: dt.date | None = form.cleaned_data.get(end_field)
    if start and end and end < start:
        form.add_error(end_field, _("Slutdatumet kan inte ligga före startdatumet."))


class ReviewFilterForm(forms.Form):
    identity_number = forms.CharField(
        label=_("Person (personnummer eller samordningsnummer)"),
        required=False,
        max_length=20,
        help_text=_("Lämna tomt för att behålla det personval som gäller nu."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    staff: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Medarbetare"),
        queryset=None,
        required=False,
        empty_label=_("Alla"),
        to_field_name="uuid",
        widget=Select,
    )
    date_from = forms.DateField(label=_("Från och med"), required=False, widget=_date_input())
    date_to = forms.DateField(label=_("Till och med"), required=False, widget=_date_input())
    event = forms.ChoiceField(label=_("Händelse"), required=False, widget=Select)
    without_relation_only = forms.BooleanField(label=_("Bara åtkomster utan aktiv relation"), required=False)

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[User]", self.fields["staff"]).queryset = unit_members(unit)
        cast(forms.ChoiceField, self.fields["event"]).choices = [("", _("Alla")), *EVENTS.items()]

    def clean_identity_number(self) -> str:
        text: str = self.cleaned_data["identity_number"].strip()
        if not text:
            return ""
        try:
            return parse_identity_number(text).value
        except InvalidIdentityNumber as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _check_period(self, "date_from", "date_to")
        return cleaned


class ClearFilterForm(forms.Form):
    PARTS = [("all", _("Hela filtret")), ("person", _("Personvalet")), ("sample", _("Urvalet"))]
    part = forms.ChoiceField(choices=PARTS, widget=forms.HiddenInput)


class ChoosePersonForm(forms.Form):
    """The "show only this person" button on a row of the review table: the event names the person, so no
    number is sent."""

    event = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class PageForm(forms.Form):
    """The keyset position of a page (the time and id of the last row of the previous page)."""

    efter = forms.CharField(required=False, max_length=50)


class SampleForm(forms.Form):
    prefix = "sample"  # the review page also has the filter form, with fields of the same names

    date_from = forms.DateField(label=_("Period från och med"), widget=_date_input())
    date_to = forms.DateField(label=_("Period till och med"), widget=_date_input())
    size = forms.IntegerField(
        label=_("Antal händelser"),
        min_value=1,
        max_value=MAX_SAMPLE_SIZE,
        initial=20,
        help_text=_("Dras slumpmässigt bland händelserna som matchar filtret under perioden."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _check_period(self, "date_from", "date_to")
        return cleaned


class LogReviewForm(_LogReviewModelForm):
    class Meta:
        model = LogReview
        fields = ["period_start", "period_end", "sample_description", "findings", "outcome"]
        widgets = {
            "period_start": _date_input(),
            "period_end": _date_input(),
            "sample_description": forms.Textarea(attrs={"rows": 3}),
            "findings": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "sample_description": _("Hur urvalet gjordes: filter, antal och slumpfrö."),
            "findings": _("Vad granskningen visade, även när allt var i sin ordning."),
        }

    def __init__(self, *args: Any, sample: Sample | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sample = sample

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _check_period(self, "period_start", "period_end")
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        sample = self.sample
        if sample is not None and start and end and not (start <= sample.date_from and sample.date_to <= end):
            self.add_error(
                "period_start",
                _("Urvalet är draget ur perioden %(start)s – %(end)s. Den granskade perioden måste omfatta den.")
                % {"start": sample.date_from.isoformat(), "end": sample.date_to.isoformat()},
            )
        return cleaned
