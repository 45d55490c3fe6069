"""Key figures for the tests, made with the ORM: Sweden and six Värmland municipalities, their two comparison
groups, three key figures (one where lower is better, one where higher is better, one neutral count) for 2016–2022,
and optionally a finished forecast run with a forecast and an early warning for Karlstad.

Values follow simple formulas, so a test can work out what a page must show. The small builders (Sweden and the
region, each key figure, a group) are for tests that need a world of their own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.test import Client
from django.utils import timezone

from knutpunkt.indicators.models import (
    Area,
    AreaGroup,
    AreaGroupKind,
    AreaKind,
    Direction,
    EarlyWarning,
    Forecast,
    ForecastRun,
    Indicator,
    IndicatorValue,
)
from knutpunkt.organisations.models import Membership
from knutpunkt.testing.cast import Cast

YEARS = range(2016, 2023)
LAST_YEAR = 2022
# Code, name and the municipality's level of economic assistance (per cent) in the last year.
MUNICIPALITIES = [
    ("1780", "Karlstad", 3.4),
    ("1784", "Arvika", 4.6),
    ("1761", "Hammarö", 1.2),
    ("1715", "Kil", 2.5),
    ("1763", "Forshaga", 2.9),
    ("1764", "Grums", 5.1),
]
ASSISTANCE = "n31807"  # lower is better
ELIGIBLE = "n15428"  # higher is better
RESIDENTS = "n01951"  # neutral count
# The key figures' titles as Kolada publishes them.
ASSISTANCE_TITLE = "Invånare som någon gång under året erhållit ekonomiskt bistånd, andel (%) av bef."
ELIGIBLE_TITLE = "Elever i åk 9 som är behöriga till yrkesprogram, hemkommun, andel (%)"
RESIDENTS_TITLE = "Invånare totalt, antal"


@dataclass
class FiguresWorld:
    sweden: Area
    areas: dict[str, Area]
    assistance: Indicator
    eligible: Indicator
    residents: Indicator
    skr: AreaGroup
    similar: AreaGroup
    run: ForecastRun | None = None
    warnings: list[EarlyWarning] = field(default_factory=list)

    @property
    def karlstad(self) -> Area:
        return self.areas["1780"]


def assistance_value(level: float, year: int) -> float:
    """Economic assistance falls by 0.1 percentage points a year towards the last year's level."""
    return round(level + 0.1 * (LAST_YEAR - year), 2)


def eligible_value(level: float, year: int) -> float:
    """Eligibility (higher is better) is lower where assistance is higher, and rises by 0.5 a year."""
    return round(95 - 3 * level - 0.5 * (LAST_YEAR - year), 2)


def make_country_and_region() -> tuple[Area, Area]:
    """Sweden and Region Värmland, which the test municipalities belong to."""
    sweden = Area.objects.create(code="0", kind=AreaKind.COUNTRY, name="Riket")
    region = Area.objects.create(code="17", kind=AreaKind.REGION, name="Region Värmland", parent=sweden)
    return sweden, region


def make_assistance() -> Indicator:
    """Residents who received economic assistance: lower is better."""
    return Indicator.objects.create(
        code=ASSISTANCE,
        title=ASSISTANCE_TITLE,
        description="Andel av befolkningen som fått ekonomiskt bistånd under året.",
        operating_area="Ekonomiskt bistånd",
        direction=Direction.LOWER_IS_BETTER,
    )


def make_eligible() -> Indicator:
    """Year 9 pupils eligible for a vocational programme: higher is better."""
    return Indicator.objects.create(
        code=ELIGIBLE,
        title=ELIGIBLE_TITLE,
        operating_area="Grundskola åk 0-9 inkl förskoleklass",
        direction=Direction.HIGHER_IS_BETTER,
    )


def make_residents() -> Indicator:
    """Residents in total: a neutral count."""
    return Indicator.objects.create(
        code=RESIDENTS, title=RESIDENTS_TITLE, operating_area="Befolkning", direction=Direction.NEUTRAL
    )


def make_group(
    code: str, kind: AreaGroupKind, title: str, members: list[Area], *, for_area: Area | None = None
) -> AreaGroup:
    group = AreaGroup.objects.create(code=code, kind=kind, title=title, for_area=for_area)
    group.members.set(members)
    return group


def make_figures(*, forecast: bool = False) -> FiguresWorld:
    sweden, region = make_country_and_region()
    areas = {
        code: Area.objects.create(code=code, kind=AreaKind.MUNICIPALITY, name=name, parent=region)
        for code, name, _level in MUNICIPALITIES
    }
    assistance, eligible, residents = make_assistance(), make_eligible(), make_residents()
    skr = make_group(
        "G1", AreaGroupKind.SKR, "Större stad (ovägt medel)", [areas["1780"], areas["1784"], areas["1715"]]
    )
    similar = make_group(
        "G2",
        AreaGroupKind.SIMILAR,
        "Liknande kommuner IFO, Karlstad, 2024",
        [areas["1761"], areas["1763"], areas["1764"]],
        for_area=areas["1780"],
    )

    rows = []
    for code, _name, level in MUNICIPALITIES:
        for year in YEARS:
            rows.append(
                IndicatorValue(indicator=assistance, area=areas[code], year=year, value=assistance_value(level, year))
            )
            rows.append(
                IndicatorValue(indicator=eligible, area=areas[code], year=year, value=eligible_value(level, year))
            )
            rows.append(
                IndicatorValue(indicator=residents, area=areas[code], year=year, value=10_000 + 10 * (year - 2000))
            )
    for year in YEARS:
        rows.append(IndicatorValue(indicator=assistance, area=sweden, year=year, value=assistance_value(2.8, year)))
        rows.append(IndicatorValue(indicator=eligible, area=sweden, year=year, value=eligible_value(2.8, year)))
    IndicatorValue.objects.bulk_create(rows)

    world = FiguresWorld(sweden, areas, assistance, eligible, residents, skr, similar)
    if forecast:
        add_forecast(world)
    return world


def add_forecast(world: FiguresWorld) -> ForecastRun:
    """A finished forecast run: Karlstad's economic assistance for 2023–2025, and an early warning for it."""
    now = timezone.now()
    run = ForecastRun.objects.create(
        started_at=now - dt.timedelta(minutes=2), finished_at=now, method="test", horizon=3, series=1
    )
    for step, year in enumerate(range(2023, 2026), start=1):
        value = 3.4 + 0.2 * step
        Forecast.objects.create(
            run=run,
            indicator=world.assistance,
            area=world.karlstad,
            year=year,
            value=value,
            low_80=value - 0.3 * step,
            high_80=value + 0.3 * step,
            low_95=value - 0.5 * step,
            high_95=value + 0.5 * step,
        )
    warning = EarlyWarning.objects.create(
        run=run,
        indicator=world.assistance,
        area=world.karlstad,
        severity=2.5,
        trend=0.2,
        group_trend=-0.1,
        last_year=LAST_YEAR,
        last_value=3.4,
        forecast_year=2025,
        forecast_value=4.0,
        group=world.similar,
    )
    world.run = run
    world.warnings = [warning]
    return run


def client_without_membership(cast: Cast) -> Client:
    """Anna, signed in past the second factor, after her membership has ended: no active membership at all."""
    membership = cast.membership(cast.anna)
    client = cast.client(cast.anna, membership)
    Membership.objects.filter(user=cast.anna).update(ended_at=timezone.now())
    return client
