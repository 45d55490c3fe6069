"""The report to the committee (rapport till nämnden) on one action plan: the situation, the forecasts, the early
warnings, the plan and its follow-up, assembled here as plain data and rendered as an HTML page and a tagged PDF.

The report is written in Swedish whatever language the reader works in, like the decision documents it goes with.
It keeps apart what is whose, as the rest of Knutpunkt does: values as published carry "Källa: Kolada"; group
averages, forecasts, early warnings and the index are Knutpunkt's own processing of Kolada's data; goals, measures,
follow-ups and cost calculations are the municipality's own.

Charts come from knutpunkt.indicators.charts as SVG and go into the document as `data:` images: WeasyPrint draws
them as vectors (no raster image in the PDF), and an image carries its alt text into the PDF's Figure tag, where an
inline <svg> would leave a screen reader a hundred loose tick labels (and an SVG shown as an image runs no script).
The same images serve the HTML page, which the Content-Security-Policy allows (img-src data:).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
import textwrap
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify

from knutpunkt.audit.extract import render_pdf as render_tagged_pdf
from knutpunkt.indicators import charts
from knutpunkt.indicators import figures as indicator_figures
from knutpunkt.indicators.figures import AreaContext, ForecastYear, History, HistoryRow
from knutpunkt.indicators.models import Area, EarlyWarning, ForecastRun, ImportRun, Indicator
from knutpunkt.indicators.warnings import explain
from knutpunkt.organisations.access import Actor
from knutpunkt.prevention import cost_rows, costs, figures
from knutpunkt.prevention.contents import active_measures, budget_total, live_links
from knutpunkt.prevention.models import (
    ActionPlan,
    CostModel,
    FollowUp,
    Goal,
    Measure,
    MeasureStatus,
    SituationReport,
)

REPORT_LANGUAGE = "sv"
# The years of published values in each key figure's table (the chart shows them all).
TABLE_YEARS = 5
# The forecast years shown: Knutpunkt forecasts up to ten years ahead, a committee plans for a few.
FORECAST_YEARS = 5
# A chart's plot in the report, in SVG pixels: the A4 text column is about as wide, so the text keeps its size, and
# low enough that a key figure's heading, chart and table share one page.
CHART_WIDTH = 560
CHART_HEIGHT = 170
# The same specification always gives the same SVG: made once, then kept a day (the page and the PDF share them).
CHART_CACHE_SECONDS = 24 * 60 * 60
# Axis labels Vega hid to avoid overlaps stay in its SVG, invisible; they only cost the PDF time.
HIDDEN_TEXT = re.compile(r"<text\b[^>]*\sopacity=\"0\"[^>]*>.*?</text>", re.DOTALL)
# Longer chart titles are wrapped onto more lines: Vega draws a title on one line, however wide the chart.
TITLE_CHARACTERS = 70


# --- The parts of the report --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyFigure:
    """One key figure in "Läget": its chart (an SVG `data:` URI), the published values of the last years and
    Knutpunkt's forecast, and why it is in the report (the measures linked to it, the situation report's mapping)."""

    indicator: Indicator
    chart_title: str
    chart_alternative: str
    chart_uri: str
    rows: list[HistoryRow]
    forecasts: list[ForecastYear]
    decimals: int
    measures: list[str]
    in_mapping: bool
    skr_title: str
    similar_title: str

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def title(self) -> str:
        return self.indicator.title


@dataclass(frozen=True)
class WarningItem:
    warning: EarlyWarning
    explanation: str
    in_plan: bool


@dataclass(frozen=True)
class MeasureItem:
    measure: Measure
    progress: list[figures.LinkProgress]


@dataclass(frozen=True)
class GoalItem:
    """A goal with its measures; `goal` is None for the measures that serve no goal."""

    number: int
    goal: Goal | None
    measures: list[MeasureItem]


@dataclass(frozen=True)
class FollowUpItem:
    followup: FollowUp
    status_label: str
    headings: dict[str, int]
    readings: int


@dataclass(frozen=True)
class CostItem:
    """A measure's calculation of the cost of exclusion: what its assumptions give, summed per payer."""

    measure: Measure
    model: CostModel
    result: costs.Result
    payers: list[cost_rows.PayerRow]
    has_examples: bool


@dataclass(frozen=True)
class Source:
    indicator: Indicator
    published_on: dt.date | None


@dataclass(frozen=True)
class Summary:
    measures: int
    statuses: list[tuple[str, int]]  # (status in words, how many measures), the statuses in use only
    budget_total: Decimal | None
    links: int
    headings: dict[str, int]  # figures.Heading value -> how many linked key figures
    reached: int
    key_figures: int
    forecast_figures: int
    warnings: int
    plan_warnings: int
    followups: int
    last_followup: dt.date | None


