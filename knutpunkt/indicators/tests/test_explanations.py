"""The plain-Swedish explanation of an early warning (knutpunkt/indicators/warnings.py `explain`)."""

from __future__ import annotations

from django.utils import translation

from knutpunkt.indicators.models import AreaGroup, AreaGroupKind, EarlyWarning, Indicator
from knutpunkt.indicators.warnings import explain
from knutpunkt.testing import indicators as shared

ASSISTANCE = Indicator(code=shared.ASSISTANCE, title=shared.ASSISTANCE_TITLE)
ELIGIBLE = Indicator(code=shared.ELIGIBLE, title=shared.ELIGIBLE_TITLE)
VIOLENCE = Indicator(code="n07403", title="Anmälda våldsbrott, antal/100 000 inv")
INVESTIGATION = Indicator(
    code="u33401",
    title="Utredningstid i antal dagar från påbörjad utredning till avslutad utredning inom barn och ungdom 0-20 år, "
    "medelvärde",
)
OTHER = Indicator(code="x00001", title="Något annat nyckeltal, medelvärde")
SIMILAR = AreaGroup(code="G1", kind=AreaGroupKind.SIMILAR, title="Liknande kommuner IFO, Karlstad, 2024")
SKR = AreaGroup(code="G2", kind=AreaGroupKind.SKR, title="Större stad (ovägt medel)")


def _warning(
    indicator: Indicator, trend: float, group_trend: float, forecast_value: float, group: AreaGroup = SIMILAR
) -> str:
    warning = EarlyWarning(
        indicator=indicator,
        severity=3.0,
        trend=trend,
        group_trend=group_trend,
        last_year=2022,
        last_value=5.0,
        forecast_year=2027,
        forecast_value=forecast_value,
        group=group,
    )
    return explain(warning)


def test_a_share_rising_faster_than_similar_municipalities_is_explained_with_decimal_commas() -> None:
    text = _warning(ASSISTANCE, trend=0.61, group_trend=0.12, forecast_value=6.14)

    assert text.startswith(
        "Andelen invånare som någon gång under året fått ekonomiskt bistånd ökar snabbare än i liknande kommuner: "
        "+0,6 procentenheter per år mot +0,1 i jämförelsegruppen. Prognosen för 2027 är 6,1 %."
    )


def test_the_explanation_is_marked_as_knutpunkts_own_processing() -> None:
    text = _warning(ASSISTANCE, trend=0.61, group_trend=0.12, forecast_value=6.14)

    assert text.endswith("Knutpunkts bearbetning av data från Kolada.")
    assert "Källa: Kolada" not in text


def test_a_rise_while_the_group_falls_says_so() -> None:
    text = _warning(ASSISTANCE, trend=0.3, group_trend=-0.2, forecast_value=6.0)

    assert "ökar medan den minskar i liknande kommuner: +0,3 procentenheter per år mot \u22120,2" in text


def test_a_rise_while_the_group_stands_still_says_so() -> None:
    text = _warning(ASSISTANCE, trend=0.4, group_trend=0.01, forecast_value=6.0)

    assert "ökar medan den är i stort sett oförändrad i liknande kommuner: +0,4 procentenheter per år mot 0,0" in text


def test_a_fall_where_higher_is_better_is_written_with_a_minus_sign() -> None:
    text = _warning(ELIGIBLE, trend=-1.24, group_trend=-0.3, forecast_value=71.26)

    assert text.startswith(
        "Andelen elever i åk 9 som är behöriga till yrkesprogram minskar snabbare än i liknande kommuner: "
        "\u22121,2 procentenheter per år mot \u22120,3 i jämförelsegruppen. Prognosen för 2027 är 71,3 %."
    )


def test_a_rate_is_written_per_100_000_residents_and_agrees_with_its_neuter_subject() -> None:
    text = _warning(VIOLENCE, trend=35.4, group_trend=-5.2, forecast_value=1234.4)

    assert text.startswith(
        "Antalet anmälda våldsbrott ökar medan det minskar i liknande kommuner: +35 per 100 000 invånare per år mot "
        "\u22125 i jämförelsegruppen. Prognosen för 2027 är 1\xa0234 per 100 000 invånare."
    )


def test_a_duration_is_written_in_days() -> None:
    text = _warning(INVESTIGATION, trend=4.2, group_trend=1.0, forecast_value=131.6)

    assert "ökar snabbare än i liknande kommuner: +4,2 dagar per år mot +1,0 i jämförelsegruppen." in text
    assert "Prognosen för 2027 är 132 dagar." in text


def test_a_small_trend_keeps_two_decimals() -> None:
    text = _warning(ASSISTANCE, trend=0.06, group_trend=-0.02, forecast_value=1.0)

    assert "+0,06 procentenheter per år mot \u22120,02" in text


def test_the_skr_group_is_called_the_municipality_group() -> None:
    text = _warning(ASSISTANCE, trend=0.6, group_trend=0.1, forecast_value=6.1, group=SKR)

    assert "ökar snabbare än i kommungruppen:" in text


def test_a_key_figure_without_a_written_subject_is_named_by_its_title() -> None:
    text = _warning(OTHER, trend=2.5, group_trend=0.5, forecast_value=40.0)

    assert text.startswith(
        "Nyckeltalet ”Något annat nyckeltal, medelvärde” ökar snabbare än i liknande kommuner: +2,5 per år mot +0,5 "
        "i jämförelsegruppen. Prognosen för 2027 är 40,0."
    )


def test_in_english_numbers_follow_english_conventions() -> None:
    with translation.override("en"):
        text = _warning(VIOLENCE, trend=35.4, group_trend=-5.2, forecast_value=1234.4)

    assert "+35" in text
    assert "1,234" in text
