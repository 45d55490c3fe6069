"""The action plan: creating and changing it, the plan page (goals, measures with their key figures from baseline
through the newest value to the target, follow-ups, versions), the committee's decision, and the decided versions
with their comparison."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from knutpunkt.core.forms import VersionCompareForm
from knutpunkt.organisations.access import Actor
from knutpunkt.prevention import access, actions, due, figures
from knutpunkt.prevention.contents import (
    active_goals,
    active_measures,
    budget_total,
    changed_since_decision,
    compare,
    lacks_finished_report,
    latest_version,
    missing_for_decision,
    needs_link,
    snapshot,
)
from knutpunkt.prevention.forms.plans import DecideForm, PlanForm
from knutpunkt.prevention.models import (
    ActionPlan,
    CostModel,
    EvidenceLevel,
    FollowUp,
    Measure,
    MeasureStatus,
    PlanKind,
    PlanStatus,
    ResponsibleKind,
)
from knutpunkt.prevention.views.common import GET_POST, actor_of, after_conflict, posted


def _reports(actor: Actor | None) -> list[Any]:
    return list(access.visible_reports(actor).order_by("-period_to", "-id"))


@login_required
@never_cache
@require_http_methods(GET_POST)
def plan_create(request: HttpRequest) -> HttpResponse:
    actor = access.require_editor(actor_of(request))
    form = PlanForm(posted(request), reports=_reports(actor))
    if form.is_bound and form.is_valid():
        try:
            plan = actions.create_plan(actor, form.details())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Planen är skapad. Lägg till mål och åtgärder."))
            return redirect("prevention:plan", plan_uuid=plan.uuid)
    return render(request, "prevention/plan_form.html", {"form": form, "plan": None})


@login_required
@never_cache
@require_http_methods(GET_POST)
def plan_edit(request: HttpRequest, plan_uuid: UUID) -> HttpResponse:
    actor = actor_of(request)
    plan = access.get_editable_plan(actor, plan_uuid)
    assert actor is not None
    reports = _reports(actor)
    form = PlanForm(posted(request), reports=reports, plan=plan)
    differences: list[tuple[str, str, str]] = []
    if form.is_bound and form.is_valid():
        try:
            actions.update_plan(actor, plan, form.cleaned_data["lock_version"], form.details())
        except actions.EditConflict as conflict:
            plan = conflict.current
            differences = form.differences(PlanForm(reports=reports, plan=plan))
            form = after_conflict(request, PlanForm, plan.lock_version, reports=reports, plan=plan)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Planen är sparad."))
            return redirect("prevention:plan", plan_uuid=plan.uuid)
    return render(request, "prevention/plan_form.html", {"form": form, "plan": plan, "differences": differences})


# --- The plan page ------------------------------------------------------------------------------------------------


def measure_rows(plan: ActionPlan, measures: list[Measure], today: dt.date) -> list[dict[str, Any]]:
    """Each measure with its key figures (baseline → newest → target, and the heading), its last follow-up, and
    whether it has gone a year without one."""
    area = figures.municipality_area(plan.municipality)
    last = dict(
        FollowUp.objects.filter(measure__in=measures)
        .values("measure")
        .annotate(last=Max("held_on"))
        .values_list("measure", "last")
    )
    with_costs = set(CostModel.objects.filter(measure__in=measures).values_list("measure_id", flat=True))
    progress = figures.progress_by_measure(measures, area)
    decided = plan.status == PlanStatus.DECIDED  # only a plan in force is followed up
    return [
        {
            "measure": measure,
            "progress": progress[measure.pk],
            "unlinked": needs_link(measure),
            "last_followup": last.get(measure.pk),
            "unfollowed": decided and due.is_unfollowed(measure, last.get(measure.pk), plan.decided_on, today),
            "has_costs": measure.pk in with_costs,
        }
        for measure in measures
    ]


def _timeline(plan: ActionPlan) -> list[dict[str, Any]]:
    entries = []
    for followup in plan.followups.select_related("measure", "recorded_by").order_by("-held_on", "-id"):
        entries.append(
            {
                "followup": followup,
                "readings": [
                    {**r, "heading_label": figures.heading_label(r.get("heading", ""))} for r in followup.readings
                ],
                "summary": figures.heading_counts(r.get("heading", "") for r in followup.readings),
                "status_label": followup.status_then_label,
            }
        )
    return entries


@login_required
@never_cache
@require_GET
def plan_detail(request: HttpRequest, plan_uuid: UUID) -> HttpResponse:
    actor = actor_of(request)
    plan = access.get_plan(actor, plan_uuid)
    today = timezone.localdate()
    may_edit = access.may_edit_plan(actor, plan)
    measures = active_measures(plan)
    goals = active_goals(plan)
    versions = list(plan.versions.select_related("registered_by").order_by("-number"))
    compare_form = None
    if len(versions) > 1:
        compare_form = VersionCompareForm(
            versions=versions, initial={"a": str(versions[1].uuid), "b": str(versions[0].uuid)}
        )
    missing = missing_for_decision(plan, measures=measures, goals=goals) if may_edit else []
    changed = bool(versions) and changed_since_decision(plan, latest=versions[0], measures=measures, goals=goals)
    context = {
        "plan": plan,
        "may_edit": may_edit,
        "goals": goals,
        "rows": measure_rows(plan, measures, today),
        "budget_total": budget_total(measures),
        "timeline": _timeline(plan),
        "versions": versions,
        "compare_form": compare_form,
        "missing": missing,
        # A decided plan that has not changed needs no new decision: the form comes back with the first change.
        "decide_form": DecideForm(plan=plan)
        if may_edit and not missing and (plan.decided_version == 0 or changed)
        else None,
        "changed_since_decision": changed,
        "followup_overdue": due.followup_overdue(plan, today),
        "report_missing": lacks_finished_report(plan),
        "today": today,
    }
    return render(request, "prevention/plan_detail.html", context)


# --- The decision -------------------------------------------------------------------------------------------------


@login_required
@never_cache
@require_http_methods(GET_POST)
def decide(request: HttpRequest, plan_uuid: UUID) -> HttpResponse:
    """The committee's decision: what the plan lacks first, then the committee and date. Deciding freezes the plan
    as a new version."""
    actor = actor_of(request)
    plan = access.get_editable_plan(actor, plan_uuid)
    assert actor is not None
    form = DecideForm(posted(request), plan=plan)
    if form.is_bound and form.is_valid():
        try:
            version = actions.decide_plan(actor, plan, form.cleaned_data["lock_version"], form.decision())
        except actions.EditConflict as conflict:
            plan = conflict.current
            form = after_conflict(request, DecideForm, plan.lock_version, plan=plan)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Beslutet är registrerat. Planen är sparad som version %(number)s.") % {"number": version.number},
            )
            return redirect("prevention:plan", plan_uuid=plan.uuid)
    measures, goals = active_measures(plan), active_goals(plan)
    latest = latest_version(plan)
    return render(
        request,
        "prevention/decide.html",
        {
            "plan": plan,
            "form": form,
            "missing": missing_for_decision(plan, measures=measures, goals=goals),
            "changes": compare(latest.content, snapshot(plan, measures=measures, goals=goals)) if latest else None,
        },
    )


# --- Versions -----------------------------------------------------------------------------------------------------


def readable(content: dict[str, Any]) -> dict[str, Any]:
    """A frozen version for templates: dates as dates, choices in words."""

    def day(value: str | None) -> dt.date | None:
        return dt.date.fromisoformat(value) if value else None

    statuses = dict(MeasureStatus.choices)
    evidence = dict(EvidenceLevel.choices)
    responsible = dict(ResponsibleKind.choices)
    return {
        **content,
        "kind_label": dict(PlanKind.choices).get(content.get("kind", ""), ""),
        "period_from": day(content.get("period_from")),
        "period_to": day(content.get("period_to")),
        "measures": [
            {
                **m,
                "starts_on": day(m.get("starts_on")),
                "ends_on": day(m.get("ends_on")),
                "status_label": statuses.get(m.get("status", ""), m.get("status", "")),
                "evidence_label": evidence.get(m.get("evidence_level", ""), ""),
                "responsible_kind_label": responsible.get(m.get("responsible_kind", ""), ""),
            }
            for m in content.get("measures", [])
        ],
    }


@login_required
@never_cache
@require_GET
def version_detail(request: HttpRequest, plan_uuid: UUID, version_uuid: UUID) -> HttpResponse:
    plan = access.get_plan(actor_of(request), plan_uuid)
    version = access.get_version(plan, version_uuid)
    return render(
        request,
        "prevention/version_detail.html",
        {"plan": plan, "version": version, "content": readable(version.content)},
    )


@login_required
@never_cache
@require_GET
def version_compare(request: HttpRequest, plan_uuid: UUID) -> HttpResponse:
    """What changed between two decided versions, section by section (?a=…&b=…, in either order)."""
    plan = access.get_plan(actor_of(request), plan_uuid)
    listed = list(plan.versions.order_by("-number"))
    form = VersionCompareForm(request.GET if request.GET else None, versions=listed)
    older = newer = None
    changes = None
    if form.is_bound and form.is_valid():
        older, newer = form.pair()
        changes = compare(older.content, newer.content)
    return render(
        request,
        "prevention/version_compare.html",
        {"plan": plan, "form": form, "older": older, "newer": newer, "changes": changes},
    )
