"""Reading key figures for the pages, the charts and the reports: one municipality's history beside Sweden and its
comparison groups, a ranking of all municipalities, and the overview of every key figure.

Every function here makes a fixed number of queries whatever the number of municipalities or years: the values are
fetched with `values_list` in one query and grouped in Python (290 municipalities by 30 years is a few thousand
rows). Values as published are Kolada's; group averages and forecasts are Knutpunkt's own processing.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from django.db.models import Max, Min, Q
from django.http import Http404
from django.utils.translation import gettext as _

from knutpunkt.indicators.models import (
    Area,
    AreaGroup,
    AreaGroupKind,
    AreaKind,
    Direction,
    Forecast,
    ForecastRun,
    Gender,
    Indicator,
    IndicatorValue,
)

COUNTRY_CODE = "0"
# How many years back the overview measures change over.
CHANGE_YEARS = 5
# A change smaller than this share of the earlier value counts as unchanged in the overview.
UNCHANGED_SHARE = 0.01

# Swedish alphabetical order: å, ä, ö after z; é as e and ü as y.
_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "è": "e", "ü": "y", "æ": "|", "ø": "}"})


def swedish_sort_key(text: str) -> str:
    return text.casefold().translate(_SWEDISH_ORDER)


def decimals_for(indicator: Indicator) -> int:
    """Counts ("Invånare totalt, antal") without decimals, everything else (shares, rates, days) with one."""
    return 0 if indicator.title.rstrip().endswith(", antal") else 1


# --- Lookups ----------------------------------------------------------------------------------------------------


def municipalities() -> list[Area]:
    """Every municipality, in Swedish alphabetical order."""
    return sorted(Area.objects.filter(kind=AreaKind.MUNICIPALITY), key=lambda area: swedish_sort_key(area.name))


def get_municipality(code: str) -> Area:
    area = Area.objects.filter(kind=AreaKind.MUNICIPALITY, code=code).first()
    if area is None:
        raise Http404
    return area


def get_indicator(code: str) -> Indicator:
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None:
        raise Http404
    return indicator


def indicators() -> list[Indicator]:
    return sorted(Indicator.objects.all(), key=lambda indicator: swedish_sort_key(indicator.title))


def newest_run() -> ForecastRun | None:
    """The newest finished forecast run: the only one shown."""
    return ForecastRun.objects.filter(finished_at__isnull=False).order_by("-finished_at", "-pk").first()


def years() -> list[int]:
    """Every year from the first to the last with a value for anything, newest first: the choices of a year."""
    span = IndicatorValue.objects.aggregate(first=Min("year"), last=Max("year"))
    if span["first"] is None:
        return []
    return list(range(span["last"], span["first"] - 1, -1))


def municipality_years(indicator: Indicator) -> list[int]:
    """The years with a value for at least one municipality, newest first."""
    years = (
        IndicatorValue.objects.filter(indicator=indicator, gender=Gender.TOTAL, area__kind=AreaKind.MUNICIPALITY)
        .values_list("year", flat=True)
        .distinct()
    )
    return sorted(set(years), reverse=True)


# --- Comparison groups ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """A municipality's comparison group and the unweighted average of its members per year (Knutpunkt's own
    processing). A year's average needs values from at least half of the members; otherwise it is left out."""

    group: AreaGroup | None
    members: list[Area]
    averages: dict[int, float] = field(default_factory=dict)
    counts: dict[int, int] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.group.title if self.group else ""


def comparison_groups(area: Area) -> tuple[AreaGroup | None, AreaGroup | None]:
    """The municipality's SKR municipality group and Kolada's similar-municipalities group made for it, with their
    members prefetched (two queries)."""
    groups = (
        AreaGroup.objects.filter(Q(kind=AreaGroupKind.SKR, members=area) | Q(kind=AreaGroupKind.SIMILAR, for_area=area))
        .distinct()
        .prefetch_related("members")
        .order_by("code")
    )
    skr = similar = None
    for group in groups:
        if group.kind == AreaGroupKind.SKR and skr is None:
            skr = group
        elif group.kind == AreaGroupKind.SIMILAR and group.for_area_id == area.pk and similar is None:
            similar = group
    return skr, similar


def _members(group: AreaGroup | None) -> list[Area]:
    if group is None:
        return []
    return sorted(group.members.all(), key=lambda area: swedish_sort_key(area.name))


def group_average(
    values: dict[int, dict[int, float]], members: Iterable[Area]
) -> tuple[dict[int, float], dict[int, int]]:
    """The unweighted mean per year over the members with a value that year, from `values` (area id → year →
    value); a year where fewer than half of the members have a value gets no average."""
    member_ids = [member.pk for member in members]
    if not member_ids:
        return {}, {}
    by_year: dict[int, list[float]] = defaultdict(list)
    for area_id in member_ids:
        for year, value in values.get(area_id, {}).items():
            by_year[year].append(value)
    needed = math.ceil(len(member_ids) / 2)
    averages = {year: sum(found) / len(found) for year, found in by_year.items() if len(found) >= needed}
    counts = {year: len(by_year[year]) for year in averages}
    return averages, counts


