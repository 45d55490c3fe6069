"""Every change to a coordinated plan, as a named action in one transaction with its audit event.

Edits of the plan's text and contents carry the `lock_version` the user started from; a save based on an older
version is refused with `PlanEditConflict`, so two people never silently overwrite each other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from knutpunkt.audit.actions import record
from knutpunkt.audit.models import LegalGround
from knutpunkt.organisations.access import Actor
from knutpunkt.organisations.models import Organisation, Unit
from knutpunkt.people import access as people_access
from knutpunkt.people.models import Consent, Person
from knutpunkt.plans import access
from knutpunkt.plans.calendar import meeting_ics
from knutpunkt.plans.contents import missing_contents, snapshot
from knutpunkt.plans.deadlines import add_days
from knutpunkt.plans.models import (
    AgreementProfile,
    Attendance,
    ClosureReason,
    Commitment,
    CommitmentStatus,
    ContactPerson,
    FollowUp,
    Goal,
    Intervention,
    Invitation,
    InvitationStatus,
    Meeting,
    MeetingKind,
    Need,
    Participant,
    ParticipantRole,
    Plan,
    PlanStatus,
    PlanVersion,
    Reminder,
    ReminderKind,
)


class PlanEditConflict(Exception):
    """Someone else saved the plan after this user opened it."""

    def __init__(self, plan: Plan) -> None:
        super().__init__("The plan was changed by someone else")
        self.plan = plan


def _ground(actor: Actor, plan: Plan) -> str:
    return access.plan_ground(actor, plan) or LegalGround.NONE


def _log(actor: Actor, event: str, plan: Plan, obj: Any = None, **detail: Any) -> None:
    record(
        actor,
        event,
        person=plan.person,
        obj=obj if obj is not None else plan,
        legal_ground=_ground(actor, plan),
        detail=detail,
    )


def _bump(plan: Plan, lock_version: int) -> None:
    """Claim the next lock version, or raise PlanEditConflict. Call inside the action's transaction."""
    claimed = Plan.objects.filter(pk=plan.pk, lock_version=lock_version).update(lock_version=F("lock_version") + 1)
    if claimed != 1:
        raise PlanEditConflict(Plan.objects.get(pk=plan.pk))
    plan.lock_version = lock_version + 1


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


# --- Step 1: identify the need ---------------------------------------------------------------------------------


def deadline_for(profile: AgreementProfile, requested_on: dt.date) -> dt.date:
    return add_days(requested_on, profile.deadline_days, profile.day_count)


def request_plan(
    actor: Actor,
    person: Person,
    *,
    profile: AgreementProfile,
    requested_on: dt.date,
    reason: str,
    on_behalf_of: str = "",
    units_needed: Iterable[Unit] = (),
) -> Plan:
    """Start a SIP. The deadline clock starts at the request date. The units thought to be needed become draft
    invitations, sent only once consent covers them."""
    _require(people_access.legal_ground(actor, person) == LegalGround.OWN_RECORDS)
    _require(access.profiles_for(actor).filter(pk=profile.pk).exists())
    if requested_on > timezone.localdate():
        raise ValidationError({"requested_on": _("Begäran kan inte vara daterad i framtiden.")})
    assert actor.unit is not None
    with transaction.atomic():
        plan = Plan.objects.create(
            person=person,
            profile=profile,
            requested_on=requested_on,
            request_reason=reason,
            requested_on_behalf_of=on_behalf_of,
            requested_by=actor.user,
            initiating_unit=actor.unit,
            deadline=deadline_for(profile, requested_on),
        )
        for unit in units_needed:
            if unit.organisation_id != actor.unit.organisation_id or unit.pk != actor.unit.pk:
                Invitation.objects.create(plan=plan, unit=unit, reason=_("Bedömd som behövd vid begäran."))
        _log(actor, "plan.requested", plan, deadline=plan.deadline.isoformat())
    return plan


# --- Step 2: prepare with the person ---------------------------------------------------------------------------


