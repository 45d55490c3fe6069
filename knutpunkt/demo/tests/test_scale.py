"""The county-scale generator at a tiny size: the counts asked for, every status, only Skatteverket's test numbers
(or reserve numbers), and a refusal to write into a database that already has data. Correctness only: the
benchmarks in bench/ show speed."""

from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from knutpunkt.accounts.models import User
from knutpunkt.audit.events import EVENTS
from knutpunkt.audit.models import AuditEvent
from knutpunkt.demo.numbers import skatteverket_numbers
from knutpunkt.demo.scale import RESERVE_PREFIX, ScaleRefused, ScaleSummary, generate
from knutpunkt.organisations.models import Membership, Role
from knutpunkt.people.access import visible_persons
from knutpunkt.people.identity import IdentityKind
from knutpunkt.people.models import Consent, Guardianship, Person, Registration, RelationKind
from knutpunkt.plans.access import visible_plans
from knutpunkt.plans.models import (
    Commitment,
    CommitmentStatus,
    FollowUp,
    Invitation,
    InvitationStatus,
    Meeting,
    Plan,
    PlanStatus,
    PlanVersion,
    Reminder,
)
from knutpunkt.testing.cast import Cast

pytestmark = pytest.mark.django_db

PERSONS, PLANS, EVENTS_ASKED = 400, 60, 5000


@pytest.fixture
def summary() -> ScaleSummary:
    return generate(PERSONS, PLANS, EVENTS_ASKED, seed=7)


def test_generates_the_counts_asked_for(summary: ScaleSummary) -> None:
    assert Person.objects.count() == PERSONS
    assert Plan.objects.count() == PLANS
    assert AuditEvent.objects.count() == EVENTS_ASKED
    assert summary.counts["person"] == PERSONS
    assert summary.counts["plan"] == PLANS
    assert summary.counts["auditevent"] == EVENTS_ASKED


def test_every_plan_status_and_the_rows_each_implies_are_present(summary: ScaleSummary) -> None:
    assert set(Plan.objects.values_list("status", flat=True)) == set(PlanStatus.values)
    invitation_statuses = set(Invitation.objects.values_list("status", flat=True))
    assert {InvitationStatus.DRAFT, InvitationStatus.PENDING, InvitationStatus.ACCEPTED} <= invitation_statuses
    assert Meeting.objects.filter(held=True).exists()
    assert Meeting.objects.filter(held=False).exists()
    assert CommitmentStatus.DONE in set(Commitment.objects.values_list("status", flat=True))
    assert PlanVersion.objects.exists()
    assert FollowUp.objects.exists()
    assert Reminder.objects.exists()
    for plan in Plan.objects.filter(status=PlanStatus.ESTABLISHED):
        assert plan.versions.count() == plan.established_version >= 1
    assert not Plan.objects.filter(status=PlanStatus.CLOSED, closed_at__isnull=True).exists()
    # Only a municipality or a region requests a plan.
    for plan in Plan.objects.select_related("initiating_unit__organisation__parent"):
        assert plan.initiating_unit.organisation.is_principal_for_plans
    assert not Plan.objects.exclude(status=PlanStatus.CLOSED).filter(closed_at__isnull=False).exists()


def test_no_personnummer_outside_skatteverkets_lists(summary: ScaleSummary) -> None:
    numbered = Person.objects.exclude(identity_kind=IdentityKind.RESERVE)
    assert set(numbered.values_list("identity_number", flat=True)) <= skatteverket_numbers()
    reserve = Person.objects.filter(identity_kind=IdentityKind.RESERVE).values_list("identity_number", flat=True)
    assert reserve
    assert all(number.startswith(RESERVE_PREFIX) for number in reserve)
    assert not set(reserve) & skatteverket_numbers()


def test_people_have_the_shapes_of_a_county(summary: ScaleSummary) -> None:
    assert Registration.objects.values("person").distinct().count() > PERSONS * 0.7
    assert Registration.objects.filter(ended_at__isnull=False).exists()
    guardians = Guardianship.objects.filter(kind=RelationKind.GUARDIAN).select_related("person")
    assert guardians
    assert all(g.person.is_child or g.person.age == 18 for g in guardians if g.valid_until is None)
    assert Consent.objects.filter(withdrawn_at__isnull=False).exists()
    assert Membership.objects.filter(role=Role.UNIT_MANAGER).exists()
    managers = Membership.objects.filter(role=Role.UNIT_MANAGER).count()
    assert Membership.objects.filter(role=Role.STAFF).count() > managers


