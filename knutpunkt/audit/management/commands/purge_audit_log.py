"""`knutpunkt purge_audit_log`: delete audit events older than AUDIT_RETENTION_YEARS. Run it daily."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from knutpunkt.audit.retention import expired_events, purge_expired_events, retention_years


class Command(BaseCommand):
    help = "Delete audit events older than the retention period (at least five years) and log the run."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Only count the events that would be deleted.")

    def handle(self, *args: Any, **options: Any) -> None:
        years = retention_years()
        if options["dry_run"]:
            self.stdout.write(f"{expired_events()} audit events are older than {years} years (dry run: none deleted).")
            return
        deleted = purge_expired_events()
        self.stdout.write(self.style.SUCCESS(f"Deleted {deleted} audit events older than {years} years."))
