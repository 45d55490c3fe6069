"""The charts of key figures: what each specification shows and says about its source, that every one is valid
Vega-Lite, the map's boundaries, and the static SVG for reports."""

from __future__ import annotations

import json
from typing import Any

import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema

from knutpunkt.indicators import charts, figures
from knutpunkt.indicators.index import index_for_year
from knutpunkt.testing.indicators import LAST_YEAR, make_figures

pytestmark = pytest.mark.django_db


def _text(spec: dict[str, Any]) -> str:
    return json.dumps(spec, ensure_ascii=False)


def _series(spec: dict[str, Any]) -> set[str]:
    return {row["series"] for row in spec["datasets"]["lines"]}


def test_the_history_chart_shows_the_municipality_sweden_and_both_group_averages() -> None:
    world = make_figures()
    spec = charts.history_chart(world.assistance, world.karlstad).spec
    assert _series(spec) == {
        "Karlstad",
        "Riket",
        "Kommungruppen (SKR), medel – Knutpunkts beräkning",
        "Liknande kommuner, medel – Knutpunkts beräkning",
    }


def test_the_history_chart_credits_kolada_and_names_the_averages_as_knutpunkts_processing() -> None:
    world = make_figures()
    subtitle = charts.history_chart(world.assistance, world.karlstad).spec["title"]["subtitle"]
    assert subtitle[0].startswith("Källa: Kolada.")
    assert "Medelvärden för grupperna: Knutpunkts bearbetning av data från Kolada." in subtitle[0]


def test_the_history_chart_draws_the_forecast_dashed_with_its_two_intervals() -> None:
    world = make_figures(forecast=True)
    chart = charts.history_chart(world.assistance, world.karlstad)
    forecast = [
        row for row in chart.spec["datasets"]["lines"] if row["series"].endswith("prognos – Knutpunkts beräkning")
    ]
    # The dashed line starts at the last published value and runs through the three forecast years.
    assert [row["year"] for row in forecast] == [LAST_YEAR, 2023, 2024, 2025]
    assert chart.spec["datasets"]["bands"][-1] == {
        "year": 2025,
        "low_80": pytest.approx(3.1),
        "high_80": pytest.approx(4.9),
        "low_95": pytest.approx(2.5),
        "high_95": pytest.approx(5.5),
    }
    assert "Medelvärden och prognos: Knutpunkts bearbetning" in chart.spec["title"]["subtitle"][0]
    assert "Knutpunkts prognos för 2025" in chart.alternative


def test_the_ranking_chart_marks_the_chosen_municipality() -> None:
    world = make_figures()
    spec = charts.ranking_chart(world.assistance, world.karlstad).spec
    assert [row["name"] for row in spec["datasets"]["marked"]] == ["Karlstad"]
    assert len(spec["datasets"]["ranking"]) == 6


def test_the_ranking_chart_says_which_end_is_best() -> None:
    world = make_figures()
    chart = charts.ranking_chart(world.assistance, world.karlstad)
    assert "Plats 1 har lägst värde, vilket är bäst" in chart.alternative
    assert "Karlstad har plats 4 av 6" in chart.alternative


def test_the_map_carries_the_boundaries_and_every_value_of_the_year() -> None:
    world = make_figures()
    spec = charts.map_chart(world.assistance, LAST_YEAR, highlight=world.karlstad).spec
    geometries = spec["datasets"]["kommuner"]["objects"]["kommuner"]["geometries"]
    assert len(geometries) == 290
    assert {row["code"] for row in spec["datasets"]["values"]} == set(world.areas)
    assert "Källa: Kolada" in spec["title"]["subtitle"][0]


def test_the_map_outlines_and_names_the_highlighted_municipality() -> None:
    world = make_figures()
    spec = charts.map_chart(world.assistance, LAST_YEAR, highlight=world.karlstad).spec
    assert '"datum.id === \\"1780\\""' in _text(spec) or "datum.id === '1780'" in _text(spec)
    assert spec["datasets"]["label"][0]["name"] == "Karlstad"


def test_the_boundaries_have_every_municipality_with_its_scb_code() -> None:
    topology = charts.boundaries()
    geometries = topology["objects"]["kommuner"]["geometries"]
    names = {geometry["id"]: geometry["properties"]["name"] for geometry in geometries}
    assert names["1780"] == "Karlstad"
    assert names["0180"] == "Stockholm"
    assert all(len(code) == 4 and code.isdigit() for code in names)


