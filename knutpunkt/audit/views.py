"""Log review (loggkontroll) for unit managers, and log extracts (loggutdrag) for a person.

The review filter lives in the session, per unit: it may name a person, and a person's number never goes in a
URL. Pages are addressed by a keyset cursor (`?efter=`), which holds a time and an internal id, nothing personal.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from knutpunkt.audit import access, extract
from knutpunkt.audit.actions import create_log_extract, record_review
from knutpunkt.audit.events import label
from knutpunkt.audit.forms import (
    ChoosePersonForm,
    ClearFilterForm,
    LogReviewForm,
    PageForm,
    ReviewFilterForm,
    SampleForm,
)
from knutpunkt.organisations.access import Actor
from knutpunkt.organisations.models import Unit
from knutpunkt.people.access import get_person
from knutpunkt.people.models import Person

FILTER_SESSION_KEY = "audit.review_filter"
SAMPLE_SESSION_KEY = "audit.review_sample"
REVIEWS_LISTED = 20


def _actor(request: HttpRequest) -> Actor | None:
    actor: Actor | None = getattr(request, "actor", None)
    return actor


def _manager(request: HttpRequest) -> tuple[Actor, Unit]:
    actor = _actor(request)
    if actor is None:
        raise Http404
    return actor, access.reviewed_unit(actor)


# --- Session state -------------------------------------------------------------------------------------------


def _filter_key(unit: Unit) -> str:
    return f"{FILTER_SESSION_KEY}.{unit.uuid}"


def _load_filter(request: HttpRequest, unit: Unit) -> access.ReviewFilter:
    return access.ReviewFilter.from_session(request.session.get(_filter_key(unit)))


def _save_filter(request: HttpRequest, unit: Unit, review_filter: access.ReviewFilter) -> None:
    request.session[_filter_key(unit)] = review_filter.to_session()


def _load_sample(request: HttpRequest, unit: Unit) -> tuple[access.Sample, str] | None:
    data = request.session.get(SAMPLE_SESSION_KEY)
    if not isinstance(data, dict) or data.get("unit") != str(unit.uuid):
        return None
    try:
        sample = access.Sample(
            seed=int(data["seed"]),
            event_ids=[int(event_id) for event_id in data["event_ids"]],
            population=int(data["population"]),
            up_to_id=int(data["up_to_id"]) if data.get("up_to_id") is not None else None,
            date_from=dt.date.fromisoformat(data["date_from"]),
            date_to=dt.date.fromisoformat(data["date_to"]),
        )
    except (KeyError, TypeError, ValueError):
        return None
    return sample, str(data.get("description", ""))


def _filter_summary(unit: Unit, review_filter: access.ReviewFilter) -> list[tuple[str, str]]:
    """The filter in words, for the page and for a sample's description. A person shows as the masked number
    that was entered, or as the label of the event they were chosen from."""
    items: list[tuple[str, str]] = []
    if review_filter.has_person:
        items.append((_("Person"), review_filter.person_display))
    if review_filter.staff_id is not None:
        member = access.unit_members(unit).filter(pk=review_filter.staff_id).first()
        items.append((_("Medarbetare"), str(member) if member else "–"))
    if review_filter.date_from or review_filter.date_to:
        start = review_filter.date_from.isoformat() if review_filter.date_from else "…"
        end = review_filter.date_to.isoformat() if review_filter.date_to else "…"
        items.append((_("Period"), f"{start} – {end}"))
    if review_filter.event:
        items.append((_("Händelse"), label(review_filter.event)))
    if review_filter.without_relation_only:
        items.append((_("Relation"), _("bara åtkomster utan aktiv relation")))
    return items


def _summary_text(items: list[tuple[str, str]]) -> str:
    return "; ".join(f"{name}: {value}" for name, value in items) or _("inget")


# --- Log review ----------------------------------------------------------------------------------------------


def _render_review(
    request: HttpRequest,
    unit: Unit,
    review_filter: access.ReviewFilter,
    *,
    filter_form: ReviewFilterForm | None = None,
    sample_form: SampleForm | None = None,
    status: int = 200,
) -> HttpResponse:
    page_form = PageForm(request.GET)
    cursor = access.Cursor.decode(page_form.cleaned_data["efter"]) if page_form.is_valid() else None
    page = access.review_page(unit, review_filter, after=cursor)
    if filter_form is None:
        filter_form = ReviewFilterForm(
            unit=unit,
            initial={
                "staff": review_filter.staff_uuid or None,
                "date_from": review_filter.date_from,
                "date_to": review_filter.date_to,
                "event": review_filter.event,
                "without_relation_only": review_filter.without_relation_only,
            },
        )
    if sample_form is None:
        sample_form = SampleForm(initial={"date_from": review_filter.date_from, "date_to": review_filter.date_to})
    context: dict[str, Any] = {
        "unit": unit,
        "filter": review_filter,
        "filter_summary": _filter_summary(unit, review_filter),
        "filter_form": filter_form,
        "sample_form": sample_form,
        "page": page,
        "next_cursor": page.next_cursor.encode() if page.next_cursor else "",
        "reviews": access.unit_reviews(unit)[:REVIEWS_LISTED],
        "has_sample": _load_sample(request, unit) is not None,
    }
    return render(request, "audit/review.html", context, status=status)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest) -> HttpResponse:
    """The unit's events, newest first, with filters; POST sets the filter and comes back here."""
    actor, unit = _manager(request)
    current = _load_filter(request, unit)
    if request.method != "POST":
        return _render_review(request, unit, current)
    form = ReviewFilterForm(request.POST, unit=unit)
    if not form.is_valid():
        return _render_review(request, unit, current, filter_form=form)
    data = form.cleaned_data
    staff = data["staff"]
    updated = replace(
        current,
        staff_id=staff.pk if staff else None,
        staff_uuid=str(staff.uuid) if staff else "",
        date_from=data["date_from"],
        date_to=data["date_to"],
        event=data["event"],
        without_relation_only=data["without_relation_only"],
    )
    if data["identity_number"]:
        person_id, display = access.person_for_review(actor, data["identity_number"])
        updated = updated.with_person(person_id, display)
    _save_filter(request, unit, updated)
    return redirect("audit:review")


