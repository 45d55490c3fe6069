"""A municipality's key figures: the overview of all of them, and one key figure in detail (its history beside
Sweden and the comparison groups, the forecast, the ranking among all municipalities and any early warning)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from knutpunkt.indicators import access, charts, figures
from knutpunkt.indicators.forms import MunicipalityForm
from knutpunkt.indicators.models import EarlyWarning
from knutpunkt.indicators.views.common import find, reader
from knutpunkt.indicators.warnings import explain


@require_GET
@login_required
@never_cache
def overview(request: HttpRequest) -> HttpResponse:
    """Every key figure for one municipality: the actor's own by default, or the one chosen in the form."""
    actor = reader(request)
    everyone = figures.municipalities()
    home = access.home_municipality_code(actor)
    form = MunicipalityForm(request.GET or None, municipalities=everyone, initial=home)
    if form.is_bound:
        code = form.cleaned_data["kommun"] if form.is_valid() else None
    else:
        code = home
    area = find(everyone, code)
    return render(
        request,
        "indicators/overview.html",
        {
            "form": form,
            "area": area,
            "overview": figures.overview(area) if area else None,
            "is_home": area is not None and area.code == home,
        },
    )


@require_GET
@login_required
@never_cache
def detail(request: HttpRequest, municipality_code: str, indicator_code: str) -> HttpResponse:
    reader(request)
    area = figures.get_municipality(municipality_code)
    indicator = figures.get_indicator(indicator_code)
    history = figures.history(indicator, area)
    ranking = figures.ranking(indicator)
    warning = (
        EarlyWarning.objects.filter(run=history.run, indicator=indicator, area=area)
        .select_related("indicator", "group")
        .first()
        if history.run
        else None
    )
    return render(
        request,
        "indicators/detail.html",
        {
            "area": area,
            "indicator": indicator,
            "history": history,
            "history_chart": charts.history_chart_from(history),
            "ranking": ranking,
            "position": ranking.position(area.code),
            "ranking_chart": charts.ranking_chart_from(ranking, area),
            "warning": warning,
            "explanation": explain(warning) if warning else "",
            "decimals": history.decimals,
        },
    )
