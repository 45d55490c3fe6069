"""Key figures for prevention work: the municipality's published values (Källa: Kolada), the crime and safety
figures a situation report maps, and which way a measure's linked figure has gone since its baseline.

Only values as published are used here (IndicatorValue, gender "T"): never forecasts, which are Knutpunkt's own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from knutpunkt.indicators import figures as indicator_figures
from knutpunkt.indicators.directions import worse_when_higher
from knutpunkt.indicators.models import Area, AreaKind, Direction, Gender, Indicator, IndicatorValue
from knutpunkt.organisations.models import Organisation
from knutpunkt.prevention.contents import live_links
from knutpunkt.prevention.models import Measure

SERIES_YEARS = 5

# The crime and safety key figures a situation report maps, in the order shown.
CRIME_AND_SAFETY: tuple[str, ...] = (
    "n07403",  # reported violent crime per 100,000 inhabitants
    "n07540",  # all reported crime per 100,000 inhabitants
    "n07541",  # reported violence indoors against children and young people
    "n07542",  # reported violence outdoors against children and young people
    "n07544",  # reported narcotics crime
    "n07609",  # feeling unsafe outdoors late in the evening
    "n01460",  # exposed to violence or threats of violence
)


class Heading(models.TextChoices):
    """Which way a linked key figure has gone since its baseline, seen from the target."""

    TOWARDS = "towards", _("På väg mot målet")
    WRONG_WAY = "wrong_way", _("Åt fel håll")
    UNCHANGED = "unchanged", _("Oförändrat")
    NO_NEW = "no_new", _("Ingen ny uppgift")


@dataclass(frozen=True)
class Reading:
    year: int
    value: float


def municipality_area(municipality: Organisation) -> Area | None:
    """The indicators' Area for a municipality Organisation, found by its SCB code."""
    if not municipality.code:
        return None
    return Area.objects.filter(code=municipality.code, kind=AreaKind.MUNICIPALITY).first()


def area_choices(municipality: Organisation) -> models.QuerySet[Area]:
    """Statistical areas inside the municipality (RegSO and DeSO codes begin with the municipality's code)."""
    if not municipality.code:
        return Area.objects.none()
    return Area.objects.filter(kind__in=[AreaKind.REGSO, AreaKind.DESO], code__startswith=municipality.code).order_by(
        "kind", "name"
    )


def newest(indicator: Indicator, area: Area | None) -> Reading | None:
    """The newest published value of an indicator for an area, for everyone (gender "T")."""
    return newest_by_indicator([indicator.pk], area).get(indicator.pk)


def newest_by_indicator(
    indicator_ids: Iterable[int], area: Area | None, before_year: int | None = None
) -> dict[int, Reading]:
    """The newest published value of each indicator for the area, in one query; with `before_year`, the newest of
    the years before it."""
    ids = set(indicator_ids)
    if area is None or not ids:
        return {}
    found: dict[int, Reading] = {}
    values = IndicatorValue.objects.filter(indicator_id__in=ids, area=area, gender=Gender.TOTAL)
    if before_year is not None:
        values = values.filter(year__lt=before_year)
    rows = values.order_by("indicator_id", "-year").values_list("indicator_id", "year", "value")
    for indicator_id, year, value in rows:
        found.setdefault(indicator_id, Reading(year, value))
    return found


def heading(
    baseline_year: int,
    baseline_value: float,
    target_value: float,
    latest: Reading | None,
    direction: str = Direction.NEUTRAL,
) -> Heading:
    """Whether the newest value is on its way from the baseline towards the target.

    A target equal to the baseline means holding the level: then the indicator's desired direction decides what
    counts as the wrong way."""
    if latest is None or latest.year <= baseline_year:
        return Heading.NO_NEW
    change = latest.value - baseline_value
    if change == 0:
        return Heading.UNCHANGED
    wanted = target_value - baseline_value
    if wanted == 0:
        # Holding the level: moving the good way is fine, moving the other way is not.
        wanted = -worse_when_higher(direction)
        if wanted == 0:
            return Heading.UNCHANGED
    return Heading.TOWARDS if (change > 0) == (wanted > 0) else Heading.WRONG_WAY


def target_reached(baseline_value: float, target_value: float, latest: Reading | None) -> bool:
    if latest is None or target_value == baseline_value:
        return False
    if target_value > baseline_value:
        return latest.value >= target_value
    return latest.value <= target_value