@login_required
@require_POST
def review_clear(request: HttpRequest) -> HttpResponse:
    """Clear the whole filter, the person only, or the drawn sample."""
    unit = _manager(request)[1]
    form = ClearFilterForm(request.POST)
    if form.is_valid():
        part = form.cleaned_data["part"]
        if part == "all":
            request.session.pop(_filter_key(unit), None)
        elif part == "person":
            _save_filter(request, unit, _load_filter(request, unit).without_person())
        elif part == "sample":
            request.session.pop(SAMPLE_SESSION_KEY, None)
    return redirect("audit:review")


@login_required
@require_POST
def review_choose_person(request: HttpRequest) -> HttpResponse:
    """Narrow the review to the person of one of the unit's events."""
    unit = _manager(request)[1]
    form = ChoosePersonForm(request.POST)
    if form.is_valid():
        person_id, person_label = access.person_from_event(unit, form.cleaned_data["event"])
        _save_filter(request, unit, _load_filter(request, unit).with_person(person_id, person_label))
    return redirect("audit:review")


@login_required
@never_cache
@require_POST
def review_sample(request: HttpRequest) -> HttpResponse:
    """Draw a random sample of the filtered events of a period, and go on to document the review."""
    unit = _manager(request)[1]
    current = _load_filter(request, unit)
    form = SampleForm(request.POST)
    if not form.is_valid():
        return _render_review(request, unit, current, sample_form=form)
    period_filter = replace(current, date_from=form.cleaned_data["date_from"], date_to=form.cleaned_data["date_to"])
    seed = secrets.randbelow(2**31)
    sample = access.draw_sample(unit, period_filter, form.cleaned_data["size"], seed)
    if not sample.event_ids:
        messages.warning(request, _("Inga händelser matchar filtret under perioden. Inget urval drogs."))
        return redirect("audit:review")
    description = _(
        "Slumpmässigt urval av %(size)s av %(population)s händelser under perioden %(start)s – %(end)s. "
        "Filter: %(filter)s. Slumpfrö: %(seed)s, bland händelser till och med löpnummer %(up_to_id)s."
    ) % {
        "size": len(sample.event_ids),
        "population": sample.population,
        "start": sample.date_from.isoformat(),
        "end": sample.date_to.isoformat(),
        "filter": _summary_text(_filter_summary(unit, replace(current, date_from=None, date_to=None))),
        "seed": seed,
        "up_to_id": sample.up_to_id,
    }
    request.session[SAMPLE_SESSION_KEY] = sample.to_session(unit, description)
    return redirect("audit:review_create")


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def review_create(request: HttpRequest) -> HttpResponse:
    """Document a log review, with the drawn sample if there is one."""
    actor, unit = _manager(request)
    loaded = _load_sample(request, unit)
    sample, description = loaded if loaded else (None, "")
    events = access.sampled_events(unit, sample.event_ids) if sample else []
    current = _load_filter(request, unit)
    initial = {
        "period_start": sample.date_from if sample else current.date_from,
        "period_end": sample.date_to if sample else current.date_to,
        "sample_description": description,
    }
    form = LogReviewForm(request.POST or None, initial=initial, sample=sample)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        review = record_review(
            actor,
            unit=unit,
            period_start=data["period_start"],
            period_end=data["period_end"],
            sample_description=data["sample_description"],
            findings=data["findings"],
            outcome=data["outcome"],
            event_ids=[event.pk for event in events],
            seed=sample.seed if sample else None,
            up_to_id=sample.up_to_id if sample else None,
        )
        request.session.pop(SAMPLE_SESSION_KEY, None)
        messages.success(request, _("Loggkontrollen är dokumenterad."))
        return redirect("audit:review_detail", review_uuid=review.uuid)
    return render(request, "audit/review_create.html", {"unit": unit, "form": form, "sample": sample, "events": events})


