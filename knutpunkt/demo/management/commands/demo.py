"""`knutpunkt demo`: migrate, load the demo county, print the demo logins, and serve the site on 127.0.0.1.

The site is served with Django's own development server (threaded, without the auto-reloader). The demo is one
person trying Knutpunkt on their own machine through the loopback address: runserver needs no configuration,
serves static files through WhiteNoise's finders, and says plainly that it is not for production. Production runs
under gunicorn behind a proxy (see the README), never with demo accounts.
The background worker (`knutpunkt worker`: queued tasks and the SIP reminders) runs in a thread beside the server,
so the demo's reminders appear without a second command.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.utils import override_settings
from django.utils import translation

from knutpunkt.demo.seed import DemoSummary, seed_demo
from knutpunkt.indicators.models import ForecastRun, ImportRun
from knutpunkt.plans.tasks import start_worker_thread
from knutpunkt.prevention.demo import seed_prevention_demo

# How often the demo's background worker makes and sends the SIP reminders.
DEMO_REMINDER_MINUTES = 5

COUNT_LABELS = {
    "organisations": "organisationer",
    "units": "enheter",
    "users": "konton",
    "persons": "personer",
    "registrations": "registreringar",
    "consents": "samtycken",
    "audit_events": "logghändelser",
    "plans": "samordnade individuella planer",
}

STORY = {
    "anna.karlstad": "socialsekreterare, Barn och unga i Karlstad: ser barnen i sina egna ärenden, t.ex. {person}",
    "maria.chef": "enhetschef för Barn och unga och Mottagningsenheten: loggkontroll och byte av enhet",
    "cecilia.bup": "BUP Värmland: ser {person} genom samtycke till en samordnad plan",
    "olle.arvika": "Socialtjänsten Arvika: ser ingen av Karlstads personer",
    "adam.admin": "lokal administratör för Socialtjänsten Karlstad: enheter och behörigheter",
    "ali.analys": "analytiker: nyckeltal, prognoser, varningar och Karlstads åtgärdsplaner – aldrig enskilda personer",
}


class Command(BaseCommand):
    help = "Laddar demolänet (påhittade personer, Skatteverkets testpersonnummer) och visar Knutpunkt på 127.0.0.1."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000, help="Porten på 127.0.0.1 (standard 8000).")
        parser.add_argument("--no-serve", action="store_true", help="Ladda bara demolänet, starta ingen webbserver.")

    def handle(self, *args: Any, **options: Any) -> None:
        # The terminal speaks the UI's first language, whatever the shell's locale.
        with translation.override(settings.LANGUAGE_CODE):
            self._handle(**options)

    def _handle(self, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demolänet laddas aldrig i produktion (KNUTPUNKT_PRODUCTION är på).")
        port: int = options["port"]
        if not 1 <= port <= 65535:
            raise CommandError(f"Porten måste vara mellan 1 och 65535, inte {port}.")
        verbosity: int = options["verbosity"]

        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0), stdout=self.stdout)
        # The county's story happened before today: its invitation e-mails are not printed again on every start,
        # where they would bury the logins. Reminders the worker sends from now on are printed as usual.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            summary = seed_demo()
        self.load_open_data(verbosity)
        self.print_summary(summary, port, serve=not options["no_serve"])

        if options["no_serve"]:
            return
        if not settings.DEMO_MODE:
            self.stderr.write(
                self.style.WARNING(
                    "Demoläget är inte på (KNUTPUNKT_DEMO), så demokontona måste ha en andra faktor för att logga in. "
                    "Starta med `knutpunkt demo` i stället."
                )
            )
        # The background worker (reminders and other queued tasks) runs in a thread of this process, so the demo
        # needs no second command; it stops with the server.
        worker, stop_worker = start_worker_thread(every=dt.timedelta(minutes=DEMO_REMINDER_MINUTES), poll=5)
        try:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
        finally:
            stop_worker.set()
            worker.join(timeout=10)

    def load_open_data(self, verbosity: int) -> None:
        """Kolada's key figures (the copies committed with Knutpunkt), the forecasts made from them, and Karlstad's
        prevention cycle built on them. Each step is skipped when it has been done before."""
        if not ImportRun.objects.exists():
            self.stdout.write("Läser in Kolada-nyckeltalen …")
            call_command("import_kolada", verbosity=verbosity, stdout=self.stdout, stderr=self.stderr)
        if not ForecastRun.objects.filter(finished_at__isnull=False).exists():
            call_command("refresh_forecasts", verbosity=verbosity, stdout=self.stdout, stderr=self.stderr)
        seed_prevention_demo()

    def print_summary(self, summary: DemoSummary, port: int, *, serve: bool) -> None:
        out = self.stdout
        out.write(self.style.MIGRATE_HEADING("Knutpunkt – demolänet"))
        counts = ", ".join(f"{summary.counts[key]} {label}" for key, label in COUNT_LABELS.items())
        if summary.created:
            out.write(f"Demolänet är inläst: {counts}.")
        else:
            out.write(f"Demolänet fanns redan i databasen, inget nytt är skapat ({counts}).")
        out.write("Alla personer är påhittade och har Skatteverkets testpersonnummer.")
        out.write("")

        width = max((len(login.username) for login in summary.logins), default=10) + 2
        role_width = max((len(login.role) for login in summary.logins), default=10) + 2
        organisation = None
        out.write(self.style.MIGRATE_HEADING("Demokonton (användarnamn, roll, enhet)"))
        for login in summary.logins:
            if login.organisation != organisation:
                organisation = login.organisation
                out.write(f"{organisation}")
            out.write(f"  {login.username:<{width}}{login.role:<{role_width}}{login.unit}")
        out.write("")

        out.write(self.style.MIGRATE_HEADING("Börja här"))
        for username in summary.featured:
            description = STORY.get(username, "").format(person=summary.example_person)
            out.write(f"  {username:<{width}}{description}")
        out.write("")
        out.write("Lösenord för alla demokonton: " + self.style.SUCCESS(summary.password))
        if serve:
            out.write(f"Öppna http://127.0.0.1:{port}/ i webbläsaren. Avsluta med Ctrl+C.")
        out.write("")
