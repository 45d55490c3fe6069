"""Persons in households (families with guardians, adults, people over 80 and their relatives), their registrations
at the units of their municipality, guardianships, general consents, and a few persons per municipality with a long
history. Identity numbers are Skatteverket's test numbers while they last, then reserve numbers."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence

from knutpunkt.demo import county
from knutpunkt.demo.county import Work
from knutpunkt.demo.scale.state import E_GUARDIAN_ADDED, T_GUARDIANSHIP, T_PERSON, Dataset, Town
from knutpunkt.people.identity import IdentityKind, parse_identity_number
from knutpunkt.people.models import (
    ConsentPurpose,
    Guardianship,
    Person,
    Protection,
    Registration,
    RelationKind,
)

CHUNK = 20_000  # rows per write while generating persons


_STREETS = tuple(sorted({street for streets in county.STREETS.values() for street in streets}))


class PeopleBuilder:
    """Persons, registrations, guardianships and consents."""

    def __init__(self, d: Dataset) -> None:
        self.d = d

    def build_people(self) -> None:
        weights = [town.weight for town in self.d.towns]
        cumulative = [sum(weights[: index + 1]) for index in range(len(weights))]
        while len(self.d.p_first) < self.d.n_persons:
            town = self.d.towns[bisect.bisect(cumulative, self.d.rng.random() * cumulative[-1])]
            choice = self.d.rng.random()
            if choice < 0.30:
                self.family(town)
            elif choice < 0.82:
                self.adult(town)
            else:
                self.older(town)
            if len(self.d.person_rows) >= CHUNK:
                self.flush_people()
                if len(self.d.p_first) // CHUNK % 10 == 0:
                    self.d.say(f"  {len(self.d.p_first)} persons")
        self.flush_people()
        self.d.say(
            f"  {len(self.d.p_first)} persons, {self.d.numbers.reserve_count} with reserve numbers, "
            f"{len(self.d.r_person)} registrations, {len(self.d.c_person)} consents"
        )

    def flush_people(self) -> None:
        w = self.d.writer
        w.insert(
            Person,
            (
                "id",
                "uuid",
                "identity_number",
                "identity_kind",
                "first_name",
                "last_name",
                "date_of_birth",
                "phone",
                "email",
                "street_address",
                "postal_code",
                "city",
                "protection",
                "registered_by_id",
                "created_at",
                "updated_at",
                "version",
            ),
            self.d.person_rows,
        )
        w.insert(
            Registration,
            (
                "id",
                "uuid",
                "person_id",
                "organisation_id",
                "unit_id",
                "reason",
                "started_at",
                "ended_at",
                "created_by_id",
            ),
            self.d.registration_rows,
        )
        w.insert(
            Guardianship,
            ("id", "uuid", "person_id", "related_id", "kind", "valid_from", "valid_until"),
            self.d.guardianship_rows,
        )
        self.d.flush_consents()
        self.d.person_rows.clear()
        self.d.registration_rows.clear()
        self.d.guardianship_rows.clear()

    def address(self, town: Town) -> tuple[str, str, str]:
        rng = self.d.rng
        if town.name in county.STREETS:
            street = rng.choice(county.STREETS[town.name])
            postal = rng.choice(county.POSTAL_CODES[town.name])
            city = county.CITIES[town.name]
        else:
            street = rng.choice(_STREETS)
            postal = f"{690 + town.index % 100:03d} {rng.randint(10, 99)}"
            city = town.name
        return f"{street} {rng.randint(1, 60)}", postal, city

    def person(
        self,
        town: Town,
        age: int,
        female: bool,
        names: tuple[str, ...],
        works: Sequence[str],
        *,
        address: tuple[str, str, str],
        protection: str = Protection.NONE,
        kind: str = IdentityKind.PERSONNUMMER,
        fallback_org: int = 0,
        surname: int | None = None,
    ) -> int:
        rng = self.d.rng
        person_id = len(self.d.p_first) + 1
        born_year = self.d.today.year - age
        number = self.d.numbers.take(born_year, female, kind)
        if number is None and kind == IdentityKind.SAMORDNINGSNUMMER:
            number = self.d.numbers.take(born_year, female, IdentityKind.PERSONNUMMER)
        birth: dt.date | None
        if number is not None:
            parsed = parse_identity_number(number, today=self.d.today)
            identity_kind: str = parsed.kind
            birth = parsed.birth_date
        else:
            number = self.d.numbers.reserve()
            identity_kind = IdentityKind.RESERVE
            birth = None
        if birth is None:
            birth = dt.date(born_year, 1, 1) + dt.timedelta(days=rng.randrange(365))
            if birth > self.d.today:
                birth = self.d.today - dt.timedelta(days=rng.randrange(1, 200))
        first = rng.choice(names)
        last = surname if surname is not None else rng.randrange(len(county.SURNAMES))
        created = self.d.person_created_ts(person_id)
        self.d.p_first.append(self.d.first_index[first])
        self.d.p_last.append(last)
        self.d.p_town.append(town.index)
        self.d.p_born.append(birth.toordinal())
        self.d.p_guardian.append(0)
        self.d.p_guardian2.append(0)
        self.d.p_reg_first.append(len(self.d.r_person))
        self.d.p_hospital.append(0)
        self.d.p_kind.append(
            2 if identity_kind == IdentityKind.RESERVE else 1 if identity_kind == IdentityKind.SAMORDNINGSNUMMER else 0
        )

        orgs: set[int] = set()
        first_org = 0
        for work in works:
            candidates = town.units.get(work)
            if not candidates:
                continue
            entry = rng.choice(candidates)
            if entry.organisation_id in orgs:
                continue
            orgs.add(entry.organisation_id)
            first_org = first_org or entry.organisation_id
            end = -1
            if work in (Work.HOSPITAL, Work.FIRST_LINE) and rng.random() < 0.5:
                end = created + rng.randint(3, 120) * 86_400
                if end >= self.d.span - 86_400:
                    end = -1
            self.d.registration(person_id, entry, created + rng.randrange(600), end, work)
            if work == Work.HOSPITAL:
                self.d.p_hospital[person_id - 1] = 1
        self.d.p_reg_count.append(min(len(self.d.r_person) - self.d.p_reg_first[person_id - 1], 255))
        street, postal, city = address
        created_at = self.d.moment(created)
        self.d.person_rows.append(
            (
                person_id,
                self.d.uuid(T_PERSON, person_id),
                number,
                identity_kind,
                first,
                county.SURNAMES[last],
                birth,
                "",
                "",
                street,
                postal,
                city,
                protection,
                first_org or fallback_org or town.social_services,
                created_at,
                created_at,
                1,
            )
        )
        if self.d.p_reg_count[-1] >= 2 and rng.random() < 0.2:
            self.general_consent(person_id, created)
        return person_id

    def guardian(self, child: int, related: int, kind: str, valid_from: dt.date, ts: int) -> None:
        self.d.n_guardianships += 1
        self.d.guardianship_rows.append(
            (
                self.d.n_guardianships,
                self.d.uuid(T_GUARDIANSHIP, self.d.n_guardianships),
                child,
                related,
                kind,
                valid_from,
                None,
            )
        )
        self.d.guardianships.append((child, related, ts))
        self.d.log(ts + 900, E_GUARDIAN_ADDED, self.d.n_guardianships - 1)

    def family(self, town: Town) -> None:
        rng = self.d.rng
        protected = rng.random() < 0.002
        address = ("", "", "") if protected else self.address(town)
        protection = Protection.PROTECTED_REGISTRATION if protected else Protection.NONE
        surname = rng.randrange(len(county.SURNAMES))
        oldest = rng.randint(1, 17)
        ages = [oldest] + [max(oldest - rng.randint(2, 6), 0) for _ in range(rng.choice((0, 0, 1, 1, 2)))]
        mother_age = oldest + rng.randint(22, 40)
        guardians = []
        plan = [(True, mother_age)] + ([(False, mother_age + rng.randint(-3, 6))] if rng.random() < 0.8 else [])
        for female, age in plan:
            if len(self.d.p_first) >= self.d.n_persons - 1:  # room for at least one child
                break
            works = [
                w
                for w, p in (
                    (Work.CHILDREN, 0.3),
                    (Work.PRIMARY_CARE, 0.3),
                    (Work.FIRST_LINE, 0.15),
                    (Work.EMPLOYMENT, 0.1),
                    (Work.SOCIAL_INSURANCE, 0.1),
                )
                if rng.random() < p
            ]
            names: tuple[str, ...] = county.ADULT_FEMALE if female else county.ADULT_MALE
            guardians.append(
                self.person(
                    town,
                    age,
                    female,
                    names,
                    works,
                    address=address,
                    protection=protection,
                    surname=surname if rng.random() < 0.75 else None,
                )
            )
        for age in ages:
            if len(self.d.p_first) >= self.d.n_persons or not guardians:
                break
            female = rng.random() < 0.5
            works = [w for w, p, min_age in county.CHILD_WORK_CHANCES if age >= min_age and rng.random() < p]
            names = county.CHILD_FEMALE if female else county.CHILD_MALE
            child = self.person(
                town,
                age,
                female,
                names,
                works or [Work.CHILDREN],
                address=address,
                protection=protection,
                surname=surname,
            )
            self.d.p_guardian[child - 1] = guardians[0]
            self.d.p_guardian2[child - 1] = guardians[1] if len(guardians) > 1 else 0
            born = dt.date.fromordinal(self.d.p_born[child - 1])
            for guardian in guardians:
                self.guardian(child, guardian, RelationKind.GUARDIAN, born, self.d.person_created_ts(child))

    def adult(self, town: Town) -> None:
        rng = self.d.rng
        profile = rng.choice(("addiction", "mental", "economic", "young"))
        female = rng.random() < 0.5
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
        works = [w for w in works if rng.random() < 0.8] or works[:1]
        age = rng.randint(19, 25) if profile == "young" else rng.randint(26, 66)
        confidential = rng.random() < 0.003
        person_id = self.person(
            town,
            age,
            female,
            county.ADULT_FEMALE if female else county.ADULT_MALE,
            works,
            address=self.address(town),
            protection=Protection.CONFIDENTIALITY_MARKING if confidential else Protection.NONE,
            kind=IdentityKind.SAMORDNINGSNUMMER if rng.random() < 0.05 else IdentityKind.PERSONNUMMER,
        )
        if (
            town.index not in self.d.long_history_towns
            and profile == "addiction"
            and person_id < self.d.n_persons * 0.05
            and any(
                self.d.units[self.d.r_unit[r]].organisation_id == town.social_services and self.d.r_end[r] < 0
                for r in self.d.registrations_of(person_id)
            )
        ):
            self.make_long_history(person_id, town)

    def make_long_history(self, person_id: int, town: Town) -> None:
        """Registrations that ended and began again over five years, at the municipality and the region."""
        self.d.long_history_towns.add(town.index)
        self.d.long_history.append(person_id)
        rng = self.d.rng
        start = self.d.person_created_ts(person_id) + 86_400
        works = [Work.INTAKE, Work.PSYCHIATRY, Work.ADDICTION_CARE, Work.FIRST_LINE, Work.SOCIAL_INSURANCE]
        for round_number in range(8):
            work = works[round_number % len(works)]
            candidates = town.units.get(work)
            if not candidates or start > self.d.span - 120 * 86_400:
                break
            end = start + rng.randint(30, 150) * 86_400
            self.d.registration(person_id, candidates[0], start, end, work)
            start = end + rng.randint(10, 60) * 86_400
        first = self.d.p_reg_first[person_id - 1]
        self.d.p_reg_count[person_id - 1] = min(len(self.d.r_person) - first, 255)

    def older(self, town: Town) -> None:
        rng = self.d.rng
        female = rng.random() < 0.6
        works = [Work.ELDERLY, Work.PRIMARY_CARE] + ([Work.HOSPITAL] if rng.random() < 0.4 else [])
        age = rng.randint(81, 97)
        confidential = rng.random() < 0.003
        surname = rng.randrange(len(county.SURNAMES))
        person_id = self.person(
            town,
            age,
            female,
            county.OLDER_FEMALE if female else county.OLDER_MALE,
            works,
            address=self.address(town),
            protection=Protection.CONFIDENTIALITY_MARKING if confidential else Protection.NONE,
            surname=surname,
        )
        if rng.random() < 0.33 and len(self.d.p_first) < self.d.n_persons:
            relative_female = rng.random() < 0.5
            relative = self.person(
                town,
                age - rng.randint(22, 36),
                relative_female,
                county.ADULT_FEMALE if relative_female else county.ADULT_MALE,
                [],
                address=self.address(town),
                fallback_org=town.social_services,
                surname=surname if rng.random() < 0.6 else None,
            )
            ts = self.d.person_created_ts(relative)
            self.guardian(
                person_id, relative, RelationKind.RELATIVE, self.d.today - dt.timedelta(days=rng.randint(30, 700)), ts
            )

    def general_consent(self, person_id: int, created: int) -> None:
        """Consent to share between the organisations that have the person in their records."""
        rng = self.d.rng
        registrations = list(self.d.registrations_of(person_id))
        recorded = created + rng.randint(1, 200) * 86_400
        if recorded >= self.d.span - 3600:
            return
        first = registrations[0]
        entry = self.d.units[self.d.r_unit[first]]
        orgs = sorted({self.d.units[self.d.r_unit[r]].organisation_id for r in registrations})
        age = (self.d.today - dt.date.fromordinal(self.d.p_born[person_id - 1])).days // 365
        purpose = ConsentPurpose.EARLY_SUPPORT if age < 18 else ConsentPurpose.COORDINATED_PLAN
        self.d.consent(
            person_id,
            entry,
            entry.recorder(first),
            recorded,
            orgs,
            purpose,
            "Samverkan kring stöd" if age < 18 else "Samordnat stöd för vård och försörjning",
            withdraw=rng.random() < 1 / 7,
        )
