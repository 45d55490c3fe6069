"""Following up a decided plan, as a whole or one measure at a time. The page shows the linked key figures as they
stand now (baseline → newest published value → target, and which way they went); recording the follow-up freezes
them into it, so later readers see what the follow-up saw."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from knutpunkt.prevention import access, actions, figures
from knutpunkt.prevention.contents import followup_links
from knutpunkt.prevention.forms.plans import FollowUpForm
from knutpunkt.prevention.models import ActionPlan, Measure
from knutpunkt.prevention.views.common import GET_POST, actor_of, posted


def _followup(request: HttpRequest, plan: ActionPlan, measure: Measure | None) -> HttpResponse:
    actor = actor_of(request)
    assert actor is not None
    if plan.decided_version == 0:
        raise Http404
    form = FollowUpForm(posted(request), for_plan=measure is None)
    if form.is_bound and form.is_valid():
        try:
            actions.record_followup(
                actor,
                plan,
                measure=measure,
                held_on=form.cleaned_data["held_on"],
                text=form.cleaned_data["text"],
                next_followup_on=form.cleaned_data.get("next_followup_on"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Uppföljningen är registrerad, med nyckeltalen som de ser ut i dag."))
            url = reverse("prevention:plan", kwargs={"plan_uuid": plan.uuid})
            return redirect(f"{url}#followups")
    link_list = list(followup_links(plan, measure).order_by("measure__position", "measure_id", "id"))
    area = figures.municipality_area(plan.municipality)
    rows = list(zip(link_list, figures.progress(link_list, area), strict=True))
    return render(
        request,
        "prevention/followup_form.html",
        {"plan": plan, "measure": measure, "form": form, "rows": rows},
    )


@login_required
@never_cache
@require_http_methods(GET_POST)
def plan_followup(request: HttpRequest, plan_uuid: UUID) -> HttpResponse:
    plan = access.get_editable_plan(actor_of(request), plan_uuid)
    return _followup(request, plan, None)


@login_required
@never_cache
@require_http_methods(GET_POST)
def measure_followup(request: HttpRequest, plan_uuid: UUID, measure_uuid: UUID) -> HttpResponse:
    plan = access.get_editable_plan(actor_of(request), plan_uuid)
    return _followup(request, plan, access.get_measure(plan, measure_uuid))
