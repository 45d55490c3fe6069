"""The work lists: what a person ("Mitt arbete") or a unit ("Vår enhet") has to do next in coordinated plans.

Five kinds of item, each with the date it is due by, merged and sorted by urgency (overdue first):

- requests waiting: plans requested but not yet summoned; due by the plan's deadline;
- invitations to answer: invitations to the unit still pending; due two working days after they were sent;
- meetings ahead: SIP and follow-up meetings of plans the unit takes part in; due on the meeting day;
- commitments due: the unit's open commitments; due on their `due_on`;
- follow-ups due: plans that the actor's organisation leads; due on `next_followup_on`.

Every query is index-driven and limited (LIMIT items per kind, one more to know whether there are more), with the
related rows it shows joined in: the number of queries does not grow with the data. Plans come only through the
access policy (`visible_plans`), and the persons shown are logged as `plan.listed` in one bulk insert per legal
ground.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from knutpunkt.audit.actions import record_many
from knutpunkt.audit.models import LegalGround
from knutpunkt.organisations.access import Actor
from knutpunkt.people.access import may_work_with_people
from knutpunkt.plans import access
from knutpunkt.plans.deadlines import DayCount, add_days, days_left
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
)

# Items shown per kind; "visa fler" pages through the rest of one kind.
LIMIT = 100
# Meetings, commitments and follow-ups are listed from this many days ahead (and everything overdue).
HORIZON_DAYS = 30
# An invitation should be answered within this many working days of being sent (regional agreements).
ANSWER_WORKING_DAYS = 2
OPEN_COMMITMENT = (CommitmentStatus.PLANNED, CommitmentStatus.IN_PROGRESS)
WAITING_TO_BE_SUMMONED = (PlanStatus.REQUESTED, PlanStatus.PREPARING)


class Scope(Enum):
    MINE = "mine"  # the user's own items
    UNIT = "unit"  # everything of the user's unit (unit managers)


class ItemKind(StrEnum):
    REQUEST = "request"
    INVITATION = "invitation"
    MEETING = "meeting"
    COMMITMENT = "commitment"
    FOLLOWUP = "followup"

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self])

    @property
    def plural(self) -> str:
        return str(KIND_PLURALS[self])


KIND_LABELS = {
    ItemKind.REQUEST: _("SIP att kalla till"),
    ItemKind.INVITATION: _("Inbjudan att besvara"),
    ItemKind.MEETING: _("Möte"),
    ItemKind.COMMITMENT: _("Åtagande"),
    ItemKind.FOLLOWUP: _("Uppföljning"),
}
KIND_PLURALS = {
    ItemKind.REQUEST: _("SIP att kalla till"),
    ItemKind.INVITATION: _("inbjudningar att besvara"),
    ItemKind.MEETING: _("möten"),
    ItemKind.COMMITMENT: _("åtaganden"),
    ItemKind.FOLLOWUP: _("uppföljningar"),
}
# Ties in urgency: the kind that blocks others first.
KIND_ORDER = {kind: position for position, kind in enumerate(ItemKind)}


def _reverse(name: str, **kwargs: Any) -> str:
    """A link to a page of the plan workflow, or "" while that page does not exist."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def days_left_text(days: int) -> str:
    """Days left as words, so that an overdue item is told apart by text and not by colour alone."""
    if days < 0:
        return ngettext("%(days)d dag försenad", "%(days)d dagar försenad", -days) % {"days": -days}
    if days == 0:
        return str(_("I dag"))
    if days == 1:
        return str(_("I morgon"))
    return ngettext("%(days)d dag kvar", "%(days)d dagar kvar", days) % {"days": days}


