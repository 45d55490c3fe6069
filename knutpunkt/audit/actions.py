"""Writing the audit log. Callers run inside the transaction of the change they log."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction

from knutpunkt.audit.events import EVENTS
from knutpunkt.audit.extract import ExtractRow, extract_rows
from knutpunkt.audit.models import AuditEvent, LegalGround, LogReview
from knutpunkt.organisations.access import Actor
from knutpunkt.organisations.models import Unit
from knutpunkt.people.models import Person


def _who(actor: Actor | None, event: str, detail: dict[str, Any] | None) -> dict[str, Any]:
    """The columns an event takes from who wrote it (and the event's name and detail): the same for every row of a
    listing, so worked out once for it."""
    if event not in EVENTS:
        raise ValueError(f"Unregistered audit event {event!r}")
    unit = actor.unit if actor else None
    organisation = actor.organisation if actor else None
    return {
        "event": event,
        "actor_id": actor.user.pk if actor else None,
        "actor_label": actor.label if actor else "",
        "unit_id": unit.pk if unit else None,
        "unit_label": str(unit) if unit else "",
        "organisation_id": organisation.pk if organisation else None,
        "request_id": actor.request_id if actor else "",
        "detail": detail or {},
    }


def _event(
    actor: Actor | None,
    event: str,
    *,
    person: Person | None = None,
    obj: models.Model | None = None,
    legal_ground: str = LegalGround.NOT_APPLICABLE,
    had_relation: bool = True,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    object_uuid = getattr(obj, "uuid", None) if obj is not None else None
    return AuditEvent(
        person=person,
        person_label=person.full_name if person else "",
        object_type=obj._meta.label_lower if obj is not None else "",
        object_uuid=object_uuid if isinstance(object_uuid, uuid.UUID) else None,
        object_label=str(obj)[:300] if obj is not None else "",
        legal_ground=legal_ground,
        had_relation=had_relation,
        **_who(actor, event, detail),
    )


def record(actor: Actor | None, event: str, **kwargs: Any) -> AuditEvent:
    """Write one audit event now."""
    entry = _event(actor, event, **kwargs)
    entry.save()
    return entry


def record_listing(
    actor: Actor | None, event: str, shown: Iterable[tuple[Person, str]], detail: dict[str, Any] | None = None
) -> None:
    """One event per (person, legal ground) shown, in one statement and one transaction: a listing shows people on
    different grounds (own records, consent) and is logged as one write, not one per ground."""
    # What every row shares, worked out once (a unit's label alone costs a lookup per row otherwise).
    common = _who(actor, event, detail)
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(person_id=person.pk, person_label=person.full_name, legal_ground=ground, **common)
            for person, ground in shown
        ]
    )


# --- Log review and log extract -----------------------------------------------------------------------------


def record_review(
    actor: Actor,
    *,
    unit: Unit,
    period_start: dt.date,
    period_end: dt.date,
    sample_description: str,
    findings: str,
    outcome: str,
    event_ids: list[int],
    seed: int | None = None,
    up_to_id: int | None = None,
) -> LogReview:
    """Document a log review with the events it looked at. The sample's seed and the last id of the set it was
    drawn from make it reproducible; the audit event records them with the event ids."""
    with transaction.atomic():
        review = LogReview.objects.create(
            unit=unit,
            reviewer=actor.user,
            period_start=period_start,
            period_end=period_end,
            sample_description=sample_description,
            findings=findings,
            outcome=outcome,
        )
        if event_ids:
            review.events.add(*event_ids)
        record(
            actor,
            "audit.reviewed",
            obj=review,
            detail={"outcome": outcome, "events": sorted(event_ids), "seed": seed, "up_to_id": up_to_id},
        )
    return review


def create_log_extract(actor: Actor, person: Person, *, legal_ground: str, file_format: str) -> list[ExtractRow]:
    """The rows of a person's log extract; the extract itself is logged, after the rows are read, so it is not
    in its own list."""
    with transaction.atomic():
        rows = extract_rows(person)
        record(
            actor,
            "audit.extract_created",
            person=person,
            obj=person,
            legal_ground=legal_ground,
            had_relation=legal_ground != LegalGround.NONE,
            detail={"format": file_format, "rows": len(rows)},
        )
    return rows
