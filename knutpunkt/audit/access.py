"""Who may read the audit log, and which part of it.

Log review (loggkontroll, HSLF-FS 2016:40 4 kap. 9 §) is the unit manager's job: a manager sees the events of
their own unit and nothing else. A unit's events are

- every event written under the unit (`AuditEvent.unit`), and
- events by the unit's members (current or former) written under no unit at all, such as a sign-in after
  every membership had ended.

Events a member wrote while acting for *another* unit are left out on purpose: that unit's manager reviews them,
and the other unit may belong to another organisation whose secrecy this manager is outside of (OSL 8 kap.).

The page must stay fast on tens of millions of rows, so it never counts the whole set and pages by keyset
(occurred_at, id): each source below is read from its own index, newest first, and the two short lists are merged.

A log extract (loggutdrag) for a person is produced by staff who may see the person, by the same rule as
`knutpunkt.people.access`.
"""

from __future__ import annotations

import datetime as dt
import heapq
import random
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from knutpunkt.accounts.models import User
from knutpunkt.audit.actions import record
from knutpunkt.audit.models import AuditEvent, LegalGround, LogReview
from knutpunkt.organisations.access import Actor
from knutpunkt.organisations.models import Membership, Unit
from knutpunkt.people.access import legal_ground, visible_persons
from knutpunkt.people.identity import mask
from knutpunkt.people.models import Person

PAGE_SIZE = 50

# The columns a review table shows; the JSON detail and the object columns are never loaded for a listing.
LISTED_FIELDS = (
    "id",
    "occurred_at",
    "event",
    "actor_id",
    "actor_label",
    "unit_label",
    "person_id",
    "person_label",
    "legal_ground",
    "had_relation",
)


# --- Who reviews which unit ----------------------------------------------------------------------------------


def reviewed_unit(actor: Actor | None) -> Unit:
    """The unit whose log the actor reviews: their own, if they are its manager. 404 for everyone else."""
    if actor is None or not actor.is_unit_manager or actor.unit is None:
        raise Http404
    return actor.unit


def unit_members(unit: Unit) -> QuerySet[User]:
    """Everyone who works or has worked in the unit, for the staff filter."""
    return User.objects.filter(memberships__unit=unit).distinct().order_by("last_name", "first_name", "username")


def _member_ids(unit: Unit) -> list[int]:
    return list(Membership.objects.filter(unit=unit).order_by().values_list("user_id", flat=True).distinct())


def _sources(unit: Unit) -> list[QuerySet[AuditEvent]]:
    """The unit's events as separate querysets, each served by one index (see the module docstring)."""
    return [
        AuditEvent.objects.filter(unit=unit),
        AuditEvent.objects.filter(unit__isnull=True, actor_id__in=_member_ids(unit)),
    ]


def unit_events(unit: Unit) -> QuerySet[AuditEvent]:
    """All of the unit's events as one queryset, for membership checks and sampling (not for paging)."""
    return AuditEvent.objects.filter(Q(unit=unit) | Q(unit__isnull=True, actor_id__in=_member_ids(unit)))


