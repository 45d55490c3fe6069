"""Search by number (POST, logged without the number) and by name (within what the organisation may see)."""

from __future__ import annotations

import json

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from knutpunkt.audit.models import AuditEvent
from knutpunkt.testing.cast import Cast

SEARCH = reverse("people:search")
ELSA_NUMBER = "201101062394"


def _every_audit_value() -> str:
    return json.dumps([model_to_dict(event) for event in AuditEvent.objects.all()], default=str)


@pytest.mark.django_db
def test_search_page_has_both_forms(cast: Cast) -> None:
    response = cast.client(cast.anna).get(SEARCH)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'method="post"' in content and 'method="get"' in content
    assert 'name="number"' in content and 'name="namn"' in content


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["201101062394", "20110106-2394", "110106-2394", "1101062394"])
def test_number_hit_redirects_to_the_person_by_uuid(cast: Cast, typed: str) -> None:
    response = cast.client(cast.anna).post(SEARCH, {"number_kind": "number", "number": typed})
    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", kwargs={"person_uuid": cast.elsa.uuid})
    assert "2394" not in response["Location"]


@pytest.mark.django_db
def test_search_by_number_logs_without_the_number(cast: Cast) -> None:
    client = cast.client(cast.anna)
    client.post(SEARCH, {"number_kind": "number", "number": "20110106-2394"}, follow=True)
    client.post(SEARCH, {"number_kind": "number", "number": "198001249286"})
    events = AuditEvent.objects.filter(event="person.searched")
    assert events.count() == 2
    assert AuditEvent.objects.filter(event="person.listed", person=cast.elsa).exists()
    logged = _every_audit_value()
    for fragment in (ELSA_NUMBER, "20110106-2394", "1101062394", "198001249286", "8001249286"):
        assert fragment not in logged


@pytest.mark.django_db
def test_outsider_search_by_number_gets_no_hit_and_no_hint(cast: Cast) -> None:
    response = cast.client(cast.olle).post(SEARCH, {"number_kind": "number", "number": ELSA_NUMBER})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Ingen träff bland de personer som er organisation har tillgång till." in content
    assert "Elsa" not in content and "Lind" not in content
    searched = AuditEvent.objects.get(event="person.searched")
    assert searched.detail == {"by": "number", "hits": 0}
    assert searched.person is None


@pytest.mark.django_db
def test_no_hit_reads_the_same_for_an_unknown_and_a_hidden_number(cast: Cast) -> None:
    client = cast.client(cast.olle)
    hidden = client.post(SEARCH, {"number_kind": "number", "number": ELSA_NUMBER}).content.decode()
    unknown = client.post(SEARCH, {"number_kind": "number", "number": "201701012393"}).content.decode()

    def page_without(content: str, number: str) -> list[str]:
        # The typed number stays in the field and CSRF tokens differ per response: the rest must be identical.
        return [line for line in content.splitlines() if "csrf" not in line.lower() and number not in line]

    assert page_without(hidden, ELSA_NUMBER) == page_without(unknown, "201701012393")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("20110106-2395", "Kontrollsiffran stämmer inte"),
        ("12345", "Numret ska ha 10 eller 12 siffror"),
        ("", "Detta fält måste fyllas i."),
    ],
)
def test_bad_number_gives_swedish_error_and_searches_nothing(cast: Cast, typed: str, message: str) -> None:
    response = cast.client(cast.anna).post(SEARCH, {"number_kind": "number", "number": typed})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AuditEvent.objects.filter(event="person.searched").exists()


@pytest.mark.django_db
def test_reserve_number_search_finds_a_reserve_numbered_person(cast: Cast) -> None:
    from knutpunkt.people.identity import IdentityKind
    from knutpunkt.people.models import Person, Registration

    person = Person.objects.create(
        identity_number="RES1234",
        identity_kind=IdentityKind.RESERVE,
        first_name="Okänd",
        last_name="Patient",
        registered_by=cast.social_karlstad,
    )
    Registration.objects.create(
        person=person, organisation=cast.social_karlstad, unit=cast.barn_och_unga, reason="Akut", created_by=cast.anna
    )
    response = cast.client(cast.anna).post(SEARCH, {"number_kind": "reserve", "number": "res-1234"})
    assert response["Location"] == reverse("people:detail", kwargs={"person_uuid": person.uuid})


@pytest.mark.django_db
def test_number_never_appears_in_the_url_of_a_search(cast: Cast) -> None:
    response = cast.client(cast.anna).post(SEARCH, {"number_kind": "number", "number": ELSA_NUMBER}, follow=True)
    for url, _status in response.redirect_chain:
        assert "2394" not in url and "20110106" not in url


@pytest.mark.django_db
def test_name_search_lists_visible_people_with_masked_numbers(cast: Cast) -> None:
    response = cast.client(cast.anna).get(SEARCH, {"namn": "Lind"})
    content = response.content.decode()
    for name in ("Elsa Lind", "Karin Lind", "Lars Lind"):
        assert name in content
    assert "20110106-****" in content
    assert ELSA_NUMBER not in content and "20110106-2394" not in content
    assert AuditEvent.objects.filter(event="person.listed").count() == 3


@pytest.mark.django_db
def test_name_search_by_region_shows_only_people_covered_by_consent(cast: Cast) -> None:
    content = cast.client(cast.cecilia).get(SEARCH, {"namn": "Lind"}).content.decode()
    assert "Elsa Lind" in content
    assert "Karin Lind" not in content and "Lars Lind" not in content
    listed = AuditEvent.objects.get(event="person.listed")
    assert listed.person == cast.elsa and listed.legal_ground == "consent"


@pytest.mark.django_db
def test_outsider_name_search_finds_nothing(cast: Cast) -> None:
    content = cast.client(cast.olle).get(SEARCH, {"namn": "Elsa"}).content.decode()
    assert "Elsa Lind" not in content
    assert "Ingen träff" in content


@pytest.mark.django_db
def test_name_search_needs_two_letters(cast: Cast) -> None:
    response = cast.client(cast.anna).get(SEARCH, {"namn": "L"})
    assert "Lind" not in response.content.decode()
    assert not AuditEvent.objects.filter(event="person.searched").exists()


@pytest.mark.django_db
def test_protected_person_is_marked_in_results(cast: Cast) -> None:
    content = cast.client(cast.anna).get(SEARCH, {"namn": "Sam Skog"}).content.decode()
    assert "Sam Skog" in content
    assert "protected-marker" in content
    assert "Hemlig väg" not in content
