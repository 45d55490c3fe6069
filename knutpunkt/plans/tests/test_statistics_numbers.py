"""The statistics' numbers on a small crafted county: exact shares and medians, small cells suppressed, and only
the actor's principal counted."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.utils import timezone

from knutpunkt.organisations.models import Unit
from knutpunkt.plans.access import statistics_organisations
from knutpunkt.plans.models import (
    AgreementProfile,
    Attendance,
    Commitment,
    CommitmentStatus,
    FollowUp,
    Invitation,
    InvitationStatus,
    Meeting,
    Plan,
    PlanStatus,
    PlanVersion,
)
from knutpunkt.plans.statistics import Filters, Grouping, Row, Statistics, compute, median
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.plans import PlanWorld, make_profiles

D = dt.date
TODAY = D(2025, 6, 1)
PERIOD = Filters(start=D(2025, 1, 1), end=D(2025, 3, 31), grouping=Grouping.UNIT)


def _plan(
    cast: Cast,
    profile: AgreementProfile,
    requested_on: dt.date,
    deadline_days: int,
    *,
    unit: Unit | None = None,
    summoned_on: dt.date | None = None,
    first_meeting_on: dt.date | None = None,
    next_followup_on: dt.date | None = None,
    status: str = PlanStatus.PLANNING,
) -> Plan:
    return Plan.objects.create(
        person=cast.elsa,
        profile=profile,
        status=status,
        requested_on=requested_on,
        request_reason="Samordning behövs",
        requested_by=cast.anna,
        initiating_unit=unit or cast.barn_och_unga,
        deadline=requested_on + dt.timedelta(days=deadline_days),
        consent=cast.elsa_consent,
        summoned_on=summoned_on,
        first_meeting_on=first_meeting_on,
        next_followup_on=next_followup_on,
    )


@pytest.fixture
def world(cast: Cast) -> PlanWorld:
    """January: six children's plans, first meetings 10, 14, 20, 21, 25 and 30 days after the request (deadline 21
    days: four kept). February: five discharge plans whose deadline (3 days) is for the summons: summoned after 1, 2,
    3 and 4 days and one never (three kept). March: two children's plans (too few to show)."""
    world = make_profiles(cast)
    january = D(2025, 1, 10)
    for days in (10, 14, 20, 21, 25, 30):
        _plan(cast, world.children, january, 21, first_meeting_on=january + dt.timedelta(days=days))
    february = D(2025, 2, 3)
    for summoned_after in (1, 2, 3, 4, None):
        summoned = february + dt.timedelta(days=summoned_after) if summoned_after is not None else None
        _plan(cast, world.discharge, february, 3, summoned_on=summoned, status=PlanStatus.SUMMONED)
    march = D(2025, 3, 5)
    _plan(cast, world.children, march, 21, first_meeting_on=march + dt.timedelta(days=5))
    _plan(cast, world.children, march, 21, status=PlanStatus.PREPARING)
    # Plans of another municipality are not Karlstad's to count.
    for _ in range(5):
        _plan(cast, world.children, january, 21, unit=cast.arvika_unit, first_meeting_on=january)
    return world


def _row(statistics: Statistics, label: str, month: dt.date | None = None) -> Row:
    rows = statistics.by_group if month is None else statistics.by_month
    [row] = [r for r in rows if r.label == label and r.month == month]
    return row


def _karlstad(cast: Cast, filters: Filters = PERIOD) -> Statistics:
    return compute(statistics_organisations(cast.actor(cast.maria)), filters, today=TODAY)


def test_the_median_reads_the_middle_of_a_histogram() -> None:
    assert median(Counter()) is None
    assert median(Counter({7: 1})) == 7
    assert median(Counter({10: 1, 14: 1, 20: 1, 21: 1, 25: 1, 30: 1})) == 20.5
    assert median(Counter({3: 2, 9: 1})) == 3
    assert median(Counter({1: 1, 2: 1, 8: 2})) == 5