@dataclass(frozen=True)
class WorkItem:
    kind: ItemKind
    plan: Plan
    due_on: dt.date
    days_left: int
    what: str
    obj: Any  # the plan, invitation, meeting or commitment the item is about

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def plan_url(self) -> str:
        return _reverse("plans:detail", plan_uuid=self.plan.uuid)

    @property
    def action_url(self) -> str:
        """Where the item is done: the answer page for an invitation, the plan for the rest."""
        if self.kind is ItemKind.INVITATION:
            return _reverse("plans:invitation_answer", invitation_uuid=self.obj.uuid)
        return self.plan_url

    @property
    def days_text(self) -> str:
        return days_left_text(self.days_left)

    @property
    def sort_key(self) -> tuple[int, int, dt.date, int]:
        return (self.days_left, KIND_ORDER[self.kind], self.due_on, self.plan.pk)


@dataclass
class WorkList:
    scope: Scope
    today: dt.date
    items: list[WorkItem]
    # Kinds that had more items than were shown.
    more: set[ItemKind] = field(default_factory=set)
    reminders: list[Reminder] = field(default_factory=list)
    more_reminders: bool = False
    kind: ItemKind | None = None  # set when one kind is paged through
    page: int = 1

    @property
    def overdue(self) -> int:
        return sum(1 for item in self.items if item.overdue)

    def counts(self) -> list[tuple[ItemKind, int, bool]]:
        """(kind, items shown, whether there are more) for every kind, in the house order."""
        shown = dict.fromkeys(ItemKind, 0)
        for item in self.items:
            shown[item.kind] += 1
        return [(kind, shown[kind], kind in self.more) for kind in ItemKind]


# --- The queries, one (or two) per kind -------------------------------------------------------------------------


def _visible(actor: Actor, path: str = "plan") -> Exists:
    """The plan behind a row is one the actor may see: the access policy, checked row by row through the plan's
    primary key (an index lookup), never by materialising every visible plan."""
    return Exists(access.visible_plans(actor).filter(pk=OuterRef(f"{path}_id")))


def _window(query: QuerySet[Any], page: int) -> list[Any]:
    start = (page - 1) * LIMIT
    return list(query[start : start + LIMIT + 1])


def _requests(actor: Actor, scope: Scope, page: int) -> list[Plan]:
    assert actor.unit is not None
    plans = access.visible_plans(actor).filter(
        status__in=WAITING_TO_BE_SUMMONED, summoned_on__isnull=True, initiating_unit=actor.unit
    )
    if scope is Scope.MINE:
        plans = plans.filter(requested_by=actor.user)
    return _window(plans.select_related("person", "profile", "initiating_unit").order_by("deadline", "pk"), page)


def _invitations(actor: Actor, page: int) -> list[Invitation]:
    # Both scopes: an invitation is addressed to the unit, and anyone in the unit may answer it.
    invitations = (
        access.unit_invitations(actor)
        .filter(status=InvitationStatus.PENDING)
        .filter(_visible(actor))
        .exclude(plan__status=PlanStatus.CLOSED)
        .select_related("plan__person", "plan__initiating_unit__organisation")
        .order_by("sent_at", "pk")
    )
    return _window(invitations, page)


def _meetings(actor: Actor, scope: Scope, today: dt.date, page: int) -> list[Meeting]:
    """Meetings of plans the unit leads (including earlier ones not yet recorded as held) and of plans it is
    invited to (from today on). Two index-driven queries, merged."""
    assert actor.unit is not None
    start_of_today = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    horizon = start_of_today + dt.timedelta(days=HORIZON_DAYS + 1)
    meetings = (
        Meeting.objects.filter(held=False, cancelled=False, starts_at__lt=horizon)
        .exclude(plan__status=PlanStatus.CLOSED)
        .filter(_visible(actor))
        .select_related("plan__person", "plan__initiating_unit")
        .order_by("starts_at", "pk")
    )
    own = meetings.filter(plan__initiating_unit=actor.unit)
    taking_part = Invitation.objects.filter(unit=actor.unit, status__in=access.TAKING_PART)
    if scope is Scope.MINE:
        own = own.filter(plan__requested_by=actor.user)
        taking_part = taking_part.filter(representative=actor.user, status=InvitationStatus.ACCEPTED)
    # The unit's invitations first (an index on unit and status), then their plans' meetings: a correlated EXISTS
    # made the database test every open meeting in the county instead (bench/README.md).
    invited = meetings.filter(plan__in=taking_part.values("plan"), starts_at__gte=start_of_today).exclude(
        plan__initiating_unit=actor.unit
    )
    # Each query is cut at the end of the requested page; the merge keeps the page's share of both.
    end = page * LIMIT + 1
    merged = sorted([*own[:end], *invited[:end]], key=lambda m: (m.starts_at, m.pk))
    return merged[(page - 1) * LIMIT : end]


