"""The early warnings of the newest forecast run: most severe first, filtered, each linked to its chart."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import escape

from knutpunkt.indicators.models import EarlyWarning
from knutpunkt.indicators.warnings import explain
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.indicators import (
    ASSISTANCE,
    ELIGIBLE,
    LAST_YEAR,
    FiguresWorld,
    add_forecast,
    client_without_membership,
    make_figures,
)

URL = reverse("indicators:warnings")


def _more_warnings(world: FiguresWorld) -> None:
    """Two more warnings in the same run: Arvika (more severe than Karlstad's) and Grums (less)."""
    assert world.run is not None
    for code, severity in [("1784", 4.0), ("1764", 1.0)]:
        EarlyWarning.objects.create(
            run=world.run,
            indicator=world.eligible,
            area=world.areas[code],
            severity=severity,
            trend=-1.0,
            group_trend=0.2,
            last_year=LAST_YEAR,
            last_value=80.0,
            forecast_year=2025,
            forecast_value=77.0,
        )


def test_without_a_forecast_run_the_page_says_forecasts_are_not_computed_yet(cast: Cast) -> None:
    make_figures()
    page = cast.client(cast.anna).get(URL).content.decode()
    assert "Prognoserna har inte räknats ännu" in page


def test_warnings_are_listed_most_severe_first(cast: Cast) -> None:
    world = make_figures(forecast=True)
    _more_warnings(world)
    response = cast.client(cast.anna).get(URL)
    assert [warning.severity for warning, _explanation in response.context["items"]] == [4.0, 2.5, 1.0]


def test_each_warning_links_to_its_chart(cast: Cast) -> None:
    make_figures(forecast=True)
    page = cast.client(cast.anna).get(URL).content.decode()
    assert reverse("indicators:detail", args=["1780", ASSISTANCE]) in page


def test_warnings_are_filtered_by_municipality(cast: Cast) -> None:
    world = make_figures(forecast=True)
    _more_warnings(world)
    response = cast.client(cast.anna).get(URL, {"kommun": "1784"})
    assert [warning.area.name for warning, _explanation in response.context["items"]] == ["Arvika"]


def test_warnings_are_filtered_by_key_figure(cast: Cast) -> None:
    world = make_figures(forecast=True)
    _more_warnings(world)
    response = cast.client(cast.anna).get(URL, {"nyckeltal": ELIGIBLE})
    assert {warning.indicator.code for warning, _explanation in response.context["items"]} == {ELIGIBLE}


def test_the_actors_own_municipality_is_marked_and_counted(cast: Cast) -> None:
    make_figures(forecast=True)
    page = cast.client(cast.anna).get(URL).content.decode()
    assert "Karlstad har 1 tidig varning." in page
    assert "din kommun" in page


def test_only_the_newest_run_is_shown(cast: Cast) -> None:
    world = make_figures(forecast=True)
    old = world.run
    assert old is not None and old.finished_at is not None
    old.finished_at = old.finished_at.replace(year=2020)
    old.save()
    add_forecast(world)
    response = cast.client(cast.anna).get(URL)
    assert world.run is not None
    assert [warning.run_id for warning, _explanation in response.context["items"]] == [world.run.pk]


def test_warnings_are_labelled_as_knutpunkts_processing(cast: Cast) -> None:
    make_figures(forecast=True)
    page = cast.client(cast.anna).get(URL).content.decode()
    assert "Tidiga varningar och prognoser: Knutpunkts bearbetning av data från Kolada." in page


def test_someone_without_an_active_membership_is_refused(cast: Cast) -> None:
    make_figures()
    assert client_without_membership(cast).get(URL).status_code == 404


def test_each_warning_carries_its_plain_swedish_explanation(cast: Cast) -> None:
    world = make_figures(forecast=True)
    page = cast.client(cast.anna).get(URL).content.decode()
    assert escape(explain(world.warnings[0])) in page
