"""`knutpunkt bench`: server time (p50, p95) and SQL queries of the pages that must stay fast at county scale.

Run it on a database filled by `knutpunkt generate_scale`; `bench/run` runs the whole matrix of databases and
sizes and compares the figures with the targets. See `bench/README.md`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from knutpunkt.core.serving import settle_after_startup
from knutpunkt.demo import bench


class Command(BaseCommand):
    help = "Mäter serverns svarstid (p50, p95) och antalet SQL-frågor för de sidor som måste klara länsskala."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--repeat", type=int, default=100, help="Mätningar per sida (standard 100).")
        parser.add_argument("--warmup", type=int, default=5, help="Uppvärmningsvarv före mätningen (standard 5).")
        parser.add_argument("--json", type=Path, default=None, help="Skriv resultatet som JSON till den här filen.")
        parser.add_argument("--label", default="", help="Namn på körningen i JSON-filen, t.ex. sqlite-10000.")
        parser.add_argument(
            "--generation-seconds", type=int, default=None, help="Hur lång tid genereringen tog (för rapporten)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Mätningen skriver loggrader och sessioner: kör den aldrig i produktion.")
        repeat: int = options["repeat"]
        warmup: int = options["warmup"]
        if repeat < 1 or warmup < 0:
            raise CommandError("--repeat måste vara minst 1 och --warmup minst 0.")
        if settings.DEBUG:
            self.stderr.write(self.style.WARNING("DEBUG är på: tiderna blir högre än i drift."))
        # Measured as a web server process runs (knutpunkt/wsgi.py).
        settle_after_startup()
        with translation.override(settings.LANGUAGE_CODE):
            try:
                results, actors = bench.run(repeat=repeat, warmup=warmup, say=self.stdout.write)
            except LookupError as missing:
                raise CommandError(str(missing)) from missing
        context = bench.environment(repeat, warmup)
        context["generation_seconds"] = options["generation_seconds"]
        self.print_table(results, context)
        if options["json"]:
            data = {
                "label": options["label"],
                "environment": context,
                "actors": actors.describe(),
                "pages": [result.as_dict() for result in results],
            }
            options["json"].write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            self.stdout.write(f"JSON: {options['json']}")

    def print_table(self, results: list[bench.Result], context: dict[str, Any]) -> None:
        out = self.stdout
        out.write(
            f"{context['database']} {context['database_version']}: {_number(context['persons'])} personer, "
            f"{_number(context['plans'])} SIP, ~{_number(context['audit_events_approx'])} logghändelser; "
            f"{context['repeat']} mätningar per sida"
        )
        baseline = next((r for r in results if r.key == "trivial" and r.samples_ms), None)
        header = f"{'sida':<24}{'p50 ms':>9}{'p95 ms':>9}{'min ms':>9}{'frågor':>8}{'status':>8}{'p95/trivial':>13}"
        out.write(header)
        out.write("-" * len(header))
        for result in results:
            if result.skipped:
                out.write(f"{result.title:<24}  – {result.skipped}")
                continue
            ratio = f"{result.p95 / baseline.p95:.1f}x" if baseline and baseline.p95 else "–"
            queries = f"{result.query_count}{'' if result.queries_stable else '*'}"
            out.write(
                f"{result.title:<24}{result.p50:>9.1f}{result.p95:>9.1f}{min(result.samples_ms):>9.1f}"
                f"{queries:>8}{result.status:>8}{ratio:>13}"
            )
        if any(not r.queries_stable for r in results if not r.skipped):
            out.write("* antalet frågor skilde mellan varven; det högsta visas")


def _number(value: int) -> str:
    """Thousands separated by spaces, as Swedish writes them."""
    return f"{value:,}".replace(",", " ")
