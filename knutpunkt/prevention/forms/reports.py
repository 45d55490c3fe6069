"""Forms for the situation report (lägesbild): its text and mapping, and marking it done with the next update date.
The rules every caller must meet live in actions.py; these forms parse, suggest and explain."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knutpunkt.core.dates import add_years
from knutpunkt.core.forms import LockedForm
from knutpunkt.prevention import actions, figures
from knutpunkt.prevention.actions import REPORT_UPDATE_YEARS, ReportDetails
from knutpunkt.prevention.forms.common import DateInput, check, choice_field
from knutpunkt.prevention.models import SituationReport


class ReportForm(LockedForm):
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    period_from = forms.DateField(label=_("Gäller från"), widget=DateInput())
    period_to = forms.DateField(label=_("Gäller till"), widget=DateInput())
    indicators = forms.MultipleChoiceField(
        label=_("Kartläggning: brotts- och trygghetsmått"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Kommunens publicerade värden hämtas automatiskt när du sparar, och fryses när lägesbilden markeras som "
            "klar."
        ),
    )
    other_information = forms.CharField(
        label=_("Annan information av betydelse"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Till exempel polisens lokala lägesbild, skolans trygghetsenkäter, medborgardialoger och vad "
            "civilsamhället ser."
        ),
    )
    analysis = forms.CharField(
        label=_("Analys"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Vilka problem kartläggningen visar, var och hos vilka, och vad som driver dem."),
    )

    def __init__(self, data: Any = None, *, report: SituationReport | None = None, **kwargs: Any) -> None:
        self.report = report
        if report is None:
            today = timezone.localdate()
            kwargs.setdefault(
                "initial",
                {
                    "period_from": dt.date(today.year, 1, 1),
                    "period_to": dt.date(today.year + REPORT_UPDATE_YEARS - 1, 12, 31),
                    "indicators": list(figures.CRIME_AND_SAFETY),
                },
            )
        super().__init__(data, lock_version=report.lock_version if report else 0, **kwargs)
        choice_field(self.fields["indicators"]).choices = [
            (i.code, f"{i.title} ({i.code})") for i in figures.mapping_choices()
        ]

    def current(self) -> dict[str, Any]:
        report = getattr(self, "report", None)
        if report is None:
            return {}
        return {
            "title": report.title,
            "period_from": report.period_from,
            "period_to": report.period_to,
            "indicators": report.indicator_codes(),
            "other_information": report.other_information,
            "analysis": report.analysis,
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        check(self, actions.check_period, cleaned.get("period_from"), cleaned.get("period_to"))
        return cleaned

    def details(self) -> ReportDetails:
        data = self.cleaned_data
        return ReportDetails(
            title=data["title"],
            period_from=data["period_from"],
            period_to=data["period_to"],
            indicator_codes=list(data["indicators"]),
            other_information=data["other_information"],
            analysis=data["analysis"],
        )


class ReportDoneForm(LockedForm):
    done_on = forms.DateField(label=_("Lägesbilden blev klar"), widget=DateInput())
    next_update_due = forms.DateField(
        label=_("Ska uppdateras senast"),
        widget=DateInput(),
        help_text=_(
            "Förslaget är två år fram. Utredningen bakom lagen (SOU 2021:49) föreslog att arbetet följs upp "
            "minst vartannat år."
        ),
    )

    def __init__(self, data: Any = None, *, report: SituationReport, **kwargs: Any) -> None:
        today = timezone.localdate()
        kwargs.setdefault("initial", {"done_on": today, "next_update_due": add_years(today, REPORT_UPDATE_YEARS)})
        super().__init__(data, lock_version=report.lock_version, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        done_on = cleaned.get("done_on")
        if done_on:
            check(self, actions.check_report_dates, done_on, cleaned.get("next_update_due"))
        return cleaned


class PlanFromReportForm(forms.Form):
    """A crime-prevention action plan built on the report: its title and period."""

    title = forms.CharField(label=_("Rubrik"), max_length=200)
    period_from = forms.DateField(label=_("Gäller från"), widget=DateInput())
    period_to = forms.DateField(label=_("Gäller till"), widget=DateInput())

    def __init__(self, data: Any = None, *, report: SituationReport, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "title": _("Brottsförebyggande åtgärdsplan %(start)s–%(end)s")
                % {"start": report.period_from.year, "end": report.period_to.year},
                "period_from": report.period_from,
                "period_to": report.period_to,
            },
        )
        super().__init__(data, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        check(self, actions.check_period, cleaned.get("period_from"), cleaned.get("period_to"))
        return cleaned
