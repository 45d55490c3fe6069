"""Every change to people, their relations, registrations and consents. Each action runs in one transaction and
writes its audit event in that transaction. Actions check access again, so that no caller can skip the policy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knutpunkt.audit.actions import record
from knutpunkt.audit.models import LegalGround
from knutpunkt.core.dates import add_years
from knutpunkt.organisations.access import Actor
from knutpunkt.organisations.models import Organisation
from knutpunkt.people import access
from knutpunkt.people.identity import IdentityNumber
from knutpunkt.people.models import (
    Consent,
    ConsentGiver,
    Guardianship,
    Person,
    Protection,
    Registration,
    RelationKind,
)

# The fields of the shared person record an edit may change. The identity number is not one of them.
EDITABLE_FIELDS = (
    "first_name",
    "last_name",
    "date_of_birth",
    "phone",
    "email",
    "street_address",
    "postal_code",
    "city",
    "protection",
)
ADDRESS_FIELDS = ("street_address", "postal_code", "city")
# From least to most protected. Only those who may see the address may lower a flag: lowering it would show it.
PROTECTION_ORDER = (Protection.NONE, Protection.CONFIDENTIALITY_MARKING, Protection.PROTECTED_REGISTRATION)

# A consent that "never ends" is one of the failures audits find; one year, then a new consent is recorded.
CONSENT_MAX_YEARS = 1
ADULT_AGE = 18
# From 15 a child who understands what the consent means decides for themselves and is not overridden.
CHILD_OWN_SAY_AGE = 15
MAX_GUARDIANS = 2


class PersonAlreadyRegistered(Exception):
    """The number is already in Knutpunkt. Deliberately carries nothing about that person."""


class EditConflict(Exception):
    """Someone saved the person after the edit began. `current` is the record as it is now."""

    def __init__(self, current: Person) -> None:
        super().__init__("The person was changed by someone else")
        self.current = current


class ConsentAlreadyWithdrawn(Exception):
    """A withdrawal is final: it cannot be recorded twice or undone."""


@dataclass(frozen=True)
class PersonDetails:
    first_name: str
    last_name: str
    date_of_birth: dt.date | None
    phone: str = ""
    email: str = ""
    street_address: str = ""
    postal_code: str = ""
    city: str = ""
    protection: str = Protection.NONE


@dataclass(frozen=True)
class ConsentDetails:
    purpose: str
    purpose_detail: str
    organisations: Sequence[Organisation]
    included_information: str
    excluded_information: str
    given_by: str
    form: str
    valid_from: dt.date
    valid_until: dt.date
    guardians: Sequence[Person] = field(default_factory=list)
    single_guardian_reason: str = ""
    child_view: str = ""


def _require_unit(actor: Actor) -> None:
    if actor.unit is None or actor.organisation is None or not access.may_work_with_people(actor):
        raise PermissionDenied


# --- Persons ------------------------------------------------------------------------------------------------------


def create_person(actor: Actor, identity: IdentityNumber, details: PersonDetails, reason: str) -> Person:
    """Register a person and the actor's organisation's registration of them, so the creator can see them.

    An existing number is refused with `PersonAlreadyRegistered`. The refusal is logged; it names the existing
    person only when the actor may see them, so the log of the actor's own unit reveals nothing new either."""
    _require_unit(actor)
    assert actor.unit is not None and actor.organisation is not None
    with transaction.atomic():
        existing = Person.objects.filter(identity_number=identity.value).first()
        if existing is None:
            try:
                with transaction.atomic():
                    person = Person.objects.create(
                        identity_number=identity.value,
                        identity_kind=identity.kind,
                        first_name=details.first_name,
                        last_name=details.last_name,
                        date_of_birth=details.date_of_birth,
                        phone=details.phone,
                        email=details.email,
                        street_address=details.street_address,
                        postal_code=details.postal_code,
                        city=details.city,
                        protection=details.protection,
                        registered_by=actor.organisation,
                    )
                    Registration.objects.create(
                        person=person,
                        organisation=actor.organisation,
                        unit=actor.unit,
                        reason=reason,
                        created_by=actor.user,
                    )
                    record(
                        actor,
                        "person.created",
                        person=person,
                        obj=person,
                        legal_ground=LegalGround.OWN_RECORDS,
                        detail={"kind": str(identity.kind)},
                    )
                    return person
            except IntegrityError:
                # Registered by someone else between our look-up and our insert.
                existing = Person.objects.filter(identity_number=identity.value).first()
                if existing is None:
                    raise
        ground = access.legal_ground(actor, existing)
        record(
            actor,
            "person.create_refused",
            person=existing if ground else None,
            legal_ground=ground or LegalGround.NONE,
            had_relation=bool(ground),
            detail={"reason": "number_exists"},
        )
    raise PersonAlreadyRegistered


