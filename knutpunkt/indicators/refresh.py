"""Refreshing Knutpunkt's forecasts and early warnings for every key figure and municipality at once.

All municipal values (gender T) are read in one query, laid out as one panel per key figure (municipalities x
years), forecast with knutpunkt/indicators/forecasting.py and screened for early warnings with
knutpunkt/indicators/warnings.py. Everything is computed before the database is written; then one transaction
stores the new run with its forecasts and warnings and deletes every older run, so readers see either the old run
or the new one, never half of one.

Bounds (``forecasting.bounds``): a share (``Indicator.is_share``) stays within 0–100; any other key figure whose
values are never negative (counts, rates, days, merit points) stays at or above 0.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from knutpunkt.indicators import figures, forecasting, warnings
from knutpunkt.indicators.models import (
    AreaKind,
    EarlyWarning,
    Forecast,
    ForecastRun,
    Gender,
    Indicator,
    IndicatorValue,
)

BATCH_SIZE = 2000


@dataclass(frozen=True)
class _Panel:
    indicator: Indicator
    areas: list[int]  # Area ids, one per row
    years: list[int]
    values: np.ndarray


def refresh_forecasts(*, horizon: int = forecasting.DEFAULT_HORIZON) -> ForecastRun:
    """Forecast every key figure for every municipality ``horizon`` years ahead, find the early warnings, and
    replace the previous run. Returns the new, finished run."""
    started_at = timezone.now()
    clock = time.perf_counter()
    panels = _panels()
    comparisons = _comparisons()

    forecasts: list[tuple[int, int, int, float, float, float, float, float]] = []
    found: list[EarlyWarning] = []
    series = 0
    for panel in panels:
        indicator = panel.indicator
        values = panel.values
        lower, upper = forecasting.bounds(values, indicator.is_share)
        result = forecasting.forecast_panel(panel.years, values, horizon, lower=lower, upper=upper)
        for row in np.flatnonzero(result.forecastable):
            series += 1
            area_id = panel.areas[row]
            for step, year in enumerate(result.years):
                forecasts.append(
                    (
                        indicator.pk,
                        area_id,
                        year,
                        float(result.point[row, step]),
                        float(result.low_80[row, step]),
                        float(result.high_80[row, step]),
                        float(result.low_95[row, step]),
                        float(result.high_95[row, step]),
                    )
                )
        groups = [comparisons.get(area_id) for area_id in panel.areas]
        rows = {area_id: row for row, area_id in enumerate(panel.areas)}
        panel_comparisons = [
            None
            if group is None
            else warnings.Comparison(key=group[0], members=[rows[m] for m in group[1] if m in rows])
            for group in groups
        ]
        for finding in warnings.find_warnings(panel.years, values, result, indicator.direction, panel_comparisons):
            found.append(
                EarlyWarning(
                    indicator=indicator,
                    area_id=panel.areas[finding.row],
                    severity=finding.severity,
                    trend=finding.trend,
                    group_trend=finding.group_trend,
                    last_year=finding.last_year,
                    last_value=finding.last_value,
                    forecast_year=finding.forecast_year,
                    forecast_value=finding.forecast_value,
                    group_id=finding.group,
                )
            )

    with transaction.atomic():
        run = ForecastRun.objects.create(started_at=started_at, method=forecasting.METHOD, horizon=horizon)
        _insert_forecasts(run, forecasts)
        for warning in found:
            warning.run = run
        EarlyWarning.objects.bulk_create(found, batch_size=BATCH_SIZE)
        older = ForecastRun.objects.exclude(pk=run.pk)
        # Forecasts and warnings go with their run (CASCADE); deleted here directly, in a few statements.
        Forecast.objects.filter(run__in=older).delete()
        EarlyWarning.objects.filter(run__in=older).delete()
        older.delete()
        run.series = series
        run.finished_at = timezone.now()
        run.seconds = round(time.perf_counter() - clock, 3)
        run.save(update_fields=["series", "finished_at", "seconds"])
    return run


FORECAST_COLUMNS = ("indicator", "area", "year", "value", "low_80", "high_80", "low_95", "high_95")


def _insert_forecasts(run: ForecastRun, rows: list[tuple[int, int, int, float, float, float, float, float]]) -> None:
    """Insert the forecast rows with one parameterised statement run for every row (executemany). About 40,000
    rows: bulk_create spends most of the refresh's time building and compiling model instances for them."""
    column_of = {field.name: field.column for field in Forecast._meta.concrete_fields}
    names = ("run", *FORECAST_COLUMNS)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column_of[name]) for name in names)
    placeholders = ", ".join(["%s"] * len(names))
    sql = f"INSERT INTO {quote(Forecast._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH_SIZE * 10):
            cursor.executemany(sql, [(run.pk, *row) for row in rows[start : start + BATCH_SIZE * 10]])


def _panels() -> list[_Panel]:
    """One panel per key figure that has municipal values: municipalities x the key figure's years (NaN where a
    value is missing), from one query."""
    indicators = {indicator.pk: indicator for indicator in Indicator.objects.all()}
    rows = (
        IndicatorValue.objects.filter(area__kind=AreaKind.MUNICIPALITY, gender=Gender.TOTAL)
        .order_by()
        .values_list("indicator_id", "area_id", "year", "value")
    )
    by_indicator: dict[int, list[tuple[int, int, float]]] = defaultdict(list)
    for indicator_id, area_id, year, value in rows.iterator(chunk_size=10_000):
        by_indicator[indicator_id].append((area_id, year, value))

    panels = []
    for indicator_id, values in sorted(by_indicator.items(), key=lambda item: indicators[item[0]].code):
        areas = sorted({area_id for area_id, _year, _value in values})
        years = sorted({year for _area_id, year, _value in values})
        row_of = {area_id: i for i, area_id in enumerate(areas)}
        column_of = {year: j for j, year in enumerate(years)}
        matrix = np.full((len(areas), len(years)), np.nan)
        data = np.array([(row_of[a], column_of[y], v) for a, y, v in values], dtype=np.float64)
        matrix[data[:, 0].astype(np.int64), data[:, 1].astype(np.int64)] = data[:, 2]
        panels.append(_Panel(indicator=indicators[indicator_id], areas=areas, years=years, values=matrix))
    return panels


def _comparisons() -> dict[int, tuple[int, list[int]]]:
    """Each municipality's comparison group as (group id, member area ids): Kolada's similar municipalities made for
    it if there is such a group, else its SKR municipality group."""
    chosen: dict[int, tuple[int, list[int]]] = {}
    for area_id, (skr, similar) in figures.comparison_groups_by_area().items():
        group = similar if similar is not None else skr
        if group is not None:
            members = sorted(member.pk for member in group.members.all() if member.kind == AreaKind.MUNICIPALITY)
            chosen[area_id] = (group.pk, members)
    return chosen
