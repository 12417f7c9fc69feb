"""How the relation between two actors moves: event counts, Goldstein sums and a
relation index with a bootstrap interval, per period.

Only asserted events count: a denied, planned or hypothetical event did not
happen (yet). Events of near-duplicate articles (syndicated copies) are left out. Dyads are unordered and named by their two country codes in
alphabetical order ("ARM-RUS"); events within one country are left out.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Iterable, Literal

import numpy as np

__all__ = ["DyadPoint", "dyad_series", "dyad_of", "country_of"]

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


def dyad_series(events: Iterable[dict[str, Any]], *, by: Period = "month", dyad: str | None = None,
                full_codes: bool = False) -> list[DyadPoint]:
    """Series for every dyad (or one) from event rows as the store returns them."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    wanted = "-".join(sorted(dyad.upper().split("-"))) if dyad else None
    for event in events:
        # A near-duplicate article repeats its original's events: count them once.
        if event.get("modality") != "asserted" or event.get("duplicate_of"):
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
