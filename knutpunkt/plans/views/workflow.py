"""The SIP workflow pages, steps 1–4: the list of plans, the request, the plan page, preparation with the person,
participants, invitations to units (and their answers), and meetings.

Views validate with a form and render; plans/access.py decides who may see a plan (404 otherwise) and logs the
read; plans/actions.py makes every change. Pages hold personal data, so they are never cached."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from knutpunkt.audit.actions import record_listing
from knutpunkt.audit.models import LegalGround
from knutpunkt.organisations.access import Actor
from knutpunkt.organisations.models import Organisation
from knutpunkt.people import access as people_access
from knutpunkt.people.models import Consent, Person
from knutpunkt.plans import access, actions
from knutpunkt.plans.calendar import meeting_ics
from knutpunkt.plans.deadlines import DayCount
from knutpunkt.plans.forms.content import RemoveItemForm
from knutpunkt.plans.forms.workflow import (
    ConfirmForm,
    InvitationAnswerForm,
    InvitationForm,
    MeetingBookForm,
    MeetingCancelForm,
    MeetingForm,
    MeetingRecordForm,
    ParticipantEditForm,
    ParticipantForm,
    PlanFilterForm,
    PlanRequestForm,
    PreparationForm,
)
from knutpunkt.plans.models import (
    Attendance,
    DeadlineMilestone,
    Invitation,
    InvitationStatus,
    Meeting,
    Plan,
    PlanStatus,
)
from knutpunkt.plans.progress import current_step_label, deadline_state

GET_POST = ["GET", "POST"]
PAGE_SIZE = 25
# Columns the list of plans never shows.
LIST_DEFERRED = (
    "request_reason",
    "requested_on_behalf_of",
    "what_matters",
    "person_goals",
    "person_own_part",
    "meeting_questions",
    "closure_note",
    "person__identity_number",
    "person__phone",
    "person__email",
    "person__street_address",
    "person__postal_code",
    "person__city",
)


# --- Helpers -----------------------------------------------------------------------------------------------------


def _posted(request: HttpRequest) -> QueryDict | None:
    """The data to bind a form to: the POST, even an empty one, or nothing on GET."""
    return request.POST if request.method == "POST" else None


def _worker(request: HttpRequest) -> Actor:
    """Staff who work with individuals; 404 for everyone else (administrators, analysts)."""
    return people_access.people_worker(getattr(request, "actor", None))


def _plan(request: HttpRequest, plan_uuid: UUID) -> tuple[Actor, Plan]:
    actor = _worker(request)
    return actor, access.get_plan(actor, plan_uuid)


def _led_plan(request: HttpRequest, plan_uuid: UUID) -> tuple[Actor, Plan]:
    """A plan the actor's organisation leads (prepares, summons, holds the meeting), open; 404 otherwise."""
    actor, plan = _plan(request, plan_uuid)
    if not access.may_lead(actor, plan):
        raise Http404
    return actor, plan


def _open_meeting(plan: Plan, meeting_uuid: UUID) -> Meeting:
    """A meeting of the plan that is neither held nor cancelled; 404 otherwise."""
    meeting = plan.meetings.filter(uuid=meeting_uuid, held=False, cancelled=False).first()
    if meeting is None:
        raise Http404
    return meeting


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    """An action's ValidationError on the form: on the field it names when the form has it, else on top."""
    if hasattr(error, "error_dict"):
        for field, problems in error.error_dict.items():
            target = field if field in form.fields else None
            for problem in problems:
                form.add_error(target, problem.messages)
    else:
        form.add_error(None, error.messages)


