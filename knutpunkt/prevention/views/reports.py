"""The crime-prevention situation report (lägesbild, Lag 2023:196): the mapping drawn from the municipality's
published crime and safety figures, other relevant information and the analysis; marking it done (which freezes
the values and sets the next update date); and the action plan built on it."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from knutpunkt.core.forms import choice_field
from knutpunkt.prevention import access, actions, due
from knutpunkt.prevention.forms.reports import PlanFromReportForm, ReportDoneForm, ReportForm
from knutpunkt.prevention.views.common import GET_POST, actor_of, after_conflict, posted


def mapping_rows(report: Any) -> list[dict[str, Any]]:
    """The mapping for the template, with the change since the first year shown."""
    rows = []
    for row in report.mapping:
        change = None
        if row.get("first_value") is not None and row.get("newest_value") is not None:
            change = row["newest_value"] - row["first_value"]
        rows.append({**row, "change": change})
    return rows


@login_required
@never_cache
@require_http_methods(GET_POST)
def report_create(request: HttpRequest) -> HttpResponse:
    actor = access.require_editor(actor_of(request))
    form = ReportForm(posted(request))
    if form.is_bound and form.is_valid():
        try:
            report = actions.create_report(actor, form.details())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Lägesbilden är sparad som utkast."))
            return redirect("prevention:report", report_uuid=report.uuid)
    return render(
        request,
        "prevention/report_form.html",
        {"form": form, "report": None, "no_indicators": not choice_field(form.fields["indicators"]).choices},
    )


@login_required
@never_cache
@require_GET
def report_detail(request: HttpRequest, report_uuid: UUID) -> HttpResponse:
    actor = actor_of(request)
    report = access.get_report(actor, report_uuid)
    may_edit = access.may_edit_report(actor, report)
    return render(
        request,
        "prevention/report_detail.html",
        {
            "report": report,
            "rows": mapping_rows(report),
            "may_edit": may_edit,
            "may_plan": access.may_edit_prevention(actor) and report.is_done,
            "done_form": ReportDoneForm(report=report) if may_edit else None,
            "update_overdue": due.update_overdue(report, timezone.localdate()),
            "plans": access.visible_plans(actor).filter(situation_report=report).order_by("-period_from"),
        },
    )


@login_required
@never_cache
@require_http_methods(GET_POST)
def report_edit(request: HttpRequest, report_uuid: UUID) -> HttpResponse:
    actor = actor_of(request)
    report = access.get_editable_report(actor, report_uuid)
    assert actor is not None
    form = ReportForm(posted(request), report=report)
    differences: list[tuple[str, str, str]] = []
    if form.is_bound and form.is_valid():
        try:
            actions.update_report(actor, report, form.cleaned_data["lock_version"], form.details())
        except actions.EditConflict as conflict:
            report = conflict.current
            differences = form.differences(ReportForm(report=report))
            form = after_conflict(request, ReportForm, report.lock_version, report=report)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Lägesbilden är sparad. Värdena är hämtade på nytt."))
            return redirect("prevention:report", report_uuid=report.uuid)
    return render(
        request,
        "prevention/report_form.html",
        {"form": form, "report": report, "differences": differences, "no_indicators": False},
    )


@login_required
@never_cache
@require_http_methods(GET_POST)
def report_done(request: HttpRequest, report_uuid: UUID) -> HttpResponse:
    actor = actor_of(request)
    report = access.get_editable_report(actor, report_uuid)
    assert actor is not None
    form = ReportDoneForm(posted(request), report=report)
    if form.is_bound and form.is_valid():
        try:
            actions.finish_report(
                actor,
                report,
                form.cleaned_data["lock_version"],
                done_on=form.cleaned_data["done_on"],
                next_update_due=form.cleaned_data["next_update_due"],
            )
        except actions.EditConflict as conflict:
            report = conflict.current
            form = after_conflict(request, ReportDoneForm, report.lock_version, report=report)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Lägesbilden är klar. Värdena i kartläggningen är nu frysta."))
            return redirect("prevention:report", report_uuid=report.uuid)
    return render(request, "prevention/report_done.html", {"form": form, "report": report})


@login_required
@never_cache
@require_http_methods(GET_POST)
def plan_from_report(request: HttpRequest, report_uuid: UUID) -> HttpResponse:
    """Skapa åtgärdsplan från lägesbilden: a crime-prevention plan whose measures are linked to the report's figures."""
    actor = actor_of(request)
    report = access.get_report(actor, report_uuid)
    if not access.may_edit_prevention(actor) or not report.is_done:
        raise Http404
    assert actor is not None
    form = PlanFromReportForm(posted(request), report=report)
    if form.is_bound and form.is_valid():
        try:
            plan = actions.create_plan_from_report(
                actor,
                report,
                title=form.cleaned_data["title"],
                period_from=form.cleaned_data["period_from"],
                period_to=form.cleaned_data["period_to"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Åtgärdsplanen är skapad. Lägg till mål och åtgärder; lägesbildens nyckeltal föreslås först när "
                    "du kopplar en åtgärd till det den ska påverka."
                ),
            )
            return redirect("prevention:plan", plan_uuid=plan.uuid)
    return render(request, "prevention/plan_from_report.html", {"form": form, "report": report})
