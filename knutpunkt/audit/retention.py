"""Retention (gallring) of the audit log: events are kept AUDIT_RETENTION_YEARS (at least five, HSLF-FS 2016:40
4 kap. 9 §) and then deleted by this job, which is the only deletion the database lets through (see migration
0002: the triggers refuse DELETE of younger rows and every UPDATE).

Run it daily: `knutpunkt purge_audit_log` from cron or a systemd timer, or enqueue the task in
knutpunkt/audit/tasks.py on the database task queue.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from knutpunkt.audit.actions import record
from knutpunkt.audit.models import AuditEvent, LogReview
from knutpunkt.core.dates import add_years

MINIMUM_YEARS = 5


def retention_years() -> int:
    years = int(settings.AUDIT_RETENTION_YEARS)
    if years < MINIMUM_YEARS:
        raise ImproperlyConfigured("AUDIT_RETENTION_YEARS must be at least 5 (HSLF-FS 2016:40 4 kap. 9 §)")
    return years


def retention_cutoff(now: dt.datetime) -> dt.datetime:
    """The moment before which events are deleted: the same date and time, `retention_years()` years ago."""
    return add_years(now, -retention_years())


def expired_events(now: dt.datetime | None = None) -> int:
    """How many events the job would delete now (for a dry run)."""
    return AuditEvent.objects.filter(occurred_at__lt=retention_cutoff(now or timezone.now())).count()


def purge_expired_events(now: dt.datetime | None = None) -> int:
    """Delete every event older than the retention period, in one transaction with the audit event that
    documents the run. Returns the number of events deleted.

    A documented log review keeps its description and findings; its links to events that are deleted go with
    them, since the events themselves may not be kept longer.
    """
    now = now or timezone.now()
    cutoff = retention_cutoff(now)
    with transaction.atomic():
        expired = AuditEvent.objects.filter(occurred_at__lt=cutoff)
        LogReview.events.through.objects.filter(auditevent__in=expired.values("pk")).delete()
        # One DELETE statement on the occurred_at index. AuditEvent.delete() refuses on purpose, and the ORM's
        # collecting delete would load every expired row into memory first.
        deleted = expired._raw_delete(expired.db)
        record(
            None,
            "audit.retention_run",
            detail={"deleted": deleted, "cutoff": cutoff.isoformat(), "retention_years": retention_years()},
        )
    return deleted
