"""Prevention work for the tests and browser tests: Karlstad's and Arvika's areas with a few published key figures
(the real Kolada codes, made-up values), and builders that write action plans through the actions.

The actions keep the lock version of the plan object they are given up to date, so a test that threads one plan
object through these builders needs no reloading; `fresh` is for an object older than a change made elsewhere (a
page, another person)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from knutpunkt.indicators.models import Area, AreaKind, Direction, Indicator, IndicatorValue
from knutpunkt.organisations.access import Actor
from knutpunkt.prevention import actions
from knutpunkt.prevention.models import ActionPlan, Measure, MeasureStatus, PlanKind, PlanVersion, ResponsibleKind

# --- Key figures ----------------------------------------------------------------------------------------------------


@dataclass
class Figures:
    karlstad: Area
    arvika: Area
    country: Area
    kronoparken: Area
    violence: Indicator  # n07403, lower is better
    unsafe: Indicator  # n07609, a share, lower is better
    eligible: Indicator  # n15428, a share, higher is better
    narcotics: Indicator  # n07544, no values for Karlstad


def _values(indicator: Indicator, area: Area, values: dict[int, float]) -> None:
    for year, value in values.items():
        IndicatorValue.objects.create(indicator=indicator, area=area, year=year, value=value)


def make_figures() -> Figures:
    country = Area.objects.create(code="0", kind=AreaKind.COUNTRY, name="Riket")
    karlstad = Area.objects.create(code="1780", kind=AreaKind.MUNICIPALITY, name="Karlstad")
    arvika = Area.objects.create(code="1784", kind=AreaKind.MUNICIPALITY, name="Arvika")
    kronoparken = Area.objects.create(code="1780R004", kind=AreaKind.REGSO, name="Kronoparken", parent=karlstad)
    violence = Indicator.objects.create(
        code="n07403",
        title="Anmälda våldsbrott, antal/100 000 inv",
        direction=Direction.LOWER_IS_BETTER,
    )
    unsafe = Indicator.objects.create(
        code="n07609",
        title="Invånare 16-84 år som känner sig otrygga utomhus sent på kvällen, andel (%)",
        direction=Direction.LOWER_IS_BETTER,
    )
    eligible = Indicator.objects.create(
        code="n15428",
        title="Elever i åk. 9 som är behöriga till ett yrkesprogram, andel (%)",
        direction=Direction.HIGHER_IS_BETTER,
    )
    narcotics = Indicator.objects.create(
        code="n07544", title="Anmälda narkotikabrott, antal/100 000 inv", direction=Direction.LOWER_IS_BETTER
    )
    _values(violence, karlstad, {2020: 1010.0, 2021: 980.0, 2022: 1005.0, 2023: 950.5})
    _values(violence, country, {2023: 1020.0})
    _values(violence, arvika, {2023: 700.0})
    _values(unsafe, karlstad, {2021: 24.0, 2023: 27.5})
    _values(eligible, karlstad, {2022: 82.0, 2023: 84.5})
    return Figures(karlstad, arvika, country, kronoparken, violence, unsafe, eligible, narcotics)


# --- Action plans -------------------------------------------------------------------------------------------------


def new_plan(actor: Actor, kind: str = PlanKind.PREVENTIVE, title: str = "Handlingsplan 2025–2028") -> ActionPlan:
    return actions.create_plan(
        actor,
        actions.PlanDetails(kind=kind, title=title, period_from=dt.date(2025, 1, 1), period_to=dt.date(2028, 12, 31)),
    )


def fresh(plan: ActionPlan) -> ActionPlan:
    """The plan as saved now."""
    return ActionPlan.objects.get(pk=plan.pk)


def add_measure(actor: Actor, plan: ActionPlan, **values: Any) -> Measure:
    """A planned measure of `plan` (its `plan` is the same object)."""
    fields: dict[str, Any] = {
        "title": "Öppen fritidsverksamhet på kvällar",
        "responsible_kind": ResponsibleKind.CULTURE_LEISURE,
        "budget": Decimal(1_200_000),
        "status": MeasureStatus.PLANNED,
        **values,
    }
    return actions.save_measure(actor, plan, plan.lock_version, fields)


def link(actor: Actor, measure: Measure, indicator: Indicator, **values: Any) -> None:
    details = {"baseline_year": 2021, "baseline_value": 980.0, "target_year": 2028, "target_value": 800.0, **values}
    actions.link_indicator(
        actor, measure, measure.plan.lock_version, actions.LinkDetails(indicator=indicator, **details)
    )


def decidable_plan(actor: Actor, figures: Figures, **plan_kwargs: Any) -> tuple[ActionPlan, Measure]:
    """A plan with a goal and one ongoing measure linked to violent crime: ready to decide."""
    plan = new_plan(actor, **plan_kwargs)
    actions.save_goal(actor, plan, plan.lock_version, text="Färre våldsbrott", measurable=True)
    measure = add_measure(actor, plan)
    link(actor, measure, figures.violence)
    actions.save_measure(actor, plan, plan.lock_version, {"status": MeasureStatus.ONGOING}, measure)
    return plan, measure


def decide(actor: Actor, plan: ActionPlan, days_ago: int = 10, note: str = "") -> PlanVersion:
    on = timezone.localdate() - dt.timedelta(days=days_ago)
    return actions.decide_plan(
        actor, plan, plan.lock_version, actions.Decision("Kommunstyrelsen", on, on + dt.timedelta(days=200), note)
    )
