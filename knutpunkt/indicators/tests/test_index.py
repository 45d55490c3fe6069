"""The living-conditions index: standardisation, the sign by direction, weights and missing values."""

from __future__ import annotations

import math

import pytest

from knutpunkt.indicators.figures import index_ranking
from knutpunkt.indicators.index import compute_index, sign_of, standardise
from knutpunkt.indicators.models import Direction

LOWER = Direction.LOWER_IS_BETTER
HIGHER = Direction.HIGHER_IS_BETTER


def test_standardise_gives_the_mean_and_the_population_standard_deviation() -> None:
    mean, deviation = standardise({"a": 2.0, "b": 4.0, "c": 6.0})
    assert mean == 4.0
    assert deviation == pytest.approx(math.sqrt(8 / 3))


def test_a_key_figure_where_lower_is_better_scores_high_values_as_worse() -> None:
    result = compute_index({"k": {"a": 1.0, "b": 3.0}}, {"k": 1.0}, {"k": LOWER})
    assert result.areas["b"].value == pytest.approx(1.0)
    assert result.areas["a"].value == pytest.approx(-1.0)


def test_a_key_figure_where_higher_is_better_changes_sign() -> None:
    result = compute_index({"k": {"a": 1.0, "b": 3.0}}, {"k": 1.0}, {"k": HIGHER})
    assert result.areas["b"].value == pytest.approx(-1.0)
    assert result.areas["a"].value == pytest.approx(1.0)


def test_a_neutral_key_figure_cannot_be_part_of_the_index() -> None:
    with pytest.raises(ValueError, match="without a direction"):
        sign_of(Direction.NEUTRAL)


def test_the_index_is_the_weighted_mean_of_the_signed_scores() -> None:
    values = {"x": {"a": 1.0, "b": 3.0}, "y": {"a": 10.0, "b": 20.0}}
    # a: x scores -1, y (higher is better) scores +1; weights 3 and 1.
    result = compute_index(values, {"x": 3.0, "y": 1.0}, {"x": LOWER, "y": HIGHER})
    assert result.areas["a"].value == pytest.approx((3 * -1 + 1 * 1) / 4)
    assert result.areas["a"].contributions == pytest.approx({"x": -0.75, "y": 0.25})


def test_a_missing_value_is_left_out_of_the_municipalitys_mean() -> None:
    values = {"x": {"a": 1.0, "b": 3.0, "c": 2.0}, "y": {"a": 1.0, "b": 3.0}}
    result = compute_index(values, {"x": 1.0, "y": 1.0}, {"x": LOWER, "y": LOWER})
    # c has only x, where it is the mean: its index is its x score alone, weighted by the weight it has.
    assert result.areas["c"].value == pytest.approx(0.0)
    assert result.areas["c"].weight_used == 1.0


def test_a_municipality_with_values_for_less_than_half_of_the_weight_gets_no_index() -> None:
    values = {"x": {"a": 1.0, "b": 3.0, "c": 2.0}, "y": {"a": 1.0, "b": 3.0}}
    result = compute_index(values, {"x": 1.0, "y": 3.0}, {"x": LOWER, "y": LOWER})
    assert result.areas["c"].value is None
    assert result.areas["a"].value is not None


def test_a_key_figure_where_every_municipality_has_the_same_value_is_left_out() -> None:
    values = {"x": {"a": 1.0, "b": 3.0}, "same": {"a": 5.0, "b": 5.0}}
    result = compute_index(values, {"x": 1.0, "same": 1.0}, {"x": LOWER, "same": LOWER})
    assert result.left_out == ["same"]
    assert [component.code for component in result.components] == ["x"]


def test_the_ranking_puts_the_highest_index_first_and_ties_share_a_place() -> None:
    values = {"x": {"a": 1.0, "b": 3.0, "c": 3.0, "d": 2.0}}
    result = compute_index(values, {"x": 1.0}, {"x": LOWER})
    ranked = [(row.rank, result.areas[row.code]) for row in index_ranking(result, {})]
    assert [(place, area.code) for place, area in ranked] == [(1, "b"), (1, "c"), (3, "d"), (4, "a")]