# --- Filters -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewFilter:
    """What the manager narrowed the review to. Kept in the session, never in the URL: it may name a person.

    `person_id` is None when no person is chosen; `person_unknown` means a number was entered that matches no one,
    which must look exactly like a person without events (the page never says whether a number is known).
    """

    person_id: int | None = None
    person_unknown: bool = False
    person_display: str = ""
    staff_id: int | None = None
    staff_uuid: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    event: str = ""
    without_relation_only: bool = False

    @property
    def has_person(self) -> bool:
        return self.person_id is not None or self.person_unknown

    @property
    def is_empty(self) -> bool:
        return self == ReviewFilter()

    def q(self) -> Q:
        query = Q()
        if self.person_unknown:
            query &= Q(pk__in=[])
        elif self.person_id is not None:
            query &= Q(person_id=self.person_id)
        if self.staff_id is not None:
            query &= Q(actor_id=self.staff_id)
        if self.date_from is not None:
            query &= Q(occurred_at__gte=_start_of(self.date_from))
        if self.date_to is not None:
            query &= Q(occurred_at__lt=_start_of(self.date_to + dt.timedelta(days=1)))
        if self.event:
            query &= Q(event=self.event)
        if self.without_relation_only:
            query &= Q(had_relation=False)
        return query

    def to_session(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "person_unknown": self.person_unknown,
            "person_display": self.person_display,
            "staff_id": self.staff_id,
            "staff_uuid": self.staff_uuid,
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
            "event": self.event,
            "without_relation_only": self.without_relation_only,
        }

    @classmethod
    def from_session(cls, data: object) -> ReviewFilter:
        if not isinstance(data, dict):
            return cls()
        try:
            return cls(
                person_id=_optional_int(data.get("person_id")),
                person_unknown=bool(data.get("person_unknown")),
                person_display=str(data.get("person_display") or ""),
                staff_id=_optional_int(data.get("staff_id")),
                staff_uuid=str(data.get("staff_uuid") or ""),
                date_from=_optional_date(data.get("date_from")),
                date_to=_optional_date(data.get("date_to")),
                event=str(data.get("event") or ""),
                without_relation_only=bool(data.get("without_relation_only")),
            )
        except (TypeError, ValueError):
            return cls()

    def with_person(self, person_id: int | None, display: str) -> ReviewFilter:
        return replace(self, person_id=person_id, person_unknown=person_id is None, person_display=display)

    def without_person(self) -> ReviewFilter:
        return replace(self, person_id=None, person_unknown=False, person_display="")


def _optional_int(value: object) -> int | None:
    return None if value is None else int(str(value))


def _optional_date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(str(value)) if value else None


def _start_of(day: dt.date) -> dt.datetime:
    """Midnight at the start of `day` in Swedish time: periods are in local dates, the column is a timestamp."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def person_for_review(actor: Actor, identity_number: str) -> tuple[int | None, str]:
    """The person a manager filters the unit's log by, from a canonical identity number.

    Not limited to people the unit may see: a review must be able to ask "did anyone here open this person's
    data?" exactly when the unit had no relation. The answer never leaves the unit's own events, and an unknown
    number is shown like a person without events. The search is logged without the number.
    """
    person_id = Person.objects.filter(identity_number=identity_number).values_list("pk", flat=True).first()
    record(actor, "person.searched", detail={"by": "number", "purpose": "log_review"})
    return person_id, mask(identity_number)


def person_from_event(unit: Unit, event_id: int) -> tuple[int, str]:
    """The person of one of the unit's events, for "show only this person"; 404 for other events."""
    row = (
        unit_events(unit).filter(pk=event_id, person_id__isnull=False).values_list("person_id", "person_label").first()
    )
    if row is None:
        raise Http404
    return row[0], row[1]


# --- Paging --------------------------------------------------------------------------------------------------

_CURSOR = re.compile(r"^(-?\d{1,20})\.(\d{1,20})$")
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Cursor:
    """The last row of a page: the next page starts strictly after it in (occurred_at, id) descending order."""

    occurred_at: dt.datetime
    id: int

    def encode(self) -> str:
        micros = (self.occurred_at - _EPOCH) // dt.timedelta(microseconds=1)
        return f"{micros}.{self.id}"

    @classmethod
    def decode(cls, text: str) -> Cursor | None:
        match = _CURSOR.match(text or "")
        if not match:
            return None
        try:
            moment = _EPOCH + dt.timedelta(microseconds=int(match[1]))
        except OverflowError:
            return None
        return cls(occurred_at=moment, id=int(match[2]))

    def q(self) -> Q:
        # `occurred_at <= t` first, so that the index range scan stops at the cursor; the id breaks ties.
        return Q(occurred_at__lte=self.occurred_at) & (Q(occurred_at__lt=self.occurred_at) | Q(id__lt=self.id))


@dataclass
class EventPage:
    events: list[AuditEvent]
    next_cursor: Cursor | None
    is_first: bool
    size: int = PAGE_SIZE


def review_page(
    unit: Unit, review_filter: ReviewFilter, after: Cursor | None = None, size: int = PAGE_SIZE
) -> EventPage:
    """One page of the unit's events, newest first. Each source fetches size + 1 rows from its index; the merged
    list tells whether an older page exists without counting anything."""
    condition = review_filter.q()
    if after is not None:
        condition &= after.q()
    lists = [
        list(source.filter(condition).only(*LISTED_FIELDS).order_by("-occurred_at", "-id")[: size + 1])
        for source in _sources(unit)
    ]
    merged = list(heapq.merge(*lists, key=lambda event: (event.occurred_at, event.id), reverse=True))
    events = merged[:size]
    next_cursor = Cursor(events[-1].occurred_at, events[-1].id) if len(merged) > size else None
    return EventPage(events=events, next_cursor=next_cursor, is_first=after is None, size=size)


