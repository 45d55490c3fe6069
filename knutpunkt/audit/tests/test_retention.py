"""Retention (gallring): events are kept at least five years, then deleted by the job and nothing else."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from pytest_django.fixtures import Settings

from knutpunkt.audit.actions import record
from knutpunkt.audit.models import AuditEvent, LogReview
from knutpunkt.audit.retention import purge_expired_events, retention_cutoff
from knutpunkt.audit.tasks import purge_audit_log
from knutpunkt.testing.cast import Cast

YEAR = dt.timedelta(days=365)


def _event(age: dt.timedelta) -> AuditEvent:
    return AuditEvent.objects.create(event="person.viewed", occurred_at=timezone.now() - age)


def test_events_older_than_five_years_are_deleted_and_younger_ones_kept(db: None) -> None:
    old = _event(5 * YEAR + 10 * dt.timedelta(days=1))
    kept = _event(4 * YEAR)
    recent = record(None, "auth.login_failed")
    assert purge_expired_events() == 1
    remaining = set(AuditEvent.objects.values_list("pk", flat=True))
    assert old.pk not in remaining
    assert {kept.pk, recent.pk} <= remaining


def test_the_run_is_logged_with_the_count(db: None) -> None:
    _event(6 * YEAR)
    _event(7 * YEAR)
    purge_expired_events()
    run = AuditEvent.objects.get(event="audit.retention_run")
    assert run.detail["deleted"] == 2
    assert run.detail["retention_years"] == 5


def test_a_longer_retention_period_keeps_more(db: None, settings: Settings) -> None:
    settings.AUDIT_RETENTION_YEARS = 10
    six_years = _event(6 * YEAR)
    assert purge_expired_events() == 0
    assert AuditEvent.objects.filter(pk=six_years.pk).exists()


def test_a_retention_period_under_five_years_is_refused(db: None, settings: Settings) -> None:
    settings.AUDIT_RETENTION_YEARS = 3
    with pytest.raises(ImproperlyConfigured):
        purge_expired_events()


def test_cutoff_on_leap_day() -> None:
    leap_day = dt.datetime(2028, 2, 29, 12, tzinfo=dt.UTC)
    assert retention_cutoff(leap_day) == dt.datetime(2023, 2, 28, 12, tzinfo=dt.UTC)


def test_a_review_keeps_its_record_when_its_events_expire(cast: Cast) -> None:
    old = _event(6 * YEAR)
    review = LogReview.objects.create(
        unit=cast.barn_och_unga,
        reviewer=cast.maria,
        period_start=dt.date(2019, 1, 1),
        period_end=dt.date(2019, 1, 31),
        sample_description="Urval",
        findings="Inget",
        outcome=LogReview.Outcome.NO_REMARKS,
    )
    review.events.add(old)
    purge_expired_events()
    review.refresh_from_db()
    assert review.events.count() == 0
    assert review.findings == "Inget"


def test_the_database_refuses_update_of_any_event(db: None) -> None:
    event = record(None, "auth.login_failed")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET event = 'auth.login' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).event == "auth.login_failed"


def test_the_database_refuses_delete_of_a_recent_event(db: None) -> None:
    event = _event(4 * YEAR)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk)._raw_delete(AuditEvent.objects.db)
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_management_command_purges_and_reports(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    _event(6 * YEAR)
    call_command("purge_audit_log", "--dry-run")
    assert "1 audit events" in capsys.readouterr().out
    assert AuditEvent.objects.count() == 1
    call_command("purge_audit_log")
    assert "Deleted 1 audit events" in capsys.readouterr().out
    assert not AuditEvent.objects.exclude(event="audit.retention_run").exists()


def test_task_purges(db: None, settings: Settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    _event(6 * YEAR)
    result = purge_audit_log.using(backend="default").enqueue()
    assert result.return_value == 1
