"""The plan's contents: the editor, establishment as an immutable version, and the versions and their comparison.

The editor is one page in the order the plan is read: the person's own goals and words first, then needs,
interventions by responsibility, measurable goals, commitments, contact persons and, last, overall responsibility
and the follow-up date. Every form works without JavaScript; with htmx a row is edited in place and the section
comes back re-rendered. Every save carries the plan's lock version: a save based on an older one is refused and the
user sees their input next to what is saved now, with nothing lost (CONFLICT_MESSAGE).

An htmx save answers with an `planLockChanged` event ({from, to}); plans/content.js moves the page's other forms
that were at `from` on to `to`, so a user's own save never makes their other open forms look stale. Forms that
were older still are left alone, so a change by someone else is still caught.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect, reswap, retarget, trigger_client_event

from knutpunkt.core.forms import VersionCompareForm, conflict_form
from knutpunkt.organisations.access import Actor
from knutpunkt.plans import access, actions
from knutpunkt.plans.contents import checklist, compare, responsibility, snapshot
from knutpunkt.plans.forms.content import (
    ITEM_FORMS,
    CommitmentStatusForm,
    EstablishForm,
    ItemForm,
    KindForm,
    PersonTextForm,
    PlanEditForm,
    RemoveItemForm,
    ResponsibilityForm,
    SectionForm,
)
from knutpunkt.plans.models import Commitment, CommitmentStatus, Plan, PlanVersion

GET_POST = ["GET", "POST"]

F = TypeVar("F", bound=PlanEditForm)

CONFLICT_MESSAGE = gettext_lazy(
    "Någon annan har sparat planen medan du arbetade. Det du skrev är inte sparat, men finns kvar i formuläret. "
    "Jämför med det som är sparat nu och spara igen om ditt förslag ska gälla."
)

# Swedish words in URLs (?typ=behov) for the kinds of rows.
KIND_SLUGS = {"behov": "need", "insats": "intervention", "mal": "goal", "atagande": "commitment", "kontakt": "contact"}
SLUG_OF = {kind: slug for slug, kind in KIND_SLUGS.items()}
# Sections of the contents page an htmx request may ask for (?avsnitt=…), and their templates.
SECTIONS = {
    "personen": "person",
    **KIND_SLUGS,
    "ansvar": "responsibility",
}
# Columns of each section's table, the actions column included: an inline form spans them all.
COLUMNS = {"need": 2, "intervention": 4, "goal": 4, "commitment": 6, "contact": 5}
GROUP_TITLES = {
    "municipality": gettext_lazy("Kommunens ansvar"),
    "region": gettext_lazy("Regionens ansvar"),
    "other": gettext_lazy("Andra aktörers åtgärder"),
}
GROUP_EMPTY = {
    "municipality": gettext_lazy("Inga insatser som kommunen ansvarar för ännu."),
    "region": gettext_lazy("Inga insatser som regionen ansvarar för ännu."),
    "other": gettext_lazy("Inga åtgärder av andra aktörer."),
}


def _actor(request: HttpRequest) -> Actor | None:
    actor: Actor | None = getattr(request, "actor", None)
    return actor


def _posted(request: HttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _editable(request: HttpRequest, plan_uuid: UUID) -> tuple[Actor, Plan]:
    """The plan, for someone who takes part in it while it is open; 404 for everyone else."""
    actor = _actor(request)
    plan = access.get_plan(actor, plan_uuid)
    if actor is None or not access.may_edit(actor, plan):
        raise Http404
    return actor, plan


def _content_url(plan: Plan, kind: str = "") -> str:
    url = reverse("plans:content", kwargs={"plan_uuid": plan.uuid})
    return f"{url}#section-{kind}" if kind else url


def _auto_id(kind: str, item: Any = None) -> str:
    """Unique ids for the fields of every form on the page (several may be open at once)."""
    return f"{kind}-{item.uuid.hex[:8] if item is not None else 'ny'}-%s"


def _conflict_form(form_class: type[F], request: HttpRequest, plan: Plan, **kwargs: Any) -> F:
    """The user's input again, now based on the plan as saved, with the conflict message."""
    return conflict_form(form_class, request.POST, plan.lock_version, str(CONFLICT_MESSAGE), plan=plan, **kwargs)


# --- The contents page ----------------------------------------------------------------------------------------


