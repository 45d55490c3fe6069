"""Reading key figures for the pages, the charts and the reports: one municipality's history beside Sweden and its
comparison groups, a ranking of all municipalities, and the overview of every key figure.

Every function here makes a fixed number of queries whatever the number of municipalities or years: the values are
fetched with `values_list` in one query and grouped in Python (290 municipalities by 30 years is a few thousand
rows). Values as published are Kolada's; group averages and forecasts are Knutpunkt's own processing.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum

from django.db.models import Max, Min, Q
from django.http import Http404
from django.utils.translation import gettext as _

from knutpunkt.core.sorting import swedish_key
from knutpunkt.indicators.directions import worse_when_higher
from knutpunkt.indicators.index import IndexResult
from knutpunkt.indicators.models import (
    Area,
    AreaGroup,
    AreaGroupKind,
    AreaKind,
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


def decimals_for(indicator: Indicator) -> int:
    """Counts ("Invånare totalt, antal") without decimals, everything else (shares, rates, days) with one."""
    return 0 if indicator.title.rstrip().endswith(", antal") else 1


# --- Lookups ----------------------------------------------------------------------------------------------------


def municipalities() -> list[Area]:
    """Every municipality, in Swedish alphabetical order."""
    return sorted(Area.objects.filter(kind=AreaKind.MUNICIPALITY), key=lambda area: swedish_key(area.name))


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
    return sorted(Indicator.objects.all(), key=lambda indicator: swedish_key(indicator.title))


def newest_run() -> ForecastRun | None:
    """The newest finished forecast run: the only one shown."""
    return ForecastRun.objects.filter(finished_at__isnull=False).order_by("-finished_at", "-pk").first()


def years() -> list[int]:
    """Every year from the first to the last with a value for anything, newest first: the choices of a year."""
    span = IndicatorValue.objects.aggregate(first=Min("year"), last=Max("year"))
    if span["first"] is None:
        return []
    return list(range(span["last"], span["first"] - 1, -1))


def municipality_years(indicators: Iterable[Indicator]) -> list[int]:
    """The years with a value for at least one municipality in any of the key figures, newest first."""
    # Filtering on the area's kind in Python: with it in the query SQLite walks every municipality's values.
    pairs = (
        IndicatorValue.objects.filter(indicator__in=list(indicators), gender=Gender.TOTAL)
        .values_list("year", "area__kind")
        .distinct()
    )
    return sorted({year for year, kind in pairs if kind == AreaKind.MUNICIPALITY}, reverse=True)


# --- Comparison groups ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """A municipality's comparison group and the unweighted average of its members per year (Knutpunkt's own
    processing). A year's average needs values from at least half of the members; otherwise it is left out."""

    group: AreaGroup | None
    members: list[Area]
    averages: dict[int, float] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.group.title if self.group else ""


def comparison_groups_by_area(
    area_ids: Collection[int] | None = None,
) -> dict[int, tuple[AreaGroup | None, AreaGroup | None]]:
    """Area id → the municipality's SKR municipality group and Kolada's similar-municipalities group made for it,
    with their members prefetched (two queries); for the areas in `area_ids`, or without it for every municipality
    in a group. A municipality in several groups of a kind gets the first by code."""
    groups = AreaGroup.objects.all()
    if area_ids is not None:
        groups = groups.filter(
            Q(kind=AreaGroupKind.SKR, members__in=area_ids) | Q(kind=AreaGroupKind.SIMILAR, for_area__in=area_ids)
        ).distinct()
    skr_of: dict[int, AreaGroup] = {}
    similar_of: dict[int, AreaGroup] = {}
    for group in groups.prefetch_related("members").order_by("code"):
        if group.kind == AreaGroupKind.SKR:
            for member in group.members.all():
                skr_of.setdefault(member.pk, group)
        elif group.kind == AreaGroupKind.SIMILAR and group.for_area_id is not None:
            similar_of.setdefault(group.for_area_id, group)
    wanted = area_ids if area_ids is not None else skr_of.keys() | similar_of.keys()
    return {area_id: (skr_of.get(area_id), similar_of.get(area_id)) for area_id in wanted}


def comparison_groups(area: Area) -> tuple[AreaGroup | None, AreaGroup | None]:
    """The municipality's SKR municipality group and Kolada's similar-municipalities group made for it, with their
    members prefetched (two queries)."""
    return comparison_groups_by_area([area.pk])[area.pk]


def _members(group: AreaGroup | None) -> list[Area]:
    if group is None:
        return []
    return sorted(group.members.all(), key=lambda area: swedish_key(area.name))


@dataclass(frozen=True)
class AreaContext:
    """What reading a municipality's key figures needs besides the values: its comparison groups with their members
    (in Swedish order) and Sweden. A caller showing many key figures for one municipality reads it once
    (`area_context`) and hands it to `history`."""

    area: Area
    skr: AreaGroup | None
    similar: AreaGroup | None
    skr_members: list[Area]
    similar_members: list[Area]
    sweden: Area | None

    @property
    def ids(self) -> set[int]:
        """The areas whose values are read: the municipality, its groups' members and Sweden."""
        ids = {self.area.pk, *(m.pk for m in self.skr_members), *(m.pk for m in self.similar_members)}
        if self.sweden is not None:
            ids.add(self.sweden.pk)
        return ids


