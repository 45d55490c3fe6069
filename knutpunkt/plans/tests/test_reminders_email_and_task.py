"""Reminders are e-mailed once to the unit's function address, with counts and no personal data; the background
task, the worker loop and the commands run the job."""

from __future__ import annotations

import datetime as dt
import threading
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from pytest_django.fixtures import Settings

from knutpunkt.plans import reminders, tasks
from knutpunkt.plans.models import Commitment, Plan, Reminder
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.plans import PlanWorld, make_profiles, requested_plan


@pytest.fixture
def world(cast: Cast) -> PlanWorld:
    return make_profiles(cast)


def _two_overdue_commitments(cast: Cast, world: PlanWorld) -> Plan:
    plan = requested_plan(cast, world)
    today = timezone.localdate()
    for days in (1, 2):
        Commitment.objects.create(
            plan=plan,
            what=f"Samtal med Elsa Lind {days}",
            unit=cast.barn_och_unga,
            starts_on=today - dt.timedelta(days=10),
            due_on=today - dt.timedelta(days=days),
        )
    return plan


def test_the_unit_gets_one_email_with_counts_and_no_names(cast: Cast, world: PlanWorld) -> None:
    _two_overdue_commitments(cast, world)
    reminders.make_reminders()

    assert reminders.email_reminders() == 1

    [message] = mail.outbox
    assert message.to == [cast.barn_och_unga.email]
    assert "Ni har 2 försenade åtaganden i Knutpunkt." in message.body
    for secret in ("Elsa", "Lind", cast.elsa.identity_number, cast.elsa.identity_number[2:8], "Anna"):
        assert secret not in message.body
        assert secret not in message.subject
    assert Reminder.objects.filter(emailed_at__isnull=True).count() == 0


def test_a_reminder_is_emailed_only_once(cast: Cast, world: PlanWorld) -> None:
    _two_overdue_commitments(cast, world)
    reminders.make_reminders()
    reminders.email_reminders()
    reminders.make_reminders()
    assert reminders.email_reminders() == 0
    assert len(mail.outbox) == 1


def test_dismissed_reminders_and_units_without_an_address_get_no_email(cast: Cast, world: PlanWorld) -> None:
    _two_overdue_commitments(cast, world)
    reminders.make_reminders()
    Reminder.objects.update(dismissed_at=timezone.now())
    assert reminders.email_reminders() == 0
    Reminder.objects.update(dismissed_at=None)
    cast.barn_och_unga.email = ""
    cast.barn_och_unga.save()
    assert reminders.email_reminders() == 0
    assert mail.outbox == []


def test_a_failed_email_is_tried_again_next_time(cast: Cast, world: PlanWorld, monkeypatch: pytest.MonkeyPatch) -> None:
    _two_overdue_commitments(cast, world)
    reminders.make_reminders()

    def refuse(self: object, fail_silently: bool = False) -> int:
        raise OSError("mail server unavailable")

    with monkeypatch.context() as patched:
        patched.setattr("django.core.mail.EmailMessage.send", refuse)
        assert reminders.email_reminders() == 0
    assert Reminder.objects.filter(emailed_at__isnull=True).count() == 2
    assert reminders.email_reminders() == 1


def test_the_task_runs_the_job(cast: Cast, world: PlanWorld, settings: Settings) -> None:
    _two_overdue_commitments(cast, world)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

    result = tasks.send_reminders.using(backend="default").enqueue()

    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == {"created": 2, "emailed": 1}
    assert Reminder.objects.count() == 2


def test_the_worker_loop_enqueues_the_job_and_runs_it_from_the_database_queue(
    cast: Cast, world: PlanWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The loop tidies its database connections like a request does; inside the test's transaction it must not.
    monkeypatch.setattr("knutpunkt.plans.tasks.close_old_connections", lambda: None)
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    _two_overdue_commitments(cast, world)

    class OneRound(threading.Event):
        def wait(self, timeout: float | None = None) -> bool:
            self.set()
            return True

    tasks.run_worker(every=dt.timedelta(minutes=15), poll=1, stop=OneRound())

    [result] = DBTaskResult.objects.all()
    assert result.task_path == tasks.send_reminders.module_path
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert Reminder.objects.count() == 2
    assert len(mail.outbox) == 1


def test_the_job_is_not_queued_twice_while_a_run_waits(db: None) -> None:
    assert tasks.enqueue_send_reminders() is True
    assert tasks.enqueue_send_reminders() is False
    assert DBTaskResult.objects.count() == 1


def test_the_reminders_command_runs_once(cast: Cast, world: PlanWorld) -> None:
    _two_overdue_commitments(cast, world)
    out = StringIO()
    call_command("reminders", stdout=out)
    assert "2 nya påminnelser, 1 e-postmeddelanden skickade." in out.getvalue()


def test_the_worker_command_refuses_nonsense_intervals(db: None) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--every"):
        call_command("worker", "--every", "0")
