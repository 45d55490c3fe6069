"""The invited unit's side: its inbox of invitations and the answer, accept with a representative or decline with
a reason that the requester sees."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from knutpunkt.audit.models import AuditEvent, LegalGround
from knutpunkt.plans.models import Invitation, InvitationStatus
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.plans import PlanWorld, make_profiles, requested_plan, summoned_plan

INBOX = reverse("plans:invitations_inbox")


@pytest.fixture
def world(cast: Cast) -> PlanWorld:
    return make_profiles(cast)


def _url(invitation: Invitation) -> str:
    return reverse("plans:invitation_answer", kwargs={"invitation_uuid": invitation.uuid})


def _form(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "answer": "accept",
        "representative_name": "Cecilia Carlsson",
        "representative_phone": "054-61 00 00",
        "decline_reason": "",
    }
    data.update(overrides)
    return data


def test_the_inbox_lists_invitations_waiting_for_an_answer(cast: Cast, world: PlanWorld) -> None:
    _plan, _meeting, invitation = summoned_plan(cast, world)
    response = cast.client(cast.cecilia).get(INBOX)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Svara: SIP för Elsa Lind" in content
    assert _url(invitation) in content
    assert AuditEvent.objects.filter(event="plan.listed", actor=cast.cecilia, legal_ground=LegalGround.CONSENT)


def test_a_draft_invitation_is_not_in_the_inbox(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    assert "Elsa" not in cast.client(cast.cecilia).get(INBOX).content.decode()
    assert cast.client(cast.cecilia).get(_url(plan.invitations.get())).status_code == 404


def test_the_answer_form_is_prefilled_with_the_actors_name(cast: Cast, world: PlanWorld) -> None:
    _plan, _meeting, invitation = summoned_plan(cast, world)
    response = cast.client(cast.cecilia).get(_url(invitation))
    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="Cecilia Carlsson"' in content
    assert "Inbjudan till BUP Karlstad" in content
    assert AuditEvent.objects.filter(event="plan.viewed", actor=cast.cecilia).exists()


def test_accepting_names_the_representative(cast: Cast, world: PlanWorld) -> None:
    plan, _meeting, invitation = summoned_plan(cast, world)
    response = cast.client(cast.cecilia).post(_url(invitation), _form())
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", kwargs={"plan_uuid": plan.uuid})
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
    assert invitation.representative == cast.cecilia
    assert invitation.representative_phone == "054-61 00 00"
    assert "Elsa" not in cast.client(cast.cecilia).get(INBOX).content.decode()  # answered


def test_accepting_without_a_representative_is_an_error(cast: Cast, world: PlanWorld) -> None:
    _plan, _meeting, invitation = summoned_plan(cast, world)
    response = cast.client(cast.cecilia).post(_url(invitation), _form(representative_name=" "))
    assert "Ange vem som företräder enheten." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING


def test_declining_needs_a_reason_which_the_requester_then_sees(cast: Cast, world: PlanWorld) -> None:
    plan, _meeting, invitation = summoned_plan(cast, world)
    cecilia = cast.client(cast.cecilia)
    response = cecilia.post(_url(invitation), _form(answer="decline"))
    assert "Ange skälet till att ni avböjer." in response.content.decode()

    response = cecilia.post(_url(invitation), _form(answer="decline", decline_reason="Ingen pågående kontakt"))
    assert response.status_code == 302
    assert response["Location"] == INBOX
    invitation.refresh_from_db()
    assert (invitation.status, invitation.decline_reason) == (InvitationStatus.DECLINED, "Ingen pågående kontakt")
    assert cecilia.get(_url(invitation)).status_code == 404  # the region no longer takes part
    page = cast.client(cast.anna).get(reverse("plans:detail", kwargs={"plan_uuid": plan.uuid})).content.decode()
    assert "Ingen pågående kontakt" in page


def test_only_the_invited_unit_answers(cast: Cast, world: PlanWorld) -> None:
    _plan, _meeting, invitation = summoned_plan(cast, world)
    assert cast.client(cast.anna).get(_url(invitation)).status_code == 404
    assert cast.client(cast.anna).post(_url(invitation), _form(representative_name="Anna")).status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING


def test_the_outsider_is_refused(cast: Cast, world: PlanWorld) -> None:
    _plan, _meeting, invitation = summoned_plan(cast, world)
    olle = cast.client(cast.olle)
    assert olle.get(_url(invitation)).status_code == 404
    assert olle.post(_url(invitation), _form(representative_name="Olle")).status_code == 404
    inbox = olle.get(INBOX)
    assert inbox.status_code == 200 and "Elsa" not in inbox.content.decode()
    assert cast.client(cast.adam).get(INBOX).status_code == 404
