"""Measuring the pages that must stay fast at county scale: server time and SQL queries per request.

`knutpunkt bench` (the command) and `bench/run` (the whole matrix) use this module. Each page is requested through
Django's test `Client`, in-process: the time is from the request entering Django's handler to the response leaving
it, with every middleware, the session, the database and the template, but without a network or a web server.
Queries are counted with `CaptureQueriesContext` in separate requests, so that capturing does not slow the timed
ones. Pages are visited in turn, round after round, so a busy moment on a shared machine touches every page alike.

The trivial page is `/healthz` (one `SELECT 1`), requested with the same signed-in client as the other pages so
that both carry the same per-request costs (session, user, membership); the anonymous request is shown too.
"""

from __future__ import annotations

import datetime as dt
import math
import platform
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlencode

import django
from django.conf import settings
from django.db import connection
from django.db.models import Count, Max
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from knutpunkt.accounts.models import User
from knutpunkt.accounts.second_factor import SESSION_STRONG_AUTH
from knutpunkt.audit.models import AuditEvent
from knutpunkt.organisations.middleware import SESSION_MEMBERSHIP_KEY
from knutpunkt.organisations.models import Branch, Membership, Role
from knutpunkt.people.models import Person
from knutpunkt.plans.models import Plan, PlanStatus

HOST = "localhost"
BUSY_RANK = 10  # the staff member a tenth of the way down the list of staff members by open plans


@dataclass(frozen=True)
class Actors:
    """Who the pages are measured for: chosen from the data, so that each page shows as much as it ever will."""

    staff: Membership  # a staff member with many plans of their own
    manager: Membership  # the manager of that staff member's unit
    plan: Plan | None  # an established plan of the staff member's, with the most versions
    person: Person | None  # a person in the staff member's organisation's records with the most plans

    def describe(self) -> dict[str, str]:
        return {
            "staff": f"{self.staff.user} ({self.staff.unit})",
            "manager": f"{self.manager.user} ({self.manager.unit})",
            "plan": str(self.plan.uuid) if self.plan else "",
            "person": str(self.person.uuid) if self.person else "",
        }


@dataclass(frozen=True)
class Page:
    key: str
    title: str
    url_name: str
    args: tuple[Any, ...] = ()
    who: str = "staff"  # staff, manager or anonymous
    baseline: bool = False
    # Query parameters; a value "{organisation}" becomes the UUID of the staff member's organisation.
    query: tuple[tuple[str, str], ...] = ()


# The pages, then more pages of the same family, then the trivial view they are compared with.
PAGES = (
    Page("my_work", "Mitt arbete", "plans:my_work"),
    Page("plan", "SIP-sidan", "plans:detail", ("plan",)),
    Page("person", "Personsidan", "people:detail", ("person",)),
    Page("statistics", "Enhetens statistik", "plans:statistics", who="manager"),
    Page("log_review", "Loggkontroll", "audit:review", who="manager"),
    Page("unit_work", "Enhetens arbete", "plans:unit_work", who="manager"),
    Page("plan_list", "SIP-listan", "plans:list"),
    # The same two pages for the whole organisation, chosen on the page: they grow with the organisation, which the
    # generator makes larger (more districts) in a larger county.
    Page("plan_list_organisation", "SIP-listan, hela org.", "plans:list", query=(("visa", "organisation"),)),
    Page(
        "statistics_organisation",
        "Statistik, hela org.",
        "plans:statistics",
        who="manager",
        query=(("organisation", "{organisation}"),),
    ),
    Page("trivial", "/healthz (inloggad)", "healthz", baseline=True),
    Page("trivial_anonymous", "/healthz (anonym)", "healthz", who="anonymous"),
)


@dataclass
class Result:
    key: str
    title: str
    url: str
    status: int = 0
    samples_ms: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    skipped: str = ""

    @property
    def p50(self) -> float:
        return percentile(self.samples_ms, 50)

    @property
    def p95(self) -> float:
        return percentile(self.samples_ms, 95)

    @property
    def query_count(self) -> int:
        return max(self.queries) if self.queries else 0

    @property
    def queries_stable(self) -> bool:
        return len(set(self.queries)) <= 1

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(
            p50_ms=round(self.p50, 2),
            p95_ms=round(self.p95, 2),
            min_ms=round(min(self.samples_ms), 2) if self.samples_ms else 0.0,
            query_count=self.query_count,
            queries_stable=self.queries_stable,
        )
        data["samples_ms"] = [round(sample, 3) for sample in self.samples_ms]
        return data


