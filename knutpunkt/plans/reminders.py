"""Reminders before and after the deadlines of coordinated plans, addressed to units, and sent once by e-mail.

`make_reminders(today)` looks for what is due soon or overdue and creates one `Reminder` per thing, unit and
threshold. Every reminder has a unique `key` (`kind:object-uuid:threshold`, with the due date when the date may
move, and the unit when several units are reminded of the same thing), so running the job again creates nothing
twice. `email_reminders()` then sends each unit one e-mail about its new reminders, to its function address, with
counts only: an e-mail leaves the secrecy domain's systems, so it never names a person.

| reminder                  | when                                                       | to                         |
|---------------------------|------------------------------------------------------------|----------------------------|
| deadline near / passed    | 3 days before the plan's deadline / after it, milestone unmet | the requesting unit     |
| invitation unanswered     | still pending 2 working days after it was sent             | the invited unit           |
| meeting soon              | the day before the meeting                                 | every unit taking part     |
| commitment due / overdue  | 3 days before its due date / after it, not done            | the committed unit         |
| follow-up due / overdue   | 7 days before the planned follow-up / after it             | the leading unit(s)        |

Things overdue by more than LOOKBACK_DAYS get no new reminder: they had theirs when they fell due (the job runs
every few minutes), and the work lists show them anyway.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from uuid import UUID

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from knutpunkt.organisations.models import Unit
from knutpunkt.people.models import Consent
from knutpunkt.plans import access
from knutpunkt.plans.deadlines import DayCount, add_days
from knutpunkt.plans.models import (
    Commitment,
    CommitmentStatus,
    DeadlineMilestone,
    Invitation,
    InvitationStatus,
    Meeting,
    Plan,
    PlanStatus,
    Reminder,
    ReminderKind,
)
from knutpunkt.plans.reminder_texts import reminder_text

logger = logging.getLogger(__name__)

DEADLINE_DAYS_BEFORE = 3
UNANSWERED_WORKING_DAYS = 2
MEETING_DAYS_BEFORE = 1
COMMITMENT_DAYS_BEFORE = 3
FOLLOWUP_DAYS_BEFORE = 7
LOOKBACK_DAYS = 30
OPEN_COMMITMENT = (CommitmentStatus.PLANNED, CommitmentStatus.IN_PROGRESS)
_KEY_CHUNK = 500


@dataclass(frozen=True)
class Candidate:
    key: str
    unit_id: int
    plan_id: int
    kind: str
    params: dict[str, str]  # what the text says; the text is written in the reader's language (reminder_texts.py)
    due_on: dt.date

    @property
    def message(self) -> str:
        """The text in the active language (the job stores it in Swedish too, for reminders read without params)."""
        return reminder_text(self.kind, self.params)


def reminder_key(kind: str, object_uuid: UUID, threshold: int, *qualifiers: object) -> str:
    return ":".join([kind, str(object_uuid), str(threshold), *(str(q) for q in qualifiers)])


def _consent_names_unit_organisation(plan_path: str, organisation_path: str) -> Exists:
    """The plan's consent, in force today, names the organisation of the unit to be reminded: without it the
    unit can no longer see the plan (access.visible_plans), so it is not reminded of it either."""
    return Exists(
        Consent.objects.active_on().filter(
            pk=OuterRef(f"{plan_path}consent_id"), organisations=OuterRef(organisation_path)
        )
    )


def _date(day: dt.date) -> str:
    return day.strftime("%Y-%m-%d")


# --- What is due -------------------------------------------------------------------------------------------------


def _deadlines(today: dt.date) -> Iterator[Candidate]:
    reached = Q(profile__deadline_milestone=DeadlineMilestone.SUMMONS, summoned_on__isnull=False) | Q(
        profile__deadline_milestone=DeadlineMilestone.MEETING, first_meeting_on__isnull=False
    )
    plans = (
        Plan.objects.exclude(status=PlanStatus.CLOSED)
        .filter(deadline__gte=today - dt.timedelta(days=LOOKBACK_DAYS))
        .filter(deadline__lte=today + dt.timedelta(days=DEADLINE_DAYS_BEFORE))
        .exclude(reached)
        .values_list("pk", "uuid", "initiating_unit_id", "deadline")
    )
    for pk, uuid, unit_id, deadline in plans:
        if deadline >= today:
            kind, threshold = ReminderKind.DEADLINE_NEAR, DEADLINE_DAYS_BEFORE
        else:
            kind, threshold = ReminderKind.DEADLINE_PASSED, 0
        params = {"date": _date(deadline)}
        yield Candidate(reminder_key(kind, uuid, threshold), unit_id, pk, kind, params, deadline)


def _invitations(today: dt.date) -> Iterator[Candidate]:
    # Two working days are at least two calendar days: only invitations sent that long ago can be due.
    latest_sent = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=1), dt.time.min))
    earliest_sent = latest_sent - dt.timedelta(days=LOOKBACK_DAYS)
    invitations = (
        Invitation.objects.filter(status=InvitationStatus.PENDING, sent_at__lt=latest_sent, sent_at__gte=earliest_sent)
        .exclude(plan__status=PlanStatus.CLOSED)
        .filter(_consent_names_unit_organisation("plan__", "unit__organisation"))
        .values_list("pk", "uuid", "plan_id", "unit_id", "sent_at")
    )
    for _pk, uuid, plan_id, unit_id, sent_at in invitations:
        due = add_days(timezone.localdate(sent_at), UNANSWERED_WORKING_DAYS, DayCount.WORKING)
        if due > today:
            continue
        kind = ReminderKind.INVITATION_UNANSWERED
        params = {"date": _date(timezone.localdate(sent_at))}
        yield Candidate(reminder_key(kind, uuid, UNANSWERED_WORKING_DAYS), unit_id, plan_id, kind, params, due)


def _taking_part(plan_ids: Iterable[int], *, accepted_only: bool = False) -> dict[int, list[tuple[int, UUID, int]]]:
    """Plan id -> (unit id, unit uuid, organisation id) of the invited units taking part and still covered by the
    plan's consent. One query."""
    statuses = [InvitationStatus.ACCEPTED] if accepted_only else list(access.TAKING_PART)
    rows = (
        Invitation.objects.filter(plan_id__in=list(plan_ids), status__in=statuses)
        .filter(_consent_names_unit_organisation("plan__", "unit__organisation"))
        .values_list("plan_id", "unit_id", "unit__uuid", "unit__organisation_id")
    )
    found: dict[int, list[tuple[int, UUID, int]]] = defaultdict(list)
    for plan_id, unit_id, unit_uuid, organisation_id in rows:
        found[plan_id].append((unit_id, unit_uuid, organisation_id))
    return found