def update_preparation(actor: Actor, plan: Plan, lock_version: int, values: dict[str, Any]) -> None:
    """What matters to the person, their own goals and part, the questions for the meeting, and the consent."""
    _require(access.may_lead(actor, plan))
    consent: Consent | None = values.get("consent")
    if consent is not None and (consent.person_id != plan.person_id or not consent.is_active()):
        raise ValidationError({"consent": _("Samtycket måste gälla personen och vara giltigt.")})
    fields = ["what_matters", "person_goals", "person_own_part", "meeting_questions", "consent"]
    with transaction.atomic():
        _bump(plan, lock_version)
        for name in fields:
            if name in values:
                setattr(plan, name, values[name])
        if plan.status == PlanStatus.REQUESTED:
            plan.status = PlanStatus.PREPARING
        plan.save(update_fields=[*fields, "status"])
        _log(actor, "plan.prepared", plan, fields=[f for f in fields if f in values])


def add_participant(actor: Actor, plan: Plan, **values: Any) -> Participant:
    _require(access.may_lead(actor, plan))
    with transaction.atomic():
        participant = Participant.objects.create(plan=plan, **values)
        _log(actor, "plan.participant_added", plan, participant, role=participant.role)
    return participant


# Who may change a participant's details or take them off the plan: everyone who may edit the plan (they take part
# in it), with the plan's lock version, as for the plan's contents. The person the plan is for is never taken off
# an open plan: the plan is made with them, on their terms. If they do not want to come to a meeting, their row
# says so (attends), and they stay a participant. (A closed plan is not edited at all.)
PARTICIPANT_FIELDS = ("role", "name", "contact_preference", "needs", "attends")


def change_participant(actor: Actor, participant: Participant, lock_version: int, values: dict[str, Any]) -> None:
    plan = participant.plan
    _require(access.may_edit(actor, plan) and not participant.removed)
    if participant.is_plan_person and values.get("role", ParticipantRole.PERSON) != participant.role:
        raise ValidationError({"role": _("Personen som planen gäller är alltid med som sig själv.")})
    changed = [name for name in PARTICIPANT_FIELDS if name in values and getattr(participant, name) != values[name]]
    with transaction.atomic():
        _bump(plan, lock_version)
        for name in changed:
            setattr(participant, name, values[name])
        participant.save(update_fields=changed)
        _log(actor, "plan.participant_changed", plan, participant, fields=changed)


def remove_participant(actor: Actor, participant: Participant, lock_version: int) -> None:
    """Take a relative, guardian or support person off the plan. The row is kept (meeting attendance and the log
    refer to it) and marked removed."""
    plan = participant.plan
    _require(access.may_edit(actor, plan) and not participant.removed)
    if participant.is_plan_person:
        raise ValidationError(_("Personen som planen gäller kan inte tas bort medan planen pågår."))
    with transaction.atomic():
        _bump(plan, lock_version)
        participant.removed = True
        participant.save(update_fields=["removed"])
        _log(actor, "plan.participant_removed", plan, participant, role=participant.role)


# --- Step 3: summon and invite ---------------------------------------------------------------------------------


def add_invitation(actor: Actor, plan: Plan, unit: Unit, reason: str) -> Invitation:
    _require(access.may_lead(actor, plan))
    if plan.invitations.filter(unit=unit).exclude(status=InvitationStatus.WITHDRAWN).exists():
        raise ValidationError({"unit": _("Enheten är redan inbjuden.")})
    with transaction.atomic():
        invitation = Invitation.objects.create(plan=plan, unit=unit, reason=reason)
        _log(actor, "plan.invitation_added", plan, invitation, unit=str(unit))
    return invitation


def withdraw_invitation(actor: Actor, invitation: Invitation) -> None:
    _require(access.may_lead(actor, invitation.plan))
    with transaction.atomic():
        invitation.status = InvitationStatus.WITHDRAWN
        invitation.save(update_fields=["status"])
        _log(actor, "plan.invitation_withdrawn", invitation.plan, invitation)


