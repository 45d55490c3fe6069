"""Who is refused: the outsider, the analyst and the administrator get 404 on every page about a person, whether
the person exists or not, and nothing is written."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from knutpunkt.accounts.models import User
from knutpunkt.audit.models import AuditEvent
from knutpunkt.people.models import Consent, Guardianship, Person, Registration
from knutpunkt.testing.cast import Cast


def _person_urls(cast: Cast) -> list[str]:
    elsa = cast.elsa.uuid
    relation = Guardianship.objects.get(person=cast.elsa, related=cast.karin)
    registration = Registration.objects.get(person=cast.elsa)
    return [
        reverse("people:detail", kwargs={"person_uuid": elsa}),
        reverse("people:reveal_address", kwargs={"person_uuid": cast.sam.uuid}),
        reverse("people:edit", kwargs={"person_uuid": elsa}),
        reverse("people:relation_create", kwargs={"person_uuid": elsa}),
        reverse("people:relation_end", kwargs={"person_uuid": elsa, "relation_uuid": relation.uuid}),
        reverse("people:registration_end", kwargs={"person_uuid": elsa, "registration_uuid": registration.uuid}),
        reverse("people:consent_create", kwargs={"person_uuid": elsa}),
        reverse("people:consent_detail", kwargs={"person_uuid": elsa, "consent_uuid": cast.elsa_consent.uuid}),
        reverse("people:consent_withdraw", kwargs={"person_uuid": elsa, "consent_uuid": cast.elsa_consent.uuid}),
    ]


def _assert_refused_everywhere(cast: Cast, user: User) -> None:
    client = cast.client(user)
    for url in _person_urls(cast):
        assert client.get(url).status_code in (404, 405), url
        assert client.post(url, {"reason": "Ringde", "step": "save", "version": "1"}).status_code == 404, url


@pytest.mark.django_db
def test_outsider_gets_404_on_every_person_page(cast: Cast) -> None:
    _assert_refused_everywhere(cast, cast.olle)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["ali", "adam"])
def test_analyst_and_administrator_get_404_on_every_people_page(cast: Cast, who: str) -> None:
    user = getattr(cast, who)
    _assert_refused_everywhere(cast, user)
    client = cast.client(user)
    assert client.get(reverse("people:search")).status_code == 404
    assert client.get(reverse("people:create")).status_code == 404
    assert client.post(reverse("people:search"), {"number_kind": "number", "number": "201101062394"}).status_code == 404


@pytest.mark.django_db
def test_outsider_changes_nothing(cast: Cast) -> None:
    _assert_refused_everywhere(cast, cast.olle)
    cast.elsa_consent.refresh_from_db()
    assert cast.elsa_consent.withdrawn_at is None
    assert Registration.objects.filter(person=cast.elsa, ended_at__isnull=True).count() == 1
    assert Guardianship.objects.filter(person=cast.elsa, valid_until__isnull=True).count() == 2
    assert Consent.objects.filter(person=cast.elsa).count() == 1
    assert not AuditEvent.objects.filter(person=cast.elsa).exclude(event="person.viewed").exists()
    assert not AuditEvent.objects.filter(person=cast.elsa, event="person.viewed").exists()


@pytest.mark.django_db
def test_an_unknown_person_gives_the_same_404_as_a_hidden_one(cast: Cast) -> None:
    client = cast.client(cast.anna)
    assert client.get(reverse("people:detail", kwargs={"person_uuid": uuid.uuid4()})).status_code == 404


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_sign_in(cast: Cast) -> None:
    from django.test import Client

    response = Client().get(reverse("people:detail", kwargs={"person_uuid": cast.elsa.uuid}))
    assert response.status_code == 302
    assert "/konto/logga-in/" in response["Location"]
    assert Person.objects.count() == 4
