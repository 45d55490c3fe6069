"""What is due in a municipality's prevention work: plan follow-ups, the next update of the situation report, and
measures under way that nobody has followed up for a year. Audits find follow-up is what gets left out, so the
start page leads with this."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max, QuerySet

from knutpunkt.prevention.models import (
    ActionPlan,
    Measure,
    MeasureStatus,
    PlanStatus,
    ReportStatus,
    SituationReport,
)

SOON_DAYS = 60
# Follow-ups come once a year: a measure under way is flagged after a year without one, and forms suggest the next
# follow-up a year ahead.
FOLLOW_UP_WITHIN_DAYS = 365
RUNNING = (MeasureStatus.ONGOING, MeasureStatus.PAUSED)


@dataclass(frozen=True)
class PlanFollowUpDue:
    plan: ActionPlan
    due_on: dt.date
    overdue: bool


@dataclass(frozen=True)
class ReportUpdateDue:
    report: SituationReport
    due_on: dt.date
    overdue: bool
    soon: bool


@dataclass(frozen=True)
class UnfollowedMeasure:
    measure: Measure
    last_followup: dt.date | None
    since: dt.date  # the last follow-up, or the start of the measure or the plan's decision


def followup_overdue(plan: ActionPlan, today: dt.date) -> bool:
    """A decided plan whose next follow-up date has passed."""
    return plan.status == PlanStatus.DECIDED and plan.next_followup_on is not None and plan.next_followup_on < today


def update_overdue(report: SituationReport, today: dt.date) -> bool:
    """A situation report whose next update date has passed."""
    return report.next_update_due is not None and report.next_update_due < today


def plan_followups(plans: QuerySet[ActionPlan], today: dt.date) -> list[PlanFollowUpDue]:
    """Decided plans whose next follow-up has passed or comes within SOON_DAYS."""
    horizon = today + dt.timedelta(days=SOON_DAYS)
    due = plans.filter(status=PlanStatus.DECIDED, next_followup_on__isnull=False, next_followup_on__lte=horizon)
    return [
        PlanFollowUpDue(plan, plan.next_followup_on, followup_overdue(plan, today))
        for plan in due.order_by("next_followup_on")
        if plan.next_followup_on is not None
    ]


def report_update(reports: QuerySet[SituationReport], today: dt.date) -> ReportUpdateDue | None:
    """When the newest finished situation report is to be updated."""
    newest = reports.filter(status=ReportStatus.DONE).order_by("-done_on", "-id").first()
    if newest is None or newest.next_update_due is None:
        return None
    due = newest.next_update_due
    return ReportUpdateDue(
        newest, due, update_overdue(newest, today), today <= due <= today + dt.timedelta(days=SOON_DAYS)
    )


def _since(measure: Measure, last: dt.date | None, decided_on: dt.date | None) -> dt.date | None:
    """Since when a measure has gone without a follow-up: its last one, else its start, else the plan's decision."""
    return last or measure.starts_on or decided_on


def is_unfollowed(measure: Measure, last: dt.date | None, decided_on: dt.date | None, today: dt.date) -> bool:
    """Whether a measure under way has gone a year without a follow-up: since `last` (its last one), else its start,
    else `decided_on` (the plan's decision). That the plan is decided is the caller's to check."""
    since = _since(measure, last, decided_on)
    limit = today - dt.timedelta(days=FOLLOW_UP_WITHIN_DAYS)
    return measure.status in RUNNING and since is not None and since < limit


def unfollowed_measures(plans: QuerySet[ActionPlan], today: dt.date) -> list[UnfollowedMeasure]:
    """Measures under way in decided plans without a follow-up of their own in the last twelve months."""
    measures = (
        Measure.objects.filter(plan__in=plans.filter(status=PlanStatus.DECIDED), removed=False, status__in=RUNNING)
        .annotate(last_followup=Max("followups__held_on"))
        .select_related("plan")
        .order_by("plan__title", "position", "id")
    )
    found = []
    for measure in measures:
        last: dt.date | None = measure.last_followup
        since = _since(measure, last, measure.plan.decided_on)
        if since is not None and is_unfollowed(measure, last, measure.plan.decided_on, today):
            found.append(UnfollowedMeasure(measure, last, since))
    return found
