"""Inviting units: adding and withdrawing invitations, and sending them under the consent, by e-mail with a
calendar file to each unit's function address that never names the person."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks

from knutpunkt.plans import actions
from knutpunkt.plans.models import Invitation, InvitationStatus, Plan, PlanStatus
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.plans import PlanWorld, make_profiles, requested_plan, summoned_plan


@pytest.fixture
def world(cast: Cast) -> PlanWorld:
    return make_profiles(cast)


def _add(plan: Plan) -> str:
    return reverse("plans:invitation_add", kwargs={"plan_uuid": plan.uuid})


def _send(plan: Plan) -> str:
    return reverse("plans:invitations_send", kwargs={"plan_uuid": plan.uuid})


def _withdraw(plan: Plan, invitation: Invitation) -> str:
    return reverse("plans:invitation_withdraw", kwargs={"plan_uuid": plan.uuid, "invitation_uuid": invitation.uuid})


def _book(cast: Cast, plan: Plan) -> None:
    start = timezone.now() + dt.timedelta(days=4)
    actions.book_meeting(
        cast.actor(cast.anna), plan, starts_at=start, ends_at=start + dt.timedelta(hours=1), location="Rum 3"
    )


def test_the_form_offers_units_not_yet_invited(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    content = cast.client(cast.anna).get(_add(plan)).content.decode()
    assert f'value="{cast.arvika_unit.uuid}"' in content
    assert f'value="{cast.bup_unit.uuid}"' not in content  # already invited as a draft
    assert '<optgroup label="Socialtjänsten Arvika">' in content


def test_adding_a_unit_the_consent_does_not_cover_warns(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    client = cast.client(cast.anna)
    response = client.post(_add(plan), {"unit": str(cast.arvika_unit.uuid), "reason": "Tidigare kontakt"})
    assert response.status_code == 302
    assert plan.invitations.filter(unit=cast.arvika_unit, status=InvitationStatus.DRAFT).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Samtycket omfattar inte Socialtjänsten Arvika." in page


def test_a_unit_and_a_reason_are_required(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    response = cast.client(cast.anna).post(_add(plan), {"unit": "", "reason": ""})
    content = response.content.decode()
    assert "Enhet: Detta fält måste fyllas i." in content
    assert "Varför enheten behövs: Detta fält måste fyllas i." in content


def test_the_send_page_shows_which_organisations_the_consent_covers(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    actions.add_invitation(cast.actor(cast.anna), plan, cast.arvika_unit, "Tidigare kontakt")
    _book(cast, plan)
    content = cast.client(cast.anna).get(_send(plan)).content.decode()
    assert "Samtycket omfattar: BUP Värmland, Socialtjänsten Karlstad." in content
    assert "bup@example.org" in content and "bof@example.org" in content
    assert '<span class="badge badge--danger">Nej</span>' in content


def test_sending_refused_by_the_consent_says_why_and_sends_nothing(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    actions.add_invitation(cast.actor(cast.anna), plan, cast.arvika_unit, "Tidigare kontakt")
    _book(cast, plan)
    response = cast.client(cast.anna).post(_send(plan))
    assert response.status_code == 200
    assert "Samtycket omfattar inte: Socialtjänsten Arvika." in response.content.decode()
    assert mail.outbox == []
    assert not plan.invitations.filter(status=InvitationStatus.PENDING).exists()


def test_sending_without_a_meeting_is_refused(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    response = cast.client(cast.anna).post(_send(plan))
    assert "Boka mötet innan inbjudningarna skickas." in response.content.decode()


def test_sending_mails_each_unit_a_calendar_file_without_the_persons_name(
    cast: Cast, world: PlanWorld, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    plan = requested_plan(cast, world)
    _book(cast, plan)
    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client(cast.anna).post(_send(plan))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUMMONED
    assert plan.summoned_on == timezone.localdate()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["bup@example.org"]
    name, calendar, mimetype = message.attachments[0]
    assert name == "sip-mote.ics" and mimetype.startswith("text/calendar")
    assert "BEGIN:VEVENT" in calendar and f"UID:{plan.meetings.get().uuid}@knutpunkt" in calendar
    for text in (message.subject, message.body, calendar):
        assert "Elsa" not in text and "Lind" not in text and "201101" not in text


def test_withdrawing_an_invitation(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    invitation = plan.invitations.get()
    client = cast.client(cast.anna)
    assert "Ta tillbaka inbjudan" in client.get(_withdraw(plan, invitation)).content.decode()
    assert client.post(_withdraw(plan, invitation)).status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.WITHDRAWN
    assert client.get(_withdraw(plan, invitation)).status_code == 404  # already withdrawn
    # The unit can be invited again.
    assert f'value="{cast.bup_unit.uuid}"' in client.get(_add(plan)).content.decode()


def test_the_invited_region_cannot_manage_invitations(cast: Cast, world: PlanWorld) -> None:
    plan, _meeting, invitation = summoned_plan(cast, world)
    cecilia = cast.client(cast.cecilia)
    assert cecilia.get(_add(plan)).status_code == 404
    assert cecilia.post(_send(plan)).status_code == 404
    assert cecilia.post(_withdraw(plan, invitation)).status_code == 404


def test_the_outsider_is_refused(cast: Cast, world: PlanWorld) -> None:
    plan = requested_plan(cast, world)
    invitation = plan.invitations.get()
    olle = cast.client(cast.olle)
    for url in (_add(plan), _send(plan), _withdraw(plan, invitation)):
        assert olle.get(url).status_code == 404
        assert olle.post(url, {"unit": str(cast.arvika_unit.uuid), "reason": "x"}).status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DRAFT
    assert plan.invitations.count() == 1