def book_meeting(
    actor: Actor,
    plan: Plan,
    *,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    location: str = "",
    video_link: str = "",
    kind: str = MeetingKind.SIP,
) -> Meeting:
    _require(access.may_lead(actor, plan))
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("Mötet måste sluta efter att det börjat.")})
    if not location and not video_link:
        raise ValidationError({"location": _("Ange en plats eller en länk till videomöte.")})
    with transaction.atomic():
        meeting = Meeting.objects.create(
            plan=plan, starts_at=starts_at, ends_at=ends_at, location=location, video_link=video_link, kind=kind
        )
        _log(actor, "plan.meeting_booked", plan, meeting, starts_at=starts_at.isoformat())
        _notify_units(meeting, _taking_part(plan))
    return meeting


def reschedule_meeting(
    actor: Actor, meeting: Meeting, *, starts_at: dt.datetime, ends_at: dt.datetime, location: str, video_link: str
) -> None:
    _require(access.may_lead(actor, meeting.plan) and not meeting.held)
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("Mötet måste sluta efter att det börjat.")})
    with transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=starts_at, ends_at=ends_at, location=location, video_link=video_link, sequence=F("sequence") + 1
        )
        meeting.refresh_from_db()
        _log(actor, "plan.meeting_changed", meeting.plan, meeting, starts_at=starts_at.isoformat())
        _notify_units(meeting, _taking_part(meeting.plan))


def cancel_meeting(actor: Actor, meeting: Meeting, reason: str) -> None:
    """Cancel a planned meeting, with the reason the plan page shows. The units invited to it get an e-mail and a
    calendar cancellation (the invitation's UID, a higher SEQUENCE), which names neither the person nor the
    reason: the reason may say something about the person, and e-mail leaves the secrecy domain's systems."""
    _require(access.may_lead(actor, meeting.plan) and not meeting.held and not meeting.cancelled)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Ange varför mötet ställs in.")})
    with transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(cancelled=True, cancel_reason=reason, sequence=F("sequence") + 1)
        meeting.refresh_from_db()
        _log(actor, "plan.meeting_cancelled", meeting.plan, meeting, starts_at=meeting.starts_at.isoformat())
        _notify_units(meeting, _taking_part(meeting.plan), cancelled=True)


def send_invitations(actor: Actor, plan: Plan) -> list[Invitation]:
    """Send the draft invitations to their units' function addresses, with the meeting as a calendar file.
    Every invited organisation must be named by the plan's consent in force."""
    _require(access.may_lead(actor, plan))
    drafts = list(plan.invitations.filter(status=InvitationStatus.DRAFT).select_related("unit__organisation"))
    if not drafts:
        raise ValidationError(_("Det finns inga nya inbjudningar att skicka."))
    if plan.consent is None or not plan.consent.is_active():
        raise ValidationError(_("Registrera personens samtycke innan inbjudningar skickas."))
    named = set(plan.consent.organisations.values_list("pk", flat=True))
    uncovered = [str(d.unit.organisation) for d in drafts if d.unit.organisation_id not in named]
    if uncovered:
        raise ValidationError(
            _("Samtycket omfattar inte: %(names)s. Ta bort inbjudan eller registrera ett nytt samtycke.")
            % {"names": ", ".join(sorted(set(uncovered)))}
        )
    meeting = plan.meetings.filter(held=False, cancelled=False).order_by("starts_at").first()
    if meeting is None:
        raise ValidationError(_("Boka mötet innan inbjudningarna skickas."))
    now = timezone.now()
    with transaction.atomic():
        for invitation in drafts:
            invitation.status = InvitationStatus.PENDING
            invitation.sent_at = now
            invitation.save(update_fields=["status", "sent_at"])
        if plan.summoned_on is None:
            plan.summoned_on = timezone.localdate()
        if plan.status in {PlanStatus.REQUESTED, PlanStatus.PREPARING}:
            plan.status = PlanStatus.SUMMONED
        plan.save(update_fields=["summoned_on", "status"])
        _log(actor, "plan.invitations_sent", plan, units=[str(d.unit) for d in drafts])
        _notify_units(meeting, drafts)
    return drafts


