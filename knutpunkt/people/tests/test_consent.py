"""Recording consent (OSL 12 kap. 2 §): who must consent for a child, the child's own say from 15, a limited
period, and the organisations named. Consents are never edited."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from knutpunkt.audit.models import AuditEvent
from knutpunkt.core.dates import add_years
from knutpunkt.people.identity import IdentityKind
from knutpunkt.people.models import Consent, ConsentGiver, Guardianship, Person, Registration, RelationKind
from knutpunkt.testing.cast import Cast

TODAY = timezone.localdate()


def _create_url(person: Person) -> str:
    return reverse("people:consent_create", kwargs={"person_uuid": person.uuid})


def _young_child(cast: Cast, guardians: list[Person]) -> Person:
    child = Person.objects.create(
        identity_number="201701012393",
        identity_kind=IdentityKind.PERSONNUMMER,
        first_name="Ville",
        last_name="Lind",
        date_of_birth=dt.date(2017, 1, 1),
        registered_by=cast.social_karlstad,
    )
    Registration.objects.create(
        person=child,
        organisation=cast.social_karlstad,
        unit=cast.barn_och_unga,
        reason="Utredning",
        created_by=cast.anna,
    )
    for guardian in guardians:
        Guardianship.objects.create(person=child, related=guardian, kind=RelationKind.GUARDIAN)
    return child


def _form(cast: Cast, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "purpose": "coordinated_plan",
        "purpose_detail": "Att skolan, BUP och socialtjänsten planerar stödet tillsammans",
        "organisations": [cast.social_karlstad.pk, cast.bup.pk],
        "included_information": "Skolnärvaro, pågående insatser",
        "excluded_information": "Uppgifter om pappans hälsa",
        "given_by": ConsentGiver.PERSON_AND_GUARDIANS,
        "consenting_guardians": [cast.karin.pk, cast.lars.pk],
        "single_guardian_reason": "",
        "child_view": "Vill att alla pratar med varandra.",
        "form_given": "written",
        "valid_from": TODAY.isoformat(),
        "valid_until": (TODAY + dt.timedelta(days=180)).isoformat(),
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_record_consent_for_a_15_year_old_with_both_guardians(cast: Cast) -> None:
    response = cast.client(cast.anna).post(_create_url(cast.elsa), _form(cast))
    consent = Consent.objects.exclude(pk=cast.elsa_consent.pk).get(person=cast.elsa)
    assert response["Location"] == reverse(
        "people:consent_detail", kwargs={"person_uuid": cast.elsa.uuid, "consent_uuid": consent.uuid}
    )
    assert set(consent.organisations.all()) == {cast.social_karlstad, cast.bup}
    assert set(consent.consenting_guardians.all()) == {cast.karin, cast.lars}
    assert consent.excluded_information == "Uppgifter om pappans hälsa"
    assert (consent.recorded_by, consent.recorded_unit, consent.form) == (cast.anna, cast.barn_och_unga, "written")
    event = AuditEvent.objects.get(event="consent.recorded")
    assert event.person == cast.elsa and event.object_uuid == consent.uuid


@pytest.mark.django_db
def test_child_of_15_needs_own_view_recorded(cast: Cast) -> None:
    response = cast.client(cast.anna).post(_create_url(cast.elsa), _form(cast, child_view=""))
    assert "Skriv barnets egen inställning" in response.content.decode()
    assert Consent.objects.filter(person=cast.elsa).count() == 1


@pytest.mark.django_db
def test_child_of_15_cannot_be_overridden_by_guardians(cast: Cast) -> None:
    response = cast.client(cast.anna).post(_create_url(cast.elsa), _form(cast, given_by=ConsentGiver.GUARDIANS))
    assert "Barnet har fyllt 15 år och ska själv lämna samtycket" in response.content.decode()
    assert Consent.objects.filter(person=cast.elsa).count() == 1


@pytest.mark.django_db
def test_child_of_15_may_consent_alone(cast: Cast) -> None:
    cast.client(cast.anna).post(
        _create_url(cast.elsa), _form(cast, given_by=ConsentGiver.PERSON, consenting_guardians=[])
    )
    assert Consent.objects.filter(person=cast.elsa).count() == 2


@pytest.mark.django_db
def test_both_guardians_must_consent_for_a_young_child(cast: Cast) -> None:
    child = _young_child(cast, [cast.karin, cast.lars])
    client = cast.client(cast.anna)
    one = _form(cast, given_by=ConsentGiver.GUARDIANS, consenting_guardians=[cast.karin.pk], child_view="")
    response = client.post(_create_url(child), one)
    assert "Barnet har två vårdnadshavare och båda ska samtycka" in response.content.decode()
    assert not Consent.objects.filter(person=child).exists()

    with_reason = {**one, "single_guardian_reason": "Lars har inte kunnat nås; beslut om att Karin ensam samtycker"}
    assert client.post(_create_url(child), with_reason).status_code == 302
    assert Consent.objects.get(person=child).single_guardian_reason.startswith("Lars har inte")


@pytest.mark.django_db
def test_a_young_child_cannot_consent_alone(cast: Cast) -> None:
    child = _young_child(cast, [cast.karin])
    response = cast.client(cast.anna).post(
        _create_url(child), _form(cast, given_by=ConsentGiver.PERSON, consenting_guardians=[], child_view="")
    )
    assert "För ett barn under 15 år lämnar vårdnadshavarna samtycket." in response.content.decode()
    assert not Consent.objects.filter(person=child).exists()


@pytest.mark.django_db
def test_one_guardian_on_record_is_enough(cast: Cast) -> None:
    child = _young_child(cast, [cast.karin])
    response = cast.client(cast.anna).post(
        _create_url(child), _form(cast, given_by=ConsentGiver.GUARDIANS, consenting_guardians=[cast.karin.pk])
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_guardians_must_be_on_record(cast: Cast) -> None:
    child = _young_child(cast, [])
    response = cast.client(cast.anna).post(
        _create_url(child), _form(cast, given_by=ConsentGiver.GUARDIANS, consenting_guardians=[])
    )
    assert "Barnet har inga vårdnadshavare registrerade" in response.content.decode()


@pytest.mark.django_db
def test_only_the_childs_guardians_can_be_chosen(cast: Cast) -> None:
    child = _young_child(cast, [cast.karin])
    response = cast.client(cast.anna).post(
        _create_url(child), _form(cast, given_by=ConsentGiver.GUARDIANS, consenting_guardians=[cast.sam.pk])
    )
    assert response.status_code == 200
    assert not Consent.objects.filter(person=child).exists()


@pytest.mark.django_db
def test_an_adult_consents_themselves_and_the_form_has_no_child_fields(cast: Cast) -> None:
    client = cast.client(cast.anna)
    page = client.get(_create_url(cast.karin)).content.decode()
    assert 'name="given_by"' not in page and 'name="child_view"' not in page
    assert "Personen är vuxen och lämnar samtycket själv." in page
    response = client.post(_create_url(cast.karin), _form(cast, given_by=ConsentGiver.GUARDIANS))
    assert response.status_code == 302
    consent = Consent.objects.get(person=cast.karin)
    assert consent.given_by == ConsentGiver.PERSON
    assert not consent.consenting_guardians.exists() and consent.child_view == ""


@pytest.mark.django_db
def test_until_before_from_is_refused(cast: Cast) -> None:
    response = cast.client(cast.anna).post(
        _create_url(cast.karin), _form(cast, valid_until=(TODAY - dt.timedelta(days=1)).isoformat())
    )
    assert "Slutdatumet kan inte ligga före startdatumet." in response.content.decode()
    assert not Consent.objects.filter(person=cast.karin).exists()


@pytest.mark.django_db
def test_consent_lasts_at_most_a_year(cast: Cast) -> None:
    client = cast.client(cast.anna)
    too_long = _form(cast, valid_until=(TODAY + dt.timedelta(days=400)).isoformat())
    assert "Ett samtycke gäller högst ett år." in client.post(_create_url(cast.karin), too_long).content.decode()
    assert not Consent.objects.filter(person=cast.karin).exists()
    one_year = _form(cast, valid_until=add_years(TODAY, 1).isoformat())
    assert client.post(_create_url(cast.karin), one_year).status_code == 302


@pytest.mark.django_db
def test_consent_cannot_start_in_the_past(cast: Cast) -> None:
    response = cast.client(cast.anna).post(
        _create_url(cast.karin), _form(cast, valid_from=(TODAY - dt.timedelta(days=3)).isoformat())
    )
    assert "Ett samtycke kan inte gälla bakåt i tiden." in response.content.decode()


@pytest.mark.django_db
def test_own_organisation_and_one_more_must_be_named(cast: Cast) -> None:
    client = cast.client(cast.anna)
    without_own = client.post(_create_url(cast.karin), _form(cast, organisations=[cast.bup.pk]))
    assert "Er egen organisation måste vara med" in without_own.content.decode()
    only_own = client.post(_create_url(cast.karin), _form(cast, organisations=[cast.social_karlstad.pk]))
    assert "Välj minst en organisation till" in only_own.content.decode()
    assert not Consent.objects.filter(person=cast.karin).exists()


@pytest.mark.django_db
def test_region_with_consent_only_cannot_record_consent(cast: Cast) -> None:
    client = cast.client(cast.cecilia)
    assert client.get(_create_url(cast.elsa)).status_code == 404
    assert client.post(_create_url(cast.elsa), _form(cast)).status_code == 404
    assert Consent.objects.filter(person=cast.elsa).count() == 1


@pytest.mark.django_db
def test_consent_needs_a_birth_date(cast: Cast) -> None:
    Person.objects.filter(pk=cast.karin.pk).update(date_of_birth=None)
    client = cast.client(cast.anna)
    assert "Personens födelsedatum saknas" in client.get(_create_url(cast.karin)).content.decode()
    client.post(_create_url(cast.karin), _form(cast))
    assert not Consent.objects.filter(person=cast.karin).exists()


@pytest.mark.django_db
def test_consent_page_is_logged_and_shows_what_is_excluded(cast: Cast) -> None:
    Consent.objects.filter(pk=cast.elsa_consent.pk).update(excluded_information="Pappans missbruk")
    url = reverse(
        "people:consent_detail", kwargs={"person_uuid": cast.elsa.uuid, "consent_uuid": cast.elsa_consent.uuid}
    )
    content = cast.client(cast.cecilia).get(url).content.decode()
    assert "Pappans missbruk" in content and "Karin Lind" in content and "Registrera återkallande" in content
    event = AuditEvent.objects.get(event="consent.viewed")
    assert event.object_uuid == cast.elsa_consent.uuid and event.legal_ground == "consent"


@pytest.mark.django_db
def test_there_is_no_way_to_edit_or_delete_a_consent(cast: Cast) -> None:
    from knutpunkt.people import urls

    names = {pattern.name or "" for pattern in urls.urlpatterns}
    assert not [name for name in names if "delete" in name or name.startswith("consent_edit")]
