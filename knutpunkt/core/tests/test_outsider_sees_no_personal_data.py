"""Every URL in the project, called by an outsider, gives away no personal data and changes nothing.

The outsider is Olle, staff at Arvika's social services, with no registration and no consent that relates him to
anyone in the cast. For every URL pattern we substitute the UUID of every object about the cast's people
(persons, consents, registrations, guardianships, memberships, units, log reviews, API keys) into its UUID
arguments, call it with GET and with an empty POST, signed in through the web and through an API key, and check
that no name, identity number or address of the cast's people appears in any answer. A URL with an argument that
is not a UUID must be listed in NON_UUID_ARGUMENTS, so that a new URL can never slip past this test unchecked.
"""

from __future__ import annotations

import itertools
import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import UUIDConverter

from knutpunkt.api.actions import create_api_key
from knutpunkt.plans.models import Plan
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.plans import make_profiles, summoned_plan

# URL name -> arguments to use, for URLs whose arguments are not UUIDs.
NON_UUID_ARGUMENTS: dict[str, list[dict[str, Any]]] = {
    # Aggregate statistics about a municipality: Karlstad's code, a known and an unknown key figure.
    "indicators:detail": [
        {"municipality_code": "1780", "indicator_code": "n31807"},
        {"municipality_code": "1784", "indicator_code": "x00000"},
    ],
}

# Patterns that are not ours to check: static files served by WhiteNoise, and third-party endpoints that take no
# personal data.
SKIPPED_PREFIXES = ("static/", "oidc/")
# Signing out would end the probe's own session and make every later request a redirect to the sign-in page.
SKIPPED_NAMES = {"accounts:logout"}


def _patterns(
    resolver: URLResolver, prefix: str = "", namespace: str = "", converters: dict[str, Any] | None = None
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Every endpoint: its namespaced name, its whole route, and the converters of all its arguments."""
    for entry in resolver.url_patterns:
        found = {**(converters or {}), **getattr(entry.pattern, "converters", {})}
        if isinstance(entry, URLResolver):
            inner_ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, prefix + str(entry.pattern), inner_ns, found)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name or ''}", prefix + str(entry.pattern), found


def _fill(route: str, values: dict[str, Any]) -> str:
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda match: str(values[match.group(1)]), route)
    return "/" + path


def _is_uuid(converter: Any) -> bool:
    # Django's <uuid:…> and django-ninja's <uuidstr:…> both only match UUIDs.
    return isinstance(converter, UUIDConverter) or "uuid" in type(converter).__name__.lower()


def _candidate_uuids(cast: Cast) -> list[uuid.UUID]:
    """UUIDs of everything that belongs to the cast's people or to Karlstad, found by walking every model."""
    from django.apps import apps

    found: list[uuid.UUID] = []
    for model in apps.get_models():
        # The probe's own API key is left out: revoking it would silence the API half of the walk.
        if not model.__module__.startswith("knutpunkt.") or model._meta.label == "api.ApiKey":
            continue
        field_names = {f.name for f in model._meta.get_fields() if isinstance(f, models.Field)}
        if "uuid" not in field_names:
            continue
        found.extend(model._default_manager.values_list("uuid", flat=True))
    return found


def _secrets(cast: Cast) -> list[str]:
    texts: list[str] = []
    for person in (cast.elsa, cast.karin, cast.lars, cast.sam):
        number = person.identity_number
        texts += [
            person.first_name + " " + person.last_name,
            number,
            number[2:],
            f"{number[:8]}-{number[8:]}",
            f"{number[2:8]}-{number[8:]}",
        ]
        if person.street_address:
            texts.append(person.street_address)
    # What Elsa's plan says (knutpunkt/testing/plans.py).
    texts += ["Skolfrånvaro, oro och ångest", "ont i magen", "klara en hel skoldag"]
    return texts


def _our_patterns() -> list[tuple[str, str]]:
    return [
        (name, route)
        for name, route, _converters in _patterns(get_resolver())
        if not route.startswith(SKIPPED_PREFIXES) and name not in SKIPPED_NAMES
    ]


def _converters(route: str) -> dict[str, Any]:
    return next(converters for _name, other, converters in _patterns(get_resolver()) if other == route)


def _person_related_uuids(cast: Cast) -> list[uuid.UUID]:
    people = [cast.elsa, cast.karin, cast.lars, cast.sam]
    found = [p.uuid for p in people]
    for plan in Plan.objects.filter(person__in=people):
        found += [
            plan.uuid,
            *plan.invitations.values_list("uuid", flat=True),
            *plan.meetings.values_list("uuid", flat=True),
            *plan.versions.values_list("uuid", flat=True),
        ]
    for person in people:
        found += [r.uuid for r in person.registrations.all()]
        found += [g.uuid for g in person.guardianships.all()]
        found += [c.uuid for c in person.consents.all()]
    return found


@pytest.mark.parametrize(("name", "route"), _our_patterns(), ids=[name or route for name, route in _our_patterns()])
def test_the_outsider_gets_no_personal_data_from_any_url(cast: Cast, name: str, route: str) -> None:
    # Elsa's plan, with Elsa's consent, an invitation to BUP and a meeting, so plan URLs meet real objects.
    plan, _meeting, _invitation = summoned_plan(cast, make_profiles(cast))
    web = cast.client(cast.olle)
    _key, secret = create_api_key(
        cast.actor(cast.olle), name="probe", membership=cast.membership(cast.olle), valid_days=5
    )
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    secrets = _secrets(cast)
    consent_state = (cast.elsa_consent.withdrawn_at, cast.elsa_consent.valid_until)
    converters = _converters(route)
    if name in NON_UUID_ARGUMENTS:
        argument_sets = NON_UUID_ARGUMENTS[name]
    elif all(_is_uuid(c) for c in converters.values()):
        # One argument: every UUID in the database. Several: every combination of the cast people's objects.
        candidates = _candidate_uuids(cast) if len(converters) == 1 else _person_related_uuids(cast)
        argument_sets = [
            dict(zip(converters, combo, strict=True)) for combo in itertools.product(candidates, repeat=len(converters))
        ]
    else:
        raise AssertionError(f"URL {name!r} ({route}) has arguments that are not UUIDs: add it to NON_UUID_ARGUMENTS")

    client = api if route.startswith("api/v1/") else web
    for arguments in argument_sets:
        path = _fill(route, arguments)
        for response in (client.get(path), client.post(path, {})):
            body = response.content.decode(errors="replace")
            leaked = [text for text in secrets if text in body]
            assert not leaked, f"{path} ({name}) showed {leaked} to the outsider (status {response.status_code})"
            assert response.status_code != 500

    cast.elsa_consent.refresh_from_db()
    assert (cast.elsa_consent.withdrawn_at, cast.elsa_consent.valid_until) == consent_state
    plan.refresh_from_db()
    assert not plan.is_closed and plan.invitations.filter(status="pending").count() == 1


def test_the_url_walk_covers_the_project() -> None:
    names = {name for name, _route in _our_patterns()}
    for expected in ("people:detail", "people:consent_withdraw", "audit:extract", "api:lookup_person", "core:home"):
        assert expected in names
