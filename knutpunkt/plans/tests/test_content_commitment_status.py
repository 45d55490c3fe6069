"""Progress on a commitment: reported by the unit that made it or by the plan's lead, from the contents page (htmx
or not) or from a work list (`next`), never by anyone else."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from knutpunkt.audit.models import AuditEvent
from knutpunkt.plans import actions
from knutpunkt.plans.models import Commitment, CommitmentStatus, Plan
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.plans import PlanWorld, fill_contents, make_profiles, planning_plan


@pytest.fixture
def world(cast: Cast) -> PlanWorld:
    return make_profiles(cast)


@pytest.fixture
def plan(cast: Cast, world: PlanWorld) -> Plan:
    plan = planning_plan(cast, world)
    fill_contents(cast, plan)
    return plan


def _url(plan: Plan, commitment: Commitment) -> str:
    return reverse("plans:commitment_status", kwargs={"plan_uuid": plan.uuid, "commitment_uuid": commitment.uuid})


def test_the_responsible_unit_marks_its_commitment_done_today(cast: Cast, plan: Plan) -> None:
    commitment = plan.commitments.get()  # BUP's
    response = cast.client(cast.cecilia).post(_url(plan, commitment), {"status": CommitmentStatus.DONE})
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.DONE and commitment.done_on == timezone.localdate()
    assert AuditEvent.objects.filter(event="plan.commitment_status", actor=cast.cecilia).exists()


def test_the_lead_sets_any_commitments_status(cast: Cast, plan: Plan) -> None:
    commitment = plan.commitments.get()
    cast.client(cast.anna).post(_url(plan, commitment), {"status": CommitmentStatus.IN_PROGRESS})
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.IN_PROGRESS


def test_a_unit_that_is_neither_responsible_nor_lead_is_refused(cast: Cast, plan: Plan) -> None:
    today = timezone.localdate()
    ours = actions.save_item(
        cast.actor(cast.anna),
        plan,
        plan.lock_version,
        "commitment",
        {"what": "Hembesök", "unit": cast.barn_och_unga, "starts_on": today, "due_on": today},
    )
    assert cast.client(cast.cecilia).post(_url(plan, ours), {"status": CommitmentStatus.DONE}).status_code == 404
    ours.refresh_from_db()
    assert ours.status == CommitmentStatus.PLANNED


def test_the_outsider_is_refused(cast: Cast, plan: Plan) -> None:
    commitment = plan.commitments.get()
    olle = cast.client(cast.olle)
    assert olle.post(_url(plan, commitment), {"status": CommitmentStatus.DONE}).status_code == 404
    assert olle.get(_url(plan, commitment)).status_code == 405


def test_a_done_date_in_the_future_is_refused_with_a_message(cast: Cast, plan: Plan) -> None:
    commitment = plan.commitments.get()
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = cast.client(cast.cecilia).post(
        _url(plan, commitment), {"status": CommitmentStatus.DONE, "done_on": tomorrow}, follow=True
    )
    assert "Statusen sparades inte" in response.content.decode()
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.PLANNED


def test_a_work_list_gets_the_user_back_but_never_to_another_site(cast: Cast, plan: Plan) -> None:
    commitment = plan.commitments.get()
    cecilia = cast.client(cast.cecilia)
    back = cecilia.post(_url(plan, commitment), {"status": CommitmentStatus.IN_PROGRESS, "next": "/sip/"})
    assert back["Location"] == "/sip/"
    away = cecilia.post(_url(plan, commitment), {"status": CommitmentStatus.DONE, "next": "https://example.com/"})
    assert away["Location"].startswith(reverse("plans:content", kwargs={"plan_uuid": plan.uuid}))


def test_htmx_from_the_contents_page_gets_the_section_back(cast: Cast, plan: Plan) -> None:
    commitment = plan.commitments.get()
    response = cast.client(cast.cecilia).post(
        _url(plan, commitment),
        {"status": CommitmentStatus.DONE},
        headers={"HX-Request": "true", "HX-Target": "section-commitment"},
    )
    body = response.content.decode()
    assert body.startswith('<section id="section-commitment"')
    assert "Status för ”Boka samtal” är sparad." in body and "Klar" in body


def test_a_closed_plans_commitments_cannot_change(cast: Cast, plan: Plan) -> None:
    commitment = plan.commitments.get()
    actions.close_plan(cast.actor(cast.anna), plan, "no_longer_needed")
    assert cast.client(cast.anna).post(_url(plan, commitment), {"status": CommitmentStatus.DONE}).status_code == 404


def test_htmx_from_a_work_list_is_sent_on_to_next(cast: Cast, plan: Plan) -> None:
    commitment = plan.commitments.get()
    response = cast.client(cast.cecilia).post(
        _url(plan, commitment),
        {"status": CommitmentStatus.IN_PROGRESS, "next": "/sip/"},
        headers={"HX-Request": "true", "HX-Target": "commitment-row"},
    )
    assert response["HX-Redirect"] == "/sip/"