def _optional_url(name: str, **kwargs: Any) -> str | None:
    """A link to a page another part of the workflow provides, once it exists."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def _date(day: dt.date) -> str:
    return str(formats.date_format(day, "j F Y"))


def _log_listing(actor: Actor, plans: list[Plan]) -> None:
    """One `plan.listed` event per person shown, with the ground the actor sees them on, in one insert."""
    shown = [(plan.person, access.listing_ground(actor, plan)) for plan in plans]
    if shown:
        record_listing(actor, "plan.listed", sorted(shown, key=lambda row: row[1] != LegalGround.OWN_RECORDS))


# --- The list ----------------------------------------------------------------------------------------------------


@login_required
@never_cache
@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    actor = _worker(request)
    form = PlanFilterForm(request.GET if request.GET else None)
    status, scope, page_number = "", PlanFilterForm.UNIT, 1
    statuses: tuple[str, ...] = ()
    if form.is_bound and form.is_valid():
        status, statuses = form.cleaned_data["steg"], form.statuses()
        scope = form.cleaned_data["visa"]
        page_number = form.cleaned_data["sida"]
    listed = access.visible_plan_list(actor) if scope == PlanFilterForm.ORGANISATION else access.unit_plan_list(actor)
    # A list needs neither the plans' long texts nor the persons' numbers and addresses: left in the database.
    plans = listed.select_related("person", "profile", "initiating_unit__organisation", "overall_responsible").defer(
        *LIST_DEFERRED
    )
    plans = plans.filter(status__in=statuses) if statuses else plans.exclude(status=PlanStatus.CLOSED)
    page = Paginator(plans.order_by("-requested_on", "-id"), PAGE_SIZE).get_page(page_number)
    shown = list(page.object_list)
    _log_listing(actor, shown)
    query = QueryDict(mutable=True)
    if status:
        query["steg"] = status
    if scope != PlanFilterForm.UNIT:
        query["visa"] = scope
    return render(
        request,
        "plans/workflow/list.html",
        {
            "form": form,
            "page": page,
            "rows": [(plan, current_step_label(plan), deadline_state(plan)) for plan in shown],
            "query": query.urlencode(),
            "filtered": bool(status or scope != PlanFilterForm.UNIT),
            "whole_organisation": scope == PlanFilterForm.ORGANISATION,
        },
    )


# --- Step 1: the request -----------------------------------------------------------------------------------------


def _deadline_message(plan: Plan) -> str:
    profile = plan.profile
    count = _("kalenderdagar") if profile.day_count == DayCount.CALENDAR else _("arbetsdagar")
    if profile.deadline_milestone == DeadlineMilestone.SUMMONS:
        text = _("Kallelsen ska vara skickad senast %(date)s (%(days)s %(count)s från begäran).")
    else:
        text = _("SIP-mötet ska vara hållet senast %(date)s (%(days)s %(count)s från begäran).")
    return text % {"date": _date(plan.deadline), "days": profile.deadline_days, "count": count}


@login_required
@never_cache
@require_http_methods(GET_POST)
def plan_request(request: HttpRequest, person_uuid: UUID) -> HttpResponse:
    """Start a SIP for a person the organisation has in its own records."""
    actor = _worker(request)
    person = people_access.get_person(actor, person_uuid)
    if not people_access.may_change_person(actor, person):
        raise Http404
    profiles = access.profiles_for(actor)
    assert actor.unit is not None  # people_worker requires one
    units = access.invitable_units().exclude(pk=actor.unit.pk)
    form = PlanRequestForm(_posted(request), profiles=profiles, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = actions.request_plan(
                actor,
                person,
                profile=data["profile"],
                requested_on=data["requested_on"],
                reason=data["reason"],
                on_behalf_of=form.on_behalf_of(),
                units_needed=form.selected_units(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("SIP:en är begärd.") + " " + _deadline_message(plan))
            return redirect("plans:detail", plan_uuid=plan.uuid)
    return render(
        request,
        "plans/workflow/request.html",
        {"person": person, "form": form, "has_profiles": profiles.exists()},
    )


# --- The plan page -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NextStep:
    text: str
    url: str | None = None
    label: str = ""


def _next_step(plan: Plan, drafts: list[Invitation], upcoming: Meeting | None) -> NextStep | None:
    """What the leading organisation does next, from where the plan stands."""
    uuid = plan.uuid
    consent_ok = plan.consent is not None and plan.consent.is_active()
    if plan.is_closed:
        return None
    if plan.status in {PlanStatus.REQUESTED, PlanStatus.PREPARING} and (
        not consent_ok or not plan.what_matters.strip()
    ):
        return NextStep(
            _("Träffa personen: ta reda på vad som är viktigt för hen och vilket samtycke planen bygger på."),
            reverse("plans:prepare", kwargs={"plan_uuid": uuid}),
            _("Förbered med personen"),
        )
    if plan.status in {PlanStatus.REQUESTED, PlanStatus.PREPARING, PlanStatus.SUMMONED}:
        if upcoming is None and not plan.meetings.filter(held=True).exists():
            return NextStep(
                _("Boka SIP-mötet, på en tid och plats som passar personen."),
                reverse("plans:meeting_book", kwargs={"plan_uuid": uuid}),
                _("Boka mötet"),
            )
        if drafts:
            return NextStep(
                _("Skicka inbjudningarna till enheterna, med mötet som kalenderinbjudan."),
                reverse("plans:invitations_send", kwargs={"plan_uuid": uuid}),
                _("Skicka inbjudningar"),
            )
        if not plan.invitations.filter(status__in=access.TAKING_PART).exists():
            return NextStep(
                _("Bjud in de enheter som behövs."),
                reverse("plans:invitation_add", kwargs={"plan_uuid": uuid}),
                _("Bjud in en enhet"),
            )
        if upcoming is not None and upcoming.starts_at > timezone.now():
            when = formats.date_format(timezone.localtime(upcoming.starts_at), "j F Y H:i")
            return NextStep(
                _("Mötet är bokat till %(when)s. Registrera vilka som kom när mötet är hållet.") % {"when": when}
            )
        if upcoming is not None:
            return NextStep(
                _("Registrera vilka som kom när mötet är hållet."),
                reverse("plans:meeting_record", kwargs={"plan_uuid": uuid, "meeting_uuid": upcoming.uuid}),
                _("Registrera mötet"),
            )
    if plan.status == PlanStatus.PLANNING:
        return NextStep(
            _("Skriv planen tillsammans: behov, insatser, mål, vem som gör vad och när, huvudansvar och uppföljning."),
            _optional_url("plans:content", plan_uuid=uuid),
            _("Planens innehåll"),
        )
    if plan.status == PlanStatus.ESTABLISHED and plan.next_followup_on:
        return NextStep(
            _("Följ upp planen senast %(date)s.") % {"date": _date(plan.next_followup_on)},
            _optional_url("plans:followup", plan_uuid=uuid),
            _("Följ upp"),
        )
    return None


def _done_steps(plan: Plan) -> list[str]:
    """What has been done, step by step, in words."""
    done = [
        _("Begärd %(date)s av %(unit)s.") % {"date": _date(plan.requested_on), "unit": plan.initiating_unit},
    ]
    if plan.status != PlanStatus.REQUESTED:
        done.append(_("Förberedelse med personen påbörjad."))
    if plan.summoned_on:
        done.append(_("Kallelse skickad %(date)s.") % {"date": _date(plan.summoned_on)})
    if plan.first_meeting_on:
        done.append(_("Första SIP-mötet hölls %(date)s.") % {"date": _date(plan.first_meeting_on)})
    if plan.established_version:
        done.append(_("Fastställd, version %(number)s.") % {"number": plan.established_version})
    if plan.closed_at:
        done.append(_("Avslutad %(date)s.") % {"date": _date(timezone.localdate(plan.closed_at))})
    return done


def _consent_coverage(plan: Plan, organisations: list[Organisation] | None = None) -> set[int]:
    """Organisations named by the plan's consent while it is in force (from `organisations`, the consent's
    organisations, when the caller has read them already)."""
    if plan.consent is None or not plan.consent.is_active():
        return set()
    if organisations is not None:
        return {organisation.pk for organisation in organisations}
    return set(plan.consent.organisations.values_list("pk", flat=True))


@login_required
@never_cache
@require_GET
def plan_detail(request: HttpRequest, plan_uuid: UUID) -> HttpResponse:
    actor, plan = _plan(request, plan_uuid)
    may_lead = access.may_lead(actor, plan)
    invitations = list(plan.invitations.select_related("unit__organisation").order_by("status", "id"))
    drafts = [i for i in invitations if i.status == InvitationStatus.DRAFT]
    meetings = list(plan.meetings.all())
    upcoming = next((m for m in meetings if not m.held and not m.cancelled), None)
    attendance: dict[int, list[Attendance]] = {}
    attending = Attendance.objects.filter(meeting__plan=plan).select_related(
        "invitation__unit__organisation", "participant"
    )
    for row in attending:
        attendance.setdefault(row.meeting_id, []).append(row)
    # The consent's organisations, read once: the page lists them and marks the invited units they cover.
    consent_organisations = list(plan.consent.organisations.all()) if plan.consent is not None else []
    covered = _consent_coverage(plan, consent_organisations)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "ground": LegalGround(access.plan_ground(actor, plan) or LegalGround.NONE).label,
            "may_lead": may_lead,
            "may_edit": access.may_edit(actor, plan),
            "next_step": _next_step(plan, drafts, upcoming) if may_lead else None,
            "done_steps": _done_steps(plan),
            "consent": plan.consent,
            "consent_active": plan.consent is not None and plan.consent.is_active(),
            "consent_organisations": consent_organisations,
            "may_record_consent": people_access.may_record_consent(actor, plan.person),
            "invitations": [
                (i, i.unit.organisation_id in covered) for i in invitations if i.status != InvitationStatus.WITHDRAWN
            ],
            "withdrawn": [i for i in invitations if i.status == InvitationStatus.WITHDRAWN],
            "has_drafts": bool(drafts),
            "meetings": [(m, attendance.get(m.pk, [])) for m in meetings],
            "participants": plan.current_participants().select_related("person"),
            "now": timezone.now(),
        },
    )


# --- Step 2: preparation -----------------------------------------------------------------------------------------


def _consents_in_force(actor: Actor, person: Person) -> QuerySet[Consent]:
    visible = people_access.visible_consents(actor, person).values("pk")
    return Consent.objects.active_on().filter(pk__in=visible).prefetch_related("organisations").order_by("-valid_from")


@login_required
@never_cache
@require_http_methods(GET_POST)
def prepare(request: HttpRequest, plan_uuid: UUID) -> HttpResponse:
    """What matters to the person, in their own words, their goals and part, the questions for the meeting and the
    consent the plan rests on. Saved with optimistic locking: a save from a stale page changes nothing."""
    actor, plan = _led_plan(request, plan_uuid)
    consents = _consents_in_force(actor, plan.person)
    form = PreparationForm(_posted(request), plan=plan, consents=consents)
    differences: list[tuple[str, str, str]] = []
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_preparation(actor, plan, form.cleaned_data["lock_version"], form.values())
        except actions.PlanEditConflict as conflict:
            differences = form.differences(conflict.plan)
            data = request.POST.copy()
            data["lock_version"] = str(conflict.plan.lock_version)
            form = PreparationForm(data, plan=conflict.plan, consents=consents)
            form.add_error(
                None,
                _(
                    "Någon annan har sparat ändringar i planen medan du arbetade. Dina ändringar är inte sparade. "
                    "Jämför med det som är sparat nu, rätta det som behövs och spara igen."
                ),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Förberedelsen är sparad."))
            return redirect("plans:detail", plan_uuid=plan.uuid)
    return render(
        request,
        "plans/workflow/prepare.html",
        {
            "plan": plan,
            "form": form,
            "differences": differences,
            "consents": consents,
            "current_consent_ended": plan.consent is not None and not plan.consent.is_active(),
            "may_record_consent": people_access.may_record_consent(actor, plan.person),
        },
    )


@login_required
@never_cache
@require_http_methods(GET_POST)
def participant_add(request: HttpRequest, plan_uuid: UUID) -> HttpResponse:
    """The person and relatives, invited on their terms."""
    actor, plan = _led_plan(request, plan_uuid)
    guardians = people_access.current_guardians(actor, plan.person).values("pk")
    people = Person.objects.filter(Q(pk=plan.person_id) | Q(pk__in=guardians)).order_by("last_name", "first_name")
    form = ParticipantForm(_posted(request), people=people)
    if request.method == "POST" and form.is_valid():
        participant = actions.add_participant(actor, plan, **form.values())
        messages.success(request, _("%(name)s är tillagd som deltagare.") % {"name": participant.name})
        return redirect("plans:detail", plan_uuid=plan.uuid)
    return render(request, "plans/workflow/participant_form.html", {"plan": plan, "form": form})


def _editable_participant(request: HttpRequest, plan_uuid: UUID, participant_uuid: UUID) -> tuple[Actor, Plan, Any]:
    """A participant (not removed) of a plan the actor may edit; 404 otherwise."""
    actor, plan = _plan(request, plan_uuid)
    participant = plan.current_participants().filter(uuid=participant_uuid).first()
    if participant is None or not access.may_edit(actor, plan):
        raise Http404
    participant.plan = plan
    return actor, plan, participant


# Lazy: a module-level text translated at import would stay in the language of the first request.
_CONFLICT = gettext_lazy(
    "Någon annan har sparat ändringar i planen medan du arbetade. Ingenting är ändrat. Se efter hur det ser ut nu "
    "och gör om ändringen om den fortfarande behövs."
)


@login_required
@never_cache
@require_http_methods(GET_POST)
def participant_edit(request: HttpRequest, plan_uuid: UUID, participant_uuid: UUID) -> HttpResponse:
    """How a participant wants to be contacted and take part; saved with the plan's lock version."""
    actor, plan, participant = _editable_participant(request, plan_uuid, participant_uuid)
    form = ParticipantEditForm(_posted(request), participant=participant, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_participant(actor, participant, form.cleaned_data["lock_version"], form.values())
        except actions.PlanEditConflict:
            form.add_error(None, str(_CONFLICT))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Uppgifterna om %(name)s är sparade.") % {"name": participant.name})
            return redirect(reverse("plans:detail", kwargs={"plan_uuid": plan.uuid}) + "#deltagare")
    return render(
        request, "plans/workflow/participant_edit.html", {"plan": plan, "participant": participant, "form": form}
    )


@login_required
@never_cache
@require_http_methods(GET_POST)
def participant_remove(request: HttpRequest, plan_uuid: UUID, participant_uuid: UUID) -> HttpResponse:
    """Take a relative or support person off the plan (never the person the plan is for while it is open)."""
    actor, plan, participant = _editable_participant(request, plan_uuid, participant_uuid)
    form = RemoveItemForm(_posted(request), plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            actions.remove_participant(actor, participant, form.cleaned_data["lock_version"])
        except actions.PlanEditConflict:
            form.add_error(None, str(_CONFLICT))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("%(name)s är borttagen som deltagare.") % {"name": participant.name})
            return redirect(reverse("plans:detail", kwargs={"plan_uuid": plan.uuid}) + "#deltagare")
    return render(
        request,
        "plans/workflow/participant_remove.html",
        {"plan": plan, "participant": participant, "form": form, "is_person": participant.is_plan_person},
    )


# --- Step 3: invitations -----------------------------------------------------------------------------------------


@login_required
@never_cache
@require_http_methods(GET_POST)
def invitation_add(request: HttpRequest, plan_uuid: UUID) -> HttpResponse:
    actor, plan = _led_plan(request, plan_uuid)
    invited = plan.invitations.exclude(status=InvitationStatus.WITHDRAWN).values("unit")
    units = access.invitable_units(plan).exclude(pk=plan.initiating_unit_id).exclude(pk__in=invited)
    form = InvitationForm(_posted(request), units=units)
    covered = _consent_coverage(plan)
    if request.method == "POST" and form.is_valid():
        unit = form.selected_unit()
        try:
            actions.add_invitation(actor, plan, unit, form.cleaned_data["reason"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("%(unit)s är tillagd. Inbjudan skickas när du skickar inbjudningarna.") % {"unit": unit}
            )
            if unit.organisation_id not in covered:
                messages.warning(
                    request,
                    _(
                        "Samtycket omfattar inte %(organisation)s. Inbjudan kan inte skickas förrän personen har "
                        "samtyckt till att %(organisation)s deltar."
                    )
                    % {"organisation": unit.organisation.name},
                )
            return redirect("plans:detail", plan_uuid=plan.uuid)
    return render(
        request,
        "plans/workflow/invitation_form.html",
        {"plan": plan, "form": form, "consent_active": bool(covered)},
    )


@login_required
@never_cache
@require_http_methods(GET_POST)
def invitation_withdraw(request: HttpRequest, plan_uuid: UUID, invitation_uuid: UUID) -> HttpResponse:
    actor, plan = _led_plan(request, plan_uuid)
    invitation = (
        plan.invitations.exclude(status=InvitationStatus.WITHDRAWN)
        .select_related("unit__organisation")
        .filter(uuid=invitation_uuid)
        .first()
    )
    if invitation is None:
        raise Http404
    form = ConfirmForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        actions.withdraw_invitation(actor, invitation)
        messages.success(request, _("Inbjudan till %(unit)s är återtagen.") % {"unit": invitation.unit})
        return redirect("plans:detail", plan_uuid=plan.uuid)
    return render(
        request, "plans/workflow/invitation_withdraw.html", {"plan": plan, "invitation": invitation, "form": form}
    )


@login_required
@never_cache
@require_http_methods(GET_POST)
def invitations_send(request: HttpRequest, plan_uuid: UUID) -> HttpResponse:
    """Send the draft invitations, after showing which organisations the consent covers."""
    actor, plan = _led_plan(request, plan_uuid)
    form = ConfirmForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            sent = actions.send_invitations(actor, plan)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request,
                _("Inbjudningarna är skickade till %(units)s.") % {"units": ", ".join(str(i.unit) for i in sent)},
            )
            return redirect("plans:detail", plan_uuid=plan.uuid)
    covered = _consent_coverage(plan)
    drafts = plan.invitations.filter(status=InvitationStatus.DRAFT).select_related("unit__organisation")
    return render(
        request,
        "plans/workflow/invitations_send.html",
        {
            "plan": plan,
            "form": form,
            "drafts": [(i, i.unit.organisation_id in covered) for i in drafts],
            "consent_active": plan.consent is not None and plan.consent.is_active(),
            "meeting": plan.meetings.filter(held=False, cancelled=False).order_by("starts_at").first(),
        },
    )


@login_required
@never_cache
@require_GET
def invitations_inbox(request: HttpRequest) -> HttpResponse:
    """Invitations to the actor's unit that wait for an answer."""
    actor = _worker(request)
    pending = (
        access.unit_invitations(actor)
        .filter(status=InvitationStatus.PENDING)
        .exclude(plan__status=PlanStatus.CLOSED)
        .select_related("plan__person", "plan__profile", "plan__initiating_unit__organisation")
        .order_by("sent_at", "id")
    )
    invitations = access.keep_visible(actor, pending, lambda invitation: invitation.plan)
    _log_listing(actor, [i.plan for i in invitations])
    # Each plan's next meeting, for all the invitations in one query.
    next_meeting: dict[int, Meeting] = {}
    upcoming = Meeting.objects.filter(plan__in=[i.plan_id for i in invitations], held=False, cancelled=False)
    for meeting in upcoming.order_by("starts_at", "pk"):
        next_meeting.setdefault(meeting.plan_id, meeting)
    rows = [(i, next_meeting.get(i.plan_id)) for i in invitations]
    return render(request, "plans/workflow/invitations_inbox.html", {"rows": rows, "unit": actor.unit})


@login_required
@never_cache
@require_http_methods(GET_POST)
def invitation_answer(request: HttpRequest, invitation_uuid: UUID) -> HttpResponse:
    """The invited unit accepts and names its representative, or declines with a reason the requester sees."""
    actor = _worker(request)
    invitation = access.get_invitation_to_answer(actor, invitation_uuid)  # logs the read of its plan
    plan = invitation.plan
    form = InvitationAnswerForm(_posted(request), invitation=invitation, representative=str(actor.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.answer_invitation(
                actor,
                invitation,
                accept=form.accepts,
                representative_name=data["representative_name"].strip(),
                representative_phone=data["representative_phone"].strip(),
                decline_reason=data["decline_reason"].strip(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if form.accepts:
                messages.success(
                    request, _("Ni deltar i planen. Företrädare: %(name)s.") % {"name": data["representative_name"]}
                )
                return redirect("plans:detail", plan_uuid=plan.uuid)
            messages.success(request, _("Ni har avböjt inbjudan. Skälet visas för den som bjöd in."))
            return redirect("plans:invitations_inbox")
    return render(
        request,
        "plans/workflow/invitation_answer.html",
        {
            "plan": plan,
            "invitation": invitation,
            "form": form,
            "meeting": plan.meetings.filter(held=False, cancelled=False).order_by("starts_at").first(),
        },
    )


# --- Step 4: meetings --------------------------------------------------------------------------------------------


def _meeting_values(form: forms.Form) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "starts_at": data["starts_at"],
        "ends_at": data["ends_at"],
        "location": data["location"].strip(),
        "video_link": data["video_link"],
    }


@login_required
@never_cache
@require_http_methods(GET_POST)
def meeting_book(request: HttpRequest, plan_uuid: UUID) -> HttpResponse:
    actor, plan = _led_plan(request, plan_uuid)
    form = MeetingBookForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.book_meeting(actor, plan, kind=form.cleaned_data["kind"], **_meeting_values(form))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            text = _("Mötet är bokat.")
            if plan.invitations.filter(status__in=access.TAKING_PART).exists():
                text += " " + _("Enheter som redan är inbjudna får en kalenderinbjudan.")
            if plan.invitations.filter(status=InvitationStatus.DRAFT).exists():
                text += " " + _("Skicka inbjudningarna när samtycket omfattar enheterna.")
            messages.success(request, text)
            return redirect("plans:detail", plan_uuid=plan.uuid)
    return render(request, "plans/workflow/meeting_form.html", {"plan": plan, "form": form, "meeting": None})


@login_required
@never_cache
@require_http_methods(GET_POST)
def meeting_edit(request: HttpRequest, plan_uuid: UUID, meeting_uuid: UUID) -> HttpResponse:
    """A new time or place; the invited units get an updated calendar file (the same UID, SEQUENCE + 1)."""
    actor, plan = _led_plan(request, plan_uuid)
    meeting = _open_meeting(plan, meeting_uuid)
    initial = {
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "location": meeting.location,
        "video_link": meeting.video_link,
    }
    form = MeetingForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.reschedule_meeting(actor, meeting, **_meeting_values(form))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Mötet är ändrat. Inbjudna enheter får en uppdaterad kalenderinbjudan."))
            return redirect("plans:detail", plan_uuid=plan.uuid)
    return render(request, "plans/workflow/meeting_form.html", {"plan": plan, "form": form, "meeting": meeting})


@login_required
@never_cache
@require_http_methods(GET_POST)
def meeting_cancel(request: HttpRequest, plan_uuid: UUID, meeting_uuid: UUID) -> HttpResponse:
    """Cancel a planned meeting with a reason; the invited units get a calendar cancellation."""
    actor, plan = _led_plan(request, plan_uuid)
    meeting = _open_meeting(plan, meeting_uuid)
    form = MeetingCancelForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.cancel_meeting(actor, meeting, form.cleaned_data["reason"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Mötet är inställt. Inbjudna enheter får besked och en kalenderavbokning."))
            return redirect(reverse("plans:detail", kwargs={"plan_uuid": plan.uuid}) + "#moten")
    return render(request, "plans/workflow/meeting_cancel.html", {"plan": plan, "form": form, "meeting": meeting})


@login_required
@never_cache
@require_http_methods(GET_POST)
def meeting_record(request: HttpRequest, plan_uuid: UUID, meeting_uuid: UUID) -> HttpResponse:
    """The meeting is held: who came, from every invited unit and among the person and relatives."""
    actor, plan = _led_plan(request, plan_uuid)
    meeting = _open_meeting(plan, meeting_uuid)
    invitations = plan.invitations.filter(status__in=access.TAKING_PART).select_related("unit__organisation")
    participants = plan.current_participants()
    form = MeetingRecordForm(
        _posted(request), invitations=invitations, participants=participants, starts_at=meeting.starts_at
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.record_meeting(
            actor,
            meeting,
            attended_invitations=data["units_attended"],
            attended_participants=data["participants_attended"],
            notes=data["notes"],
        )
        messages.success(request, _("Mötet är registrerat som hållet."))
        return redirect("plans:detail", plan_uuid=plan.uuid)
    return render(
        request,
        "plans/workflow/meeting_record.html",
        {
            "plan": plan,
            "meeting": meeting,
            "form": form,
            "has_pending": invitations.filter(status=InvitationStatus.PENDING).exists(),
        },
    )


@login_required
@never_cache
@require_GET
def meeting_ics_download(request: HttpRequest, plan_uuid: UUID, meeting_uuid: UUID) -> HttpResponse:
    """The meeting as a calendar file. It names no person: it may be stored outside the secrecy domain."""
    _actor, plan = _plan(request, plan_uuid)
    meeting = plan.meetings.filter(uuid=meeting_uuid).first()
    if meeting is None:
        raise Http404
    body = meeting_ics(
        meeting,
        summary=_("SIP-möte (Knutpunkt)"),
        description=_("Samordnad individuell plan. Inbjudan och planen finns i Knutpunkt."),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sip-mote.ics"'
    return response
