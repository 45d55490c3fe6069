"""The person's own copy of the plan ("Din plan"): a page to print and a tagged PDF (PDF/UA-1) to hand over.

It is built from the latest established version's frozen content only, so it says exactly what was agreed and
nothing else: the person's name but never their identity number, and nothing of what others hold secret (the
consent's exclusions, reasons a unit declined). It is written to the person in plain Swedish, their own goals
first. The PDF is made the way the log extract's is (knutpunkt.audit.extract.render_pdf: A4, tagged, WeasyPrint).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from knutpunkt.audit.extract import render_pdf
from knutpunkt.organisations.access import Actor
from knutpunkt.plans import access
from knutpunkt.plans.models import Plan, PlanVersion
from knutpunkt.plans.views.content import readable

# The copy is written to the person in Swedish, whatever language the staff member works in.
COPY_LANGUAGE = "sv"


def _actor(request: HttpRequest) -> Actor | None:
    actor: Actor | None = getattr(request, "actor", None)
    return actor


def latest_version(plan: Plan) -> PlanVersion | None:
    return plan.versions.order_by("-number").first()


def copy_context(version: PlanVersion) -> dict[str, Any]:
    """What the copy shows, from the frozen version alone."""
    content = readable(version.content)
    # The snapshot names the person's own commitments in the language of whoever established the plan.
    yourself = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            yourself.add(_("Personen själv"))
    with translation.override(COPY_LANGUAGE):
        you = _("Du själv eller din familj")
    commitments = [{**c, "who": you if c.get("who") in yourself else c.get("who")} for c in content["commitments"]]
    return {
        "version": version,
        "content": {**content, "commitments": commitments},
        "name": content.get("person", ""),
        "established_on": timezone.localtime(version.established_at).date(),
    }


def render_document(version: PlanVersion) -> str:
    """The copy as a standalone HTML document in Swedish, the source of the PDF."""
    with translation.override(COPY_LANGUAGE):
        return render_to_string("plans/person_copy/document.html", copy_context(version))


@login_required
@never_cache
@require_GET
def person_copy(request: HttpRequest, plan_uuid: UUID) -> HttpResponse:
    actor = _actor(request)
    plan = access.get_plan(actor, plan_uuid, event="plan.person_copy")
    version = latest_version(plan)
    context: dict[str, Any] = {
        "plan": plan,
        "may_lead": access.may_lead(actor, plan),
        "language": COPY_LANGUAGE,
        **(copy_context(version) if version is not None else {"version": None}),
    }
    return render(request, "plans/person_copy/page.html", context)


@login_required
@never_cache
@require_GET
def person_copy_pdf(request: HttpRequest, plan_uuid: UUID) -> HttpResponse:
    plan = access.get_plan(_actor(request), plan_uuid, event="plan.person_copy")
    version = latest_version(plan)
    if version is None:
        raise Http404
    response = HttpResponse(render_pdf(render_document(version)), content_type="application/pdf")
    # No name in the file name: it shows up in download lists and shared folders.
    response["Content-Disposition"] = f'attachment; filename="din-plan-{timezone.localdate():%Y-%m-%d}.pdf"'
    return response