def _notify_units(meeting: Meeting, invitations: Iterable[Invitation], *, cancelled: bool = False) -> None:
    """E-mail to each unit's function address: when and where, never who it is about (the e-mail and the calendar
    file leave the secrecy domain's systems). The details are in Knutpunkt. For a cancelled meeting, the calendar
    file removes it from their calendars."""
    when = timezone.localtime(meeting.starts_at)
    for invitation in invitations:
        if not invitation.unit.email:
            continue
        if cancelled:
            text = _(
                "SIP-mötet den %(when)s, %(where)s, som %(unit)s var inbjuden till, är inställt.\n\n"
                "Logga in i Knutpunkt för att se varför och om ett nytt möte är bokat."
            )
            subject = _("Inställt SIP-möte %(date)s")
        else:
            text = _(
                "%(unit)s är inbjuden till ett SIP-möte den %(when)s, %(where)s.\n\n"
                "Logga in i Knutpunkt för att se inbjudan, tacka ja och utse en företrädare, eller avböja med skäl."
            )
            subject = _("Inbjudan till SIP-möte %(date)s")
        body = text % {
            "unit": invitation.unit.name,
            "when": when.strftime("%Y-%m-%d %H:%M"),
            "where": meeting.location or _("videomöte"),
        }
        message = EmailMessage(
            subject=subject % {"date": when.strftime("%Y-%m-%d")},
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[invitation.unit.email],
        )
        message.attach(
            "sip-mote.ics",
            meeting_ics(meeting, summary=_("SIP-möte (Knutpunkt)"), description=body, cancelled=cancelled),
            f"text/calendar; method={'CANCEL' if cancelled else 'REQUEST'}; charset=utf-8",
        )
        transaction.on_commit(message.send)


def _taking_part(plan: Plan) -> QuerySet[Invitation]:
    """The invitations whose units are expected at the plan's meetings: sent and not declined."""
    return plan.invitations.filter(status__in=access.TAKING_PART).select_related("unit")


def answer_invitation(
    actor: Actor,
    invitation: Invitation,
    *,
    accept: bool,
    representative_name: str = "",
    representative_phone: str = "",
    decline_reason: str = "",
) -> None:
    """The invited unit accepts and names its representative, or declines with a reason the requester sees."""
    _require(invitation.unit_id == (actor.unit.pk if actor.unit else None))
    if invitation.status not in access.TAKING_PART:
        raise ValidationError(_("Inbjudan kan inte besvaras."))
    if accept and not representative_name.strip():
        raise ValidationError({"representative_name": _("Ange vem som företräder enheten.")})
    if not accept and not decline_reason.strip():
        raise ValidationError({"decline_reason": _("Ange skälet till att ni avböjer.")})
    plan = invitation.plan
    with transaction.atomic():
        invitation.status = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
        invitation.responded_at = timezone.now()
        invitation.responded_by = actor.user
        invitation.representative = actor.user if accept and representative_name == str(actor.user) else None
        invitation.representative_name = representative_name if accept else ""
        invitation.representative_phone = representative_phone if accept else ""
        invitation.decline_reason = "" if accept else decline_reason
        invitation.save()
        _log(actor, "plan.invitation_accepted" if accept else "plan.invitation_declined", plan, invitation)
        if not accept:
            Reminder.objects.get_or_create(
                key=f"declined:{invitation.uuid}",
                defaults={
                    "unit": plan.initiating_unit,
                    "plan": plan,
                    "kind": ReminderKind.INVITATION_DECLINED,
                    "message": _("%(unit)s avböjde inbjudan: %(reason)s")
                    % {"unit": invitation.unit, "reason": decline_reason[:200]},
                    "due_on": timezone.localdate(),
                },
            )


# --- Step 4: the meeting ---------------------------------------------------------------------------------------


