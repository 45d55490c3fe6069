"""Requesting a SIP from the person page: who may, what the form checks, and the deadline shown afterwards."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from knutpunkt.plans.models import Invitation, InvitationStatus, Plan
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.plans import PlanWorld, make_profiles


@pytest.fixture
def world(cast: Cast) -> PlanWorld:
    return make_profiles(cast)


def _url(cast: Cast) -> str:
    return reverse("plans:request", kwargs={"person_uuid": cast.elsa.uuid})


def _form(world: PlanWorld, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "profile": world.children.pk,
        "requested_on": (timezone.localdate() - dt.timedelta(days=2)).isoformat(),
        "reason": "Skolfrånvaro och oro; familjen behöver samordnat stöd.",
        "initiative": "agency",
        "initiative_detail": "Elevhälsan på Sundstaskolan",
    }
    data.update(overrides)
    return data


def test_the_person_page_offers_a_sip_to_the_organisation_with_own_records(cast: Cast, world: PlanWorld) -> None:
    person_page = reverse("people:detail", kwargs={"person_uuid": cast.elsa.uuid})
    assert _url(cast) in cast.client(cast.anna).get(person_page).content.decode()
    assert _url(cast) not in cast.client(cast.cecilia).get(person_page).content.decode()


def test_the_form_offers_the_profiles_and_units_grouped_by_organisation(cast: Cast, world: PlanWorld) -> None:
    response = cast.client(cast.anna).get(_url(cast))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Barn och unga (Värmland)" in content
    assert "<legend>BUP Värmland</legend>" in content
    assert f'value="{cast.bup_unit.uuid}"' in content
    assert f'value="{cast.barn_och_unga.uuid}"' not in content  # the requesting unit itself
    assert f'value="{timezone.localdate().isoformat()}"' in content


def test_a_request_creates_the_plan_with_draft_invitations_and_shows_the_deadline(cast: Cast, world: PlanWorld) -> None:
    client = cast.client(cast.anna)
    response = client.post(_url(cast), _form(world, units_needed=[str(cast.bup_unit.uuid)]))
    plan = Plan.objects.get(person=cast.elsa)
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", kwargs={"plan_uuid": plan.uuid})
    assert plan.deadline == plan.requested_on + dt.timedelta(days=21)
    assert plan.requested_on_behalf_of.endswith("genom sin personal: Elevhälsan på Sundstaskolan")
    invitation = Invitation.objects.get(plan=plan)
    assert (invitation.unit, invitation.status) == (cast.bup_unit, InvitationStatus.DRAFT)
    page = client.get(response["Location"]).content.decode()
    assert "SIP-mötet ska vara hållet senast" in page
    assert "(21 kalenderdagar från begäran)" in page


def test_a_request_dated_in_the_future_is_refused_in_swedish(cast: Cast, world: PlanWorld) -> None:
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = cast.client(cast.anna).post(_url(cast), _form(world, requested_on=tomorrow))
    assert response.status_code == 200
    assert "Begäran kan inte vara daterad i framtiden." in response.content.decode()
    assert not Plan.objects.exists()


def test_missing_reason_and_agency_name_are_errors_and_nothing_is_lost(cast: Cast, world: PlanWorld) -> None:
    response = cast.client(cast.anna).post(_url(cast), _form(world, reason="", initiative_detail=""))
    content = response.content.decode()
    assert "Detta fält måste fyllas i." in content
    assert "Ange vilken myndighet eller verksamhet som tog initiativet." in content
    assert not Plan.objects.exists()


def test_a_profile_the_principal_has_not_signed_is_refused(cast: Cast, world: PlanWorld) -> None:
    world.discharge.principals.set([cast.region])
    response = cast.client(cast.anna).post(_url(cast), _form(world, profile=world.discharge.pk))
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert not Plan.objects.exists()


def test_without_an_agreement_the_page_says_so(cast: Cast) -> None:
    response = cast.client(cast.anna).get(_url(cast))
    assert "ingen aktiv överenskommelse" in response.content.decode()


def test_the_region_seeing_the_person_by_consent_may_not_request(cast: Cast, world: PlanWorld) -> None:
    assert cast.client(cast.cecilia).get(_url(cast)).status_code == 404
    assert cast.client(cast.cecilia).post(_url(cast), _form(world)).status_code == 404


def test_the_outsider_is_refused(cast: Cast, world: PlanWorld) -> None:
    assert cast.client(cast.olle).get(_url(cast)).status_code == 404
    assert cast.client(cast.olle).post(_url(cast), _form(world)).status_code == 404
    assert not Plan.objects.exists()
