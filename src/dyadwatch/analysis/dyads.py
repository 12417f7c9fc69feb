"""How the relation between two actors moves: event counts, Goldstein sums and a
relation index with a bootstrap interval, per period.

Only asserted events count: a denied, planned or hypothetical event did not
happen (yet). Events of near-duplicate articles (syndicated copies) are left out, and
given the stories (analysis.stories), a happening reported by several articles counts
once: of a story's events with the same dyad and CAMEO root only the most confident
counts. Dyads are unordered and named by their two country codes in alphabetical order
("ARM-RUS"); events within one country are left out.

`dyad_trends` sums a dyad's series up: its index over the whole period with a bootstrap
interval, the slope of the index over periods, and the last period against the one before.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Iterable, Literal

import numpy as np

__all__ = ["DyadPoint", "DyadTrend", "dyad_series", "dyad_trends", "dyad_of", "country_of", "repeat_reports"]

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


def _period_of(day: date, by: Period) -> str:
    if by == "day":
        return day.isoformat()
    if by == "week":
        monday = day - timedelta(days=day.weekday())
        return monday.isoformat()
    return f"{day.year:04d}-{day.month:02d}"


def _event_day(event: dict[str, Any]) -> date | None:
    value = event.get("date") or event.get("article_published")
    if not value:
        return None
    return date.fromisoformat(str(value)[:10])


def _bootstrap(scores: np.ndarray, rng: np.random.Generator, *, rounds: int = 1000) -> tuple[float, float]:
    if len(scores) == 1:
        return float(scores[0]), float(scores[0])
    samples = rng.choice(scores, size=(rounds, len(scores)), replace=True).mean(axis=1)
    low, high = np.quantile(samples, [0.05, 0.95])
    return float(low), float(high)


def repeat_reports(events: Iterable[dict[str, Any]], stories: Iterable[Any], *,
                   full_codes: bool = False) -> set[str]:
    """Ids of events that repeat a happening already counted: within each story, all but the
    most confident asserted event of each dyad and CAMEO root."""
    by_id = {e["event_id"]: e for e in events}
    repeats: set[str] = set()
    for story in stories:
        kept: dict[tuple[str | None, str], str] = {}
        members = [by_id[i] for i in story.event_ids if i in by_id and by_id[i].get("modality") == "asserted"]
        for event in sorted(members, key=lambda e: (-float(e.get("confidence") or 0), str(e.get("date") or ""),
                                                    e["event_id"])):
            key = (dyad_of(event.get("source"), event.get("target"), full_codes=full_codes), event["root"])
            if key in kept:
                repeats.add(event["event_id"])
            else:
                kept[key] = event["event_id"]
    return repeats


def dyad_series(events: Iterable[dict[str, Any]], *, by: Period = "month", dyad: str | None = None,
                full_codes: bool = False, stories: Iterable[Any] | None = None) -> list[DyadPoint]:
    """Series for every dyad (or one) from event rows as the store returns them; with
    `stories`, each happening counts once however many articles report it."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    wanted = "-".join(sorted(dyad.upper().split("-"))) if dyad else None
    events = list(events)
    repeats = repeat_reports(events, stories, full_codes=full_codes) if stories is not None else set()
    for event in events:
        # A near-duplicate article repeats its original's events: count them once.
        if event.get("modality") != "asserted" or event.get("duplicate_of") or event.get("event_id") in repeats:
            continue
        name = dyad_of(event.get("source"), event.get("target"), full_codes=full_codes)
        day = _event_day(event)
        if name is None or day is None or (wanted and name != wanted):
            continue
        groups[(name, _period_of(day, by))].append(event)
    # A fixed seed: the same store gives the same intervals every time.
    rng = np.random.default_rng(20240101)
    points = []
    for (name, period), rows in sorted(groups.items()):
        scores = np.array([float(r["goldstein"]) for r in rows])
        low, high = _bootstrap(scores, rng)
        points.append(DyadPoint(
            dyad=name, period=period, events=len(rows),
            goldstein_sum=round(float(scores.sum()), 2), goldstein_mean=round(float(scores.mean()), 3),
            cooperation=sum(1 for r in rows if int(r["quad_class"]) <= 2),
            conflict=sum(1 for r in rows if int(r["quad_class"]) >= 3),
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


def dyad_trends(events: Iterable[dict[str, Any]], *, by: Period = "month", dyad: str | None = None,
                full_codes: bool = False, stories: Iterable[Any] | None = None) -> list[DyadTrend]:
    """One summary per dyad: overall index with interval, slope, and last period versus the previous."""
    events = list(events)
    stories = list(stories) if stories is not None else None
    points = dyad_series(events, by=by, dyad=dyad, full_codes=full_codes, stories=stories)
    repeats = repeat_reports(events, stories, full_codes=full_codes) if stories is not None else set()
    scores: dict[str, list[float]] = defaultdict(list)
    for event in events:
        if event.get("modality") != "asserted" or event.get("duplicate_of") or event.get("event_id") in repeats:
            continue
        name = dyad_of(event.get("source"), event.get("target"), full_codes=full_codes)
        if name and _event_day(event):
            scores[name].append(float(event["goldstein"]))
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
