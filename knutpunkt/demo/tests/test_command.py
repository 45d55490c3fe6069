from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from knutpunkt.accounts.models import User
from knutpunkt.indicators.models import EarlyWarning, ForecastRun, ImportRun, IndicatorValue
from knutpunkt.prevention.models import ActionPlan, SituationReport

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("demo", "--no-serve", *args, stdout=out)
    return out.getvalue()


def test_command_loads_the_county_and_prints_the_logins() -> None:
    output = run()

    assert "Demolänet är inläst" in output
    assert "knutpunkt-demo" in output
    for username in ("anna.karlstad", "maria.chef", "cecilia.bup", "olle.arvika", "adam.admin", "ali.analys"):
        assert username in output
    assert "Enhetschef" in output
    assert User.objects.filter(is_demo_account=True).count() > 100


def test_command_loads_kolada_forecasts_and_karlstads_prevention_cycle() -> None:
    run()

    assert ImportRun.objects.count() == 1
    assert IndicatorValue.objects.filter(area__code="1780", indicator__code="n31807").count() > 20
    run_ = ForecastRun.objects.get()
    assert run_.finished_at is not None and run_.forecasts.filter(area__code="1780").exists()
    assert EarlyWarning.objects.filter(run=run_).exists()
    assert ActionPlan.objects.filter(municipality__code="1780").count() >= 2
    assert SituationReport.objects.filter(municipality__code="1780").exists()


def test_a_newcomers_terminal_shows_the_logins_not_the_storys_emails(tmp_path: Path) -> None:
    # The story's plans send invitations as they are seeded; with the console mail backend they would bury the
    # logins under some 1,500 lines. Run as a newcomer does, in its own process and database.
    environment = {k: v for k, v in os.environ.items() if not k.startswith("KNUTPUNKT_")}
    environment["KNUTPUNKT_DATA_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "knutpunkt.cli", "demo", "--no-serve"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )

    assert "Lösenord för alla demokonton" in result.stdout
    assert "BEGIN:VCALENDAR" not in result.stdout + result.stderr


def test_running_the_command_twice_does_not_fail_or_duplicate() -> None:
    run()
    users = User.objects.count()

    output = run()

    assert "fanns redan" in output
    assert User.objects.count() == users
    assert ImportRun.objects.count() == 1 and ForecastRun.objects.count() == 1


def test_command_refuses_production(settings: pytest.FixtureRequest) -> None:
    settings.PRODUCTION = True  # type: ignore[attr-defined]

    with pytest.raises(CommandError):
        run()
    assert not User.objects.exists()


def test_command_refuses_a_port_out_of_range() -> None:
    with pytest.raises(CommandError):
        call_command("demo", "--port", "70000", stdout=StringIO())
