"""Every change to prevention work, as a named action in one transaction with its audit event.

Changes to a plan — its own fields, goals, measures and indicator links — carry the plan's `lock_version` as the
user saw it; a situation report and a cost calculation carry their own. A save based on an older version is refused
with `EditConflict`, so two people never silently overwrite each other. Follow-ups are appended, never edited.

The rules that make the link between problem, measure and follow-up unavoidable live here, for every caller: a
measure cannot be under way without a linked key figure, a plan cannot be decided while a measure lacks one, and a
crime-prevention plan cannot be decided without a finished situation report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knutpunkt.audit.actions import record
from knutpunkt.core.dates import add_years
from knutpunkt.indicators.models import Area, Indicator
from knutpunkt.organisations.access import Actor
from knutpunkt.prevention import access, figures
from knutpunkt.prevention.contents import (
    active_goals,
    active_measures,
    followup_links,
    latest_version,
    missing_for_decision,
    snapshot,
)
from knutpunkt.prevention.contents import changed_since_decision as changed_since_decision  # callers ask here
from knutpunkt.prevention.models import (
    STATUSES_NEEDING_INDICATOR,
    ActionPlan,
    CostAssumption,
    CostModel,
    FollowUp,
    Goal,
    Measure,
    MeasureIndicator,
    Payer,
    PlanKind,
    PlanStatus,
    PlanVersion,
    ReportStatus,
    SituationReport,
)

# The inquiry behind Lag 2023:196 (SOU 2021:49) proposed a follow-up at least every second year.
REPORT_UPDATE_YEARS = 2

PERIOD_MESSAGE = gettext_lazy("Perioden kan inte sluta innan den börjar.")
MEASURE_PERIOD_MESSAGE = gettext_lazy("Åtgärden kan inte sluta innan den börjar.")
NEEDS_INDICATOR_MESSAGE = gettext_lazy(
    "Koppla åtgärden till minst ett nyckeltal som den ska påverka, med utgångsvärde och mål, innan den kan pågå."
)

Locked = TypeVar("Locked", ActionPlan, SituationReport, CostModel)


class EditConflict(Exception):
    """Someone else saved after this user opened the form; `current` is what is saved now."""

    def __init__(self, current: Any) -> None:
        super().__init__("Changed by someone else")
        self.current = current


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


def _log(actor: Actor, event: str, obj: models.Model, **detail: Any) -> None:
    """Aggregate data only: no person, no legal ground for personal data."""
    record(actor, event, obj=obj, detail=detail)


def _bump(obj: Locked, lock_version: int, actor: Actor) -> None:
    """Claim the next lock version, or raise EditConflict. Call inside the action's transaction."""
    model = type(obj)
    claimed = model.objects.filter(pk=obj.pk, lock_version=lock_version).update(
        lock_version=F("lock_version") + 1, changed_by=actor.user, changed_at=timezone.now()
    )
    if claimed != 1:
        raise EditConflict(model.objects.get(pk=obj.pk))
    obj.lock_version = lock_version + 1
    obj.changed_by = actor.user


# --- Rules that the forms check too (they call these, so that each rule is written once) ---------------------------


def check_period(
    starts: dt.date | None, ends: dt.date | None, field: str = "period_to", message: str | Promise = PERIOD_MESSAGE
) -> None:
    """A period may end the day it starts, not before."""
    if starts is not None and ends is not None and ends < starts:
        raise ValidationError({field: message})


