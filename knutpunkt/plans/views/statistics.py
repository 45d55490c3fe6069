"""SIP statistics for unit managers and analysts: aggregates of their principal's plans, never a name. The numbers
come from knutpunkt/plans/statistics.py, the charts from knutpunkt/plans/charts.py."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from knutpunkt.organisations.access import Actor
from knutpunkt.plans import access, charts, statistics
from knutpunkt.plans.forms.statistics import Defaults, StatisticsForm


def _statistics(request: HttpRequest) -> tuple[StatisticsForm, statistics.Statistics | None]:
    """The form, and the numbers it asks for (None when what was sent is not valid). 404 for everyone but unit
    managers and analysts."""
    actor: Actor | None = getattr(request, "actor", None)
    organisations = access.statistics_organisations(actor)
    assert actor is not None and actor.organisation is not None
    form = StatisticsForm(
        request.GET or None,
        organisations=organisations,
        principal=actor.organisation.principal,
        defaults=Defaults.for_actor(actor),
        unit=actor.unit,
    )
    if form.is_bound and not form.is_valid():
        return form, None
    return form, statistics.compute(form.scope(), form.filters())


@require_GET
@login_required
@never_cache
def statistics_page(request: HttpRequest) -> HttpResponse:
    form, result = _statistics(request)
    return render(
        request,
        "plans/statistics/statistics.html",
        {
            "form": form,
            "result": result,
            "charts": charts.charts(result) if result else [],
            "columns": statistics.COLUMNS,
            "principal": form.principal,
            "scope_label": form.scope_label,
            "query": request.GET.urlencode(),
        },
    )


@require_GET
@login_required
@never_cache
def statistics_csv(request: HttpRequest) -> HttpResponse:
    """The same numbers as the page, per group and month and per group for the whole period, as a CSV file for
    Excel: semicolons, decimal commas and a byte-order mark so that Swedish letters survive."""
    _form, result = _statistics(request)
    if result is None:
        raise Http404
    filters = result.filters
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="sip-statistik-{filters.start:%Y%m%d}-{filters.end:%Y%m%d}.csv"'
    )
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";", lineterminator="\r\n")
    labels = [f"{label} (%)" if key.endswith("_share") else str(label) for key, label in statistics.COLUMNS]
    writer.writerow([result.grouping_label, _("Månad"), *labels])
    for row in [*result.by_group, *result.by_month]:
        cells = row.cells()
        writer.writerow([row.label, row.month_label, *[cells[key].csv for key, _label in statistics.COLUMNS]])
    return response
