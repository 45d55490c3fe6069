"""Finding early warnings (knutpunkt/indicators/warnings.py `find_warnings`): pure numpy panels, no database."""

from __future__ import annotations

import numpy as np

from knutpunkt.indicators import forecasting
from knutpunkt.indicators.forecasting import FloatArray
from knutpunkt.indicators.models import Direction
from knutpunkt.indicators.warnings import Comparison, Finding, find_warnings

YEARS = list(range(2014, 2023))
GROUP = list(range(10))  # rows 0..9 are the comparison group
OUTLIER = 10  # row 10 is the municipality compared with them


def _panel(outlier_slope: float, group_slope: float = 0.1) -> FloatArray:
    """Ten municipalities whose share moves by about `group_slope` a year with some noise, and one moving by
    `outlier_slope`."""
    rng = np.random.default_rng(3)
    t = np.arange(len(YEARS), dtype=np.float64)
    group = 20 + rng.normal(0, 2, size=(10, 1)) + group_slope * t + rng.normal(0, 0.15, size=(10, len(YEARS)))
    outlier = 20 + outlier_slope * t + rng.normal(0, 0.15, size=(1, len(YEARS)))
    return np.vstack([group, outlier])


def _find(values: FloatArray, direction: str) -> list[Finding]:
    forecast = forecasting.forecast_panel(YEARS, values, 5, lower=0.0, upper=100.0)
    comparisons = [Comparison(key=7, members=[m for m in GROUP if m != row]) for row in range(values.shape[0])]
    return find_warnings(YEARS, values, forecast, direction, comparisons)


def test_a_municipality_deteriorating_much_faster_than_its_group_is_flagged() -> None:
    findings = _find(_panel(outlier_slope=1.0), Direction.LOWER_IS_BETTER)

    assert [finding.row for finding in findings] == [OUTLIER]
    [finding] = findings
    assert finding.severity >= 2
    assert finding.trend > 0.8
    assert 0.0 < finding.group_trend < 0.3
    assert finding.group == 7
    assert finding.last_year == 2022
    assert finding.forecast_year == 2027
    assert finding.forecast_value > finding.last_value


def test_a_municipality_moving_like_its_group_is_not_flagged() -> None:
    findings = _find(_panel(outlier_slope=0.12), Direction.LOWER_IS_BETTER)

    assert findings == []


def test_a_neutral_key_figure_is_never_flagged() -> None:
    findings = _find(_panel(outlier_slope=1.0), Direction.NEUTRAL)

    assert findings == []


def test_a_fall_is_a_deterioration_where_higher_is_better() -> None:
    falling = _panel(outlier_slope=-1.0, group_slope=-0.1)

    findings = _find(falling, Direction.HIGHER_IS_BETTER)

    assert [finding.row for finding in findings] == [OUTLIER]
    assert findings[0].trend < -0.8


def test_a_rise_is_no_warning_where_higher_is_better() -> None:
    findings = _find(_panel(outlier_slope=1.0), Direction.HIGHER_IS_BETTER)

    assert findings == []


def test_without_a_comparison_group_nothing_is_flagged() -> None:
    values = _panel(outlier_slope=1.0)
    forecast = forecasting.forecast_panel(YEARS, values, 5, lower=0.0, upper=100.0)

    findings = find_warnings(YEARS, values, forecast, Direction.LOWER_IS_BETTER, [None] * values.shape[0])

    assert findings == []


def test_a_group_with_too_few_members_with_data_is_not_compared() -> None:
    values = _panel(outlier_slope=1.0)
    values[2:10, -5:] = np.nan  # only two members keep a recent trend
    forecast = forecasting.forecast_panel(YEARS, values, 5, lower=0.0, upper=100.0)
    comparisons = [Comparison(key=7, members=GROUP)] * values.shape[0]

    findings = find_warnings(YEARS, values, forecast, Direction.LOWER_IS_BETTER, comparisons)

    assert findings == []


def test_the_most_severe_comes_first() -> None:
    values = np.vstack([_panel(outlier_slope=1.0), _panel(outlier_slope=2.0)[OUTLIER]])
    forecast = forecasting.forecast_panel(YEARS, values, 5, lower=0.0, upper=100.0)
    comparisons = [Comparison(key=7, members=GROUP)] * values.shape[0]

    findings = find_warnings(YEARS, values, forecast, Direction.LOWER_IS_BETTER, comparisons)

    assert [finding.row for finding in findings] == [11, OUTLIER]
    assert findings[0].severity > findings[1].severity
