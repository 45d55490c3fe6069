"""Two people editing at once never overwrite each other: a save from an older lock version is refused, and the
second person sees their own input next to what the first saved."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from knutpunkt.organisations.access import Actor
from knutpunkt.prevention import actions
from knutpunkt.prevention.models import ActionPlan, CostModel, Measure, SituationReport
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.prevention import Figures, add_measure, fresh, new_plan


def _plan_post(plan: ActionPlan, title: str, lock_version: int) -> dict[str, object]:
    return {
        "lock_version": lock_version,
        "kind": plan.kind,
        "title": title,
        "period_from": plan.period_from.isoformat(),
        "period_to": plan.period_to.isoformat(),
        "situation_report": "",
    }


def test_the_second_save_of_a_plan_is_refused_and_shows_the_other_change(cast: Cast, figures: Figures) -> None:
    plan = new_plan(cast.actor(cast.ali))
    url = reverse("prevention:plan_edit", kwargs={"plan_uuid": plan.uuid})
    opened = plan.lock_version  # both open the form now
    assert cast.client(cast.ali).post(url, _plan_post(plan, "Alis rubrik", opened)).status_code == 302
    response = cast.client(cast.maria).post(url, _plan_post(plan, "Marias rubrik", opened))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Någon annan har sparat ändringar medan du arbetade." in body
    assert "Marias rubrik" in body and "Alis rubrik" in body  # her input, and what is saved now
    assert fresh(plan).title == "Alis rubrik"
    # Saving again from the form as shown now goes through.
    assert response.context["form"]["lock_version"].value() == str(fresh(plan).lock_version)


def test_a_measure_saved_from_an_older_plan_version_is_refused(ali: Actor, figures: Figures) -> None:
    plan = new_plan(ali)
    measure = add_measure(ali, plan)
    stale = plan.lock_version
    actions.save_measure(ali, plan, stale, {"budget": Decimal(1)}, measure)
    with pytest.raises(actions.EditConflict) as conflict:
        actions.save_measure(ali, plan, stale, {"budget": Decimal(2)}, measure)
    assert conflict.value.current.lock_version == stale + 1
    assert Measure.objects.get(pk=measure.pk).budget == Decimal(1)


def test_a_situation_report_saved_from_an_older_version_is_refused(ali: Actor, figures: Figures) -> None:
    details = actions.ReportDetails("Lägesbild", dt.date(2025, 1, 1), dt.date(2026, 12, 31), ["n07403"], "", "")
    report = actions.create_report(ali, details)
    stale = report.lock_version
    actions.update_report(ali, report, stale, details)
    with pytest.raises(actions.EditConflict):
        actions.update_report(ali, SituationReport.objects.get(pk=report.pk), stale, details)


def test_two_people_creating_the_same_calculation_do_not_overwrite_each_other(ali: Actor, figures: Figures) -> None:
    measure = add_measure(ali, new_plan(ali))
    details = actions.CostDetails(
        10, Decimal(20), Decimal(50), 1, 3, Decimal(5), Decimal(0), Decimal(0), "", {"municipality": (Decimal(1), "")}
    )
    actions.save_costs(ali, measure, 0, details)
    with pytest.raises(actions.EditConflict):
        actions.save_costs(ali, measure, 0, details)
    assert CostModel.objects.count() == 1
