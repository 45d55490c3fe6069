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
FOLLOW_UP_WITHIN_DAYS = 365  # a measure under way is followed up at least once a year
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


def plan_followups(plans: QuerySet[ActionPlan], today: dt.date) -> list[PlanFollowUpDue]:
    """Decided plans whose next follow-up has passed or comes within SOON_DAYS."""
    horizon = today + dt.timedelta(days=SOON_DAYS)
    due = plans.filter(status=PlanStatus.DECIDED, next_followup_on__isnull=False, next_followup_on__lte=horizon)
    return [
        PlanFollowUpDue(plan, plan.next_followup_on, plan.next_followup_on < today)
        for plan in due.order_by("next_followup_on")
        if plan.next_followup_on is not None
    ]


def report_update(reports: QuerySet[SituationReport], today: dt.date) -> ReportUpdateDue | None:
    """When the newest finished situation report is to be updated."""
    newest = reports.filter(status=ReportStatus.DONE).order_by("-done_on", "-id").first()
    if newest is None or newest.next_update_due is None:
        return None
    due = newest.next_update_due
    return ReportUpdateDue(newest, due, due < today, today <= due <= today + dt.timedelta(days=SOON_DAYS))


def unfollowed_measures(plans: QuerySet[ActionPlan], today: dt.date) -> list[UnfollowedMeasure]:
    """Measures under way in decided plans without a follow-up of their own in the last twelve months."""
    limit = today - dt.timedelta(days=FOLLOW_UP_WITHIN_DAYS)
    measures = (
        Measure.objects.filter(plan__in=plans.filter(status=PlanStatus.DECIDED), removed=False, status__in=RUNNING)
        .annotate(last_followup=Max("followups__held_on"))
        .select_related("plan")
        .order_by("plan__title", "position", "id")
    )
    found = []
    for measure in measures:
        last: dt.date | None = measure.last_followup
        since = last or measure.starts_on or measure.plan.decided_on
        if since is not None and since < limit:
            found.append(UnfollowedMeasure(measure, last, since))
    return found


def unfollowed_ids(plan: ActionPlan, today: dt.date) -> set[int]:
    """The measures of one plan that `unfollowed_measures` flags."""
    plans = ActionPlan.objects.filter(pk=plan.pk)
    return {item.measure.pk for item in unfollowed_measures(plans, today)}