def percentile(samples: list[float], pct: float) -> float:
    """Nearest-rank percentile: the smallest sample with at least `pct` per cent of the samples at or below it."""
    if not samples:
        return 0.0
    ordered = sorted(samples)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def choose_actors() -> Actors:
    """A busy staff member of a municipality's social services (where most plans are requested) and their unit's
    manager; the member's richest established plan; and the person in their organisation's records with the most
    plans.

    The busy staff member is the one at the 90th percentile of open plans, not the busiest: the busiest of 10,000 is
    busier than the busiest of 100 by chance alone, and would make the larger county look slower for that reason."""
    open_plans = Plan.objects.exclude(status=PlanStatus.CLOSED)
    ranked = list(
        open_plans.filter(initiating_unit__organisation__branch=Branch.SOCIAL_SERVICES)
        .values("requested_by", "initiating_unit")
        .annotate(n=Count("id"))
        .order_by("-n", "requested_by", "initiating_unit")
    )
    start = len(ranked) // BUSY_RANK
    for row in ranked[start:] + ranked[:start][::-1]:
        manager = _membership(row["initiating_unit"], Role.UNIT_MANAGER)
        staff = (
            Membership.objects.filter(
                user=row["requested_by"], unit=row["initiating_unit"], role=Role.STAFF, ended_at__isnull=True
            )
            .select_related("user", "unit__organisation")
            .first()
        )
        if staff is not None and manager is not None:
            return Actors(staff, manager, _richest_plan(staff), _longest_history(staff))
    raise LookupError("No unit with a manager and a staff member with plans: generate the data first")


def _membership(unit_id: int, role: str) -> Membership | None:
    return (
        Membership.objects.filter(unit_id=unit_id, role=role, ended_at__isnull=True)
        .select_related("user", "unit__organisation")
        .order_by("id")
        .first()
    )


def _richest_plan(staff: Membership) -> Plan | None:
    mine = Plan.objects.filter(requested_by=staff.user, initiating_unit=staff.unit)
    return (
        mine.filter(status=PlanStatus.ESTABLISHED).order_by("-established_version", "-requested_on", "id").first()
        or mine.exclude(status=PlanStatus.CLOSED).order_by("-requested_on", "id").first()
    )


def _longest_history(staff: Membership) -> Person | None:
    row = (
        Plan.objects.filter(
            person__registrations__organisation=staff.unit.organisation, person__registrations__ended_at__isnull=True
        )
        .values("person")
        .annotate(n=Count("id", distinct=True))
        .order_by("-n", "person")
        .first()
    )
    return Person.objects.filter(pk=row["person"]).first() if row else None


def signed_in_client(membership: Membership) -> Client:
    """A client signed in as the membership's user, past the second factor, acting for its unit (as the test
    cast's `Cast.client` does)."""
    client = Client(HTTP_HOST=HOST)
    client.force_login(membership.user)
    session = client.session
    session[SESSION_STRONG_AUTH] = True
    session[SESSION_MEMBERSHIP_KEY] = str(membership.uuid)
    session.save()
    return client


def _url(page: Page, actors: Actors) -> str:
    args: list[Any] = []
    for name in page.args:
        value = getattr(actors, name)
        if value is None:
            raise LookupError(f"no {name} in the data")
        args.append(value.uuid)
    url = reverse(page.url_name, args=args)
    if page.query:
        organisation = str(actors.staff.unit.organisation.uuid)
        url += "?" + urlencode([(name, value.replace("{organisation}", organisation)) for name, value in page.query])
    return url


def run(
    pages: tuple[Page, ...] = PAGES,
    repeat: int = 50,
    warmup: int = 5,
    count_runs: int = 3,
    say: Callable[[str], None] = lambda _message: None,
) -> tuple[list[Result], Actors]:
    """Warm every page up, then time `repeat` rounds over all pages, then count queries in `count_runs` rounds."""
    actors = choose_actors()
    clients = {
        "staff": signed_in_client(actors.staff),
        "manager": signed_in_client(actors.manager),
        "anonymous": Client(HTTP_HOST=HOST),
    }
    results: list[Result] = []
    live: list[tuple[Page, Result]] = []
    for page in pages:
        result = Result(page.key, page.title, "")
        results.append(result)
        try:
            result.url = _url(page, actors)
        except (NoReverseMatch, LookupError) as missing:
            result.skipped = f"saknas: {missing}" if isinstance(missing, LookupError) else "sidan finns inte ännu"
            continue
        live.append((page, result))

    def request(page: Page, result: Result) -> float:
        started = time.perf_counter()
        response = clients[page.who].get(result.url)
        elapsed = (time.perf_counter() - started) * 1000
        result.status = response.status_code
        return elapsed

    say(f"Uppvärmning: {warmup} varv")
    for _round in range(warmup):
        for page, result in live:
            request(page, result)
    say(f"Mätning: {repeat} varv över {len(live)} sidor")
    for _round in range(repeat):
        for page, result in live:
            result.samples_ms.append(request(page, result))
    for _round in range(count_runs):
        for page, result in live:
            with CaptureQueriesContext(connection) as captured:
                request(page, result)
            result.queries.append(len(captured.captured_queries))
    return results, actors


def environment(repeat: int, warmup: int) -> dict[str, Any]:
    """What the figures were measured on and against."""
    return {
        "database": connection.vendor,
        "database_version": _database_version(),
        "persons": Person.objects.count(),
        "plans": Plan.objects.count(),
        "audit_events_approx": AuditEvent.objects.aggregate(last=Max("id"))["last"] or 0,
        "users": User.objects.count(),
        "repeat": repeat,
        "warmup": warmup,
        "debug": settings.DEBUG,
        "measured_at": timezone.now().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "django": django.get_version(),
        "machine": f"{platform.machine()}, {platform.system()} {platform.release()}",
        "date": dt.date.today().isoformat(),  # noqa: DTZ011 - a label for the report, in the machine's own time
    }


def _database_version() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW server_version")
        row = cursor.fetchone()
    return str(row[0]) if row else ""
