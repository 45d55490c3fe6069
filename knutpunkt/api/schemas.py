"""The shapes the open API sends and receives (pydantic v2, published as OpenAPI 3.1)."""

from __future__ import annotations

import datetime as dt
import uuid

from ninja import Schema
from pydantic import Field


class Problem(Schema):
    detail: str


class OrganisationRef(Schema):
    uuid: uuid.UUID
    name: str


class UnitOut(Schema):
    uuid: uuid.UUID
    name: str
    email: str
    phone: str


class OrganisationOut(Schema):
    uuid: uuid.UUID
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
    uuid: uuid.UUID
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
    uuid: uuid.UUID
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
