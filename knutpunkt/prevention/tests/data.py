"""Key figures for the prevention tests and browser tests: Karlstad's and Arvika's areas with a few published values
(the real Kolada codes, made-up values)."""

from __future__ import annotations

from dataclasses import dataclass

from knutpunkt.indicators.models import Area, AreaKind, Direction, Indicator, IndicatorValue


@dataclass
class Figures:
    karlstad: Area
    arvika: Area
    country: Area
    kronoparken: Area
    violence: Indicator  # n07403, lower is better
    unsafe: Indicator  # n07609, a share, lower is better
    eligible: Indicator  # n15428, a share, higher is better
    narcotics: Indicator  # n07544, no values for Karlstad


def _values(indicator: Indicator, area: Area, values: dict[int, float]) -> None:
    for year, value in values.items():
        IndicatorValue.objects.create(indicator=indicator, area=area, year=year, value=value)


def make_figures() -> Figures:
    country = Area.objects.create(code="0", kind=AreaKind.COUNTRY, name="Riket")
    karlstad = Area.objects.create(code="1780", kind=AreaKind.MUNICIPALITY, name="Karlstad")
    arvika = Area.objects.create(code="1784", kind=AreaKind.MUNICIPALITY, name="Arvika")
    kronoparken = Area.objects.create(code="1780R004", kind=AreaKind.REGSO, name="Kronoparken", parent=karlstad)
    violence = Indicator.objects.create(
        code="n07403",
        title="Anmälda våldsbrott, antal/100 000 inv",
        direction=Direction.LOWER_IS_BETTER,
    )
    unsafe = Indicator.objects.create(
        code="n07609",
        title="Invånare 16-84 år som känner sig otrygga utomhus sent på kvällen, andel (%)",
        direction=Direction.LOWER_IS_BETTER,
    )
    eligible = Indicator.objects.create(
        code="n15428",
        title="Elever i åk. 9 som är behöriga till ett yrkesprogram, andel (%)",
        direction=Direction.HIGHER_IS_BETTER,
    )
    narcotics = Indicator.objects.create(
        code="n07544", title="Anmälda narkotikabrott, antal/100 000 inv", direction=Direction.LOWER_IS_BETTER
    )
    _values(violence, karlstad, {2020: 1010.0, 2021: 980.0, 2022: 1005.0, 2023: 950.5})
    _values(violence, country, {2023: 1020.0})
    _values(violence, arvika, {2023: 700.0})
    _values(unsafe, karlstad, {2021: 24.0, 2023: 27.5})
    _values(eligible, karlstad, {2022: 82.0, 2023: 84.5})
    return Figures(karlstad, arvika, country, kronoparken, violence, unsafe, eligible, narcotics)
