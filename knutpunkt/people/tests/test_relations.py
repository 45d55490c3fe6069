"""Guardians and relatives: added by number among people the organisation may see, ended but never deleted."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from knutpunkt.audit.models import AuditEvent
from knutpunkt.people.identity import IdentityKind
from knutpunkt.people.models import Guardianship, Person, Registration, RelationKind
from knutpunkt.testing.cast import Cast


def _add(person: Person) -> str:
    return reverse("people:relation_create", kwargs={"person_uuid": person.uuid})


def _registered(cast: Cast, number: str, first: str, born: dt.date) -> Person:
    person = Person.objects.create(
        identity_number=number,
        identity_kind=IdentityKind.PERSONNUMMER,
        first_name=first,
        last_name="Berg",
        date_of_birth=born,
        registered_by=cast.social_karlstad,
    )
    Registration.objects.create(
        person=person,
        organisation=cast.social_karlstad,
        unit=cast.barn_och_unga,
        reason="Utredning",
        created_by=cast.anna,
    )
    return person


@pytest.mark.django_db
def test_add_a_guardian_by_number(cast: Cast) -> None:
    child = _registered(cast, "201701012393", "Ville", dt.date(2017, 1, 1))
    response = cast.client(cast.anna).post(
        _add(child), {"kind": RelationKind.GUARDIAN, "number_kind": "number", "number": "19800124-9286"}
    )
    assert response.status_code == 302
    relation = Guardianship.objects.get(person=child)
    assert (relation.related, relation.kind, relation.valid_until) == (cast.karin, RelationKind.GUARDIAN, None)
    event = AuditEvent.objects.get(event="person.guardian_added")
    assert event.person == child
    assert "198001249286" not in str(event.detail)


@pytest.mark.django_db
def test_a_person_the_organisation_cannot_see_cannot_be_added(cast: Cast) -> None:
    child = _registered(cast, "201701012393", "Ville", dt.date(2017, 1, 1))
    hidden = Person.objects.create(
        identity_number="201701022384",
        identity_kind=IdentityKind.PERSONNUMMER,
        first_name="Dold",
        last_name="Person",
        registered_by=cast.social_arvika,
    )
    response = cast.client(cast.anna).post(
        _add(child), {"kind": RelationKind.RELATIVE, "number_kind": "number", "number": "201701022384"}
    )
    content = response.content.decode()
    assert "Ingen träff bland de personer som er organisation har tillgång till." in content
    assert "Dold" not in content
    assert not Guardianship.objects.filter(person=child, related=hidden).exists()


@pytest.mark.django_db
def test_an_adult_has_no_guardians(cast: Cast) -> None:
    response = cast.client(cast.anna).post(
        _add(cast.karin), {"kind": RelationKind.GUARDIAN, "number_kind": "number", "number": "197001239297"}
    )
    assert "Bara barn under 18 år har vårdnadshavare" in response.content.decode()
    assert not Guardianship.objects.filter(person=cast.karin).exists()


@pytest.mark.django_db
def test_a_child_has_at_most_two_guardians(cast: Cast) -> None:
    response = cast.client(cast.anna).post(
        _add(cast.elsa), {"kind": RelationKind.GUARDIAN, "number_kind": "number", "number": "199001032383"}
    )
    assert "Ett barn kan ha högst två vårdnadshavare" in response.content.decode()
    assert Guardianship.objects.filter(person=cast.elsa, valid_until__isnull=True).count() == 2


@pytest.mark.django_db
def test_the_same_relation_cannot_be_added_twice_or_to_oneself(cast: Cast) -> None:
    client = cast.client(cast.anna)
    again = client.post(
        _add(cast.elsa), {"kind": RelationKind.GUARDIAN, "number_kind": "number", "number": "198001249286"}
    )
    assert "Personen finns redan med i den här rollen." in again.content.decode()
    itself = client.post(
        _add(cast.elsa), {"kind": RelationKind.RELATIVE, "number_kind": "number", "number": "201101062394"}
    )
    assert "En person kan inte vara sin egen" in itself.content.decode()


@pytest.mark.django_db
def test_bad_number_gives_swedish_error(cast: Cast) -> None:
    response = cast.client(cast.anna).post(
        _add(cast.elsa), {"kind": RelationKind.RELATIVE, "number_kind": "number", "number": "19800124-9287"}
    )
    assert "Kontrollsiffran stämmer inte" in response.content.decode()


@pytest.mark.django_db
def test_end_a_relation_keeps_it_as_history(cast: Cast) -> None:
    relation = Guardianship.objects.get(person=cast.elsa, related=cast.lars)
    url = reverse("people:relation_end", kwargs={"person_uuid": cast.elsa.uuid, "relation_uuid": relation.uuid})
    client = cast.client(cast.anna)
    assert "Lars Lind" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    relation.refresh_from_db()
    assert relation.valid_until == timezone.localdate()
    assert AuditEvent.objects.filter(event="person.guardian_ended", person=cast.elsa).count() == 1
    assert client.post(url).status_code == 404  # already ended
    page = client.get(reverse("people:detail", kwargs={"person_uuid": cast.elsa.uuid})).content.decode()
    assert "Lars Lind" in page and "Avslutad" in page


@pytest.mark.django_db
def test_region_with_consent_only_cannot_change_relations(cast: Cast) -> None:
    relation = Guardianship.objects.get(person=cast.elsa, related=cast.lars)
    client = cast.client(cast.cecilia)
    assert client.get(_add(cast.elsa)).status_code == 404
    url = reverse("people:relation_end", kwargs={"person_uuid": cast.elsa.uuid, "relation_uuid": relation.uuid})
    assert client.post(url).status_code == 404
    relation.refresh_from_db()
    assert relation.valid_until is None
