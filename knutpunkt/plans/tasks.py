"""Background work of coordinated plans on the database task queue (django-tasks), and the worker loop that runs
the queue and schedules the reminder job: no broker and no cron to install.

`run_worker` is what `knutpunkt worker` runs, and what `knutpunkt demo` runs in a thread beside its web server:
every `every` it enqueues `send_reminders` (unless one is already waiting), and every `poll` seconds it runs the
tasks that are ready with django_tasks_db's own worker in batch mode (claiming, running and recording each task
exactly as `db_worker` does).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time

from django.db import close_old_connections, connections
from django.utils.crypto import get_random_string
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from knutpunkt.plans import reminders

logger = logging.getLogger(__name__)


@task()
def send_reminders() -> dict[str, int]:
    """Create the reminders that are due and e-mail the units about them (knutpunkt/plans/reminders.py)."""
    return reminders.run_once()


def enqueue_send_reminders() -> bool:
    """Put the reminder job on the queue unless a run is already waiting; True when it was enqueued."""
    waiting = DBTaskResult.objects.filter(task_path=send_reminders.module_path, status=TaskResultStatus.READY).exists()
    if waiting:
        return False
    send_reminders.enqueue()
    return True


def run_ready_tasks(worker_id: str) -> None:
    """Run every task that is ready now, then return."""
    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    ).run()


def run_worker(*, every: dt.timedelta, poll: float, stop: threading.Event, worker_id: str | None = None) -> None:
    """Schedule the reminder job every `every` and run ready tasks every `poll` seconds, until `stop` is set.
    Installs no signal handlers, so it also runs in a thread (see `start_worker_thread`)."""
    worker_id = worker_id or get_random_string(32)
    next_schedule = time.monotonic()
    while not stop.is_set():
        close_old_connections()
        if time.monotonic() >= next_schedule:
            if enqueue_send_reminders():
                logger.info("Enqueued send_reminders")
            next_schedule = time.monotonic() + every.total_seconds()
        run_ready_tasks(worker_id)
        stop.wait(poll)


def start_worker_thread(*, every: dt.timedelta, poll: float) -> tuple[threading.Thread, threading.Event]:
    """`run_worker` in a daemon thread beside a web server in the same process (the demo). Set the returned
    event to stop it after the task it is running; the thread closes its own database connections."""
    stop = threading.Event()

    def work() -> None:
        try:
            run_worker(every=every, poll=poll, stop=stop)
        except Exception:
            logger.exception("The background worker stopped")
        finally:
            connections.close_all()

    thread = threading.Thread(target=work, name="knutpunkt-worker", daemon=True)
    thread.start()
    return thread, stop
