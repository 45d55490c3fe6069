"""The plan's contents: goals, measures and the key figures each measure should move. Every save carries the plan's
lock version: a save based on an older one is refused, and the user sees their input next to what is saved now.

A new measure leads straight on to linking it to a key figure: a measure cannot be under way without one, and the
plan cannot be decided while one lacks it (actions.py)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from knutpunkt.indicators.models import Indicator
from knutpunkt.organisations.access import Actor
from knutpunkt.prevention import access, actions, figures
from knutpunkt.prevention.forms.plans import (
    GoalForm,
    IndicatorPickForm,
    LinkForm,
    MeasureForm,
    RemoveForm,
    indicator_choices,
)
from knutpunkt.prevention.models import ActionPlan, Goal, Measure, MeasureIndicator
from knutpunkt.prevention.views.common import GET_POST, actor_of, after_conflict, posted


def _plan_url(plan: ActionPlan, anchor: str = "") -> str:
    url = reverse("prevention:plan", kwargs={"plan_uuid": plan.uuid})
    return f"{url}#{anchor}" if anchor else url


def _editable(request: HttpRequest, plan_uuid: UUID) -> tuple[Actor, ActionPlan]:
    actor = actor_of(request)
    plan = access.get_editable_plan(actor, plan_uuid)
    assert actor is not None
    return actor, plan


def _edit_page(request: HttpRequest, plan: ActionPlan, form: Any, **context: Any) -> HttpResponse:
    return render(request, "prevention/edit_form.html", {"plan": plan, "form": form, **context})


# --- Goals --------------------------------------------------------------------------------------------------------


def _goal(request: HttpRequest, plan_uuid: UUID, goal_uuid: UUID | None) -> HttpResponse:
    actor, plan = _editable(request, plan_uuid)
    goal = access.get_goal(plan, goal_uuid) if goal_uuid is not None else None
    form = GoalForm(posted(request), plan=plan, goal=goal)
    differences: list[tuple[str, str, str]] = []
    if form.is_bound and form.is_valid():
        try:
            actions.save_goal(
                actor,
                plan,
                form.cleaned_data["lock_version"],
                text=form.cleaned_data["text"],
                measurable=form.cleaned_data["measurable"],
                goal=goal,
            )
        except actions.EditConflict as conflict:
            plan = conflict.current
            if goal is not None:
                goal = Goal.objects.get(pk=goal.pk)
                differences = form.differences(GoalForm(plan=plan, goal=goal))
            form = after_conflict(request, GoalForm, plan.lock_version, plan=plan, goal=goal)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Målet är sparat."))
            return redirect(_plan_url(plan, "goals"))
    title = _("Nytt mål") if goal is None else _("Ändra mål")
    return _edit_page(
        request, plan, form, title=title, differences=differences, cancel=_plan_url(plan, "goals"), submit=_("Spara")
    )


@login_required
@never_cache
@require_http_methods(GET_POST)
def goal_add(request: HttpRequest, plan_uuid: UUID) -> HttpResponse:
    return _goal(request, plan_uuid, None)


@login_required
@never_cache
@require_http_methods(GET_POST)
def goal_edit(request: HttpRequest, plan_uuid: UUID, goal_uuid: UUID) -> HttpResponse:
    return _goal(request, plan_uuid, goal_uuid)


# --- Measures -----------------------------------------------------------------------------------------------------


def _measure_form(data: Any, plan: ActionPlan, measure: Measure | None) -> MeasureForm:
    areas = list(figures.area_choices(plan.municipality))
    return MeasureForm(data, plan=plan, measure=measure, areas=areas)


def _measure(request: HttpRequest, plan_uuid: UUID, measure_uuid: UUID | None) -> HttpResponse:
    actor, plan = _editable(request, plan_uuid)
    measure = access.get_measure(plan, measure_uuid) if measure_uuid is not None else None
    form = _measure_form(posted(request), plan, measure)
    differences: list[tuple[str, str, str]] = []
    if form.is_bound and form.is_valid():
        try:
            saved = actions.save_measure(actor, plan, form.cleaned_data["lock_version"], form.values(), measure)
        except actions.EditConflict as conflict:
            plan = conflict.current
            measure = access.get_measure(plan, measure.uuid) if measure is not None else None
            saved_form = _measure_form(None, plan, measure)
            differences = form.differences(saved_form) if measure is not None else []
            form = after_conflict(
                request,
                MeasureForm,
                plan.lock_version,
                plan=plan,
                measure=measure,
                areas=list(saved_form.areas.values()),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if measure is None:
                messages.success(
                    request,
                    _(
                        "Åtgärden är tillagd. Koppla den nu till det nyckeltal den ska påverka, "
                        "med utgångsvärde och mål."
                    ),
                )
                return redirect("prevention:link_add", plan_uuid=plan.uuid, measure_uuid=saved.uuid)
            messages.success(request, _("Åtgärden är sparad."))
            return redirect(_plan_url(plan, f"measure-{saved.uuid}"))
    title = _("Ny åtgärd") if measure is None else _("Ändra åtgärd")
    return _edit_page(
        request,
        plan,
        form,
        title=title,
        differences=differences,
        cancel=_plan_url(plan, "measures"),
        submit=_("Spara"),
        measure=measure,
    )


@login_required
@never_cache
@require_http_methods(GET_POST)
def measure_add(request: HttpRequest, plan_uuid: UUID) -> HttpResponse:
    return _measure(request, plan_uuid, None)


@login_required
@never_cache
@require_http_methods(GET_POST)
def measure_edit(request: HttpRequest, plan_uuid: UUID, measure_uuid: UUID) -> HttpResponse:
    return _measure(request, plan_uuid, measure_uuid)


# --- Removing a goal, a measure or a key-figure link --------------------------------------------------------------


def _remove(request: HttpRequest, plan: ActionPlan, what: str, label: str, remove: Any, back: str) -> HttpResponse:
    form = RemoveForm(posted(request), lock_version=plan.lock_version)
    if form.is_bound and form.is_valid():
        try:
            remove(form.cleaned_data["lock_version"])
        except actions.EditConflict as conflict:
            plan = conflict.current
            form = after_conflict(request, RemoveForm, plan.lock_version, lock_version=plan.lock_version)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(what)s är borttaget.") % {"what": what})
            return redirect(back)
    return render(
        request,
        "prevention/remove.html",
        {"plan": plan, "form": form, "what": what, "label": label, "cancel": back},
    )


@login_required
@never_cache
@require_http_methods(GET_POST)
def goal_remove(request: HttpRequest, plan_uuid: UUID, goal_uuid: UUID) -> HttpResponse:
    actor, plan = _editable(request, plan_uuid)
    goal = access.get_goal(plan, goal_uuid)
    return _remove(
        request,
        plan,
        _("Målet"),
        goal.text,
        lambda lock: actions.remove_goal(actor, plan, lock, goal),
        _plan_url(plan, "goals"),
    )


@login_required
@never_cache
@require_http_methods(GET_POST)
def measure_remove(request: HttpRequest, plan_uuid: UUID, measure_uuid: UUID) -> HttpResponse:
    actor, plan = _editable(request, plan_uuid)
    measure = access.get_measure(plan, measure_uuid)
    return _remove(
        request,
        plan,
        _("Åtgärden"),
        measure.title,
        lambda lock: actions.remove_measure(actor, plan, lock, measure),
        _plan_url(plan, "measures"),
    )


@login_required
@never_cache
@require_http_methods(GET_POST)
def link_remove(request: HttpRequest, plan_uuid: UUID, measure_uuid: UUID, link_uuid: UUID) -> HttpResponse:
    actor, plan = _editable(request, plan_uuid)
    measure = access.get_measure(plan, measure_uuid)
    link = access.get_link(measure, link_uuid)
    return _remove(
        request,
        plan,
        _("Kopplingen"),
        f"{measure.title}: {link.indicator.title}",
        lambda lock: actions.unlink_indicator(actor, measure, lock, link),
        _plan_url(plan, f"measure-{measure.uuid}"),
    )


# --- Linking a measure to a key figure ----------------------------------------------------------------------------


def _indicators(plan: ActionPlan) -> tuple[list[Any], dict[str, Indicator]]:
    """The choices: the situation report's key figures first, when the plan rests on one."""
    everything = {i.code: i for i in Indicator.objects.order_by("title")}
    candidate_codes = plan.situation_report.indicator_codes() if plan.situation_report else []
    candidates = [everything[code] for code in candidate_codes if code in everything]
    others = [i for code, i in everything.items() if code not in candidate_codes]
    return indicator_choices(candidates, others), everything


