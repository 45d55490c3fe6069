"""The access policy for people and their consents: the one place that answers "may this actor see this person?"
and "which people may this actor list?", from the same rule.

A staff member sees a person only through a legitimate relation of the organisation they act for:
- the organisation has the person registered in its own records (an open `Registration`), or
- a consent in force covers the organisation.
Administrators and analysts see no individuals. Not-found and not-allowed both answer 404, and every read of
personal data is written to the audit log here, with its legal ground.
"""

from __future__ import annotations

from enum import Enum
from uuid import UUID

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from knutpunkt.audit.actions import record, record_listing
from knutpunkt.audit.models import LegalGround
from knutpunkt.organisations.access import Actor
from knutpunkt.organisations.models import Organisation
from knutpunkt.people.models import Consent, Guardianship, Person, Registration, RelationKind


def may_work_with_people(actor: Actor | None) -> bool:
    """Staff and unit managers acting for an organisation work with individuals; administrators and analysts never."""
    return actor is not None and actor.sees_personal_data and actor.organisation is not None


def people_worker(actor: Actor | None) -> Actor:
    """The actor, for pages about individuals that name no person yet (search, register); 404 for everyone else."""
    if actor is None or not may_work_with_people(actor) or actor.unit is None:
        raise Http404
    return actor


def _registered_here(actor: Actor) -> Exists:
    return Exists(
        Registration.objects.filter(person=OuterRef("pk"), organisation=actor.organisation, ended_at__isnull=True)
    )


def _consent_covers(actor: Actor) -> Exists:
    return Exists(Consent.objects.active_on().filter(person=OuterRef("pk"), organisations=actor.organisation))


def visible_persons(actor: Actor | None) -> QuerySet[Person]:
    """Every person the actor may see. The same rule as `legal_ground`."""
    if actor is None or not may_work_with_people(actor):
        return Person.objects.none()
    return Person.objects.filter(Q(_registered_here(actor)) | Q(_consent_covers(actor)))


class _Unknown(Enum):
    UNKNOWN = "unknown"


# The functions below that need the legal ground take it as `ground=` when the caller has it already (a page asks
# for it several times: each time is a query or two).
UNKNOWN = _Unknown.UNKNOWN


def _known(actor: Actor | None, person: Person, ground: str | _Unknown | None) -> str | None:
    return legal_ground(actor, person) if isinstance(ground, _Unknown) else ground


def legal_ground(actor: Actor | None, person: Person) -> str | None:
    """Why the actor may see the person now, or None when they may not."""
    if actor is None or not may_work_with_people(actor):
        return None
    if Registration.objects.filter(person=person, organisation=actor.organisation, ended_at__isnull=True).exists():
        return LegalGround.OWN_RECORDS
    if Consent.objects.active_on().filter(person=person, organisations=actor.organisation).exists():
        return LegalGround.CONSENT
    return None


def get_person(actor: Actor | None, person_uuid: UUID | str, *, event: str = "person.viewed") -> Person:
    """The person with this UUID if the actor may see them (the read is logged); otherwise 404."""
    return get_person_and_ground(actor, person_uuid, event=event)[0]


def get_person_and_ground(
    actor: Actor | None, person_uuid: UUID | str, *, event: str = "person.viewed"
) -> tuple[Person, str]:
    """As `get_person`, with the legal ground the actor sees the person on. The person is found by its key and the
    rule applied to that one person (`legal_ground`, the rule of `visible_persons`): the ground is needed for the
    log anyway, and the rule as a subquery of the lookup cost more than the ground's own queries."""
    if actor is None or not may_work_with_people(actor):
        raise Http404
    person = Person.objects.filter(uuid=person_uuid).select_related("registered_by").first()
    ground = legal_ground(actor, person) if person is not None else None
    if person is None or ground is None:
        raise Http404
    record(actor, event, person=person, obj=person, legal_ground=ground, had_relation=True)
    return person, ground


