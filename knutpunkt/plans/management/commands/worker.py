"""`knutpunkt worker`: run the background task queue and schedule the SIP reminders, without a broker or cron.

Runs every task on the database queue (django-tasks with django_tasks_db) as it becomes ready, and enqueues the
reminder job `send_reminders` every --every minutes. Run one per installation, beside the web server (for example
as a systemd service); more are harmless: the reminder job is idempotent and a task is claimed by one worker only.
Stops after the task it is running on SIGINT or SIGTERM; a second signal stops it at once.
"""

from __future__ import annotations

import datetime as dt
import signal
import threading
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from knutpunkt.plans.tasks import run_worker


class Command(BaseCommand):
    help = "Kör bakgrundsjobben (uppgiftskön i databasen) och schemalägger påminnelserna om SIP."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--every", type=int, default=15, help="Minuter mellan påminnelsekörningarna (standard 15).")
        parser.add_argument(
            "--poll", type=float, default=5.0, help="Sekunder mellan kontrollerna av uppgiftskön (standard 5)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        every: int = options["every"]
        poll: float = options["poll"]
        if every < 1:
            raise CommandError("--every måste vara minst 1 minut.")
        if not 0 < poll <= 3600:
            raise CommandError("--poll måste vara mellan 0 och 3600 sekunder.")
        stop = threading.Event()

        def shutdown(signum: int, frame: FrameType | None) -> None:
            if stop.is_set():
                raise KeyboardInterrupt
            self.stderr.write("Avslutar efter pågående uppgift (tryck Ctrl+C igen för att avbryta direkt).")
            stop.set()

        signal.signal(signal.SIGINT, shutdown)
        signal.signal(signal.SIGTERM, shutdown)
        self.stdout.write(f"Bakgrundsjobben körs; påminnelser var {every}:e minut. Avsluta med Ctrl+C.")
        run_worker(every=dt.timedelta(minutes=every), poll=poll, stop=stop)