def test_a_label_point_lies_inside_sweden() -> None:
    longitude, latitude = charts.label_points()["1780"]
    # Karlstad: about 13.5° E, 59.4° N.
    assert 13 < longitude < 14.2
    assert 59 < latitude < 60


def test_the_index_charts_are_labelled_as_knutpunkts_processing() -> None:
    world = make_figures()
    indicators = [world.assistance, world.eligible]
    result = index_for_year(indicators, {i.code: 1.0 for i in indicators}, LAST_YEAR)
    names = {area.code: area.name for area in world.areas.values()}
    for chart in [
        charts.index_ranking_chart_from(result, names, LAST_YEAR, world.karlstad),
        charts.index_map_chart_from(result, names, LAST_YEAR, world.karlstad),
        charts.index_contributions_chart_from(result, {i.code: i for i in indicators}, LAST_YEAR, world.karlstad),
    ]:
        assert "Knutpunkts bearbetning av data från Kolada" in chart.spec["title"]["subtitle"][0]
        assert "Källa: Kolada" not in _text(chart.spec)


def test_every_chart_is_valid_vega_lite() -> None:
    world = make_figures(forecast=True)
    ranking = figures.ranking(world.assistance)
    indicators = [world.assistance, world.eligible]
    result = index_for_year(indicators, {i.code: 1.0 for i in indicators}, LAST_YEAR)
    names = {area.code: area.name for area in world.areas.values()}
    schema = load_schema()
    for chart in [
        charts.history_chart(world.assistance, world.karlstad),
        charts.ranking_chart_from(ranking, world.karlstad),
        charts.map_chart_from(ranking, world.karlstad),
        charts.index_ranking_chart_from(result, names, LAST_YEAR, world.karlstad),
        charts.index_map_chart_from(result, names, LAST_YEAR, world.karlstad),
        charts.index_contributions_chart_from(result, {i.code: i for i in indicators}, LAST_YEAR, world.karlstad),
    ]:
        validate_jsonschema(chart.spec, schema)


def test_numbers_are_written_with_a_decimal_comma_in_swedish() -> None:
    world = make_figures()
    spec = charts.history_chart(world.assistance, world.karlstad).spec
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert charts.number(1234.56, 1) == "1\xa0234,6"
    assert charts.number(-0.25, 2) == "\u22120,25"


def test_to_svg_gives_an_svg_document_with_the_title() -> None:
    world = make_figures()
    chart = charts.history_chart(world.assistance, world.karlstad)
    svg = charts.to_svg(chart)
    assert svg.lstrip().startswith("<svg")
    assert "Invånare som någon gång under året erhållit ekonomiskt bistånd" in svg
    assert "Källa: Kolada" in svg


def test_to_svg_draws_the_map() -> None:
    world = make_figures()
    svg = charts.to_svg(charts.map_chart(world.assistance, LAST_YEAR, highlight=world.karlstad))
    assert svg.count("<path") > 290
    assert "Karlstad" in svg


def test_map_classes_split_the_values_in_five_groups_of_about_equal_size() -> None:
    thresholds, labels = charts.value_classes([float(v) for v in range(1, 11)], 1)
    assert thresholds == [2.8, 4.6, 6.4, 8.2]
    assert labels == ["1,0 – 2,8", "2,8 – 4,6", "4,6 – 6,4", "6,4 – 8,2", "8,2 – 10,0"]


def test_map_classes_shrink_when_values_repeat() -> None:
    _thresholds, labels = charts.value_classes([1.0, 1.0, 1.0, 1.0, 5.0], 1)
    assert labels == ["1,0 – 1,8", "1,8 – 5,0"]


def test_the_map_colours_by_class_darker_for_worse() -> None:
    world = make_figures()
    spec = charts.map_chart(world.eligible, LAST_YEAR).spec
    colour = spec["layer"][1]["encoding"]["color"]
    # Higher is better here: the lowest class gets the darkest colour.
    assert colour["scale"]["range"][0] == charts.ORANGES[-1]
    assert {row["class"] for row in spec["datasets"]["values"]} <= set(colour["scale"]["domain"])
