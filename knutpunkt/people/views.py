"""The people and consent pages. Views parse and render; access.py decides and logs reads; actions.py writes.

Every page about a person is answered with 404 when the person does not exist or the actor may not see them, and
is sent with no-store, since it holds personal data."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from knutpunkt.audit.models import LegalGround
from knutpunkt.organisations.access import Actor
from knutpunkt.people import access, actions
from knutpunkt.people.forms import (
    ConfirmForm,
    ConsentCreateForm,
    EditStepForm,
    EndRegistrationForm,
    NameSearchForm,
    NumberLookupForm,
    PersonCreateForm,
    PersonEditForm,
    RelationForm,
    WithdrawConsentForm,
)
from knutpunkt.people.models import Consent, Person

GET_POST = ["GET", "POST"]
SEARCH_LIMIT = 50


def _actor(request: HttpRequest) -> Actor | None:
    return getattr(request, "actor", None)


def _posted(request: HttpRequest) -> QueryDict | None:
    """The data to bind a form to: the POST, even an empty one, or nothing on GET."""
    return request.POST if request.method == "POST" else None


def _worker(request: HttpRequest) -> Actor:
    """The actor for a page about a person they may work with (access.py has already said yes, or 404)."""
    actor = _actor(request)
    if actor is None:
        raise Http404
    return actor


# --- Search and registration --------------------------------------------------------------------------------------


@login_required
@never_cache
@require_http_methods(GET_POST)
def search(request: HttpRequest) -> HttpResponse:
    """Exact search by number (POST, so the number never reaches a URL) and name search (GET)."""
    actor = access.people_worker(_actor(request))
    number_form = NumberLookupForm(_posted(request))
    name_form = NameSearchForm(request.GET if request.method == "GET" and "namn" in request.GET else None)
    number_missed = False
    if number_form.is_bound and number_form.is_valid():
        person = access.find_by_number(actor, number_form.identity.value)
        if person is not None:
            return redirect("people:detail", person_uuid=person.uuid)
        number_missed = True
    results: list[Person] | None = None
    if name_form.is_bound and name_form.is_valid():
        results = access.search_by_name(actor, name_form.cleaned_data["namn"], limit=SEARCH_LIMIT)
    return render(
        request,
        "people/search.html",
        {
            "number_form": number_form,
            "name_form": name_form,
            "number_missed": number_missed,
            "results": results,
            "results_truncated": results is not None and len(results) >= SEARCH_LIMIT,
        },
    )


@login_required
@never_cache
@require_http_methods(GET_POST)
def create(request: HttpRequest) -> HttpResponse:
    actor = access.people_worker(_actor(request))
    form = PersonCreateForm(_posted(request))
    already_registered = False
    if request.method == "POST" and form.is_valid():
        try:
            person = actions.create_person(actor, form.identity, form.details(), form.cleaned_data["reason"])
        except actions.PersonAlreadyRegistered:
            # The same words whether or not the actor may see the person: they learn only what a search shows.
            already_registered = True
            form.add_error(
                "identity_number",
                _("Det finns redan en person med det här numret i Knutpunkt, så personen kan inte registreras igen."),
            )
        else:
            messages.success(request, _("%(name)s är registrerad.") % {"name": person.full_name})
            return redirect("people:detail", person_uuid=person.uuid)
    return render(request, "people/create.html", {"form": form, "already_registered": already_registered})


# --- The person page ----------------------------------------------------------------------------------------------


def _consent_status(consent: Consent) -> str:
    today = timezone.localdate()
    if consent.withdrawn_at is not None:
        return "withdrawn"
    if today > consent.valid_until:
        return "expired"
    if today < consent.valid_from:
        return "pending"
    return "active"


def _render_person(
    request: HttpRequest, person: Person, *, address_revealed: bool, ground: str | None = None
) -> HttpResponse:
    actor = _worker(request)
    # The legal ground, found once for the whole page (each helper would look it up again).
    ground = ground or access.legal_ground(actor, person)
    may_see_address = access.may_see_address(actor, person, ground=ground)
    relations = list(access.relations(actor, person, ground=ground))
    related = [relation.related_id for relation in relations]
    visible_related = (
        set(access.visible_persons(actor).filter(pk__in=related).values_list("pk", flat=True)) if related else set()
    )
    consents = list(access.visible_consents(actor, person, ground=ground))
    context: dict[str, Any] = {
        "person": person,
        "legal_ground": LegalGround(ground).label if ground else "",
        "through_consent": ground == LegalGround.CONSENT,
        "show_address": may_see_address and (not person.is_protected or address_revealed),
        "may_reveal_address": person.is_protected and may_see_address and not address_revealed,
        "address_revealed": address_revealed,
        "relations": [(relation, relation.related_id in visible_related) for relation in relations],
        "dependants": access.visible_dependants(actor, person, ground=ground),
        "registrations": access.own_registrations(actor, person, ground=ground),
        "consents": [(consent, _consent_status(consent)) for consent in consents],
        "may_change": access.may_change_person(actor, person, ground=ground),
        "may_record_consent": access.may_record_consent(actor, person, ground=ground),
    }
    return render(request, "people/detail.html", context)


@login_required
@never_cache
def detail(request: HttpRequest, person_uuid: UUID) -> HttpResponse:
    person, ground = access.get_person_and_ground(_actor(request), person_uuid)
    return _render_person(request, person, address_revealed=False, ground=ground)


@login_required
@never_cache
@require_POST
def reveal_address(request: HttpRequest, person_uuid: UUID) -> HttpResponse:
    """The confirmation step before a protected address is shown. The answer is the page itself, never a URL
    that could be opened again without confirming."""
    actor = _actor(request)
    person = access.get_person(actor, person_uuid)
    ConfirmForm(request.POST).is_valid()  # nothing to fill in; the POST with its CSRF token is the confirmation
    if not person.is_protected:
        return redirect("people:detail", person_uuid=person.uuid)
    access.reveal_protected_address(actor, person)
    return _render_person(request, person, address_revealed=True)


# --- Editing ------------------------------------------------------------------------------------------------------


@login_required
@never_cache
@require_http_methods(GET_POST)
def edit(request: HttpRequest, person_uuid: UUID) -> HttpResponse:
    """Edit with optimistic locking. For a protected person the form holds the address, so it is shown only after
    the same confirmation (and log entry) as on the person page."""
    actor = _worker(request)
    person = access.get_person(actor, person_uuid)
    if not access.may_change_person(actor, person):
        raise Http404
    include_address = access.may_see_address(actor, person)
    needs_confirmation = person.is_protected and include_address

    step = EditStepForm(request.POST) if request.method == "POST" else None
    saving = step is not None and step.is_valid() and step.cleaned_data["step"] == EditStepForm.SAVE
    if needs_confirmation and step is None:
        return render(request, "people/edit_confirm.html", {"person": person})
    if needs_confirmation and not saving:
        access.reveal_protected_address(actor, person)

    form = PersonEditForm(request.POST if saving else None, person=person, include_address=include_address)
    differences: list[tuple[str, str, str]] = []
    if saving and form.is_valid():
        try:
            changed = actions.update_person(actor, person, form.cleaned_data["version"], form.changes())
        except actions.EditConflict as conflict:
            differences = form.differences(conflict.current)
            if needs_confirmation:
                access.reveal_protected_address(actor, person)  # the saved address is shown next to the input
            data = request.POST.copy()
            data["version"] = str(conflict.current.version)
            form = PersonEditForm(data, person=conflict.current, include_address=include_address)
            form.add_error(
                None,
                _(
                    "Någon annan har sparat ändringar i personens uppgifter medan du arbetade. Dina ändringar är inte "
                    "sparade. Jämför med det som är sparat nu, rätta det som behövs och spara igen."
                ),
            )
        else:
            if changed:
                messages.success(request, _("Uppgifterna är sparade."))
            else:
                messages.info(request, _("Inget ändrades."))
            return redirect("people:detail", person_uuid=person.uuid)
    return render(
        request,
        "people/edit.html",
        {"person": person, "form": form, "differences": differences, "include_address": include_address},
    )


# --- Guardians and relatives --------------------------------------------------------------------------------------


@login_required
@never_cache
@require_http_methods(GET_POST)
def relation_create(request: HttpRequest, person_uuid: UUID) -> HttpResponse:
    actor = _worker(request)
    person = access.get_person(actor, person_uuid)
    if not access.may_change_person(actor, person):
        raise Http404
    form = RelationForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        related = access.find_by_number(actor, form.identity.value)
        if related is None:
            form.add_error(
                "number",
                _(
                    "Ingen träff bland de personer som er organisation har tillgång till. Registrera personen först "
                    "och lägg sedan till relationen."
                ),
            )
        else:
            try:
                actions.add_relation(actor, person, related, form.cleaned_data["kind"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("%(name)s är tillagd.") % {"name": related.full_name})
                return redirect("people:detail", person_uuid=person.uuid)
    return render(request, "people/relation_form.html", {"person": person, "form": form})


@login_required
@never_cache
@require_http_methods(GET_POST)
def relation_end(request: HttpRequest, person_uuid: UUID, relation_uuid: UUID) -> HttpResponse:
    actor = _worker(request)
    person = access.get_person(actor, person_uuid)
    relation = access.get_relation(actor, person, relation_uuid)
    form = ConfirmForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        actions.end_relation(actor, relation)
        messages.success(request, _("Relationen är avslutad."))
        return redirect("people:detail", person_uuid=person.uuid)
    return render(request, "people/relation_end.html", {"person": person, "relation": relation, "form": form})


# --- Registrations ------------------------------------------------------------------------------------------------


@login_required
@never_cache
@require_http_methods(GET_POST)
def registration_end(request: HttpRequest, person_uuid: UUID, registration_uuid: UUID) -> HttpResponse:
    actor = _worker(request)
    person = access.get_person(actor, person_uuid)
    registration = access.get_own_registration(actor, person, registration_uuid)
    form = EndRegistrationForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        actions.end_registration(actor, registration, form.cleaned_data["reason"])
        if access.legal_ground(actor, person) is None:
            messages.success(request, _("Registreringen är avslutad. Personen syns inte längre för er organisation."))
            return redirect("people:search")
        messages.success(request, _("Registreringen är avslutad."))
        return redirect("people:detail", person_uuid=person.uuid)
    return render(
        request,
        "people/registration_end.html",
        {
            "person": person,
            "registration": registration,
            "form": form,
            "keeps_access_by_consent": registration.organisation_id in access.active_consent_organisations(person),
        },
    )


# --- Consent ------------------------------------------------------------------------------------------------------


@login_required
@never_cache
@require_http_methods(GET_POST)
def consent_create(request: HttpRequest, person_uuid: UUID) -> HttpResponse:
    actor = _worker(request)
    person = access.get_person(actor, person_uuid)
    if not access.may_record_consent(actor, person) or actor.organisation is None:
        raise Http404
    if person.date_of_birth is None:
        return render(request, "people/consent_form.html", {"person": person, "form": None})
    form = ConsentCreateForm(
        _posted(request),
        person=person,
        own_organisation=actor.organisation,
        organisations=access.consent_organisations(),
        guardians=access.current_guardians(actor, person),
    )
    if request.method == "POST" and form.is_valid():
        try:
            consent = actions.record_consent(actor, person, form.consent_details())
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Samtycket är registrerat."))
            return redirect("people:consent_detail", person_uuid=person.uuid, consent_uuid=consent.uuid)
    return render(request, "people/consent_form.html", {"person": person, "form": form})


@login_required
@never_cache
def consent_detail(request: HttpRequest, person_uuid: UUID, consent_uuid: UUID) -> HttpResponse:
    actor = _worker(request)
    person = access.get_person(actor, person_uuid)
    consent = access.view_consent(actor, person, consent_uuid)
    return render(
        request,
        "people/consent_detail.html",
        {
            "person": person,
            "consent": consent,
            "status": _consent_status(consent),
            "may_withdraw": access.may_withdraw_consent(actor, consent),
        },
    )


@login_required
@never_cache
@require_http_methods(GET_POST)
def consent_withdraw(request: HttpRequest, person_uuid: UUID, consent_uuid: UUID) -> HttpResponse:
    actor = _worker(request)
    person = access.get_person(actor, person_uuid)
    consent = access.get_consent(actor, person, consent_uuid)
    if not access.may_withdraw_consent(actor, consent):
        messages.info(request, _("Samtycket gäller inte längre och kan inte återkallas."))
        return redirect("people:consent_detail", person_uuid=person.uuid, consent_uuid=consent.uuid)
    form = WithdrawConsentForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.withdraw_consent(actor, consent, form.cleaned_data["reason"])
        except actions.ConsentAlreadyWithdrawn:
            messages.info(request, _("Samtycket var redan återkallat."))
        else:
            messages.success(request, _("Samtycket är återkallat och gäller inte längre."))
        if access.legal_ground(actor, person) is None:
            messages.info(request, _("Personen syns inte längre för er organisation."))
            return redirect("people:search")
        return redirect("people:consent_detail", person_uuid=person.uuid, consent_uuid=consent.uuid)
    return render(request, "people/consent_withdraw.html", {"person": person, "consent": consent, "form": form})
