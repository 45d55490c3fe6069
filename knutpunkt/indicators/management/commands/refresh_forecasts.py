"""`knutpunkt refresh_forecasts`: forecast every key figure for every municipality and find the early warnings,
now, replacing the previous forecast run (knutpunkt/indicators/refresh.py). The task `refresh_forecasts_task` does
the same on the background queue."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import formats, translation
from django.utils.translation import gettext as _

from knutpunkt.indicators import forecasting
from knutpunkt.indicators.models import EarlyWarning, Forecast
from knutpunkt.indicators.refresh import refresh_forecasts


class Command(BaseCommand):
    help = (
        "Räknar om Knutpunkts prognoser och tidiga varningar för alla nyckeltal och kommuner och ersätter "
        "den förra prognoskörningen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--horizon",
            type=int,
            default=forecasting.DEFAULT_HORIZON,
            help=(
                f"Antal år framåt att prognostisera (1–{forecasting.MAX_HORIZON}, "
                f"förval {forecasting.DEFAULT_HORIZON})."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        horizon = options["horizon"]
        # The terminal speaks the UI's first language, whatever the shell's locale.
        with translation.override(settings.LANGUAGE_CODE):
            if not 1 <= horizon <= forecasting.MAX_HORIZON:
                raise CommandError(
                    _("Antal år framåt måste vara mellan 1 och %(most)s.") % {"most": forecasting.MAX_HORIZON}
                )
            run = refresh_forecasts(horizon=horizon)
            indicators = Forecast.objects.filter(run=run).values("indicator").distinct().count()
            warnings = EarlyWarning.objects.filter(run=run).count()
            years = Forecast.objects.filter(run=run).values_list("year", flat=True).order_by("year")
            first, last = years.first(), years.last()
            numbers = {
                "series": formats.number_format(run.series, force_grouping=True),
                "indicators": indicators,
                "horizon": horizon,
                "first": first,
                "last": last,
                "warnings": formats.number_format(warnings, force_grouping=True),
                "seconds": formats.number_format(run.seconds, 1 if run.seconds >= 1 else 2),
            }
            if run.series:
                message = (
                    _(
                        "Prognoser för %(series)s kommunserier i %(indicators)s nyckeltal, %(horizon)s år "
                        "framåt (%(first)s–%(last)s), och %(warnings)s tidiga varningar. Klart på %(seconds)s sekunder."
                    )
                    % numbers
                )
            else:
                message = (
                    _("Det finns inga kommunvärden att göra prognoser på. Klart på %(seconds)s sekunder.") % numbers
                )
            self.stdout.write(self.style.SUCCESS(message))
