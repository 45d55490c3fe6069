"""The cost-of-exclusion arithmetic (costs.py), with a small example worked out by hand:

10 people; 20 % kept out of exclusion without the measure, 50 % with it: 8 and 5 people in exclusion a year.
Assumed cost per person and year: municipality 100 000, region 20 000, state 50 000, justice 30 000 (200 000).
The measure costs 700 000 to start and 100 000 a year; 3 years at 5 %."""

from __future__ import annotations

from decimal import Decimal

import pytest

from knutpunkt.prevention.costs import Assumptions, calculate

COSTS = {
    "municipality": Decimal(100_000),
    "region": Decimal(20_000),
    "state": Decimal(50_000),
    "justice": Decimal(30_000),
}


def _example(**changes: object) -> Assumptions:
    values: dict[str, object] = {
        "group_size": 10,
        "cost_per_person_year": COSTS,
        "kept_out_without": Decimal("0.2"),
        "kept_out_with": Decimal("0.5"),
        "years": 3,
        "discount_rate": Decimal("0.05"),
        "measure_cost_initial": Decimal(700_000),
        "measure_cost_yearly": Decimal(100_000),
        **changes,
    }
    return Assumptions(**values)  # type: ignore[arg-type]


def test_yearly_costs_per_payer_without_and_with_the_measure() -> None:
    first = calculate(_example()).years[0]
    assert first.people_without == 8 and first.people_with == 5
    assert first.without == {
        "municipality": Decimal(800_000),
        "region": Decimal(160_000),
        "state": Decimal(400_000),
        "justice": Decimal(240_000),
    }
    assert first.with_measure["municipality"] == Decimal(500_000)
    assert first.with_measure["justice"] == Decimal(150_000)
    assert first.avoided == {
        "municipality": Decimal(300_000),
        "region": Decimal(60_000),
        "state": Decimal(150_000),
        "justice": Decimal(90_000),
    }
    assert first.without_total == Decimal(1_600_000) and first.with_total == Decimal(1_000_000)


def test_net_cumulative_and_payback_year() -> None:
    result = calculate(_example())
    assert [y.measure_cost for y in result.years] == [Decimal(800_000), Decimal(100_000), Decimal(100_000)]
    assert [y.net for y in result.years] == [Decimal(-200_000), Decimal(500_000), Decimal(500_000)]
    assert [y.cumulative_net for y in result.years] == [Decimal(-200_000), Decimal(300_000), Decimal(800_000)]
    assert result.payback_year == 2
    assert result.avoided_total == Decimal(1_800_000)
    assert result.avoided_by_payer["municipality"] == Decimal(900_000)
    assert result.measure_cost_total == Decimal(1_000_000)
    assert result.net_total == Decimal(800_000)


def test_discounting_leaves_year_one_and_divides_later_years() -> None:
    result = calculate(_example())
    assert [y.net_discounted for y in result.years] == [
        Decimal("-200000.00"),
        Decimal("476190.48"),  # 500 000 / 1.05
        Decimal("453514.74"),  # 500 000 / 1.05²
    ]
    assert result.net_present_value == Decimal("729705.22")
    assert result.payback_year_discounted == 2


def test_an_effect_from_year_two_leaves_year_one_without_avoided_costs() -> None:
    result = calculate(_example(effect_from_year=2))
    first, second = result.years[0], result.years[1]
    assert first.people_with == 8 and first.avoided_total == 0 and first.net == Decimal(-800_000)
    assert second.people_with == 5 and second.avoided_total == Decimal(600_000)
    assert result.payback_year == 3
    assert result.net_present_value == Decimal("129705.22")


def test_a_measure_that_never_pays_back_has_no_payback_year() -> None:
    result = calculate(_example(kept_out_with=Decimal("0.25")))
    assert result.payback_year is None and result.payback_year_discounted is None
    assert result.avoided_total == Decimal(300_000)  # half a person a year, three years, 200 000 each


@pytest.mark.parametrize(
    "changes",
    [{"kept_out_with": Decimal("1.5")}, {"years": 0}, {"effect_from_year": 4}, {"cost_per_person_year": {"x": 1}}],
)
def test_impossible_assumptions_are_refused(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=r"."):
        _example(**changes)