def record_meeting(
    actor: Actor,
    meeting: Meeting,
    *,
    attended_invitations: Iterable[Invitation],
    attended_participants: Iterable[Participant],
    notes: str = "",
) -> None:
    """The meeting is held: who came, from every invited unit and among the person and relatives."""
    plan = meeting.plan
    _require(access.may_lead(actor, plan) and not meeting.held and not meeting.cancelled)
    came = {i.pk for i in attended_invitations}
    participants_came = {p.pk for p in attended_participants}
    with transaction.atomic():
        meeting.held = True
        meeting.notes = notes
        meeting.save(update_fields=["held", "notes"])
        for invitation in plan.invitations.filter(status__in=[InvitationStatus.ACCEPTED, InvitationStatus.PENDING]):
            Attendance.objects.create(meeting=meeting, invitation=invitation, attended=invitation.pk in came)
        for participant in plan.current_participants():
            Attendance.objects.create(
                meeting=meeting, participant=participant, attended=participant.pk in participants_came
            )
        if meeting.kind == MeetingKind.SIP and plan.first_meeting_on is None:
            plan.first_meeting_on = timezone.localdate(meeting.starts_at)
        if plan.status in {PlanStatus.REQUESTED, PlanStatus.PREPARING, PlanStatus.SUMMONED}:
            plan.status = PlanStatus.PLANNING
        plan.save(update_fields=["first_meeting_on", "status"])
        _log(actor, "plan.meeting_held", plan, meeting, attended=len(came), invited=plan.invitations.count())


# --- Step 5: the plan's contents -------------------------------------------------------------------------------

CONTENT_MODELS: dict[str, type[Need] | type[Intervention] | type[Goal] | type[Commitment] | type[ContactPerson]] = {
    "need": Need,
    "intervention": Intervention,
    "goal": Goal,
    "commitment": Commitment,
    "contact": ContactPerson,
}


def save_item(actor: Actor, plan: Plan, lock_version: int, kind: str, values: dict[str, Any], item: Any = None) -> Any:
    """Add or change one row of the plan's contents (a need, intervention, goal, commitment or contact)."""
    _require(access.may_edit(actor, plan))
    model = CONTENT_MODELS[kind]
    with transaction.atomic():
        _bump(plan, lock_version)
        if item is None:
            item = model.objects.create(plan=plan, **values)
            event = "plan.item_added"
        else:
            if item.plan_id != plan.pk:
                raise PermissionDenied
            for name, value in values.items():
                setattr(item, name, value)
            item.save()
            event = "plan.item_changed"
        _log(actor, event, plan, item, kind=kind)
    return item


def remove_item(actor: Actor, plan: Plan, lock_version: int, item: Any) -> None:
    """Rows are marked removed, not deleted: earlier versions and follow-ups still refer to them."""
    _require(access.may_edit(actor, plan) and item.plan_id == plan.pk)
    with transaction.atomic():
        _bump(plan, lock_version)
        item.removed = True
        item.save(update_fields=["removed"])
        _log(actor, "plan.item_removed", plan, item)


def update_plan_text(actor: Actor, plan: Plan, lock_version: int, values: dict[str, Any]) -> None:
    """The person's goals and part, overall responsibility and the follow-up date."""
    _require(access.may_edit(actor, plan))
    allowed = {"what_matters", "person_goals", "person_own_part", "next_followup_on", "overall_responsible"}
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"Not plan text: {sorted(unknown)}")
    responsible: Organisation | None = values.get("overall_responsible")
    if responsible is not None and not access.principal_organisations(plan).filter(pk=responsible.pk).exists():
        raise ValidationError(
            {
                "overall_responsible": _(
                    "Det övergripande ansvaret ska ligga hos en kommun eller region som deltar i planen."
                )
            }
        )
    with transaction.atomic():
        _bump(plan, lock_version)
        for name, value in values.items():
            setattr(plan, name, value)
        plan.save(update_fields=list(values))
        _log(actor, "plan.text_changed", plan, fields=sorted(values))


def set_commitment_status(actor: Actor, commitment: Commitment, status: str, done_on: dt.date | None) -> None:
    """The responsible unit (or the plan's lead) reports progress; this is tracking, not a new version."""
    plan = commitment.plan
    own_unit = actor.unit is not None and commitment.unit_id == actor.unit.pk
    _require(
        not plan.is_closed and (own_unit or access.may_lead(actor, plan)) and bool(access.plan_ground(actor, plan))
    )
    if status == CommitmentStatus.DONE and done_on is None:
        done_on = timezone.localdate()
    with transaction.atomic():
        commitment.status = status
        commitment.done_on = done_on if status == CommitmentStatus.DONE else None
        commitment.save(update_fields=["status", "done_on"])
        _log(actor, "plan.commitment_status", plan, commitment, status=status)


