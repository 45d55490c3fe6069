"""Charts of the SIP statistics as Vega-Lite specifications.

A specification is JSON data: the page carries it in a `<script type="application/json">` block and
static/knutpunkt/charts.js draws it with vega-embed, using Vega's expression interpreter so that nothing is
compiled with `new Function` (the Content-Security-Policy allows no eval). Suppressed cells are left out of the
data (null), so a chart never shows what the tables hide. Every chart has a text alternative and the same numbers
in a table under it.

The specifications are written as plain dictionaries, exactly as Altair writes them (a test compares the two):
building them with Altair validated each one against the whole Vega-Lite JSON schema on every request, which cost
more than all the page's queries together.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from knutpunkt.plans.statistics import Cell, Statistics

# The Vega-Lite version of the vendored vega-lite.min.js (the one Altair 6.3 writes).
SCHEMA_URL = "https://vega.github.io/schema/vega-lite/v6.4.1.json"

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

    @property
    def has_values(self) -> bool:
        """Whether any number is shown: a chart of suppressed cells only would be an empty drawing."""
        return any(row.cell.value is not None for row in self.rows)


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


def _dataset_name(values: list[dict[str, Any]]) -> str:
    """The name Altair gives inline data: a hash of its JSON."""
    if values == [{}]:
        return "empty"
    digest = hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()[:32]
    return "data-" + digest


def _spec(
    statistics: Statistics, rows: list[ChartRow], title: str, mark: dict[str, Any], encoding: dict[str, Any]
) -> dict[str, Any]:
    """A chart of one measure per month (x) and group (colour), with the house's size, fonts and legend."""
    months = [m.strftime("%Y-%m") for m in statistics.months]
    values = _data(rows, months)
    name = _dataset_name(values)
    grouping = statistics.grouping_label
    encoding = {
        "color": {
            "field": "group",
            "legend": {"columns": 2, "labelLimit": 320, "orient": "bottom"},
            "scale": {"range": PALETTE},
            "title": grouping,
            "type": "nominal",
        },
        **encoding,
        "x": {"field": "month", "scale": {"domain": months}, "sort": months, "title": _("Månad"), "type": "ordinal"},
    }
    return {
        "config": {
            "view": {"continuousWidth": 300, "continuousHeight": 300},
            "axis": {"labelFontSize": 12, "titleFontSize": 13},
            "font": "system-ui, sans-serif",
            "legend": {"labelFontSize": 12, "titleFontSize": 13},
        },
        "data": {"name": name},
        "mark": mark,
        "description": title,
        "encoding": dict(sorted(encoding.items())),
        "height": 240,
        "title": title,
        "width": "container",
        "$schema": SCHEMA_URL,
        "datasets": {name: values},
    }


def requests_chart(statistics: Statistics) -> Chart:
    title = _("SIP begärda per månad")
    rows = _rows(statistics, "requested")
    spec = _spec(
        statistics,
        rows,
        title,
        {"type": "bar"},
        {
            "y": {"field": "value", "title": _("Antal SIP"), "type": "quantitative"},
            "xOffset": {"field": "group", "type": "nominal"},
        },
    )
    alternative = _(
        "Stapeldiagram: antal begärda SIP per månad och %(grouping)s. Månader med färre än 5 visas inte. "
        "Samma siffror finns i tabellen under diagrammet."
    ) % {"grouping": statistics.grouping_label.lower()} + _more_groups_note(statistics)
    return Chart("requests", title, alternative, _("SIP begärda"), spec, rows)


def deadline_chart(statistics: Statistics) -> Chart:
    title = _("Andel där tidsfristen hölls, per månad")
    rows = _rows(statistics, "deadline_share")
    spec = _spec(
        statistics,
        rows,
        title,
        {"type": "line", "point": {"filled": True, "size": 60}},
        {
            "y": {
                "field": "value",
                "scale": {"domain": [0, 100]},
                "title": _("Procent inom tidsfristen"),
                "type": "quantitative",
            },
            "shape": {"field": "group", "legend": None, "title": statistics.grouping_label, "type": "nominal"},
        },
    )
    alternative = _(
        "Linjediagram: andel SIP där mötet (eller kallelsen) hölls inom tidsfristen, i procent per månad och "
        "%(grouping)s. Månader med färre än 5 planer visas inte. Samma siffror finns i tabellen under diagrammet."
    ) % {"grouping": statistics.grouping_label.lower()} + _more_groups_note(statistics)
    return Chart("deadline", title, alternative, _("Tidsfristen hållen"), spec, rows)


def charts(statistics: Statistics) -> list[Chart]:
    return [requests_chart(statistics), deadline_chart(statistics)]
