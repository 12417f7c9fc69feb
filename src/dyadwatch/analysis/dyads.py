"""How the relation between two actors moves: event counts, Goldstein sums and a
relation index with a bootstrap interval, per period.

Only events told as done count, by the writer (asserted) or by a speaker (alleged: "Kyiv
says Russian troops shelled Kharkiv", most reports of force): a denied, planned or
hypothetical event did not happen (yet). Events of near-duplicate articles (syndicated copies) are left out, and
a happening reported by several articles (a stored story, analysis.stories) counts
once: of a story's events with the same dyad and CAMEO root only the most confident
counts. Dyads are unordered and named by their two country codes in alphabetical order
("ARM-RUS"); events within one country are left out. An event counts in the period of
its date, else of its article's; an act told as undated history (date basis "background")
in none.

The store groups and counts (store/aggregates.py); here the intervals and trends are
drawn from the scores it returns.

`dyad_trends` sums a dyad's series up: its index over the whole period with a bootstrap
interval, the slope of the index over periods, and the last period against the one before.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterable, Literal

import numpy as np

__all__ = ["DyadPoint", "DyadTrend", "dyad_series", "series_points", "dyad_trends", "dyad_of", "dyad_name",
           "country_of"]

Period = Literal["day", "week", "month"]

# Codes that name kinds of actor rather than countries (CAMEO's international and
# non-state prefixes): they pair with countries by their full code.
_NON_COUNTRY = ("IGO", "NGO", "MNC", "IMG", "ISM", "UIS", "---")


@dataclass(slots=True)
class DyadPoint:
    dyad: str
    period: str
    events: int
    goldstein_sum: float
    goldstein_mean: float
    cooperation: int  # quad classes 1-2
    conflict: int  # quad classes 3-4
    index: float  # mean Goldstein score: -10 (war) … +10 (union)
    low: float  # 90% bootstrap interval of the index
    high: float


def country_of(code: str | None) -> str | None:
    """The country part of a CAMEO-style actor code; organisations keep their whole code."""
    if not code:
        return None
    if code.startswith(_NON_COUNTRY):
        return code if code[:3] != "---" else None
    return code[:3]


def dyad_of(source: str | None, target: str | None, *, full_codes: bool = False) -> str | None:
    a, b = (source, target) if full_codes else (country_of(source), country_of(target))
    if not a or not b or a == b:
        return None
    return "-".join(sorted((a, b)))


def _bootstrap(scores: np.ndarray, rng: np.random.Generator, *, rounds: int = 1000) -> tuple[float, float]:
    """The 90% interval of the mean over `rounds` resamples. The draws are rng.choice's (the
    same stream), the quantiles numpy's linear ones, computed here: a series has thousands
    of points, and np.quantile's set-up costs more than the arithmetic."""
    if len(scores) == 1:
        return float(scores[0]), float(scores[0])
    samples = scores[rng.integers(0, len(scores), size=(rounds, len(scores)))].sum(axis=1)
    samples /= len(scores)  # the mean, as .mean(axis=1) computes it, without its wrapper
    samples.sort()
    return _quantile(samples, 0.05), _quantile(samples, 0.95)


def _quantile(ordered: np.ndarray, q: float) -> float:
    position = (len(ordered) - 1) * q
    i = int(position)
    t = position - i
    if i + 1 >= len(ordered):
        return float(ordered[i])
    a, b = float(ordered[i]), float(ordered[i + 1])
    return b - (b - a) * (1 - t) if t >= 0.5 else a + (b - a) * t  # numpy's lerp


def dyad_name(dyad: str | None) -> str | None:
    """A dyad as written by a user ("rus-arm") in the form listings use ("ARM-RUS")."""
    return "-".join(sorted(dyad.upper().split("-"))) if dyad else None


