"""The plan page: what everyone who may see the plan reads, and the actions only the leading organisation gets."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from knutpunkt.audit.models import AuditEvent, LegalGround
from knutpunkt.people.actions import withdraw_consent
from knutpunkt.plans import actions
from knutpunkt.plans.models import Plan
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.plans import PlanWorld, make_profiles, requested_plan, summoned_plan


@pytest.fixture
def world(cast: Cast) -> PlanWorld:
    return make_profiles(cast)


def _url(plan: Plan) -> str:
    return reverse("plans:detail", kwargs={"plan_uuid": plan.uuid})


def test_the_lead_sees_the_whole_plan_with_the_next_step(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    response = cast.client(cast.anna).get(_url(plan))
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<h1") == 1
    assert "SIP för Elsa Lind" in content
    assert "Att få gå i skolan utan att ha ont i magen." in content
    assert content.index("Att få gå i skolan") < content.index("Skolfrånvaro, oro och ångest")  # own words first
    assert "Nästa steg" in content
    assert reverse("plans:meeting_book", kwargs={"plan_uuid": plan.uuid}) in content
    assert 'aria-current="step"' in content
    assert "Inte bestämt ännu. Socialtjänsten Karlstad leder arbetet tills vidare." in content
    assert AuditEvent.objects.filter(event="plan.viewed", actor=cast.anna, legal_ground=LegalGround.OWN_RECORDS)


def test_consent_exclusions_are_shown_prominently(cast: Cast, world: PlanWorld) -> None:
    cast.elsa_consent.excluded_information = "Uppgifter om pappans missbruk"
    cast.elsa_consent.save()
    plan = requested_plan(cast, world)
    content = cast.client(cast.anna).get(_url(plan)).content.decode()
    assert "Får inte delas:" in content
    assert "Uppgifter om pappans missbruk" in content


def test_the_region_sees_the_plan_only_once_invited_and_loses_it_when_consent_is_withdrawn(
    cast: Cast, world: PlanWorld
) -> None:
    plan = requested_plan(cast, world)
    cecilia = cast.client(cast.cecilia)
    assert cecilia.get(_url(plan)).status_code == 404  # the invitation is still a draft

    start = timezone.now() + dt.timedelta(days=3)
    actions.book_meeting(
        cast.actor(cast.anna), plan, starts_at=start, ends_at=start + dt.timedelta(hours=1), location="Rum 3"
    )
    actions.send_invitations(cast.actor(cast.anna), plan)
    response = cecilia.get(_url(plan))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Elsa Lind" in content
    assert "Nästa steg" not in content  # only the lead gets the calls to action
    assert reverse("plans:prepare", kwargs={"plan_uuid": plan.uuid}) not in content
    assert reverse("plans:meeting_book", kwargs={"plan_uuid": plan.uuid}) not in content
    assert AuditEvent.objects.filter(event="plan.viewed", actor=cast.cecilia, legal_ground=LegalGround.CONSENT)

    withdraw_consent(cast.actor(cast.anna), cast.elsa_consent, "Elsa återkallade muntligt")
    assert cecilia.get(_url(plan)).status_code == 404
    lead_page = cast.client(cast.anna).get(_url(plan)).content.decode()
    assert "Samtycket som planen bygger på gäller inte längre." in lead_page


def test_a_declined_invitation_shows_its_reason_to_the_requester(cast: Cast, world: PlanWorld) -> None:
    plan, _meeting, invitation = summoned_plan(cast, world)
    actions.answer_invitation(
        cast.actor(cast.cecilia), invitation, accept=False, decline_reason="Elsa har ingen pågående kontakt med BUP"
    )
    content = cast.client(cast.anna).get(_url(plan)).content.decode()
    assert "Avböjd" in content
    assert "Elsa har ingen pågående kontakt med BUP" in content


def test_an_accepted_invitation_names_the_representative(cast: Cast, world: PlanWorld) -> None:
    plan, _meeting, invitation = summoned_plan(cast, world)
    actions.answer_invitation(
        cast.actor(cast.cecilia),
        invitation,
        accept=True,
        representative_name="Cecilia Carlsson",
        representative_phone="054-61 00 00",
    )
    content = cast.client(cast.bo).get(_url(plan)).content.decode()
    assert "Företrädare: Cecilia Carlsson, 054-61 00 00" in content
    assert reverse("plans:meeting_record", kwargs={"plan_uuid": plan.uuid, "meeting_uuid": _meeting.uuid}) not in (
        content
    )  # the meeting has not started yet


def test_a_closed_plan_offers_no_actions(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    actions.close_plan(cast.actor(cast.anna), plan, "person_declined")
    content = cast.client(cast.anna).get(_url(plan)).content.decode()
    assert "Avslutad" in content
    assert reverse("plans:prepare", kwargs={"plan_uuid": plan.uuid}) not in content


def test_the_outsider_is_refused(cast: Cast, world: PlanWorld) -> None:
    plan, _meeting, _invitation = summoned_plan(cast, world)
    response = cast.client(cast.olle).get(_url(plan))
    assert response.status_code == 404
    assert "Elsa" not in response.content.decode()
    assert cast.client(cast.ali).get(_url(plan)).status_code == 404