# --- Random samples ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    """A reproducible random sample: the same seed over the same set (ordered by id) draws the same events."""

    seed: int
    event_ids: list[int]
    population: int
    up_to_id: int | None
    date_from: dt.date
    date_to: dt.date

    def to_session(self, unit: Unit, description: str) -> dict[str, Any]:
        return {
            "unit": str(unit.uuid),
            "seed": self.seed,
            "event_ids": self.event_ids,
            "population": self.population,
            "up_to_id": self.up_to_id,
            "date_from": self.date_from.isoformat(),
            "date_to": self.date_to.isoformat(),
            "description": description,
        }


def reservoir_sample(ids: Iterable[int], size: int, seed: int) -> tuple[list[int], int, int | None]:
    """`size` ids drawn uniformly from `ids` (ascending) in one pass (reservoir sampling), how many ids there were,
    and the last id seen. Memory stays at `size` however large the set is."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible sample needs a seeded generator, not a secret one
    chosen: list[int] = []
    seen = 0
    last_id: int | None = None
    for seen, event_id in enumerate(ids, start=1):
        last_id = event_id
        if len(chosen) < size:
            chosen.append(event_id)
        else:
            slot = rng.randrange(seen)
            if slot < size:
                chosen[slot] = event_id
    return sorted(chosen), seen, last_id


def draw_sample(
    unit: Unit, review_filter: ReviewFilter, size: int, seed: int, *, up_to_id: int | None = None
) -> Sample:
    """Draw `size` of the unit's events that match the filter, which must name a period.

    Events keep being written, so the sample records the last id of the set it was drawn from: the same filter,
    seed and `up_to_id` draw the same events again."""
    if review_filter.date_from is None or review_filter.date_to is None:
        raise ValueError("A sample is drawn from a period: the filter must have both dates")
    events = unit_events(unit).filter(review_filter.q())
    if up_to_id is not None:
        events = events.filter(id__lte=up_to_id)
    ids = events.order_by("id").values_list("id", flat=True).iterator(chunk_size=5000)
    chosen, population, last_id = reservoir_sample(ids, size, seed)
    return Sample(
        seed=seed,
        event_ids=chosen,
        population=population,
        up_to_id=last_id,
        date_from=review_filter.date_from,
        date_to=review_filter.date_to,
    )


def sampled_events(unit: Unit, event_ids: Iterable[int]) -> list[AuditEvent]:
    """The unit's events among `event_ids`, oldest first; ids outside the unit are dropped."""
    return list(unit_events(unit).filter(pk__in=list(event_ids)).only(*LISTED_FIELDS).order_by("occurred_at", "id"))


# --- Documented reviews --------------------------------------------------------------------------------------


def unit_reviews(unit: Unit) -> QuerySet[LogReview]:
    return LogReview.objects.filter(unit=unit).select_related("reviewer").order_by("-reviewed_at")


def get_review(actor: Actor | None, review_uuid: uuid.UUID | str) -> LogReview:
    """A documented review of the actor's own unit; 404 otherwise."""
    review = unit_reviews(reviewed_unit(actor)).select_related("unit__organisation").filter(uuid=review_uuid).first()
    if review is None:
        raise Http404
    return review


def review_events(review: LogReview) -> list[AuditEvent]:
    return list(review.events.only(*LISTED_FIELDS).order_by("occurred_at", "id"))


# --- Log extracts --------------------------------------------------------------------------------------------


def extract_subject(actor: Actor | None, person_uuid: uuid.UUID | str) -> tuple[Person, str]:
    """The person an extract is about, if the actor's organisation has the person in its own records; else 404.

    The extract lists every organisation's accesses, so only an organisation that answers to the person for its
    own records produces it; one that sees the person only through consent refers the person there.
    The read is logged by the action that produces the extract."""
    person = visible_persons(actor).filter(uuid=person_uuid).first()
    if person is None:
        raise Http404
    ground = legal_ground(actor, person)
    if ground != LegalGround.OWN_RECORDS:
        raise Http404
    return person, ground
