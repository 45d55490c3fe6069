"""Ending the own organisation's registration: a reason from a fixed list, logged, and access follows at once."""

from __future__ import annotations

import pytest
from django.urls import reverse

from knutpunkt.audit.models import AuditEvent
from knutpunkt.people.models import Registration
from knutpunkt.testing.cast import Cast


def _end_url(cast: Cast, registration: Registration) -> str:
    return reverse(
        "people:registration_end",
        kwargs={"person_uuid": registration.person.uuid, "registration_uuid": registration.uuid},
    )


@pytest.mark.django_db
def test_ending_the_only_ground_hides_the_person_at_once(cast: Cast) -> None:
    registration = Registration.objects.get(person=cast.sam)
    client = cast.client(cast.anna)
    assert (
        "Efter avregistreringen ser ingen i er organisation personen längre."
        in client.get(_end_url(cast, registration)).content.decode()
    )
    response = client.post(_end_url(cast, registration), {"reason": "closed"})
    assert response["Location"] == reverse("people:search")
    registration.refresh_from_db()
    assert registration.ended_at is not None
    event = AuditEvent.objects.get(event="person.registration_ended")
    assert event.person == cast.sam and event.detail == {"reason": "closed"}
    assert client.get(reverse("people:detail", kwargs={"person_uuid": cast.sam.uuid})).status_code == 404


@pytest.mark.django_db
def test_a_consent_keeps_the_person_visible_after_the_registration_ends(cast: Cast) -> None:
    registration = Registration.objects.get(person=cast.elsa)
    client = cast.client(cast.anna)
    assert "ni ser fortfarande personen" in client.get(_end_url(cast, registration)).content.decode()
    response = client.post(_end_url(cast, registration), {"reason": "moved"})
    assert response["Location"] == reverse("people:detail", kwargs={"person_uuid": cast.elsa.uuid})
    page = client.get(response["Location"]).content.decode()
    assert "Ni ser personen genom: Samtycke" in page
    assert "Ändra uppgifter" not in page


@pytest.mark.django_db
def test_a_reason_is_required(cast: Cast) -> None:
    registration = Registration.objects.get(person=cast.elsa)
    response = cast.client(cast.anna).post(_end_url(cast, registration), {})
    assert response.status_code == 200
    assert "Detta fält måste fyllas i." in response.content.decode()
    registration.refresh_from_db()
    assert registration.ended_at is None


@pytest.mark.django_db
def test_another_organisations_registration_cannot_be_ended(cast: Cast) -> None:
    bup_registration = Registration.objects.create(
        person=cast.elsa, organisation=cast.bup, unit=cast.bup_unit, reason="Patient", created_by=cast.cecilia
    )
    assert cast.client(cast.anna).post(_end_url(cast, bup_registration), {"reason": "closed"}).status_code == 404
    karlstad = Registration.objects.get(person=cast.elsa, organisation=cast.social_karlstad)
    assert cast.client(cast.cecilia).post(_end_url(cast, karlstad), {"reason": "closed"}).status_code == 404
    assert Registration.objects.filter(person=cast.elsa, ended_at__isnull=True).count() == 2
