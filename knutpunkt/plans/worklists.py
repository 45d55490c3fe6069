"""The work lists: what a person ("Mitt arbete") or a unit ("Vår enhet") has to do next in coordinated plans.

Five kinds of item, each with the date it is due by, merged and sorted by urgency (overdue first):

- requests waiting: plans requested but not yet summoned; due by the plan's deadline;
- invitations to answer: invitations to the unit still pending; due two working days after they were sent;
- meetings ahead: SIP and follow-up meetings of plans the unit takes part in; due on the meeting day;
- commitments due: the unit's open commitments; due on their `due_on`;
- follow-ups due: plans that the actor's organisation leads; due on `next_followup_on`.

Every query is index-driven and limited (LIMIT items per kind, one more to know whether there are more), with the
related rows it shows joined in, and only the columns the list shows: the number of queries does not grow with the
data. Plans come only through the access policy: `own_plans` for what the unit requested or its organisation leads
(its own documentation); rows addressed to the unit (invitations, meetings of plans it is invited to, commitments,
reminders) pass `keep_visible`, the rule of `visible_plans` checked for the whole list in one query. A row the actor
may not see is dropped after its kind's window is read, so a kind may show fewer than LIMIT rows; it never shows
one the actor may not see. The persons shown are logged as `plan.listed` in one bulk insert.

Reminders: "Mitt arbete" shows the user's own (`access.own_reminders`: plans they requested or represent the unit
in, and unanswered invitations), "Vår enhet" all of the unit's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from functools import cached_property
from typing import Any
from uuid import UUID

from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from knutpunkt.audit.actions import record_listing
from knutpunkt.audit.models import LegalGround
from knutpunkt.core.choices import choice_label
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
    MeetingKind,
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


_STAND_IN = UUID(int=0)


class Links:
    """Links to one page for many rows: reversed once with a stand-in UUID, then filled in per row. A list of a
    hundred rows with two or three links each paid more for `reverse()` than for its queries."""

    def __init__(self, name: str, argument: str, **fixed: Any) -> None:
        self.pattern = _reverse(name, **fixed, **{argument: _STAND_IN})

    def __call__(self, uuid: UUID) -> str:
        return self.pattern.replace(str(_STAND_IN), str(uuid)) if self.pattern else ""


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
    plan_url: str = ""
    action_url: str = ""  # where the item is done: the answer page for an invitation, the plan for the rest

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @cached_property
    def days_text(self) -> str:
        return days_left_text(self.days_left)

    @property
    def sort_key(self) -> tuple[int, int, dt.date, int]:
        return (self.days_left, KIND_ORDER[self.kind], self.due_on, self.plan.pk)


@dataclass(frozen=True)
class ReminderItem:
    """A reminder as the list shows it, with its links."""

    reminder: Reminder
    plan_url: str
    dismiss_url: str


@dataclass
class WorkList:
    scope: Scope
    today: dt.date
    items: list[WorkItem]
    # Kinds that had more items than were shown.
    more: set[ItemKind] = field(default_factory=set)
    reminders: list[ReminderItem] = field(default_factory=list)
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


def _plan_columns(path: str = "") -> list[str]:
    """The columns of a row's plan, person and unit that the list shows and logs: plans carry long texts (what
    matters to the person, the request's reason) that a list never needs."""
    prefix = f"{path}__" if path else ""
    fields = [
        "uuid",
        "person_id",
        "profile_id",
        "initiating_unit_id",
        "overall_responsible_id",
        "deadline",
        "next_followup_on",
        "status",
        "person__uuid",
        "person__first_name",
        "person__last_name",
        "person__protection",
        "initiating_unit__name",
        "initiating_unit__organisation_id",
    ]
    return [prefix + name for name in fields]


def _window(query: QuerySet[Any], page: int) -> list[Any]:
    start = (page - 1) * LIMIT
    return list(query[start : start + LIMIT + 1])


def _merged_window(queries: list[QuerySet[Any]], page: int, key: Callable[[Any], Any]) -> list[Any]:
    """The page's window of several index-driven queries, merged in the order of `key`: each query is cut at the
    end of the page, so the merge keeps the page's share of every one."""
    end = page * LIMIT + 1
    merged = sorted([row for query in queries for row in query[:end]], key=key)
    return merged[(page - 1) * LIMIT : end]


def _requests(actor: Actor, scope: Scope, page: int) -> list[Plan]:
    assert actor.unit is not None
    # Requested by the unit: the organisation's own documentation.
    plans = access.own_plans(actor).filter(
        status__in=WAITING_TO_BE_SUMMONED, summoned_on__isnull=True, initiating_unit=actor.unit
    )
    if scope is Scope.MINE:
        plans = plans.filter(access.requested_by(actor))
    plans = plans.select_related("person", "profile", "initiating_unit")
    return _window(plans.only(*_plan_columns(), "profile__deadline_milestone").order_by("deadline", "pk"), page)