def test_plans_deadlines_and_medians_per_month(cast: Cast, world: PlanWorld) -> None:
    statistics = _karlstad(cast)
    unit = "Barn och unga, Socialtjänsten Karlstad"

    january = _row(statistics, unit, D(2025, 1, 1)).cells()
    assert january["requested"].text == "6"
    assert january["deadline_due"].text == "6"
    assert january["deadline_share"].value == 66.7
    assert january["deadline_share"].text == "66,7\u00a0%"
    assert january["median_days"].text == "20,5"

    february = _row(statistics, unit, D(2025, 2, 1)).cells()
    # Five plans, but hidden: with them shown, March's two could be worked out from the period's 13 (secondary
    # suppression, test_statistics_suppression.py). Per agreement, February's discharge plans stand alone.
    assert (february["requested"].text, february["deadline_share"].text) == ("dold", "dold")
    assert february["median_days"].text == "–"
    per_profile = _karlstad(cast, Filters(start=PERIOD.start, end=PERIOD.end, grouping=Grouping.PROFILE))
    discharge = _row(per_profile, world.discharge.name, D(2025, 2, 1)).cells()
    assert (discharge["requested"].text, discharge["deadline_share"].value) == ("5", 60.0)

    march = _row(statistics, unit, D(2025, 3, 1)).cells()
    assert march["requested"].text == "färre än 5"
    assert march["requested"].value is None and march["requested"].suppressed
    assert march["deadline_share"].text == "färre än 5"
    assert march["median_days"].text == "färre än 5"


def test_the_whole_period_adds_the_months_up(cast: Cast, world: PlanWorld) -> None:
    cells = _row(_karlstad(cast), "Barn och unga, Socialtjänsten Karlstad").cells()
    assert cells["requested"].value == 13
    # 4 + 3 + 1 kept of 6 + 5 + 2 known outcomes.
    assert cells["deadline_share"].value == round(100 * 8 / 13, 1)
    # 5, 10, 14, 20, 21, 25, 30
    assert cells["median_days"].value == 20


def test_grouping_by_profile(cast: Cast, world: PlanWorld) -> None:
    statistics = _karlstad(cast, Filters(PERIOD.start, PERIOD.end, Grouping.PROFILE))
    assert [row.label for row in statistics.by_group] == [
        "Barn och unga (Värmland)",
        "Utskrivning från sluten vård (Värmland)",
    ]
    assert _row(statistics, "Barn och unga (Värmland)").cells()["requested"].value == 8
    assert _row(statistics, "Utskrivning från sluten vård (Värmland)").cells()["deadline_share"].value == 60.0


def test_an_undecided_deadline_is_not_counted_yet(cast: Cast, world: PlanWorld) -> None:
    # On 10 March the plan requested on 5 March has neither met its milestone nor passed its deadline.
    statistics = compute(statistics_organisations(cast.actor(cast.maria)), PERIOD, today=D(2025, 3, 10))
    march = _row(statistics, "Barn och unga, Socialtjänsten Karlstad", D(2025, 3, 1))
    assert (march.measures.requested, march.measures.deadline_due, march.measures.deadline_met) == (2, 1, 1)


def _version(cast: Cast, plan: Plan) -> PlanVersion:
    return PlanVersion.objects.create(
        plan=plan, number=1, established_at=timezone.now(), established_by=cast.anna, content={}
    )


