"""The shapes the open API sends and receives (pydantic v2, published as OpenAPI 3.1)."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from ninja import Schema
from pydantic import Field


class Problem(Schema):
    detail: str


class OrganisationRef(Schema):
    uuid: UUID
    name: str


class UnitOut(Schema):
    uuid: UUID
    name: str
    email: str
    phone: str


class OrganisationOut(Schema):
    uuid: UUID
    name: str
    kind: str
    branch: str
    code: str
    principal: OrganisationRef
    units: list[UnitOut]


class MeOut(Schema):
    username: str
    name: str
    role: str
    unit: UnitOut
    organisation: OrganisationRef


class Address(Schema):
    street_address: str
    postal_code: str
    city: str


class PersonOut(Schema):
    uuid: UUID
    identity_number: str
    identity_kind: str
    first_name: str
    last_name: str
    date_of_birth: dt.date | None
    protection: str = Field(description="none means only that no flag is known: a fictitious identity has no flag.")
    address: Address | None = Field(
        description="Withheld (null) for a protected person outside the registering organisation."
    )
    address_withheld: bool
    legal_ground: str = Field(description="Why this caller may see the person: own_records or consent.")


class LookupIn(Schema):
    identity_number: str = Field(
        description="Personnummer or samordningsnummer, 10 or 12 digits, with or without - or +."
    )


class ConsentOut(Schema):
    uuid: UUID
    purpose: str
    purpose_detail: str
    organisations: list[OrganisationRef]
    included_information: str
    excluded_information: str
    given_by: str
    form: str
    valid_from: dt.date
    valid_until: dt.date
    withdrawn_at: dt.datetime | None
    active: bool


class CommitmentOut(Schema):
    uuid: UUID
    what: str
    unit: UnitOut | None
    by_person: bool
    starts_on: dt.date
    due_on: dt.date
    status: str
    done_on: dt.date | None


class InvitationOut(Schema):
    uuid: UUID
    plan: UUID
    unit: UnitOut
    status: str
    representative_name: str
    decline_reason: str = Field(description="Shown only to the organisations leading the plan.")


class PlanSummaryOut(Schema):
    uuid: UUID
    person: UUID
    person_name: str
    profile: str
    status: str
    requested_on: dt.date
    deadline: dt.date
    next_followup_on: dt.date | None
    overall_responsible: OrganisationRef | None
    established_version: int


class PlanOut(PlanSummaryOut):
    legal_ground: str
    established: dict[str, object] | None = Field(
        description="The latest established version's frozen contents, or null before the plan is established."
    )
    commitments: list[CommitmentOut]
    invitations: list[InvitationOut]


class CommitmentStatusIn(Schema):
    status: str = Field(description="planned, in_progress, done or cancelled")
    done_on: dt.date | None = None
