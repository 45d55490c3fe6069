"""Who sees and who edits prevention work: members of the municipality see its plans, reports and calculations;
its analysts and unit managers edit them; staff read only; everyone outside the municipality gets 404."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from knutpunkt.prevention import actions
from knutpunkt.prevention.models import ActionPlan, Measure, MeasureIndicator, SituationReport
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.prevention import Figures, decidable_plan, decide


@dataclass
class World:
    plan: ActionPlan
    measure: Measure
    link: MeasureIndicator
    done_report: SituationReport
    draft_report: SituationReport


@pytest.fixture
def world(cast: Cast, figures: Figures) -> World:
    ali = cast.actor(cast.ali)
    plan, measure = decidable_plan(ali, figures)
    decide(ali, plan)
    decide(ali, plan, days_ago=5, note="Ingen ändring")
    details = actions.ReportDetails("Lägesbild 2025", dt.date(2025, 1, 1), dt.date(2026, 12, 31), ["n07403"], "", "")
    done = actions.create_report(ali, details)
    done.analysis = "Analys"
    done.save()
    actions.finish_report(ali, done, done.lock_version, done_on=timezone.localdate())
    draft = actions.create_report(ali, details)
    actions.save_costs(
        ali,
        measure,
        0,
        actions.CostDetails(
            10,
            Decimal(20),
            Decimal(50),
            1,
            3,
            Decimal(5),
            Decimal(0),
            Decimal(0),
            "",
            {"municipality": (Decimal(1), "")},
        ),
    )
    return World(plan, measure, measure.indicator_links.get(), done, draft)


def _reading_urls(w: World) -> list[str]:
    plan = {"plan_uuid": w.plan.uuid}
    measure = {**plan, "measure_uuid": w.measure.uuid}
    first, second = w.plan.versions.order_by("number")
    return [
        reverse("prevention:report", kwargs={"report_uuid": w.done_report.uuid}),
        reverse("prevention:plan", kwargs=plan),
        reverse("prevention:version", kwargs={**plan, "version_uuid": first.uuid}),
        reverse("prevention:version_compare", kwargs=plan) + f"?a={first.uuid}&b={second.uuid}",
        reverse("prevention:costs", kwargs=measure),
    ]


def _editing_urls(w: World) -> list[str]:
    plan = {"plan_uuid": w.plan.uuid}
    measure = {**plan, "measure_uuid": w.measure.uuid}
    goal = w.plan.goals.get()
    return [
        reverse("prevention:report_create"),
        reverse("prevention:report_edit", kwargs={"report_uuid": w.draft_report.uuid}),
        reverse("prevention:report_done", kwargs={"report_uuid": w.draft_report.uuid}),
        reverse("prevention:plan_from_report", kwargs={"report_uuid": w.done_report.uuid}),
        reverse("prevention:plan_create"),
        reverse("prevention:plan_edit", kwargs=plan),
        reverse("prevention:decide", kwargs=plan),
        reverse("prevention:goal_add", kwargs=plan),
        reverse("prevention:goal_edit", kwargs={**plan, "goal_uuid": goal.uuid}),
        reverse("prevention:goal_remove", kwargs={**plan, "goal_uuid": goal.uuid}),
        reverse("prevention:measure_add", kwargs=plan),
        reverse("prevention:measure_edit", kwargs=measure),
        reverse("prevention:measure_remove", kwargs=measure),
        reverse("prevention:link_add", kwargs=measure),
        reverse("prevention:link_edit", kwargs={**measure, "link_uuid": w.link.uuid}),
        reverse("prevention:link_remove", kwargs={**measure, "link_uuid": w.link.uuid}),
        reverse("prevention:plan_followup", kwargs=plan),
        reverse("prevention:measure_followup", kwargs=measure),
    ]


def test_staff_of_the_municipality_see_the_start_page_plans_reports_and_calculations(cast: Cast, world: World) -> None:
    anna = cast.client(cast.anna)
    start = anna.get(reverse("prevention:start"))
    assert start.status_code == 200
    assert world.plan.title in start.content.decode()
    for url in _reading_urls(world):
        assert anna.get(url).status_code == 200, url


def test_staff_cannot_open_any_editing_page(cast: Cast, world: World) -> None:
    anna = cast.client(cast.anna)
    for url in _editing_urls(world):
        assert anna.get(url).status_code == 404, url


def test_staff_cannot_post_a_decision_or_new_assumptions(cast: Cast, world: World) -> None:
    anna = cast.client(cast.anna)
    plan = {"plan_uuid": world.plan.uuid}
    assert anna.post(reverse("prevention:decide", kwargs=plan), {"committee": "X"}).status_code == 404
    costs = reverse("prevention:costs", kwargs={**plan, "measure_uuid": world.measure.uuid})
    assert anna.post(costs, {"group_size": "1"}).status_code == 404


def test_the_analyst_opens_every_editing_page(cast: Cast, world: World) -> None:
    ali = cast.client(cast.ali)
    for url in _editing_urls(world):
        assert ali.get(url).status_code == 200, url


def test_a_unit_manager_of_the_municipality_edits(cast: Cast, world: World) -> None:
    maria = cast.client(cast.maria)
    assert maria.get(reverse("prevention:plan_edit", kwargs={"plan_uuid": world.plan.uuid})).status_code == 200


def test_the_outsider_from_another_municipality_gets_404_on_every_page(cast: Cast, world: World) -> None:
    olle = cast.client(cast.olle)
    for url in [*_reading_urls(world), *_editing_urls(world)]:
        if url in (reverse("prevention:report_create"), reverse("prevention:plan_create")):
            continue  # Arvika's own pages: tested below
        assert olle.get(url).status_code == 404, url


def test_the_outsider_sees_only_their_own_municipality_on_the_start_page(cast: Cast, world: World) -> None:
    body = cast.client(cast.olle).get(reverse("prevention:start")).content.decode()
    assert "Arvika kommun" in body
    assert world.plan.title not in body and "Lägesbild 2025" not in body


def test_staff_of_a_region_have_no_prevention_pages(cast: Cast, world: World) -> None:
    cecilia = cast.client(cast.cecilia)
    assert cecilia.get(reverse("prevention:start")).status_code == 404
    assert cecilia.get(reverse("prevention:plan", kwargs={"plan_uuid": world.plan.uuid})).status_code == 404


def test_the_main_menu_offers_prevention_to_members_of_a_municipality_only(cast: Cast, world: World) -> None:
    assert "Förebyggande" in cast.client(cast.anna).get(reverse("core:home")).content.decode()
    assert "Förebyggande" not in cast.client(cast.cecilia).get(reverse("core:home")).content.decode()


def test_a_replaced_plan_is_read_only(cast: Cast, world: World) -> None:
    ActionPlan.objects.filter(pk=world.plan.pk).update(status="replaced")
    ali = cast.client(cast.ali)
    assert ali.get(reverse("prevention:plan", kwargs={"plan_uuid": world.plan.uuid})).status_code == 200
    assert ali.get(reverse("prevention:plan_edit", kwargs={"plan_uuid": world.plan.uuid})).status_code == 404


def test_an_administrator_of_the_municipality_reads_but_does_not_edit(cast: Cast, world: World) -> None:
    adam = cast.client(cast.adam)
    assert adam.get(reverse("prevention:plan", kwargs={"plan_uuid": world.plan.uuid})).status_code == 200
    assert adam.get(reverse("prevention:plan_create")).status_code == 404