def _commitments(actor: Actor, today: dt.date, page: int) -> list[Commitment]:
    assert actor.unit is not None
    commitments = (
        Commitment.objects.filter(
            unit=actor.unit,
            status__in=OPEN_COMMITMENT,
            due_on__lte=today + dt.timedelta(days=HORIZON_DAYS),
            removed=False,
        )
        .exclude(plan__status=PlanStatus.CLOSED)
        .filter(_visible(actor))
        .select_related("plan__person", "plan__initiating_unit")
        .order_by("due_on", "pk")
    )
    return _window(commitments, page)


def _followups(actor: Actor, scope: Scope, today: dt.date, page: int) -> list[Plan]:
    """Plans the actor's organisation leads whose next follow-up is due. The unit's share: the plans it requested,
    and plans whose lead passed to its organisation from another one (no unit of ours requested them)."""
    assert actor.unit is not None and actor.organisation is not None
    organisation = actor.organisation
    leads = Q(overall_responsible=organisation) | Q(
        overall_responsible__isnull=True, initiating_unit__organisation=organisation
    )
    plans = access.visible_plans(actor).filter(leads, next_followup_on__lte=today + dt.timedelta(days=HORIZON_DAYS))
    plans = plans.exclude(status=PlanStatus.CLOSED)
    if scope is Scope.MINE:
        plans = plans.filter(requested_by=actor.user, initiating_unit=actor.unit)
    else:
        plans = plans.filter(Q(initiating_unit=actor.unit) | ~Q(initiating_unit__organisation=organisation))
    return _window(plans.select_related("person", "initiating_unit").order_by("next_followup_on", "pk"), page)


# --- Building the list ------------------------------------------------------------------------------------------


def _request_item(plan: Plan, today: dt.date) -> WorkItem:
    if plan.profile.deadline_milestone == DeadlineMilestone.SUMMONS:
        text = _("Förbered och kalla till SIP-möte – kallelsen ska skickas senast %(date)s")
    else:
        text = _("Förbered och kalla till SIP-möte – mötet ska hållas senast %(date)s")
    what = str(text) % {"date": plan.deadline.strftime("%Y-%m-%d")}
    return WorkItem(ItemKind.REQUEST, plan, plan.deadline, days_left(plan.deadline, today), what, plan)


def answer_due(invitation: Invitation) -> dt.date:
    sent = timezone.localdate(invitation.sent_at) if invitation.sent_at else timezone.localdate()
    return add_days(sent, ANSWER_WORKING_DAYS, DayCount.WORKING)


def _invitation_item(invitation: Invitation, today: dt.date) -> WorkItem:
    due = answer_due(invitation)
    what = _("Inbjudan från %(unit)s") % {"unit": invitation.plan.initiating_unit}
    return WorkItem(ItemKind.INVITATION, invitation.plan, due, days_left(due, today), str(what), invitation)


def _meeting_item(meeting: Meeting, today: dt.date) -> WorkItem:
    starts = timezone.localtime(meeting.starts_at)
    day = starts.date()
    if day < today:
        what = _("%(kind)s %(when)s – registrera om mötet hölls") % {
            "kind": meeting.get_kind_display(),
            "when": starts.strftime("%Y-%m-%d %H:%M"),
        }
    else:
        what = _("%(kind)s %(when)s") % {"kind": meeting.get_kind_display(), "when": starts.strftime("%Y-%m-%d %H:%M")}
    return WorkItem(ItemKind.MEETING, meeting.plan, day, days_left(day, today), str(what), meeting)


