"""Forms for action plans: the plan itself, goals, measures, the key figures a measure should move, the decision,
follow-ups and the comparison of versions.

Every form that changes the plan carries the plan's `lock_version` as the user saw it (LockedForm); the action
refuses a save from an older version. Choices are keyed by UUID or by a public code, never by an integer key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knutpunkt.core.forms import LockedForm
from knutpunkt.indicators.models import Area, Indicator
from knutpunkt.prevention import actions, due, figures
from knutpunkt.prevention.actions import Decision, LinkDetails, PlanDetails
from knutpunkt.prevention.forms.common import DateInput, check, choice_field, decimal_field, float_field
from knutpunkt.prevention.models import (
    ActionPlan,
    EvidenceLevel,
    Goal,
    Measure,
    MeasureIndicator,
    MeasureStatus,
    PlanKind,
    ResponsibleKind,
    SituationReport,
)

NONE_CHOSEN = ""


# --- The plan -----------------------------------------------------------------------------------------------------


class PlanForm(LockedForm):
    kind = forms.ChoiceField(label=_("Typ av plan"), choices=PlanKind.choices, widget=forms.RadioSelect)
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    period_from = forms.DateField(label=_("Gäller från"), widget=DateInput())
    period_to = forms.DateField(label=_("Gäller till"), widget=DateInput())
    situation_report = forms.ChoiceField(
        label=_("Lägesbild som planen bygger på"),
        required=False,
        help_text=_("Krävs för en brottsförebyggande åtgärdsplan innan den kan beslutas."),
    )

    def __init__(
        self,
        data: Any = None,
        *,
        reports: Sequence[SituationReport],
        plan: ActionPlan | None = None,
        **kwargs: Any,
    ) -> None:
        self.plan = plan
        self.reports = {str(r.uuid): r for r in reports}
        if plan is None:
            today = timezone.localdate()
            kwargs.setdefault(
                "initial",
                {
                    "kind": PlanKind.PREVENTIVE,
                    "period_from": dt.date(today.year, 1, 1),
                    "period_to": dt.date(today.year + 3, 12, 31),
                },
            )
        super().__init__(data, lock_version=plan.lock_version if plan else 0, **kwargs)
        choice_field(self.fields["situation_report"]).choices = [
            (NONE_CHOSEN, _("Ingen")),
            *((key, report.title) for key, report in self.reports.items()),
        ]

    def current(self) -> dict[str, Any]:
        plan = getattr(self, "plan", None)
        if plan is None:
            return {}
        return {
            "kind": plan.kind,
            "title": plan.title,
            "period_from": plan.period_from,
            "period_to": plan.period_to,
            "situation_report": str(plan.situation_report.uuid) if plan.situation_report else NONE_CHOSEN,
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        check(self, actions.check_period, cleaned.get("period_from"), cleaned.get("period_to"))
        report = self.reports.get(cleaned.get("situation_report") or "")
        check(self, actions.check_report_kind, cleaned.get("kind"), report)
        return cleaned

    def details(self) -> PlanDetails:
        data = self.cleaned_data
        return PlanDetails(
            kind=data["kind"],
            title=data["title"],
            period_from=data["period_from"],
            period_to=data["period_to"],
            situation_report=self.reports.get(data["situation_report"]),
        )


class GoalForm(LockedForm):
    text = forms.CharField(label=_("Mål"), widget=forms.Textarea(attrs={"rows": 3}))
    measurable = forms.BooleanField(
        label=_("Målet är mätbart"),
        required=False,
        help_text=_("Det går att se i nyckeltal eller annan uppföljning om målet nås."),
    )

    def __init__(self, data: Any = None, *, plan: ActionPlan, goal: Goal | None = None, **kwargs: Any) -> None:
        self.goal = goal
        super().__init__(data, lock_version=plan.lock_version, **kwargs)

    def current(self) -> dict[str, Any]:
        goal = getattr(self, "goal", None)
        return {"text": goal.text, "measurable": goal.measurable} if goal is not None else {}


class RemoveForm(LockedForm):
    """Removing marks a row removed: decided versions and follow-ups still show it."""


# --- Measures -----------------------------------------------------------------------------------------------------


class MeasureForm(LockedForm):
    title = forms.CharField(label=_("Åtgärd"), max_length=200)
    description = forms.CharField(label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    goal = forms.ChoiceField(label=_("Mål som åtgärden bidrar till"), required=False)
    responsible_kind = forms.ChoiceField(label=_("Ansvarig"), choices=ResponsibleKind.choices)
    responsible_name = forms.CharField(
        label=_("Ansvarig förvaltning eller aktör"),
        required=False,
        max_length=200,
        help_text=_("Till exempel ”Barn- och ungdomsförvaltningen” eller föreningens namn."),
    )
    target_group = forms.CharField(label=_("Målgrupp"), required=False, max_length=300)
    area = forms.ChoiceField(label=_("Område"), required=False, help_text=_("Ett statistiskt område i kommunen."))
    area_text = forms.CharField(
        label=_("Område (fritext)"),
        required=False,
        max_length=200,
        help_text=_("Till exempel en stadsdel, en skola eller ”hela kommunen”."),
    )
    budget = decimal_field(_("Budget (kr)"), required=False, help_text=_("Till exempel 250 000."))
    starts_on = forms.DateField(label=_("Från"), required=False, widget=DateInput())
    ends_on = forms.DateField(label=_("Till"), required=False, widget=DateInput())
    evidence_level = forms.ChoiceField(
        label=_("Evidensläge"),
        choices=EvidenceLevel.choices,
        initial=EvidenceLevel.UNKNOWN,
        help_text=_("Vad forskningen och erfarenheten säger om att åtgärden fungerar."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=MeasureStatus.choices,
        initial=MeasureStatus.PLANNED,
        help_text=_("En åtgärd kan pågå först när den är kopplad till minst ett nyckeltal som den ska påverka."),
    )

    def __init__(
        self,
        data: Any = None,
        *,
        plan: ActionPlan,
        measure: Measure | None = None,
        areas: Sequence[Area] = (),
        **kwargs: Any,
    ) -> None:
        self.measure = measure
        self.goals = {str(g.uuid): g for g in plan.goals.filter(removed=False)}
        self.areas = {a.code: a for a in areas}
        super().__init__(data, lock_version=plan.lock_version, **kwargs)
        choice_field(self.fields["goal"]).choices = [
            (NONE_CHOSEN, _("Inget särskilt mål")),
            *((key, goal.text[:100]) for key, goal in self.goals.items()),
        ]
        if self.areas:
            choice_field(self.fields["area"]).choices = [
                (NONE_CHOSEN, _("Inget statistiskt område")),
                *((code, f"{a.name} ({a.get_kind_display()})") for code, a in self.areas.items()),
            ]
        else:
            del self.fields["area"]

    def current(self) -> dict[str, Any]:
        m = getattr(self, "measure", None)
        if m is None:
            return {}
        return {
            "title": m.title,
            "description": m.description,
            "goal": str(m.goal.uuid) if m.goal else NONE_CHOSEN,
            "responsible_kind": m.responsible_kind,
            "responsible_name": m.responsible_name,
            "target_group": m.target_group,
            "area": m.area.code if m.area else NONE_CHOSEN,
            "area_text": m.area_text,
            "budget": m.budget,
            "starts_on": m.starts_on,
            "ends_on": m.ends_on,
            "evidence_level": m.evidence_level,
            "status": m.status,
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        check(self, actions.check_budget, cleaned.get("budget"))
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        check(self, actions.check_period, starts_on, ends_on, "ends_on", actions.MEASURE_PERIOD_MESSAGE)
        return cleaned

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "goal": self.goals.get(data["goal"]),
            "responsible_kind": data["responsible_kind"],
            "responsible_name": data["responsible_name"],
            "target_group": data["target_group"],
            "area": self.areas.get(data.get("area") or ""),
            "area_text": data["area_text"],
            "budget": data["budget"],
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "evidence_level": data["evidence_level"],
            "status": data["status"],
        }


class IndicatorPickForm(forms.Form):
    """Step one of linking, by GET (?nyckeltal=n07403): which key figure, so the baseline can be filled in."""

    nyckeltal = forms.ChoiceField(label=_("Nyckeltal"))

    def __init__(self, data: Any = None, *, choices: list[Any], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        choice_field(self.fields["nyckeltal"]).choices = choices


def indicator_choices(candidates: Sequence[Indicator], others: Sequence[Indicator]) -> list[Any]:
    """The report's key figures first (the problems found), then every other key figure."""
    choices: list[Any] = [(NONE_CHOSEN, _("Välj nyckeltal"))]
    if candidates:
        choices.append((_("Från lägesbilden"), [(i.code, f"{i.title} ({i.code})") for i in candidates]))
        choices.append((_("Andra nyckeltal"), [(i.code, f"{i.title} ({i.code})") for i in others]))
    else:
        choices.extend((i.code, f"{i.title} ({i.code})") for i in others)
    return choices