def _content_context(actor: Actor, plan: Plan, **overrides: Any) -> dict[str, Any]:
    editable = access.may_edit(actor, plan)
    interventions = list(
        plan.interventions.filter(removed=False).select_related(
            "organisation__parent__parent", "unit__organisation", "need"
        )
    )
    groups = [
        {
            "key": key,
            "title": title,
            "empty": GROUP_EMPTY[key],
            "items": [i for i in interventions if responsibility(i.organisation) == key],
        }
        for key, title in GROUP_TITLES.items()
    ]
    status_forms: dict[UUID, CommitmentStatusForm] = overrides.pop("status_forms", {})
    commitments = []
    for commitment in plan.commitments.filter(removed=False).select_related("unit__organisation", "intervention"):
        commitment.plan = plan
        form = None
        if access.may_set_commitment_status(actor, commitment):
            form = status_forms.get(commitment.uuid) or CommitmentStatusForm(
                initial={"status": commitment.status, "done_on": commitment.done_on},
                auto_id=_auto_id("status", commitment),
            )
        commitments.append((commitment, form))
    context: dict[str, Any] = {
        "plan": plan,
        "editable": editable,
        "may_lead": access.may_lead(actor, plan),
        "person_form": PersonTextForm(plan=plan, auto_id=_auto_id("person")) if editable else None,
        "responsibility_form": ResponsibilityForm(plan=plan, auto_id=_auto_id("ansvar")) if editable else None,
        "needs": list(plan.needs.filter(removed=False)),
        "intervention_groups": groups,
        "goals": list(plan.goals.filter(removed=False)),
        "commitments": commitments,
        "contacts": list(plan.contacts.filter(removed=False).select_related("organisation")),
    }
    context.update(overrides)
    return context


def _section(request: HttpRequest, actor: Actor, plan: Plan, section: str, **overrides: Any) -> HttpResponse:
    return render(request, f"plans/content/_section_{section}.html", _content_context(actor, plan, **overrides))


def _saved(request: HttpRequest, actor: Actor, plan: Plan, section: str, lock_from: int, message: str) -> HttpResponse:
    """After a save: the section again (htmx), or the page at the section."""
    if is_htmx(request):
        response = _section(request, actor, plan, section, saved_message=message)
        return trigger_client_event(response, "planLockChanged", {"from": lock_from, "to": plan.lock_version})
    messages.success(request, message)
    return redirect(_content_url(plan, section))


@login_required
@never_cache
@require_GET
def content_page(request: HttpRequest, plan_uuid: UUID) -> HttpResponse:
    actor = _actor(request)
    plan = access.get_plan(actor, plan_uuid)
    assert actor is not None
    wanted = SectionForm(request.GET, sections=SECTIONS) if "avsnitt" in request.GET else None
    if wanted is not None and wanted.is_valid() and is_htmx(request):
        return _section(request, actor, plan, SECTIONS[wanted.cleaned_data["avsnitt"]])
    return render(request, "plans/content/content.html", _content_context(actor, plan))


# --- The plan's text: the person's own words, overall responsibility and follow-up ------------------------------


def _plan_text(
    request: HttpRequest, plan_uuid: UUID, form_class: type[PersonTextForm] | type[ResponsibilityForm], section: str
) -> HttpResponse:
    actor, plan = _editable(request, plan_uuid)
    auto_id = _auto_id("person" if section == "person" else "ansvar")
    form: PersonTextForm | ResponsibilityForm = form_class(_posted(request), plan=plan, auto_id=auto_id)
    differences: list[tuple[str, str, str]] = []
    if request.method == "POST" and form.is_valid():
        lock = form.cleaned_data["lock_version"]
        try:
            actions.update_plan_text(actor, plan, lock, form.values())
        except actions.PlanEditConflict as conflict:
            differences = form.differences(form_class(plan=conflict.plan))
            plan = conflict.plan
            form = _conflict_form(form_class, request, plan, auto_id=auto_id)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _saved(request, actor, plan, section, lock, _("Ändringarna är sparade."))
    if is_htmx(request):
        key = "person_form" if section == "person" else "responsibility_form"
        return _section(request, actor, plan, section, **{key: form, "differences": differences})
    return render(
        request,
        "plans/content/text_form.html",
        {"plan": plan, "form": form, "differences": differences, "section": section},
    )


@login_required
@never_cache
@require_http_methods(GET_POST)
def content_text(request: HttpRequest, plan_uuid: UUID) -> HttpResponse:
    return _plan_text(request, plan_uuid, PersonTextForm, "person")


