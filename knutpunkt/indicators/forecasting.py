"""Forecasts of a whole panel of yearly key figures at once: every municipality's series of one indicator.

The series are short (often 8–15 years), yearly and noisy in small municipalities, so one series alone says little
about its trend or its uncertainty; the 290 series of an indicator say much more. The method:

* **Model**: a damped local linear trend (Holt's damped trend, additive), filtered for every series at once. A
  missing year is a prediction step without an update, so gaps need no imputation (after a gap the trend learns
  the change per year). The first observation sets the level, the second the trend (change per year).
* **Learning across the panel**: the smoothing of level (``alpha``) and trend (``beta``), the damping (``phi``) and
  the trend shrinkage below are one set per indicator, chosen on a grid by what has forecast best in the panel
  itself: every series is forecast 1..h years ahead from every year of its history (rolling origin), and the set
  with the smallest mean absolute error, each series' errors divided by its scale (below), wins. A coordinate
  search finds it (a few filter runs instead of all 400 grid points).
* **Trend shrinkage**: the trend a series' forecasts use is its own trend pulled toward the panel's median trend —
  in absolute units, or relative to the level (``relative``), whichever forecasts better — with weight
  ``m / (m + kappa)`` on its own trend after ``m`` observations (``kappa`` = ∞: the panel's trend alone). A short
  or noisy series follows the panel until its own history says otherwise. The filter itself keeps each series' own
  trend, so that its level does not lag behind a series that moves unlike the panel.
* **Combination with the latest value**: the forecast issued, and scored in the search above, is the mean of the
  model's forecast and the latest observed value (the naive forecast). An equal-weight combination is the classic
  guard against trends that break; a weight fitted on the past would favour the trends that held in the past (on
  the shared data both a fitted weight and one that trusts steadier trends more forecast worse). Only when the
  model alone has been at least twice as accurate in the panel's history — a trend followed almost exactly, such as
  a clean line — is the model's forecast issued alone.
* **Prediction intervals** come from the panel's own out-of-sample errors of that forecast, from every origin, by
  horizon, divided by each series' scale at the origin: its mean absolute one-year change so far, shrunk toward
  the panel's median change relative to the level while it rests on few changes. The 80th and 95th percentiles
  of the absolute scaled errors, times a series' scale, are the half-widths of its 80 % and 95 % intervals: their
  width is how wrong the method has actually been on this indicator. The intervals are symmetric because the sign
  of past errors mostly reflects shocks common to all municipalities in the years behind us, which need not recur
  (asymmetric quantiles covered less than claimed on every hold-out period tried). A horizon the panel is too
  short to show grows from the longest one it shows in proportion to the horizon. For a series whose latest value
  is a year or two old the horizon counts from that value.
* **Bounds**: points and interval limits are clipped to ``lower``/``upper``; ``bounds`` gives them for a panel
  (0–100 for shares, ≥ 0 for counts and rates that are never negative).
* **Minimum data**: a series is forecast when it has at least ``MIN_POINTS`` (3) observations and its latest is at
  most ``MAX_STALE_YEARS`` (2) before the panel's last year; other rows are NaN. Shorter series still count in the
  panel's trend once they have two points.

bench/forecast.py measures it against naive, drift and AutoETS (bench/README.md, "Prognoser"). Plain numpy and
deterministic: a fixed grid, no random numbers, ties go to the first grid point.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

METHOD = "knutpunkt-panel-damped-trend 1.0"

MIN_POINTS = 3
MAX_STALE_YEARS = 2
MAX_HORIZON = 10
# Years ahead a refresh forecasts unless told otherwise.
DEFAULT_HORIZON = 5
# With fewer scaled errors than this at a horizon, its interval widths are extrapolated from shorter horizons.
MIN_ERRORS_PER_HORIZON = 60
# How many yearly changes a series' own scale must rest on before it outweighs the panel's (a prior weight).
SCALE_PRIOR_CHANGES = 2.0
# Weight of the latest value in the forecast (the rest is the model's forecast) ...
NAIVE_WEIGHT = 0.5
# ... unless the model alone has been at least this much more accurate in the panel's history (a near-exact trend).
TRUST_MODEL_RATIO = 0.5

ALPHAS = (0.1, 0.25, 0.45, 0.7, 1.0)
BETAS = (0.05, 0.15, 0.3, 0.5)
PHIS = (0.5, 0.7, 0.85, 1.0)
KAPPAS = (0.0, 4.0, np.inf)
RELATIVE = (False, True)
AXES: tuple[tuple[float, ...], ...] = (ALPHAS, BETAS, PHIS, KAPPAS, RELATIVE)
# Where the coordinate search starts: alpha 0.45, beta 0.15, phi 0.85, kappa 4, relative.
START = (2, 1, 2, 1, 1)


@dataclass(frozen=True)
class Parameters:
    alpha: float
    beta: float
    phi: float
    kappa: float
    relative: bool


@dataclass(frozen=True)
class PanelForecast:
    """Forecasts for the years ``first_year`` .. ``first_year + horizon - 1``: arrays of n_series x horizon, with
    NaN rows for the series that are not forecast (``forecastable`` False)."""

    first_year: int
    point: FloatArray
    low_80: FloatArray
    high_80: FloatArray
    low_95: FloatArray
    high_95: FloatArray
    forecastable: BoolArray
    parameters: Parameters | None

    @property
    def years(self) -> list[int]:
        return [self.first_year + h for h in range(self.point.shape[1])]


def bounds(values: npt.ArrayLike, is_share: bool) -> tuple[float | None, float | None]:
    """The ``lower`` and ``upper`` bounds of a panel's forecasts: a share stays within 0–100; any other key figure
    whose values are never negative (counts, rates, days, merit points) stays at or above 0."""
    lower = 0.0 if np.nanmin(values) >= 0 else None
    upper = 100.0 if is_share else None
    return lower, upper


def forecast_panel(
    years: npt.ArrayLike,
    values: npt.ArrayLike,
    horizon: int,
    *,
    lower: float | None = None,
    upper: float | None = None,
) -> PanelForecast:
    """Forecast every series of a panel ``horizon`` years past the panel's last year.

    ``years``: the panel's years, increasing (a year may be missing); ``values``: n_series x len(years), NaN where
    a value is missing.
    """
    if not 1 <= horizon <= MAX_HORIZON:
        raise ValueError(f"horizon must be 1..{MAX_HORIZON}")
    year_list = np.asarray(years, dtype=np.int64)
    raw = np.asarray(values, dtype=np.float64)
    if year_list.ndim != 1 or year_list.size == 0:
        raise ValueError("years must be a non-empty list")
    if raw.ndim != 2 or raw.shape[1] != year_list.size:
        raise ValueError("values must be n_series x len(years)")
    if np.any(np.diff(year_list) <= 0):
        raise ValueError("years must be increasing")
    # On a full grid of years, a year missing everywhere is a gap like any other.
    first, last = int(year_list[0]), int(year_list[-1])
    panel = np.full((raw.shape[0], last - first + 1), np.nan)
    panel[:, year_list - first] = raw
    n, periods = panel.shape
    longest = horizon + MAX_STALE_YEARS

    schedule = _Schedule(panel, longest)
    final = schedule.final
    forecastable = (final.count >= MIN_POINTS) & (final.last_index >= periods - 1 - MAX_STALE_YEARS)
    if not np.any(forecastable):
        empty = np.full((n, horizon), np.nan)
        return PanelForecast(
            last + 1, empty, empty.copy(), empty.copy(), empty.copy(), empty.copy(), forecastable, None
        )

    chosen = _search(schedule, horizon)
    naive_weight = NAIVE_WEIGHT
    run = _run(schedule, chosen[None, :], longest, naive_weight=naive_weight, collect=True)
    if run.model_loss[0] <= TRUST_MODEL_RATIO * run.loss[0]:
        naive_weight = 0.0
        run = _run(schedule, chosen[None, :], longest, naive_weight=naive_weight, collect=True)
    alpha, beta, phi, kappa, relative = (float(v) for v in chosen)
    widths = _interval_widths(run.errors)

    steps = np.arange(1, horizon + 1, dtype=np.float64)
    # The filter has carried the state of a series whose latest value is older to the panel's last year.
    model = run.level[0][:, None] + np.cumsum(phi**steps)[None, :] * run.trend[0][:, None]
    point = naive_weight * final.last_value[:, None] + (1 - naive_weight) * model
    age = periods - 1 - final.last_index
    effective = np.clip(np.arange(horizon)[None, :] + age[:, None], 0, longest - 1)
    scale = final.scale[:, None]
    half_80 = scale * widths[effective, 0]
    half_95 = scale * widths[effective, 1]
    arrays = (point, point - half_80, point + half_80, point - half_95, point + half_95)
    for array in arrays:
        if lower is not None or upper is not None:
            np.clip(array, lower, upper, out=array)
        array[~forecastable] = np.nan
    return PanelForecast(last + 1, *arrays, forecastable, Parameters(alpha, beta, phi, kappa, relative > 0.5))


@dataclass
class _Step:
    """One year of the panel, as the filter needs it (indices into the series)."""

    first: IntArray  # series observed for the first time
    second: IntArray  # observed for the second time
    second_gap: FloatArray  # years since their first observation
    later: IntArray  # observed for the third time or later
    later_gap: FloatArray  # years since their previous observation
    trended: IntArray  # series with a trend (two observations, the latest recent) after this year
    trended_count: FloatArray  # their observations so far
    positive: IntArray  # positions within ``trended`` of series whose latest value is positive
    y: FloatArray  # the values observed this year, all series (NaN where missing)
    # (h, series, actual, last, scale): the values h years later that score a forecast from this year
    targets: list[tuple[int, IntArray, FloatArray, FloatArray, FloatArray]]


@dataclass
class _Final:
    count: IntArray
    last_index: IntArray
    last_value: FloatArray
    scale: FloatArray


class _Schedule:
    """Everything about a panel that does not depend on the parameters, year by year, computed once."""

    def __init__(self, panel: FloatArray, horizon: int) -> None:
        n, periods = panel.shape
        self.n = n
        self.steps: list[_Step] = []
        count = np.zeros(n, dtype=np.int64)
        last_index = np.full(n, -1, dtype=np.int64)
        last_value = np.zeros(n)
        change_sum = np.zeros(n)
        change_count = np.zeros(n)
        value_sum = np.zeros(n)
        scale = np.ones(n)
        for t in range(periods):
            y = panel[:, t]
            observed = ~np.isnan(y)
            previous = count.copy()
            gap = np.where(observed & (previous >= 1), t - last_index, 0).astype(np.float64)
            changed = gap > 0
            change_sum[changed] += np.abs(y[changed] - last_value[changed]) / gap[changed]
            change_count[changed] += 1
            count = count + observed
            value_sum += np.where(observed, y, 0.0)
            last_index = np.where(observed, t, last_index)
            last_value = np.where(observed, y, last_value)
            scale = _scale(value_sum / np.maximum(count, 1), change_sum, change_count)

            second = np.flatnonzero(observed & (previous == 1))
            trended_mask = (count >= 2) & (last_index >= t - MAX_STALE_YEARS)
            trended = np.flatnonzero(trended_mask)
            origin = observed & (count >= 2)
            targets = []
            for h in range(1, min(horizon, periods - 1 - t) + 1):
                valid = np.flatnonzero(origin & ~np.isnan(panel[:, t + h]))
                if valid.size:
                    targets.append((h, valid, panel[valid, t + h], y[valid], scale[valid]))
            self.steps.append(
                _Step(
                    first=np.flatnonzero(observed & (previous == 0)),
                    second=second,
                    second_gap=gap[second],
                    later=np.flatnonzero(observed & (previous >= 2)),
                    later_gap=gap[observed & (previous >= 2)],
                    trended=trended,
                    trended_count=count[trended].astype(np.float64),
                    positive=np.flatnonzero(last_value[trended] > 0),
                    y=y,
                    targets=targets,
                )
            )
        self.final = _Final(count=count, last_index=last_index, last_value=last_value, scale=scale)


def _scale(mean_level: FloatArray, change_sum: FloatArray, change_count: FloatArray) -> FloatArray:
    """Each series' mean absolute yearly change, shrunk toward the panel's median change relative to the level."""
    has_change = change_count > 0
    own = np.where(has_change, change_sum / np.maximum(change_count, 1), 0.0)
    level = np.abs(mean_level)
    informative = has_change & (level > 0)
    fallback = float(np.median(own[has_change])) if np.any(has_change) else 0.0
    if np.any(informative):
        prior = float(np.median(own[informative] / level[informative])) * level
        prior = np.where(prior > 0, prior, fallback)
    else:
        prior = np.full(own.shape, fallback)
    combined = (own * change_count + SCALE_PRIOR_CHANGES * prior) / (change_count + SCALE_PRIOR_CHANGES)
    # A panel that never changes has no scale: a tiny one keeps scaled errors finite (and its intervals empty).
    return np.where(combined > 0, combined, 1e-9)


def _search(schedule: _Schedule, horizon: int) -> FloatArray:
    """Coordinate search on the grid ``AXES``: from ``START``, score every single-parameter change in one filter run,
    move to the best, until nothing improves. Returns the chosen (alpha, beta, phi, kappa, relative)."""
    losses: dict[tuple[int, ...], float] = {}

    def values(point: tuple[int, ...]) -> list[float]:
        return [AXES[axis][i] for axis, i in enumerate(point)]

    current: tuple[int, ...] = START
    while True:
        candidates = [current] + [
            (*current[:axis], i, *current[axis + 1 :])
            for axis, options in enumerate(AXES)
            for i in range(len(options))
            if i != current[axis]
        ]
        # Without shrinkage (kappa 0) "relative" means nothing: score one of the two.
        candidates = list(dict.fromkeys((*c[:4], 0) if AXES[3][c[3]] == 0 else c for c in candidates))
        fresh = [c for c in candidates if c not in losses]
        if fresh:
            grid = np.array([values(c) for c in fresh])
            run = _run(schedule, grid, horizon, naive_weight=NAIVE_WEIGHT, collect=False)
            losses.update(zip(fresh, run.loss.tolist(), strict=True))
        best = min(candidates, key=lambda c: (losses[c], c))
        if best == current:
            return np.array(values(current))
        current = best


@dataclass
class _Run:
    loss: FloatArray  # C: summed scaled absolute errors of the forecasts issued
    model_loss: FloatArray  # C: the same for the model's forecast alone
    errors: list[list[FloatArray]]  # by horizon, the scaled errors (when collected, C = 1)
    level: FloatArray  # C x n, at the panel's last year
    trend: FloatArray  # C x n, at the panel's last year


def _run(schedule: _Schedule, grid: FloatArray, horizon: int, *, naive_weight: float, collect: bool) -> _Run:
    """Filter every series with each of the C parameter sets of ``grid`` (C x 5) at once, and score the forecasts
    1..``horizon`` years ahead from every origin."""
    n = schedule.n
    alpha, beta, phi, kappa, relative = (grid[:, i : i + 1] for i in range(5))
    shrinking = kappa[:, 0] != 0
    relative_rows = np.flatnonzero(shrinking & (relative[:, 0] > 0.5))
    absolute_rows = np.flatnonzero(shrinking & (relative[:, 0] <= 0.5))
    own_kappa = np.where(np.isinf(kappa), 0.0, kappa)
    panel_only = np.isinf(kappa)
    damped_sums = np.cumsum(np.stack([phi[:, 0] ** h for h in range(1, horizon + 1)]), axis=0)  # horizon x C
    c = grid.shape[0]
    level = np.zeros((c, n))
    trend = np.zeros((c, n))
    loss = np.zeros(c)
    model_loss = np.zeros(c)
    errors: list[list[FloatArray]] = [[] for _ in range(horizon)]

    for step in schedule.steps:
        # One year ahead; a series with a single observation has no trend yet (0).
        level += phi * trend
        trend *= phi
        if step.first.size:
            level[:, step.first] = step.y[step.first]
        if step.second.size:
            trend[:, step.second] = (step.y[step.second] - level[:, step.second]) / step.second_gap
            level[:, step.second] = step.y[step.second]
        if step.later.size:
            error = step.y[step.later] - level[:, step.later]
            level[:, step.later] += alpha * error
            # After a gap the error has built up over several years: the trend learns the change per year.
            trend[:, step.later] += beta * error / step.later_gap

        # The filter keeps each series' own trend (so its level does not lag); its forecasts use the shrunk one.
        shrunk = trend.copy()
        if step.trended.size and shrinking.any():
            own = trend[:, step.trended]
            target = np.zeros_like(own)
            if absolute_rows.size:
                target[absolute_rows] = np.median(own[absolute_rows], axis=1, keepdims=True)
            if relative_rows.size:
                levels = np.maximum(level[np.ix_(relative_rows, step.trended)], 0.0)
                if step.positive.size:
                    ratios = own[np.ix_(relative_rows, step.positive)] / np.maximum(levels[:, step.positive], 1e-12)
                    target[relative_rows] = np.median(ratios, axis=1, keepdims=True) * levels
            m = step.trended_count[None, :]
            weight = np.where(panel_only, 0.0, m / (m + own_kappa))
            shrunk[:, step.trended] = np.where(shrinking[:, None], weight * own + (1.0 - weight) * target, own)

        for h, series, actual, last, scale in step.targets:
            if h > horizon:
                break
            model = level[:, series] + damped_sums[h - 1][:, None] * shrunk[:, series]
            predicted = naive_weight * last + (1 - naive_weight) * model
            scaled = (actual - predicted) / scale
            loss += np.abs(scaled).sum(axis=1)
            if collect:
                model_loss += (np.abs(actual - model) / scale).sum(axis=1)
                errors[h - 1].append(scaled[0])
    return _Run(loss=loss, model_loss=model_loss, errors=errors, level=level, trend=shrunk)


def _interval_widths(errors: list[list[FloatArray]]) -> FloatArray:
    """horizon x 2: the 80th and 95th percentiles of the absolute scaled errors at each horizon, never narrower
    than at a shorter horizon, extrapolated in proportion to the horizon where the panel has too few errors."""
    horizon = len(errors)
    widths = np.zeros((horizon, 2))
    known = 0
    for h in range(horizon):
        pooled = np.abs(np.concatenate(errors[h])) if errors[h] else np.empty(0)
        if pooled.size < MIN_ERRORS_PER_HORIZON:
            break
        widths[h] = np.quantile(pooled, [0.8, 0.95])
        known = h + 1
    if not known:
        # A panel too small for even one horizon: all its errors, per year ahead, grow in proportion.
        per_year = [np.abs(chunk) / (h + 1) for h, chunks in enumerate(errors) for chunk in chunks]
        if per_year:
            widths[0] = np.quantile(np.concatenate(per_year), [0.8, 0.95])
            known = 1
    for h in range(known, horizon):
        widths[h] = widths[known - 1] * (h + 1) / known
    widths[:, 1] = np.maximum(widths[:, 1], widths[:, 0])
    return np.maximum.accumulate(widths, axis=0)