def _commitment_item(commitment: Commitment, today: dt.date) -> WorkItem:
    return WorkItem(
        ItemKind.COMMITMENT,
        commitment.plan,
        commitment.due_on,
        days_left(commitment.due_on, today),
        commitment.what,
        commitment,
    )


def _followup_item(plan: Plan, today: dt.date) -> WorkItem:
    assert plan.next_followup_on is not None
    return WorkItem(
        ItemKind.FOLLOWUP,
        plan,
        plan.next_followup_on,
        days_left(plan.next_followup_on, today),
        str(_("Följ upp planen")),
        plan,
    )


def may_list(actor: Actor | None, scope: Scope) -> bool:
    """Staff and unit managers have their own list; only unit managers see the whole unit's."""
    if actor is None or actor.unit is None or actor.organisation is None or not may_work_with_people(actor):
        return False
    return scope is Scope.MINE or actor.is_unit_manager


def work_list(
    actor: Actor,
    scope: Scope,
    *,
    today: dt.date | None = None,
    kind: ItemKind | None = None,
    page: int = 1,
    list_name: str = "",
) -> WorkList:
    """The actor's (or their unit's) work, most urgent first; `kind` and `page` page through one kind only.
    The caller has checked `may_list`. Logs every person shown."""
    today = today or timezone.localdate()
    wanted = set(ItemKind) if kind is None else {kind}
    found: dict[ItemKind, list[WorkItem]] = {}
    if ItemKind.REQUEST in wanted:
        found[ItemKind.REQUEST] = [_request_item(p, today) for p in _requests(actor, scope, page)]
    if ItemKind.INVITATION in wanted:
        found[ItemKind.INVITATION] = [_invitation_item(i, today) for i in _invitations(actor, page)]
    if ItemKind.MEETING in wanted:
        found[ItemKind.MEETING] = [_meeting_item(m, today) for m in _meetings(actor, scope, today, page)]
    if ItemKind.COMMITMENT in wanted:
        found[ItemKind.COMMITMENT] = [_commitment_item(c, today) for c in _commitments(actor, today, page)]
    if ItemKind.FOLLOWUP in wanted:
        found[ItemKind.FOLLOWUP] = [_followup_item(p, today) for p in _followups(actor, scope, today, page)]

    items: list[WorkItem] = []
    more: set[ItemKind] = set()
    for item_kind, kind_items in found.items():
        if len(kind_items) > LIMIT:
            more.add(item_kind)
        items.extend(sorted(kind_items, key=lambda i: i.sort_key)[:LIMIT])
    items.sort(key=lambda i: i.sort_key)

    reminders: list[Reminder] = []
    more_reminders = False
    if kind is None:
        found_reminders = list(
            access.unit_reminders(actor).select_related("plan__person", "plan__initiating_unit")[: LIMIT + 1]
        )
        more_reminders = len(found_reminders) > LIMIT
        reminders = found_reminders[:LIMIT]

    log_listed(actor, [i.plan for i in items] + [r.plan for r in reminders], list_name=list_name or scope.value)
    return WorkList(scope, today, items, more, reminders, more_reminders, kind, page)


def log_listed(actor: Actor, plans: Iterable[Plan], *, list_name: str) -> None:
    """One `plan.listed` event per person shown, in one insert per legal ground: the plan's own organisation
    lists it as its own records, the others under the person's consent."""
    organisation = actor.organisation
    assert organisation is not None
    by_ground: dict[str, dict[int, Plan]] = {LegalGround.OWN_RECORDS: {}, LegalGround.CONSENT: {}}
    for plan in plans:
        own = plan.initiating_unit.organisation_id == organisation.pk or plan.overall_responsible_id == organisation.pk
        by_ground[LegalGround.OWN_RECORDS if own else LegalGround.CONSENT].setdefault(plan.person_id, plan)
    for ground, shown in by_ground.items():
        if shown:
            record_many(
                actor,
                "plan.listed",
                [plan.person for plan in shown.values()],
                legal_ground=ground,
                detail={"list": list_name},
            )