@login_required
@never_cache
@require_http_methods(GET_POST)
def content_responsibility(request: HttpRequest, plan_uuid: UUID) -> HttpResponse:
    return _plan_text(request, plan_uuid, ResponsibilityForm, "responsibility")


# --- Rows: add, change, remove ----------------------------------------------------------------------------------


def _find_item(plan: Plan, item_uuid: UUID) -> tuple[str, Any]:
    """A row of the plan's contents of any kind, not removed; 404 otherwise."""
    for kind, model in actions.CONTENT_MODELS.items():
        item = model.objects.filter(plan=plan, uuid=item_uuid, removed=False).first()
        if item is not None:
            return kind, item
    raise Http404


def _fresh(item: Model) -> Any:
    return type(item)._default_manager.get(pk=item.pk)


def _item_response(
    request: HttpRequest, plan: Plan, form: ItemForm | RemoveItemForm, kind: str, item: Any, **extra: Any
) -> HttpResponse:
    """The form for one row: in place with htmx (the table row or the add slot), or as a page."""
    removing = isinstance(form, RemoveItemForm)
    label = ITEM_FORMS[kind].label
    slug = SLUG_OF[kind]
    if item is None:
        action = reverse("plans:item_add", kwargs={"plan_uuid": plan.uuid}) + f"?typ={slug}"
        title = _("Lägg till %(what)s") % {"what": label}
    elif removing:
        action = reverse("plans:item_remove", kwargs={"plan_uuid": plan.uuid, "item_uuid": item.uuid})
        title = _("Ta bort %(what)s") % {"what": label}
    else:
        action = reverse("plans:item_edit", kwargs={"plan_uuid": plan.uuid, "item_uuid": item.uuid})
        title = _("Ändra %(what)s") % {"what": label}
    if is_htmx(request) and not form.is_bound and not removing:
        first = next(iter(form.visible_fields()), None)
        if first is not None:
            first.field.widget.attrs["autofocus"] = True  # htmx moves focus to it after the swap
    context = {
        "plan": plan,
        "form": form,
        "kind": kind,
        "section_slug": slug,
        "item": item,
        "label": label,
        "title": title,
        "action": action,
        "columns": COLUMNS[kind],
        "removing": removing,
        "may_lead": access.may_lead(_actor(request), plan),
        **extra,
    }
    if not is_htmx(request):
        return render(request, "plans/content/item_form.html", context)
    if item is None:
        response = render(request, "plans/content/_item_add.html", context)
        target = f"#add-{kind}"
    else:
        response = render(request, "plans/content/_item_row_form.html", context)
        target = f"#item-{item.uuid}"
    if form.is_bound:  # an error or a conflict: the form replaces itself instead of the section
        retarget(response, target)
        reswap(response, "outerHTML")
    return response


def _save_item(request: HttpRequest, actor: Actor, plan: Plan, kind: str, form: ItemForm, item: Any) -> HttpResponse:
    lock = form.cleaned_data["lock_version"]
    form_class = ITEM_FORMS[kind]
    extra: dict[str, Any] = {}
    try:
        actions.save_item(actor, plan, lock, kind, form.values(), item)
    except actions.PlanEditConflict as conflict:
        fresh = _fresh(item) if item is not None else None
        saved = form_class(plan=conflict.plan, item=fresh)
        extra = {
            "conflict": True,
            "differences": form.differences(saved) if fresh is not None else [],
            "removed_meanwhile": bool(fresh is not None and fresh.removed),
            "saved_rows": _saved_rows(conflict.plan, kind) if item is None else [],
        }
        form = _conflict_form(form_class, request, conflict.plan, item=fresh, auto_id=_auto_id(kind, item))
        plan = conflict.plan
    except ValidationError as error:
        form.add_error(None, error)
    else:
        message = _("Raden är tillagd.") if item is None else _("Ändringen är sparad.")
        return _saved(request, actor, plan, kind, lock, message)
    return _item_response(request, plan, form, kind, item, **extra)


def _saved_rows(plan: Plan, kind: str) -> list[str]:
    """The rows of a kind as saved now, for a user whose new row collided with someone else's save."""
    model = actions.CONTENT_MODELS[kind]
    return [str(row) for row in model.objects.filter(plan=plan, removed=False)]


