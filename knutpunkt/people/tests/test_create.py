"""Registering a person: the number is parsed, the birth date follows it, the creator's organisation gets a
registration, and an existing number is refused without telling anything about that person."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from knutpunkt.audit.models import AuditEvent
from knutpunkt.people.identity import IdentityKind
from knutpunkt.people.models import Person, Protection, Registration
from knutpunkt.testing.cast import Cast

CREATE = reverse("people:create")


def _form(**overrides: Any) -> dict[str, Any]:
    data = {
        "identity_kind": IdentityKind.PERSONNUMMER,
        "identity_number": "20170101-2393",
        "first_name": "Nora",
        "last_name": "Nilsson",
        "date_of_birth": "",
        "phone": "070-123 45 67",
        "email": "",
        "street_address": "Ågatan 3",
        "postal_code": "65225",
        "city": "Karlstad",
        "protection": Protection.NONE,
        "reason": "Utredning, barn och unga",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_register_person_with_personnummer_derives_birth_date_and_registers_own_unit(cast: Cast) -> None:
    response = cast.client(cast.anna).post(CREATE, _form())
    person = Person.objects.get(identity_number="201701012393")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", kwargs={"person_uuid": person.uuid})
    assert person.date_of_birth == dt.date(2017, 1, 1)
    assert person.identity_kind == IdentityKind.PERSONNUMMER
    assert person.registered_by == cast.social_karlstad
    registration = Registration.objects.get(person=person)
    assert (registration.organisation, registration.unit, registration.created_by) == (
        cast.social_karlstad,
        cast.barn_och_unga,
        cast.anna,
    )
    assert registration.reason == "Utredning, barn och unga"
    created = AuditEvent.objects.get(event="person.created")
    assert created.person == person and created.actor == cast.anna
    assert "201701012393" not in str(created.detail) + created.object_label + created.person_label


@pytest.mark.django_db
def test_creator_can_open_the_new_person(cast: Cast) -> None:
    response = cast.client(cast.anna).post(CREATE, _form(), follow=True)
    assert response.status_code == 200
    assert "Nora Nilsson" in response.content.decode()


@pytest.mark.django_db
def test_samordningsnummer_is_registered_with_its_real_birth_date(cast: Cast) -> None:
    cast.client(cast.anna).post(
        CREATE, _form(identity_kind=IdentityKind.SAMORDNINGSNUMMER, identity_number="191401682396")
    )
    person = Person.objects.get(identity_number="191401682396")
    assert person.identity_kind == IdentityKind.SAMORDNINGSNUMMER
    assert person.date_of_birth == dt.date(1914, 1, 8)


@pytest.mark.django_db
def test_reserve_number_requires_a_date_of_birth(cast: Cast) -> None:
    client = cast.client(cast.anna)
    response = client.post(CREATE, _form(identity_kind=IdentityKind.RESERVE, identity_number="R-2024-17"))
    assert "Ange födelsedatum. Numret innehåller inget datum." in response.content.decode()
    assert not Person.objects.filter(identity_number="R202417").exists()
    client.post(
        CREATE, _form(identity_kind=IdentityKind.RESERVE, identity_number="R-2024-17", date_of_birth="1985-05-05")
    )
    assert Person.objects.get(identity_number="R202417").date_of_birth == dt.date(1985, 5, 5)


@pytest.mark.django_db
def test_birth_date_that_contradicts_the_number_is_refused(cast: Cast) -> None:
    response = cast.client(cast.anna).post(CREATE, _form(date_of_birth="2017-01-02"))
    assert "Födelsedatumet stämmer inte med numret" in response.content.decode()
    assert not Person.objects.filter(identity_number="201701012393").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "typed", "message"),
    [
        (IdentityKind.PERSONNUMMER, "20170101-2394", "Kontrollsiffran stämmer inte"),
        (IdentityKind.PERSONNUMMER, "2017-01-01", "Numret ska ha 10 eller 12 siffror"),
        (IdentityKind.PERSONNUMMER, "191401682396", "Det här är ett samordningsnummer, inte ett personnummer."),
        (IdentityKind.SAMORDNINGSNUMMER, "201701012393", "Ett samordningsnummer har födelsedagen plus 60."),
    ],
)
def test_bad_numbers_give_swedish_errors_and_create_nothing(cast: Cast, kind: str, typed: str, message: str) -> None:
    before = (Person.objects.count(), Registration.objects.count(), AuditEvent.objects.count())
    response = cast.client(cast.anna).post(CREATE, _form(identity_kind=kind, identity_number=typed))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (Person.objects.count(), Registration.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.django_db
def test_required_reason_and_names(cast: Cast) -> None:
    response = cast.client(cast.anna).post(CREATE, _form(reason="", first_name=""))
    assert response.status_code == 200
    assert response.content.decode().count("Detta fält måste fyllas i.") >= 2
    assert not Person.objects.filter(identity_number="201701012393").exists()


@pytest.mark.django_db
def test_protection_help_says_no_flag_is_not_safe(cast: Cast) -> None:
    content = cast.client(cast.anna).get(CREATE).content.decode()
    assert "fingerade personuppgifter har ingen markering" in content


@pytest.mark.django_db
def test_existing_number_is_refused_without_revealing_the_person(cast: Cast) -> None:
    typed = _form(identity_number="19900103-2383", first_name="X", last_name="Y", street_address="", city="Arvika")
    response = cast.client(cast.olle).post(CREATE, typed)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Det finns redan en person med det här numret i Knutpunkt" in content
    for secret in ("Sam Skog", "Skog", "Hemlig väg", "Socialtjänsten Karlstad", "protected-marker"):
        assert secret not in content
    assert Person.objects.filter(identity_number="199001032383").count() == 1
    refused = AuditEvent.objects.get(event="person.create_refused")
    assert refused.person is None and refused.person_label == "" and refused.had_relation is False
    assert not Registration.objects.filter(person=cast.sam, organisation=cast.social_arvika).exists()


@pytest.mark.django_db
def test_existing_number_reads_the_same_whether_visible_or_not(cast: Cast) -> None:
    visible = cast.client(cast.anna).post(CREATE, _form(identity_number="201101062394", first_name="X", city=""))
    hidden = cast.client(cast.olle).post(CREATE, _form(identity_number="201101062394", first_name="X", city=""))

    def message_part(content: str) -> str:
        return content[content.index('<div class="error-summary"') : content.index("<form")]

    assert message_part(visible.content.decode()) == message_part(hidden.content.decode())
    assert AuditEvent.objects.get(event="person.create_refused", actor=cast.anna).person == cast.elsa


@pytest.mark.django_db
def test_protected_registration_can_be_recorded(cast: Cast) -> None:
    cast.client(cast.anna).post(CREATE, _form(protection=Protection.CONFIDENTIALITY_MARKING))
    assert Person.objects.get(identity_number="201701012393").protection == Protection.CONFIDENTIALITY_MARKING
