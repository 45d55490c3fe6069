"""The municipality's prevention start page: what is due first, then its situation reports and action plans."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from knutpunkt.prevention import access, due
from knutpunkt.prevention.views.common import actor_of


@login_required
@never_cache
@require_GET
def start(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    municipality = access.home_municipality(actor)
    today = timezone.localdate()
    plans = access.visible_plans(actor)
    reports = access.visible_reports(actor)
    context = {
        "municipality": municipality,
        "may_edit": access.may_edit_prevention(actor),
        "plan_followups": due.plan_followups(plans, today),
        "report_update": due.report_update(reports, today),
        "unfollowed": due.unfollowed_measures(plans, today),
        "has_done_report": reports.filter(status="done").exists(),
        "plans": plans.annotate(measure_count=Count("measures", filter=Q(measures__removed=False))).order_by(
            "status", "-period_from", "-id"
        ),
        "reports": reports.order_by("-period_to", "-id"),
        "today": today,
    }
    return render(request, "prevention/start.html", context)
