"""The map of Sweden by municipality for any key figure and year, with every municipality's value in a table (the
table is the map's accessible alternative)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from knutpunkt.indicators import access, charts, figures
from knutpunkt.indicators.forms import MapForm
from knutpunkt.indicators.views.common import find, reader

# Shown first: the share of residents who received economic assistance.
DEFAULT_INDICATOR = "n31807"


@require_GET
@login_required
@never_cache
def map_page(request: HttpRequest) -> HttpResponse:
    actor = reader(request)
    everyone = figures.municipalities()
    indicators = figures.indicators()
    home = access.home_municipality_code(actor)
    default = DEFAULT_INDICATOR if any(i.code == DEFAULT_INDICATOR for i in indicators) else None
    if default is None and indicators:
        default = indicators[0].code
    form = MapForm(
        request.GET or None,
        indicators=indicators,
        years=figures.years(),
        municipalities=everyone,
        initial={"nyckeltal": default, "kommun": home or ""},
    )
    context: dict[str, object] = {"form": form, "ranking": None}
    if form.is_bound and not form.is_valid():
        return render(request, "indicators/map.html", context)
    chosen: dict[str, Any] = form.cleaned_data if form.is_bound else {"nyckeltal": default, "ar": None, "kommun": home}
    indicator = next((i for i in indicators if i.code == chosen["nyckeltal"]), None)
    if indicator is None:
        return render(request, "indicators/map.html", context)
    asked = chosen["ar"]
    # A year without municipal values (or none asked) shows the newest year instead.
    ranking = figures.ranking(indicator, asked, all_municipalities=everyone)
    highlight = find(everyone, chosen["kommun"])
    context.update(
        {
            "indicator": indicator,
            "ranking": ranking,
            "asked_year": asked if asked is not None and asked != ranking.year else None,
            "highlight": highlight,
            "position": ranking.position(highlight.code) if highlight else None,
            "map_chart": charts.map_chart_from(ranking, highlight) if ranking.year else None,
            "decimals": ranking.decimals,
        }
    )
    return render(request, "indicators/map.html", context)
