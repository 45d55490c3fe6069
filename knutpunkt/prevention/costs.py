"""The cost of exclusion (utanförskap) for a measure's target group, with and without the measure: pure arithmetic on
assumptions that the municipality enters itself.

The model, year by year for `years` years:
- without the measure, `group_size * (1 - kept_out_without)` people are in exclusion, each costing every payer
  (municipality, region, state, justice system) that payer's assumed cost per person and year;
- with the measure, from `effect_from_year` on, `group_size * (1 - kept_out_with)` are; before that year, as
  many as without it;
- the avoided cost is the difference, per payer; the measure costs `measure_cost_initial` in year 1 and
  `measure_cost_yearly` every year; net = avoided - measure cost;
- discounted values use `discount_rate` with year 1 undiscounted: year t is divided by (1 + r)^(t - 1);
- the payback year is the first year in which the cumulative net is zero or more (None if it never is).

No figure here is a fact: the calculation shows what follows from the assumptions, nothing more.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from knutpunkt.prevention.models import CostModel

PAYERS: tuple[str, ...] = ("municipality", "region", "state", "justice")
CENT = Decimal("0.01")
ZERO = Decimal(0)
HUNDRED = Decimal(100)


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Assumptions:
    group_size: int
    cost_per_person_year: Mapping[str, Decimal]  # payer -> kr per person in exclusion and year
    kept_out_without: Decimal  # share of the group kept out of exclusion without the measure, 0–1
    kept_out_with: Decimal  # the same with the measure, 0–1
    years: int
    discount_rate: Decimal  # 0.035 for 3.5 %
    measure_cost_initial: Decimal
    measure_cost_yearly: Decimal
    effect_from_year: int = 1

    def __post_init__(self) -> None:
        if self.group_size < 0 or self.years < 1:
            raise ValueError("The group size must not be negative and there must be at least one year")
        for share in (self.kept_out_without, self.kept_out_with):
            if not ZERO <= share <= 1:
                raise ValueError("Shares are between 0 and 1")
        if not 1 <= self.effect_from_year <= self.years:
            raise ValueError("The effect must start within the years calculated")
        if self.discount_rate <= -1:
            raise ValueError("The discount rate must be above -100 %")
        unknown = set(self.cost_per_person_year) - set(PAYERS)
        if unknown:
            raise ValueError(f"Unknown payers: {sorted(unknown)}")


@dataclass(frozen=True)
class Year:
    number: int
    people_without: Decimal
    people_with: Decimal
    without: dict[str, Decimal]  # cost of exclusion per payer without the measure
    with_measure: dict[str, Decimal]
    avoided: dict[str, Decimal]
    avoided_total: Decimal
    measure_cost: Decimal
    net: Decimal
    cumulative_net: Decimal
    discount_factor: Decimal
    net_discounted: Decimal
    cumulative_net_discounted: Decimal

    @property
    def without_total(self) -> Decimal:
        return sum(self.without.values(), ZERO)

    @property
    def with_total(self) -> Decimal:
        return sum(self.with_measure.values(), ZERO)


@dataclass(frozen=True)
class Result:
    years: list[Year]
    avoided_by_payer: dict[str, Decimal]
    avoided_total: Decimal
    measure_cost_total: Decimal
    net_total: Decimal
    net_present_value: Decimal
    payback_year: int | None
    payback_year_discounted: int | None

    @property
    def without_total(self) -> Decimal:
        return sum((y.without_total for y in self.years), ZERO)

    @property
    def with_total(self) -> Decimal:
        return sum((y.with_total for y in self.years), ZERO)


def calculate(assumptions: Assumptions) -> Result:
    a = assumptions
    costs = {payer: Decimal(a.cost_per_person_year.get(payer, ZERO)) for payer in PAYERS}
    people_without = a.group_size * (1 - a.kept_out_without)
    people_with_effect = a.group_size * (1 - a.kept_out_with)
    years: list[Year] = []
    cumulative = cumulative_discounted = ZERO
    payback: int | None = None
    payback_discounted: int | None = None
    for number in range(1, a.years + 1):
        people_with = people_with_effect if number >= a.effect_from_year else people_without
        without = {payer: _money(people_without * cost) for payer, cost in costs.items()}
        with_measure = {payer: _money(people_with * cost) for payer, cost in costs.items()}
        avoided = {payer: without[payer] - with_measure[payer] for payer in PAYERS}
        avoided_total = sum(avoided.values(), ZERO)
        measure_cost = a.measure_cost_yearly + (a.measure_cost_initial if number == 1 else ZERO)
        net = avoided_total - measure_cost
        factor = 1 / (1 + a.discount_rate) ** (number - 1)
        net_discounted = _money(net * factor)
        cumulative += net
        cumulative_discounted += net_discounted
        if payback is None and cumulative >= 0:
            payback = number
        if payback_discounted is None and cumulative_discounted >= 0:
            payback_discounted = number
        years.append(
            Year(
                number=number,
                people_without=people_without,
                people_with=people_with,
                without=without,
                with_measure=with_measure,
                avoided=avoided,
                avoided_total=avoided_total,
                measure_cost=measure_cost,
                net=net,
                cumulative_net=cumulative,
                discount_factor=factor,
                net_discounted=net_discounted,
                cumulative_net_discounted=cumulative_discounted,
            )
        )
    avoided_by_payer = {payer: sum((y.avoided[payer] for y in years), ZERO) for payer in PAYERS}
    return Result(
        years=years,
        avoided_by_payer=avoided_by_payer,
        avoided_total=sum(avoided_by_payer.values(), ZERO),
        measure_cost_total=sum((y.measure_cost for y in years), ZERO),
        net_total=cumulative,
        net_present_value=cumulative_discounted,
        payback_year=payback,
        payback_year_discounted=payback_discounted,
    )


def assumptions_of(model: CostModel) -> Assumptions:
    """A saved calculation's assumptions (percentages stored as 0–100) as the arithmetic takes them."""
    return Assumptions(
        group_size=model.group_size,
        cost_per_person_year={a.payer: a.cost_per_person_year for a in model.assumptions.all()},
        kept_out_without=model.kept_out_without / HUNDRED,
        kept_out_with=model.kept_out_with / HUNDRED,
        years=model.years,
        discount_rate=model.discount_rate / HUNDRED,
        measure_cost_initial=model.measure_cost_initial,
        measure_cost_yearly=model.measure_cost_yearly,
        effect_from_year=model.effect_from_year,
    )