def _meetings(today: dt.date) -> Iterator[Candidate]:
    day = today + dt.timedelta(days=MEETING_DAYS_BEFORE)
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    meetings = list(
        Meeting.objects.filter(
            held=False, cancelled=False, starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=1)
        )
        .exclude(plan__status=PlanStatus.CLOSED)
        .values_list("uuid", "plan_id", "plan__initiating_unit_id", "plan__initiating_unit__uuid", "starts_at")
    )
    invited = _taking_part(m[1] for m in meetings)
    kind = ReminderKind.MEETING_SOON
    for uuid, plan_id, unit_id, unit_uuid, starts_at in meetings:
        params = {"date": _date(day), "time": timezone.localtime(starts_at).strftime("%H:%M")}
        units = {unit_id: unit_uuid, **{u: u_uuid for u, u_uuid, _org in invited.get(plan_id, [])}}
        for each_unit, each_uuid in units.items():
            key = reminder_key(kind, uuid, MEETING_DAYS_BEFORE, _date(day), each_uuid)
            yield Candidate(key, each_unit, plan_id, kind, params, day)


def _commitments(today: dt.date) -> Iterator[Candidate]:
    own_organisation = Q(unit__organisation=F("plan__initiating_unit__organisation")) | Q(
        unit__organisation=F("plan__overall_responsible")
    )
    commitments = (
        Commitment.objects.filter(
            status__in=OPEN_COMMITMENT,
            removed=False,
            unit__isnull=False,
            due_on__gte=today - dt.timedelta(days=LOOKBACK_DAYS),
            due_on__lte=today + dt.timedelta(days=COMMITMENT_DAYS_BEFORE),
        )
        .exclude(plan__status=PlanStatus.CLOSED)
        .filter(own_organisation | Q(_consent_names_unit_organisation("plan__", "unit__organisation")))
        .values_list("uuid", "plan_id", "unit_id", "due_on")
    )
    for uuid, plan_id, unit_id, due_on in commitments:
        if due_on >= today:
            kind, threshold = ReminderKind.COMMITMENT_DUE, COMMITMENT_DAYS_BEFORE
        else:
            kind, threshold = ReminderKind.COMMITMENT_OVERDUE, 0
        params = {"date": _date(due_on)}
        yield Candidate(reminder_key(kind, uuid, threshold, _date(due_on)), unit_id, plan_id, kind, params, due_on)


