"""The person page: legal ground, masked number, protected address behind a logged confirmation, and only what
the actor's organisation may know about relations, registrations and consents."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from knutpunkt.audit.models import AuditEvent
from knutpunkt.people.models import Consent, ConsentForm, ConsentGiver, ConsentPurpose, Registration
from knutpunkt.testing.cast import Cast


def _detail(person_uuid: object) -> str:
    return reverse("people:detail", kwargs={"person_uuid": person_uuid})


def _reveal(person_uuid: object) -> str:
    return reverse("people:reveal_address", kwargs={"person_uuid": person_uuid})


def _share_sam_with_bup(cast: Cast) -> Consent:
    today = timezone.localdate()
    consent = Consent.objects.create(
        person=cast.sam,
        purpose=ConsentPurpose.COORDINATED_PLAN,
        given_by=ConsentGiver.PERSON,
        form=ConsentForm.WRITTEN,
        valid_from=today,
        valid_until=today + dt.timedelta(days=100),
        recorded_by=cast.anna,
        recorded_unit=cast.barn_och_unga,
    )
    consent.organisations.set([cast.social_karlstad, cast.bup])
    return consent


@pytest.mark.django_db
def test_person_page_shows_masked_number_age_and_ground(cast: Cast) -> None:
    response = cast.client(cast.anna).get(_detail(cast.elsa.uuid))
    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Elsa Lind</h1>" in content
    assert "20110106-****" in content
    assert "20110106-2394" in content  # behind "Visa hela numret"; the page view is logged
    assert f"{cast.elsa.age} år" in content
    assert "Ni ser personen genom: Egen verksamhet" in content
    assert AuditEvent.objects.filter(event="person.viewed", person=cast.elsa, legal_ground="own_records").exists()


@pytest.mark.django_db
def test_region_staff_sees_elsa_through_consent(cast: Cast) -> None:
    response = cast.client(cast.cecilia).get(_detail(cast.elsa.uuid))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Ni ser personen genom: Samtycke" in content
    assert "Storgatan 1" in content  # not protected: the address may be shared under the consent
    assert "Ändra uppgifter" not in content and "Registrera samtycke" not in content
    viewed = AuditEvent.objects.get(event="person.viewed", person=cast.elsa)
    assert viewed.legal_ground == "consent" and viewed.unit == cast.bup_unit


@pytest.mark.django_db
def test_region_staff_no_longer_sees_elsa_the_moment_consent_is_withdrawn(cast: Cast) -> None:
    client = cast.client(cast.cecilia)
    assert client.get(_detail(cast.elsa.uuid)).status_code == 200
    Consent.objects.filter(pk=cast.elsa_consent.pk).update(withdrawn_at=timezone.now(), withdrawn_by=cast.anna)
    assert client.get(_detail(cast.elsa.uuid)).status_code == 404


@pytest.mark.django_db
def test_unflagged_person_page_says_no_flag_is_not_safe(cast: Cast) -> None:
    content = cast.client(cast.anna).get(_detail(cast.elsa.uuid)).content.decode()
    assert "Det betyder inte att personen är trygg" in content
    assert "protected-marker" not in content.split("<h2>Vårdnadshavare")[0]


@pytest.mark.django_db
def test_protected_person_is_marked_and_address_hidden_until_confirmed(cast: Cast) -> None:
    content = cast.client(cast.anna).get(_detail(cast.sam.uuid)).content.decode()
    assert 'class="protected-marker"' in content
    assert "Skyddad folkbokföring" in content
    assert "Hemlig väg" not in content
    assert "Visa skyddad adress" in content
    assert not AuditEvent.objects.filter(event="person.protected_address_viewed").exists()


@pytest.mark.django_db
def test_registering_organisation_sees_protected_address_after_confirmation_and_it_is_logged(cast: Cast) -> None:
    response = cast.client(cast.anna).post(_reveal(cast.sam.uuid))
    assert response.status_code == 200
    assert "Hemlig väg 7" in response.content.decode()
    event = AuditEvent.objects.get(event="person.protected_address_viewed")
    assert (event.person, event.actor, event.unit) == (cast.sam, cast.anna, cast.barn_och_unga)


@pytest.mark.django_db
def test_reveal_needs_post(cast: Cast) -> None:
    assert cast.client(cast.anna).get(_reveal(cast.sam.uuid)).status_code == 405
    assert not AuditEvent.objects.filter(event="person.protected_address_viewed").exists()


@pytest.mark.django_db
def test_other_organisation_never_sees_a_protected_address(cast: Cast) -> None:
    _share_sam_with_bup(cast)
    client = cast.client(cast.cecilia)
    page = client.get(_detail(cast.sam.uuid))
    content = page.content.decode()
    assert page.status_code == 200
    assert "Hemlig väg" not in content and "Visa skyddad adress" not in content
    assert "Adressen är skyddad och visas inte för er organisation." in content
    assert client.post(_reveal(cast.sam.uuid)).status_code == 404
    assert not AuditEvent.objects.filter(event="person.protected_address_viewed").exists()


@pytest.mark.django_db
def test_other_organisation_with_own_registration_still_never_sees_protected_address(cast: Cast) -> None:
    Registration.objects.create(
        person=cast.sam, organisation=cast.bup, unit=cast.bup_unit, reason="Patient", created_by=cast.cecilia
    )
    client = cast.client(cast.cecilia)
    assert "Hemlig väg" not in client.get(_detail(cast.sam.uuid)).content.decode()
    assert client.post(_reveal(cast.sam.uuid)).status_code == 404
    edit = client.get(reverse("people:edit", kwargs={"person_uuid": cast.sam.uuid}))
    assert edit.status_code == 200
    assert "Hemlig väg" not in edit.content.decode() and 'name="street_address"' not in edit.content.decode()


@pytest.mark.django_db
def test_guardians_are_listed_with_the_child(cast: Cast) -> None:
    for user in (cast.anna, cast.cecilia):
        content = cast.client(user).get(_detail(cast.elsa.uuid)).content.decode()
        assert "Karin Lind" in content and "Lars Lind" in content
    # Cecilia sees the names, but may not open the guardians, who are not covered by the consent.
    content = cast.client(cast.cecilia).get(_detail(cast.elsa.uuid)).content.decode()
    assert reverse("people:detail", kwargs={"person_uuid": cast.karin.uuid}) not in content


@pytest.mark.django_db
def test_guardian_page_shows_the_child_only_when_visible(cast: Cast) -> None:
    content = cast.client(cast.anna).get(_detail(cast.karin.uuid)).content.decode()
    assert "Är vårdnadshavare eller närstående för" in content and "Elsa Lind" in content


@pytest.mark.django_db
def test_only_own_organisations_registrations_are_shown(cast: Cast) -> None:
    Registration.objects.create(
        person=cast.elsa, organisation=cast.bup, unit=cast.bup_unit, reason="Patient på BUP", created_by=cast.cecilia
    )
    anna = cast.client(cast.anna).get(_detail(cast.elsa.uuid)).content.decode()
    assert "Utredning" in anna and "Patient på BUP" not in anna
    cecilia = cast.client(cast.cecilia).get(_detail(cast.elsa.uuid)).content.decode()
    assert "Patient på BUP" in cecilia and "Utredning" not in cecilia


@pytest.mark.django_db
def test_consent_history_shows_status_badges(cast: Cast) -> None:
    Consent.objects.filter(pk=cast.elsa_consent.pk).update(withdrawn_at=timezone.now(), withdrawn_by=cast.anna)
    content = cast.client(cast.anna).get(_detail(cast.elsa.uuid)).content.decode()
    assert 'class="badge badge--danger">Återkallat' in content
    assert (
        reverse("people:consent_detail", kwargs={"person_uuid": cast.elsa.uuid, "consent_uuid": cast.elsa_consent.uuid})
        in content
    )


@pytest.mark.django_db
def test_consents_naming_other_organisations_only_are_not_shown(cast: Cast) -> None:
    hidden = _share_sam_with_bup(cast)
    hidden.organisations.set([cast.bup, cast.social_arvika])
    Consent.objects.filter(pk=hidden.pk).update(recorded_unit=cast.bup_unit, person=cast.elsa)
    content = cast.client(cast.anna).get(_detail(cast.elsa.uuid)).content.decode()
    assert str(hidden.uuid) not in content