def update_person(actor: Actor, person: Person, version: int, values: Mapping[str, Any]) -> list[str]:
    """Save an edit that began from `version`, by a conditional update, so a save in between is never overwritten
    (`EditConflict`). Returns the names of the changed fields, which are logged (the values are not)."""
    if not access.may_change_person(actor, person):
        raise PermissionDenied
    allowed = set(EDITABLE_FIELDS)
    if not access.may_see_address(actor, person):
        allowed -= set(ADDRESS_FIELDS)
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"Fields that may not be changed here: {sorted(unknown)}")
    with transaction.atomic():
        current = Person.objects.get(pk=person.pk)
        if current.version != version:
            raise EditConflict(current)
        changed = [name for name in EDITABLE_FIELDS if name in values and getattr(current, name) != values[name]]
        if not changed:
            return []
        lowered = "protection" in changed and PROTECTION_ORDER.index(
            Protection(values["protection"])
        ) < PROTECTION_ORDER.index(Protection(current.protection))
        if lowered and not access.may_see_address(actor, person):
            raise PermissionDenied
        updated = Person.objects.filter(pk=person.pk, version=version).update(
            **{name: values[name] for name in changed}, version=version + 1, updated_at=timezone.now()
        )
        if updated != 1:
            raise EditConflict(Person.objects.get(pk=person.pk))
        record(
            actor,
            "person.changed",
            person=person,
            obj=person,
            legal_ground=LegalGround.OWN_RECORDS,
            detail={"fields": changed},
        )
    return changed


# --- Guardians and relatives --------------------------------------------------------------------------------------


def add_relation(actor: Actor, person: Person, related: Person, kind: str) -> Guardianship:
    """Link a guardian (of a child) or a relative. Both people must be visible to the actor."""
    if not access.may_change_person(actor, person) or access.legal_ground(actor, related) is None:
        raise PermissionDenied
    if related.pk == person.pk:
        raise ValidationError(_("En person kan inte vara sin egen vårdnadshavare eller närstående."))
    with transaction.atomic():
        current = Guardianship.objects.filter(person=person, valid_until__isnull=True)
        if current.filter(related=related, kind=kind).exists():
            raise ValidationError(_("Personen finns redan med i den här rollen."))
        if kind == RelationKind.GUARDIAN:
            age = person.age
            if age is not None and age >= ADULT_AGE:
                raise ValidationError(
                    _("Bara barn under 18 år har vårdnadshavare. Lägg till personen som närstående i stället.")
                )
            if current.filter(kind=RelationKind.GUARDIAN).count() >= MAX_GUARDIANS:
                raise ValidationError(
                    _("Ett barn kan ha högst två vårdnadshavare. Avsluta en vårdnadshavare först om vårdnaden ändrats.")
                )
        relation = Guardianship.objects.create(person=person, related=related, kind=kind)
        record(
            actor,
            "person.guardian_added",
            person=person,
            obj=relation,
            legal_ground=LegalGround.OWN_RECORDS,
            detail={"kind": kind},
        )
    return relation


def end_relation(actor: Actor, relation: Guardianship) -> None:
    """End a relation today. It stays on record as history."""
    person = relation.person
    if not access.may_change_person(actor, person):
        raise PermissionDenied
    today = timezone.localdate()
    with transaction.atomic():
        ended = Guardianship.objects.filter(pk=relation.pk, valid_until__isnull=True).update(
            valid_until=max(today, relation.valid_from)
        )
        if ended:
            record(
                actor,
                "person.guardian_ended",
                person=person,
                obj=relation,
                legal_ground=LegalGround.OWN_RECORDS,
                detail={"kind": relation.kind},
            )


# --- Registrations ------------------------------------------------------------------------------------------------


def end_registration(actor: Actor, registration: Registration, reason: str) -> None:
    """End the actor's own organisation's registration. The reason is a code from a fixed list, so no free text
    about the person reaches the log."""
    if actor.organisation is None or registration.organisation_id != actor.organisation.pk:
        raise PermissionDenied
    with transaction.atomic():
        ended = Registration.objects.filter(pk=registration.pk, ended_at__isnull=True).update(ended_at=timezone.now())
        if ended:
            record(
                actor,
                "person.registration_ended",
                person=registration.person,
                obj=registration,
                legal_ground=LegalGround.OWN_RECORDS,
                detail={"reason": reason},
            )


# --- Consent ------------------------------------------------------------------------------------------------------