def _invitations(actor: Actor, page: int) -> list[Invitation]:
    # Both scopes: an invitation is addressed to the unit, and anyone in the unit may answer it.
    invitations = (
        access.unit_invitations(actor)
        .filter(status=InvitationStatus.PENDING)
        .exclude(plan__status=PlanStatus.CLOSED)
        .select_related("plan__person", "plan__initiating_unit__organisation")
        .only(
            "uuid",
            "plan_id",
            "sent_at",
            *_plan_columns("plan"),
            "plan__initiating_unit__organisation__name",
            "plan__initiating_unit__organisation__short_name",
        )
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
        .select_related("plan__person", "plan__initiating_unit")
        .only("uuid", "plan_id", "kind", "starts_at", *_plan_columns("plan"))
        .order_by("starts_at", "pk")
    )
    # Plans the unit requested are the organisation's own documentation (access.own_plans); plans it is invited to
    # go through the whole access policy (keep_visible, in work_list).
    if scope is Scope.MINE:
        own = meetings.filter(access.requested_by(actor, "plan__"))
        taking_part = access.represented_by(actor)
    else:
        own = meetings.filter(plan__initiating_unit=actor.unit)
        taking_part = Invitation.objects.filter(unit=actor.unit, status__in=access.TAKING_PART)
    # The unit's invitations first (an index on unit and status), then their plans' meetings: a correlated EXISTS
    # made the database test every open meeting in the county instead (bench/README.md).
    invited = meetings.filter(plan__in=taking_part.values("plan"), starts_at__gte=start_of_today).exclude(
        plan__initiating_unit=actor.unit
    )
    return _merged_window([own, invited], page, key=lambda m: (m.starts_at, m.pk))


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
        .select_related("plan__person", "plan__initiating_unit")
        .only("uuid", "plan_id", "what", "due_on", *_plan_columns("plan"))
        .order_by("due_on", "pk")
    )
    return _window(commitments, page)


def _followups(actor: Actor, scope: Scope, today: dt.date, page: int) -> list[Plan]:
    """Plans the actor's organisation leads whose next follow-up is due. The unit's share: the plans it requested,
    and plans whose lead passed to its organisation from another one (no unit of ours requested them). Two
    index-driven queries, merged: the organisation's plans as a whole are never read."""
    assert actor.unit is not None and actor.organisation is not None
    organisation = actor.organisation
    leads = Q(overall_responsible=organisation) | Q(
        overall_responsible__isnull=True, initiating_unit__organisation=organisation
    )
    # Led by the organisation: its own documentation.
    plans = (
        access.own_plans(actor)
        .filter(leads, next_followup_on__lte=today + dt.timedelta(days=HORIZON_DAYS))
        .exclude(status=PlanStatus.CLOSED)
        .select_related("person", "initiating_unit")
        .only(*_plan_columns())
        .order_by("next_followup_on", "pk")
    )
    requested_here = plans.filter(initiating_unit=actor.unit)
    if scope is Scope.MINE:
        return _window(plans.filter(access.requested_by(actor)), page)
    passed_to_us = plans.filter(overall_responsible=organisation).exclude(initiating_unit__organisation=organisation)
    return _merged_window([requested_here, passed_to_us], page, key=lambda p: (p.next_followup_on, p.pk))


# --- Building the list ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Links:
    plan: Links
    answer: Links

    @classmethod
    def make(cls) -> _Links:
        return cls(Links("plans:detail", "plan_uuid"), Links("plans:invitation_answer", "invitation_uuid"))


def _item(kind: ItemKind, plan: Plan, due: dt.date, today: dt.date, what: str, obj: Any, links: _Links) -> WorkItem:
    plan_url = links.plan(plan.uuid)
    action_url = links.answer(obj.uuid) if kind is ItemKind.INVITATION else plan_url
    return WorkItem(kind, plan, due, days_left(due, today), what, obj, plan_url, action_url)


def _request_item(plan: Plan, today: dt.date, links: _Links) -> WorkItem:
    if plan.profile.deadline_milestone == DeadlineMilestone.SUMMONS:
        text = _("Förbered och kalla till SIP-möte – kallelsen ska skickas senast %(date)s")
    else:
        text = _("Förbered och kalla till SIP-möte – mötet ska hållas senast %(date)s")
    what = str(text) % {"date": plan.deadline.strftime("%Y-%m-%d")}
    return _item(ItemKind.REQUEST, plan, plan.deadline, today, what, plan, links)


def answer_due(invitation: Invitation) -> dt.date:
    sent = timezone.localdate(invitation.sent_at) if invitation.sent_at else timezone.localdate()
    return add_days(sent, ANSWER_WORKING_DAYS, DayCount.WORKING)


def _invitation_item(invitation: Invitation, today: dt.date, links: _Links) -> WorkItem:
    what = _("Inbjudan från %(unit)s") % {"unit": invitation.plan.initiating_unit}
    return _item(ItemKind.INVITATION, invitation.plan, answer_due(invitation), today, str(what), invitation, links)