def find_by_number(actor: Actor, identity_number: str) -> Person | None:
    """Exact search by a canonical number within what the actor may see. The search itself is logged without the
    number (numbers never go to the log in clear text); a hit is logged as a listing of that person."""
    person = visible_persons(actor).filter(identity_number=identity_number).first()
    record(actor, "person.searched", detail={"by": "number", "hits": 1 if person else 0})
    if person is not None:
        ground = legal_ground(actor, person)
        record(
            actor, "person.listed", person=person, legal_ground=ground or LegalGround.NONE, had_relation=bool(ground)
        )
    return person


def search_by_name(actor: Actor, text: str, limit: int = 50) -> list[Person]:
    """Name search within what the actor may see; every person shown is logged."""
    words = [word for word in text.split() if word]
    people = visible_persons(actor)
    for word in words:
        people = people.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    found = list(people.order_by("last_name", "first_name")[:limit]) if words else []
    record(actor, "person.searched", detail={"by": "name", "hits": len(found)})
    if found:
        own = set(
            Registration.objects.filter(
                person__in=found, organisation=actor.organisation, ended_at__isnull=True
            ).values_list("person_id", flat=True)
        )
        # Own records first, then those seen under consent, in one write.
        shown = [(p, LegalGround.OWN_RECORDS) for p in found if p.pk in own]
        shown += [(p, LegalGround.CONSENT) for p in found if p.pk not in own]
        record_listing(actor, "person.listed", shown)
    return found


def may_see_address(actor: Actor | None, person: Person, *, ground: str | _Unknown | None = UNKNOWN) -> bool:
    """A protected person's address and location never leave the organisation that registered the person."""
    if actor is None or actor.organisation is None or _known(actor, person, ground) is None:
        return False
    if person.is_protected:
        return actor.organisation.pk == person.registered_by_id
    return True


def reveal_protected_address(actor: Actor | None, person: Person) -> None:
    """The confirmed display of a protected person's address: allowed only where `may_see_address`, and logged
    every time. 404 for everyone else, so the refusal says nothing about the address."""
    if not person.is_protected or not may_see_address(actor, person):
        raise Http404
    record(
        actor,
        "person.protected_address_viewed",
        person=person,
        obj=person,
        legal_ground=LegalGround.OWN_RECORDS,
        had_relation=True,
    )


def may_change_person(actor: Actor | None, person: Person, *, ground: str | _Unknown | None = UNKNOWN) -> bool:
    """Only an organisation with the person in its own records edits the shared person record."""
    return _known(actor, person, ground) == LegalGround.OWN_RECORDS


# --- Guardians, relatives and registrations of a person the actor may see ---------------------------------------


def relations(
    actor: Actor | None, person: Person, *, ground: str | _Unknown | None = UNKNOWN
) -> QuerySet[Guardianship]:
    """The person's guardians and relatives, current and ended. They are part of the person's own data, so
    whoever may see the person sees their names."""
    if _known(actor, person, ground) is None:
        return Guardianship.objects.none()
    return (
        Guardianship.objects.filter(person=person)
        .select_related("related")
        .order_by("valid_until", "kind", "related__last_name", "related__first_name")
    )


def current_guardians(actor: Actor | None, person: Person) -> QuerySet[Person]:
    """The guardians on record now, for consent given by guardians."""
    return Person.objects.filter(
        pk__in=relations(actor, person).filter(kind=RelationKind.GUARDIAN, valid_until__isnull=True).values("related")
    ).order_by("last_name", "first_name")


def visible_dependants(
    actor: Actor | None, person: Person, *, ground: str | _Unknown | None = UNKNOWN
) -> QuerySet[Guardianship]:
    """Current relations where the person is guardian or relative of someone else: only towards people the actor
    may see, since the relation is the other person's data."""
    if _known(actor, person, ground) is None:
        return Guardianship.objects.none()
    # Checked row by row through the other person's primary key: `person__in=visible_persons(actor)` made SQLite
    # build the whole list of visible persons first, a scan of every person (bench/README.md).
    visible = Exists(visible_persons(actor).filter(pk=OuterRef("person_id")))
    return (
        Guardianship.objects.filter(visible, related=person, valid_until__isnull=True)
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
    )


