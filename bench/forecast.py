"""The forecast benchmark (bench/README.md, "Prognoser"): hold out the last three years of every shared key figure,
forecast every municipality's series with naive, drift, statsforecast's AutoETS and Knutpunkt's panel method, and
print accuracy, interval coverage and wall time side by side.

Reads the committed CSVs in knutpunkt/data/kolada directly (no database). statsforecast is a benchmark-only
dependency (the `bench` extra); the application never imports it.

Rules, the same for every method:
- Hold-out: the panel's last three years (for nearly every key figure 2020–2022), one forecast origin for all
  series, as in production where every municipality is forecast from the same publication.
- A series is evaluated when it has at least 4 observed years before the hold-out, its latest no more than 2 years
  before it, and at least one observed year in the hold-out. A series whose last observation is 1–2 years before
  the hold-out is forecast further ahead, so every method is scored on the same years.
- Naive, drift and AutoETS see each training series with internal gaps interpolated linearly (they assume
  consecutive years); Knutpunkt's method reads the gaps as missing years. All forecasts are clipped to the
  indicator's bounds, as in production (forecasting.bounds: 0–100 for shares, at least 0 when no training value is
  negative).
- MASE: absolute error divided by the series' in-sample mean absolute one-year change (naive one-step MAE); series
  whose training values never change are left out of MASE and MSIS. sMAPE in percent (0 when value and forecast
  are both 0). Both averaged per series, then over series. Coverage: share of hold-out values inside the interval.
  MSIS: the scaled 95 % interval score of the M4 competition (width plus 40 x the miss, over the MASE scale):
  lower is better, and it punishes intervals that are too narrow as well as too wide.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knutpunkt.indicators import forecasting  # noqa: E402

DATA = ROOT / "knutpunkt" / "data" / "kolada"
HOLDOUT = 3
MIN_TRAIN = 4
ETS_MIN = 7  # statsforecast's ETS refuses series shorter than this ("tiny datasets") and falls back to naive
Z80, Z95 = 1.2815515655446004, 1.959963984540054

FloatArray = npt.NDArray[np.float64]


@dataclass
class Panel:
    code: str
    title: str
    lower: float | None
    upper: float | None
    train_years: npt.NDArray[np.int64]
    train: FloatArray  # n x len(train_years), NaN for missing
    test_years: npt.NDArray[np.int64]
    test: FloatArray  # n x HOLDOUT
    geos: list[str]


@dataclass
class Result:
    """Forecasts of every evaluated series for the hold-out years (n x HOLDOUT), per key figure."""

    point: dict[str, FloatArray] = field(default_factory=dict)
    low_80: dict[str, FloatArray] = field(default_factory=dict)
    high_80: dict[str, FloatArray] = field(default_factory=dict)
    low_95: dict[str, FloatArray] = field(default_factory=dict)
    high_95: dict[str, FloatArray] = field(default_factory=dict)
    seconds: float = 0.0


def say(*parts: object, flush: bool = False) -> None:
    sys.stdout.write(" ".join(str(part) for part in parts) + "\n")
    if flush:
        sys.stdout.flush()


def load_panels(until: int | None = None) -> tuple[list[Panel], list[str]]:
    titles = {row["concept"]: row["name"] for row in csv.DictReader((DATA / "kpis.csv").open(encoding="utf-8"))}
    panels: list[Panel] = []
    skipped: list[str] = []
    for path in sorted((DATA / "kpi").glob("*.csv")):
        code = path.stem
        by_geo: dict[str, dict[int, float]] = {}
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if len(row["geo"]) == 4 and row[code] != "" and (until is None or int(row["year"]) <= until):
                    by_geo.setdefault(row["geo"], {})[int(row["year"])] = float(row[code])
        years = sorted({year for series in by_geo.values() for year in series})
        if len(years) < HOLDOUT + MIN_TRAIN:
            skipped.append(f"{code} ({len(years)} year{'' if len(years) == 1 else 's'} of data)")
            continue
        grid = np.arange(years[0], years[-1] + 1)
        geos = sorted(by_geo)
        matrix = np.full((len(geos), grid.size), np.nan)
        for i, geo in enumerate(geos):
            for year, value in by_geo[geo].items():
                matrix[i, year - years[0]] = value
        train, test = matrix[:, :-HOLDOUT], matrix[:, -HOLDOUT:]
        counts = np.sum(~np.isnan(train), axis=1)
        last = np.array([np.flatnonzero(~np.isnan(row)).max(initial=-1) for row in train])
        fresh = last >= train.shape[1] - 1 - forecasting.MAX_STALE_YEARS
        keep = (counts >= MIN_TRAIN) & fresh & np.any(~np.isnan(test), axis=1)
        if not np.any(keep):
            skipped.append(f"{code} (no series with {MIN_TRAIN} training years)")
            continue
        title = titles.get(code, code)
        # Indicator.is_share's rule: Kolada's titles of shares end in "andel (%)".
        lower, upper = forecasting.bounds(train, "(%)" in title)
        panels.append(
            Panel(
                code=code,
                title=title,
                lower=lower,
                upper=upper,
                train_years=grid[:-HOLDOUT],
                train=train[keep],
                test_years=grid[-HOLDOUT:],
                test=test[keep],
                geos=[geo for geo, k in zip(geos, keep, strict=True) if k],
            )
        )
    return panels, skipped


def interpolated(row: FloatArray) -> FloatArray:
    """The observed stretch of a training series, internal gaps filled linearly."""
    index = np.flatnonzero(~np.isnan(row))
    span = np.arange(index[0], index[-1] + 1)
    return np.interp(span, index, row[index])


def offsets(panel: Panel) -> npt.NDArray[np.int64]:
    """Years between each series' last training observation and the panel's last training year."""
    last = np.array([np.flatnonzero(~np.isnan(row)).max() for row in panel.train], dtype=np.int64)
    result: npt.NDArray[np.int64] = panel.train.shape[1] - 1 - last
    return result


def clip(result: Result, panel: Panel) -> None:
    if panel.lower is None and panel.upper is None:
        return
    for table in (result.point, result.low_80, result.high_80, result.low_95, result.high_95):
        np.clip(table[panel.code], panel.lower, panel.upper, out=table[panel.code])


def simple_method(panels: list[Panel], drift: bool) -> Result:
    result = Result()
    started = time.perf_counter()
    for panel in panels:
        n = panel.train.shape[0]
        out = {name: np.zeros((n, HOLDOUT)) for name in ("p", "l80", "h80", "l95", "h95")}
        for i, (row, offset) in enumerate(zip(panel.train, offsets(panel), strict=True)):
            series = interpolated(row)
            changes = np.diff(series)
            steps = np.arange(offset + 1, offset + HOLDOUT + 1, dtype=np.float64)
            if drift:
                slope = (series[-1] - series[0]) / (series.size - 1)
                residuals = changes - slope
                sigma = np.sqrt(np.sum(residuals**2) / max(residuals.size - 1, 1))
                point = series[-1] + slope * steps
                spread = sigma * np.sqrt(steps * (1 + steps / (series.size - 1)))
            else:
                sigma = np.sqrt(np.mean(changes**2))
                point = np.full(HOLDOUT, series[-1])
                spread = sigma * np.sqrt(steps)
            out["p"][i] = point
            out["l80"][i], out["h80"][i] = point - Z80 * spread, point + Z80 * spread
            out["l95"][i], out["h95"][i] = point - Z95 * spread, point + Z95 * spread
        result.point[panel.code], result.low_80[panel.code], result.high_80[panel.code] = (
            out["p"],
            out["l80"],
            out["h80"],
        )
        result.low_95[panel.code], result.high_95[panel.code] = out["l95"], out["h95"]
        clip(result, panel)
    result.seconds = time.perf_counter() - started
    return result


def knutpunkt_method(panels: list[Panel]) -> Result:
    result = Result()
    started = time.perf_counter()
    for panel in panels:
        forecast = forecasting.forecast_panel(
            panel.train_years, panel.train, HOLDOUT, lower=panel.lower, upper=panel.upper
        )
        result.point[panel.code] = forecast.point
        result.low_80[panel.code], result.high_80[panel.code] = forecast.low_80, forecast.high_80
        result.low_95[panel.code], result.high_95[panel.code] = forecast.low_95, forecast.high_95
    result.seconds = time.perf_counter() - started
    return result


def autoets_method(panels: list[Panel], jobs: int) -> Result:
    # Imported here: only this benchmark needs them (the `bench` extra).
    import pandas as pd  # type: ignore[import-untyped]
    from statsforecast import StatsForecast
    from statsforecast.models import AutoETS, Naive

    rows: list[tuple[str, int, float]] = []
    for panel in panels:
        for geo, row in zip(panel.geos, panel.train, strict=True):
            series = interpolated(row)
            rows.extend((f"{panel.code}:{geo}", k, float(v)) for k, v in enumerate(series))
    frame = pd.DataFrame(rows, columns=["unique_id", "ds", "y"])
    model = StatsForecast(models=[AutoETS(season_length=1)], freq=1, n_jobs=jobs, fallback_model=Naive())
    horizon = HOLDOUT + 2
    with warnings.catch_warnings():
        # statsforecast warns about a division by zero when an ETS model fits a short series exactly.
        warnings.simplefilter("ignore")
        # Compile numba's code before the clock starts: the comparison is of forecasting, not of compiling.
        model.forecast(df=frame[frame["unique_id"] == frame["unique_id"].iloc[0]], h=1, level=[80, 95])
        started = time.perf_counter()
        forecast = model.forecast(df=frame, h=horizon, level=[80, 95])
        seconds = time.perf_counter() - started
    columns = {"p": "AutoETS", "l80": "AutoETS-lo-80", "h80": "AutoETS-hi-80", "l95": "AutoETS-lo-95"}
    columns["h95"] = "AutoETS-hi-95"
    forecast = forecast.sort_values(["unique_id", "ds"])
    by_id = dict(iter(forecast.groupby("unique_id", sort=False)))
    result = Result(seconds=seconds)
    for panel in panels:
        tables = {name: np.zeros((len(panel.geos), HOLDOUT)) for name in columns}
        for i, (geo, offset) in enumerate(zip(panel.geos, offsets(panel), strict=True)):
            group = by_id[f"{panel.code}:{geo}"]
            for name, column in columns.items():
                tables[name][i] = group[column].to_numpy()[offset : offset + HOLDOUT]
        result.point[panel.code], result.low_80[panel.code] = tables["p"], tables["l80"]
        result.high_80[panel.code], result.low_95[panel.code], result.high_95[panel.code] = (
            tables["h80"],
            tables["l95"],
            tables["h95"],
        )
        clip(result, panel)
    return result


@dataclass
class Scores:
    mase: list[float] = field(default_factory=list)
    smape: list[float] = field(default_factory=list)
    msis: list[float] = field(default_factory=list)
    inside_80: int = 0
    inside_95: int = 0
    points: int = 0
    series: int = 0

    def add(self, other: Scores) -> None:
        self.mase += other.mase
        self.smape += other.smape
        self.msis += other.msis
        self.inside_80 += other.inside_80
        self.inside_95 += other.inside_95
        self.points += other.points
        self.series += other.series


def training_scale(row: FloatArray) -> float:
    """The in-sample naive one-step MAE: mean absolute change between consecutive observed years."""
    consecutive = np.abs(np.diff(row))
    consecutive = consecutive[~np.isnan(consecutive)]
    if consecutive.size:
        return float(np.mean(consecutive))
    return float(np.mean(np.abs(np.diff(interpolated(row)))))


def score(
    panel: Panel, result: Result, series_filter: Callable[[int], bool], horizons: tuple[int, ...] = (0, 1, 2)
) -> Scores:
    scores = Scores()
    code = panel.code
    for i in range(panel.train.shape[0]):
        if not series_filter(i):
            continue
        actual = panel.test[i, list(horizons)]
        seen = ~np.isnan(actual)
        if not np.any(seen):
            continue
        actual = actual[seen]
        columns = np.array(horizons)[seen]
        point = result.point[code][i, columns]
        low_80, high_80 = result.low_80[code][i, columns], result.high_80[code][i, columns]
        low_95, high_95 = result.low_95[code][i, columns], result.high_95[code][i, columns]
        error = np.abs(actual - point)
        denominator = np.abs(actual) + np.abs(point)
        smape = np.where(denominator > 0, 200 * error / np.where(denominator > 0, denominator, 1), 0.0)
        scores.smape.append(float(np.mean(smape)))
        scale = training_scale(panel.train[i])
        if scale > 0:
            scores.mase.append(float(np.mean(error)) / scale)
            penalty = 2 / 0.05 * (np.maximum(low_95 - actual, 0) + np.maximum(actual - high_95, 0))
            scores.msis.append(float(np.mean(high_95 - low_95 + penalty)) / scale)
        scores.inside_80 += int(np.sum((actual >= low_80) & (actual <= high_80)))
        scores.inside_95 += int(np.sum((actual >= low_95) & (actual <= high_95)))
        scores.points += int(actual.size)
        scores.series += 1
    return scores


def table(rows: list[tuple[str, str, Scores, float | None]]) -> str:
    header = (
        f"{'series':<22} {'method':<10} {'MASE':>6} {'sMAPE %':>8} {'cover 80':>9} {'cover 95':>9} "
        f"{'MSIS 95':>8} {'seconds':>8} {'series':>7}"
    )
    lines = [header, "-" * len(header)]
    for label, method, scores, seconds in rows:
        seconds_text = f"{seconds:8.2f}" if seconds is not None else f"{'':>8}"
        lines.append(
            f"{label:<22} {method:<10} {np.mean(scores.mase):6.3f} {np.mean(scores.smape):8.2f} "
            f"{100 * scores.inside_80 / scores.points:8.1f}% {100 * scores.inside_95 / scores.points:8.1f}% "
            f"{np.mean(scores.msis):8.2f} {seconds_text} {scores.series:>7}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--by-horizon", action="store_true", help="also print the scores per horizon (1, 2, 3 years)")
    parser.add_argument("--by-indicator", action="store_true", help="also print MASE and coverage per key figure")
    parser.add_argument("--jobs", type=int, default=1, help="processes for AutoETS (default 1, like the others)")
    parser.add_argument(
        "--until", type=int, default=None, help="use only the years up to this one (an earlier hold-out period)"
    )
    args = parser.parse_args()

    panels, skipped = load_panels(args.until)
    n_series = sum(panel.train.shape[0] for panel in panels)
    holdout_years = sorted({int(year) for panel in panels for year in panel.test_years})
    say(
        f"{len(panels)} key figures, {n_series} municipality series; hold-out: the last {HOLDOUT} years of each "
        f"key figure ({', '.join(map(str, holdout_years))}). Knutpunkt's method: {forecasting.METHOD}."
    )
    if skipped:
        say(f"Not evaluated (fewer than {MIN_TRAIN} years before the hold-out): " + ", ".join(skipped))
    methods: dict[str, Result] = {}
    methods["naive"] = simple_method(panels, drift=False)
    methods["drift"] = simple_method(panels, drift=True)
    say("Running AutoETS on every series at once ...", flush=True)
    methods["AutoETS"] = autoets_method(panels, args.jobs)
    methods["Knutpunkt"] = knutpunkt_method(panels)

    def long_enough(panel: Panel) -> Callable[[int], bool]:
        lengths = [interpolated(row).size for row in panel.train]
        return lambda i: lengths[i] >= ETS_MIN

    rows: list[tuple[str, str, Scores, float | None]] = []
    for label, chooser in (("all", None), (f">= {ETS_MIN} training years", long_enough)):
        for name, result in methods.items():
            total = Scores()
            for panel in panels:
                series_filter = chooser(panel) if chooser else (lambda i: True)
                total.add(score(panel, result, series_filter))
            rows.append((label, name, total, result.seconds if chooser is None else None))
    say()
    say(table(rows))
    say(
        f"\nSeries shorter than {ETS_MIN} years are forecast by statsforecast's naive fallback in the AutoETS rows. "
        "Seconds: all series of all key figures, one process."
    )

    if args.by_horizon:
        say()
        horizon_rows: list[tuple[str, str, Scores, float | None]] = []
        for h in range(HOLDOUT):
            for name, result in methods.items():
                total = Scores()
                for panel in panels:
                    total.add(score(panel, result, lambda i: True, horizons=(h,)))
                horizon_rows.append((f"horizon {h + 1}", name, total, None))
        say(table(horizon_rows))
    if args.by_indicator:
        say()
        say(f"{'key figure':<10} " + " ".join(f"{name + ' MASE/80/95':>24}" for name in methods))
        for panel in panels:
            cells = []
            for result in methods.values():
                s = score(panel, result, lambda i: True)
                cells.append(
                    f"{np.mean(s.mase):8.3f} {100 * s.inside_80 / s.points:6.1f} {100 * s.inside_95 / s.points:6.1f}"
                )
                cells[-1] = f"{cells[-1]:>24}"
            say(f"{panel.code:<10} " + " ".join(cells))


if __name__ == "__main__":
    main()