def dyad_series(store: Any, *, by: Period = "month", dyad: str | None = None, full_codes: bool = False,
                count_reports: bool = False) -> list[DyadPoint]:
    """Series for every dyad (or one), in dyad and period order; with `count_reports`, every
    report counts (not each happening once)."""
    return series_points(store.dyad_groups(by=by, dyad=dyad_name(dyad), full_codes=full_codes,
                                           count_reports=count_reports))


def series_points(groups: Iterable[dict[str, Any]]) -> list[DyadPoint]:
    """The points of the store's dyad groups (rows of dyad, period, events, cooperation,
    conflict and the Goldstein scores in event order), with their bootstrap intervals."""
    # A fixed seed: the same store gives the same intervals every time.
    rng = np.random.default_rng(20240101)
    points = []
    for row in groups:
        scores = np.array(row["scores"], dtype=float)
        low, high = _bootstrap(scores, rng)
        points.append(DyadPoint(
            dyad=row["dyad"], period=row["period"], events=row["events"],
            goldstein_sum=round(float(scores.sum()), 2), goldstein_mean=round(float(scores.mean()), 3),
            cooperation=row["cooperation"], conflict=row["conflict"],
            index=round(float(scores.mean()), 3), low=round(low, 3), high=round(high, 3)))
    return points


@dataclass(slots=True)
class DyadTrend:
    dyad: str
    first: str  # first and last period with events
    last: str
    periods: int
    events: int
    index: float  # mean Goldstein score over the whole span
    low: float  # its 90% bootstrap interval
    high: float
    slope: float | None  # least-squares change of the index per period step (None: one period)
    previous_period: str | None
    previous_index: float | None
    last_index: float
    change: float | None  # last period's index minus the one before
    # "worse" / "better": the two intervals do not overlap; "steady": they do; "unclear": either
    # period has fewer than 3 events; "single period": nothing to compare with.
    direction: str


def dyad_trends(store: Any, *, by: Period = "month", dyad: str | None = None, full_codes: bool = False,
                count_reports: bool = False, series: list[DyadPoint] | None = None) -> list[DyadTrend]:
    """One summary per dyad: overall index with interval, slope, and last period versus the previous.
    `series`: the `dyad_series` of the same arguments, when the caller has it already."""
    points = series if series is not None else dyad_series(store, by=by, dyad=dyad, full_codes=full_codes,
                                                           count_reports=count_reports)
    scores = store.dyad_scores(dyad=dyad_name(dyad), full_codes=full_codes, count_reports=count_reports)
    by_dyad: dict[str, list[DyadPoint]] = defaultdict(list)
    for point in points:
        by_dyad[point.dyad].append(point)
    rng = np.random.default_rng(20240101)
    trends = []
    for name, series in sorted(by_dyad.items()):
        values = np.array(scores[name])
        low, high = _bootstrap(values, rng)
        slope = None
        if len(series) > 1:
            x = np.arange(len(series), dtype=float)
            y = np.array([p.index for p in series])
            w = np.array([p.events for p in series], dtype=float)
            xm, ym = np.average(x, weights=w), np.average(y, weights=w)
            slope = round(float(np.sum(w * (x - xm) * (y - ym)) / np.sum(w * (x - xm) ** 2)), 3)
        last = series[-1]
        prev = series[-2] if len(series) > 1 else None
        if prev is None:
            direction = "single period"
        elif min(last.events, prev.events) < 3:
            direction = "unclear"
        elif last.high < prev.low:
            direction = "worse"
        elif last.low > prev.high:
            direction = "better"
        else:
            direction = "steady"
        trends.append(DyadTrend(
            dyad=name, first=series[0].period, last=last.period, periods=len(series),
            events=int(len(values)), index=round(float(values.mean()), 3), low=round(low, 3), high=round(high, 3),
            slope=slope, previous_period=prev.period if prev else None,
            previous_index=prev.index if prev else None, last_index=last.index,
            change=round(last.index - prev.index, 3) if prev else None, direction=direction))
    return trends
