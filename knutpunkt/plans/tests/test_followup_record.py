"""Following up a plan: recorded as its own event against the version in force, marked on time or late against
the date set, with the person's view required; a plan that must change goes back to planning."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from knutpunkt.audit.models import AuditEvent
from knutpunkt.plans.models import GoalAssessment, Plan, PlanStatus
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.plans import PlanWorld, established_plan, make_profiles, planning_plan


@pytest.fixture
def world(cast: Cast) -> PlanWorld:
    return make_profiles(cast)


@pytest.fixture
def plan(cast: Cast, world: PlanWorld) -> Plan:
    return established_plan(cast, world)


def _url(plan: Plan) -> str:
    return reverse("plans:followup", kwargs={"plan_uuid": plan.uuid})


def _form(**changes: Any) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "held_on": today,
        "goals_assessment": GoalAssessment.PARTLY,
        "goals_comment": "Elsa är i skolan tre dagar i veckan.",
        "commitments_comment": "BUP har haft två samtal.",
        "person_view": "Det går bättre, men morgnarna är svåra.",
        "next_followup_on": today + dt.timedelta(days=90),
        **changes,
    }


def _due(plan: Plan, days_from_today: int) -> None:
    """The follow-up date set at establishment, moved as if time had passed."""
    Plan.objects.filter(pk=plan.pk).update(next_followup_on=timezone.localdate() + dt.timedelta(days=days_from_today))


def test_the_outsider_is_refused(cast: Cast, plan: Plan) -> None:
    olle = cast.client(cast.olle)
    assert olle.get(_url(plan)).status_code == 404
    assert olle.post(_url(plan), _form()).status_code == 404
    assert not plan.followups.exists()


def test_the_form_shows_each_commitment_with_its_due_date_and_status(cast: Cast, plan: Plan) -> None:
    body = cast.client(cast.anna).get(_url(plan)).content.decode()
    commitment = plan.commitments.get()
    assert "Boka samtal" in body and "Planerad" in body
    assert f"{commitment.due_on.day} " in body
    assert "Registrera uppföljningen" in body


def test_a_follow_up_held_on_the_day_is_on_time(cast: Cast, plan: Plan) -> None:
    _due(plan, 0)
    response = cast.client(cast.anna).post(_url(plan), _form(), follow=True)
    followup = plan.followups.get()
    assert followup.on_time and followup.version.number == 1
    body = response.content.decode()
    assert "Uppföljningen är registrerad (i tid)." in body
    assert "I tid</span>" in body
    plan.refresh_from_db()
    assert plan.next_followup_on == timezone.localdate() + dt.timedelta(days=90)
    assert AuditEvent.objects.filter(event="plan.followed_up", actor=cast.anna).exists()


def test_a_follow_up_held_after_the_date_is_late_and_says_by_how_much(cast: Cast, plan: Plan) -> None:
    _due(plan, -10)
    cast.client(cast.anna).post(_url(plan), _form(held_on=timezone.localdate() - dt.timedelta(days=3)))
    followup = plan.followups.get()
    assert not followup.on_time
    body = cast.client(cast.cecilia).get(_url(plan)).content.decode()  # the region sees the follow-ups
    assert "Sen, 7 dagar" in body


def test_an_overdue_follow_up_is_flagged_in_words(cast: Cast, plan: Plan) -> None:
    _due(plan, -2)
    assert "Försenad</span>" in cast.client(cast.anna).get(_url(plan)).content.decode()


def test_the_persons_view_is_required(cast: Cast, plan: Plan) -> None:
    response = cast.client(cast.anna).post(_url(plan), _form(person_view=""))
    assert 'class="error-summary"' in response.content.decode()
    assert not plan.followups.exists()


def test_without_changes_the_next_follow_up_must_come_after(cast: Cast, plan: Plan) -> None:
    response = cast.client(cast.anna).post(_url(plan), _form(next_followup_on=""))
    assert "Ange nästa uppföljning, efter den här." in response.content.decode()
    assert not plan.followups.exists()


def test_a_follow_up_cannot_be_recorded_in_advance(cast: Cast, plan: Plan) -> None:
    response = cast.client(cast.anna).post(_url(plan), _form(held_on=timezone.localdate() + dt.timedelta(days=1)))
    assert "kan inte registreras i förväg" in response.content.decode()


def test_a_plan_that_must_change_goes_back_to_planning(cast: Cast, plan: Plan) -> None:
    response = cast.client(cast.anna).post(_url(plan), _form(plan_changes="on", next_followup_on=""))
    assert response["Location"] == reverse("plans:content", kwargs={"plan_uuid": plan.uuid})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PLANNING and plan.followups.get().plan_changes


def test_only_the_lead_records_a_follow_up(cast: Cast, plan: Plan) -> None:
    cecilia = cast.client(cast.cecilia)
    assert "Det är den huvudman som leder planen" in cecilia.get(_url(plan)).content.decode()
    assert cecilia.post(_url(plan), _form()).status_code == 404
    assert not plan.followups.exists()


def test_a_plan_not_yet_established_has_nothing_to_follow_up(cast: Cast, world: PlanWorld) -> None:
    draft = planning_plan(cast, world)
    anna = cast.client(cast.anna)
    assert "Planen följs upp när den har fastställts." in anna.get(_url(draft)).content.decode()
    assert anna.post(_url(draft), _form()).status_code == 404
