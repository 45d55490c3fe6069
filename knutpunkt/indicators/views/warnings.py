"""The early warnings of the newest forecast run: municipalities whose key figure is heading the wrong way clearly
faster than in their similar municipalities, most severe first, each with its explanation and a link to its chart.
Knutpunkt's own processing of Kolada's figures."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from knutpunkt.indicators import access, figures
from knutpunkt.indicators.forms import WarningFilterForm
from knutpunkt.indicators.models import EarlyWarning
from knutpunkt.indicators.views.common import find, reader
from knutpunkt.indicators.warnings import explain

PER_PAGE = 50


@require_GET
@login_required
@never_cache
def warnings_page(request: HttpRequest) -> HttpResponse:
    actor = reader(request)
    everyone = figures.municipalities()
    indicators = figures.indicators()
    home = find(everyone, access.home_municipality_code(actor))
    form = WarningFilterForm(request.GET or None, indicators=indicators, municipalities=everyone)
    run = figures.newest_run()
    context: dict[str, object] = {"form": form, "run": run, "home": home, "page": None}
    if run is None or (form.is_bound and not form.is_valid()):
        return render(request, "indicators/warnings.html", context)
    chosen = form.cleaned_data if form.is_bound else {"kommun": "", "nyckeltal": ""}
    warnings = (
        EarlyWarning.objects.filter(run=run)
        .select_related("indicator", "area", "group")
        .order_by("-severity", "area__name", "indicator__title")
    )
    if chosen["kommun"]:
        warnings = warnings.filter(area__code=chosen["kommun"])
    if chosen["nyckeltal"]:
        warnings = warnings.filter(indicator__code=chosen["nyckeltal"])
    page = Paginator(warnings, PER_PAGE).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    context.update(
        {
            "page": page,
            "items": [(warning, explain(warning)) for warning in page.object_list],
            "query": query.urlencode(),
            "chosen_area": find(everyone, chosen["kommun"]),
            "home_count": EarlyWarning.objects.filter(run=run, area=home).count() if home else 0,
        }
    )
    return render(request, "indicators/warnings.html", context)
