"""Charts of the SIP statistics as Vega-Lite specifications, written with Altair.

A specification is JSON data: the page carries it in a `<script type="application/json">` block and
static/knutpunkt/charts.js draws it with vega-embed, using Vega's expression interpreter so that nothing is
compiled with `new Function` (the Content-Security-Policy allows no eval). Suppressed cells are left out of the
data (null), so a chart never shows what the tables hide. Every chart has a text alternative and the same numbers
in a table under it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import altair as alt
from django.utils.translation import gettext as _

from knutpunkt.plans.statistics import Cell, Statistics

# Colours that keep 3:1 contrast against white and apart from each other; the legend and the table carry the
# meaning too, never the colour alone.
PALETTE = ["#1f5f8b", "#b34700", "#2e7d32", "#6a3d9a", "#8a6d00", "#ad1457", "#00695c", "#4e342e"]


@dataclass(frozen=True)
class ChartRow:
    month: str
    group: str
    cell: Cell


@dataclass(frozen=True)
class Chart:
    """A chart as the page shows it: its specification, its text alternative and its data as table rows."""

    slug: str
    title: str
    alternative: str
    value_label: str
    spec: dict[str, Any]
    rows: list[ChartRow]

    @property
    def spec_id(self) -> str:
        return f"chart-spec-{self.slug}"


# More lines or bars than this cannot be told apart: the chart shows the groups with the most plans, the tables all.
MAX_GROUPS = 8


def _shown_groups(statistics: Statistics) -> set[int]:
    ranked = sorted(statistics.by_group, key=lambda row: (-row.measures.requested, row.label))
    return {row.group_id for row in ranked[:MAX_GROUPS]}


def _rows(statistics: Statistics, measure: str) -> list[ChartRow]:
    shown = _shown_groups(statistics)
    return [
        ChartRow(row.month_label, row.label, row.cells()[measure])
        for row in statistics.by_month
        if row.group_id in shown
    ]


def _more_groups_note(statistics: Statistics) -> str:
    if len(statistics.by_group) <= MAX_GROUPS:
        return ""
    return " " + _(
        "Diagrammet visar de %(shown)d av %(total)d grupperna som har flest begärda SIP; alla finns i tabellerna."
    ) % {"shown": MAX_GROUPS, "total": len(statistics.by_group)}


def _data(rows: list[ChartRow], months: list[str]) -> list[dict[str, Any]]:
    return [{"month": r.month, "group": r.group, "value": r.cell.value} for r in rows if r.month in months]


def _base(rows: list[ChartRow], statistics: Statistics, title: str) -> alt.Chart:
    months = [m.strftime("%Y-%m") for m in statistics.months]
    return alt.Chart(alt.InlineData(values=_data(rows, months)), title=title, description=title).encode(
        x=alt.X("month:O", title=_("Månad"), sort=months, scale=alt.Scale(domain=months)),
        color=alt.Color(
            "group:N",
            title=statistics.grouping_label,
            scale=alt.Scale(range=PALETTE),
            legend=alt.Legend(orient="bottom", columns=2, labelLimit=320),
        ),
    )


def _spec(chart: alt.Chart) -> dict[str, Any]:
    spec: dict[str, Any] = (
        chart.properties(width="container", height=240)
        .configure(font="system-ui, sans-serif")
        .configure_axis(labelFontSize=12, titleFontSize=13)
        .configure_legend(labelFontSize=12, titleFontSize=13)
        .to_dict()
    )
    return spec


def requests_chart(statistics: Statistics) -> Chart:
    title = _("SIP begärda per månad")
    rows = _rows(statistics, "requested")
    chart = (
        _base(rows, statistics, title)
        .mark_bar()
        .encode(y=alt.Y("value:Q", title=_("Antal SIP")), xOffset=alt.XOffset("group:N"))
    )
    alternative = _(
        "Stapeldiagram: antal begärda SIP per månad och %(grouping)s. Månader med färre än 5 visas inte. "
        "Samma siffror finns i tabellen under diagrammet."
    ) % {"grouping": statistics.grouping_label.lower()} + _more_groups_note(statistics)
    return Chart("requests", title, alternative, _("SIP begärda"), _spec(chart), rows)


def deadline_chart(statistics: Statistics) -> Chart:
    title = _("Andel där tidsfristen hölls, per månad")
    rows = _rows(statistics, "deadline_share")
    chart = (
        _base(rows, statistics, title)
        .mark_line(point=alt.OverlayMarkDef(size=60, filled=True))
        .encode(
            y=alt.Y("value:Q", title=_("Procent inom tidsfristen"), scale=alt.Scale(domain=[0, 100])),
            shape=alt.Shape("group:N", title=statistics.grouping_label, legend=None),
        )
    )
    alternative = _(
        "Linjediagram: andel SIP där mötet (eller kallelsen) hölls inom tidsfristen, i procent per månad och "
        "%(grouping)s. Månader med färre än 5 planer visas inte. Samma siffror finns i tabellen under diagrammet."
    ) % {"grouping": statistics.grouping_label.lower()} + _more_groups_note(statistics)
    return Chart("deadline", title, alternative, _("Tidsfristen hållen"), _spec(chart), rows)


def charts(statistics: Statistics) -> list[Chart]:
    return [requests_chart(statistics), deadline_chart(statistics)]
