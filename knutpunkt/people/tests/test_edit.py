"""Editing with optimistic locking: a save based on an old version is refused, nothing is overwritten, and the
user sees their input next to what is saved now."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from knutpunkt.audit.models import AuditEvent
from knutpunkt.people import actions
from knutpunkt.people.models import Person, Protection, Registration
from knutpunkt.testing.cast import Cast


def _edit(person: Person) -> str:
    return reverse("people:edit", kwargs={"person_uuid": person.uuid})


def _values(person: Person, **overrides: Any) -> dict[str, Any]:
    data = {
        "step": "save",
        "version": person.version,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "phone": person.phone,
        "email": person.email,
        "street_address": person.street_address,
        "postal_code": person.postal_code,
        "city": person.city,
        "protection": person.protection,
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_edit_saves_and_logs_field_names_not_values(cast: Cast) -> None:
    response = cast.client(cast.anna).post(_edit(cast.elsa), _values(cast.elsa, phone="070-111 22 33"))
    assert response.status_code == 302
    cast.elsa.refresh_from_db()
    assert cast.elsa.phone == "070-111 22 33"
    assert cast.elsa.version == 2
    event = AuditEvent.objects.get(event="person.changed")
    assert event.detail == {"fields": ["phone"]}
    assert "070" not in str(event.detail)


@pytest.mark.django_db
def test_concurrent_edit_is_refused_and_nothing_is_overwritten(cast: Cast) -> None:
    form_anna = _values(cast.elsa, phone="070-111 22 33", city="Kil")
    form_bo = _values(cast.elsa, phone="070-999 88 77")
    assert cast.client(cast.bo).post(_edit(cast.elsa), form_bo).status_code == 302

    response = cast.client(cast.anna).post(_edit(cast.elsa), form_anna)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Någon annan har sparat ändringar" in content
    assert "070-111 22 33" in content and "070-999 88 77" in content  # her input and the saved value, side by side
    assert 'value="Kil"' in content
    cast.elsa.refresh_from_db()
    assert (cast.elsa.phone, cast.elsa.city, cast.elsa.version) == ("070-999 88 77", "Karlstad", 2)
    assert AuditEvent.objects.filter(event="person.changed").count() == 1
    assert 'name="version" value="2"' in content  # saving again is a deliberate choice on the current version


@pytest.mark.django_db
def test_after_a_conflict_the_user_can_save_deliberately(cast: Cast) -> None:
    cast.client(cast.bo).post(_edit(cast.elsa), _values(cast.elsa, phone="1"))
    client = cast.client(cast.anna)
    client.post(_edit(cast.elsa), _values(cast.elsa, phone="2"))
    cast.elsa.refresh_from_db()
    assert client.post(_edit(cast.elsa), _values(cast.elsa, phone="2")).status_code == 302
    cast.elsa.refresh_from_db()
    assert cast.elsa.phone == "2" and cast.elsa.version == 3


@pytest.mark.django_db
def test_update_person_action_refuses_a_stale_version(cast: Cast) -> None:
    actor = cast.actor(cast.anna)
    actions.update_person(actor, cast.elsa, 1, {"phone": "1"})
    with pytest.raises(actions.EditConflict) as conflict:
        actions.update_person(actor, cast.elsa, 1, {"phone": "2"})
    assert conflict.value.current.phone == "1"
    assert Person.objects.get(pk=cast.elsa.pk).phone == "1"


@pytest.mark.django_db
def test_date_of_birth_from_the_number_cannot_be_changed(cast: Cast) -> None:
    cast.client(cast.anna).post(_edit(cast.elsa), _values(cast.elsa, date_of_birth="2000-01-01"))
    cast.elsa.refresh_from_db()
    assert cast.elsa.date_of_birth == dt.date(2011, 1, 6)


@pytest.mark.django_db
def test_region_with_consent_only_may_not_edit(cast: Cast) -> None:
    client = cast.client(cast.cecilia)
    assert client.get(_edit(cast.elsa)).status_code == 404
    assert client.post(_edit(cast.elsa), _values(cast.elsa, phone="1")).status_code == 404
    cast.elsa.refresh_from_db()
    assert cast.elsa.phone == ""


@pytest.mark.django_db
def test_editing_a_protected_person_asks_for_confirmation_first(cast: Cast) -> None:
    client = cast.client(cast.anna)
    page = client.get(_edit(cast.sam)).content.decode()
    assert "Hemlig väg" not in page and "Visa formuläret med skyddad adress" in page
    assert not AuditEvent.objects.filter(event="person.protected_address_viewed").exists()
    form = client.post(_edit(cast.sam), {"step": "confirm"}).content.decode()
    assert 'value="Hemlig väg 7"' in form
    assert AuditEvent.objects.filter(event="person.protected_address_viewed", person=cast.sam).count() == 1
    assert client.post(_edit(cast.sam), _values(cast.sam, street_address="Ny väg 1")).status_code == 302
    cast.sam.refresh_from_db()
    assert cast.sam.street_address == "Ny väg 1"


@pytest.mark.django_db
def test_other_organisation_may_raise_but_not_lower_a_protection_flag(cast: Cast) -> None:
    Registration.objects.create(
        person=cast.sam, organisation=cast.bup, unit=cast.bup_unit, reason="Patient", created_by=cast.cecilia
    )
    client = cast.client(cast.cecilia)
    values = _values(cast.sam, protection=Protection.NONE)
    for name in ("street_address", "postal_code", "city"):
        values.pop(name)
    response = client.post(_edit(cast.sam), values)
    assert response.status_code == 200  # not a valid choice for her
    cast.sam.refresh_from_db()
    assert cast.sam.protection == Protection.PROTECTED_REGISTRATION
    with pytest.raises(PermissionDenied):
        actions.update_person(cast.actor(cast.cecilia), cast.sam, cast.sam.version, {"protection": Protection.NONE})
    with pytest.raises(ValueError, match="may not be changed"):
        actions.update_person(cast.actor(cast.cecilia), cast.sam, cast.sam.version, {"street_address": "X"})

    Registration.objects.filter(person=cast.elsa).update(organisation=cast.bup)
    Person.objects.filter(pk=cast.elsa.pk).update(registered_by=cast.social_karlstad)
    elsa = Person.objects.get(pk=cast.elsa.pk)
    assert client.post(_edit(elsa), _values(elsa, protection=Protection.CONFIDENTIALITY_MARKING)).status_code == 302
    elsa.refresh_from_db()
    assert elsa.protection == Protection.CONFIDENTIALITY_MARKING


@pytest.mark.django_db
def test_invalid_email_is_refused_in_swedish(cast: Cast) -> None:
    response = cast.client(cast.anna).post(_edit(cast.elsa), _values(cast.elsa, email="inte-en-adress"))
    assert "Fyll i en giltig e-postadress." in response.content.decode()
