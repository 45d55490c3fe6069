"""Linking a measure to the key figures it should move: the baseline prefilled from the municipality's newest
published value, the target after it, and the situation report's figures offered first."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from knutpunkt.organisations.access import Actor
from knutpunkt.prevention import actions
from knutpunkt.prevention.models import MeasureIndicator
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.prevention import Figures, add_measure, link, new_plan


def _url(measure: object) -> str:
    return reverse(
        "prevention:link_add",
        kwargs={"plan_uuid": measure.plan.uuid, "measure_uuid": measure.uuid},  # type: ignore[attr-defined]
    )


def test_picking_a_key_figure_prefills_the_newest_published_value_as_baseline(cast: Cast, figures: Figures) -> None:
    measure = add_measure(cast.actor(cast.ali), new_plan(cast.actor(cast.ali)))
    response = cast.client(cast.ali).get(_url(measure) + "?nyckeltal=n07403")
    form = response.context["form"]
    assert form.initial["baseline_year"] == 2023 and form.initial["baseline_value"] == 950.5
    assert "950,5 (2023)" in response.content.decode().replace("\u202f", " ")
    assert "Källa: Kolada" in response.content.decode()


def test_a_link_saved_without_a_baseline_takes_the_newest_published_value(cast: Cast, figures: Figures) -> None:
    measure = add_measure(cast.actor(cast.ali), new_plan(cast.actor(cast.ali)))
    plan = measure.plan
    response = cast.client(cast.ali).post(
        _url(measure),
        {"lock_version": plan.lock_version, "indicator": "n07609", "target_year": "2028", "target_value": "20,5"},
    )
    assert response.status_code == 302
    saved = MeasureIndicator.objects.get()
    assert (saved.baseline_year, saved.baseline_value) == (2023, 27.5)
    assert saved.target_value == 20.5


def test_without_a_published_value_the_baseline_must_be_entered(cast: Cast, figures: Figures) -> None:
    measure = add_measure(cast.actor(cast.ali), new_plan(cast.actor(cast.ali)))
    plan = measure.plan
    response = cast.client(cast.ali).post(
        _url(measure),
        {"lock_version": plan.lock_version, "indicator": "n07544", "target_year": "2028", "target_value": "100"},
    )
    assert "Det finns inget publicerat värde för kommunen" in response.content.decode()
    assert not MeasureIndicator.objects.exists()


def test_a_target_year_before_the_baseline_year_is_refused(cast: Cast, figures: Figures) -> None:
    measure = add_measure(cast.actor(cast.ali), new_plan(cast.actor(cast.ali)))
    plan = measure.plan
    response = cast.client(cast.ali).post(
        _url(measure),
        {
            "lock_version": plan.lock_version,
            "indicator": "n07403",
            "baseline_year": "2023",
            "baseline_value": "950,5",
            "target_year": "2020",
            "target_value": "800",
        },
    )
    assert "Målåret måste ligga efter basåret." in response.content.decode()
    assert not MeasureIndicator.objects.exists()


def test_the_action_refuses_a_target_year_before_the_baseline_too(ali: Actor, figures: Figures) -> None:
    measure = add_measure(ali, new_plan(ali))
    with pytest.raises(ValidationError, match="Målåret"):
        link(ali, measure, figures.violence, baseline_year=2023, target_year=2023)


def test_a_key_figure_is_linked_once_per_measure(ali: Actor, figures: Figures) -> None:
    measure = add_measure(ali, new_plan(ali))
    link(ali, measure, figures.violence)
    with pytest.raises(ValidationError, match="redan kopplad"):
        link(ali, measure, figures.violence)


def test_a_plan_from_a_situation_report_offers_its_key_figures_first(cast: Cast, figures: Figures) -> None:
    ali = cast.actor(cast.ali)
    details = actions.ReportDetails("Lägesbild", dt.date(2025, 1, 1), dt.date(2026, 12, 31), ["n07609"], "", "Analys")
    report = actions.create_report(ali, details)
    actions.finish_report(ali, report, report.lock_version, done_on=timezone.localdate())
    plan = actions.create_plan_from_report(
        ali, report, title="Åtgärdsplan", period_from=dt.date(2025, 1, 1), period_to=dt.date(2026, 12, 31)
    )
    measure = add_measure(ali, plan)
    body = cast.client(cast.ali).get(_url(measure)).content.decode()
    from_report = body.index('<optgroup label="Från lägesbilden">')
    others = body.index('<optgroup label="Andra nyckeltal">')
    assert from_report < body.index('value="n07609"') < others < body.index('value="n07403"')
