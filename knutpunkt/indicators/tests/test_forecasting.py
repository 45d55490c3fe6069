"""The panel forecast (knutpunkt/indicators/forecasting.py): pure numpy, no database."""

from __future__ import annotations

import numpy as np
import pytest

from knutpunkt.indicators import forecasting
from knutpunkt.indicators.forecasting import FloatArray

YEARS = np.arange(2008, 2023)


def _random_walks(seed: int, series: int = 300, years: int = 15) -> FloatArray:
    """Random walks with drift: each series its own drift around a common one, unit noise, levels around 50."""
    rng = np.random.default_rng(seed)
    drift = rng.normal(0.3, 0.3, size=(series, 1))
    steps = drift + rng.normal(0.0, 1.0, size=(series, years))
    return 50 + rng.normal(0, 5, size=(series, 1)) + np.cumsum(steps, axis=1)


def test_intervals_nest_around_the_point() -> None:
    forecast = forecasting.forecast_panel(YEARS, _random_walks(1), 5)

    assert np.all(forecast.low_95 <= forecast.low_80)
    assert np.all(forecast.low_80 < forecast.point)
    assert np.all(forecast.point < forecast.high_80)
    assert np.all(forecast.high_80 <= forecast.high_95)
    assert np.all(forecast.high_95 - forecast.low_95 > forecast.high_80 - forecast.low_80)


def test_intervals_widen_with_the_horizon() -> None:
    forecast = forecasting.forecast_panel(YEARS, _random_walks(2), 5)

    width = forecast.high_80 - forecast.low_80
    assert np.all(np.diff(width, axis=1) >= 0)
    assert np.all(width[:, 4] > width[:, 0])


def test_forecasts_start_the_year_after_the_panel_and_reach_the_horizon() -> None:
    forecast = forecasting.forecast_panel(YEARS, _random_walks(3, series=20), 4)

    assert forecast.first_year == 2023
    assert forecast.years == [2023, 2024, 2025, 2026]
    assert forecast.point.shape == (20, 4)


def test_a_clean_linear_series_is_extrapolated() -> None:
    slopes = np.linspace(-2.0, 3.0, 30)[:, None]
    values = 100 + slopes * (YEARS - 2008)[None, :]

    forecast = forecasting.forecast_panel(YEARS, values, 5)

    expected = 100 + slopes * (np.arange(2023, 2028) - 2008)[None, :]
    np.testing.assert_allclose(forecast.point, expected, atol=1e-6)


def test_shares_stay_between_0_and_100() -> None:
    rising = np.linspace(80, 99, YEARS.size)
    falling = np.linspace(20, 0.5, YEARS.size)
    values = np.vstack([rising + offset for offset in np.linspace(-0.4, 0.4, 10)] + [falling + o for o in range(10)])

    forecast = forecasting.forecast_panel(YEARS, values, 5, lower=0.0, upper=100.0)

    for array in (forecast.point, forecast.low_80, forecast.high_80, forecast.low_95, forecast.high_95):
        assert np.all(array >= 0.0)
        assert np.all(array <= 100.0)
    assert np.any(forecast.high_95 == 100.0)
    assert np.any(forecast.low_95 == 0.0)


def test_rates_never_go_below_zero() -> None:
    falling = np.vstack([np.linspace(30, 2, YEARS.size) * factor for factor in np.linspace(0.5, 1.5, 12)])

    forecast = forecasting.forecast_panel(YEARS, falling, 5, lower=0.0)

    assert np.all(forecast.point >= 0.0)
    assert np.all(forecast.low_95 >= 0.0)


def test_coverage_of_random_walks_with_drift_is_close_to_nominal() -> None:
    values = _random_walks(7, series=400, years=18)
    train, test = values[:, :-3], values[:, -3:]

    forecast = forecasting.forecast_panel(np.arange(2005, 2020), train, 3)

    inside_80 = np.mean((test >= forecast.low_80) & (test <= forecast.high_80))
    inside_95 = np.mean((test >= forecast.low_95) & (test <= forecast.high_95))
    assert inside_80 == pytest.approx(0.80, abs=0.05)
    assert inside_95 == pytest.approx(0.95, abs=0.03)


