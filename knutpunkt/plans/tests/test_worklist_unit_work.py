"""The work list "Vår enhet": everything of the unit for its manager, with the unit's reminders; nobody else sees it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from knutpunkt.plans import actions
from knutpunkt.plans.models import Commitment, Plan, Reminder, ReminderKind
from knutpunkt.plans.worklists import ItemKind, Scope, work_list
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.plans import PlanWorld, make_profiles, requested_plan, summoned_plan

UNIT_WORK = reverse("plans:unit_work")


@pytest.fixture
def world(cast: Cast) -> PlanWorld:
    return make_profiles(cast)


def test_the_manager_sees_every_colleagues_items(cast: Cast, world: PlanWorld) -> None:
    by_anna = requested_plan(cast, world, days_ago=3)
    by_bo = actions.request_plan(
        cast.actor(cast.bo),
        cast.elsa,
        profile=world.children,
        requested_on=timezone.localdate() - dt.timedelta(days=10),
        reason="Oro för skolgången",
    )
    work = work_list(cast.actor(cast.maria), Scope.UNIT)
    assert [item.plan for item in work.items if item.kind is ItemKind.REQUEST] == [by_bo, by_anna]


def test_the_unit_sees_follow_ups_of_plans_it_leads(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    Plan.objects.filter(pk=plan.pk).update(
        next_followup_on=timezone.localdate() - dt.timedelta(days=2), summoned_on=timezone.localdate()
    )
    work = work_list(cast.actor(cast.maria), Scope.UNIT)
    assert [(item.kind, item.days_left) for item in work.items] == [(ItemKind.FOLLOWUP, -2)]
    # The invited region does not lead the plan: no follow-up on its list.
    summoned = summoned_plan(cast, world)[0]
    Plan.objects.filter(pk=summoned.pk).update(next_followup_on=timezone.localdate())
    assert all(item.kind is not ItemKind.FOLLOWUP for item in work_list(cast.actor(cast.cecilia), Scope.UNIT).items)


def test_the_page_lists_the_units_commitments_and_reminders(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    today = timezone.localdate()
    Commitment.objects.create(
        plan=plan, what="Hembesök", unit=cast.barn_och_unga, starts_on=today, due_on=today + dt.timedelta(days=2)
    )
    Reminder.objects.create(
        unit=cast.barn_och_unga,
        plan=plan,
        kind=ReminderKind.COMMITMENT_DUE,
        message="Ett åtagande ska vara klart snart.",
        due_on=today,
        key="test:1",
    )

    response = cast.client(cast.maria).get(UNIT_WORK)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Hembesök" in content
    assert "2 dagar kvar" in content
    assert "Ett åtagande ska vara klart snart." in content
    assert reverse("plans:reminder_dismiss", args=[Reminder.objects.get().uuid]) in content


@pytest.mark.parametrize("user", ["anna", "olle", "ali", "adam", "cecilia"])
def test_only_unit_managers_see_the_unit_list(cast: Cast, world: PlanWorld, user: str) -> None:
    requested_plan(cast, world)
    assert cast.client(getattr(cast, user)).get(UNIT_WORK).status_code == 404
