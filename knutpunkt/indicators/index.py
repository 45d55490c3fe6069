"""The living-conditions index: Knutpunkt's own processing of Kolada's figures, never Kolada's.

For one year, each chosen key figure is standardised across the municipalities that have a value for it
(z-score: the value minus the mean of all those municipalities, divided by their standard deviation), and turned
so that a higher score always means worse living conditions: a key figure where lower is better keeps its sign,
one where higher is better (school results, say) changes sign. Key figures without a direction cannot be part of
the index. A municipality's index is the weighted mean of its scores over the key figures it has a value for; a
municipality with values for less than half of the total weight gets no index. An index of 0 is the average
municipality; 1 is one standard deviation worse than the average.

Pure functions over plain values: the page, the tests and a report can all call `compute_index` directly;
`index_for_year` reads the values from the database (one query). The municipalities are ranked by their index as
by any key figure: `figures.index_ranking`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from knutpunkt.indicators.directions import worse_when_higher
from knutpunkt.indicators.models import AreaKind, Gender, Indicator, IndicatorValue

# The default choice (equal weights): economic assistance, long-term assistance, children in families with
# assistance, low economic standard 0-19, young people neither working nor studying, youth unemployment, year 9
# eligibility, upper secondary degree within 3 years, reported violent crime, overcrowding.
DEFAULT_WEIGHTS: dict[str, float] = {
    "n31807": 1.0,
    "n31816": 1.0,
    "u31803": 1.0,
    "n66077": 1.0,
    "n02797": 1.0,
    "n03921": 1.0,
    "n15428": 1.0,
    "n17445": 1.0,
    "n07403": 1.0,
    "n07907": 1.0,
}
# Below this share of the total weight a municipality gets no index.
MIN_WEIGHT_SHARE = 0.5


@dataclass(frozen=True)
class Component:
    """One key figure in the index: its weight, its sign (+1: higher value is worse, -1: higher value is better)
    and the mean and standard deviation it was standardised with."""

    code: str
    weight: float
    sign: int
    mean: float
    deviation: float
    count: int

    def score(self, value: float) -> float:
        """The signed z-score: higher is worse."""
        return self.sign * (value - self.mean) / self.deviation


@dataclass(frozen=True)
class AreaIndex:
    code: str
    value: float | None
    weight_used: float
    # Each key figure's part of the index: weight times signed z-score / the weight used. They add up to the index.
    contributions: dict[str, float]
    scores: dict[str, float]
    values: dict[str, float]


@dataclass(frozen=True)
class IndexResult:
    components: list[Component]
    areas: dict[str, AreaIndex]
    # Chosen key figures left out: no values, fewer than two, or all values equal.
    left_out: list[str]

    @property
    def total_weight(self) -> float:
        return sum(component.weight for component in self.components)


def sign_of(direction: str) -> int:
    sign = worse_when_higher(direction)
    if sign == 0:
        raise ValueError("A key figure without a direction cannot be part of the living-conditions index.")
    return sign


def standardise(values: Mapping[str, float]) -> tuple[float, float]:
    """The mean and the (population) standard deviation of the values."""
    mean = sum(values.values()) / len(values)
    deviation = math.sqrt(sum((value - mean) ** 2 for value in values.values()) / len(values))
    return mean, deviation


def compute_index(
    values: Mapping[str, Mapping[str, float]],
    weights: Mapping[str, float],
    directions: Mapping[str, str],
    *,
    min_weight_share: float = MIN_WEIGHT_SHARE,
) -> IndexResult:
    """The index from `values` (key figure code → area code → value), `weights` (key figure code → weight > 0)
    and `directions` (key figure code → Direction)."""
    components: list[Component] = []
    left_out: list[str] = []
    for code, weight in weights.items():
        found = values.get(code, {})
        if weight <= 0:
            continue
        if len(found) < 2:
            left_out.append(code)
            continue
        mean, deviation = standardise(found)
        if deviation == 0:
            left_out.append(code)
            continue
        components.append(Component(code, weight, sign_of(directions[code]), mean, deviation, len(found)))

    total = sum(component.weight for component in components)
    scores: dict[str, dict[str, float]] = defaultdict(dict)
    raw: dict[str, dict[str, float]] = defaultdict(dict)
    for component in components:
        for area, value in values[component.code].items():
            scores[area][component.code] = component.score(value)
            raw[area][component.code] = value
    weight_of = {component.code: component.weight for component in components}
    areas: dict[str, AreaIndex] = {}
    for area, area_scores in scores.items():
        used = sum(weight_of[code] for code in area_scores)
        if total == 0 or used < total * min_weight_share:
            areas[area] = AreaIndex(area, None, used, {}, area_scores, raw[area])
            continue
        contributions = {code: weight_of[code] * score / used for code, score in area_scores.items()}
        areas[area] = AreaIndex(area, sum(contributions.values()), used, contributions, area_scores, raw[area])
    return IndexResult(components, areas, left_out)


def index_for_year(indicators: list[Indicator], weights: Mapping[str, float], year: int) -> IndexResult:
    """The index of every municipality for `year`, from the database (one query)."""
    values: dict[str, dict[str, float]] = defaultdict(dict)
    rows = IndicatorValue.objects.filter(
        indicator__in=indicators, gender=Gender.TOTAL, year=year, area__kind=AreaKind.MUNICIPALITY
    ).values_list("indicator__code", "area__code", "value")
    for code, area, value in rows:
        values[code][area] = value
    directions = {indicator.code: indicator.direction for indicator in indicators}
    return compute_index(values, {code: weights[code] for code in directions}, directions)
