"""The open API, version 1. Every endpoint goes through the same access layer as the web pages, so the same rules
decide, and every read of personal data is logged the same way. OpenAPI 3.1 at /api/v1/openapi.json."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Status
from ninja.errors import AuthenticationError, ValidationError

from knutpunkt.api.access import ApiKeyAuth
from knutpunkt.api.schemas import (
    Address,
    CommitmentOut,
    CommitmentStatusIn,
    ConsentOut,
    InvitationOut,
    LookupIn,
    MeOut,
    OrganisationOut,
    OrganisationRef,
    PersonOut,
    PlanOut,
    PlanSummaryOut,
    Problem,
    UnitOut,
)
from knutpunkt.audit.actions import record_listing
from knutpunkt.audit.models import LegalGround
from knutpunkt.organisations.access import Actor
from knutpunkt.organisations.models import Organisation, Unit
from knutpunkt.people import access as people_access
from knutpunkt.people.identity import InvalidIdentityNumber, parse_identity_number
from knutpunkt.people.models import Consent, Person
from knutpunkt.plans import access as plan_access
from knutpunkt.plans import actions as plan_actions
from knutpunkt.plans.models import Commitment, CommitmentStatus, InvitationStatus, Plan

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


# --- Coordinated plans ------------------------------------------------------------------------------------------


def _plan_summary(plan: Plan) -> dict[str, object]:
    return {
        "uuid": plan.uuid,
        "person": plan.person.uuid,
        "person_name": plan.person.full_name,
        "profile": plan.profile.name,
        "status": plan.status,
        "requested_on": plan.requested_on,
        "deadline": plan.deadline,
        "next_followup_on": plan.next_followup_on,
        "overall_responsible": _ref(plan.overall_responsible) if plan.overall_responsible else None,
        "established_version": plan.established_version,
    }


def _commitment(commitment: Commitment) -> CommitmentOut:
    return CommitmentOut(
        uuid=commitment.uuid,
        what=commitment.what,
        unit=_unit(commitment.unit) if commitment.unit else None,
        by_person=commitment.by_person,
        starts_on=commitment.starts_on,
        due_on=commitment.due_on,
        status=commitment.status,
        done_on=commitment.done_on,
    )


@api.get("/plans", response=list[PlanSummaryOut], tags=["SIP"], summary="Coordinated plans the caller may see")
def plans(request: HttpRequest, limit: int = 100, offset: int = 0) -> list[PlanSummaryOut]:
    actor = _actor(request)
    limit = max(1, min(limit, 500))
    found = list(
        plan_access.visible_plan_list(actor)
        .select_related("person", "profile", "overall_responsible", "initiating_unit")
        .order_by("-requested_on", "-id")[offset : offset + limit]
    )
    # Own records first, then those seen under consent, in one write.
    shown = [(p.person, plan_access.listing_ground(actor, p)) for p in found]
    record_listing(actor, "plan.listed", sorted(shown, key=lambda row: row[1] != LegalGround.OWN_RECORDS))
    return [PlanSummaryOut(**_plan_summary(p)) for p in found]  # type: ignore[arg-type]


@api.get("/plans/{uuid:plan_uuid}", response={200: PlanOut, 404: Problem}, tags=["SIP"], summary="One plan")
def plan(request: HttpRequest, plan_uuid: uuid.UUID) -> PlanOut:
    actor = _actor(request)
    found = plan_access.get_plan(actor, plan_uuid)
    latest = found.versions.order_by("-number").first()
    leads = plan_access.leads(actor, found)
    invitations = found.invitations.exclude(status=InvitationStatus.DRAFT).select_related("unit")
    return PlanOut(
        **_plan_summary(found),  # type: ignore[arg-type]
        legal_ground=plan_access.plan_ground(actor, found) or "",
        established=latest.content if latest else None,
        commitments=[_commitment(c) for c in found.commitments.filter(removed=False).select_related("unit")],
        invitations=[
            InvitationOut(
                uuid=i.uuid,
                plan=found.uuid,
                unit=_unit(i.unit),
                status=i.status,
                representative_name=i.representative_name,
                decline_reason=i.decline_reason if leads else "",
            )
            for i in invitations
        ],
    )


@api.post(
    "/commitments/{uuid:commitment_uuid}/status",
    response={200: CommitmentOut, 404: Problem, 422: Problem},
    tags=["SIP"],
    summary="Report progress on a commitment",
)
def commitment_status(
    request: HttpRequest, commitment_uuid: uuid.UUID, payload: CommitmentStatusIn
) -> Status[CommitmentOut | Problem]:
    """The responsible unit's own system reports that a commitment is under way or done."""
    actor = _actor(request)
    commitment = (
        Commitment.objects.filter(uuid=commitment_uuid, removed=False, plan__in=plan_access.visible_plans(actor))
        .select_related("plan__person", "plan__initiating_unit", "unit")
        .first()
    )
    if commitment is None:
        raise Http404
    if payload.status not in CommitmentStatus.values:
        return Status(422, Problem(detail="Okänd status."))
    try:
        plan_actions.set_commitment_status(actor, commitment, payload.status, payload.done_on)
    except PermissionDenied:
        raise Http404 from None
    commitment.refresh_from_db()
    return Status(200, _commitment(commitment))