def _meeting_item(meeting: Meeting, today: dt.date, links: _Links) -> WorkItem:
    starts = timezone.localtime(meeting.starts_at)
    day = starts.date()
    kind = choice_label(MeetingKind, meeting.kind)
    if day < today:
        what = _("%(kind)s %(when)s – registrera om mötet hölls") % {
            "kind": kind,
            "when": starts.strftime("%Y-%m-%d %H:%M"),
        }
    else:
        what = _("%(kind)s %(when)s") % {"kind": kind, "when": starts.strftime("%Y-%m-%d %H:%M")}
    return _item(ItemKind.MEETING, meeting.plan, day, today, str(what), meeting, links)


def _commitment_item(commitment: Commitment, today: dt.date, links: _Links) -> WorkItem:
    return _item(ItemKind.COMMITMENT, commitment.plan, commitment.due_on, today, commitment.what, commitment, links)


def _followup_item(plan: Plan, today: dt.date, links: _Links) -> WorkItem:
    assert plan.next_followup_on is not None
    return _item(ItemKind.FOLLOWUP, plan, plan.next_followup_on, today, str(_("Följ upp planen")), plan, links)


# Kinds read from rows addressed to the unit, about plans that may be another organisation's.
_ADDRESSED = (ItemKind.INVITATION, ItemKind.MEETING, ItemKind.COMMITMENT)


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
    # Rows per kind, as read (each kind's window); rows addressed to the unit are checked below.
    rows: dict[ItemKind, list[Any]] = {}
    if ItemKind.REQUEST in wanted:
        rows[ItemKind.REQUEST] = _requests(actor, scope, page)
    if ItemKind.INVITATION in wanted:
        rows[ItemKind.INVITATION] = _invitations(actor, page)
    if ItemKind.MEETING in wanted:
        rows[ItemKind.MEETING] = _meetings(actor, scope, today, page)
    if ItemKind.COMMITMENT in wanted:
        rows[ItemKind.COMMITMENT] = _commitments(actor, today, page)
    if ItemKind.FOLLOWUP in wanted:
        rows[ItemKind.FOLLOWUP] = _followups(actor, scope, today, page)
    found_reminders: list[Reminder] = []
    if kind is None:
        open_reminders = access.own_reminder_rows(actor) if scope is Scope.MINE else access.unit_reminder_rows(actor)
        found_reminders = list(
            open_reminders.select_related("plan__person", "plan__initiating_unit")
            .only("uuid", "plan_id", "kind", "message", "params", "due_on", *_plan_columns("plan"))
            .order_by("due_on", "id")[: LIMIT + 1]
        )
    more: set[ItemKind] = {item_kind for item_kind, kind_rows in rows.items() if len(kind_rows) > LIMIT}
    more_reminders = len(found_reminders) > LIMIT

    # Rows addressed to the unit may be about another organisation's plan: one check for all of them.
    addressed: list[tuple[ItemKind | None, Any]] = [
        (item_kind, row) for item_kind in _ADDRESSED for row in rows.get(item_kind, [])
    ]
    addressed += [(None, reminder) for reminder in found_reminders]
    checked = access.keep_visible(actor, addressed, lambda pair: pair[1].plan)
    for item_kind in _ADDRESSED:
        if item_kind in rows:
            rows[item_kind] = [row for row_kind, row in checked if row_kind is item_kind]
    found_reminders = [row for row_kind, row in checked if row_kind is None]

    links = _Links.make()
    build: dict[ItemKind, Callable[[Any, dt.date, _Links], WorkItem]] = {
        ItemKind.REQUEST: _request_item,
        ItemKind.INVITATION: _invitation_item,
        ItemKind.MEETING: _meeting_item,
        ItemKind.COMMITMENT: _commitment_item,
        ItemKind.FOLLOWUP: _followup_item,
    }
    items: list[WorkItem] = []
    for item_kind, kind_rows in rows.items():
        kind_items = [build[item_kind](row, today, links) for row in kind_rows]
        items.extend(sorted(kind_items, key=lambda i: i.sort_key)[:LIMIT])
    items.sort(key=lambda i: i.sort_key)

    dismiss = Links("plans:reminder_dismiss", "reminder_uuid")
    reminders = [ReminderItem(r, links.plan(r.plan.uuid), dismiss(r.uuid)) for r in found_reminders[:LIMIT]]

    shown = [i.plan for i in items] + [r.reminder.plan for r in reminders]
    log_listed(actor, shown, list_name=list_name or scope.value)
    return WorkList(scope, today, items, more, reminders, more_reminders, kind, page)


def log_listed(actor: Actor, plans: Iterable[Plan], *, list_name: str) -> None:
    """One `plan.listed` event per person shown, in one insert: the plan's own organisation lists it as its own
    records, the others under the person's consent."""
    by_ground: dict[str, dict[int, Plan]] = {LegalGround.OWN_RECORDS: {}, LegalGround.CONSENT: {}}
    for plan in plans:
        by_ground[access.listing_ground(actor, plan)].setdefault(plan.person_id, plan)
    shown = [(plan.person, ground) for ground, plans in by_ground.items() for plan in plans.values()]
    if shown:
        record_listing(actor, "plan.listed", shown, detail={"list": list_name})