def area_context(area: Area) -> AreaContext:
    """The municipality's comparison groups and Sweden (three queries)."""
    skr, similar = comparison_groups(area)
    return AreaContext(area, skr, similar, _members(skr), _members(similar), country())


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


def _comparison(group: AreaGroup | None, members: list[Area], values: dict[int, dict[int, float]]) -> Comparison:
    averages, _counts = group_average(values, members)
    return Comparison(group, members, averages)


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


def history(
    indicator: Indicator, area: Area, *, context: AreaContext | None = None, run: ForecastRun | None = None
) -> History:
    """The municipality's values, Sweden's and its two comparison groups' averages, and the newest forecast.

    A caller reading many key figures for one municipality passes `context` (`area_context(area)`) and `run`
    (`newest_run()`), read once, instead of having them read again for every key figure."""
    if context is None:
        context = area_context(area)
    elif context.area.pk != area.pk:
        raise ValueError("The context is another municipality's.")
    if run is None:
        run = newest_run()
    values = _values_by_area(indicator, context.ids)
    sweden = context.sweden
    return History(
        indicator=indicator,
        area=area,
        own=dict(sorted(values.get(area.pk, {}).items())),
        country=dict(sorted(values.get(sweden.pk, {}).items())) if sweden else {},
        skr=_comparison(context.skr, context.skr_members, values),
        similar=_comparison(context.similar, context.similar_members, values),
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
    def order_note(self) -> str:
        """What place 1 means, in words."""
        worse = worse_when_higher(self.indicator.direction)
        if worse > 0:
            return _("Plats 1 har lägst värde, vilket är bäst för det här nyckeltalet.")
        if worse < 0:
            return _("Plats 1 har högst värde, vilket är bäst för det här nyckeltalet.")
        return _("Ett högt värde är varken bättre eller sämre för det här nyckeltalet: plats 1 har högst värde.")


def rank(values: Iterable[tuple[str, str, float]], *, lowest_first: bool) -> list[RankedValue]:
    """(code, name, value) ranked; ties share the better place and are listed by name."""
    ordered = sorted(values, key=lambda row: (row[2] if lowest_first else -row[2], swedish_key(row[1])))
    ranked: list[RankedValue] = []
    for position, (code, name, value) in enumerate(ordered, start=1):
        place = ranked[-1].rank if ranked and ranked[-1].value == value else position
        ranked.append(RankedValue(place, code, name, value))
    return ranked


def ranking(
    indicator: Indicator, year: int | None = None, *, all_municipalities: Sequence[Area] | None = None
) -> Ranking:
    """All municipalities ranked for `year`, or for the newest year with municipal values when `year` is None or no
    municipality has a value that year. A page that already holds `municipalities()` passes them as
    `all_municipalities`."""
    available = municipality_years([indicator])
    if year not in available:
        year = available[0] if available else None
    everyone = list(all_municipalities) if all_municipalities is not None else municipalities()
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
        # Best first: the lowest where a higher value is worse, else (neutral key figures too) the highest.
        lowest_first=worse_when_higher(indicator.direction) > 0,
    )
    missing = [area for area in everyone if area.code not in found]
    return Ranking(indicator, year, ranked, missing, country_value)


def index_ranking(result: IndexResult, names: Mapping[str, str]) -> list[RankedValue]:
    """The municipalities with a living-conditions index, highest (worst) first; `names` maps their codes to names."""
    return rank(
        ((code, names.get(code, code), found.value) for code, found in result.areas.items() if found.value is not None),
        lowest_first=False,
    )


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
    worse = worse_when_higher(direction)
    if worse == 0:
        return Judgement.NOT_JUDGED
    if abs(change) <= abs(earlier) * UNCHANGED_SHARE:
        return Judgement.UNCHANGED
    return Judgement.WORSE if change * worse > 0 else Judgement.BETTER


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
    context = area_context(area)
    sweden = context.sweden
    every_indicator = indicators()
    # indicator id → area id → year → value, in one query.
    values: dict[int, dict[int, dict[int, float]]] = defaultdict(lambda: defaultdict(dict))
    rows = IndicatorValue.objects.filter(gender=Gender.TOTAL, area_id__in=context.ids).values_list(
        "indicator_id", "area_id", "year", "value"
    )
    for indicator_id, area_id, row_year, row_value in rows:
        values[indicator_id][area_id][row_year] = row_value

    sections: dict[str, list[OverviewRow]] = defaultdict(list)
    for indicator in every_indicator:
        by_area = values.get(indicator.pk, {})
        own = by_area.get(area.pk, {})
        year = max(own) if own else None
        skr_averages, _counts = group_average(by_area, context.skr_members)
        similar_averages, _counts = group_average(by_area, context.similar_members)
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
    ordered = sorted(sections.items(), key=lambda item: (item[0] == "", swedish_key(item[0])))
    return Overview(
        area=area,
        skr=Comparison(context.skr, context.skr_members),
        similar=Comparison(context.similar, context.similar_members),
        sections=[OverviewSection(name, rows) for name, rows in ordered],
    )
