"""Refreshing every forecast and early warning (knutpunkt/indicators/refresh.py), its task and its command."""

from __future__ import annotations

from dataclasses import dataclass
from io import StringIO

import numpy as np
import pytest
from django.core.management import call_command
from django_tasks.base import TaskResultStatus
from pytest_django.fixtures import Settings

from knutpunkt.indicators import forecasting, tasks
from knutpunkt.indicators.models import (
    Area,
    AreaGroup,
    AreaGroupKind,
    AreaKind,
    EarlyWarning,
    Forecast,
    ForecastRun,
    Gender,
    Indicator,
    IndicatorValue,
)
from knutpunkt.indicators.refresh import refresh_forecasts
from knutpunkt.testing.indicators import make_assistance, make_country_and_region, make_group, make_residents

YEARS = range(2014, 2023)
HORIZON = 5


@dataclass
class World:
    municipalities: list[Area]
    region: Area
    assistance: Indicator
    residents: Indicator
    similar: AreaGroup
    skr: AreaGroup

    @property
    def rising(self) -> Area:
        """The municipality whose economic assistance rises far faster than in its similar municipalities."""
        return self.municipalities[10]

    @property
    def short(self) -> Area:
        """A municipality with two years of economic assistance only: too few to forecast."""
        return self.municipalities[11]


def _world() -> World:
    _sweden, region = make_country_and_region()
    municipalities = [
        Area.objects.create(code=f"17{i:02d}", kind=AreaKind.MUNICIPALITY, name=f"Kommun {i}", parent=region)
        for i in range(12)
    ]
    assistance, residents = make_assistance(), make_residents()
    similar = make_group(
        "G1",
        AreaGroupKind.SIMILAR,
        "Liknande kommuner IFO, Kommun 10, 2024",
        municipalities[:10],
        for_area=municipalities[10],
    )
    skr = make_group("G2", AreaGroupKind.SKR, "Landsbygdskommun (ovägt medel)", municipalities)

    rng = np.random.default_rng(11)
    rows = []
    for i, area in enumerate(municipalities):
        level = 3 + 0.2 * i
        slope = 0.8 if i == 10 else 0.05
        for t, year in enumerate(YEARS):
            share = level + slope * t + float(rng.normal(0, 0.1))
            if i != 11 or year >= 2021:
                rows.append(IndicatorValue(indicator=assistance, area=area, year=year, value=round(share, 2)))
            rows.append(IndicatorValue(indicator=residents, area=area, year=year, value=10_000 + 50 * t + 7 * i))
            # Values for women only and for the region are not what the forecasts are made from.
            rows.append(IndicatorValue(indicator=assistance, area=area, year=year, gender=Gender.WOMEN, value=99.0))
    rows += [IndicatorValue(indicator=assistance, area=region, year=year, value=4.0) for year in YEARS]
    IndicatorValue.objects.bulk_create(rows)
    return World(municipalities, region, assistance, residents, similar, skr)


@pytest.fixture
def world(db: None) -> World:
    return _world()


def test_every_municipality_with_enough_data_gets_a_forecast_for_every_key_figure(world: World) -> None:
    run = refresh_forecasts(horizon=HORIZON)

    pairs = set(Forecast.objects.filter(run=run).values_list("indicator__code", "area__code").distinct())
    expected = {("n31807", area.code) for area in world.municipalities[:11]}
    expected |= {("n01951", area.code) for area in world.municipalities}
    assert pairs == expected
    assert Forecast.objects.filter(run=run).count() == len(expected) * HORIZON
    assert run.series == len(expected)


def test_forecasts_cover_the_years_after_the_last_one(world: World) -> None:
    run = refresh_forecasts(horizon=HORIZON)

    years = Forecast.objects.filter(run=run, area=world.rising, indicator=world.assistance).values_list(
        "year", flat=True
    )
    assert sorted(years) == [2023, 2024, 2025, 2026, 2027]


def test_regions_and_values_by_gender_are_not_forecast(world: World) -> None:
    run = refresh_forecasts(horizon=HORIZON)

    assert not Forecast.objects.filter(run=run, area=world.region).exists()
    forecast = Forecast.objects.get(run=run, area=world.municipalities[0], indicator=world.assistance, year=2023)
    assert forecast.value < 10  # the women's 99.0 would have pulled it up