def test_staff_see_the_plans_and_persons_they_work_with(summary: ScaleSummary) -> None:
    from knutpunkt.organisations.access import Actor

    plan = Plan.objects.exclude(status=PlanStatus.CLOSED).select_related("requested_by").first()
    assert plan is not None
    membership = Membership.objects.select_related("unit__organisation").get(
        user=plan.requested_by, unit=plan.initiating_unit
    )
    actor = Actor(user=plan.requested_by, membership=membership)
    assert visible_plans(actor).filter(pk=plan.pk).exists()
    assert visible_persons(actor).filter(pk=plan.person_id).exists()


def test_audit_events_are_registered_in_time_order_and_within_five_years(summary: ScaleSummary) -> None:
    assert set(AuditEvent.objects.values_list("event", flat=True)) <= set(EVENTS)
    times = list(AuditEvent.objects.order_by("id").values_list("occurred_at", flat=True)[:500])
    assert [t.replace(microsecond=0) for t in times] == sorted(t.replace(microsecond=0) for t in times)
    assert AuditEvent.objects.filter(had_relation=False).exists()


def test_the_same_seed_gives_the_same_people() -> None:
    from django.db import transaction

    def snapshot() -> list[tuple[str, str, str]]:
        return sorted(Person.objects.values_list("identity_number", "first_name", "last_name"))

    class Rollback(Exception):
        pass

    first: list[tuple[str, str, str]] = []

    def generate_and_roll_back() -> None:
        with transaction.atomic():
            generate(100, 10, 500, seed=3)
            first.extend(snapshot())
            raise Rollback

    with pytest.raises(Rollback):
        generate_and_roll_back()
    generate(100, 10, 500, seed=3)
    assert snapshot() == first


def test_refuses_a_database_that_already_has_data(cast: Cast) -> None:
    with pytest.raises(ScaleRefused):
        generate(100, 10, 100, seed=1)
    assert Person.objects.count() == 4
    assert not Plan.objects.exists()


def test_refuses_to_run_twice(summary: ScaleSummary) -> None:
    users = User.objects.count()
    with pytest.raises(ScaleRefused):
        generate(100, 10, 100, seed=1)
    assert User.objects.count() == users


def test_command_generates_and_reports() -> None:
    out = StringIO()
    call_command("generate_scale", "--persons", "120", "--plans", "12", "--audit-events", "900", stdout=out)
    assert "Klart" in out.getvalue()
    assert Person.objects.count() == 120


def test_command_refuses_a_database_with_data(cast: Cast) -> None:
    with pytest.raises(CommandError, match="redan data"):
        call_command("generate_scale", "--persons", "100", stdout=StringIO())


def test_bench_command_measures_every_page_and_writes_json(tmp_path: Path) -> None:
    generate(300, 40, 2000, seed=5)
    target = tmp_path / "bench.json"
    out = StringIO()
    call_command("bench", "--repeat", "2", "--warmup", "1", "--json", str(target), stdout=out)
    data = json.loads(target.read_text(encoding="utf-8"))
    pages = {page["key"]: page for page in data["pages"]}
    assert pages["trivial"]["query_count"] >= 1
    assert pages["trivial_anonymous"]["query_count"] == 1
    for page in pages.values():
        assert page["skipped"] or page["status"] == 200, page
        assert page["skipped"] or len(page["samples_ms"]) == 2
    assert data["environment"]["persons"] == 300
    assert "/healthz" in out.getvalue()
    # The unit's pages by default; the whole organisation's chosen on the page.
    assert pages["plan_list"]["url"] == "/sip/"
    assert pages["plan_list_organisation"]["url"] == "/sip/?visa=organisation"
    assert re.fullmatch(r"/sip/statistik/\?organisation=[0-9a-f-]{36}", pages["statistics_organisation"]["url"])