@login_required
@never_cache
@require_http_methods(GET_POST)
def item_add(request: HttpRequest, plan_uuid: UUID) -> HttpResponse:
    actor, plan = _editable(request, plan_uuid)
    which = KindForm(request.GET, kinds=KIND_SLUGS)
    if not which.is_valid():
        raise Http404
    kind = KIND_SLUGS[which.cleaned_data["typ"]]
    form = ITEM_FORMS[kind](_posted(request), plan=plan, auto_id=_auto_id(kind))
    if request.method == "POST" and form.is_valid():
        return _save_item(request, actor, plan, kind, form, None)
    return _item_response(request, plan, form, kind, None)


@login_required
@never_cache
@require_http_methods(GET_POST)
def item_edit(request: HttpRequest, plan_uuid: UUID, item_uuid: UUID) -> HttpResponse:
    actor, plan = _editable(request, plan_uuid)
    kind, item = _find_item(plan, item_uuid)
    form = ITEM_FORMS[kind](_posted(request), plan=plan, item=item, auto_id=_auto_id(kind, item))
    if request.method == "POST" and form.is_valid():
        return _save_item(request, actor, plan, kind, form, item)
    return _item_response(request, plan, form, kind, item)


@login_required
@never_cache
@require_http_methods(GET_POST)
def item_remove(request: HttpRequest, plan_uuid: UUID, item_uuid: UUID) -> HttpResponse:
    """A confirmation (a page, or in place with htmx), then the row is marked removed."""
    actor, plan = _editable(request, plan_uuid)
    kind, item = _find_item(plan, item_uuid)
    form = RemoveItemForm(_posted(request), plan=plan, auto_id=_auto_id("ta-bort", item))
    extra: dict[str, Any] = {}
    if request.method == "POST" and form.is_valid():
        lock = form.cleaned_data["lock_version"]
        try:
            actions.remove_item(actor, plan, lock, item)
        except actions.PlanEditConflict as conflict:
            fresh = _fresh(item)
            extra = {
                "conflict": True,
                "saved_summary": ITEM_FORMS[kind](plan=conflict.plan, item=fresh).summary(),
                "removed_meanwhile": fresh.removed,
            }
            plan = conflict.plan
            form = _conflict_form(RemoveItemForm, request, plan, auto_id=_auto_id("ta-bort", item))
        else:
            return _saved(request, actor, plan, kind, lock, _("Raden är borttagen."))
    return _item_response(request, plan, form, kind, item, **extra)


# --- Commitment status ------------------------------------------------------------------------------------------


@login_required
@never_cache
@require_POST
def commitment_status(request: HttpRequest, plan_uuid: UUID, commitment_uuid: UUID) -> HttpResponse:
    """Progress on a commitment, by its unit or the plan's lead. Also posted from work lists: `next` (a path on
    this site) says where to go back to. An htmx request from the contents page (HX-Target "section-commitment")
    gets the section back; any other htmx request is sent on to `next` with HX-Redirect."""
    actor = _actor(request)
    plan = access.get_plan(actor, plan_uuid)
    commitment: Commitment | None = (
        plan.commitments.filter(uuid=commitment_uuid, removed=False).select_related("unit").first()
    )
    if actor is None or commitment is None:
        raise Http404
    commitment.plan = plan
    if not access.may_set_commitment_status(actor, commitment):
        raise Http404
    form = CommitmentStatusForm(request.POST, auto_id=_auto_id("status", commitment))
    ok = form.is_valid()
    if ok:
        try:
            actions.set_commitment_status(actor, commitment, form.cleaned_data["status"], form.cleaned_data["done_on"])
        except PermissionDenied as refused:
            raise Http404 from refused
    htmx = is_htmx(request)
    if htmx and request.headers.get("HX-Target") == "section-commitment":
        overrides: dict[str, Any] = {"status_forms": {} if ok else {commitment.uuid: form}}
        if ok:
            overrides["saved_message"] = _("Status för ”%(what)s” är sparad.") % {"what": str(commitment)}
        return _section(request, actor, plan, "commitment", **overrides)
    if ok:
        messages.success(request, _("Status för ”%(what)s” är sparad.") % {"what": str(commitment)})
    else:
        problems = " ".join(str(e) for errors in form.errors.values() for e in errors)
        messages.error(request, _("Statusen sparades inte: %(problems)s") % {"problems": problems})
    target = form.cleaned_data.get("next", "")
    if not (target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})):
        target = _content_url(plan, "commitment")
    # htmx from another page (a work list) navigates there in full, rather than swapping a whole page into a row.
    return HttpResponseClientRedirect(target) if htmx else redirect(target)


