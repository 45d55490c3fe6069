"""The demo county: a Värmland-like county that `knutpunkt demo` loads so that Knutpunkt can be tried at once.

What is in it
-------------
- **Region Värmland** (county code 17) with four branches, each its own secrecy domain: Primärvården
  (vårdcentraler in Karlstad, Arvika and Kil), Vuxenpsykiatrin (two psychiatric clinics and a clinic for
  addiction), BUP Värmland (child and youth psychiatry in Karlstad and Arvika) and Sjukhusvården (geriatrics in
  Karlstad, medicine in Arvika).
- **Four municipalities** with SCB's codes: Karlstad 1780, Arvika 1784, Kil 1715 and Hammarö 1761. Each has
  Socialtjänsten (children and young people, adults with addiction, needs assessment for older people, an intake
  unit, and in Karlstad and Hammarö a first-line service / family centre), Utbildningsförvaltningen (elevhälsa
  units) and Kultur och fritid (youth centres).
- **Other actors**: Försäkringskassan, Arbetsförmedlingen, Polisområde Värmland (two local police areas),
  Stadsmissionen Värmland (civil society) and Friskolan Klarälven (an independent school).
- **Staff** in every role: every organisation has a local administrator and an analyst, every unit a unit
  manager (Maria leads two units, to show the unit switch) and one to three staff members. All are demo
  accounts (`is_demo_account`) with the one password `DEMO_PASSWORD`; in demo mode they sign in without a second
  factor. Featured accounts: anna.karlstad and bo.karlstad (Barn och unga, Karlstad), maria.chef (their
  manager), adam.admin and ali.analys (administrator and analyst of Socialtjänsten Karlstad), cecilia.bup (BUP
  Karlstad) and olle.arvika (the outsider, Socialtjänsten Arvika).
- **About 200 fictitious people**, each with a personal identity number (a few adults with a coordination number)
  taken from Skatteverket's published test numbers, by birth year and legal sex: families with children (most
  with two guardians), adults (addiction, mental ill-health, economic hardship, young adults outside work and
  studies), people over 80 (some with a relative, some discharged from hospital). One family has protected
  registration (no address stored), and a few people have a confidentiality marking.
- **Registrations** at the organisations that have each person in their own records, a few of them ended;
  **consents** (in force, expired and withdrawn; children's consents given by both guardians, with the child's
  own view from 15); and **audit events** so the log review has content, including a few views without any
  relation for the review to find.
- The story to start with: Alva Nordström, 15–16, is in the records of Barn och unga in Karlstad (anna.karlstad
  sees her) and has consented together with her guardians to a coordinated plan with BUP (so cecilia.bup sees
  her too); olle.arvika in Arvika does not see her.

How it is loaded
----------------
`seed_demo()` runs in one transaction and is deterministic (a fixed random seed; ages and dates count from
today). The demo accounts are the seed marker: when they exist the county is already loaded and nothing is
written, so running `knutpunkt demo` again neither fails nor duplicates. Principals, branches and units are
looked up before they are created, and identity numbers already in the database are never reused.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from knutpunkt.accounts.models import User
from knutpunkt.audit.actions import record
from knutpunkt.audit.models import AuditEvent, LegalGround
from knutpunkt.demo import county
from knutpunkt.demo.county import TITLES, Work
from knutpunkt.demo.numbers import NumberPool
from knutpunkt.demo.plans_seed import PlanSeeder
from knutpunkt.organisations.access import Actor
from knutpunkt.organisations.models import Branch, Membership, Organisation, OrganisationKind, Role, Unit
from knutpunkt.people.identity import IdentityKind, parse_identity_number
from knutpunkt.people.models import (
    Consent,
    ConsentForm,
    ConsentGiver,
    ConsentPurpose,
    Guardianship,
    Person,
    Protection,
    Registration,
    RelationKind,
)
from knutpunkt.plans.models import Plan

DEMO_PASSWORD = "knutpunkt-demo"  # noqa: S105 - the demo's published password, printed on the console
RANDOM_SEED = 1780
STORY_CHILD = ("Alva", "Nordström")
FEATURED_USERNAMES = ("anna.karlstad", "maria.chef", "cecilia.bup", "olle.arvika", "adam.admin", "ali.analys")

FAMILIES = {"Karlstad": 18, "Arvika": 8, "Kil": 6, "Hammarö": 7}
ADULTS = {"Karlstad": 18, "Arvika": 9, "Kil": 6, "Hammarö": 8}
OLDER = {"Karlstad": 10, "Arvika": 5, "Kil": 4, "Hammarö": 5}
# Skatteverket's file of test personnummer ends with people born in 2017.
LATEST_TEST_YEAR = 2017

_ROLE_ORDER = {Role.ADMINISTRATOR: 0, Role.ANALYST: 1, Role.UNIT_MANAGER: 2, Role.STAFF: 3}
_ASCII = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


@dataclass(frozen=True)
class DemoLogin:
    username: str
    name: str
    role: str
    unit: str
    organisation: str


@dataclass(frozen=True)
class DemoSummary:
    created: bool  # False when the county was already loaded
    password: str
    counts: dict[str, int]
    logins: tuple[DemoLogin, ...]
    featured: tuple[str, ...]
    example_person: str


def seed_demo(today: dt.date | None = None) -> DemoSummary:
    """Load the demo county unless it is already loaded, and describe what the database holds."""
    with transaction.atomic():
        created = not User.objects.filter(is_demo_account=True).exists()
        if created:
            _Seeder(today or timezone.localdate()).run()
    return summarise(created)


def summarise(created: bool = False) -> DemoSummary:
    counts = {
        "organisations": Organisation.objects.count(),
        "units": Unit.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "persons": Person.objects.count(),
        "registrations": Registration.objects.count(),
        "guardianships": Guardianship.objects.count(),
        "consents": Consent.objects.count(),
        "audit_events": AuditEvent.objects.count(),
        "plans": Plan.objects.count(),
    }
    memberships = Membership.objects.filter(user__is_demo_account=True, ended_at__isnull=True).select_related(
        "user", "unit__organisation"
    )
    ordered = sorted(
        memberships,
        key=lambda m: (
            m.unit.organisation_id,
            _ROLE_ORDER[Role(m.role)] > 1,
            m.unit_id,
            _ROLE_ORDER[Role(m.role)],
            m.user.username,
        ),
    )
    logins = tuple(
        DemoLogin(
            username=m.user.username,
            name=str(m.user),
            role=str(m.get_role_display()),
            unit=m.unit.name,
            organisation=m.unit.organisation.display_name,
        )
        for m in ordered
    )
    return DemoSummary(
        created=created,
        password=DEMO_PASSWORD,
        counts=counts,
        logins=logins,
        featured=FEATURED_USERNAMES,
        example_person=" ".join(STORY_CHILD),
    )


def username_part(text: str) -> str:
    return text.lower().translate(_ASCII).replace(" ", "")


@dataclass
class _Planned:
    """A person and the units that have them in their records."""

    person: Person
    registrations: list[Registration] = field(default_factory=list)
    guardians: list[Person] = field(default_factory=list)
    town: str = ""


class _Seeder:
    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.now = timezone.now()
        # Seeded, not secret: the same county every time.
        self.rng = random.Random(RANDOM_SEED)  # noqa: S311
        self.numbers = NumberPool(random.Random(RANDOM_SEED + 1))  # noqa: S311
        self.numbers.used.update(Person.objects.values_list("identity_number", flat=True))
        self.password_hash = make_password(DEMO_PASSWORD)
        self.usernames: set[str] = {username for _, _, username in county.FEATURED_STAFF.values()}
        self.usernames.update(User.objects.values_list("username", flat=True))
        self.units_by_work: dict[str, list[tuple[Unit, tuple[str, ...]]]] = {}
        self.work_of_unit: dict[int, str] = {}
        self.members_by_unit: dict[int, list[Membership]] = {}
        self.memberships_by_username: dict[str, Membership] = {}
        self.social_services: dict[str, Organisation] = {}
        self.phones = iter(f"070-174 06 {n:02d}" for n in range(5, 100))  # numbers PTS sets aside for fiction
        self.children: list[_Planned] = []
        self.adults: list[_Planned] = []
        self.older: list[_Planned] = []
        self.story: _Planned | None = None
        self.protected: list[Person] = []
        self.consent_count = 0

    def run(self) -> None:
        self.organisations()
        self.people()
        consents = self.consents()
        self.audit_events(consents)
        self.plans(consents)

    def plans(self, consents: list[tuple[Consent, Membership]]) -> None:
        """Agreement profiles and plans in every step, made through the plan actions (see plans_seed.py)."""
        actors = {
            unit_id: self.actor_for(self.staff_member(members[0].unit))
            for unit_id, members in self.members_by_unit.items()
        }
        seeder = PlanSeeder(self.today, self.rng, actors)
        seeder.run(
            [(consent, self.actor_for(recorder)) for consent, recorder in consents], self.story_child().person.pk
        )

    # --- Organisations, units, staff ------------------------------------------------------------------------

    def organisations(self) -> None:
        for principal in (county.REGION, *county.MUNICIPALITIES):
            root = Organisation.objects.filter(kind=principal.kind, code=principal.code, parent=None).first()
            if root is None:
                root = Organisation.objects.create(
                    name=principal.name, short_name=principal.short_name, kind=principal.kind, code=principal.code
                )
            for branch in principal.branches:
                self.organisation(branch, parent=root)
        for actor in county.OTHER_ACTORS:
            self.organisation(actor, parent=None)
        username, _tag, unit_name = county.EXTRA_MANAGER
        maria = self.memberships_by_username[username].user
        unit = Unit.objects.get(organisation=self.social_services["Karlstad"], name=unit_name)
        self.member_for(maria, unit, Role.UNIT_MANAGER, "Enhetschef", Work.INTAKE)

    def organisation(self, spec: county.OrgSpec, parent: Organisation | None) -> None:
        organisation, _ = Organisation.objects.get_or_create(
            name=spec.name,
            parent=parent,
            defaults={"short_name": spec.short_name, "kind": spec.kind, "branch": spec.branch, "code": spec.code},
        )
        if spec.branch == Branch.SOCIAL_SERVICES:
            self.social_services[spec.town] = organisation
        units: list[tuple[Unit, county.UnitSpec]] = []
        for unit_spec in spec.units:
            unit, _ = Unit.objects.get_or_create(
                organisation=organisation,
                name=unit_spec.name,
                defaults={"email": unit_spec.email, "phone": next(self.phones)},
            )
            towns = unit_spec.towns or ((spec.town,) if spec.town else county.TOWNS)
            self.units_by_work.setdefault(unit_spec.work, []).append((unit, towns))
            self.work_of_unit[unit.pk] = unit_spec.work
            units.append((unit, unit_spec))

        first_unit, first_spec = units[0]
        self.member(spec, None, first_unit, Role.ADMINISTRATOR, 0, "Systemadministratör", first_spec.work)
        self.member(spec, None, first_unit, Role.ANALYST, 0, "Analytiker", first_spec.work)
        for unit, unit_spec in units:
            if unit_spec.manager:
                self.member(spec, unit.name, unit, Role.UNIT_MANAGER, 0, "Enhetschef", unit_spec.work)
            titles = TITLES[unit_spec.work]
            for index in range(unit_spec.staff):
                self.member(spec, unit.name, unit, Role.STAFF, index, titles[index % len(titles)], unit_spec.work)

    def member(
        self, spec: county.OrgSpec, unit_name: str | None, unit: Unit, role: Role, index: int, title: str, work: str
    ) -> None:
        featured = county.FEATURED_STAFF.get((spec.tag, unit_name, role.value, index))
        if featured is not None:
            first, last, username = featured
        else:
            while True:
                first = self.rng.choice(county.STAFF_FIRST_NAMES)
                username = f"{username_part(first)}.{spec.tag}"
                if username not in self.usernames:
                    break
            last = self.rng.choice(county.SURNAMES)
        self.usernames.add(username)
        domain = unit.email.rsplit("@", 1)[-1]
        user = User(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@{domain}",
            is_demo_account=True,
            password=self.password_hash,
        )
        user.save()
        self.member_for(user, unit, role, title, work)

    def member_for(self, user: User, unit: Unit, role: Role, title: str, work: str) -> None:
        membership = Membership.objects.create(
            user=user,
            unit=unit,
            role=role,
            title=title,
            basis=f"Demo: behovs- och riskanalys 2026 för {unit.organisation.display_name}, avsnitt {work}",
        )
        self.memberships_by_username.setdefault(user.username, membership)
        if role in (Role.STAFF, Role.UNIT_MANAGER):
            self.members_by_unit.setdefault(unit.pk, []).append(membership)

    def staff_member(self, unit: Unit) -> Membership:
        """Who records things for the unit: its first staff member, else its manager."""
        members = self.members_by_unit[unit.pk]
        return next((m for m in members if m.role == Role.STAFF), members[0])

    # --- People ---------------------------------------------------------------------------------------------

    def people(self) -> None:
        for town in county.TOWNS:
            for index in range(FAMILIES[town]):
                self.family(
                    town,
                    story=(town == "Karlstad" and index == 0),
                    protected=(town == "Karlstad" and index == 2),
                    single=(index % 6 == 5),
                )
            for index in range(ADULTS[town]):
                self.adult(town, index, confidential=(index == 3 and town in ("Karlstad", "Arvika")))
            for index in range(OLDER[town]):
                self.older_person(town, index, confidential=(town == "Hammarö" and index == 1))

    def year_for_age(self, age: int) -> int:
        return min(self.today.year - age, LATEST_TEST_YEAR)

    def address(self, town: str) -> dict[str, str]:
        street = self.rng.choice(county.STREETS[town])
        return {
            "street_address": f"{street} {self.rng.randint(1, 48)}",
            "postal_code": self.rng.choice(county.POSTAL_CODES[town]),
            "city": county.CITIES[town],
        }

    def unit_for(self, work: str, town: str) -> Unit | None:
        candidates = [unit for unit, towns in self.units_by_work.get(work, []) if town in towns]
        return self.rng.choice(candidates) if candidates else None

    def person(
        self,
        first: str,
        last: str,
        year: int,
        female: bool,
        town: str,
        works: list[str],
        *,
        address: dict[str, str],
        protection: str = Protection.NONE,
        kind: IdentityKind = IdentityKind.PERSONNUMMER,
        fallback: Organisation | None = None,
    ) -> _Planned:
        number = self.numbers.take(year, female=female, kind=kind)
        parsed = parse_identity_number(number, today=self.today)
        units: list[Unit] = []
        for work in works:
            unit = self.unit_for(work, town)
            if unit is not None and all(unit.organisation_id != other.organisation_id for other in units):
                units.append(unit)
        registered_by = units[0].organisation if units else (fallback or self.social_services[town])
        person = Person.objects.create(
            identity_number=parsed.value,
            identity_kind=parsed.kind,
            first_name=first,
            last_name=last,
            date_of_birth=parsed.birth_date,
            protection=protection,
            registered_by=registered_by,
            **address,
        )
        planned = _Planned(person=person, town=town)
        for unit in units:
            planned.registrations.append(self.register(person, unit))
        return planned

    def register(self, person: Person, unit: Unit) -> Registration:
        work = self.work_of_unit[unit.pk]
        started = self.now - dt.timedelta(days=self.rng.randint(14, 900))
        ended = None
        # Some contacts are over: discharged from hospital, a finished first-line contact.
        if work in (Work.HOSPITAL, Work.FIRST_LINE) and self.rng.random() < 0.5:
            ended = self.now - dt.timedelta(days=self.rng.randint(2, 30))
            started = ended - dt.timedelta(days=self.rng.randint(3, 60))
        return Registration.objects.create(
            person=person,
            organisation=unit.organisation,
            unit=unit,
            reason=self.rng.choice(county.REASONS[work]),
            started_at=started,
            ended_at=ended,
            created_by=self.staff_member(unit).user,
        )

    def family(self, town: str, *, story: bool, protected: bool, single: bool) -> None:
        rng = self.rng
        surname = STORY_CHILD[1] if story else rng.choice(county.SURNAMES)
        address = {"street_address": "", "postal_code": "", "city": ""} if protected else self.address(town)
        protection = Protection.PROTECTED_REGISTRATION if protected else Protection.NONE
        first_age = 16 if story else rng.randint(8, 17)
        ages = [first_age]
        if story or rng.random() < 0.45:
            ages.append(max(first_age - rng.randint(2, 5), 5))

        oldest_year = self.year_for_age(first_age)
        mother_year = oldest_year - rng.randint(24, 38)
        guardians: list[Person] = []
        fathers_only = single and rng.random() < 0.25
        guardian_plan = [(False, mother_year + rng.randint(-3, 6))] if fathers_only else [(True, mother_year)]
        if not single:
            guardian_plan.append((False, mother_year + rng.randint(-3, 6)))
        for female, year in guardian_plan:
            first = rng.choice(county.ADULT_FEMALE if female else county.ADULT_MALE)
            last = surname if rng.random() < 0.75 else rng.choice(county.SURNAMES)
            works = [
                w
                for w, p in (
                    (Work.CHILDREN, 0.35),
                    (Work.PRIMARY_CARE, 0.3),
                    (Work.FIRST_LINE, 0.15),
                    (Work.EMPLOYMENT, 0.1),
                    (Work.SOCIAL_INSURANCE, 0.1),
                )
                if rng.random() < p
            ]
            if protected:
                works = [Work.CHILDREN, *[w for w in works if w != Work.CHILDREN]]
            planned = self.person(first, last, year, female, town, works, address=address, protection=protection)
            guardians.append(planned.person)
            if protected:
                self.protected.append(planned.person)

        for position, age in enumerate(ages):
            if story and position == 0:
                first, female = STORY_CHILD[0], True
            else:
                female = rng.random() < 0.5
                first = rng.choice(county.CHILD_FEMALE if female else county.CHILD_MALE)
            if story:
                works = [Work.CHILDREN, Work.SCHOOL_HEALTH] if position == 0 else [Work.SCHOOL_HEALTH]
            else:
                works = self.child_works(age)
            if protected:
                works = [Work.CHILDREN, *[w for w in works if w != Work.CHILDREN]]
            planned = self.person(
                first, surname, self.year_for_age(age), female, town, works, address=address, protection=protection
            )
            planned.guardians = guardians
            for guardian in guardians:
                Guardianship.objects.create(
                    person=planned.person,
                    related=guardian,
                    kind=RelationKind.GUARDIAN,
                    valid_from=planned.person.date_of_birth or self.today,
                )
            self.children.append(planned)
            if protected:
                self.protected.append(planned.person)
            if story and position == 0:
                self.story = planned

    def child_works(self, age: int) -> list[str]:
        rng = self.rng
        works = [w for w, p, min_age in county.CHILD_WORK_CHANCES if age >= min_age and rng.random() < p]
        return works or [Work.CHILDREN]

    def adult(self, town: str, index: int, *, confidential: bool) -> None:
        rng = self.rng
        profile = ("addiction", "mental", "economic", "young")[index % 4]
        coordination = index % 7 == 6  # a coordination number: recently arrived, not yet registered as resident
        female = rng.random() < 0.5
        first = rng.choice(county.ADULT_FEMALE if female else county.ADULT_MALE)
        if profile == "addiction":
            works = [Work.ADULT_ADDICTION, Work.ADDICTION_CARE, Work.PRIMARY_CARE]
            works += [w for w, p in ((Work.EMPLOYMENT, 0.5), (Work.VOLUNTARY, 0.3)) if rng.random() < p]
        elif profile == "mental":
            works = [Work.PSYCHIATRY, Work.PRIMARY_CARE, Work.SOCIAL_INSURANCE]
            works += [Work.INTAKE] if rng.random() < 0.3 else []
        elif profile == "economic":
            works = [Work.INTAKE, Work.EMPLOYMENT]
            works += [w for w, p in ((Work.VOLUNTARY, 0.4), (Work.PRIMARY_CARE, 0.3)) if rng.random() < p]
        else:
            works = [Work.EMPLOYMENT, Work.SOCIAL_INSURANCE]
            works += [w for w, p in ((Work.FIRST_LINE, 0.3), (Work.PSYCHIATRY, 0.3)) if rng.random() < p]
        age = rng.randint(19, 25) if profile == "young" else rng.randint(26, 66)
        planned = self.person(
            first,
            rng.choice(county.SURNAMES),
            self.year_for_age(age),
            female,
            town,
            works,
            address=self.address(town),
            protection=Protection.CONFIDENTIALITY_MARKING if confidential else Protection.NONE,
            kind=IdentityKind.SAMORDNINGSNUMMER if coordination else IdentityKind.PERSONNUMMER,
        )
        if confidential:
            self.protected.append(planned.person)
        self.adults.append(planned)

    def older_person(self, town: str, index: int, *, confidential: bool) -> None:
        rng = self.rng
        female = rng.random() < 0.6
        first = rng.choice(county.OLDER_FEMALE if female else county.OLDER_MALE)
        surname = rng.choice(county.SURNAMES)
        works = [Work.ELDERLY, Work.PRIMARY_CARE] + ([Work.HOSPITAL] if rng.random() < 0.4 else [])
        year = self.year_for_age(rng.randint(81, 97))
        planned = self.person(
            first,
            surname,
            year,
            female,
            town,
            works,
            address=self.address(town),
            protection=Protection.CONFIDENTIALITY_MARKING if confidential else Protection.NONE,
        )
        if confidential:
            self.protected.append(planned.person)
        if index % 3 == 0:
            # A son or daughter who supports them: a relative, in no organisation's records of their own.
            relative_female = rng.random() < 0.5
            relative_town = town if rng.random() < 0.6 else rng.choice(county.TOWNS)
            relative = self.person(
                rng.choice(county.ADULT_FEMALE if relative_female else county.ADULT_MALE),
                surname if rng.random() < 0.6 else rng.choice(county.SURNAMES),
                year + rng.randint(22, 36),
                relative_female,
                relative_town,
                [],
                address=self.address(relative_town),
                fallback=planned.person.registered_by,
            )
            Guardianship.objects.create(
                person=planned.person,
                related=relative.person,
                kind=RelationKind.RELATIVE,
                valid_from=self.today - dt.timedelta(days=rng.randint(30, 700)),
            )
            planned.guardians = [relative.person]
        self.older.append(planned)

    # --- Consents -------------------------------------------------------------------------------------------

    def consents(self) -> list[tuple[Consent, Membership]]:
        rng = self.rng
        made: list[tuple[Consent, Membership]] = []
        bup = Organisation.objects.get(name="BUP Värmland")
        made.append(
            self.consent(
                self.story_child(),
                ConsentPurpose.COORDINATED_PLAN,
                "active",
                extra=[bup],
                detail="SIP kring skolfrånvaro, oro och ångest",
            )
        )
        for planned in self.children:
            if planned is self.story or len(self.open_registrations(planned)) < 2 or rng.random() < 0.45:
                continue
            works = {r.unit.name for r in planned.registrations}
            purpose = ConsentPurpose.COORDINATED_PLAN
            detail = "SIP kring skolgång och stöd hemma"
            if any(r.organisation.kind == OrganisationKind.POLICE for r in planned.registrations):
                purpose, detail = ConsentPurpose.SSPF, "SSPF: stöd för att bryta med kriminella kamrater"
            elif any("Första linjen" in name for name in works):
                purpose, detail = ConsentPurpose.EARLY_SUPPORT, "Tidigt stöd till familjen"
            made.append(self.consent(planned, purpose, self.status(), detail=detail))
        for planned in self.adults:
            if len(self.open_registrations(planned)) < 3 or rng.random() < 0.5:
                continue
            made.append(
                self.consent(
                    planned,
                    ConsentPurpose.COORDINATED_PLAN,
                    self.status(),
                    detail="SIP: samordnat stöd för vård, försörjning och boende",
                )
            )
        for planned in self.older:
            if not any(r.organisation.branch == Branch.HOSPITAL_CARE for r in planned.registrations):
                continue
            made.append(
                self.consent(
                    planned, ConsentPurpose.DISCHARGE, self.status(), detail="Samordnad utskrivning från sluten vård"
                )
            )
        return made

    def story_child(self) -> _Planned:
        if self.story is None:
            raise RuntimeError("The story family is created first")
        return self.story

    def open_registrations(self, planned: _Planned) -> list[Registration]:
        return [r for r in planned.registrations if r.ended_at is None]

    def status(self) -> str:
        """Most consents are in force; every fifth has expired and every seventh is withdrawn."""
        self.consent_count += 1
        if self.consent_count % 7 == 0:
            return "withdrawn"
        return "expired" if self.consent_count % 5 == 0 else "active"

    def consent(
        self, planned: _Planned, purpose: str, status: str, *, detail: str, extra: list[Organisation] | None = None
    ) -> tuple[Consent, Membership]:
        rng = self.rng
        person = planned.person
        registrations = planned.registrations
        recording = self.open_registrations(planned)[0] if self.open_registrations(planned) else registrations[0]
        recorder = self.staff_member(recording.unit)
        organisations = list({r.organisation_id: r.organisation for r in registrations}.values())
        for organisation in extra or []:
            if organisation not in organisations:
                organisations.append(organisation)

        if status == "expired":
            valid_from = self.today - dt.timedelta(days=rng.randint(400, 700))
        else:
            valid_from = self.today - dt.timedelta(days=rng.randint(5, 300))
        valid_until = valid_from + dt.timedelta(days=365)
        age = person.age_on(self.today)
        is_child = age is not None and age < 18
        given_by = ConsentGiver.PERSON
        child_view = ""
        if is_child:
            given_by = ConsentGiver.PERSON_AND_GUARDIANS if (age or 0) >= 15 else ConsentGiver.GUARDIANS
            child_view = (
                f"{person.first_name} vill att de som hjälper till pratar med varandra, men vill inte att det som sägs "
                "i samtalen med kuratorn förs vidare."
                if (age or 0) >= 15
                else f"{person.first_name} har fått veta vad samtycket betyder, på ett sätt som passar åldern."
            )
        excluded = rng.choice(
            (
                "",
                "Anteckningar från enskilda samtal.",
                "Uppgifter om familjens ekonomi.",
                "Äldre journalanteckningar som inte rör planen.",
            )
        )
        consent = Consent.objects.create(
            person=person,
            purpose=purpose,
            purpose_detail=detail,
            included_information="Det som behövs för att ta fram och följa upp planen: behov, insatser, mål, "
            "vem som gör vad och när, kontaktpersoner.",
            excluded_information=excluded,
            given_by=given_by,
            single_guardian_reason="Ensam vårdnadshavare." if is_child and len(planned.guardians) == 1 else "",
            child_view=child_view,
            form=ConsentForm.WRITTEN if rng.random() < 0.75 else ConsentForm.ORAL,
            valid_from=valid_from,
            valid_until=valid_until,
            recorded_by=recorder.user,
            recorded_unit=recording.unit,
        )
        consent.organisations.set(organisations)
        if is_child:
            consent.consenting_guardians.set(planned.guardians)
        recorded_at = timezone.make_aware(dt.datetime.combine(valid_from, dt.time(10, 0)))
        updates: dict[str, object] = {"recorded_at": recorded_at}
        if status == "withdrawn":
            days_in_force = max((self.today - valid_from).days, 1)
            updates.update(
                withdrawn_at=min(
                    recorded_at + dt.timedelta(days=rng.randint(1, days_in_force)), self.now - dt.timedelta(hours=1)
                ),
                withdrawn_by=recorder.user,
                withdrawal_reason=rng.choice(
                    (
                        "Personen vill inte längre att uppgifter delas.",
                        "Vårdnadshavarna har återkallat samtycket.",
                        "Planen behövs inte längre enligt personen.",
                    )
                ),
            )
        # recorded_at is set on creation; the demo back-dates it to when the consent was given.
        Consent.objects.filter(pk=consent.pk).update(**updates)
        consent.refresh_from_db()
        return consent, recorder

    # --- Audit events ---------------------------------------------------------------------------------------

    def actor(self, username: str) -> Actor:
        return self.actor_for(self.memberships_by_username[username])

    @staticmethod
    def actor_for(membership: Membership) -> Actor:
        return Actor(user=membership.user, membership=membership, request_id="demo")

    def audit_events(self, consents: list[tuple[Consent, Membership]]) -> None:
        """Events a log review can look at. They carry the time of seeding: the log is append-only."""
        for consent, recorder in consents:
            actor = self.actor_for(recorder)
            record(actor, "consent.recorded", person=consent.person, obj=consent, legal_ground=LegalGround.OWN_RECORDS)
            if consent.withdrawn_at is not None:
                record(
                    actor, "consent.withdrawn", person=consent.person, obj=consent, legal_ground=LegalGround.OWN_RECORDS
                )

        story = self.story_child().person
        anna, cecilia, bo = self.actor("anna.karlstad"), self.actor("cecilia.bup"), self.actor("bo.karlstad")
        karlstad = self.social_services["Karlstad"]

        record(anna, "person.searched", detail={"by": "name", "hits": 1})
        record(anna, "person.viewed", person=story, obj=story, legal_ground=LegalGround.OWN_RECORDS)
        record(anna, "consent.viewed", person=story, legal_ground=LegalGround.OWN_RECORDS)
        record(cecilia, "person.searched", detail={"by": "number", "hits": 1})
        record(cecilia, "person.viewed", person=story, obj=story, legal_ground=LegalGround.CONSENT)

        own = [
            p.person
            for p in (*self.children, *self.adults, *self.older)
            if any(r.organisation_id == karlstad.pk and r.ended_at is None for r in p.registrations)
        ]
        for person in own[1:9]:
            viewer = anna if self.rng.random() < 0.6 else bo
            record(viewer, "person.viewed", person=person, obj=person, legal_ground=LegalGround.OWN_RECORDS)
        for person in self.protected:
            if person.registered_by_id == karlstad.pk:
                record(anna, "person.viewed", person=person, obj=person, legal_ground=LegalGround.OWN_RECORDS)
                record(
                    anna,
                    "person.protected_address_viewed",
                    person=person,
                    obj=person,
                    legal_ground=LegalGround.OWN_RECORDS,
                )
                break

        # Views without any relation: older people in Kil, opened by someone in Karlstad. The review finds them.
        strangers = [p.person for p in self.older if p.town == "Kil"][:2]
        for person in strangers:
            record(bo, "person.viewed", person=person, obj=person, legal_ground=LegalGround.NONE, had_relation=False)
