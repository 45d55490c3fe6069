"""A county-scale dataset for the benchmarks in `bench/`: `generate(persons, plans, audit_events, seed)`.

The issue's reference size is 1,000,000 persons, 100,000 plans and 10,000,000 audit events; `bench/run` also
builds one hundredth of that. The data has the shapes of a real county, so that the pages are measured against
the rows they will meet:

- **Organisations, units and staff.** The demo county's four municipalities (`county.py`) come first; more
  municipalities with invented names are added, one per ~30,000 persons, each with the demo's units (social
  services, student health, youth centres). The region's branches and the other actors (Försäkringskassan,
  Arbetsförmedlingen, the police, civil society, an independent school) get one unit per municipality or per group
  of municipalities. Units have a manager and more staff the larger the municipality is.
- **Persons** in households: families with one or two guardians and their children (with guardianships), adults
  with addiction, mental ill-health or economic needs, people over 80 and the relatives who support them. Each is
  registered at the units of their municipality that work with them, some registrations ended; about one in five
  with registrations in two organisations has consented to sharing. A few persons per municipality have a long
  history: six plans over five years and registrations that ended and began again.
- **Plans** in every status, with what each status implies: draft, pending, accepted and declined invitations,
  participants, meetings with attendance, needs, interventions, goals, commitments, contacts, established
  versions, follow-ups, closure, and reminders. Staff members' shares of plans are uneven, as in life.
- **Audit events** over five years, in time order: every creation and change above as the actions write it, reads
  of persons and plans, searches and sign-ins; a few reads without an active relation for log review to find.

Identity numbers: Skatteverket's test numbers (`knutpunkt/data/testpersonnummer/`) are used where one of the
person's birth year and sex is left; they run out long before a million, so every other person gets a reserve
number (`IdentityKind.RESERVE`) `BENCH` + a counter, which no real person can have. No personnummer is invented.

The generator needs an empty, migrated database (it refuses otherwise) and is deterministic for a seed and a day.
County, persons and plans are written in one transaction, the audit log in one transaction per month of events.
Rows are written with explicit primary keys by `bulk.BulkWriter`; nothing the application relies on is turned off."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction

from knutpunkt.accounts.models import User
from knutpunkt.audit.models import AuditEvent
from knutpunkt.demo.scale.audit import AuditLogBuilder
from knutpunkt.demo.scale.organisations import CountyBuilder
from knutpunkt.demo.scale.people import PeopleBuilder
from knutpunkt.demo.scale.plans import PlanBuilder
from knutpunkt.demo.scale.state import DEFAULT_SEED, RESERVE_PREFIX, Dataset
from knutpunkt.organisations.models import Organisation, Unit
from knutpunkt.people.models import Person
from knutpunkt.plans.models import Plan

__all__ = ["DEFAULT_SEED", "RESERVE_PREFIX", "ScaleRefused", "ScaleSummary", "generate", "refuse_unless_empty"]


class ScaleRefused(Exception):
    """The database is not empty; the generator writes only into a freshly migrated one."""


@dataclass(frozen=True)
class ScaleSummary:
    counts: dict[str, int]
    seconds: dict[str, float]


def refuse_unless_empty() -> None:
    for model in (Organisation, User, Person, Plan, AuditEvent):
        if model.objects.exists():
            raise ScaleRefused(
                f"Databasen innehåller redan data ({model._meta.verbose_name_plural}). Skalningsdata skapas bara i en "
                "ny, migrerad databas."
            )


def generate(
    persons: int,
    plans: int,
    audit_events: int,
    seed: int = DEFAULT_SEED,
    *,
    progress: Callable[[str], None] | None = None,
) -> ScaleSummary:
    """Fill an empty database with a county of `persons` persons, `plans` plans and `audit_events` events."""
    if persons < 20 or plans < 0 or audit_events < 0:
        raise ValueError("At least 20 persons, and no negative counts")
    refuse_unless_empty()
    data = Dataset(persons, plans, audit_events, seed, progress or (lambda _message: None))
    total = time.monotonic()
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        # This connection only: a large page cache keeps the indexes of big tables in memory while they fill,
        # and a crash during generation leaves a database that is thrown away anyway.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -1000000")
            cursor.execute("PRAGMA synchronous = OFF")
    with transaction.atomic():
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA defer_foreign_keys = ON")
        _phase(data, "county", CountyBuilder(data).build_county)
        _phase(data, "persons", PeopleBuilder(data).build_people)
        _phase(data, "plans", PlanBuilder(data).build_plans)
    _phase(data, "audit events", AuditLogBuilder(data).build_audit_log)
    _phase(data, "sequences and statistics", lambda: _finish(data))
    data.seconds["total"] = round(time.monotonic() - total, 1)
    counts = {label.split(".")[-1].lower(): count for label, count in sorted(data.writer.written.items())}
    counts.update(organisations=Organisation.objects.count(), units=Unit.objects.count(), users=User.objects.count())
    return ScaleSummary(counts=counts, seconds=data.seconds)


def _phase(data: Dataset, name: str, build: Callable[[], None]) -> None:
    started = time.monotonic()
    build()
    data.phase(name, started)


def _finish(data: Dataset) -> None:
    data.writer.reset_sequences()
    if connection.vendor == "postgresql":
        # What autovacuum does soon after a bulk load in production: statistics for the planner and a visibility
        # map for index-only scans.
        with connection.cursor() as cursor:
            # VACUUM cannot run inside a transaction (a test's); the statistics are what matters there.
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
