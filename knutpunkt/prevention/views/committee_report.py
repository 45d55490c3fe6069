"""The report to the committee on an action plan: an HTML page to read and check it on screen, and the same content
as a tagged PDF to hand to the committee. Whoever may see the plan may see its report; everyone else gets 404.
Taking the PDF out of Knutpunkt is logged (prevention.report_downloaded)."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from knutpunkt.prevention import access, actions, committee_report
from knutpunkt.prevention.views.common import actor_of


@login_required
@never_cache
@require_GET
def report_page(request: HttpRequest, plan_uuid: UUID) -> HttpResponse:
    plan = access.get_plan(actor_of(request), plan_uuid)
    report = committee_report.build(plan, actor_of(request))
    return render(request, "prevention/committee_report/page.html", committee_report.context(report))


@login_required
@never_cache
@require_GET
def report_pdf(request: HttpRequest, plan_uuid: UUID) -> HttpResponse:
    actor = actor_of(request)
    plan = access.get_plan(actor, plan_uuid)
    assert actor is not None  # get_plan refuses anyone without a municipality
    report = committee_report.build(plan, actor)
    pdf = committee_report.render_pdf(report)
    actions.record_report_download(actor, plan)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{committee_report.filename(report)}"'
    return response
