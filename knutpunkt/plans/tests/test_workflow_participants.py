"""The person and relatives, invited on their terms."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from knutpunkt.plans.models import Participant, ParticipantRole, Plan
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.plans import PlanWorld, make_profiles, requested_plan, summoned_plan


@pytest.fixture
def world(cast: Cast) -> PlanWorld:
    return make_profiles(cast)


def _url(plan: Plan) -> str:
    return reverse("plans:participant_add", kwargs={"plan_uuid": plan.uuid})


def _form(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "role": ParticipantRole.GUARDIAN,
        "person": "",
        "name": "",
        "contact_preference": "Sms efter kl. 15",
        "needs": "Tolk på arabiska",
        "attends": "yes",
    }
    data.update(overrides)
    return data


def test_a_guardian_is_linked_and_named_from_the_register(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    client = cast.client(cast.anna)
    page = client.get(_url(plan)).content.decode()
    assert "Karin Lind" in page and "Lars Lind" in page
    response = client.post(_url(plan), _form(person=cast.karin.pk))
    assert response.status_code == 302
    participant = Participant.objects.get(plan=plan)
    assert (participant.person, participant.name, participant.needs) == (cast.karin, "Karin Lind", "Tolk på arabiska")
    assert participant.attends
    assert "Tolk på arabiska" in client.get(reverse("plans:detail", kwargs={"plan_uuid": plan.uuid})).content.decode()


def test_a_relative_without_a_record_needs_a_name(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    client = cast.client(cast.anna)
    response = client.post(_url(plan), _form(role=ParticipantRole.RELATIVE))
    assert "Ange ett namn eller koppla till en person." in response.content.decode()
    response = client.post(_url(plan), _form(role=ParticipantRole.RELATIVE, name="Mormor Ingrid", attends="no"))
    assert response.status_code == 302
    assert not Participant.objects.get(plan=plan).attends


def test_only_the_person_and_their_guardians_can_be_linked(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    response = cast.client(cast.anna).post(_url(plan), _form(person=cast.sam.pk))
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert not Participant.objects.exists()


def test_the_invited_region_cannot_add_participants(cast: Cast, world: PlanWorld) -> None:
    plan, _meeting, _invitation = summoned_plan(cast, world)
    assert cast.client(cast.cecilia).post(_url(plan), _form(name="X")).status_code == 404


def test_the_outsider_is_refused(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    assert cast.client(cast.olle).get(_url(plan)).status_code == 404
    assert cast.client(cast.olle).post(_url(plan), _form(name="X")).status_code == 404
    assert not Participant.objects.exists()
