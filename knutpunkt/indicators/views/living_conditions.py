"""The living-conditions index: chosen key figures, standardised across the municipalities and weighted, as a
ranking, a map and what makes up one municipality's index. Knutpunkt's own processing (knutpunkt/indicators/index.py
says how it is computed)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from knutpunkt.indicators import access, charts, figures
from knutpunkt.indicators.forms import IndexForm
from knutpunkt.indicators.index import DEFAULT_WEIGHTS, MIN_WEIGHT_SHARE, Component, IndexResult, index_for_year
from knutpunkt.indicators.models import Area, Direction, Indicator
from knutpunkt.indicators.views.common import find, reader


@dataclass(frozen=True)
class WeightRow:
    indicator: Indicator
    component: Component
    share: float  # of the total weight, in per cent


@dataclass(frozen=True)
class PartRow:
    indicator: Indicator
    value: float | None
    score: float | None
    contribution: float | None


@dataclass(frozen=True)
class IndexRow:
    rank: int | None
    area: Area
    value: float | None
    parts: int


@require_GET
@login_required
@never_cache
def index_page(request: HttpRequest) -> HttpResponse:
    actor = reader(request)
    everyone = figures.municipalities()
    home = access.home_municipality_code(actor)
    directional = [i for i in figures.indicators() if i.direction != Direction.NEUTRAL]
    form = IndexForm(
        request.GET if "urval" in request.GET else None,
        indicators=directional,
        years=figures.years(),
        municipalities=everyone,
        default_weights=DEFAULT_WEIGHTS,
        initial_municipality=home,
    )
    context: dict[str, object] = {"form": form, "result": None, "min_share": round(MIN_WEIGHT_SHARE * 100)}
    if form.is_bound and not form.is_valid():
        return render(request, "indicators/index.html", context)
    weights = form.weights()
    chosen = [i for i in directional if i.code in weights]
    if form.is_bound:
        asked, highlight_code = form.cleaned_data["ar"], form.cleaned_data["kommun"]
    else:
        asked, highlight_code = None, form.initial["kommun"]
    available = figures.municipality_years(chosen)
    year = asked if asked in available else (available[0] if available else None)
    if year is None:
        context["no_data"] = True
        return render(request, "indicators/index.html", context)
    result = index_for_year(chosen, weights, year)
    by_code = {i.code: i for i in chosen}
    names = {area.code: area.name for area in everyone}
    highlight = find(everyone, highlight_code)
    total = result.total_weight
    # Ranked once, best place first and by name within a place; the table and both charts show these rows.
    ranked = figures.index_ranking(result, names)
    places = {row.code: row.rank for row in ranked}
    area_of = {area.code: area for area in everyone}
    rows = [
        IndexRow(row.rank, area_of[row.code], row.value, len(result.areas[row.code].scores))
        for row in ranked
        if row.code in area_of
    ]
    mine = result.areas.get(highlight.code) if highlight else None
    context.update(
        {
            "result": result,
            "year": year,
            "asked_year": asked if asked is not None and asked != year else None,
            "weights": [
                WeightRow(by_code[c.code], c, 100 * c.weight / total if total else 0.0) for c in result.components
            ],
            "left_out": [by_code[code] for code in result.left_out],
            "highlight": highlight,
            "mine": mine,
            "mine_rank": places.get(highlight.code) if highlight else None,
            "parts": _parts(result, chosen, highlight.code) if highlight else [],
            "rows": rows,
            "without_index": [area for area in everyone if area.code not in places],
            "ranking_chart": charts.index_ranking_chart_from(result, names, year, highlight, rows=ranked),
            "map_chart": charts.index_map_chart_from(result, names, year, highlight, rows=ranked),
            "parts_chart": (
                charts.index_contributions_chart_from(result, by_code, year, highlight)
                if highlight and mine and mine.value is not None
                else None
            ),
        }
    )
    return render(request, "indicators/index.html", context)


def _parts(result: IndexResult, chosen: list[Indicator], code: str) -> list[PartRow]:
    """The highlighted municipality's value, signed z-score and part of the index for each key figure."""
    found = result.areas.get(code)
    used = {component.code for component in result.components}
    return [
        PartRow(
            indicator,
            found.values.get(indicator.code) if found else None,
            found.scores.get(indicator.code) if found else None,
            found.contributions.get(indicator.code) if found else None,
        )
        for indicator in chosen
        if indicator.code in used
    ]
