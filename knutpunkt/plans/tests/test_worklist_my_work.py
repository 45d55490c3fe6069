"""The work list "Mitt arbete": the user's own items of every kind, most urgent first, with days left in words,
logged, and in a constant number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from knutpunkt.audit.models import AuditEvent, LegalGround
from knutpunkt.people.actions import withdraw_consent
from knutpunkt.plans.deadlines import DayCount, add_days
from knutpunkt.plans.models import Commitment, Plan
from knutpunkt.plans.worklists import ItemKind, Scope, days_left_text, work_list
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.plans import PlanWorld, make_profiles, requested_plan, summoned_plan

MY_WORK = reverse("plans:my_work")


@pytest.fixture
def world(cast: Cast) -> PlanWorld:
    return make_profiles(cast)


def _commitment(cast: Cast, plan: Plan, due_in: int, what: str = "Boka samtal med skolan") -> Commitment:
    today = timezone.localdate()
    return Commitment.objects.create(
        plan=plan,
        what=what,
        unit=cast.barn_och_unga,
        starts_on=today - dt.timedelta(days=30),
        due_on=today + dt.timedelta(days=due_in),
    )


def test_days_left_are_said_in_words_so_overdue_is_not_told_by_colour_alone() -> None:
    assert days_left_text(-3) == "3 dagar försenad"
    assert days_left_text(-1) == "1 dag försenad"
    assert days_left_text(0) == "I dag"
    assert days_left_text(1) == "I morgon"
    assert days_left_text(5) == "5 dagar kvar"


def test_items_of_every_kind_are_sorted_by_urgency_overdue_first(cast: Cast, world: PlanWorld) -> None:
    today = timezone.localdate()
    overdue_request = requested_plan(cast, world, days_ago=25)  # deadline 4 days ago
    plan, _meeting, _invitation = summoned_plan(cast, world)  # meeting in 3 days
    _commitment(cast, plan, due_in=-2)
    _commitment(cast, plan, due_in=10, what="Ordna skolskjuts")
    Plan.objects.filter(pk=plan.pk).update(next_followup_on=today + dt.timedelta(days=1))

    work = work_list(cast.actor(cast.anna), Scope.MINE, today=today)

    assert [(item.kind, item.days_left) for item in work.items] == [
        (ItemKind.REQUEST, -4),
        (ItemKind.COMMITMENT, -2),
        (ItemKind.FOLLOWUP, 1),
        (ItemKind.MEETING, 3),
        (ItemKind.COMMITMENT, 10),
    ]
    assert work.items[0].plan == overdue_request
    assert work.overdue == 2


def test_the_page_shows_overdue_items_in_text_first(cast: Cast, world: PlanWorld) -> None:
    requested_plan(cast, world, days_ago=25)
    plan = requested_plan(cast, world, days_ago=1)
    _commitment(cast, plan, due_in=-3)

    response = cast.client(cast.anna).get(MY_WORK)

    content = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    assert content.index("4 dagar försenad") < content.index("3 dagar försenad") < content.index("20 dagar kvar")
    assert "Elsa Lind" in content
    assert "Boka samtal med skolan" in content


def test_only_the_users_own_requests_are_theirs(cast: Cast, world: PlanWorld) -> None:
    requested_plan(cast, world)  # requested by Anna
    work = work_list(cast.actor(cast.bo), Scope.MINE)
    assert [item for item in work.items if item.kind is ItemKind.REQUEST] == []


def test_an_invited_unit_sees_the_invitation_with_its_answer_deadline(cast: Cast, world: PlanWorld) -> None:
    _plan, _meeting, invitation = summoned_plan(cast, world)
    work = work_list(cast.actor(cast.cecilia), Scope.MINE)

    kinds = {item.kind: item for item in work.items}
    assert set(kinds) == {ItemKind.INVITATION}  # the meeting is hers once she represents the unit
    assert invitation.sent_at is not None
    due = add_days(timezone.localdate(invitation.sent_at), 2, DayCount.WORKING)
    assert kinds[ItemKind.INVITATION].due_on == due


def test_the_representative_sees_the_meeting_ahead(cast: Cast, world: PlanWorld) -> None:
    from knutpunkt.plans import actions

    _plan, _meeting, invitation = summoned_plan(cast, world)
    actions.answer_invitation(cast.actor(cast.cecilia), invitation, accept=True, representative_name=str(cast.cecilia))
    work = work_list(cast.actor(cast.cecilia), Scope.MINE)
    assert [item.kind for item in work.items] == [ItemKind.MEETING]


def test_a_withdrawn_consent_takes_the_plan_off_the_other_organisations_list(cast: Cast, world: PlanWorld) -> None:
    summoned_plan(cast, world)
    withdraw_consent(cast.actor(cast.anna), cast.elsa_consent, reason="Vill inte längre")
    assert work_list(cast.actor(cast.cecilia), Scope.MINE).items == []


def test_every_person_shown_is_logged_once_per_ground(cast: Cast, world: PlanWorld) -> None:
    requested_plan(cast, world, days_ago=2)
    requested_plan(cast, world, days_ago=3)
    cast.client(cast.anna).get(MY_WORK)
    events = AuditEvent.objects.filter(event="plan.listed")
    assert [(e.person, e.legal_ground, e.detail) for e in events] == [
        (cast.elsa, LegalGround.OWN_RECORDS, {"list": "mine"})
    ]


def test_the_number_of_queries_does_not_grow_with_the_items(cast: Cast, world: PlanWorld) -> None:
    client = cast.client(cast.anna)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(MY_WORK).status_code == 200
        return len(captured.captured_queries)

    plan, _meeting, _invitation = summoned_plan(cast, world)
    _commitment(cast, plan, due_in=2)
    few = queries()
    for days_ago in (1, 2, 3, 4):
        more, _m, _i = summoned_plan(cast, world)
        Plan.objects.filter(pk=more.pk).update(next_followup_on=timezone.localdate())
        _commitment(cast, more, due_in=days_ago)
        requested_plan(cast, world, days_ago=days_ago)
    assert queries() == few


def test_a_kind_with_more_than_the_limit_offers_more(
    cast: Cast, world: PlanWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("knutpunkt.plans.worklists.LIMIT", 2)
    monkeypatch.setattr("knutpunkt.plans.views.worklists.LIMIT", 2)
    for days_ago in (1, 2, 3):
        requested_plan(cast, world, days_ago=days_ago)
    client = cast.client(cast.anna)

    first = client.get(MY_WORK).content.decode()
    assert "?typ=request" in first

    second_page = client.get(MY_WORK, {"typ": "request", "sida": "2"}).content.decode()
    assert "20 dagar kvar" in second_page  # the least urgent, requested one day ago
    assert "18 dagar kvar" not in second_page


def test_a_bad_query_string_is_not_found(cast: Cast, world: PlanWorld) -> None:
    client = cast.client(cast.anna)
    assert client.get(MY_WORK, {"typ": "nonsense"}).status_code == 404
    assert client.get(MY_WORK, {"sida": "0"}).status_code == 404


@pytest.mark.parametrize("user", ["olle", "ali", "adam"])
def test_the_outsider_and_roles_without_personal_data_see_nothing(cast: Cast, world: PlanWorld, user: str) -> None:
    requested_plan(cast, world)
    response = cast.client(getattr(cast, user)).get(MY_WORK)
    if user == "olle":
        assert response.status_code == 200
        assert "Elsa" not in response.content.decode()
    else:
        assert response.status_code == 404
