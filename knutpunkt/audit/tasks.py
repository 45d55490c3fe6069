"""Background tasks of the audit app, on the database task queue (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from knutpunkt.audit.retention import purge_expired_events


@task()
def purge_audit_log() -> int:
    """The retention job (see knutpunkt/audit/retention.py). Returns the number of events deleted."""
    return purge_expired_events()
