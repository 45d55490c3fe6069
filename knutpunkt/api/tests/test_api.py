"""The open API: key authentication, the same access rules as the web, logging, and answers that match the
published OpenAPI schema."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from django.test import Client
from django.utils import timezone

from knutpunkt.api.actions import create_api_key
from knutpunkt.api.endpoints import api
from knutpunkt.audit.models import AuditEvent, LegalGround
from knutpunkt.testing.cast import Cast

BASE = "/api/v1"


def _client_with_key(cast: Cast, user: Any) -> Client:
    _key, secret = create_api_key(cast.actor(user), name="test", membership=cast.membership(user), valid_days=30)
    return Client(headers={"Authorization": f"Bearer {secret}"})


def _check_schema(path: str, method: str, status: int, body: Any) -> None:
    """Validate a response body against the OpenAPI document the API publishes."""
    document = json.loads(json.dumps(api.get_openapi_schema()))  # as published: JSON keys are strings
    operation = document["paths"][path][method]
    schema = operation["responses"][str(status)]["content"]["application/json"]["schema"]
    resolver_schema = {**schema, "components": document.get("components", {})}
    jsonschema.validate(body, resolver_schema, cls=jsonschema.Draft202012Validator)


def test_requests_without_a_valid_key_are_refused(cast: Cast) -> None:
    assert Client().get(f"{BASE}/me").status_code == 401
    assert Client(headers={"Authorization": "Bearer kp_wrong"}).get(f"{BASE}/me").status_code == 401


def test_a_revoked_or_expired_key_stops_working(cast: Cast) -> None:
    key, secret = create_api_key(cast.actor(cast.anna), name="t", membership=cast.membership(cast.anna), valid_days=1)
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    assert client.get(f"{BASE}/me").status_code == 200
    key.expires_at = timezone.now()
    key.save()
    assert client.get(f"{BASE}/me").status_code == 401


def test_me_tells_who_the_key_acts_as(cast: Cast) -> None:
    response = _client_with_key(cast, cast.anna).get(f"{BASE}/me")
    assert response.status_code == 200
    body = response.json()
    assert body["unit"]["name"] == "Barn och unga"
    _check_schema("/api/v1/me", "get", 200, body)


def test_the_region_sees_elsa_through_consent_and_the_read_is_logged(cast: Cast) -> None:
    response = _client_with_key(cast, cast.cecilia).get(f"{BASE}/persons/{cast.elsa.uuid}")
    assert response.status_code == 200
    body = response.json()
    assert body["first_name"] == "Elsa"
    assert body["legal_ground"] == LegalGround.CONSENT
    _check_schema("/api/v1/persons/{person_uuid}", "get", 200, body)
    event = AuditEvent.objects.filter(event="person.viewed", person=cast.elsa, actor=cast.cecilia).get()
    assert event.legal_ground == LegalGround.CONSENT


def test_the_outsider_gets_404_for_person_and_consents(cast: Cast) -> None:
    client = _client_with_key(cast, cast.olle)
    for path in (f"{BASE}/persons/{cast.elsa.uuid}", f"{BASE}/persons/{cast.elsa.uuid}/consents"):
        response = client.get(path)
        assert response.status_code == 404
        assert "Elsa" not in response.content.decode()
    assert (
        client.post(
            f"{BASE}/persons/lookup", {"identity_number": cast.elsa.identity_number}, content_type="application/json"
        ).status_code
        == 404
    )


def test_a_protected_address_never_leaves_the_registering_organisation(cast: Cast) -> None:
    cast.sam.registrations.create(organisation=cast.bup, unit=cast.bup_unit, reason="Patient", created_by=cast.cecilia)
    region = _client_with_key(cast, cast.cecilia).get(f"{BASE}/persons/{cast.sam.uuid}").json()
    assert region["address"] is None
    assert region["address_withheld"] is True
    assert "Hemlig" not in str(region)
    home = _client_with_key(cast, cast.anna).get(f"{BASE}/persons/{cast.sam.uuid}").json()
    assert home["address"]["street_address"] == "Hemlig väg 7"


def test_lookup_by_number_validates_and_never_logs_the_number(cast: Cast) -> None:
    client = _client_with_key(cast, cast.anna)
    bad = client.post(f"{BASE}/persons/lookup", {"identity_number": "20110106-2395"}, content_type="application/json")
    assert bad.status_code == 422
    assert "Kontrollsiffran" in bad.json()["detail"]

    found = client.post(f"{BASE}/persons/lookup", {"identity_number": "110106-2394"}, content_type="application/json")
    assert found.status_code == 200
    assert found.json()["uuid"] == str(cast.elsa.uuid)
    _check_schema("/api/v1/persons/lookup", "post", 200, found.json())
    for event in AuditEvent.objects.all():
        assert "2394" not in str(event.detail) + event.object_label + event.person_label


@pytest.mark.parametrize("user_name", ["cecilia", "anna"])
def test_consents_show_only_those_naming_the_callers_organisation(cast: Cast, user_name: str) -> None:
    from knutpunkt.people.models import Consent, ConsentForm, ConsentGiver, ConsentPurpose

    hidden = Consent.objects.create(
        person=cast.elsa,
        purpose=ConsentPurpose.SSPF,
        given_by=ConsentGiver.PERSON_AND_GUARDIANS,
        form=ConsentForm.WRITTEN,
        valid_from=timezone.localdate(),
        valid_until=timezone.localdate(),
        recorded_by=cast.anna,
        recorded_unit=cast.barn_och_unga,
    )
    hidden.organisations.set([cast.social_karlstad])
    body = _client_with_key(cast, getattr(cast, user_name)).get(f"{BASE}/persons/{cast.elsa.uuid}/consents").json()
    uuids = {c["uuid"] for c in body}
    assert str(cast.elsa_consent.uuid) in uuids
    assert (str(hidden.uuid) in uuids) is (user_name == "anna")
    _check_schema("/api/v1/persons/{person_uuid}/consents", "get", 200, body)


def test_the_directory_lists_organisations_and_function_addresses(cast: Cast) -> None:
    body = _client_with_key(cast, cast.olle).get(f"{BASE}/organisations").json()
    bup = next(o for o in body if o["name"] == "BUP Värmland")
    assert bup["principal"]["name"] == "Region Värmland"
    assert bup["units"][0]["email"] == "bup@example.org"
    _check_schema("/api/v1/organisations", "get", 200, body)


def test_the_openapi_document_is_published(cast: Cast) -> None:
    document = Client().get(f"{BASE}/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    assert "/api/v1/persons/lookup" in document["paths"]


def test_plans_are_listed_and_read_under_the_same_rules_as_the_pages(cast: Cast) -> None:
    from knutpunkt.testing.plans import make_profiles, summoned_plan

    plan, _meeting, _invitation = summoned_plan(cast, make_profiles(cast))
    region = _client_with_key(cast, cast.cecilia)
    listed = region.get(f"{BASE}/plans").json()
    assert [p["uuid"] for p in listed] == [str(plan.uuid)]
    _check_schema("/api/v1/plans", "get", 200, listed)
    body = region.get(f"{BASE}/plans/{plan.uuid}").json()
    assert body["legal_ground"] == LegalGround.CONSENT
    assert body["established"] is None
    _check_schema("/api/v1/plans/{plan_uuid}", "get", 200, body)
    assert _client_with_key(cast, cast.olle).get(f"{BASE}/plans/{plan.uuid}").status_code == 404
    assert _client_with_key(cast, cast.olle).get(f"{BASE}/plans").json() == []


def test_the_responsible_units_system_reports_a_commitment_done(cast: Cast) -> None:
    from knutpunkt.plans import actions
    from knutpunkt.plans.models import Commitment
    from knutpunkt.testing.plans import make_profiles, summoned_plan

    plan, _meeting, invitation = summoned_plan(cast, make_profiles(cast))
    actions.answer_invitation(cast.actor(cast.cecilia), invitation, accept=True, representative_name="Cecilia")
    today = timezone.localdate()
    commitment = actions.save_item(
        cast.actor(cast.anna),
        plan,
        plan.lock_version,
        "commitment",
        {"what": "Första samtalet", "unit": cast.bup_unit, "starts_on": today, "due_on": today},
    )
    response = _client_with_key(cast, cast.cecilia).post(
        f"{BASE}/commitments/{commitment.uuid}/status", {"status": "done"}, content_type="application/json"
    )
    assert response.status_code == 200
    _check_schema("/api/v1/commitments/{commitment_uuid}/status", "post", 200, response.json())
    assert Commitment.objects.get(pk=commitment.pk).done_on == today
    outsider = _client_with_key(cast, cast.olle).post(
        f"{BASE}/commitments/{commitment.uuid}/status", {"status": "cancelled"}, content_type="application/json"
    )
    assert outsider.status_code == 404
    bad = _client_with_key(cast, cast.cecilia).post(
        f"{BASE}/commitments/{commitment.uuid}/status", {"status": "nästan"}, content_type="application/json"
    )
    assert bad.status_code == 422
