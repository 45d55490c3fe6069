"""Writing the audit log. Callers run inside the transaction of the change they log."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.db import models

from knutpunkt.audit.events import EVENTS
from knutpunkt.audit.models import AuditEvent, LegalGround
from knutpunkt.organisations.access import Actor
from knutpunkt.people.models import Person


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
    if event not in EVENTS:
        raise ValueError(f"Unregistered audit event {event!r}")
    unit = actor.unit if actor else None
    organisation = actor.organisation if actor else None
    object_uuid = getattr(obj, "uuid", None) if obj is not None else None
    return AuditEvent(
        event=event,
        actor=actor.user if actor else None,
        actor_label=actor.label if actor else "",
        unit=unit,
        unit_label=str(unit) if unit else "",
        organisation=organisation,
        person=person,
        person_label=person.full_name if person else "",
        object_type=obj._meta.label_lower if obj is not None else "",
        object_uuid=object_uuid if isinstance(object_uuid, uuid.UUID) else None,
        object_label=str(obj)[:300] if obj is not None else "",
        legal_ground=legal_ground,
        had_relation=had_relation,
        request_id=actor.request_id if actor else "",
        detail=detail or {},
    )


def record(actor: Actor | None, event: str, **kwargs: Any) -> AuditEvent:
    """Write one audit event now."""
    entry = _event(actor, event, **kwargs)
    entry.save()
    return entry


def record_many(actor: Actor | None, event: str, people: Iterable[Person], **kwargs: Any) -> None:
    """Write one event per person in one statement, for listings that show several people."""
    AuditEvent.objects.bulk_create([_event(actor, event, person=person, **kwargs) for person in people])
