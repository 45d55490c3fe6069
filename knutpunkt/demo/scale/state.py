"""The dataset being generated, in memory: the county, persons, registrations, consents and the plans' audit
trail, kept in compact arrays, and the helpers every part of the generator shares (time, identities, the packed
audit events). `organisations`, `people`, `plans` and `audit` fill it in that order; `__init__` runs them."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import time
import uuid
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from knutpunkt.demo import county
from knutpunkt.demo.bulk import BulkWriter
from knutpunkt.demo.county import Work
from knutpunkt.demo.numbers import PERSONNUMMER_FILE, SAMORDNINGSNUMMER_FILE, read_numbers
from knutpunkt.people.identity import IdentityKind
from knutpunkt.people.models import Consent, ConsentForm, ConsentGiver
from knutpunkt.plans.models import AgreementProfile

DEFAULT_SEED = 1780
RESERVE_PREFIX = "BENCH"
YEARS = 5
# The county grows by municipalities and districts, not by making each unit busier: a unit serves about 2,500
# persons and has the demo's staff at every size, so a social worker's and a unit's share of the work are the same
# at 10,000 and at 1,000,000 persons, and what the benchmarks compare is the size of the county around them.
PERSONS_PER_MUNICIPALITY = 30_000
PERSONS_PER_DISTRICT = 2_500
DISTRICTS = (
    "Nord",
    "Syd",
    "Öst",
    "Väst",
    "Centrum",
    "Norra",
    "Södra",
    "Östra",
    "Västra",
    "Mitt",
    "Hamnen",
    "Skogen",
    "Ängen",
    "Backen",
    "Dalen",
    "Åsen",
)
BUCKET_SECONDS = 30 * 86_400  # the audit log is built and written one month at a time


def datetime_at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=local_zone()).astimezone(dt.UTC)


@cache
def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(local_zone()).date()


def municipalities_for(persons: int) -> int:
    return max(len(county.TOWNS), round(persons / PERSONS_PER_MUNICIPALITY))


# One code per table, so that the same primary key in two tables never gives the same UUID.
T_ORG, T_UNIT, T_USER, T_MEMBERSHIP, T_PERSON, T_REGISTRATION, T_GUARDIANSHIP, T_CONSENT = range(1, 9)
T_PLAN, T_INVITATION, T_PARTICIPANT, T_MEETING, T_NEED, T_INTERVENTION, T_GOAL, T_COMMITMENT = range(9, 17)
T_CONTACT, T_VERSION, T_FOLLOWUP, T_REMINDER, T_ATTENDANCE = range(17, 22)


class Uuids:
    """UUIDs derived from (table, primary key) and the seed: the audit log can name an object's UUID without
    every UUID being kept in memory."""

    def __init__(self, seed: int) -> None:
        self.key = hashlib.sha256(f"knutpunkt-scale-{seed}".encode()).digest()[:16]

    def __call__(self, table: int, pk: int) -> uuid.UUID:
        digest = hashlib.blake2b(pk.to_bytes(8, "little") + bytes((table,)), digest_size=16, key=self.key).digest()
        return uuid.UUID(bytes=digest, version=4)


class TestNumbers:
    """Skatteverket's test numbers by (kind, birth year, sex), each handed out once; then reserve numbers."""

    def __init__(self, rng: random.Random) -> None:
        self.pools: dict[tuple[str, int, bool], list[str]] = {}
        for kind, path in (
            (IdentityKind.PERSONNUMMER, PERSONNUMMER_FILE),
            (IdentityKind.SAMORDNINGSNUMMER, SAMORDNINGSNUMMER_FILE),
        ):
            for number in read_numbers(path):
                key = (str(kind), int(number[:4]), int(number[10]) % 2 == 0)
                self.pools.setdefault(key, []).append(number)
        for numbers in self.pools.values():
            rng.shuffle(numbers)
        self.reserve_count = 0

    def take(self, year: int, female: bool, kind: str) -> str | None:
        pool = self.pools.get((kind, year, female))
        return pool.pop() if pool else None

    def reserve(self) -> str:
        self.reserve_count += 1
        return f"{RESERVE_PREFIX}{self.reserve_count:07d}"


@dataclass
class CountyUnit:
    id: int
    organisation_id: int
    label: str  # str(unit): "name, organisation" as the audit log snapshots it
    work: str
    manager: int = 0
    staff: list[int] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)  # cumulative: some staff members carry more plans

    def recorder(self, number: int) -> int:
        """The staff member who recorded something, spread over the unit by `number`."""
        return self.staff[number % len(self.staff)] if self.staff else self.manager