def _followups(today: dt.date) -> Iterator[Candidate]:
    """To the requesting unit while its organisation leads; when overall responsibility lies with another
    organisation, to that organisation's units that accepted the invitation (the requester if there are none)."""
    plans = list(
        Plan.objects.exclude(status=PlanStatus.CLOSED)
        .filter(next_followup_on__gte=today - dt.timedelta(days=LOOKBACK_DAYS))
        .filter(next_followup_on__lte=today + dt.timedelta(days=FOLLOWUP_DAYS_BEFORE))
        .values_list(
            "pk",
            "uuid",
            "initiating_unit_id",
            "initiating_unit__uuid",
            "initiating_unit__organisation_id",
            "overall_responsible_id",
            "next_followup_on",
        )
    )
    led_elsewhere = [p[0] for p in plans if p[5] is not None and p[5] != p[4]]
    invited = _taking_part(led_elsewhere, accepted_only=True)
    for pk, uuid, unit_id, unit_uuid, organisation_id, responsible_id, due_on in plans:
        if due_on is None:  # excluded by the query; narrows the type
            continue
        units = {unit_id: unit_uuid}
        if responsible_id is not None and responsible_id != organisation_id:
            leading = {u: u_uuid for u, u_uuid, org in invited.get(pk, []) if org == responsible_id}
            units = leading or units
        if due_on >= today:
            kind, threshold = ReminderKind.FOLLOWUP_DUE, FOLLOWUP_DAYS_BEFORE
        else:
            kind, threshold = ReminderKind.FOLLOWUP_OVERDUE, 0
        params = {"date": _date(due_on)}
        for each_unit, each_uuid in units.items():
            key = reminder_key(kind, uuid, threshold, _date(due_on), each_uuid)
            yield Candidate(key, each_unit, pk, kind, params, due_on)


def candidates(today: dt.date) -> list[Candidate]:
    """Every reminder that should exist today (existing ones included)."""
    found: dict[str, Candidate] = {}
    for source in (_deadlines, _invitations, _meetings, _commitments, _followups):
        for candidate in source(today):
            found.setdefault(candidate.key, candidate)
    return list(found.values())


# --- Creating and sending ----------------------------------------------------------------------------------------


def make_reminders(today: dt.date | None = None) -> int:
    """Create the reminders that are due and do not exist yet; returns how many were created. Idempotent: keys
    are unique, and a reminder made by a parallel run is skipped, not duplicated."""
    today = today or timezone.localdate()
    wanted = candidates(today)
    keys = [c.key for c in wanted]
    existing: set[str] = set()
    for start in range(0, len(keys), _KEY_CHUNK):
        existing.update(Reminder.objects.filter(key__in=keys[start : start + _KEY_CHUNK]).values_list("key", flat=True))
    # The text is written in the reader's language when shown (from kind and params); `message` keeps it in the
    # house language as well, for whatever reads the table without Knutpunkt's code.
    with translation.override(settings.LANGUAGE_CODE):
        new = [
            Reminder(
                key=c.key,
                unit_id=c.unit_id,
                plan_id=c.plan_id,
                kind=c.kind,
                params=c.params,
                message=c.message[:300],
                due_on=c.due_on,
            )
            for c in wanted
            if c.key not in existing
        ]
    Reminder.objects.bulk_create(new, batch_size=_KEY_CHUNK, ignore_conflicts=True)
    return len(new)


