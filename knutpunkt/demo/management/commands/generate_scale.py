"""`knutpunkt generate_scale`: fill an empty, migrated database with a county-scale dataset for benchmarks.

See `knutpunkt/demo/scale.py` for what is generated and `bench/README.md` for how the benchmarks use it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from knutpunkt.demo.scale import DEFAULT_SEED, ScaleRefused, generate


class Command(BaseCommand):
    help = (
        "Fyller en tom, migrerad databas med testdata i länsskala för prestandamätningar (bench/). Personerna har "
        "Skatteverkets testpersonnummer så långt de räcker, annars reservnummer BENCH…."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--persons", type=int, default=10_000, help="Antal personer (standard 10 000).")
        parser.add_argument("--plans", type=int, default=None, help="Antal SIP (standard: en per tio personer).")
        parser.add_argument(
            "--audit-events", type=int, default=None, help="Antal logghändelser (standard: tio per person)."
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Slumpfrö (samma frö ger samma data).")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Testdata skapas aldrig i produktion (KNUTPUNKT_PRODUCTION är på).")
        persons: int = options["persons"]
        plans: int = options["plans"] if options["plans"] is not None else persons // 10
        events: int = options["audit_events"] if options["audit_events"] is not None else persons * 10
        self.stdout.write(f"Skapar {persons} personer, {plans} SIP och {events} logghändelser …")
        try:
            summary = generate(persons, plans, events, options["seed"], progress=self.stdout.write)
        except ScaleRefused as refused:
            raise CommandError(str(refused)) from refused
        except ValueError as invalid:
            raise CommandError(str(invalid)) from invalid
        width = max(len(name) for name in summary.counts)
        for name, count in summary.counts.items():
            self.stdout.write(f"  {name:<{width}}  {count:>12,}".replace(",", " "))
        times = ", ".join(f"{name} {seconds} s" for name, seconds in summary.seconds.items())
        self.stdout.write(self.style.SUCCESS(f"Klart. Tider: {times}."))
