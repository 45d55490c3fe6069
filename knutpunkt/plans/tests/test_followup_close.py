"""Closing a plan: a confirmation page with a reason, by the plan's lead only; afterwards nothing can change."""

from __future__ import annotations

import pytest
from django.urls import reverse

from knutpunkt.audit.models import AuditEvent
from knutpunkt.plans.models import ClosureReason, Plan, PlanStatus
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.plans import PlanWorld, established_plan, make_profiles


@pytest.fixture
def world(cast: Cast) -> PlanWorld:
    return make_profiles(cast)


@pytest.fixture
def plan(cast: Cast, world: PlanWorld) -> Plan:
    return established_plan(cast, world)


def _url(plan: Plan) -> str:
    return reverse("plans:close", kwargs={"plan_uuid": plan.uuid})


def test_the_outsider_is_refused(cast: Cast, plan: Plan) -> None:
    olle = cast.client(cast.olle)
    assert olle.get(_url(plan)).status_code == 404
    assert olle.post(_url(plan), {"reason": ClosureReason.GOALS_MET}).status_code == 404
    plan.refresh_from_db()
    assert not plan.is_closed


def test_the_region_taking_part_cannot_close(cast: Cast, plan: Plan) -> None:
    cecilia = cast.client(cast.cecilia)
    assert cecilia.get(_url(plan)).status_code == 404
    assert cecilia.post(_url(plan), {"reason": ClosureReason.GOALS_MET}).status_code == 404
    plan.refresh_from_db()
    assert not plan.is_closed


def test_the_confirmation_page_warns_of_open_commitments(cast: Cast, plan: Plan) -> None:
    body = cast.client(cast.anna).get(_url(plan)).content.decode()
    assert "1 åtagande är inte klart." in body
    assert "Avsluta planen</button>" in body


def test_a_reason_is_required(cast: Cast, plan: Plan) -> None:
    response = cast.client(cast.anna).post(_url(plan), {"note": "Klart"})
    assert 'class="error-summary"' in response.content.decode()
    plan.refresh_from_db()
    assert not plan.is_closed


def test_the_lead_closes_the_plan_with_a_reason(cast: Cast, plan: Plan) -> None:
    anna = cast.client(cast.anna)
    response = anna.post(_url(plan), {"reason": ClosureReason.GOALS_MET, "note": "Elsa går i skolan"}, follow=True)
    assert "Planen är avslutad." in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CLOSED and plan.closure_note == "Elsa går i skolan"
    assert AuditEvent.objects.filter(event="plan.closed", actor=cast.anna).exists()
    # Closed: it cannot be closed again, established or followed up; the versions can still be read.
    assert anna.get(_url(plan)).status_code == 404
    assert anna.post(reverse("plans:establish", kwargs={"plan_uuid": plan.uuid}), {}).status_code == 404
    assert anna.get(reverse("plans:versions", kwargs={"plan_uuid": plan.uuid})).status_code == 200