@dataclass(frozen=True)
class LinkProgress:
    """One linked key figure of a measure: baseline → newest published value → target, and the heading."""

    uuid: str
    code: str
    title: str
    is_share: bool
    baseline_year: int
    baseline_value: float
    target_year: int
    target_value: float
    latest: Reading | None
    heading: Heading
    reached: bool
    note: str = ""

    def as_reading(self) -> dict[str, Any]:
        """Frozen into a follow-up."""
        return {
            "code": self.code,
            "title": self.title,
            "is_share": self.is_share,
            "baseline_year": self.baseline_year,
            "baseline_value": self.baseline_value,
            "latest_year": self.latest.year if self.latest else None,
            "latest_value": self.latest.value if self.latest else None,
            "target_year": self.target_year,
            "target_value": self.target_value,
            "heading": str(self.heading.value),
            "reached": self.reached,
        }


def progress(links: Sequence[Any], area: Area | None, before_year: int | None = None) -> list[LinkProgress]:
    """The progress of MeasureIndicator rows (with their indicator loaded) against the area's newest values (of the
    years before `before_year`, when given)."""
    latest = newest_by_indicator((link.indicator_id for link in links), area, before_year)
    result = []
    for link in links:
        reading = latest.get(link.indicator_id)
        result.append(
            LinkProgress(
                uuid=str(link.uuid),
                code=link.indicator.code,
                title=link.indicator.title,
                is_share=link.indicator.is_share,
                baseline_year=link.baseline_year,
                baseline_value=link.baseline_value,
                target_year=link.target_year,
                target_value=link.target_value,
                latest=reading,
                heading=heading(
                    link.baseline_year, link.baseline_value, link.target_value, reading, link.indicator.direction
                ),
                reached=target_reached(link.baseline_value, link.target_value, reading),
                note=link.note,
            )
        )
    return result


def progress_by_measure(measures: Sequence[Measure], area: Area | None) -> dict[int, list[LinkProgress]]:
    """The progress of each measure's live links (from active_measures' prefetch), by measure pk: one query for the
    newest values of every linked key figure, then split per measure."""
    links = {measure.pk: live_links(measure) for measure in measures}
    flat = [link for measure in measures for link in links[measure.pk]]
    found = dict(zip((link.pk for link in flat), progress(flat, area), strict=True))
    return {measure.pk: [found[link.pk] for link in links[measure.pk]] for measure in measures}


def heading_counts(headings: Iterable[str]) -> dict[str, int]:
    """How many key figures went each way, for every Heading in its order, from Heading values (others are left
    out)."""
    counts = {heading.value: 0 for heading in Heading}
    for value in headings:
        if value in counts:
            counts[value] += 1
    return counts


def heading_label(value: str) -> str:
    try:
        return str(Heading(value).label)
    except ValueError:
        return value


# --- The situation report's mapping --------------------------------------------------------------------------


def mapping_choices() -> list[Indicator]:
    """The crime and safety key figures that exist in the database, in the order of CRIME_AND_SAFETY."""
    found = {i.code: i for i in Indicator.objects.filter(code__in=CRIME_AND_SAFETY)}
    return [found[code] for code in CRIME_AND_SAFETY if code in found]


def draw_mapping(codes: Sequence[str], municipality: Organisation) -> list[dict[str, Any]]:
    """The mapping rows for the chosen key figures: the municipality's published values of the last years and the
    country's value for the newest year, as plain data to be frozen into the report."""
    area = municipality_area(municipality)
    country = indicator_figures.country()
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    # Every published value of the chosen figures for the municipality and the country, in one query.
    own: dict[int, list[list[float]]] = defaultdict(list)
    national: dict[tuple[int, int], float] = {}
    areas = [a for a in (area, country) if a is not None]
    values = IndicatorValue.objects.filter(indicator__in=indicators.values(), area__in=areas, gender=Gender.TOTAL)
    for indicator_id, area_id, year, value in values.order_by("year").values_list(
        "indicator_id", "area_id", "year", "value"
    ):
        if area is not None and area_id == area.pk:
            own[indicator_id].append([year, value])
        if country is not None and area_id == country.pk:
            national[indicator_id, year] = value
    rows: list[dict[str, Any]] = []
    for code in codes:
        indicator = indicators.get(code)
        if indicator is None:
            continue
        series = own[indicator.pk][-SERIES_YEARS:]
        newest_year = int(series[-1][0]) if series else None
        rows.append(
            {
                "code": indicator.code,
                "title": indicator.title,
                "direction": indicator.direction,
                "is_share": indicator.is_share,
                "series": series,
                "newest_year": newest_year,
                "newest_value": series[-1][1] if series else None,
                "first_year": int(series[0][0]) if len(series) > 1 else None,
                "first_value": series[0][1] if len(series) > 1 else None,
                "country_value": national.get((indicator.pk, newest_year)) if newest_year is not None else None,
            }
        )
    return rows