def consent_errors(
    person: Person, details: ConsentDetails, own_organisation: Organisation, today: dt.date
) -> dict[str, list[str]]:
    """The rules a consent must meet, by field (NON_FIELD_ERRORS for the whole). Empty when it may be recorded."""
    errors: dict[str, list[str]] = {}

    def add(name: str, message: object) -> None:
        errors.setdefault(name, []).append(str(message))

    if details.valid_from < today:
        add("valid_from", _("Ett samtycke kan inte gälla bakåt i tiden. Ange dagens datum eller ett senare."))
    if details.valid_until < details.valid_from:
        add("valid_until", _("Slutdatumet kan inte ligga före startdatumet."))
    elif details.valid_until > add_years(details.valid_from, CONSENT_MAX_YEARS):
        add("valid_until", _("Ett samtycke gäller högst ett år. Registrera ett nytt samtycke när det ska förnyas."))

    chosen = {organisation.pk for organisation in details.organisations}
    if own_organisation.pk not in chosen:
        add("organisations", _("Er egen organisation måste vara med bland organisationerna."))
    elif len(chosen) < 2:
        add("organisations", _("Välj minst en organisation till som informationen får delas med."))

    age = person.age_on(today)
    guardian_ids = {guardian.pk for guardian in details.guardians}
    includes_person = details.given_by in (ConsentGiver.PERSON, ConsentGiver.PERSON_AND_GUARDIANS)
    includes_guardians = details.given_by in (ConsentGiver.GUARDIANS, ConsentGiver.PERSON_AND_GUARDIANS)
    if age is None:
        add(
            NON_FIELD_ERRORS,
            _("Personens födelsedatum saknas. Reglerna för samtycke beror på ålder, så ange födelsedatum först."),
        )
    elif age >= ADULT_AGE:
        if details.given_by != ConsentGiver.PERSON:
            add("given_by", _("En vuxen lämnar samtycke själv."))
        if guardian_ids:
            add("consenting_guardians", _("En vuxen lämnar samtycke själv; markera inga vårdnadshavare."))
    else:
        if age >= CHILD_OWN_SAY_AGE:
            if not includes_person:
                add(
                    "given_by",
                    _(
                        "Barnet har fyllt 15 år och ska själv lämna samtycket. Vårdnadshavarna kan inte samtycka "
                        "i stället för barnet."
                    ),
                )
            if not details.child_view.strip():
                add("child_view", _("Skriv barnets egen inställning. Den ska alltid dokumenteras från 15 år."))
        elif not includes_guardians:
            add("given_by", _("För ett barn under 15 år lämnar vårdnadshavarna samtycket."))

        on_record = set(
            Guardianship.objects.filter(
                person=person, kind=RelationKind.GUARDIAN, valid_until__isnull=True
            ).values_list("related_id", flat=True)
        )
        if includes_guardians:
            if not on_record:
                add("consenting_guardians", _("Barnet har inga vårdnadshavare registrerade. Lägg till dem först."))
            elif not guardian_ids:
                add("consenting_guardians", _("Markera vilka vårdnadshavare som samtyckt."))
            elif not guardian_ids <= on_record:
                add("consenting_guardians", _("Bara barnets registrerade vårdnadshavare kan väljas."))
            elif len(on_record) >= 2 and guardian_ids != on_record and not details.single_guardian_reason.strip():
                add(
                    "single_guardian_reason",
                    _("Barnet har två vårdnadshavare och båda ska samtycka. Har bara en samtyckt ska skälet anges."),
                )
        elif guardian_ids:
            add("consenting_guardians", _("Samtycket är lämnat av barnet självt; markera inga vårdnadshavare."))
    return errors


def record_consent(actor: Actor, person: Person, details: ConsentDetails) -> Consent:
    """Record a consent (OSL 12 kap. 2 §). Consents are never edited: a change is a new consent."""
    if not access.may_record_consent(actor, person):
        raise PermissionDenied
    assert actor.organisation is not None and actor.unit is not None
    errors = consent_errors(person, details, actor.organisation, timezone.localdate())
    if errors:
        raise ValidationError(errors)
    guardians = list(details.guardians)
    both_consented = len(guardians) >= MAX_GUARDIANS
    with transaction.atomic():
        consent = Consent.objects.create(
            person=person,
            purpose=details.purpose,
            purpose_detail=details.purpose_detail,
            included_information=details.included_information,
            excluded_information=details.excluded_information,
            given_by=details.given_by,
            single_guardian_reason="" if both_consented else details.single_guardian_reason,
            child_view=details.child_view,
            form=details.form,
            valid_from=details.valid_from,
            valid_until=details.valid_until,
            recorded_by=actor.user,
            recorded_unit=actor.unit,
        )
        consent.organisations.set(details.organisations)
        consent.consenting_guardians.set(guardians)
        record(
            actor,
            "consent.recorded",
            person=person,
            obj=consent,
            legal_ground=LegalGround.OWN_RECORDS,
            detail={
                "purpose": details.purpose,
                "organisations": sorted(str(organisation.uuid) for organisation in details.organisations),
                "valid_until": details.valid_until.isoformat(),
            },
        )
    return consent


def withdraw_consent(actor: Actor, consent: Consent, reason: str) -> None:
    """Withdraw a consent now. It takes effect at once, and cannot be undone: a new consent is recorded instead."""
    if consent.withdrawn_at is not None:
        raise ConsentAlreadyWithdrawn
    if not access.may_withdraw_consent(actor, consent):
        raise PermissionDenied
    ground = access.legal_ground(actor, consent.person)
    now = timezone.now()
    with transaction.atomic():
        withdrawn = Consent.objects.filter(pk=consent.pk, withdrawn_at__isnull=True).update(
            withdrawn_at=now, withdrawn_by=actor.user, withdrawal_reason=reason
        )
        if withdrawn != 1:
            raise ConsentAlreadyWithdrawn
        record(
            actor,
            "consent.withdrawn",
            person=consent.person,
            obj=consent,
            legal_ground=ground or LegalGround.NONE,
            had_relation=bool(ground),
        )
    consent.withdrawn_at, consent.withdrawn_by, consent.withdrawal_reason = now, actor.user, reason