def _comparison(group: AreaGroup | None, values: dict[int, dict[int, float]]) -> Comparison:
    members = _members(group)
    averages, counts = group_average(values, members)
    return Comparison(group, members, averages, counts)


# --- One municipality's history ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ForecastYear:
    year: int
    value: float
    low_80: float
    high_80: float
    low_95: float
    high_95: float


@dataclass(frozen=True)
class HistoryRow:
    year: int
    own: float | None
    country: float | None
    skr: float | None
    similar: float | None


@dataclass(frozen=True)
class History:
    """One key figure for one municipality over the years: its own values and Sweden's (Kolada's), its groups'
    averages and its forecast (Knutpunkt's)."""

    indicator: Indicator
    area: Area
    own: dict[int, float]
    country: dict[int, float]
    skr: Comparison
    similar: Comparison
    forecasts: list[ForecastYear]
    run: ForecastRun | None

    @property
    def years(self) -> list[int]:
        found = set(self.own) | set(self.country) | set(self.skr.averages) | set(self.similar.averages)
        return sorted(found)

    @property
    def rows(self) -> list[HistoryRow]:
        return [
            HistoryRow(
                year,
                self.own.get(year),
                self.country.get(year),
                self.skr.averages.get(year),
                self.similar.averages.get(year),
            )
            for year in self.years
        ]

    @property
    def last_year(self) -> int | None:
        return max(self.own) if self.own else None

    @property
    def decimals(self) -> int:
        return decimals_for(self.indicator)


def _values_by_area(indicator: Indicator, area_ids: Iterable[int]) -> dict[int, dict[int, float]]:
    values: dict[int, dict[int, float]] = defaultdict(dict)
    rows = IndicatorValue.objects.filter(
        indicator=indicator, gender=Gender.TOTAL, area_id__in=set(area_ids)
    ).values_list("area_id", "year", "value")
    for area_id, year, value in rows:
        values[area_id][year] = value
    return values


def country() -> Area | None:
    return Area.objects.filter(code=COUNTRY_CODE).first()


def forecasts_for(indicator: Indicator, area: Area, run: ForecastRun | None) -> list[ForecastYear]:
    if run is None:
        return []
    rows = (
        Forecast.objects.filter(run=run, indicator=indicator, area=area)
        .order_by("year")
        .values_list("year", "value", "low_80", "high_80", "low_95", "high_95")
    )
    return [ForecastYear(*row) for row in rows]


def history(indicator: Indicator, area: Area) -> History:
    """The municipality's values, Sweden's and its two comparison groups' averages, and the newest forecast."""
    skr, similar = comparison_groups(area)
    sweden = country()
    ids = {area.pk, *(m.pk for m in _members(skr)), *(m.pk for m in _members(similar))}
    if sweden is not None:
        ids.add(sweden.pk)
    values = _values_by_area(indicator, ids)
    run = newest_run()
    return History(
        indicator=indicator,
        area=area,
        own=dict(sorted(values.get(area.pk, {}).items())),
        country=dict(sorted(values.get(sweden.pk, {}).items())) if sweden else {},
        skr=_comparison(skr, values),
        similar=_comparison(similar, values),
        forecasts=forecasts_for(indicator, area, run),
        run=run,
    )


# --- Ranking of all municipalities ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RankedValue:
    rank: int
    code: str
    name: str
    value: float


@dataclass(frozen=True)
class Ranking:
    """Every municipality with a value for one key figure and year, best first by the key figure's direction
    (highest first when it has none). Equal values share a place (1, 2, 2, 4)."""

    indicator: Indicator
    year: int | None
    rows: list[RankedValue]
    missing: list[Area]
    country_value: float | None

    def position(self, code: str) -> RankedValue | None:
        return next((row for row in self.rows if row.code == code), None)

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def decimals(self) -> int:
        return decimals_for(self.indicator)

    @property
    def lowest_first(self) -> bool:
        return self.indicator.direction == Direction.LOWER_IS_BETTER

    @property
    def order_note(self) -> str:
        """What place 1 means, in words."""
        if self.indicator.direction == Direction.LOWER_IS_BETTER:
            return _("Plats 1 har lägst värde, vilket är bäst för det här nyckeltalet.")
        if self.indicator.direction == Direction.HIGHER_IS_BETTER:
            return _("Plats 1 har högst värde, vilket är bäst för det här nyckeltalet.")
        return _("Ett högt värde är varken bättre eller sämre för det här nyckeltalet: plats 1 har högst värde.")


def rank(values: Iterable[tuple[str, str, float]], *, lowest_first: bool) -> list[RankedValue]:
    """(code, name, value) ranked; ties share the better place and are listed by name."""
    ordered = sorted(values, key=lambda row: (row[2] if lowest_first else -row[2], swedish_sort_key(row[1])))
    ranked: list[RankedValue] = []
    for position, (code, name, value) in enumerate(ordered, start=1):
        place = ranked[-1].rank if ranked and ranked[-1].value == value else position
        ranked.append(RankedValue(place, code, name, value))
    return ranked


