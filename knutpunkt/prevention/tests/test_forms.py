"""Every form refuses bad input with a clear Swedish message tied to its field, and saves nothing."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from knutpunkt.prevention import actions
from knutpunkt.prevention.models import ActionPlan, CostModel, Measure, SituationReport
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.prevention import Figures, add_measure, new_plan


def _field_error(response: object, field: str) -> list[str]:
    form = response.context["form"]  # type: ignore[attr-defined]
    return [str(e) for e in form.errors.get(field, [])]


def test_a_negative_budget_is_refused(cast: Cast, figures: Figures) -> None:
    plan = new_plan(cast.actor(cast.ali))
    response = cast.client(cast.ali).post(
        reverse("prevention:measure_add", kwargs={"plan_uuid": plan.uuid}),
        {
            "lock_version": plan.lock_version,
            "title": "Fältarbete",
            "responsible_kind": "social_services",
            "budget": "-5 000",
            "evidence_level": "unknown",
            "status": "planned",
        },
    )
    assert _field_error(response, "budget") == ["Budgeten kan inte vara negativ."]
    assert 'href="#id_budget"' in response.content.decode()  # the summary links to the field
    assert not Measure.objects.exists()


def test_a_measure_ending_before_it_starts_is_refused(cast: Cast, figures: Figures) -> None:
    plan = new_plan(cast.actor(cast.ali))
    response = cast.client(cast.ali).post(
        reverse("prevention:measure_add", kwargs={"plan_uuid": plan.uuid}),
        {
            "lock_version": plan.lock_version,
            "title": "Fältarbete",
            "responsible_kind": "social_services",
            "starts_on": "2026-01-01",
            "ends_on": "2025-01-01",
            "evidence_level": "unknown",
            "status": "planned",
        },
    )
    assert _field_error(response, "ends_on") == ["Åtgärden kan inte sluta innan den börjar."]


def test_a_plan_period_ending_before_it_starts_is_refused(cast: Cast, figures: Figures) -> None:
    response = cast.client(cast.ali).post(
        reverse("prevention:plan_create"),
        {
            "lock_version": 0,
            "kind": "preventive",
            "title": "Plan",
            "period_from": "2026-01-01",
            "period_to": "2025-12-31",
        },
    )
    assert _field_error(response, "period_to") == ["Perioden kan inte sluta innan den börjar."]
    assert not ActionPlan.objects.exists()


def test_a_report_period_ending_before_it_starts_is_refused(cast: Cast, figures: Figures) -> None:
    response = cast.client(cast.ali).post(
        reverse("prevention:report_create"),
        {"lock_version": 0, "title": "Lägesbild", "period_from": "2026-01-01", "period_to": "2025-12-31"},
    )
    assert _field_error(response, "period_to") == ["Perioden kan inte sluta innan den börjar."]
    assert not SituationReport.objects.exists()


def test_only_a_crime_prevention_plan_rests_on_a_situation_report(cast: Cast, figures: Figures) -> None:
    report = actions.create_report(
        cast.actor(cast.ali), actions.ReportDetails("L", dt.date(2025, 1, 1), dt.date(2025, 12, 31), [], "", "")
    )
    response = cast.client(cast.ali).post(
        reverse("prevention:plan_create"),
        {
            "lock_version": 0,
            "kind": "preventive",
            "title": "Plan",
            "period_from": "2025-01-01",
            "period_to": "2025-12-31",
            "situation_report": str(report.uuid),
        },
    )
    assert _field_error(response, "situation_report") == [
        "Bara en brottsförebyggande åtgärdsplan bygger på en lägesbild."
    ]


def test_a_decision_without_a_committee_is_refused(cast: Cast, figures: Figures) -> None:
    plan = new_plan(cast.actor(cast.ali))
    response = cast.client(cast.ali).post(
        reverse("prevention:decide", kwargs={"plan_uuid": plan.uuid}),
        {"lock_version": plan.lock_version, "committee": "", "decided_on": "2025-01-01"},
    )
    assert _field_error(response, "committee") == ["Detta fält måste fyllas i."]
    body = response.content.decode()
    assert "Planen har inga mål." in body and "Planen har inga åtgärder." in body


def test_bad_assumptions_are_refused_and_nothing_is_calculated(cast: Cast, figures: Figures) -> None:
    measure = add_measure(cast.actor(cast.ali), new_plan(cast.actor(cast.ali)))
    response = cast.client(cast.ali).post(
        reverse("prevention:costs", kwargs={"plan_uuid": measure.plan.uuid, "measure_uuid": measure.uuid}),
        {
            "lock_version": 0,
            "group_size": "0",
            "kept_out_without": "50",
            "kept_out_with": "120",
            "effect_from_year": "5",
            "years": "3",
            "discount_rate": "3,5",
            "measure_cost_initial": "0",
            "measure_cost_yearly": "-1",
            "cost_municipality": "abc",
            "cost_region": "0",
            "cost_state": "0",
            "cost_justice": "0",
        },
    )
    assert _field_error(response, "group_size") == ["Målgruppen måste ha minst en person."]
    assert _field_error(response, "kept_out_with") == ["Ange en andel mellan 0 och 100 procent."]
    assert _field_error(response, "effect_from_year") == ["Effekten måste börja inom de år som kalkylen gäller."]
    assert _field_error(response, "measure_cost_yearly") == ["Kostnaden kan inte vara negativ."]
    assert _field_error(response, "cost_municipality") == ["Ange ett tal, till exempel 1 250,50."]
    assert not CostModel.objects.exists()