# --- Establishment ----------------------------------------------------------------------------------------------


@login_required
@never_cache
@require_http_methods(GET_POST)
def establish(request: HttpRequest, plan_uuid: UUID) -> HttpResponse:
    """The checklist of what the law and the agreement require, for everyone on the plan; the lead establishes."""
    actor = _actor(request)
    plan = access.get_plan(actor, plan_uuid)
    may_lead = access.may_lead(actor, plan)
    if request.method == "POST" and not may_lead:
        raise Http404
    assert actor is not None
    form = EstablishForm(_posted(request), plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            version = actions.establish(
                actor, plan, form.cleaned_data["lock_version"], form.cleaned_data.get("change_note", "")
            )
        except actions.PlanEditConflict as conflict:
            plan = conflict.plan
            form = _conflict_form(EstablishForm, request, plan)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Planen är fastställd som version %(number)s.") % {"number": version.number})
            return redirect("plans:detail", plan_uuid=plan.uuid)
    items = checklist(plan)
    latest = plan.versions.order_by("-number").first()
    return render(
        request,
        "plans/content/establish.html",
        {
            "plan": plan,
            "form": form,
            "checklist": items,
            "complete": all(item.done for item in items),
            "may_lead": may_lead,
            "latest": latest,
            "changes": compare(latest.content, snapshot(plan)) if latest is not None else None,
        },
    )


# --- Versions ---------------------------------------------------------------------------------------------------


def readable(content: dict[str, Any]) -> dict[str, Any]:
    """A frozen version for templates: dates as dates, interventions grouped by responsibility, statuses in words."""

    def day(value: str | None) -> dt.date | None:
        return dt.date.fromisoformat(value) if value else None

    statuses = dict(CommitmentStatus.choices)
    interventions = content.get("interventions", [])
    return {
        **content,
        "next_followup_on": day(content.get("next_followup_on")),
        "intervention_groups": [
            {
                "key": key,
                "title": title,
                "empty": GROUP_EMPTY[key],
                "items": [i for i in interventions if i.get("responsibility") == key],
            }
            for key, title in GROUP_TITLES.items()
        ],
        "goals": [{**g, "target_date": day(g.get("target_date"))} for g in content.get("goals", [])],
        "commitments": [
            {
                **c,
                "starts_on": day(c.get("starts_on")),
                "due_on": day(c.get("due_on")),
                "status_label": statuses.get(c.get("status", ""), c.get("status", "")),
            }
            for c in content.get("commitments", [])
        ],
    }


def _version(plan: Plan, version_uuid: UUID) -> PlanVersion:
    version = plan.versions.filter(uuid=version_uuid).select_related("established_by", "meeting").first()
    if version is None:
        raise Http404
    return version


@login_required
@never_cache
@require_GET
def versions(request: HttpRequest, plan_uuid: UUID) -> HttpResponse:
    plan = access.get_plan(_actor(request), plan_uuid)
    listed = list(plan.versions.select_related("established_by").order_by("-number"))
    compare_form = None
    if len(listed) > 1:
        compare_form = VersionCompareForm(versions=listed, initial={"a": str(listed[1].uuid), "b": str(listed[0].uuid)})
    return render(
        request, "plans/content/versions.html", {"plan": plan, "versions": listed, "compare_form": compare_form}
    )


@login_required
@never_cache
@require_GET
def version_detail(request: HttpRequest, plan_uuid: UUID, version_uuid: UUID) -> HttpResponse:
    plan = access.get_plan(_actor(request), plan_uuid, event="plan.version_viewed")
    version = _version(plan, version_uuid)
    return render(
        request,
        "plans/content/version_detail.html",
        {"plan": plan, "version": version, "content": readable(version.content)},
    )


@login_required
@never_cache
@require_GET
def version_compare(request: HttpRequest, plan_uuid: UUID) -> HttpResponse:
    """What changed between two versions, section by section (?a=…&b=…, in either order)."""
    plan = access.get_plan(_actor(request), plan_uuid, event="plan.version_viewed")
    listed = list(plan.versions.order_by("-number"))
    form = VersionCompareForm(request.GET if request.GET else None, versions=listed)
    older = newer = None
    changes = None
    if form.is_bound and form.is_valid():
        older, newer = form.pair()
        changes = compare(older.content, newer.content)
    return render(
        request,
        "plans/content/version_compare.html",
        {"plan": plan, "form": form, "older": older, "newer": newer, "changes": changes},
    )