def _refuse(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


def check_report_dates(done_on: dt.date, next_update_due: dt.date | None) -> None:
    """A report is not done in advance, and its next update comes after it."""
    errors = {}
    if done_on > timezone.localdate():
        errors["done_on"] = _("Lägesbilden kan inte vara klar i förväg.")
    if next_update_due is not None and next_update_due <= done_on:
        errors["next_update_due"] = _("Nästa uppdatering ska ligga efter den här.")
    _refuse(errors)


def check_decision_dates(decided_on: dt.date, next_followup_on: dt.date | None) -> None:
    """A decision is not registered in advance, and the follow-up it sets comes after it."""
    errors = {}
    if decided_on > timezone.localdate():
        errors["decided_on"] = _("Beslutet kan inte registreras i förväg.")
    if next_followup_on is not None and next_followup_on <= decided_on:
        errors["next_followup_on"] = _("Uppföljningen ska ligga efter beslutet.")
    _refuse(errors)


def check_followup_dates(held_on: dt.date, next_followup_on: dt.date | None) -> None:
    """A follow-up is not registered in advance, and the next one comes after it."""
    errors = {}
    if held_on > timezone.localdate():
        errors["held_on"] = _("Uppföljningen kan inte registreras i förväg.")
    if next_followup_on is not None and next_followup_on <= held_on:
        errors["next_followup_on"] = _("Nästa uppföljning ska ligga efter den här.")
    _refuse(errors)


def check_report_kind(kind: str, report: SituationReport | None) -> None:
    if report is not None and kind != PlanKind.CRIME:
        raise ValidationError({"situation_report": _("Bara en brottsförebyggande åtgärdsplan bygger på en lägesbild.")})


def check_budget(budget: Decimal | None) -> None:
    if budget is not None and budget < 0:
        raise ValidationError({"budget": _("Budgeten kan inte vara negativ.")})


def check_target_year(baseline_year: int | None, target_year: int | None) -> None:
    if baseline_year is not None and target_year is not None and target_year <= baseline_year:
        raise ValidationError({"target_year": _("Målåret måste ligga efter basåret.")})


def check_costs(values: Mapping[str, Any]) -> None:
    """The assumptions of a calculation, named as the cost form's fields (`cost_<payer>` for each payer's cost per
    person and year). A value that is missing is not checked: the form has refused it already."""
    errors: dict[str, str] = {}
    years, effect = values.get("years"), values.get("effect_from_year")
    if years is not None and not 1 <= years <= 50:
        errors["years"] = _("Räkna på mellan 1 och 50 år.")
    elif years is not None and effect is not None and not 1 <= effect <= years:
        errors["effect_from_year"] = _("Effekten måste börja inom de år som kalkylen gäller.")
    for name in ("kept_out_without", "kept_out_with"):
        share = values.get(name)
        if share is not None and not Decimal(0) <= share <= Decimal(100):
            errors[name] = _("Ange en andel mellan 0 och 100 procent.")
    rate = values.get("discount_rate")
    if rate is not None and not Decimal(0) <= rate <= Decimal(20):
        errors["discount_rate"] = _("Ange en ränta mellan 0 och 20 procent.")
    for name in ("measure_cost_initial", "measure_cost_yearly", *(f"cost_{payer}" for payer in Payer.values)):
        cost = values.get(name)
        if cost is not None and cost < 0:
            errors[name] = _("Kostnaden kan inte vara negativ.")
    _refuse(errors)


# --- Situation reports ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportDetails:
    title: str
    period_from: dt.date
    period_to: dt.date
    indicator_codes: Sequence[str]
    other_information: str
    analysis: str


def create_report(actor: Actor, details: ReportDetails) -> SituationReport:
    """A new situation report, its mapping drawn from the municipality's published values now."""
    _require(access.may_edit_prevention(actor))
    municipality = access.municipality_of(actor)
    assert municipality is not None
    check_period(details.period_from, details.period_to)
    with transaction.atomic():
        report = SituationReport.objects.create(
            municipality=municipality,
            title=details.title,
            period_from=details.period_from,
            period_to=details.period_to,
            mapping=figures.draw_mapping(details.indicator_codes, municipality),
            mapped_at=timezone.now(),
            other_information=details.other_information,
            analysis=details.analysis,
            created_by=actor.user,
            changed_by=actor.user,
        )
        _log(actor, "prevention.report_created", report)
    return report


def update_report(actor: Actor, report: SituationReport, lock_version: int, details: ReportDetails) -> None:
    """Change a draft report. The mapping is drawn again: a draft shows the values as published when it is saved."""
    _require(access.may_edit_report(actor, report))
    check_period(details.period_from, details.period_to)
    with transaction.atomic():
        _bump(report, lock_version, actor)
        report.title = details.title
        report.period_from = details.period_from
        report.period_to = details.period_to
        report.mapping = figures.draw_mapping(details.indicator_codes, report.municipality)
        report.mapped_at = timezone.now()
        report.other_information = details.other_information
        report.analysis = details.analysis
        report.save(
            update_fields=[
                "title",
                "period_from",
                "period_to",
                "mapping",
                "mapped_at",
                "other_information",
                "analysis",
            ]
        )
        _log(actor, "prevention.report_changed", report)


def finish_report(
    actor: Actor,
    report: SituationReport,
    lock_version: int,
    *,
    done_on: dt.date,
    next_update_due: dt.date | None = None,
) -> None:
    """The report is done: its values are drawn a last time and frozen, and the next update date is set (two years
    on unless the municipality decides otherwise)."""
    _require(access.may_edit_report(actor, report))
    due = next_update_due or add_years(done_on, REPORT_UPDATE_YEARS)
    check_report_dates(done_on, due)
    problems = []
    if not report.indicator_codes():
        problems.append(_("Kartläggningen har inga nyckeltal. Välj de brotts- och trygghetsmått som ska ingå."))
    if not report.analysis.strip():
        problems.append(_("Analysen saknas."))
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        _bump(report, lock_version, actor)
        report.mapping = figures.draw_mapping(report.indicator_codes(), report.municipality)
        report.mapped_at = timezone.now()
        report.status = ReportStatus.DONE
        report.done_on = done_on
        report.next_update_due = due
        report.save(update_fields=["mapping", "mapped_at", "status", "done_on", "next_update_due"])
        _log(actor, "prevention.report_done", report, next_update_due=due.isoformat())


# --- Action plans ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanDetails:
    kind: str
    title: str
    period_from: dt.date
    period_to: dt.date
    situation_report: SituationReport | None = None


def _check_report_choice(actor: Actor, details: PlanDetails) -> None:
    report = details.situation_report
    if report is not None:
        _require(access.visible_reports(actor).filter(pk=report.pk).exists())
    check_report_kind(details.kind, report)


def create_plan(actor: Actor, details: PlanDetails, *, replaces: ActionPlan | None = None) -> ActionPlan:
    _require(access.may_edit_prevention(actor))
    municipality = access.municipality_of(actor)
    assert municipality is not None
    check_period(details.period_from, details.period_to)
    _check_report_choice(actor, details)
    if replaces is not None:
        _require(access.may_edit_plan(actor, replaces))
    with transaction.atomic():
        plan = ActionPlan.objects.create(
            municipality=municipality,
            kind=details.kind,
            title=details.title,
            period_from=details.period_from,
            period_to=details.period_to,
            situation_report=details.situation_report,
            replaces=replaces,
            created_by=actor.user,
            changed_by=actor.user,
        )
        _log(actor, "prevention.plan_created", plan, kind=plan.kind)
    return plan


def create_plan_from_report(
    actor: Actor, report: SituationReport, *, title: str, period_from: dt.date, period_to: dt.date
) -> ActionPlan:
    """A crime-prevention action plan based on a finished situation report. It replaces, once decided, the plan in
    force of the same kind; the report's key figures are offered first when measures are linked."""
    _require(access.visible_reports(actor).filter(pk=report.pk).exists())
    if not report.is_done:
        raise ValidationError(_("Lägesbilden måste vara klar innan en åtgärdsplan byggs på den."))
    in_force = (
        access.visible_plans(actor)
        .filter(kind=PlanKind.CRIME, status=PlanStatus.DECIDED)
        .order_by("-decided_on", "-id")
        .first()
    )
    details = PlanDetails(
        kind=PlanKind.CRIME, title=title, period_from=period_from, period_to=period_to, situation_report=report
    )
    return create_plan(actor, details, replaces=in_force)


def update_plan(actor: Actor, plan: ActionPlan, lock_version: int, details: PlanDetails) -> None:
    _require(access.may_edit_plan(actor, plan))
    check_period(details.period_from, details.period_to)
    _check_report_choice(actor, details)
    if details.kind != plan.kind and plan.decided_version > 0:
        raise ValidationError({"kind": _("En beslutad plan byter inte typ. Gör en ny plan i stället.")})
    with transaction.atomic():
        _bump(plan, lock_version, actor)
        plan.kind = details.kind
        plan.title = details.title
        plan.period_from = details.period_from
        plan.period_to = details.period_to
        plan.situation_report = details.situation_report
        plan.save(update_fields=["kind", "title", "period_from", "period_to", "situation_report"])
        _log(actor, "prevention.plan_changed", plan)


def save_goal(
    actor: Actor, plan: ActionPlan, lock_version: int, *, text: str, measurable: bool, goal: Goal | None = None
) -> Goal:
    _require(access.may_edit_plan(actor, plan))
    with transaction.atomic():
        _bump(plan, lock_version, actor)
        if goal is None:
            goal = Goal.objects.create(plan=plan, text=text, measurable=measurable, position=plan.goals.count() + 1)
        else:
            _require(goal.plan_id == plan.pk and not goal.removed)
            goal.text = text
            goal.measurable = measurable
            goal.save(update_fields=["text", "measurable"])
        _log(actor, "prevention.goal_saved", plan, goal=str(goal.uuid))
    return goal


def remove_goal(actor: Actor, plan: ActionPlan, lock_version: int, goal: Goal) -> None:
    """Marked removed, not deleted: decided versions still show it. Measures under it must be moved first."""
    _require(access.may_edit_plan(actor, plan) and goal.plan_id == plan.pk)
    if goal.measures.filter(removed=False).exists():
        raise ValidationError(_("Målet har åtgärder. Flytta dem till ett annat mål, eller ta bort dem, först."))
    with transaction.atomic():
        _bump(plan, lock_version, actor)
        goal.removed = True
        goal.save(update_fields=["removed"])
        _log(actor, "prevention.goal_removed", plan, goal=str(goal.uuid))


MEASURE_FIELDS = frozenset(
    {
        "title",
        "description",
        "goal",
        "responsible_kind",
        "responsible_name",
        "target_group",
        "area",
        "area_text",
        "budget",
        "starts_on",
        "ends_on",
        "evidence_level",
        "status",
    }
)


def _check_measure(plan: ActionPlan, values: Mapping[str, Any], measure: Measure | None) -> None:
    unknown = set(values) - MEASURE_FIELDS
    if unknown:
        raise ValueError(f"Not measure fields: {sorted(unknown)}")
    check_budget(values.get("budget"))
    check_period(values.get("starts_on"), values.get("ends_on"), "ends_on", MEASURE_PERIOD_MESSAGE)
    goal: Goal | None = values.get("goal")
    if goal is not None and (goal.plan_id != plan.pk or goal.removed):
        raise PermissionDenied
    area: Area | None = values.get("area")
    if area is not None and not figures.area_choices(plan.municipality).filter(pk=area.pk).exists():
        raise PermissionDenied
    if values.get("status") in STATUSES_NEEDING_INDICATOR and (measure is None or not _has_links(measure)):
        raise ValidationError({"status": NEEDS_INDICATOR_MESSAGE})


def _has_links(measure: Measure) -> bool:
    return measure.indicator_links.filter(removed=False).exists()


def save_measure(
    actor: Actor, plan: ActionPlan, lock_version: int, values: Mapping[str, Any], measure: Measure | None = None
) -> Measure:
    """Add or change a measure. It cannot be under way (or done, or paused) without a linked key figure."""
    _require(access.may_edit_plan(actor, plan))
    if measure is not None:
        _require(measure.plan_id == plan.pk and not measure.removed)
    _check_measure(plan, values, measure)
    with transaction.atomic():
        _bump(plan, lock_version, actor)
        if measure is None:
            measure = Measure.objects.create(plan=plan, position=plan.measures.count() + 1, **values)
            event = "prevention.measure_added"
        else:
            for name, value in values.items():
                setattr(measure, name, value)
            measure.save(update_fields=list(values))
            event = "prevention.measure_changed"
        _log(actor, event, measure, plan=str(plan.uuid), status=measure.status)
    return measure


def remove_measure(actor: Actor, plan: ActionPlan, lock_version: int, measure: Measure) -> None:
    """Marked removed: decided versions and follow-ups still show it."""
    _require(access.may_edit_plan(actor, plan) and measure.plan_id == plan.pk)
    with transaction.atomic():
        _bump(plan, lock_version, actor)
        measure.removed = True
        measure.save(update_fields=["removed"])
        _log(actor, "prevention.measure_removed", measure, plan=str(plan.uuid))


@dataclass(frozen=True)
class LinkDetails:
    indicator: Indicator
    baseline_year: int
    baseline_value: float
    target_year: int
    target_value: float
    note: str = ""


def link_indicator(
    actor: Actor,
    measure: Measure,
    lock_version: int,
    details: LinkDetails,
    link: MeasureIndicator | None = None,
) -> MeasureIndicator:
    """Link a key figure to the measure (or change the link): the baseline it starts from and the target by a year."""
    plan = measure.plan
    _require(access.may_edit_plan(actor, plan) and not measure.removed)
    if link is not None:
        _require(link.measure_id == measure.pk and not link.removed)
    check_target_year(details.baseline_year, details.target_year)
    taken = measure.indicator_links.filter(indicator=details.indicator, removed=False)
    if link is not None:
        taken = taken.exclude(pk=link.pk)
    if taken.exists():
        raise ValidationError({"indicator": _("Åtgärden är redan kopplad till det här nyckeltalet.")})
    values = {
        "indicator": details.indicator,
        "baseline_year": details.baseline_year,
        "baseline_value": details.baseline_value,
        "target_year": details.target_year,
        "target_value": details.target_value,
        "note": details.note,
    }
    with transaction.atomic():
        _bump(plan, lock_version, actor)
        if link is None:
            link = MeasureIndicator.objects.create(measure=measure, **values)
            event = "prevention.indicator_linked"
        else:
            for name, value in values.items():
                setattr(link, name, value)
            link.save(update_fields=list(values))
            event = "prevention.indicator_link_changed"
        _log(actor, event, measure, indicator=details.indicator.code)
    return link


def unlink_indicator(actor: Actor, measure: Measure, lock_version: int, link: MeasureIndicator) -> None:
    """The last key figure of a measure under way cannot be removed: the measure would measure nothing."""
    plan = measure.plan
    _require(access.may_edit_plan(actor, plan) and link.measure_id == measure.pk and not link.removed)
    others = measure.indicator_links.filter(removed=False).exclude(pk=link.pk)
    if measure.status in STATUSES_NEEDING_INDICATOR and not others.exists():
        raise ValidationError(
            _("Det är åtgärdens enda nyckeltal. Koppla ett annat först, eller ändra åtgärdens status till planerad.")
        )
    with transaction.atomic():
        _bump(plan, lock_version, actor)
        link.removed = True
        link.save(update_fields=["removed"])
        _log(actor, "prevention.indicator_unlinked", measure, indicator=link.indicator.code)


# --- Decision and versions -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    committee: str
    decided_on: dt.date
    next_followup_on: dt.date | None = None
    change_note: str = ""


def decide_plan(actor: Actor, plan: ActionPlan, lock_version: int, decision: Decision) -> PlanVersion:
    """The committee has decided the plan: freeze it as a new version. A later change and a new decision make the
    next version; a plan this one replaces is marked replaced."""
    _require(access.may_edit_plan(actor, plan))
    if not decision.committee.strip():
        raise ValidationError({"committee": _("Ange vilken nämnd som beslutade planen.")})
    check_decision_dates(decision.decided_on, decision.next_followup_on)
    latest = latest_version(plan)
    if latest is not None and decision.decided_on < latest.decided_on:
        raise ValidationError({"decided_on": _("Beslutet kan inte ligga före beslutet om den förra versionen.")})
    # Read once for the check and the snapshot: every change to them bumps the lock, so a successful claim below
    # means they are still what was read here.
    measures, goals = active_measures(plan), active_goals(plan)
    missing = missing_for_decision(plan, measures=measures, goals=goals)
    if missing:
        raise ValidationError(missing)
    with transaction.atomic():
        _bump(plan, lock_version, actor)
        number = plan.decided_version + 1
        version = PlanVersion.objects.create(
            plan=plan,
            number=number,
            committee=decision.committee,
            decided_on=decision.decided_on,
            registered_at=timezone.now(),
            registered_by=actor.user,
            content=snapshot(plan, measures=measures, goals=goals),
            change_note=decision.change_note,
        )
        plan.decided_version = number
        plan.status = PlanStatus.DECIDED
        plan.committee = decision.committee
        plan.decided_on = decision.decided_on
        fields = ["decided_version", "status", "committee", "decided_on"]
        if decision.next_followup_on is not None:
            plan.next_followup_on = decision.next_followup_on
            fields.append("next_followup_on")
        plan.save(update_fields=fields)
        if plan.replaces is not None and plan.replaces.status == PlanStatus.DECIDED:
            ActionPlan.objects.filter(pk=plan.replaces.pk).update(status=PlanStatus.REPLACED)
        _log(actor, "prevention.plan_decided", plan, version=number, committee=decision.committee)
    return version


# --- Follow-up -------------------------------------------------------------------------------------------------


def record_followup(
    actor: Actor,
    plan: ActionPlan,
    *,
    held_on: dt.date,
    text: str,
    measure: Measure | None = None,
    next_followup_on: dt.date | None = None,
) -> FollowUp:
    """A follow-up of the whole plan or of one measure, with the linked key figures as they stand now (newest
    published value against baseline and target) frozen into it."""
    _require(access.may_edit_plan(actor, plan))
    if measure is not None:
        _require(measure.plan_id == plan.pk and not measure.removed)
    if plan.decided_version == 0:
        raise ValidationError(_("Planen följs upp när den är beslutad."))
    if not text.strip():
        raise ValidationError({"text": _("Skriv vad uppföljningen visade.")})
    check_followup_dates(held_on, next_followup_on)
    links = list(followup_links(plan, measure))
    area = figures.municipality_area(plan.municipality)
    readings = []
    # A year's values are published the year after: a follow-up registered late still shows what it could have seen.
    for link, progress in zip(links, figures.progress(links, area, before_year=held_on.year), strict=True):
        readings.append({"measure": link.measure.title, **progress.as_reading()})
    with transaction.atomic():
        followup = FollowUp.objects.create(
            plan=plan,
            measure=measure,
            held_on=held_on,
            text=text,
            status_then=measure.status if measure is not None else plan.status,
            readings=readings,
            next_followup_on=next_followup_on,
            recorded_by=actor.user,
        )
        if next_followup_on is not None and measure is None:
            # A tracking date, not the plan's contents: set alone, so nobody's open form is overwritten.
            ActionPlan.objects.filter(pk=plan.pk).update(next_followup_on=next_followup_on)
            plan.next_followup_on = next_followup_on
        _log(
            actor,
            "prevention.followup_recorded",
            followup,
            plan=str(plan.uuid),
            measure=str(measure.uuid) if measure is not None else "",
            readings=len(readings),
        )
    return followup


# --- The cost of exclusion ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CostDetails:
    group_size: int
    kept_out_without: Decimal
    kept_out_with: Decimal
    effect_from_year: int
    years: int
    discount_rate: Decimal
    measure_cost_initial: Decimal
    measure_cost_yearly: Decimal
    note: str
    assumptions: Mapping[str, tuple[Decimal, str]]  # payer -> (cost per person and year, source)


def save_costs(actor: Actor, measure: Measure, lock_version: int, details: CostDetails) -> CostModel:
    """Save the municipality's own assumptions for the measure's calculation. `lock_version` 0 means the user
    started from no calculation: if someone else saved one meanwhile, that is a conflict too."""
    _require(access.may_edit_plan(actor, measure.plan) and not measure.removed)
    for payer in details.assumptions:
        if payer not in Payer.values:
            raise ValueError(f"Unknown payer {payer!r}")
    fields = {
        "group_size": details.group_size,
        "kept_out_without": details.kept_out_without,
        "kept_out_with": details.kept_out_with,
        "effect_from_year": details.effect_from_year,
        "years": details.years,
        "discount_rate": details.discount_rate,
        "measure_cost_initial": details.measure_cost_initial,
        "measure_cost_yearly": details.measure_cost_yearly,
        "note": details.note,
    }
    check_costs({**fields, **{f"cost_{payer}": cost for payer, (cost, _source) in details.assumptions.items()}})
    with transaction.atomic():
        model = CostModel.objects.select_for_update().filter(measure=measure).first()
        if model is None:
            if lock_version != 0:
                raise EditConflict(None)
            model = CostModel.objects.create(measure=measure, changed_by=actor.user, **fields)
        else:
            if lock_version == 0:
                raise EditConflict(model)
            _bump(model, lock_version, actor)
            for name, value in fields.items():
                setattr(model, name, value)
            model.save(update_fields=list(fields))
        for payer, (cost, source) in details.assumptions.items():
            CostAssumption.objects.update_or_create(
                cost_model=model, payer=payer, defaults={"cost_per_person_year": cost, "source": source}
            )
        _log(actor, "prevention.costs_saved", measure, plan=str(measure.plan.uuid))
    return model


# --- The committee report ----------------------------------------------------------------------------------------


def record_report_download(actor: Actor, plan: ActionPlan) -> None:
    """The committee report left Knutpunkt as a PDF: logged, so that it shows who took which plan's report out.
    The report holds aggregate data only, so reading it on screen is not logged."""
    _log(actor, "prevention.report_downloaded", plan, format="pdf", decided_version=plan.decided_version)
