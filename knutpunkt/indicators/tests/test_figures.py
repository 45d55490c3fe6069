"""Reading key figures: rankings by direction, group averages, the overview's judgement and the history."""

from __future__ import annotations

import pytest
from django.http import Http404

from knutpunkt.core.sorting import swedish_key
from knutpunkt.indicators import figures
from knutpunkt.indicators.figures import Judgement, group_average, judge, rank
from knutpunkt.indicators.models import Area, AreaKind, Direction, IndicatorValue
from knutpunkt.testing.indicators import LAST_YEAR, assistance_value, make_figures

pytestmark = pytest.mark.django_db


def test_a_ranking_where_lower_is_better_puts_the_lowest_value_first() -> None:
    world = make_figures()
    ranking = figures.ranking(world.assistance)
    assert [row.name for row in ranking.rows] == ["Hammarö", "Kil", "Forshaga", "Karlstad", "Arvika", "Grums"]


def test_a_ranking_where_higher_is_better_puts_the_highest_value_first() -> None:
    world = make_figures()
    ranking = figures.ranking(world.eligible)
    assert [row.name for row in ranking.rows][:2] == ["Hammarö", "Kil"]
    assert ranking.rows[-1].name == "Grums"


def test_a_ranking_defaults_to_the_newest_year_and_carries_swedens_value() -> None:
    world = make_figures()
    ranking = figures.ranking(world.assistance)
    assert ranking.year == LAST_YEAR
    assert ranking.country_value == assistance_value(2.8, LAST_YEAR)


def test_a_ranking_lists_municipalities_without_a_value_as_missing() -> None:
    world = make_figures()
    IndicatorValue.objects.filter(indicator=world.assistance, area__code="1764", year=LAST_YEAR).delete()
    ranking = figures.ranking(world.assistance)
    assert [area.name for area in ranking.missing] == ["Grums"]
    assert ranking.count == 5


def test_equal_values_share_a_place() -> None:
    ranked = rank([("1", "Ö", 2.0), ("2", "A", 1.0), ("3", "B", 1.0)], lowest_first=True)
    assert [(row.rank, row.name) for row in ranked] == [(1, "A"), (1, "B"), (3, "Ö")]


def test_swedish_order_puts_a_ring_after_z() -> None:
    names = sorted(["Örebro", "Åre", "Ale", "Älvdalen", "Zinkgruvan"], key=swedish_key)
    assert names == ["Ale", "Zinkgruvan", "Åre", "Älvdalen", "Örebro"]


def test_a_group_average_needs_values_from_at_least_half_of_the_members() -> None:
    members = [Area(pk=1), Area(pk=2), Area(pk=3), Area(pk=4)]
    values = {1: {2020: 1.0, 2021: 2.0}, 2: {2020: 3.0}, 3: {2020: 5.0}}
    averages, counts = group_average(values, members)
    assert averages == {2020: 3.0}
    assert counts == {2020: 3}


def test_a_rising_value_is_worse_where_lower_is_better() -> None:
    assert judge(0.5, 3.0, Direction.LOWER_IS_BETTER) == Judgement.WORSE
    assert judge(0.5, 3.0, Direction.HIGHER_IS_BETTER) == Judgement.BETTER


def test_a_change_under_one_per_cent_counts_as_unchanged() -> None:
    assert judge(0.02, 3.0, Direction.LOWER_IS_BETTER) == Judgement.UNCHANGED


def test_a_neutral_key_figure_is_not_judged() -> None:
    assert judge(100.0, 10_000.0, Direction.NEUTRAL) == Judgement.NOT_JUDGED


def test_the_history_has_the_municipality_sweden_and_both_group_averages() -> None:
    world = make_figures()
    history = figures.history(world.assistance, world.karlstad)
    assert history.own[LAST_YEAR] == 3.4
    assert history.country[LAST_YEAR] == assistance_value(2.8, LAST_YEAR)
    # SKR group: Karlstad 3.4, Arvika 4.6, Kil 2.5. Similar: Hammarö 1.2, Forshaga 2.9, Grums 5.1.
    assert history.skr.averages[LAST_YEAR] == pytest.approx((3.4 + 4.6 + 2.5) / 3)
    assert history.similar.averages[LAST_YEAR] == pytest.approx((1.2 + 2.9 + 5.1) / 3)
    assert [area.name for area in history.similar.members] == ["Forshaga", "Grums", "Hammarö"]


def test_the_history_carries_the_newest_finished_forecast() -> None:
    world = make_figures(forecast=True)
    history = figures.history(world.assistance, world.karlstad)
    assert [row.year for row in history.forecasts] == [2023, 2024, 2025]
    assert history.run == world.run


def test_the_overview_judges_the_change_over_five_years_by_direction() -> None:
    world = make_figures()
    overview = figures.overview(world.karlstad)
    rows = {row.indicator.code: row for section in overview.sections for row in section.rows}
    assistance = rows[world.assistance.code]
    assert assistance.earlier_year == LAST_YEAR - 5
    assert assistance.change == pytest.approx(-0.5)
    assert assistance.judgement == Judgement.BETTER
    assert rows[world.residents.code].judgement == Judgement.NOT_JUDGED


def test_the_overview_groups_key_figures_by_operating_area() -> None:
    world = make_figures()
    overview = figures.overview(world.karlstad)
    assert [section.operating_area for section in overview.sections] == [
        "Befolkning",
        "Ekonomiskt bistånd",
        "Grundskola åk 0-9 inkl förskoleklass",
    ]


def test_an_unknown_municipality_is_not_found() -> None:
    make_figures()
    with pytest.raises(Http404):
        figures.get_municipality("9999")


def test_a_region_is_not_a_municipality() -> None:
    make_figures()
    assert Area.objects.filter(code="17", kind=AreaKind.REGION).exists()
    with pytest.raises(Http404):
        figures.get_municipality("17")