def test_missing_years_inside_a_series_are_bridged() -> None:
    values = _random_walks(4, series=50)
    values[0, 5:9] = np.nan  # four years missing in the middle
    values[1, ::2] = np.nan  # every other year

    forecast = forecasting.forecast_panel(YEARS, values, 3)

    assert forecast.forecastable[:2].all()
    assert np.all(np.isfinite(forecast.point[:2]))
    assert np.all(forecast.low_95[:2] < forecast.high_95[:2])


def test_a_year_missing_from_the_whole_panel_is_a_gap() -> None:
    values = _random_walks(5, series=50)
    without_2017 = np.delete(values, 2017 - 2008, axis=1)

    forecast = forecasting.forecast_panel(np.delete(YEARS, 2017 - 2008), without_2017, 3)

    assert forecast.first_year == 2023
    assert np.all(np.isfinite(forecast.point))


def test_a_series_whose_latest_value_is_two_years_old_is_forecast_with_wider_intervals() -> None:
    values = _random_walks(6, series=50)
    values[0, -2:] = np.nan

    forecast = forecasting.forecast_panel(YEARS, values, 3)

    assert forecast.forecastable[0]
    # Its first forecast year is three years after its latest value: as wide as the others' third year, relative
    # to its scale; at least wider than its own interval would be one year ahead of fresh data.
    own_width = forecast.high_80[0] - forecast.low_80[0]
    assert own_width[0] > 0
    assert np.all(np.diff(own_width) >= 0)


def test_too_short_or_stale_series_are_not_forecast() -> None:
    values = _random_walks(8, series=50)
    values[0, :-2] = np.nan  # two observations only
    values[1, -3:] = np.nan  # latest value three years old

    forecast = forecasting.forecast_panel(YEARS, values, 3)

    assert not forecast.forecastable[0]
    assert not forecast.forecastable[1]
    assert np.all(np.isnan(forecast.point[:2]))
    assert forecast.forecastable[2:].all()


def test_a_panel_without_enough_data_forecasts_nothing() -> None:
    forecast = forecasting.forecast_panel([2021, 2022], np.array([[1.0, 2.0], [3.0, np.nan]]), 5)

    assert not forecast.forecastable.any()
    assert forecast.parameters is None
    assert np.all(np.isnan(forecast.point))


def test_a_small_panel_of_short_series_still_gets_intervals() -> None:
    values = np.array([[10.0, 11.0, 11.5], [20.0, 19.0, 19.5], [5.0, 5.5, 6.5]])

    forecast = forecasting.forecast_panel([2020, 2021, 2022], values, 5)

    assert forecast.forecastable.all()
    assert np.all(forecast.high_95 > forecast.low_95)
    assert np.all(np.diff(forecast.high_95 - forecast.low_95, axis=1) >= 0)


def test_the_same_panel_gives_the_same_forecast() -> None:
    values = _random_walks(9, series=100)

    first = forecasting.forecast_panel(YEARS, values, 5)
    second = forecasting.forecast_panel(YEARS, values.copy(), 5)

    np.testing.assert_array_equal(first.point, second.point)
    np.testing.assert_array_equal(first.high_95, second.high_95)
    assert first.parameters == second.parameters


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="horizon"):
        forecasting.forecast_panel(YEARS, _random_walks(1, series=3), 0)
    with pytest.raises(ValueError, match="increasing"):
        forecasting.forecast_panel(YEARS[::-1], _random_walks(1, series=3), 3)
    with pytest.raises(ValueError, match="n_series"):
        forecasting.forecast_panel(YEARS, _random_walks(1, series=3)[:, :5], 3)