def test_share_forecasts_and_intervals_stay_between_0_and_100(world: World) -> None:
    run = refresh_forecasts(horizon=HORIZON)

    for row in Forecast.objects.filter(run=run, indicator=world.assistance).values_list(
        "low_95", "low_80", "value", "high_80", "high_95"
    ):
        assert 0 <= row[0] <= row[1] <= row[2] <= row[3] <= row[4] <= 100


def test_the_run_is_finished_and_names_the_method(world: World) -> None:
    run = refresh_forecasts(horizon=HORIZON)

    assert run.finished_at is not None
    assert run.finished_at >= run.started_at
    assert run.method == forecasting.METHOD
    assert run.horizon == HORIZON
    assert run.seconds > 0


def test_a_new_run_replaces_the_previous_one(world: World) -> None:
    first = refresh_forecasts(horizon=HORIZON)

    second = refresh_forecasts(horizon=HORIZON)

    assert list(ForecastRun.objects.values_list("pk", flat=True)) == [second.pk]
    assert not Forecast.objects.filter(run_id=first.pk).exists()
    assert not EarlyWarning.objects.filter(run_id=first.pk).exists()


def test_refreshing_twice_gives_the_same_rows(world: World) -> None:
    first = refresh_forecasts(horizon=HORIZON)
    counts = (Forecast.objects.filter(run=first).count(), EarlyWarning.objects.filter(run=first).count())
    values = list(Forecast.objects.filter(run=first).order_by("indicator", "area", "year").values_list("value"))

    second = refresh_forecasts(horizon=HORIZON)

    assert (Forecast.objects.filter(run=second).count(), EarlyWarning.objects.filter(run=second).count()) == counts
    assert list(Forecast.objects.filter(run=second).order_by("indicator", "area", "year").values_list("value")) == (
        values
    )


def test_the_municipality_rising_faster_than_its_similar_municipalities_is_warned_about(world: World) -> None:
    run = refresh_forecasts(horizon=HORIZON)

    [warning] = EarlyWarning.objects.filter(run=run)
    assert warning.area == world.rising
    assert warning.indicator == world.assistance
    assert warning.group == world.similar
    assert warning.trend == pytest.approx(0.8, abs=0.1)
    assert warning.last_year == 2022
    assert warning.forecast_year == 2027


def test_a_neutral_key_figure_is_not_warned_about(world: World) -> None:
    # Residents of one municipality grow thirty times faster than elsewhere: a neutral figure, so no warning.
    for year in YEARS:
        IndicatorValue.objects.filter(indicator=world.residents, area=world.municipalities[3], year=year).update(
            value=10_000 + 3_000 * (year - 2014)
        )

    run = refresh_forecasts(horizon=HORIZON)

    assert not EarlyWarning.objects.filter(run=run, indicator=world.residents).exists()


def test_without_a_similar_group_the_skr_group_is_the_comparison(world: World) -> None:
    world.similar.delete()

    run = refresh_forecasts(horizon=HORIZON)

    [warning] = EarlyWarning.objects.filter(run=run)
    assert warning.area == world.rising
    assert warning.group == world.skr


def test_without_values_the_run_is_empty(db: None) -> None:
    run = refresh_forecasts(horizon=HORIZON)

    assert run.series == 0
    assert not Forecast.objects.exists()
    assert run.finished_at is not None


def test_the_task_refreshes_the_forecasts(world: World, settings: Settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

    result = tasks.refresh_forecasts_task.using(backend="default").enqueue()

    assert result.status == TaskResultStatus.SUCCESSFUL
    run = ForecastRun.objects.get()
    assert result.return_value is not None
    assert result.return_value["run"] == run.pk
    assert result.return_value["series"] == 23
    assert result.return_value["warnings"] == 1


def test_the_refresh_is_not_queued_twice_while_one_waits(db: None) -> None:
    assert tasks.enqueue_refresh_forecasts() is True
    assert tasks.enqueue_refresh_forecasts() is False


def test_the_command_refreshes_and_sums_up_in_swedish(world: World) -> None:
    out = StringIO()

    call_command("refresh_forecasts", stdout=out)

    text = out.getvalue()
    assert "Prognoser för 23 kommunserier i 2 nyckeltal, 5 år framåt (2023–2027), och 1 tidiga varningar." in text
    assert "Klart på" in text
    assert "sekunder" in text
    assert ForecastRun.objects.count() == 1


def test_the_command_refuses_a_horizon_beyond_ten_years(db: None) -> None:
    with pytest.raises(Exception, match="mellan 1 och 10"):
        call_command("refresh_forecasts", "--horizon", "11", stdout=StringIO())
