"""`knutpunkt reminders`: create the SIP reminders that are due and e-mail the units once, now.

`knutpunkt worker` does this every few minutes by itself; this command is for a single run (or for cron)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from knutpunkt.plans import reminders


class Command(BaseCommand):
    help = "Skapar de påminnelser om SIP som ska finnas i dag och skickar dem till enheternas funktionsadresser."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", type=dt.date.fromisoformat, default=None, help="Räkna som om det vore detta datum (ÅÅÅÅ-MM-DD)."
        )
        parser.add_argument("--no-email", action="store_true", help="Skapa påminnelserna men skicka ingen e-post.")

    def handle(self, *args: Any, **options: Any) -> None:
        created = reminders.make_reminders(options["date"])
        emailed = 0 if options["no_email"] else reminders.email_reminders()
        self.stdout.write(self.style.SUCCESS(f"{created} nya påminnelser, {emailed} e-postmeddelanden skickade."))