@dataclass(frozen=True)
class CommitteeReport:
    plan: ActionPlan
    area: Area | None
    created_on: dt.date
    prepared_by: str
    summary: Summary
    situation_report: SituationReport | None
    key_figures: list[KeyFigure]
    run: ForecastRun | None
    warnings: list[WarningItem]
    goals: list[GoalItem]
    followups: list[FollowUpItem]
    cost_items: list[CostItem]
    sources: list[Source]
    imported_at: dt.datetime | None

    @property
    def municipality_name(self) -> str:
        return self.plan.municipality.name

    @property
    def has_forecasts(self) -> bool:
        return any(figure.forecasts for figure in self.key_figures)


# --- Assembling ---------------------------------------------------------------------------------------------------


def build(plan: ActionPlan, actor: Actor | None, today: dt.date | None = None) -> CommitteeReport:
    """Everything the report says about the plan, read now, in Swedish."""
    with translation.override(REPORT_LANGUAGE):
        return _build(plan, actor, today or timezone.localdate())


def _build(plan: ActionPlan, actor: Actor | None, today: dt.date) -> CommitteeReport:
    area = figures.municipality_area(plan.municipality)
    measures = active_measures(plan)
    links = {measure.pk: live_links(measure) for measure in measures}
    progress = figures.progress_by_measure(measures, area)
    items = {measure.pk: MeasureItem(measure, progress[measure.pk]) for measure in measures}
    # The situation report belongs in the report of the crime-prevention plan decided on it (Lag 2023:196).
    report = plan.situation_report if plan.is_crime_prevention else None
    indicators = _indicators(measures, links, report)
    run = indicator_figures.newest_run()
    key_figures: list[KeyFigure] = []
    if area is not None:
        # The groups and Sweden are the same for every key figure: read once.
        area_context = indicator_figures.area_context(area)
        key_figures = [_key_figure(indicator, area_context, run, measures, links, report) for indicator in indicators]
    warnings = _warnings(run, area, {indicator.pk for indicator in indicators})
    followups = _followups(plan)
    return CommitteeReport(
        plan=plan,
        area=area,
        created_on=today,
        prepared_by=_prepared_by(actor),
        summary=_summary(measures, [p for found in progress.values() for p in found], key_figures, warnings, followups),
        situation_report=report,
        key_figures=key_figures,
        run=run,
        warnings=warnings,
        goals=_goals(plan, measures, items),
        followups=followups,
        cost_items=_cost_items(measures),
        sources=[Source(indicator, indicator.publication_date) for indicator in indicators],
        imported_at=ImportRun.objects.order_by("-finished_at").values_list("finished_at", flat=True).first(),
    )


def _prepared_by(actor: Actor | None) -> str:
    if actor is None:
        return ""
    return f"{actor.label}, {actor.unit}" if actor.unit is not None else actor.label


def _indicators(
    measures: Sequence[Measure], links: dict[int, list[Any]], report: SituationReport | None
) -> list[Indicator]:
    """The key figures of the report: a crime-prevention plan's situation report's mapping first, in its order, then
    those linked to the measures, in the plan's order; each once."""
    found: dict[int, Indicator] = {}
    if report is not None:
        by_code = {i.code: i for i in Indicator.objects.filter(code__in=report.indicator_codes())}
        for code in report.indicator_codes():
            if code in by_code:
                found.setdefault(by_code[code].pk, by_code[code])
    for measure in measures:
        for link in links[measure.pk]:
            found.setdefault(link.indicator_id, link.indicator)
    return list(found.values())


def report_spec(chart: charts.Chart) -> dict[str, Any]:
    """The chart's specification as the report draws it: lower, and without its title, which the report prints as
    the key figure's heading above it. The subtitle — the sources and what is Knutpunkt's own — stays in the chart,
    so that the SVG still says it."""
    spec = dict(chart.spec)
    if isinstance(spec.get("height"), int):
        spec["height"] = CHART_HEIGHT
    title = spec.get("title")
    if isinstance(title, dict) and title.get("subtitle"):
        spec["title"] = {
            "text": list(title["subtitle"]),
            "anchor": "start",
            "color": "#4a5360",
            "fontSize": 12,
            "fontWeight": "normal",
        }
    elif isinstance(title, dict) and isinstance(title.get("text"), str):
        spec["title"] = {**title, "text": textwrap.wrap(title["text"], TITLE_CHARACTERS) or [title["text"]]}
    return spec


def chart_uri(chart: charts.Chart) -> str:
    """The chart as an SVG `data:` URI for the report."""
    spec = report_spec(chart)
    key = "prevention:report-chart:" + hashlib.sha256(json.dumps(spec, sort_keys=True).encode("utf-8")).hexdigest()
    found = cache.get(key)
    if isinstance(found, str):
        return found
    svg = HIDDEN_TEXT.sub("", charts.to_svg(spec, width=CHART_WIDTH))
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
    cache.set(key, uri, CHART_CACHE_SECONDS)
    return uri