def establish(actor: Actor, plan: Plan, lock_version: int, change_note: str = "") -> PlanVersion:
    """Freeze the plan as a new version once it holds everything the law and the agreement require."""
    _require(access.may_lead(actor, plan))
    missing = missing_contents(plan)
    if missing:
        raise ValidationError(missing)
    with transaction.atomic():
        _bump(plan, lock_version)
        number = plan.established_version + 1
        meeting = plan.meetings.filter(held=True).order_by("-starts_at").first()
        version = PlanVersion.objects.create(
            plan=plan,
            number=number,
            established_at=timezone.now(),
            established_by=actor.user,
            meeting=meeting,
            content=snapshot(plan),
            change_note=change_note,
        )
        plan.established_version = number
        plan.status = PlanStatus.ESTABLISHED
        plan.save(update_fields=["established_version", "status"])
        _log(actor, "plan.established", plan, version, version=number)
    return version


# --- Step 6: follow up and close -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FollowUpDetails:
    held_on: dt.date
    goals_assessment: str
    goals_comment: str
    commitments_comment: str
    person_view: str
    plan_changes: bool
    next_followup_on: dt.date | None


def record_followup(actor: Actor, plan: Plan, details: FollowUpDetails) -> FollowUp:
    """A follow-up is recorded as its own event against the version followed; a changed plan goes back to
    planning for a new version, otherwise the next follow-up date is required."""
    _require(access.may_lead(actor, plan) and plan.established_version > 0)
    if details.held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Uppföljningen kan inte registreras i förväg.")})
    if not details.plan_changes and (details.next_followup_on is None or details.next_followup_on <= details.held_on):
        raise ValidationError({"next_followup_on": _("Ange nästa uppföljning, efter den här.")})
    version = plan.versions.get(number=plan.established_version)
    with transaction.atomic():
        followup = FollowUp.objects.create(
            plan=plan,
            version=version,
            due_on=plan.next_followup_on or details.held_on,
            held_on=details.held_on,
            goals_assessment=details.goals_assessment,
            goals_comment=details.goals_comment,
            commitments_comment=details.commitments_comment,
            person_view=details.person_view,
            plan_changes=details.plan_changes,
            next_followup_on=details.next_followup_on,
            recorded_by=actor.user,
        )
        plan.next_followup_on = details.next_followup_on
        if details.plan_changes:
            plan.status = PlanStatus.PLANNING
        plan.save(update_fields=["next_followup_on", "status"])
        _log(actor, "plan.followed_up", plan, followup, on_time=followup.on_time, changes=details.plan_changes)
    return followup


def close_plan(actor: Actor, plan: Plan, reason: str, note: str = "") -> None:
    _require(access.may_lead(actor, plan))
    if reason not in ClosureReason.values:
        raise ValidationError({"reason": _("Välj en anledning.")})
    with transaction.atomic():
        plan.status = PlanStatus.CLOSED
        plan.closed_at = timezone.now()
        plan.closure_reason = reason
        plan.closure_note = note
        plan.save(update_fields=["status", "closed_at", "closure_reason", "closure_note"])
        plan.reminders.filter(dismissed_at__isnull=True).update(dismissed_at=plan.closed_at)
        _log(actor, "plan.closed", plan, reason=reason)


# --- Reminders -------------------------------------------------------------------------------------------------


def dismiss_reminder(actor: Actor, reminder: Reminder) -> None:
    """Someone in the unit has seen the reminder and takes it off the unit's work list."""
    _require(actor.unit is not None and reminder.unit_id == actor.unit.pk and reminder.dismissed_at is None)
    with transaction.atomic():
        reminder.dismissed_at = timezone.now()
        reminder.save(update_fields=["dismissed_at"])
        _log(actor, "plan.reminder_dismissed", reminder.plan, reminder, kind=reminder.kind)