def get_relation(actor: Actor | None, person: Person, relation_uuid: UUID | str) -> Guardianship:
    """A current relation of the person that the actor may end; 404 otherwise."""
    if not may_change_person(actor, person):
        raise Http404
    relation = relations(actor, person).filter(uuid=relation_uuid, valid_until__isnull=True).first()
    if relation is None:
        raise Http404
    return relation


def own_registrations(
    actor: Actor | None, person: Person, *, ground: str | _Unknown | None = UNKNOWN
) -> QuerySet[Registration]:
    """The actor's own organisation's registrations of the person, current and ended. Other organisations'
    registrations are never shown: that a person is known to, say, psychiatry is itself a secret."""
    if actor is None or _known(actor, person, ground) is None:
        return Registration.objects.none()
    return (
        Registration.objects.filter(person=person, organisation=actor.organisation)
        .select_related("unit", "created_by")
        .order_by("ended_at", "-started_at")
    )


def get_own_registration(actor: Actor | None, person: Person, registration_uuid: UUID | str) -> Registration:
    """A current registration of the actor's own organisation; 404 otherwise."""
    registration = own_registrations(actor, person).filter(uuid=registration_uuid, ended_at__isnull=True).first()
    if registration is None:
        raise Http404
    return registration


# --- Consent -----------------------------------------------------------------------------------------------------


def visible_consents(
    actor: Actor | None, person: Person, *, ground: str | _Unknown | None = UNKNOWN
) -> QuerySet[Consent]:
    """Consents about the person that the actor may see: those that name the actor's organisation, and those
    it recorded itself. A consent naming other organisations only would itself reveal secret facts."""
    if actor is None or actor.organisation is None or _known(actor, person, ground) is None:
        return Consent.objects.none()
    return (
        Consent.objects.filter(person=person)
        .filter(Q(organisations=actor.organisation) | Q(recorded_unit__organisation=actor.organisation))
        .distinct()
        .prefetch_related("organisations", "consenting_guardians")
        .select_related("recorded_by", "recorded_unit__organisation", "withdrawn_by")
    )


def get_consent(actor: Actor | None, person: Person, consent_uuid: UUID | str) -> Consent:
    consent = visible_consents(actor, person).filter(uuid=consent_uuid).first()
    if consent is None:
        raise Http404
    return consent


def view_consent(actor: Actor | None, person: Person, consent_uuid: UUID | str) -> Consent:
    """`get_consent` for display: the read is logged."""
    consent = get_consent(actor, person, consent_uuid)
    ground = legal_ground(actor, person)
    record(
        actor,
        "consent.viewed",
        person=person,
        obj=consent,
        legal_ground=ground or LegalGround.NONE,
        had_relation=bool(ground),
    )
    return consent


def may_record_consent(actor: Actor | None, person: Person, *, ground: str | _Unknown | None = UNKNOWN) -> bool:
    """Consent is recorded by staff whose organisation has the person in its own records."""
    return may_change_person(actor, person, ground=ground)


def may_withdraw_consent(actor: Actor | None, consent: Consent) -> bool:
    """The person may withdraw a consent to any organisation it covers, so every organisation that may see the
    consent may register the withdrawal, as long as the consent has not already ended."""
    if consent.withdrawn_at is not None or consent.valid_until < timezone.localdate():
        return False
    return visible_consents(actor, consent.person).filter(pk=consent.pk).exists()


def consent_organisations() -> QuerySet[Organisation]:
    """Organisations a consent can name: active ones with at least one active unit (where staff work)."""
    return (
        Organisation.objects.filter(active=True, units__active=True)
        .select_related("parent")
        .distinct()
        .order_by("name")
    )


def active_consent_organisations(person: Person) -> set[int]:
    """Primary keys of organisations covered by a consent in force now (for the person page)."""
    return set(Consent.objects.active_on(timezone.now()).filter(person=person).values_list("organisations", flat=True))