# Each line counts one kind of reminder; none names a person, a plan or a date.
EMAIL_LINES: dict[str, Callable[[int], str]] = {
    ReminderKind.DEADLINE_NEAR: lambda n: ngettext(
        "Ni har %(count)d SIP där tidsfristen snart går ut i Knutpunkt.",
        "Ni har %(count)d SIP där tidsfristen snart går ut i Knutpunkt.",
        n,
    ),
    ReminderKind.DEADLINE_PASSED: lambda n: ngettext(
        "Ni har %(count)d SIP där tidsfristen har passerat i Knutpunkt.",
        "Ni har %(count)d SIP där tidsfristen har passerat i Knutpunkt.",
        n,
    ),
    ReminderKind.INVITATION_UNANSWERED: lambda n: ngettext(
        "Ni har %(count)d obesvarad inbjudan i Knutpunkt.", "Ni har %(count)d obesvarade inbjudningar i Knutpunkt.", n
    ),
    ReminderKind.INVITATION_DECLINED: lambda n: ngettext(
        "Ni har %(count)d avböjd inbjudan i Knutpunkt.", "Ni har %(count)d avböjda inbjudningar i Knutpunkt.", n
    ),
    ReminderKind.MEETING_SOON: lambda n: ngettext(
        "Ni har %(count)d SIP-möte i morgon i Knutpunkt.", "Ni har %(count)d SIP-möten i morgon i Knutpunkt.", n
    ),
    ReminderKind.COMMITMENT_DUE: lambda n: ngettext(
        "Ni har %(count)d åtagande som ska vara klart snart i Knutpunkt.",
        "Ni har %(count)d åtaganden som ska vara klara snart i Knutpunkt.",
        n,
    ),
    ReminderKind.COMMITMENT_OVERDUE: lambda n: ngettext(
        "Ni har %(count)d försenat åtagande i Knutpunkt.", "Ni har %(count)d försenade åtaganden i Knutpunkt.", n
    ),
    ReminderKind.FOLLOWUP_DUE: lambda n: ngettext(
        "Ni har %(count)d uppföljning som ska göras snart i Knutpunkt.",
        "Ni har %(count)d uppföljningar som ska göras snart i Knutpunkt.",
        n,
    ),
    ReminderKind.FOLLOWUP_OVERDUE: lambda n: ngettext(
        "Ni har %(count)d försenad uppföljning i Knutpunkt.", "Ni har %(count)d försenade uppföljningar i Knutpunkt.", n
    ),
}


def email_lines(counts: dict[str, int]) -> list[str]:
    """The e-mail's lines, in the order of ReminderKind."""
    return [
        EMAIL_LINES[kind](counts[kind]) % {"count": counts[kind]} for kind in ReminderKind.values if counts.get(kind)
    ]


def reminder_email(unit: Unit, counts: dict[str, int]) -> EmailMessage:
    body = "\n".join(
        [
            _("Till %(unit)s") % {"unit": unit.name},
            "",
            *email_lines(counts),
            "",
            _("Logga in i Knutpunkt för att se vad som behöver göras."),
            _("Det här meddelandet innehåller inga personuppgifter."),
        ]
    )
    return EmailMessage(
        subject=_("Påminnelser från Knutpunkt"),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[unit.email],
    )


def email_reminders() -> int:
    """Send each unit one e-mail about its reminders not yet e-mailed; returns the number of e-mails sent.
    The reminders are claimed (emailed_at set) before sending, so a parallel run never sends them again, and
    released if sending fails, so the next run tries again."""
    sent = 0
    waiting = Reminder.objects.filter(emailed_at__isnull=True, dismissed_at__isnull=True).exclude(
        plan__status=PlanStatus.CLOSED
    )
    units = Unit.objects.filter(Exists(waiting.filter(unit=OuterRef("pk")))).exclude(email="").order_by("pk")
    with translation.override(settings.LANGUAGE_CODE):
        for unit in units:
            claimed_at = timezone.now()
            with transaction.atomic():
                claimed = Reminder.objects.filter(pk__in=waiting.filter(unit=unit).values("pk")).update(
                    emailed_at=claimed_at
                )
            if not claimed:
                continue
            mine = Reminder.objects.filter(unit=unit, emailed_at=claimed_at)
            counts = dict(mine.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
            try:
                reminder_email(unit, counts).send()
            except Exception:
                mine.update(emailed_at=None)
                logger.exception("Could not e-mail reminders to unit %s", unit.pk)
                continue
            sent += 1
    return sent


def run_once(today: dt.date | None = None) -> dict[str, int]:
    """The reminder job: create what is due, then e-mail it."""
    created = make_reminders(today)
    emailed = email_reminders()
    return {"created": created, "emailed": emailed}