def _key_figure(
    indicator: Indicator,
    area_context: AreaContext,
    run: ForecastRun | None,
    measures: Sequence[Measure],
    links: dict[int, list[Any]],
    report: SituationReport | None,
) -> KeyFigure:
    history: History = indicator_figures.history(indicator, area_context.area, context=area_context, run=run)
    chart = charts.history_chart_from(history)
    rows = [row for row in history.rows if row.own is not None or row.country is not None][-TABLE_YEARS:]
    return KeyFigure(
        indicator=indicator,
        chart_title=chart.title,
        chart_alternative=chart.alternative,
        chart_uri=chart_uri(chart),
        rows=rows,
        forecasts=history.forecasts[:FORECAST_YEARS],
        decimals=history.decimals,
        measures=[m.title for m in measures if any(link.indicator_id == indicator.pk for link in links[m.pk])],
        in_mapping=report is not None and indicator.code in report.indicator_codes(),
        skr_title=history.skr.title,
        similar_title=history.similar.title,
    )


def _warnings(run: ForecastRun | None, area: Area | None, plan_indicators: set[int]) -> list[WarningItem]:
    """The municipality's early warnings of the newest run, the plan's own key figures first."""
    if run is None or area is None:
        return []
    found = EarlyWarning.objects.filter(run=run, area=area).select_related("indicator", "group", "area")
    ordered = sorted(found, key=lambda w: (w.indicator_id not in plan_indicators, -w.severity, w.indicator.title))
    return [WarningItem(w, explain(w), w.indicator_id in plan_indicators) for w in ordered]


def _goals(plan: ActionPlan, measures: Sequence[Measure], items: dict[int, MeasureItem]) -> list[GoalItem]:
    goals = list(plan.goals.filter(removed=False))
    result = [
        GoalItem(number, goal, [items[m.pk] for m in measures if m.goal_id == goal.pk])
        for number, goal in enumerate(goals, start=1)
    ]
    known = {goal.pk for goal in goals}
    loose = [items[m.pk] for m in measures if m.goal_id not in known]
    if loose:
        result.append(GoalItem(len(goals) + 1, None, loose))
    return result


def _followups(plan: ActionPlan) -> list[FollowUpItem]:
    """Every follow-up, oldest first: the report tells the story in the order it happened."""
    return [
        FollowUpItem(
            followup,
            followup.status_then_label,
            figures.heading_counts(reading.get("heading", "") for reading in followup.readings),
            len(followup.readings),
        )
        for followup in plan.followups.select_related("measure").order_by("held_on", "id")
    ]


def _cost_items(measures: Sequence[Measure]) -> list[CostItem]:
    models = CostModel.objects.filter(measure__in=list(measures)).prefetch_related("assumptions")
    by_measure = {model.measure_id: model for model in models}
    result = []
    for measure in measures:
        model = by_measure.get(measure.pk)
        if model is None:
            continue
        outcome = costs.calculate(costs.assumptions_of(model))
        payers = cost_rows.payer_rows(model, outcome)
        result.append(CostItem(measure, model, outcome, payers, any(row.example for row in payers)))
    return result


def _summary(
    measures: Sequence[Measure],
    progress: Sequence[figures.LinkProgress],
    key_figures: Sequence[KeyFigure],
    warnings: Sequence[WarningItem],
    followups: Sequence[FollowUpItem],
) -> Summary:
    counted = Counter(measure.status for measure in measures)
    statuses = [(str(label), counted[value]) for value, label in MeasureStatus.choices if counted[value]]
    return Summary(
        measures=len(measures),
        statuses=statuses,
        budget_total=budget_total(measures),
        links=len(progress),
        headings=figures.heading_counts(item.heading.value for item in progress),
        reached=sum(1 for item in progress if item.reached),
        key_figures=len(key_figures),
        forecast_figures=sum(1 for figure in key_figures if figure.forecasts),
        warnings=len(warnings),
        plan_warnings=sum(1 for warning in warnings if warning.in_plan),
        followups=len(followups),
        last_followup=followups[-1].followup.held_on if followups else None,
    )


# --- Rendering ----------------------------------------------------------------------------------------------------


def context(report: CommitteeReport) -> dict[str, Any]:
    return {"report": report, "plan": report.plan, "summary": report.summary}


def render_document(report: CommitteeReport) -> str:
    """The report as a standalone HTML document in Swedish, the source of the PDF."""
    with translation.override(REPORT_LANGUAGE):
        return render_to_string("prevention/committee_report/document.html", context(report))


def render_pdf(report: CommitteeReport, *, compress: bool = True) -> bytes:
    """A4, tagged (PDF/UA-1), in Swedish, with the municipality and plan in the running header and page numbers."""
    return render_tagged_pdf(render_document(report), compress=compress)


def filename(report: CommitteeReport) -> str:
    slug = slugify(report.plan.title.replace("–", "-"))[:60].strip("-") or "plan"
    return f"rapport-till-namnden-{slug}-{report.created_on:%Y-%m-%d}.pdf"
