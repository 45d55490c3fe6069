"""Whose reminders: "Mitt arbete" shows the user's own (plans they requested, plans where they represent their
unit, and unanswered invitations anyone in the unit may answer); "Vår enhet" shows all of the unit's."""

from __future__ import annotations

import pytest
from django.utils import timezone

from knutpunkt.plans import actions
from knutpunkt.plans.models import Reminder, ReminderKind
from knutpunkt.plans.worklists import Scope, work_list
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.plans import PlanWorld, make_profiles, requested_plan, summoned_plan


@pytest.fixture
def world(cast: Cast) -> PlanWorld:
    return make_profiles(cast)


def _remind(unit_id: int, plan_id: int, kind: str, key: str) -> Reminder:
    today = timezone.localdate()
    return Reminder.objects.create(
        unit_id=unit_id,
        plan_id=plan_id,
        kind=kind,
        message="Påminnelse",
        params={"date": f"{today}"},
        due_on=today,
        key=key,
    )


def _shown(cast: Cast, user: object, scope: Scope) -> set[str]:
    return {item.reminder.key for item in work_list(cast.actor(user), scope).reminders}  # type: ignore[arg-type]


def test_my_work_shows_reminders_about_plans_i_requested(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)  # requested by Anna
    _remind(cast.barn_och_unga.pk, plan.pk, ReminderKind.DEADLINE_NEAR, "annas")
    assert _shown(cast, cast.anna, Scope.MINE) == {"annas"}
    assert _shown(cast, cast.bo, Scope.MINE) == set()


def test_the_unit_list_shows_all_of_the_units_reminders(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    _remind(cast.barn_och_unga.pk, plan.pk, ReminderKind.DEADLINE_NEAR, "annas")
    assert _shown(cast, cast.maria, Scope.UNIT) == {"annas"}


def test_my_work_shows_reminders_where_i_represent_my_unit(cast: Cast, world: PlanWorld) -> None:
    plan, _meeting, invitation = summoned_plan(cast, world)
    _remind(cast.bup_unit.pk, plan.pk, ReminderKind.MEETING_SOON, "meeting")
    assert _shown(cast, cast.cecilia, Scope.MINE) == set()
    cecilia = cast.actor(cast.cecilia)
    actions.answer_invitation(cecilia, invitation, accept=True, representative_name=str(cast.cecilia))
    invitation.refresh_from_db()
    assert invitation.representative == cast.cecilia
    assert _shown(cast, cast.cecilia, Scope.MINE) == {"meeting"}


def test_an_unanswered_invitation_is_everyones_in_the_unit(cast: Cast, world: PlanWorld) -> None:
    plan, _meeting, _invitation = summoned_plan(cast, world)
    _remind(cast.bup_unit.pk, plan.pk, ReminderKind.INVITATION_UNANSWERED, "invitation")
    assert _shown(cast, cast.cecilia, Scope.MINE) == {"invitation"}
