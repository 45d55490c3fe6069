"""The reminder job: which reminders it makes, to which unit, and that it never makes one twice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from knutpunkt.people.actions import withdraw_consent
from knutpunkt.plans import actions
from knutpunkt.plans.models import Commitment, Plan, Reminder, ReminderKind
from knutpunkt.plans.reminders import make_reminders
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.plans import PlanWorld, make_profiles, requested_plan, summoned_plan


@pytest.fixture
def world(cast: Cast) -> PlanWorld:
    return make_profiles(cast)


def _reminders() -> list[tuple[str, str]]:
    return sorted((r.kind, r.unit.name) for r in Reminder.objects.select_related("unit"))


def test_a_deadline_three_days_ahead_reminds_the_requesting_unit_once(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world, days_ago=18)  # the deadline is in 3 days
    today = timezone.localdate()

    assert make_reminders(today) == 1
    assert make_reminders(today) == 0
    assert make_reminders(today + dt.timedelta(days=1)) == 0

    reminder = Reminder.objects.get()
    assert (reminder.kind, reminder.unit, reminder.plan, reminder.due_on) == (
        ReminderKind.DEADLINE_NEAR,
        cast.barn_och_unga,
        plan,
        plan.deadline,
    )
    assert reminder.key == f"deadline_near:{plan.uuid}:3"
    assert "Elsa" not in reminder.message


def test_no_reminder_before_the_threshold(cast: Cast, world: PlanWorld) -> None:
    requested_plan(cast, world, days_ago=17)  # four days left
    assert make_reminders(timezone.localdate()) == 0


def test_a_passed_deadline_gets_its_own_reminder(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world, days_ago=18)
    make_reminders(timezone.localdate())
    assert make_reminders(plan.deadline + dt.timedelta(days=1)) == 1
    assert _reminders() == [
        (ReminderKind.DEADLINE_NEAR, "Barn och unga"),
        (ReminderKind.DEADLINE_PASSED, "Barn och unga"),
    ]


def test_a_reached_milestone_ends_the_deadline_reminders(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world, days_ago=25)
    Plan.objects.filter(pk=plan.pk).update(first_meeting_on=plan.deadline)
    assert make_reminders(timezone.localdate()) == 0


def test_a_summons_deadline_is_met_by_the_summons(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world, days_ago=25)
    Plan.objects.filter(pk=plan.pk).update(profile=world.discharge, summoned_on=plan.requested_on)
    assert make_reminders(timezone.localdate()) == 0


def test_an_invitation_unanswered_for_two_working_days_reminds_the_invited_unit(cast: Cast, world: PlanWorld) -> None:
    _plan, _meeting, invitation = summoned_plan(cast, world)
    today = timezone.localdate()
    assert make_reminders(today) == 0
    invitation.sent_at = timezone.now() - dt.timedelta(days=10)
    invitation.save(update_fields=["sent_at"])

    assert make_reminders(today) == 1
    reminder = Reminder.objects.get()
    assert (reminder.kind, reminder.unit) == (ReminderKind.INVITATION_UNANSWERED, cast.bup_unit)
    assert reminder.key == f"invitation_unanswered:{invitation.uuid}:2"


def test_no_reminder_to_an_organisation_the_consent_no_longer_names(cast: Cast, world: PlanWorld) -> None:
    _plan, _meeting, invitation = summoned_plan(cast, world)
    invitation.sent_at = timezone.now() - dt.timedelta(days=10)
    invitation.save(update_fields=["sent_at"])
    withdraw_consent(cast.actor(cast.anna), cast.elsa_consent, reason="Vill inte längre")
    assert make_reminders(timezone.localdate()) == 0


def test_a_meeting_tomorrow_reminds_every_unit_taking_part(cast: Cast, world: PlanWorld) -> None:
    _plan, meeting, _invitation = summoned_plan(cast, world)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    meeting.starts_at = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time(10)))
    meeting.ends_at = meeting.starts_at + dt.timedelta(hours=1)
    meeting.save()

    assert make_reminders(timezone.localdate()) == 2
    assert _reminders() == [(ReminderKind.MEETING_SOON, "BUP Karlstad"), (ReminderKind.MEETING_SOON, "Barn och unga")]
    assert {r.message for r in Reminder.objects.all()} == {f"SIP-möte i morgon {tomorrow:%Y-%m-%d} kl. 10:00."}
    assert make_reminders(timezone.localdate()) == 0


def test_commitments_remind_the_committed_unit_before_and_after_the_due_date(cast: Cast, world: PlanWorld) -> None:
    plan, _meeting, invitation = summoned_plan(cast, world)
    actions.answer_invitation(cast.actor(cast.cecilia), invitation, accept=True, representative_name="Cecilia")
    Reminder.objects.all().delete()
    today = timezone.localdate()
    soon = Commitment.objects.create(
        plan=plan, what="Bedömning", unit=cast.bup_unit, starts_on=today, due_on=today + dt.timedelta(days=3)
    )
    Commitment.objects.create(
        plan=plan, what="Hembesök", unit=cast.barn_och_unga, starts_on=today - dt.timedelta(days=9), due_on=today
    )
    Commitment.objects.create(
        plan=plan,
        what="Möte med skolan",
        unit=cast.barn_och_unga,
        starts_on=today - dt.timedelta(days=9),
        due_on=today - dt.timedelta(days=1),
    )
    Commitment.objects.create(
        plan=plan, what="Klart", unit=cast.barn_och_unga, starts_on=today, due_on=today, status="done", done_on=today
    )

    assert make_reminders(today) == 3
    assert _reminders() == [
        (ReminderKind.COMMITMENT_DUE, "BUP Karlstad"),
        (ReminderKind.COMMITMENT_DUE, "Barn och unga"),
        (ReminderKind.COMMITMENT_OVERDUE, "Barn och unga"),
    ]
    assert Reminder.objects.filter(key=f"commitment_due:{soon.uuid}:3:{soon.due_on:%Y-%m-%d}").exists()


def test_a_follow_up_reminds_the_leading_organisations_unit(cast: Cast, world: PlanWorld) -> None:
    plan, _meeting, invitation = summoned_plan(cast, world)
    actions.answer_invitation(cast.actor(cast.cecilia), invitation, accept=True, representative_name="Cecilia")
    Reminder.objects.all().delete()
    today = timezone.localdate()
    Plan.objects.filter(pk=plan.pk).update(next_followup_on=today + dt.timedelta(days=7))

    assert make_reminders(today) == 1
    assert _reminders() == [(ReminderKind.FOLLOWUP_DUE, "Barn och unga")]

    # Overall responsibility moves to the region: its unit in the plan is reminded of the next follow-up.
    Plan.objects.filter(pk=plan.pk).update(overall_responsible=cast.bup, next_followup_on=today - dt.timedelta(days=1))
    assert make_reminders(today) == 1
    assert Reminder.objects.get(kind=ReminderKind.FOLLOWUP_OVERDUE).unit == cast.bup_unit


def test_closed_plans_get_no_reminders(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world, days_ago=19)
    actions.close_plan(cast.actor(cast.anna), plan, "person_declined")
    assert make_reminders(timezone.localdate()) == 0
