"""`knutpunkt import_kolada [PATH ...]`: load Kolada's key figures.

A folder is read in the shared format (knutpunkt/data/kolada/SOURCE.md), `.json` files as downloaded from Kolada's
API v2; without a path the files committed with Knutpunkt are loaded. Everything named in one run is one
transaction: if any file is wrong, nothing is saved.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper
from django.db import transaction
from django.utils import formats, translation
from django.utils.translation import gettext as _

from knutpunkt.indicators import imports

BAR_WIDTH = 30


class ProgressBar:
    """A text bar redrawn in place on a terminal; one line per step when the output is a file or a pipe."""

    def __init__(self, stream: OutputWrapper) -> None:
        self.stream = stream
        self.redraw = stream.isatty()
        self.drawn = False

    def __call__(self, done: int, total: int, label: str) -> None:
        if not self.redraw:
            self._write(f"{done}/{total} {label}\n")
            return
        filled = BAR_WIDTH * done // total if total else BAR_WIDTH
        self._write(f"\r[{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {done}/{total} {label[:40]:<40}")
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self._write("\n")
            self.drawn = False

    def _write(self, text: str) -> None:
        # Plain text: the error colour of stderr is for errors.
        self.stream.write(text, style_func=lambda message: message, ending="")
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Importerar nyckeltal från Kolada: en mapp i det gemensamma formatet, JSON-filer från Kolada API v2, "
        "eller utan sökväg Knutpunkts egna Kolada-filer. Allt eller inget: är något fel sparas ingenting."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", type=Path, help="Mappar och .json-filer att importera.")

    def handle(self, *args: Any, **options: Any) -> None:
        # The terminal speaks the UI's first language, whatever the shell's locale.
        with translation.override(settings.LANGUAGE_CODE):
            self._handle(options["paths"])

    def _handle(self, paths: list[Path]) -> None:
        folders: list[Path] = []
        json_files: list[Path] = []
        for path in paths:
            if path.is_dir():
                folders.append(path)
            elif path.is_file() and path.suffix.lower() == ".json":
                json_files.append(path)
            elif not path.exists():
                raise CommandError(_("%(path)s finns inte.") % {"path": path})
            else:
                raise CommandError(_("%(path)s är varken en mapp eller en .json-fil.") % {"path": path})

        bar = ProgressBar(self.stderr)
        summaries: list[imports.ImportSummary] = []
        try:
            # One transaction for the whole run: a bad JSON file also undoes the folders loaded before it.
            with transaction.atomic():
                if not paths:
                    summaries.append(imports.import_shared_data(progress=bar))
                for folder in folders:
                    summaries.append(imports.import_folder(folder, progress=bar))
                if json_files:
                    summaries.append(imports.import_kolada_json(json_files, progress=bar))
        except imports.ImportProblem as problem:
            bar.close()
            raise CommandError(_("Ingenting importerades. %(problem)s") % {"problem": problem}) from problem
        bar.close()
        for summary in summaries:
            seconds = formats.number_format(summary.seconds, 1)
            self.stdout.write(
                self.style.SUCCESS(f"{summary.message()} ({seconds} s)"),
            )
