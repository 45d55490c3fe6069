"""The import page: analysts and administrators upload files downloaded from Kolada's API v2 and see past imports.
Everyone else gets 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from knutpunkt.indicators import access, imports
from knutpunkt.indicators.forms import KoladaUploadForm
from knutpunkt.indicators.models import ImportRun
from knutpunkt.indicators.tasks import enqueue_refresh_forecasts
from knutpunkt.organisations.access import Actor

RUNS_SHOWN = 25


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def imports_page(request: HttpRequest) -> HttpResponse:
    actor: Actor | None = getattr(request, "actor", None)
    if not access.may_import(actor):
        raise Http404
    form = KoladaUploadForm(request.POST, request.FILES) if request.method == "POST" else KoladaUploadForm()
    if form.is_bound and form.is_valid():
        try:
            summary = imports.import_kolada_files(form.kolada_files(), actor=actor)
        except imports.ImportProblem as problem:
            form.add_error("uploads", str(problem))
        else:
            messages.success(request, summary.message())
            # New figures make the forecasts and warnings stale: the background worker makes them again.
            if enqueue_refresh_forecasts():
                messages.info(request, _("Prognoser och tidiga varningar räknas om i bakgrunden."))
            return redirect("indicators:imports")
    runs = ImportRun.objects.select_related("imported_by")[:RUNS_SHOWN]
    return render(request, "indicators/imports.html", {"form": form, "runs": runs})