def ranking(indicator: Indicator, year: int | None = None) -> Ranking:
    """All municipalities ranked for `year` (default: the newest year with municipal values)."""
    if year is None:
        years = municipality_years(indicator)
        year = years[0] if years else None
    everyone = municipalities()
    if year is None:
        return Ranking(indicator, None, [], everyone, None)
    rows = IndicatorValue.objects.filter(
        Q(area__kind=AreaKind.MUNICIPALITY) | Q(area__code=COUNTRY_CODE),
        indicator=indicator,
        gender=Gender.TOTAL,
        year=year,
    ).values_list("area__code", "value")
    found = dict(rows)
    country_value = found.pop(COUNTRY_CODE, None)
    names = {area.code: area.name for area in everyone}
    ranked = rank(
        ((code, names[code], value) for code, value in found.items() if code in names),
        lowest_first=indicator.direction == Direction.LOWER_IS_BETTER,
    )
    missing = [area for area in everyone if area.code not in found]
    return Ranking(indicator, year, ranked, missing, country_value)


# --- The overview of every key figure for one municipality ------------------------------------------------------


class Judgement(Enum):
    """Whether a change over the years is for the better, by the key figure's direction."""

    BETTER = "better"
    WORSE = "worse"
    UNCHANGED = "unchanged"
    NOT_JUDGED = "not_judged"  # a key figure without a direction
    UNKNOWN = "unknown"  # no value to compare with


def judge(change: float | None, earlier: float | None, direction: str) -> Judgement:
    if change is None or earlier is None:
        return Judgement.UNKNOWN
    if direction == Direction.NEUTRAL:
        return Judgement.NOT_JUDGED
    if abs(change) <= abs(earlier) * UNCHANGED_SHARE:
        return Judgement.UNCHANGED
    rising_is_better = direction == Direction.HIGHER_IS_BETTER
    return Judgement.BETTER if (change > 0) == rising_is_better else Judgement.WORSE


@dataclass(frozen=True)
class OverviewRow:
    indicator: Indicator
    year: int | None
    value: float | None
    country: float | None
    skr: float | None
    similar: float | None
    earlier_year: int | None
    change: float | None
    judgement: Judgement

    @property
    def decimals(self) -> int:
        return decimals_for(self.indicator)


@dataclass(frozen=True)
class OverviewSection:
    operating_area: str
    rows: list[OverviewRow]


@dataclass(frozen=True)
class Overview:
    area: Area
    skr: Comparison
    similar: Comparison
    sections: list[OverviewSection]


def overview(area: Area) -> Overview:
    """Every key figure for the municipality: its newest value, Sweden's and the group averages for that year, and
    the change over `CHANGE_YEARS` years judged by the key figure's direction."""
    skr, similar = comparison_groups(area)
    skr_members, similar_members = _members(skr), _members(similar)
    sweden = country()
    every_indicator = indicators()
    ids = {area.pk, *(m.pk for m in skr_members), *(m.pk for m in similar_members)}
    if sweden is not None:
        ids.add(sweden.pk)
    # indicator id → area id → year → value, in one query.
    values: dict[int, dict[int, dict[int, float]]] = defaultdict(lambda: defaultdict(dict))
    rows = IndicatorValue.objects.filter(gender=Gender.TOTAL, area_id__in=ids).values_list(
        "indicator_id", "area_id", "year", "value"
    )
    for indicator_id, area_id, row_year, row_value in rows:
        values[indicator_id][area_id][row_year] = row_value

    sections: dict[str, list[OverviewRow]] = defaultdict(list)
    for indicator in every_indicator:
        by_area = values.get(indicator.pk, {})
        own = by_area.get(area.pk, {})
        year = max(own) if own else None
        skr_averages, _counts = group_average(by_area, skr_members)
        similar_averages, _counts = group_average(by_area, similar_members)
        value = own.get(year) if year is not None else None
        earlier_year = year - CHANGE_YEARS if year is not None else None
        earlier = own.get(earlier_year) if earlier_year is not None else None
        change = value - earlier if value is not None and earlier is not None else None
        sections[indicator.operating_area or ""].append(
            OverviewRow(
                indicator=indicator,
                year=year,
                value=value,
                country=by_area.get(sweden.pk, {}).get(year) if sweden and year is not None else None,
                skr=skr_averages.get(year) if year is not None else None,
                similar=similar_averages.get(year) if year is not None else None,
                earlier_year=earlier_year if earlier is not None else None,
                change=change,
                judgement=judge(change, earlier, indicator.direction),
            )
        )
    ordered = sorted(sections.items(), key=lambda item: (item[0] == "", swedish_sort_key(item[0])))
    return Overview(
        area=area,
        skr=Comparison(skr, skr_members),
        similar=Comparison(similar, similar_members),
        sections=[OverviewSection(name, rows) for name, rows in ordered],
    )
