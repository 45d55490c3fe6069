"""The access policy for prevention work: one rule answers "may this actor see this plan, report or calculation?"
and "which may this actor list?".

Prevention work is the municipality's: everyone who works in a unit of an organisation whose principal is the
municipality (social services, school, culture and leisure, the municipality itself) sees its action plans,
situation reports and cost calculations; its analysts and unit managers edit them. Everyone else gets 404, for
"not there" and "not yours" alike.

Everything here is aggregate data about a municipality and its areas — goals, measures, key figures, assumptions —
and no personal data, so reads are not logged; writes are audited in actions.py.
"""

from __future__ import annotations

from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404

from knutpunkt.organisations.access import Actor
from knutpunkt.organisations.access import municipality_of as municipality_of  # prevention's callers ask here
from knutpunkt.organisations.models import Organisation
from knutpunkt.prevention.models import (
    ActionPlan,
    CostModel,
    Goal,
    Measure,
    MeasureIndicator,
    PlanStatus,
    PlanVersion,
    SituationReport,
)


def may_edit_prevention(actor: Actor | None) -> bool:
    """Analysts and unit managers of a municipality write its plans, reports and calculations."""
    return municipality_of(actor) is not None and actor is not None and (actor.is_analyst or actor.is_unit_manager)


def require_editor(actor: Actor | None) -> Actor:
    """The actor, when they may write the municipality's plans, reports and calculations; 404 for everyone else."""
    if actor is None or not may_edit_prevention(actor):
        raise Http404
    return actor


def home_municipality(actor: Actor | None) -> Organisation:
    """The actor's municipality, for the start page; 404 for everyone else."""
    municipality = municipality_of(actor)
    if municipality is None:
        raise Http404
    return municipality


# --- Action plans --------------------------------------------------------------------------------------------


def visible_plans(actor: Actor | None) -> QuerySet[ActionPlan]:
    municipality = municipality_of(actor)
    if municipality is None:
        return ActionPlan.objects.none()
    return ActionPlan.objects.filter(municipality=municipality)


def get_plan(actor: Actor | None, plan_uuid: UUID | str) -> ActionPlan:
    plan = (
        visible_plans(actor)
        .filter(uuid=plan_uuid)
        .select_related("municipality", "situation_report", "replaces", "created_by", "changed_by")
        .first()
    )
    if plan is None:
        raise Http404
    return plan


def may_edit_plan(actor: Actor | None, plan: ActionPlan) -> bool:
    """A replaced plan is history: nobody edits it."""
    return (
        may_edit_prevention(actor)
        and plan.status != PlanStatus.REPLACED
        and visible_plans(actor).filter(pk=plan.pk).exists()
    )


def get_editable_plan(actor: Actor | None, plan_uuid: UUID | str) -> ActionPlan:
    plan = get_plan(actor, plan_uuid)
    if not may_edit_plan(actor, plan):
        raise Http404
    return plan


def get_goal(plan: ActionPlan, goal_uuid: UUID | str) -> Goal:
    """A goal of a plan the caller already got through this module; 404 if not the plan's or removed."""
    goal = plan.goals.filter(uuid=goal_uuid, removed=False).first()
    if goal is None:
        raise Http404
    return goal


def get_measure(plan: ActionPlan, measure_uuid: UUID | str) -> Measure:
    """A measure of a plan the caller already got through this module; 404 if not the plan's or removed."""
    measure = plan.measures.filter(uuid=measure_uuid, removed=False).select_related("goal", "area").first()
    if measure is None:
        raise Http404
    measure.plan = plan
    return measure


def get_link(measure: Measure, link_uuid: UUID | str) -> MeasureIndicator:
    link = measure.indicator_links.filter(uuid=link_uuid, removed=False).select_related("indicator").first()
    if link is None:
        raise Http404
    link.measure = measure
    return link


def get_version(plan: ActionPlan, version_uuid: UUID | str) -> PlanVersion:
    version = plan.versions.filter(uuid=version_uuid).select_related("registered_by").first()
    if version is None:
        raise Http404
    return version


def get_cost_model(measure: Measure) -> CostModel | None:
    return CostModel.objects.filter(measure=measure).prefetch_related("assumptions").first()


# --- Situation reports -----------------------------------------------------------------------------------------


def visible_reports(actor: Actor | None) -> QuerySet[SituationReport]:
    municipality = municipality_of(actor)
    if municipality is None:
        return SituationReport.objects.none()
    return SituationReport.objects.filter(municipality=municipality)


def get_report(actor: Actor | None, report_uuid: UUID | str) -> SituationReport:
    report = (
        visible_reports(actor)
        .filter(uuid=report_uuid)
        .select_related("municipality", "created_by", "changed_by")
        .first()
    )
    if report is None:
        raise Http404
    return report


def may_edit_report(actor: Actor | None, report: SituationReport) -> bool:
    """A done report is frozen: an update is a new report."""
    return may_edit_prevention(actor) and not report.is_done and visible_reports(actor).filter(pk=report.pk).exists()


def get_editable_report(actor: Actor | None, report_uuid: UUID | str) -> SituationReport:
    report = get_report(actor, report_uuid)
    if not may_edit_report(actor, report):
        raise Http404
    return report