@dataclass
class Town:
    index: int
    name: str
    units: dict[str, list[CountyUnit]] = field(default_factory=dict)  # by work: the units serving its residents
    social_services: int = 0
    weight: float = 1.0

    @property
    def registrar(self) -> CountyUnit:
        """The unit that registers someone who is in no organisation's own records (a supporting relative)."""
        return (self.units.get(Work.INTAKE) or self.units[Work.CHILDREN])[0]


@dataclass
class PlanLog:
    """What the audit log needs about a plan: its events refer to it by index."""

    id: int
    person: int
    label: str
    lead_user: int
    lead_unit: int
    invited: list[tuple[int, int, int]] = field(default_factory=list)  # (invitation id, unit id, answering user)
    viewers: list[tuple[int, int, str]] = field(default_factory=list)  # (user, unit, legal ground)
    meetings: list[int] = field(default_factory=list)
    versions: list[int] = field(default_factory=list)
    followups: list[int] = field(default_factory=list)
    items: list[tuple[int, int]] = field(default_factory=list)  # (table code, id)
    commitments: list[int] = field(default_factory=list)
    deadline: str = ""


# Audit events are kept as packed integers until their month is written: time, template, reference.
TS_SHIFT, KIND_SHIFT = 35, 29


REF_MASK = (1 << KIND_SHIFT) - 1


(
    E_PERSON_CREATED,
    E_REGISTRATION_ADDED,
    E_REGISTRATION_ENDED,
    E_GUARDIAN_ADDED,
    E_CONSENT_RECORDED,
    E_CONSENT_WITHDRAWN,
    E_PLAN_REQUESTED,
    E_PLAN_PREPARED,
    E_PARTICIPANT_ADDED,
    E_MEETING_BOOKED,
    E_INVITATIONS_SENT,
    E_INVITATION_ACCEPTED,
    E_INVITATION_DECLINED,
    E_MEETING_HELD,
    E_ITEM_ADDED,
    E_TEXT_CHANGED,
    E_ESTABLISHED,
    E_FOLLOWED_UP,
    E_COMMITMENT_STATUS,
    E_PLAN_CLOSED,
    E_PLAN_VIEWED,
    E_PLAN_LISTED,
    E_VERSION_VIEWED,
    F_PERSON_VIEWED,
    F_PERSON_LISTED,
    F_PERSON_SEARCHED,
    F_CONSENT_VIEWED,
    F_LOGIN,
    F_LOGOUT,
    F_UNRELATED_VIEW,
    F_LOGIN_WITHOUT_UNIT,
) = range(31)