@login_required
@never_cache
@require_GET
def review_detail(request: HttpRequest, review_uuid: uuid.UUID) -> HttpResponse:
    review = access.get_review(_actor(request), review_uuid)
    return render(request, "audit/review_detail.html", {"review": review, "events": access.review_events(review)})


# --- Log extract ---------------------------------------------------------------------------------------------


@login_required
@never_cache
@require_GET
def extract_page(request: HttpRequest, person_uuid: uuid.UUID) -> HttpResponse:
    """Links to the extract as PDF and CSV. Shows the person's name and masked number: a logged read."""
    actor = _actor(request)
    access.extract_subject(actor, person_uuid)  # only an organisation with the person in its own records
    person = get_person(actor, person_uuid)
    return render(request, "audit/extract.html", {"person": person})


def _extract(
    request: HttpRequest, person_uuid: uuid.UUID, file_format: str
) -> tuple[Actor, Person, list[extract.ExtractRow]]:
    actor = _actor(request)
    if actor is None:
        raise Http404
    person, ground = access.extract_subject(actor, person_uuid)
    rows = create_log_extract(actor, person, legal_ground=ground, file_format=file_format)
    return actor, person, rows


@login_required
@never_cache
@require_GET
def extract_csv(request: HttpRequest, person_uuid: uuid.UUID) -> HttpResponse:
    rows = _extract(request, person_uuid, "csv")[2]
    response = HttpResponse(extract.render_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{extract.filename(timezone.now(), "csv")}"'
    return response


@login_required
@never_cache
@require_GET
def extract_pdf(request: HttpRequest, person_uuid: uuid.UUID) -> HttpResponse:
    actor, person, rows = _extract(request, person_uuid, "pdf")
    created_at = timezone.now()
    pdf = extract.render_pdf(extract.render_html(actor, person, rows, created_at))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{extract.filename(created_at, "pdf")}"'
    return response
