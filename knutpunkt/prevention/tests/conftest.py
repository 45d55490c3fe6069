"""Fixtures of the prevention tests: Karlstad's and Arvika's areas with a few published key figures, and plans
written by ali (Karlstad's analyst) through the actions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from knutpunkt.indicators.models import Indicator
from knutpunkt.organisations.access import Actor
from knutpunkt.prevention import actions
from knutpunkt.prevention.models import ActionPlan, Measure, MeasureStatus, PlanKind, ResponsibleKind
from knutpunkt.prevention.tests.data import Figures, make_figures
from knutpunkt.testing.cast import Cast


@pytest.fixture
def figures(db: None) -> Figures:
    return make_figures()


@pytest.fixture
def ali(cast: Cast) -> Actor:
    return cast.actor(cast.ali)


def new_plan(actor: Actor, kind: str = PlanKind.PREVENTIVE, title: str = "Handlingsplan 2025–2028") -> ActionPlan:
    return actions.create_plan(
        actor,
        actions.PlanDetails(kind=kind, title=title, period_from=dt.date(2025, 1, 1), period_to=dt.date(2028, 12, 31)),
    )


def fresh(plan: ActionPlan) -> ActionPlan:
    return ActionPlan.objects.get(pk=plan.pk)


def add_measure(actor: Actor, plan: ActionPlan, **values: Any) -> Measure:
    fields: dict[str, Any] = {
        "title": "Öppen fritidsverksamhet på kvällar",
        "responsible_kind": ResponsibleKind.CULTURE_LEISURE,
        "budget": Decimal(1_200_000),
        "status": MeasureStatus.PLANNED,
        **values,
    }
    plan = fresh(plan)
    measure = actions.save_measure(actor, plan, plan.lock_version, fields)
    measure.plan = plan
    return measure


def link(actor: Actor, measure: Measure, indicator: Indicator, **values: Any) -> None:
    plan = fresh(measure.plan)
    measure.plan = plan
    details = {"baseline_year": 2021, "baseline_value": 980.0, "target_year": 2028, "target_value": 800.0, **values}
    actions.link_indicator(actor, measure, plan.lock_version, actions.LinkDetails(indicator=indicator, **details))


def decidable_plan(actor: Actor, figures: Figures, **plan_kwargs: Any) -> tuple[ActionPlan, Measure]:
    """A plan with a goal and one ongoing measure linked to violent crime: ready to decide."""
    plan = new_plan(actor, **plan_kwargs)
    actions.save_goal(actor, fresh(plan), fresh(plan).lock_version, text="Färre våldsbrott", measurable=True)
    measure = add_measure(actor, plan)
    link(actor, measure, figures.violence)
    plan = fresh(plan)
    measure = Measure.objects.get(pk=measure.pk)
    measure.plan = plan
    actions.save_measure(actor, plan, plan.lock_version, {"status": MeasureStatus.ONGOING}, measure)
    return fresh(plan), Measure.objects.get(pk=measure.pk)


def decide(actor: Actor, plan: ActionPlan, days_ago: int = 10, note: str = "") -> Any:
    plan = fresh(plan)
    on = timezone.localdate() - dt.timedelta(days=days_ago)
    return actions.decide_plan(
        actor, plan, plan.lock_version, actions.Decision("Kommunstyrelsen", on, on + dt.timedelta(days=200), note)
    )
