"""Work lists: "Mitt arbete" (one's own items) and "Vår enhet" (the whole unit, for unit managers), and the dismissal
of a reminder. The queries live in knutpunkt/plans/worklists.py; they log every person they show."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from knutpunkt.organisations.access import Actor
from knutpunkt.plans import access, actions
from knutpunkt.plans.forms.worklists import DismissReminderForm, WorkListForm
from knutpunkt.plans.worklists import HORIZON_DAYS, LIMIT, Scope, may_list, work_list


def _actor(request: HttpRequest, scope: Scope) -> Actor:
    actor: Actor | None = getattr(request, "actor", None)
    if actor is None or not may_list(actor, scope):
        raise Http404
    return actor


def _work_page(request: HttpRequest, scope: Scope) -> HttpResponse:
    actor = _actor(request, scope)
    form = WorkListForm(request.GET)
    if not form.is_valid():
        raise Http404
    work = work_list(actor, scope, kind=form.kind, page=form.page, list_name=scope.value)
    url_name = "plans:my_work" if scope is Scope.MINE else "plans:unit_work"
    return render(
        request,
        "plans/worklists/work.html",
        {
            "work": work,
            "scope": scope.value,
            "url_name": url_name,
            "limit": LIMIT,
            "horizon": HORIZON_DAYS,
            "back": url_name.split(":")[1],
        },
    )


@require_GET
@login_required
@never_cache
def my_work(request: HttpRequest) -> HttpResponse:
    return _work_page(request, Scope.MINE)


@require_GET
@login_required
@never_cache
def unit_work(request: HttpRequest) -> HttpResponse:
    return _work_page(request, Scope.UNIT)


@require_POST
@login_required
@never_cache
def reminder_dismiss(request: HttpRequest, reminder_uuid: UUID) -> HttpResponse:
    actor = _actor(request, Scope.MINE)
    reminder = access.get_reminder(actor, reminder_uuid)
    form = DismissReminderForm(request.POST)
    back = form.cleaned_data.get("tillbaka") if form.is_valid() else ""
    actions.dismiss_reminder(actor, reminder)
    if request.headers.get("HX-Request") == "true":
        return render(request, "plans/worklists/_reminder_dismissed.html", {"reminder": reminder})
    messages.success(request, _("Påminnelsen är avfärdad."))
    return redirect("plans:unit_work" if back == "unit_work" and actor.is_unit_manager else "plans:my_work")
