"""The living-conditions index page: chosen key figures and weights, the weights shown, ranking, map and the
highlighted municipality's parts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from knutpunkt.indicators.index import DEFAULT_WEIGHTS
from knutpunkt.indicators.models import Area, AreaKind, IndicatorValue
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.indicators import (
    ASSISTANCE,
    ELIGIBLE,
    LAST_YEAR,
    RESIDENTS,
    client_without_membership,
    make_figures,
)

URL = reverse("indicators:index")


def _chosen(**weights: float | str) -> dict[str, str | list[str]]:
    data: dict[str, str | list[str]] = {"urval": "1", "nyckeltal": list(weights), "ar": "", "kommun": "1780"}
    data.update({f"vikt_{code}": str(weight) for code, weight in weights.items()})
    return data


def test_the_default_index_uses_the_default_key_figures_that_exist(cast: Cast) -> None:
    make_figures()
    response = cast.client(cast.anna).get(URL)
    assert response.status_code == 200
    chosen = {row.indicator.code for row in response.context["weights"]}
    assert chosen == {code for code in DEFAULT_WEIGHTS if code in {ASSISTANCE, ELIGIBLE}}


def test_only_key_figures_with_a_direction_can_be_chosen(cast: Cast) -> None:
    make_figures()
    page = cast.client(cast.anna).get(URL).content.decode()
    assert f'value="{ASSISTANCE}"' in page
    assert f'value="{RESIDENTS}"' not in page


def test_the_weights_are_shown_with_their_share(cast: Cast) -> None:
    make_figures()
    response = cast.client(cast.anna).get(URL, _chosen(**{ASSISTANCE: 3.0, ELIGIBLE: 1.0}))
    shares = {row.indicator.code: row.share for row in response.context["weights"]}
    assert shares == {ASSISTANCE: 75.0, ELIGIBLE: 25.0}
    assert "75 %" in response.content.decode()


def test_the_highlighted_municipality_gets_its_index_and_place(cast: Cast) -> None:
    make_figures()
    response = cast.client(cast.anna).get(URL, _chosen(**{ASSISTANCE: 1.0, ELIGIBLE: 1.0}))
    # Both key figures order the six municipalities the same way: Karlstad is third worst.
    assert response.context["mine_rank"] == 3
    assert response.context["mine"].value > 0
    assert "chart-spec-index-contributions" in response.content.decode()


def test_the_ranking_table_lists_every_municipality_highest_index_first(cast: Cast) -> None:
    make_figures()
    response = cast.client(cast.anna).get(URL, _chosen(**{ASSISTANCE: 1.0, ELIGIBLE: 1.0}))
    assert [row.area.name for row in response.context["rows"]] == [
        "Grums",
        "Arvika",
        "Karlstad",
        "Forshaga",
        "Kil",
        "Hammarö",
    ]


def test_the_index_is_labelled_as_knutpunkts_processing(cast: Cast) -> None:
    make_figures()
    page = cast.client(cast.anna).get(URL).content.decode()
    assert "Levnadsvillkorsindex: Knutpunkts bearbetning av data från Kolada." in page


def test_only_the_published_values_in_the_parts_table_are_credited_to_kolada(cast: Cast) -> None:
    make_figures()
    page = cast.client(cast.anna).get(URL).content.decode()
    assert page.count("Källa: Kolada") == 1
    assert "Värde: Källa: Kolada. Standardiserat värde och bidrag: Knutpunkts bearbetning" in page


def test_fewer_than_two_key_figures_is_an_error(cast: Cast) -> None:
    make_figures()
    response = cast.client(cast.anna).get(URL, _chosen(**{ASSISTANCE: 1.0}))
    assert response.context["form"].errors["nyckeltal"] == ["Välj minst två nyckeltal."]
    assert response.context["result"] is None


@pytest.mark.parametrize("weight", ["0", "-1"])
def test_a_chosen_key_figure_needs_a_positive_weight(cast: Cast, weight: str) -> None:
    make_figures()
    weights: dict[str, float | str] = {ASSISTANCE: weight, ELIGIBLE: 1.0}
    response = cast.client(cast.anna).get(URL, _chosen(**weights))
    assert response.context["form"].errors[f"vikt_{ASSISTANCE}"]


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
        IndicatorValue.objects.create(indicator=world.eligible, area=area, year=LAST_YEAR, value=50 + number)
    with CaptureQueriesContext(connection) as after:
        client.get(URL)
    assert len(after.captured_queries) == len(before.captured_queries)
