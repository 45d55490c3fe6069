"""One key figure for one municipality: history with forecast, tables, groups, ranking and early warning."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse
from django.utils.html import escape

from knutpunkt.indicators.warnings import explain
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.indicators import ASSISTANCE, client_without_membership, make_figures

URL = reverse("indicators:detail", args=["1780", ASSISTANCE])


def _spec(page: str, spec_id: str) -> dict[str, Any]:
    start = page.index(f'<script id="{spec_id}" type="application/json">') + len(
        f'<script id="{spec_id}" type="application/json">'
    )
    spec: dict[str, Any] = json.loads(page[start : page.index("</script>", start)])
    return spec


def test_the_page_carries_the_history_chart_with_every_series(cast: Cast) -> None:
    make_figures()
    page = cast.client(cast.anna).get(URL).content.decode()
    spec = _spec(page, "chart-spec-history")
    series = {row["series"] for row in spec["datasets"]["lines"]}
    assert {"Karlstad", "Riket"} < series
    assert 'data-chart-spec="chart-spec-history"' in page


def test_the_history_table_has_a_row_per_year_with_the_groups(cast: Cast) -> None:
    make_figures()
    response = cast.client(cast.anna).get(URL)
    page = response.content.decode()
    assert "Värden per år: Karlstad, riket och jämförelsegrupperna" in page
    assert [row.year for row in response.context["history"].rows] == list(range(2016, 2023))
    assert '<th scope="row">2016</th>' in page


def test_the_forecast_table_is_labelled_as_knutpunkts(cast: Cast) -> None:
    make_figures(forecast=True)
    page = cast.client(cast.anna).get(URL).content.decode()
    assert "Knutpunkts prognos för Karlstad" in page
    assert "Prognosen är Knutpunkts bearbetning av data från Kolada" in page


def test_the_forecast_table_gives_both_intervals(cast: Cast) -> None:
    make_figures(forecast=True)
    page = cast.client(cast.anna).get(URL).content.decode()
    # 2025: forecast 4.0, 80 % interval ± 0.9, 95 % interval ± 1.5 (make_figures).
    assert '<th scope="row">2025</th>\n      <td class="number">4,0</td>' in page
    assert "3,1 – 4,9" in page
    assert "2,5 – 5,5" in page


def test_without_a_forecast_run_the_page_says_so(cast: Cast) -> None:
    make_figures()
    page = cast.client(cast.anna).get(URL).content.decode()
    assert "Prognoserna har inte räknats ännu." in page


def test_both_comparison_groups_are_listed_with_their_members(cast: Cast) -> None:
    make_figures()
    page = cast.client(cast.anna).get(URL).content.decode()
    assert "Större stad (ovägt medel)" in page
    assert reverse("indicators:detail", args=["1761", ASSISTANCE]) in page  # Hammarö, a similar municipality


def test_the_ranking_gives_the_position_and_the_full_table(cast: Cast) -> None:
    make_figures()
    page = cast.client(cast.anna).get(URL).content.decode()
    assert "Karlstad har plats 4 av 6 (3,4)." in page
    assert "Hela rangordningen (6 kommuner)" in page
    assert "chart-spec-ranking" in page


def test_an_early_warning_for_the_pair_is_shown(cast: Cast) -> None:
    make_figures(forecast=True)
    page = cast.client(cast.anna).get(URL).content.decode()
    assert "Tidig varning" in page
    assert "Tidiga varningar är Knutpunkts bearbetning av data från Kolada." in page


def test_the_indicators_description_is_shown(cast: Cast) -> None:
    make_figures()
    page = cast.client(cast.anna).get(URL).content.decode()
    assert "Andel av befolkningen som fått ekonomiskt bistånd under året." in page


@pytest.mark.parametrize(
    ("municipality", "indicator"), [("9999", ASSISTANCE), ("1780", "x99999"), ("0017", ASSISTANCE)]
)
def test_an_unknown_municipality_or_key_figure_is_not_found(cast: Cast, municipality: str, indicator: str) -> None:
    make_figures()
    url = reverse("indicators:detail", args=[municipality, indicator])
    assert cast.client(cast.anna).get(url).status_code == 404


def test_someone_without_an_active_membership_is_refused(cast: Cast) -> None:
    make_figures()
    assert client_without_membership(cast).get(URL).status_code == 404


def test_the_early_warning_is_explained_in_plain_swedish(cast: Cast) -> None:
    world = make_figures(forecast=True)
    page = cast.client(cast.anna).get(URL).content.decode()
    assert escape(explain(world.warnings[0])) in page
