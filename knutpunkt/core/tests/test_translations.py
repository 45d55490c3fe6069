"""Swedish is the source language; every piece of UI text also has an English translation that is up to date."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from django.core.management import call_command
from django.test import Client
from django.utils import translation
from pytest_django.fixtures import Settings

PACKAGE = Path(__file__).resolve().parents[2]


def test_the_english_catalogue_translates_every_message_in_the_source(tmp_path: Path, settings: Settings) -> None:
    copy = tmp_path / "knutpunkt"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("vendor", "data", "__pycache__", "*.mo"))
    settings.LOCALE_PATHS = [copy / "locale"]  # makemessages writes to LOCALE_PATHS: keep it in the copy
    previous = Path.cwd()
    os.chdir(copy)
    try:
        call_command("makemessages", locale=["en"], verbosity=0, no_obsolete=True)
    finally:
        os.chdir(previous)
    catalogue = copy / "locale" / "en" / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", os.devnull, str(catalogue)],
        capture_output=True,
        text=True,
        check=True,
    )
    statistics = result.stderr.strip()
    assert "untranslated" not in statistics and "fuzzy" not in statistics, (
        f"knutpunkt/locale/en/LC_MESSAGES/django.po is behind the source: {statistics}. "
        "Run `knutpunkt makemessages -l en` in knutpunkt/ and translate the new entries."
    )


def test_pages_are_swedish_even_for_an_english_browser_until_the_user_switches(db: None) -> None:
    swedish = Client(headers={"Accept-Language": "en-US,en;q=0.9"}).get("/konto/logga-in/")
    assert '<html lang="sv">' in swedish.content.decode()
    assert "Logga in" in swedish.content.decode()
    client = Client()
    switched = client.post("/sprak/", {"language": "en", "next": "/konto/logga-in/"})
    assert switched.status_code == 302
    english = client.get("/konto/logga-in/")
    assert '<html lang="en">' in english.content.decode()
    with translation.override("en"):
        assert translation.gettext("Logga in") == "Sign in"
    assert "Sign in" in english.content.decode()
