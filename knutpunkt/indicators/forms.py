"""Forms for open statistics."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from knutpunkt.core.forms import choice_field
from knutpunkt.core.widgets import Select
from knutpunkt.indicators.imports import KoladaFile
from knutpunkt.indicators.models import Area, Indicator

# --- Import

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Django's FileField for one or more files: cleans each and returns the list."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".json,application/json"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        clean_one = super().clean
        if isinstance(data, list | tuple):
            if not data and self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return [clean_one(item, initial) for item in data]
        return [clean_one(data, initial)]


class KoladaUploadForm(forms.Form):
    uploads = MultipleFileField(
        label=_("JSON-filer från Kolada"),
        help_text=_("En eller flera filer hämtade från Kolada API v2, högst 20 MB per fil."),
    )

    def clean_uploads(self) -> list[UploadedFile]:
        uploads: list[UploadedFile] = self.cleaned_data["uploads"]
        for upload in uploads:
            if (upload.size or 0) > MAX_UPLOAD_BYTES:
                raise forms.ValidationError(
                    _("%(name)s är %(size)s. En fil får vara högst 20 MB: dela upp hämtningen i flera filer."),
                    params={"name": upload.name, "size": filesizeformat(upload.size or 0)},
                    code="too_large",
                )
        return uploads

    def kolada_files(self) -> list[KoladaFile]:
        return [KoladaFile(upload.name or "", b"".join(upload.chunks())) for upload in self.cleaned_data["uploads"]]


# --- Key figures: choosing a municipality, a key figure, a year, the index's parts, the warnings shown
# (core's Select: the lists of 290 municipalities would otherwise cost more than the rest of the page)

LATEST_YEAR = ""


def _municipality_choices(areas: Sequence[Area]) -> list[tuple[str, str]]:
    return [(area.code, area.name) for area in areas]


def _indicator_choices(indicators: Sequence[Indicator]) -> list[tuple[str, str]]:
    return [(indicator.code, indicator.title) for indicator in indicators]


class MunicipalityForm(forms.Form):
    kommun = forms.ChoiceField(label=_("Kommun"), widget=Select)

    def __init__(self, data: Any = None, *, municipalities: Sequence[Area], initial: str | None = None) -> None:
        super().__init__(data, initial={"kommun": initial} if initial else None)
        choice_field(self.fields["kommun"]).choices = [("", _("Välj kommun")), *_municipality_choices(municipalities)]


class MapForm(forms.Form):
    nyckeltal = forms.ChoiceField(label=_("Nyckeltal"), widget=Select)
    ar = forms.TypedChoiceField(label=_("År"), coerce=int, required=False, empty_value=None, widget=Select)
    kommun = forms.ChoiceField(label=_("Markera kommun"), required=False, widget=Select)

    def __init__(
        self,
        data: Any = None,
        *,
        indicators: Sequence[Indicator],
        years: Sequence[int],
        municipalities: Sequence[Area],
        initial: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        choice_field(self.fields["nyckeltal"]).choices = _indicator_choices(indicators)
        choice_field(self.fields["ar"]).choices = [(LATEST_YEAR, _("Senaste året")), *((y, str(y)) for y in years)]
        choice_field(self.fields["kommun"]).choices = [("", _("Ingen")), *_municipality_choices(municipalities)]


def weight_field_name(code: str) -> str:
    return f"vikt_{code}"


class IndexForm(forms.Form):
    """The key figures of the living-conditions index and their weights. Only key figures with a direction can be
    chosen: the index must know which way is worse."""

    # Sent with the form, so that a link carrying only a municipality still shows the default index.
    urval = forms.CharField(widget=forms.HiddenInput, required=False, initial="1")
    nyckeltal = forms.MultipleChoiceField(label=_("Nyckeltal i indexet"), widget=forms.CheckboxSelectMultiple)
    ar = forms.TypedChoiceField(label=_("År"), coerce=int, required=False, empty_value=None, widget=Select)
    kommun = forms.ChoiceField(label=_("Markera kommun"), required=False, widget=Select)

    MIN_CHOSEN = 2

    def __init__(
        self,
        data: Any = None,
        *,
        indicators: Sequence[Indicator],
        years: Sequence[int],
        municipalities: Sequence[Area],
        default_weights: dict[str, float],
        initial_municipality: str | None = None,
    ) -> None:
        initial: dict[str, Any] = {
            "nyckeltal": [code for code in default_weights if any(i.code == code for i in indicators)],
            "kommun": initial_municipality or "",
            "urval": "1",
        }
        super().__init__(data, initial=initial)
        self.indicators = list(indicators)
        choice_field(self.fields["nyckeltal"]).choices = _indicator_choices(indicators)
        choice_field(self.fields["ar"]).choices = [(LATEST_YEAR, _("Senaste året")), *((y, str(y)) for y in years)]
        choice_field(self.fields["kommun"]).choices = [("", _("Ingen")), *_municipality_choices(municipalities)]
        for indicator in self.indicators:
            self.fields[weight_field_name(indicator.code)] = forms.FloatField(
                label=_("Vikt för %(title)s") % {"title": indicator.title},
                min_value=0,
                max_value=100,
                required=False,
                initial=default_weights.get(indicator.code, 1.0),
                widget=forms.NumberInput(attrs={"step": "0.5", "class": "weight-input"}),
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        chosen = cleaned.get("nyckeltal") or []
        if self.is_bound and "nyckeltal" in cleaned and len(chosen) < self.MIN_CHOSEN:
            self.add_error("nyckeltal", _("Välj minst två nyckeltal."))
        for code in chosen:
            name = weight_field_name(code)
            if name in cleaned and not cleaned.get(name):
                self.add_error(name, _("Ett valt nyckeltal behöver en vikt större än 0."))
        return cleaned

    def weights(self) -> dict[str, float]:
        """The chosen key figures and their weights (the defaults while nothing has been sent)."""
        if not self.is_bound:
            codes = self.initial["nyckeltal"]
            return {code: float(self.fields[weight_field_name(code)].initial) for code in codes}
        return {code: float(self.cleaned_data[weight_field_name(code)]) for code in self.cleaned_data["nyckeltal"]}

    def rows(self) -> list[tuple[Indicator, bool, forms.BoundField]]:
        """Each key figure, whether it is chosen, and its weight field: for the form's table."""
        if self.is_bound:
            chosen = set(self.data.getlist("nyckeltal") if hasattr(self.data, "getlist") else self.data["nyckeltal"])
        else:
            chosen = set(self.initial["nyckeltal"])
        return [(i, i.code in chosen, self[weight_field_name(i.code)]) for i in self.indicators]


class WarningFilterForm(forms.Form):
    kommun = forms.ChoiceField(label=_("Kommun"), required=False, widget=Select)
    nyckeltal = forms.ChoiceField(label=_("Nyckeltal"), required=False, widget=Select)

    def __init__(self, data: Any = None, *, indicators: Sequence[Indicator], municipalities: Sequence[Area]) -> None:
        super().__init__(data)
        choice_field(self.fields["kommun"]).choices = [("", _("Alla kommuner")), *_municipality_choices(municipalities)]
        choice_field(self.fields["nyckeltal"]).choices = [("", _("Alla nyckeltal")), *_indicator_choices(indicators)]
