"""The open API, version 1. Every endpoint goes through the same access layer as the web pages, so the same rules
decide, and every read of personal data is logged the same way. OpenAPI 3.1 at /api/v1/openapi.json."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Status
from ninja.errors import AuthenticationError, ValidationError

from knutpunkt.api.access import ApiKeyAuth
from knutpunkt.api.schemas import (
    Address,
    ConsentOut,
    LookupIn,
    MeOut,
    OrganisationOut,
    OrganisationRef,
    PersonOut,
    Problem,
    UnitOut,
)
from knutpunkt.organisations.access import Actor
from knutpunkt.organisations.models import Organisation, Unit
from knutpunkt.people import access as people_access
from knutpunkt.people.identity import InvalidIdentityNumber, parse_identity_number
from knutpunkt.people.models import Consent, Person

api = NinjaAPI(
    title="Knutpunkt API",
    version="1",
    description=(
        "Open API for coordination around a person. Authenticate with `Authorization: Bearer <key>`; a key acts "
        "as one user in one unit and sees exactly what that user sees in the web interface. Every read of personal "
        "data is written to the audit log. Identity numbers are never part of a URL: look people up with POST."
    ),
    auth=ApiKeyAuth(),
    docs_url=None,  # The interactive docs page loads scripts from a CDN, which the CSP (rightly) forbids.
    urls_namespace="api",
)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> object:
    return api.create_response(request, {"detail": "Hittades inte."}, status=404)


@api.exception_handler(AuthenticationError)
def unauthorised(request: HttpRequest, exc: AuthenticationError) -> object:
    return api.create_response(request, {"detail": "Saknar giltig API-nyckel."}, status=401)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> object:
    return api.create_response(request, {"detail": "Ogiltig indata.", "errors": exc.errors}, status=422)


def _actor(request: HttpRequest) -> Actor:
    actor = request.auth  # type: ignore[attr-defined]
    assert isinstance(actor, Actor)
    return actor


def _unit(unit: Unit) -> UnitOut:
    return UnitOut(uuid=unit.uuid, name=unit.name, email=unit.email, phone=unit.phone)


def _ref(organisation: Organisation) -> OrganisationRef:
    return OrganisationRef(uuid=organisation.uuid, name=organisation.name)


def _person(actor: Actor, person: Person) -> PersonOut:
    shows_address = people_access.may_see_address(actor, person)
    return PersonOut(
        uuid=person.uuid,
        identity_number=person.identity_number,
        identity_kind=person.identity_kind,
        first_name=person.first_name,
        last_name=person.last_name,
        date_of_birth=person.date_of_birth,
        protection=person.protection,
        address=Address(street_address=person.street_address, postal_code=person.postal_code, city=person.city)
        if shows_address
        else None,
        address_withheld=not shows_address,
        legal_ground=people_access.legal_ground(actor, person) or "",
    )


def _consent(consent: Consent) -> ConsentOut:
    return ConsentOut(
        uuid=consent.uuid,
        purpose=consent.purpose,
        purpose_detail=consent.purpose_detail,
        organisations=[_ref(o) for o in consent.organisations.all()],
        included_information=consent.included_information,
        excluded_information=consent.excluded_information,
        given_by=consent.given_by,
        form=consent.form,
        valid_from=consent.valid_from,
        valid_until=consent.valid_until,
        withdrawn_at=consent.withdrawn_at,
        active=consent.is_active(),
    )


@api.get("/me", response=MeOut, tags=["Konto"], summary="Who the key acts as")
def me(request: HttpRequest) -> MeOut:
    actor = _actor(request)
    assert actor.membership is not None and actor.unit is not None and actor.organisation is not None
    return MeOut(
        username=actor.user.username,
        name=str(actor.user),
        role=actor.membership.role,
        unit=_unit(actor.unit),
        organisation=_ref(actor.organisation),
    )


@api.get(
    "/organisations",
    response=list[OrganisationOut],
    tags=["Organisationer"],
    summary="Directory of organisations and units",
)
def organisations(request: HttpRequest) -> list[OrganisationOut]:
    """The directory everyone needs to address invitations: organisations, their units and function addresses."""
    found = Organisation.objects.filter(active=True).select_related("parent__parent").prefetch_related("units")
    return [
        OrganisationOut(
            uuid=o.uuid,
            name=o.name,
            kind=o.kind,
            branch=o.branch,
            code=o.code,
            principal=_ref(o.principal),
            units=[_unit(u) for u in o.units.all() if u.active],
        )
        for o in found
    ]


@api.post(
    "/persons/lookup",
    response={200: PersonOut, 404: Problem, 422: Problem},
    tags=["Personer"],
    summary="Find a person by identity number",
)
def lookup_person(request: HttpRequest, payload: LookupIn) -> Status[PersonOut | Problem]:
    actor = _actor(request)
    try:
        number = parse_identity_number(payload.identity_number)
    except InvalidIdentityNumber as error:
        return Status(422, Problem(detail=str(error)))
    person = people_access.find_by_number(actor, number.value)
    if person is None:
        return Status(404, Problem(detail="Ingen träff bland de personer du har behörighet till."))
    return Status(200, _person(actor, person))


@api.get(
    "/persons/{uuid:person_uuid}", response={200: PersonOut, 404: Problem}, tags=["Personer"], summary="One person"
)
def person(request: HttpRequest, person_uuid: uuid.UUID) -> PersonOut:
    actor = _actor(request)
    return _person(actor, people_access.get_person(actor, person_uuid))


@api.get(
    "/persons/{uuid:person_uuid}/consents",
    response={200: list[ConsentOut], 404: Problem},
    tags=["Samtycken"],
    summary="The person's consents that name the caller's organisation",
)
def consents(request: HttpRequest, person_uuid: uuid.UUID) -> list[ConsentOut]:
    actor = _actor(request)
    found = people_access.get_person(actor, person_uuid, event="consent.viewed")
    return [_consent(c) for c in people_access.visible_consents(actor, found)]