class Dataset:
    """Everything generated so far, and the helpers that write and log it."""

    def __init__(self, persons: int, plans: int, audit_events: int, seed: int, say: Callable[[str], None]) -> None:
        self.n_persons = persons
        self.n_plans = plans
        self.n_events = audit_events
        self.say = say
        self.rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
        self.uuid = Uuids(seed)
        self.numbers = TestNumbers(random.Random(seed + 1))  # noqa: S311
        self.writer = BulkWriter()
        # The data ends at the last midnight, so that a seed gives the same data all day long.
        self.today = timezone.localdate()
        self.now = datetime_at(self.today, 0)
        self.span = YEARS * 365 * 86_400
        self.origin = self.now.timestamp() - self.span
        self.seconds: dict[str, float] = {}
        self.n_towns = municipalities_for(persons)
        # Large municipalities split their units into districts (see PERSONS_PER_DISTRICT).
        self.districts = min(len(DISTRICTS), max(1, round(persons / self.n_towns / PERSONS_PER_DISTRICT)))
        self.staff_factor = max(1, round(persons / self.n_towns / self.districts / PERSONS_PER_DISTRICT))
        # The county
        self.towns: list[Town] = []
        self.units: dict[int, CountyUnit] = {}
        self.user_label: dict[int, str] = {}
        self.user_unit: dict[int, int] = {}
        self.org_kind: dict[int, str] = {}  # principal kind of each organisation: municipality, region, other
        self.profiles: dict[str, tuple[int, AgreementProfile]] = {}
        # Persons, as arrays indexed by id - 1
        self.first_names = sorted(
            {
                *county.CHILD_FEMALE,
                *county.CHILD_MALE,
                *county.ADULT_FEMALE,
                *county.ADULT_MALE,
                *county.OLDER_FEMALE,
                *county.OLDER_MALE,
            }
        )
        self.first_index = {name: index for index, name in enumerate(self.first_names)}
        self.p_first = array("H")
        self.p_last = array("H")
        self.p_town = array("H")
        self.p_born = array("i")  # date ordinal of birth
        self.p_guardian = array("I")  # first guardian of a child (0: none); the second is stored in p_guardian2
        self.p_guardian2 = array("I")
        self.p_reg_first = array("I")  # index of the first registration
        self.p_reg_count = array("B")
        self.p_hospital = bytearray()  # 1 when registered in hospital care (discharge plans)
        self.long_history: list[int] = []
        self.long_history_towns: set[int] = set()
        # Registrations, indexed from 0 (id = index + 1)
        self.r_person = array("I")
        self.r_unit = array("I")
        self.r_start = array("q")
        self.r_end = array("q")  # -1: open
        self.guardianships: list[tuple[int, int, int]] = []  # (child, guardian, time) for the log, in order
        self.n_guardianships = 0
        # Consents, indexed from 0
        self.c_person = array("I")
        self.c_unit = array("I")
        self.c_user = array("I")
        self.c_recorded = array("q")
        self.c_withdrawn = array("q")  # -1: not withdrawn
        self.n_consent_orgs = 0
        self.n_consent_guardians = 0
        # Plans
        self.plan_logs: list[PlanLog] = []
        self.ids: dict[int, int] = {}
        # The audit log, by month
        self.buckets: list[array[int]] = [array("q") for _ in range(self.span // BUCKET_SECONDS + 1)]
        self.open_plan_persons: set[int] = set()
        self.commitment_units: dict[int, int] = {}
        # Rows waiting to be written
        self.person_rows: list[tuple[Any, ...]] = []
        self.registration_rows: list[tuple[Any, ...]] = []
        self.guardianship_rows: list[tuple[Any, ...]] = []
        self.consent_rows: list[tuple[Any, ...]] = []
        self.consent_org_rows: list[tuple[int, int, int]] = []
        self.consent_guardian_rows: list[tuple[int, int, int]] = []
        self.plan_rows: dict[type[Any], list[tuple[Any, ...]]] = {}
        self.p_kind = bytearray()  # 0 personnummer, 1 samordningsnummer, 2 reserve number

    def next_id(self, table: int) -> int:
        self.ids[table] = self.ids.get(table, 0) + 1
        return self.ids[table]

    def ts(self, moment: dt.datetime) -> int:
        return max(0, min(int(moment.timestamp() - self.origin), self.span - 1))

    def moment(self, ts: int) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.origin + ts, dt.UTC)

    def office_ts(self, ts: int) -> int:
        """The same day at a time staff are at work, mostly: reads and writes follow office hours."""
        seconds_in_day = (ts + 3600) % 86_400
        if self.rng.random() < 0.9 and not 7 * 3600 <= seconds_in_day < 17 * 3600:
            ts += 7 * 3600 + self.rng.randrange(10 * 3600) - seconds_in_day
        return max(0, min(ts, self.span - 1))

    def day_ts(self, day: dt.date) -> int:
        """A moment during `day`, in office hours, never after now."""
        ts = self.office_ts(self.ts(datetime_at(day, 0)) + self.rng.randrange(86_400))
        return ts if ts < self.span - 1 else self.span - 1 - self.rng.randrange(3600)

    def log(self, ts: int, kind: int, ref: int) -> None:
        if ref > REF_MASK:
            raise OverflowError("Audit reference too large for the packed form")
        ts = max(0, min(ts, self.span - 1))
        self.buckets[ts // BUCKET_SECONDS].append(ts << TS_SHIFT | kind << KIND_SHIFT | ref)

    def person_created_ts(self, person_id: int) -> int:
        """Persons are registered evenly over the five years, in the order of their ids."""
        return int((person_id - 0.5) * (self.span - 86_400) / self.n_persons)

    def person_name(self, person_id: int) -> str:
        return f"{self.first_names[self.p_first[person_id - 1]]} {county.SURNAMES[self.p_last[person_id - 1]]}"

    def phase(self, name: str, started: float) -> None:
        self.seconds[name] = round(time.monotonic() - started, 1)
        self.say(f"{name}: {self.seconds[name]} s")

    def registrations_of(self, person_id: int) -> range:
        first = self.p_reg_first[person_id - 1]
        return range(first, first + self.p_reg_count[person_id - 1])

    def registration(self, person_id: int, entry: CountyUnit, start: int, end: int, work: str) -> int:
        index = len(self.r_person)
        self.r_person.append(person_id)
        self.r_unit.append(entry.id)
        self.r_start.append(start)
        self.r_end.append(end)
        self.registration_rows.append(
            (
                index + 1,
                self.uuid(T_REGISTRATION, index + 1),
                person_id,
                entry.organisation_id,
                entry.id,
                self.rng.choice(county.REASONS[work]),
                self.moment(start),
                self.moment(end) if end >= 0 else None,
                entry.recorder(index),
            )
        )
        return index

    def consent(
        self,
        person_id: int,
        entry: CountyUnit,
        recorder: int,
        recorded: int,
        orgs: Sequence[int],
        purpose: str,
        detail: str,
        *,
        withdraw: bool = False,
        valid_until: dt.date | None = None,
        withdrawn_at: int | None = None,
    ) -> int:
        rng = self.rng
        index = len(self.c_person)
        consent_id = index + 1
        recorded_at = self.moment(recorded)
        valid_from = local_date(recorded_at)
        until = valid_until or valid_from + dt.timedelta(days=365)
        born = dt.date.fromordinal(self.p_born[person_id - 1])
        age = (valid_from - born).days // 365
        guardians = [g for g in (self.p_guardian[person_id - 1], self.p_guardian2[person_id - 1]) if g]
        child = age < 18 and bool(guardians)
        given_by = ConsentGiver.PERSON
        child_view = ""
        if child:
            given_by = ConsentGiver.PERSON_AND_GUARDIANS if age >= 15 else ConsentGiver.GUARDIANS
            child_view = "Barnet har fått veta vad samtycket betyder och vill att de som hjälper pratar med varandra."
        withdrawn = -1
        if withdrawn_at is not None:
            withdrawn = withdrawn_at
        elif withdraw:
            last = min(self.ts(datetime_at(until, 12)), self.span - 3600)
            if last > recorded + 3600:
                withdrawn = recorded + rng.randrange(3600, last - recorded)
        self.c_person.append(person_id)
        self.c_unit.append(entry.id)
        self.c_user.append(recorder)
        self.c_recorded.append(recorded)
        self.c_withdrawn.append(withdrawn)
        self.consent_rows.append(
            (
                consent_id,
                self.uuid(T_CONSENT, consent_id),
                person_id,
                purpose,
                detail,
                "Det som behövs för att ta fram och följa upp planen: behov, insatser, mål, vem som gör vad och när.",
                rng.choice(("", "", "Anteckningar från enskilda samtal.", "Uppgifter om familjens ekonomi.")),
                given_by,
                "Ensam vårdnadshavare." if child and len(guardians) == 1 else "",
                child_view,
                ConsentForm.WRITTEN if rng.random() < 0.75 else ConsentForm.ORAL,
                valid_from,
                max(until, valid_from),
                recorded_at,
                recorder,
                entry.id,
                self.moment(withdrawn) if withdrawn >= 0 else None,
                recorder if withdrawn >= 0 else None,
                "Personen vill inte längre att uppgifter delas." if withdrawn >= 0 else "",
            )
        )
        for org in orgs:
            self.n_consent_orgs += 1
            self.consent_org_rows.append((self.n_consent_orgs, consent_id, org))
        if child:
            for guardian in guardians:
                self.n_consent_guardians += 1
                self.consent_guardian_rows.append((self.n_consent_guardians, consent_id, guardian))
        self.log(recorded, E_CONSENT_RECORDED, index)
        if withdrawn >= 0:
            self.log(withdrawn, E_CONSENT_WITHDRAWN, index)
        return consent_id

    def flush_consents(self) -> None:
        w = self.writer
        w.insert(
            Consent,
            (
                "id",
                "uuid",
                "person_id",
                "purpose",
                "purpose_detail",
                "included_information",
                "excluded_information",
                "given_by",
                "single_guardian_reason",
                "child_view",
                "form",
                "valid_from",
                "valid_until",
                "recorded_at",
                "recorded_by_id",
                "recorded_unit_id",
                "withdrawn_at",
                "withdrawn_by_id",
                "withdrawal_reason",
            ),
            self.consent_rows,
        )
        w.insert(Consent.organisations.through, ("id", "consent_id", "organisation_id"), self.consent_org_rows)
        w.insert(Consent.consenting_guardians.through, ("id", "consent_id", "person_id"), self.consent_guardian_rows)
        self.consent_rows.clear()
        self.consent_org_rows.clear()
        self.consent_guardian_rows.clear()
