"""Where a plan stands: its place in the six steps and how it stands against the agreement's deadline.

Shown in the plan header (plans/_plan_header.html, through the `plan_progress` template tags) and in the list of
plans, so that every page says the same thing about the same plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from knutpunkt.plans.deadlines import days_left
from knutpunkt.plans.models import DeadlineMilestone, Plan, PlanStatus

# The six steps used by several counties. The plan's status says which one is under way.
STEP_LABELS: tuple[Promise, ...] = (
    _("Behov identifierat"),
    _("Förberedelse"),
    _("Kallelse"),
    _("SIP-möte och plan"),
    _("Uppföljning"),
    _("Avslut"),
)

# The step under way for each status (1-based); a closed plan has every step done. A requested plan has its need
# identified, so preparation is under way; summoning lasts until the meeting is held.
CURRENT_STEP: dict[str, int] = {
    PlanStatus.REQUESTED: 2,
    PlanStatus.PREPARING: 2,
    PlanStatus.SUMMONED: 3,
    PlanStatus.PLANNING: 4,
    PlanStatus.ESTABLISHED: 5,
    PlanStatus.CLOSED: len(STEP_LABELS) + 1,
}

# The statuses of each step under way, for filtering lists by step (the key is the URL's value).
STEP_FILTERS: dict[str, tuple[str, ...]] = {
    PlanStatus.PREPARING: (PlanStatus.REQUESTED, PlanStatus.PREPARING),
    PlanStatus.SUMMONED: (PlanStatus.SUMMONED,),
    PlanStatus.PLANNING: (PlanStatus.PLANNING,),
    PlanStatus.ESTABLISHED: (PlanStatus.ESTABLISHED,),
    PlanStatus.CLOSED: (PlanStatus.CLOSED,),
}


@dataclass(frozen=True)
class Step:
    number: int
    label: Promise
    state: str  # "done", "current" or "upcoming"

    @property
    def is_done(self) -> bool:
        return self.state == "done"

    @property
    def is_current(self) -> bool:
        return self.state == "current"


def step_filter_choices() -> list[tuple[str, str]]:
    choices = [
        (status, f"{CURRENT_STEP[status]}. {STEP_LABELS[CURRENT_STEP[status] - 1]}")
        for status in STEP_FILTERS
        if status != PlanStatus.CLOSED
    ]
    return [*choices, (PlanStatus.CLOSED, str(_("Avslutade")))]


def current_step_label(plan: Plan) -> str:
    """ "4. SIP-möte och plan", or "Avslutad"."""
    number = CURRENT_STEP[plan.status]
    if number > len(STEP_LABELS):
        return str(_("Avslutad"))
    return f"{number}. {STEP_LABELS[number - 1]}"


def steps(plan: Plan) -> list[Step]:
    current = CURRENT_STEP[plan.status]
    return [
        Step(number, label, "done" if number < current else "current" if number == current else "upcoming")
        for number, label in enumerate(STEP_LABELS, start=1)
    ]


@dataclass(frozen=True)
class DeadlineState:
    """The agreement's deadline: for a meeting held or a summons sent, counted from the request date."""

    deadline: dt.date
    milestone: str
    met_on: dt.date | None
    days_left: int  # calendar days from today; negative once passed

    @property
    def milestone_label(self) -> str:
        return str(DeadlineMilestone(self.milestone).label).lower()

    @property
    def met(self) -> bool:
        return self.met_on is not None

    @property
    def met_in_time(self) -> bool:
        return self.met_on is not None and self.met_on <= self.deadline

    @property
    def overdue(self) -> bool:
        return self.met_on is None and self.days_left < 0

    @property
    def days_overdue(self) -> int:
        return -self.days_left

    @property
    def days_late(self) -> int:
        """How many days after the deadline the milestone was reached (0 when in time)."""
        return max(0, (self.met_on - self.deadline).days) if self.met_on else 0


def deadline_state(plan: Plan, today: dt.date | None = None) -> DeadlineState:
    milestone = plan.profile.deadline_milestone
    met_on = plan.summoned_on if milestone == DeadlineMilestone.SUMMONS else plan.first_meeting_on
    return DeadlineState(
        deadline=plan.deadline,
        milestone=milestone,
        met_on=met_on,
        days_left=days_left(plan.deadline, today or timezone.localdate()),
    )
