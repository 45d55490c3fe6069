"""Early warnings: municipalities where a key figure is heading the wrong way clearly faster than in comparable
municipalities, and the plain-Swedish sentence that explains each one.

For an indicator with a direction (directions.py; neutral ones are never warned about) and each municipality:

* **Trend**: the robust slope (Theil–Sen: the median of the slopes between every pair of years) of its values in
  the indicator's last ``TREND_YEARS`` (5) years, at least ``MIN_TREND_POINTS`` (3) of them observed, in the
  indicator's unit per year; with it the standard error of that slope (from a straight line's residuals), which is
  large for a noisy small municipality.
* **Forecast change**: Knutpunkt's forecast for the last forecast year minus the latest value, per year.
* **Comparison group**: Kolada's similar municipalities made for it (individual and family care) when there is one,
  else its SKR municipality group; the municipality itself is left out, and at least ``MIN_GROUP`` (3) members must
  have a trend. The group's trend is the members' median, its spread the members' robust standard deviation (from
  the median absolute deviation, or the mean absolute deviation when most members are equal, as rounded figures
  often are).
* **"Clearly"**: the municipality's trend is worse than the group's median by at least ``Z`` (2) standard
  deviations, where the standard deviation combines the group's spread, the standard error of the municipality's
  own slope and a floor of half the panel's median standard error (so that members moving in lockstep, or a
  series that happens to be a straight line, do not turn tiny differences into warnings):
  ``z = bad * (trend - group median) / sqrt(spread² + se² + floor²)``, ``bad`` being 1 where higher is worse and -1
  where lower is worse. The same z for the forecast change, against the members' forecast changes and with the
  forecast's own uncertainty (from its 80 % interval) in place of the standard error, may also carry a warning.
* A pair is **flagged** when its own trend goes the bad way, is worse than the group's, the forecast continues the
  bad way, and the trend's or the forecast's z is at least ``Z``. **Severity** is the larger z — how many standard
  deviations the municipality is beyond its group — and orders the list. On the shared data about 25 of the 7,100
  municipality x key figure pairs with a direction and a forecast are flagged.

Every figure here is Knutpunkt's own processing of Kolada's figures and is never credited to Kolada.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knutpunkt.indicators.directions import KEY_FIGURES, worse_when_higher
from knutpunkt.indicators.forecasting import FloatArray, PanelForecast
from knutpunkt.indicators.formatting import number, signed
from knutpunkt.indicators.models import AreaGroupKind, EarlyWarning, Indicator

TREND_YEARS = 5
MIN_TREND_POINTS = 3
MIN_GROUP = 3
Z = 2.0
# A normal distribution's standard deviation from its median and from its mean absolute deviation.
MAD_TO_SD = 1.4826
MEAN_AD_TO_SD = 1.2533
Z80 = 1.2816  # half the width of a normal 80 % interval, in standard deviations


@dataclass(frozen=True)
class Comparison:
    """The group a municipality is compared with: its key (the AreaGroup's id) and the panel rows of its members."""

    key: int
    members: Sequence[int]


@dataclass(frozen=True)
class Finding:
    """One flagged municipality of a panel (``row``), with the figures an EarlyWarning stores."""

    row: int
    severity: float
    trend: float
    group_trend: float
    last_year: int
    last_value: float
    forecast_year: int
    forecast_value: float
    group: int


def find_warnings(
    years: Sequence[int],
    values: FloatArray,
    forecast: PanelForecast,
    direction: str,
    comparisons: Sequence[Comparison | None],
) -> list[Finding]:
    """The municipalities (rows of ``values``, n x len(years), NaN where missing) flagged for one indicator, most
    severe first. ``forecast`` is the panel's forecast; ``comparisons[row]`` the row's comparison group."""
    bad = float(worse_when_higher(direction))
    if bad == 0:
        return []
    year_list = list(years)
    if not year_list or not forecast.forecastable.any():
        return []
    slope, slope_error = _trends(year_list, values)
    last_index = _last_observed(values)
    rows = np.arange(values.shape[0])
    last_value = np.where(last_index >= 0, values[rows, np.maximum(last_index, 0)], np.nan)
    last_year = np.array([year_list[i] if i >= 0 else 0 for i in last_index])
    forecast_year = forecast.first_year + forecast.point.shape[1] - 1
    forecast_value = forecast.point[:, -1]
    with np.errstate(invalid="ignore"):
        forecast_change = (forecast_value - last_value) / (forecast_year - last_year)
    usable = np.isfinite(slope) & forecast.forecastable & np.isfinite(forecast_change)
    if not usable.any():
        return []
    # The forecast's own uncertainty, as a standard deviation of its change per year (from the 80 % interval).
    with np.errstate(invalid="ignore"):
        forecast_error = (forecast.high_80[:, -1] - forecast.low_80[:, -1]) / (2 * Z80) / (forecast_year - last_year)
    floor = 0.5 * float(np.median(slope_error[usable]))

    findings: list[Finding] = []
    for row in (int(i) for i in np.flatnonzero(usable)):
        comparison = comparisons[row]
        if comparison is None:
            continue
        members = np.array([m for m in comparison.members if m != row and usable[m]], dtype=np.int64)
        if members.size < MIN_GROUP:
            continue
        own_bad_trend = bad * slope[row]
        group_trend = float(np.median(slope[members]))
        if own_bad_trend <= 0 or bad * (slope[row] - group_trend) <= 0 or bad * forecast_change[row] <= 0:
            continue
        trend_z = _z(bad * (slope[row] - group_trend), _spread(slope[members]), slope_error[row], floor)
        group_forecast = float(np.median(forecast_change[members]))
        forecast_z = _z(
            bad * (forecast_change[row] - group_forecast), _spread(forecast_change[members]), forecast_error[row], 0.0
        )
        severity = max(trend_z, forecast_z)
        if severity < Z:
            continue
        findings.append(
            Finding(
                row=row,
                severity=round(severity, 3),
                trend=float(slope[row]),
                group_trend=group_trend,
                last_year=int(last_year[row]),
                last_value=float(last_value[row]),
                forecast_year=int(forecast_year),
                forecast_value=float(forecast_value[row]),
                group=comparison.key,
            )
        )
    findings.sort(key=lambda finding: (-finding.severity, finding.row))
    return findings


def _z(difference: float, spread: float, own_error: float, floor: float) -> float:
    scale = math.sqrt(spread**2 + own_error**2 + floor**2)
    if scale > 0:
        return difference / scale
    return math.inf if difference > 0 else 0.0


def _spread(values: FloatArray) -> float:
    """A robust standard deviation: from the median absolute deviation, or, when more than half the values are
    equal (figures rounded to one decimal often are), from the mean absolute deviation."""
    deviations = np.abs(values - np.median(values))
    return float(max(MAD_TO_SD * np.median(deviations), MEAN_AD_TO_SD * np.mean(deviations)))


def _last_observed(values: FloatArray) -> np.ndarray:
    observed = ~np.isnan(values)
    last = values.shape[1] - 1 - np.argmax(observed[:, ::-1], axis=1)
    return np.where(observed.any(axis=1), last, -1)


def _trends(years: list[int], values: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Theil–Sen slope per year and the standard error of a straight line's slope, over the panel's last
    ``TREND_YEARS`` years (NaN where fewer than ``MIN_TREND_POINTS`` are observed)."""
    last = years[-1]
    columns = [i for i, year in enumerate(years) if year > last - TREND_YEARS]
    window = values[:, columns]
    times = np.array([years[i] for i in columns], dtype=np.float64)
    n = window.shape[0]
    observed = ~np.isnan(window)
    enough = observed.sum(axis=1) >= MIN_TREND_POINTS
    slope = np.full(n, np.nan)
    error = np.full(n, np.nan)
    if not enough.any() or len(columns) < 2:
        return slope, error
    pairs = list(itertools.combinations(range(len(columns)), 2))
    pair_slopes = np.stack([(window[:, j] - window[:, i]) / (times[j] - times[i]) for i, j in pairs], axis=1)
    sub = pair_slopes[enough]
    # The median of the observed pairs: sort puts NaN last, then take the middle of each row's finite values.
    ordered = np.sort(sub, axis=1)
    counts = np.sum(~np.isnan(sub), axis=1)
    lower = ordered[np.arange(sub.shape[0]), (counts - 1) // 2]
    upper = ordered[np.arange(sub.shape[0]), counts // 2]
    slope[enough] = (lower + upper) / 2

    # Ordinary least squares on the observed points, for the standard error of the slope.
    w = observed[enough].astype(np.float64)
    y = np.nan_to_num(window[enough])
    k = w.sum(axis=1)
    t_mean = (w * times).sum(axis=1) / k
    y_mean = (w * y).sum(axis=1) / k
    dt = (times[None, :] - t_mean[:, None]) * w
    sxx = (dt**2).sum(axis=1)
    beta = (dt * (y - y_mean[:, None])).sum(axis=1) / sxx
    residuals = (y - y_mean[:, None] - beta[:, None] * (times[None, :] - t_mean[:, None])) * w
    sigma2 = (residuals**2).sum(axis=1) / np.maximum(k - 2, 1)
    error[enough] = np.sqrt(sigma2 / sxx)
    return slope, error


# --- Explanations -----------------------------------------------------------------------------------------------

# How the municipality moves compared with its group. "Faster the same way" is one sentence per direction; the
# others refer back to the key figure with its pronoun, so they are keyed (rising, "opposite" | "flat", pronoun).
FASTER: dict[bool, Promise] = {
    True: gettext_lazy("%(subject)s ökar snabbare än i %(group)s"),
    False: gettext_lazy("%(subject)s minskar snabbare än i %(group)s"),
}
MOVEMENTS: dict[tuple[bool, str, str], Promise] = {
    (True, "opposite", "den"): gettext_lazy("%(subject)s ökar medan den minskar i %(group)s"),
    (True, "opposite", "det"): gettext_lazy("%(subject)s ökar medan det minskar i %(group)s"),
    (False, "opposite", "den"): gettext_lazy("%(subject)s minskar medan den ökar i %(group)s"),
    (False, "opposite", "det"): gettext_lazy("%(subject)s minskar medan det ökar i %(group)s"),
    (True, "flat", "den"): gettext_lazy("%(subject)s ökar medan den är i stort sett oförändrad i %(group)s"),
    (True, "flat", "det"): gettext_lazy("%(subject)s ökar medan det är i stort sett oförändrat i %(group)s"),
    (False, "flat", "den"): gettext_lazy("%(subject)s minskar medan den är i stort sett oförändrad i %(group)s"),
    (False, "flat", "det"): gettext_lazy("%(subject)s minskar medan det är i stort sett oförändrat i %(group)s"),
}

# Per unit (see _unit): the yearly changes against the group's, the forecast value, and that value's decimals. A key
# figure in no unit is written as a bare number (below).
UNITS: dict[str, tuple[Promise, Promise, int]] = {
    "share": (
        gettext_lazy("%(trend)s procentenheter per år mot %(group_trend)s i jämförelsegruppen."),
        gettext_lazy("%(value)s %%"),
        1,
    ),
    "per100k": (
        gettext_lazy("%(trend)s per 100 000 invånare per år mot %(group_trend)s i jämförelsegruppen."),
        gettext_lazy("%(value)s per 100 000 invånare"),
        0,
    ),
    "per1000": (
        gettext_lazy("%(trend)s per 1 000 invånare per år mot %(group_trend)s i jämförelsegruppen."),
        gettext_lazy("%(value)s per 1 000 invånare"),
        1,
    ),
    "days": (
        gettext_lazy("%(trend)s dagar per år mot %(group_trend)s i jämförelsegruppen."),
        gettext_lazy("%(value)s dagar"),
        0,
    ),
    "points": (
        gettext_lazy("%(trend)s poäng per år mot %(group_trend)s i jämförelsegruppen."),
        gettext_lazy("%(value)s poäng"),
        1,
    ),
}


def explain(warning: EarlyWarning) -> str:
    """The warning as one short plain-Swedish text: which way the key figure moves, how fast compared with the
    comparison group, and the forecast, e.g. "Andelen invånare som någon gång under året fått ekonomiskt bistånd
    ökar snabbare än i liknande kommuner: +0,6 procentenheter per år mot +0,1 i jämförelsegruppen. Prognosen för
    2027 är 6,1 %. Knutpunkts bearbetning av data från Kolada." """
    indicator = warning.indicator
    subject, pronoun = _subject(indicator)
    decimals = _trend_decimals(warning.trend, warning.group_trend)
    own = round(warning.trend, decimals)
    group = round(warning.group_trend, decimals)
    group_name = _group_name(warning)
    words = {"subject": subject, "group": group_name}
    rising = warning.trend > 0
    if group == 0:
        template = MOVEMENTS[(rising, "flat", pronoun)]
    elif (group > 0) == rising:
        template = FASTER[rising]
    else:
        template = MOVEMENTS[(rising, "opposite", pronoun)]
    movement = str(template) % words
    rates = {"trend": signed(own, decimals), "group_trend": signed(group, decimals)}
    unit = UNITS.get(_unit(indicator))
    if unit is not None:
        rate, value_text, value_decimals = unit
        comparison = str(rate) % rates
        value = str(value_text) % {"value": number(warning.forecast_value, value_decimals)}
    else:
        comparison = _("%(trend)s per år mot %(group_trend)s i jämförelsegruppen.") % rates
        value = number(warning.forecast_value, 0 if abs(warning.forecast_value) >= 100 else 1)
    forecast = _("Prognosen för %(year)s är %(value)s.") % {"year": warning.forecast_year, "value": value}
    return f"{movement}: {comparison} {forecast} {_('Knutpunkts bearbetning av data från Kolada')}."


def _subject(indicator: Indicator) -> tuple[str, str]:
    known = KEY_FIGURES.get(indicator.code)
    if known is not None:
        return str(known.subject), known.pronoun
    return _("Nyckeltalet ”%(title)s”") % {"title": indicator.title}, "det"


def _group_name(warning: EarlyWarning) -> str:
    if warning.group is not None and warning.group.kind == AreaGroupKind.SKR:
        return _("kommungruppen")
    if warning.group is not None:
        return _("liknande kommuner")
    return _("jämförelsegruppen")


def _unit(indicator: Indicator) -> str:
    title = indicator.title.lower()
    if indicator.is_share:
        return "share"
    if "/100 000" in title or "/100000" in title:
        return "per100k"
    if "/1000" in title or "/1 000" in title:
        return "per1000"
    if "dagar" in title:
        return "days"
    if "meritvärde" in title:
        return "points"
    return "other"


def _trend_decimals(*values: float) -> int:
    largest = max(abs(value) for value in values)
    if largest >= 10:
        return 0
    if largest >= 0.1:
        return 1
    return 2