def _link(request: HttpRequest, plan_uuid: UUID, measure_uuid: UUID, link_uuid: UUID | None) -> HttpResponse:
    actor, plan = _editable(request, plan_uuid)
    measure = access.get_measure(plan, measure_uuid)
    link: MeasureIndicator | None = access.get_link(measure, link_uuid) if link_uuid is not None else None
    choices, indicators = _indicators(plan)
    area = figures.municipality_area(plan.municipality)
    kwargs: dict[str, Any] = {"plan": plan, "choices": choices, "indicators": indicators, "area": area, "link": link}
    picked: Indicator | None = None
    latest: figures.Reading | None = None
    pick = IndicatorPickForm(request.GET if "nyckeltal" in request.GET else None, choices=choices)
    if link is None and request.method == "GET" and pick.is_bound and pick.is_valid():
        picked = indicators.get(pick.cleaned_data["nyckeltal"])
        if picked is not None:
            latest = figures.newest(picked, area)
            initial: dict[str, Any] = {"indicator": picked.code}
            if latest is not None:
                initial.update({"baseline_year": latest.year, "baseline_value": latest.value})
            kwargs["initial"] = initial
    form = LinkForm(posted(request), **kwargs)
    differences: list[tuple[str, str, str]] = []
    if form.is_bound and form.is_valid():
        try:
            actions.link_indicator(actor, measure, form.cleaned_data["lock_version"], form.details(), link)
        except actions.EditConflict as conflict:
            plan = conflict.current
            measure = access.get_measure(plan, measure.uuid)
            if link is not None:
                link = MeasureIndicator.objects.select_related("indicator").get(pk=link.pk)
                differences = form.differences(LinkForm(**{**kwargs, "plan": plan, "link": link}))
            form = after_conflict(request, LinkForm, plan.lock_version, **{**kwargs, "plan": plan, "link": link})
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Åtgärden är kopplad till nyckeltalet."))
            return redirect(_plan_url(plan, f"measure-{measure.uuid}"))
    return render(
        request,
        "prevention/link_form.html",
        {
            "plan": plan,
            "measure": measure,
            "link": link,
            "form": form,
            "pick": pick if link is None else None,
            "picked": picked,
            "latest": latest,
            "differences": differences,
            "links": figures.progress(
                list(measure.indicator_links.filter(removed=False).select_related("indicator")), area
            ),
            "cancel": _plan_url(plan, f"measure-{measure.uuid}"),
        },
    )


@login_required
@never_cache
@require_http_methods(GET_POST)
def link_add(request: HttpRequest, plan_uuid: UUID, measure_uuid: UUID) -> HttpResponse:
    return _link(request, plan_uuid, measure_uuid, None)


@login_required
@never_cache
@require_http_methods(GET_POST)
def link_edit(request: HttpRequest, plan_uuid: UUID, measure_uuid: UUID, link_uuid: UUID) -> HttpResponse:
    return _link(request, plan_uuid, measure_uuid, link_uuid)