def test_follow_ups_on_time_count_the_missed_ones_too(cast: Cast, world: PlanWorld) -> None:
    plans = list(Plan.objects.filter(initiating_unit=cast.barn_och_unga, requested_on=D(2025, 1, 10)))
    due = D(2025, 3, 1)
    for plan, held in zip(plans, (D(2025, 2, 28), due, due, D(2025, 3, 5), D(2025, 3, 10)), strict=False):
        FollowUp.objects.create(
            plan=plan,
            version=_version(cast, plan),
            due_on=due,
            held_on=held,
            goals_assessment="partly",
            person_view="Det går bättre.",
            recorded_by=cast.anna,
        )
    # The sixth plan's follow-up was planned for 15 March and never recorded.
    Plan.objects.filter(pk=plans[5].pk).update(next_followup_on=D(2025, 3, 15))

    cells = _row(_karlstad(cast), "Barn och unga, Socialtjänsten Karlstad").cells()
    assert cells["followups_due"].value == 6
    assert cells["followups_share"].value == 50.0


def test_commitments_done_on_time_per_committed_unit(cast: Cast, world: PlanWorld) -> None:
    plan = Plan.objects.filter(initiating_unit=cast.barn_och_unga).first()
    assert plan is not None
    due = D(2025, 2, 15)

    def commitment(unit: Unit, status: str, done_on: dt.date | None = None, removed: bool = False) -> None:
        Commitment.objects.create(
            plan=plan,
            what="Insats",
            unit=unit,
            starts_on=D(2025, 2, 1),
            due_on=due,
            status=status,
            done_on=done_on,
            removed=removed,
        )

    for done_on in (D(2025, 2, 10), D(2025, 2, 14), due, due, D(2025, 2, 20)):
        commitment(cast.barn_och_unga, CommitmentStatus.DONE, done_on)
    commitment(cast.barn_och_unga, CommitmentStatus.IN_PROGRESS)  # overdue
    commitment(cast.barn_och_unga, CommitmentStatus.CANCELLED)
    commitment(cast.barn_och_unga, CommitmentStatus.PLANNED, removed=True)
    commitment(cast.bup_unit, CommitmentStatus.IN_PROGRESS)  # the region's, not Karlstad's

    statistics = _karlstad(cast)
    cells = _row(statistics, "Barn och unga, Socialtjänsten Karlstad").cells()
    assert cells["commitments_due"].value == 6
    assert cells["commitments_share"].value == 66.7
    assert "BUP Karlstad, BUP Värmland" not in [row.label for row in statistics.by_group]


def test_invited_units_that_declined_or_did_not_come(cast: Cast, world: PlanWorld) -> None:
    plans = list(Plan.objects.filter(initiating_unit=cast.barn_och_unga).order_by("pk")[:7])
    sent = timezone.make_aware(dt.datetime.combine(D(2025, 2, 10), dt.time(9)))
    outcomes = ["declined", "declined", "absent", "came", "came", "came", "came"]
    for plan, outcome in zip(plans, outcomes, strict=True):
        invitation = Invitation.objects.create(
            plan=plan,
            unit=cast.bup_unit,
            reason="Ångest",
            sent_at=sent,
            status=InvitationStatus.DECLINED if outcome == "declined" else InvitationStatus.ACCEPTED,
            decline_reason="Ingen kapacitet" if outcome == "declined" else "",
        )
        if outcome != "declined":
            meeting = Meeting.objects.create(
                plan=plan, starts_at=sent, ends_at=sent + dt.timedelta(hours=1), location="Rum 1", held=True
            )
            Attendance.objects.create(meeting=meeting, invitation=invitation, attended=outcome == "came")

    cells = _row(_karlstad(cast), "BUP Karlstad, BUP Värmland").cells()
    assert cells["invited"].value == 7
    assert cells["did_not_take_part"].text == "färre än 5"
    # 3 of 7 as a share would give the suppressed count back (3/7 of 7): hidden with it.
    assert cells["did_not_take_part_share"].suppressed and cells["did_not_take_part_share"].value is None


def test_no_cell_names_a_person(cast: Cast, world: PlanWorld) -> None:
    statistics = _karlstad(cast)
    texts = [row.label for row in [*statistics.by_group, *statistics.by_month]]
    texts += [cell.text for row in statistics.by_month for cell in row.cell_list()]
    assert not [text for text in texts if "Elsa" in text or "Lind" in text]
