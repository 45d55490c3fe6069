"""Changing and removing the person's and relatives' participation: for those who may edit the plan, with the
plan's lock version, logged; the person the plan is for is never removed while the plan is open."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from knutpunkt.audit.models import AuditEvent
from knutpunkt.plans import actions
from knutpunkt.plans.models import Participant, ParticipantRole, Plan
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.plans import PlanWorld, make_profiles, requested_plan, summoned_plan


@pytest.fixture
def world(cast: Cast) -> PlanWorld:
    return make_profiles(cast)


def _participants(cast: Cast, plan: Plan) -> tuple[Participant, Participant]:
    anna = cast.actor(cast.anna)
    elsa = actions.add_participant(anna, plan, role=ParticipantRole.PERSON, name="Elsa Lind", person=cast.elsa)
    karin = actions.add_participant(anna, plan, role=ParticipantRole.GUARDIAN, name="Karin Lind", person=cast.karin)
    return elsa, karin


def _edit(participant: Participant) -> str:
    kwargs = {"plan_uuid": participant.plan.uuid, "participant_uuid": participant.uuid}
    return reverse("plans:participant_edit", kwargs=kwargs)


def _remove(participant: Participant) -> str:
    kwargs = {"plan_uuid": participant.plan.uuid, "participant_uuid": participant.uuid}
    return reverse("plans:participant_remove", kwargs=kwargs)


def _form(plan: Plan, **overrides: Any) -> dict[str, Any]:
    plan.refresh_from_db()
    data: dict[str, Any] = {
        "lock_version": plan.lock_version,
        "role": ParticipantRole.GUARDIAN,
        "name": "Karin Lind",
        "contact_preference": "Ring efter kl. 16",
        "needs": "Tolk på arabiska",
        "attends": "no",
    }
    data.update(overrides)
    return data


def test_a_change_is_saved_with_the_lock_version_and_logged(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    _elsa, karin = _participants(cast, plan)
    version = Plan.objects.get(pk=plan.pk).lock_version
    response = cast.client(cast.anna).post(_edit(karin), _form(plan))
    assert response.status_code == 302
    karin.refresh_from_db()
    assert (karin.contact_preference, karin.needs, karin.attends) == ("Ring efter kl. 16", "Tolk på arabiska", False)
    assert Plan.objects.get(pk=plan.pk).lock_version == version + 1
    event = AuditEvent.objects.filter(event="plan.participant_changed").get()
    assert (event.object_uuid, event.person_id) == (karin.uuid, cast.elsa.pk)
    assert sorted(event.detail["fields"]) == ["attends", "contact_preference", "needs"]


def test_a_change_from_a_stale_page_changes_nothing(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    _elsa, karin = _participants(cast, plan)
    stale = _form(plan)
    actions.update_preparation(cast.actor(cast.bo), plan, stale["lock_version"], {"meeting_questions": "Skolan?"})
    response = cast.client(cast.anna).post(_edit(karin), stale)
    assert response.status_code == 200
    assert "Någon annan har sparat ändringar i planen" in response.content.decode()
    karin.refresh_from_db()
    assert karin.attends and karin.contact_preference == ""
    assert not AuditEvent.objects.filter(event="plan.participant_changed").exists()


def test_a_relative_is_removed_kept_and_logged(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    _elsa, karin = _participants(cast, plan)
    client = cast.client(cast.anna)
    response = client.post(_remove(karin), {"lock_version": _form(plan)["lock_version"]})
    assert response.status_code == 302
    karin.refresh_from_db()
    assert karin.removed
    assert AuditEvent.objects.filter(event="plan.participant_removed", object_uuid=karin.uuid).count() == 1
    page = client.get(reverse("plans:detail", kwargs={"plan_uuid": plan.uuid})).content.decode()
    assert "Ändra Karin Lind" not in page and "Ändra Elsa Lind" in page
    assert client.get(_edit(karin)).status_code == 404


def test_the_person_the_plan_is_for_cannot_be_removed_while_it_is_open(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    elsa, _karin = _participants(cast, plan)
    client = cast.client(cast.anna)
    assert "kan inte tas bort medan planen pågår" in client.get(_remove(elsa)).content.decode()
    response = client.post(_remove(elsa), {"lock_version": _form(plan)["lock_version"]})
    assert response.status_code == 200
    elsa.refresh_from_db()
    assert not elsa.removed
    assert not AuditEvent.objects.filter(event="plan.participant_removed").exists()


def test_the_person_keeps_their_role(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    elsa, _karin = _participants(cast, plan)
    response = cast.client(cast.anna).post(_edit(elsa), _form(plan, name="Elsa Lind", attends="no"))
    assert response.status_code == 302
    elsa.refresh_from_db()
    assert (elsa.role, elsa.attends) == (ParticipantRole.PERSON, False)


def test_a_unit_that_takes_part_may_change_participants(cast: Cast, world: PlanWorld) -> None:
    plan, _meeting, invitation = summoned_plan(cast, world)
    _elsa, karin = _participants(cast, plan)
    cecilia = cast.client(cast.cecilia)
    assert cecilia.get(_edit(karin)).status_code == 404  # invited, not yet taking part
    actions.answer_invitation(cast.actor(cast.cecilia), invitation, accept=True, representative_name="Cecilia")
    assert cecilia.post(_edit(karin), _form(plan)).status_code == 302


def test_the_outsider_is_refused(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    _elsa, karin = _participants(cast, plan)
    olle = cast.client(cast.olle)
    assert olle.get(_edit(karin)).status_code == 404
    assert olle.post(_remove(karin), {"lock_version": _form(plan)["lock_version"]}).status_code == 404
    karin.refresh_from_db()
    assert not karin.removed