class LinkForm(LockedForm):
    indicator = forms.ChoiceField(label=_("Nyckeltal som åtgärden ska påverka"))
    baseline_year = forms.IntegerField(
        label=_("Basår"),
        required=False,
        min_value=1990,
        max_value=2100,
        help_text=_("Tomt: kommunens senast publicerade värde används."),
    )
    baseline_value = float_field(_("Utgångsvärde"), required=False)
    target_year = forms.IntegerField(label=_("Målår"), min_value=1990, max_value=2100)
    target_value = float_field(_("Målvärde"))
    note = forms.CharField(
        label=_("Kommentar"),
        required=False,
        max_length=300,
        help_text=_("Till exempel varför åtgärden bör påverka just detta nyckeltal."),
    )

    def __init__(
        self,
        data: Any = None,
        *,
        plan: ActionPlan,
        choices: list[Any],
        indicators: dict[str, Indicator],
        area: Area | None,
        link: MeasureIndicator | None = None,
        **kwargs: Any,
    ) -> None:
        self.link = link
        self.indicators = indicators
        self.area = area
        super().__init__(data, lock_version=plan.lock_version, **kwargs)
        choice_field(self.fields["indicator"]).choices = choices
        self.fields["target_year"].initial = plan.period_to.year

    def current(self) -> dict[str, Any]:
        link = getattr(self, "link", None)
        if link is None:
            return {}
        return {
            "indicator": link.indicator.code,
            "baseline_year": link.baseline_year,
            "baseline_value": link.baseline_value,
            "target_year": link.target_year,
            "target_value": link.target_value,
            "note": link.note,
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        code = cleaned.get("indicator")
        if not code:
            return cleaned
        year, value = cleaned.get("baseline_year"), cleaned.get("baseline_value")
        if (year is None) != (value is None) and "baseline_value" not in self.errors:
            self.add_error("baseline_value", _("Ange både basår och utgångsvärde, eller lämna båda tomma."))
            return cleaned
        if year is None and "baseline_value" not in self.errors:
            latest = figures.newest(self.indicators[code], self.area)
            if latest is None:
                self.add_error(
                    "baseline_value",
                    _("Det finns inget publicerat värde för kommunen. Ange basår och utgångsvärde själv."),
                )
                return cleaned
            cleaned["baseline_year"], cleaned["baseline_value"] = latest.year, latest.value
        check(self, actions.check_target_year, cleaned.get("baseline_year"), cleaned.get("target_year"))
        return cleaned

    def details(self) -> LinkDetails:
        data = self.cleaned_data
        return LinkDetails(
            indicator=self.indicators[data["indicator"]],
            baseline_year=data["baseline_year"],
            baseline_value=data["baseline_value"],
            target_year=data["target_year"],
            target_value=data["target_value"],
            note=data["note"],
        )


# --- Decision, follow-up, versions --------------------------------------------------------------------------------


class DecideForm(LockedForm):
    committee = forms.CharField(
        label=_("Beslutande nämnd"),
        max_length=200,
        help_text=_("Till exempel kommunstyrelsen eller socialnämnden."),
    )
    decided_on = forms.DateField(label=_("Beslutsdatum"), widget=DateInput())
    next_followup_on = forms.DateField(
        label=_("Första uppföljning"), required=False, widget=DateInput(), help_text=_("Förslaget är ett år fram.")
    )
    change_note = forms.CharField(
        label=_("Vad har ändrats sedan förra beslutet?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, data: Any = None, *, plan: ActionPlan, **kwargs: Any) -> None:
        today = timezone.localdate()
        kwargs.setdefault(
            "initial",
            {
                "committee": plan.committee,
                "decided_on": today,
                "next_followup_on": plan.next_followup_on
                if plan.next_followup_on and plan.next_followup_on > today
                else today + dt.timedelta(days=due.FOLLOW_UP_WITHIN_DAYS),
            },
        )
        super().__init__(data, lock_version=plan.lock_version, **kwargs)
        if plan.decided_version == 0:
            del self.fields["change_note"]
        else:
            self.fields["next_followup_on"].label = _("Nästa uppföljning")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        decided_on = cleaned.get("decided_on")
        if decided_on:
            check(self, actions.check_decision_dates, decided_on, cleaned.get("next_followup_on"))
        return cleaned

    def decision(self) -> Decision:
        data = self.cleaned_data
        return Decision(
            committee=data["committee"],
            decided_on=data["decided_on"],
            next_followup_on=data["next_followup_on"],
            change_note=data.get("change_note", ""),
        )


class FollowUpForm(forms.Form):
    held_on = forms.DateField(label=_("Datum för uppföljningen"), widget=DateInput())
    text = forms.CharField(
        label=_("Vad visade uppföljningen?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Vad har gjorts, vad har det gett, och vad behöver ändras? Nyckeltalen sparas automatiskt."),
    )
    next_followup_on = forms.DateField(label=_("Nästa uppföljning"), required=False, widget=DateInput())

    def __init__(self, data: Any = None, *, for_plan: bool, **kwargs: Any) -> None:
        today = timezone.localdate()
        next_followup_on = today + dt.timedelta(days=due.FOLLOW_UP_WITHIN_DAYS)
        kwargs.setdefault("initial", {"held_on": today, "next_followup_on": next_followup_on})
        super().__init__(data, **kwargs)
        if not for_plan:
            del self.fields["next_followup_on"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        held_on = cleaned.get("held_on")
        if held_on:
            check(self, actions.check_followup_dates, held_on, cleaned.get("next_followup_on"))
        return cleaned
