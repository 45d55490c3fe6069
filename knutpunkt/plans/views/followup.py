"""Follow-up and closure: the two steps that audits find are rarely done or recorded.

A follow-up is its own recorded event, held against the version in force and marked on time or late (held after the
date set); the list of follow-ups on the plan shows both. Only the plan's lead records a follow-up and closes the
plan; everyone on the plan sees the follow-ups.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from knutpunkt.organisations.access import Actor
from knutpunkt.plans import access, actions
from knutpunkt.plans.forms.followup import CloseForm, FollowUpForm
from knutpunkt.plans.models import CommitmentStatus, FollowUp

GET_POST = ["GET", "POST"]


def _actor(request: HttpRequest) -> Actor | None:
    actor: Actor | None = getattr(request, "actor", None)
    return actor


def _posted(request: HttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


def days_late(followup: FollowUp) -> int:
    """How many days after the date set the follow-up was held; 0 when on time."""
    return max(0, (followup.held_on - followup.due_on).days)


@login_required
@never_cache
@require_http_methods(GET_POST)
def followup(request: HttpRequest, plan_uuid: UUID) -> HttpResponse:
    actor = _actor(request)
    plan = access.get_plan(actor, plan_uuid)
    may_record = access.may_lead(actor, plan) and plan.established_version > 0
    if request.method == "POST" and not may_record:
        raise Http404
    assert actor is not None
    form = FollowUpForm(_posted(request), plan=plan) if may_record else None
    if form is not None and form.is_bound and form.is_valid():
        try:
            recorded = actions.record_followup(actor, plan, form.details())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            timing = (
                _("i tid")
                if recorded.on_time
                else _("%(days)s dagar efter det planerade datumet") % {"days": days_late(recorded)}
            )
            if recorded.plan_changes:
                messages.success(
                    request,
                    _(
                        "Uppföljningen är registrerad (%(timing)s). Planen har gått tillbaka till planering: ändra "
                        "innehållet och fastställ en ny version."
                    )
                    % {"timing": timing},
                )
                return redirect("plans:content", plan_uuid=plan.uuid)
            assert recorded.next_followup_on is not None
            messages.success(
                request,
                _("Uppföljningen är registrerad (%(timing)s). Nästa uppföljning är %(date)s.")
                % {"timing": timing, "date": formats.date_format(recorded.next_followup_on, "j F Y")},
            )
            return redirect("plans:followup", plan_uuid=plan.uuid)
    today = timezone.localdate()
    followups = [
        (f, days_late(f)) for f in plan.followups.select_related("version", "recorded_by").order_by("-held_on", "-id")
    ]
    commitments = list(plan.commitments.filter(removed=False).select_related("unit__organisation"))
    context: dict[str, Any] = {
        "plan": plan,
        "form": form,
        "may_lead": access.may_lead(actor, plan),
        "followups": followups,
        "commitments": commitments,
        "open_commitments": [
            c for c in commitments if c.status in {CommitmentStatus.PLANNED, CommitmentStatus.IN_PROGRESS}
        ],
        "followup_overdue": plan.next_followup_on is not None and plan.next_followup_on < today and not plan.is_closed,
        "today": today,
    }
    return render(request, "plans/followup/followup.html", context)


@login_required
@never_cache
@require_http_methods(GET_POST)
def close(request: HttpRequest, plan_uuid: UUID) -> HttpResponse:
    """A confirmation page: why the plan ends, then closure. Only the plan's lead closes it."""
    actor = _actor(request)
    plan = access.get_plan(actor, plan_uuid)
    if actor is None or not access.may_lead(actor, plan):
        raise Http404
    form = CloseForm(_posted(request))
    if form.is_bound and form.is_valid():
        try:
            actions.close_plan(actor, plan, form.cleaned_data["reason"], form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Planen är avslutad."))
            return redirect("plans:detail", plan_uuid=plan.uuid)
    open_commitments = plan.commitments.filter(
        removed=False, status__in=[CommitmentStatus.PLANNED, CommitmentStatus.IN_PROGRESS]
    ).count()
    return render(
        request,
        "plans/followup/close.html",
        {"plan": plan, "form": form, "may_lead": True, "open_commitments": open_commitments},
    )
