"""The charts' Vega-Lite specifications are written by hand for speed: they must be exactly what Altair writes
(and Altair validates against the Vega-Lite schema)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import altair as alt
from django.utils import translation

from knutpunkt.plans import charts
from knutpunkt.plans.statistics import Filters, Grouping, Measures, Row, Statistics, months_between, protect

D = dt.date


def _statistics() -> Statistics:
    months = months_between(D(2025, 1, 1), D(2025, 4, 30))
    by_month = [
        Row(group, label, month, Measures(requested=requested, deadline_due=requested, deadline_met=requested // 2))
        for group, label in ((1, "Barn och unga"), (2, "Vuxen"))
        for month, requested in zip(months, (9, 3, 12, 6), strict=True)
    ]
    by_group = []
    for group in (1, 2):
        total = Measures()
        for row in by_month:
            if row.group_id == group:
                total.add(row.measures)
        by_group.append(Row(group, by_month[0 if group == 1 else 4].label, None, total))
    by_group, by_month = protect(by_group, by_month)
    return Statistics(Filters(D(2025, 1, 1), D(2025, 4, 30), Grouping.UNIT), by_group, by_month, months)


def _altair(chart: charts.Chart, statistics: Statistics, mark: Any, encoding: dict[str, Any]) -> dict[str, Any]:
    """The specification as the charts were first written, with Altair."""
    months = [m.strftime("%Y-%m") for m in statistics.months]
    base = alt.Chart(
        alt.InlineData(values=charts._data(chart.rows, months)), title=chart.title, description=chart.title
    ).encode(
        x=alt.X("month:O", title="Månad", sort=months, scale=alt.Scale(domain=months)),
        color=alt.Color(
            "group:N",
            title=statistics.grouping_label,
            scale=alt.Scale(range=charts.PALETTE),
            legend=alt.Legend(orient="bottom", columns=2, labelLimit=320),
        ),
    )
    spec: dict[str, Any] = (
        mark(base)
        .encode(**encoding)
        .properties(width="container", height=240)
        .configure(font="system-ui, sans-serif")
        .configure_axis(labelFontSize=12, titleFontSize=13)
        .configure_legend(labelFontSize=12, titleFontSize=13)
        .to_dict()
    )
    return spec


def test_the_requests_chart_is_what_altair_writes() -> None:
    with translation.override("sv"):
        statistics = _statistics()
        chart = charts.requests_chart(statistics)
        expected = _altair(
            chart,
            statistics,
            lambda c: c.mark_bar(),
            {"y": alt.Y("value:Q", title="Antal SIP"), "xOffset": alt.XOffset("group:N")},
        )
    assert chart.spec == expected


def test_the_deadline_chart_is_what_altair_writes() -> None:
    with translation.override("sv"):
        statistics = _statistics()
        chart = charts.deadline_chart(statistics)
        expected = _altair(
            chart,
            statistics,
            lambda c: c.mark_line(point=alt.OverlayMarkDef(size=60, filled=True)),
            {
                "y": alt.Y("value:Q", title="Procent inom tidsfristen", scale=alt.Scale(domain=[0, 100])),
                "shape": alt.Shape("group:N", title=statistics.grouping_label, legend=None),
            },
        )
    assert chart.spec == expected


def test_a_suppressed_cell_is_left_out_of_the_chart() -> None:
    with translation.override("sv"):
        chart = charts.requests_chart(_statistics())
    [values] = chart.spec["datasets"].values()
    february = [v["value"] for v in values if v["month"] == "2025-02"]
    assert february == [None, None]


def test_a_chart_of_hidden_cells_only_is_not_drawn() -> None:
    months = months_between(D(2025, 1, 1), D(2025, 2, 28))
    # January's 7 is hidden so that February's 1 cannot be had from the total of 8: nothing is left to draw.
    by_month = [Row(1, "Enhet", month, Measures(requested=n)) for month, n in zip(months, (7, 1), strict=True)]
    by_group, by_month = protect([Row(1, "Enhet", None, Measures(requested=8))], by_month)
    statistics = Statistics(Filters(D(2025, 1, 1), D(2025, 2, 28), Grouping.UNIT), by_group, by_month, months)
    with translation.override("sv"):
        chart = charts.requests_chart(statistics)
    assert chart.rows and not chart.has_values
