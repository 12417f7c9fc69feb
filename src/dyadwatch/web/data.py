"""What the dashboard shows, read from a store opened read-only.

The store cannot change while the server holds it (DuckDB lets no other process
write a file that a read-only connection has open), so everything derived from it
(dyad series, the network, stories) is computed once on first use and kept.
Every query is parameterised; each call gets its own cursor, so request threads
never share one.
"""
from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import Any, Sequence

from ..analysis import DyadPoint, dyad_of, dyad_series
from ..analysis.dyads import country_of
from ..store import Store

__all__ = ["Dashboard", "EventFilter", "ARTICLE_FIELDS", "period_of", "counts_in_series"]

ARTICLE_FIELDS = ("article_id", "path", "outlet", "url", "title", "author", "published", "language",
                  "duplicate_of")
_EVENT_FIELDS = ("event_id", "article_id", "sentence_index", "char_start", "char_end", "evidence", "date",
                 "date_precision", "date_basis", "source", "target", "source_text", "target_text", "code",
                 "root", "quad_class", "goldstein", "plover", "modality", "speaker", "confidence", "rule")


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Filters of the event listing; every field is optional. Values arrive validated."""

    dyad: str | None = None  # "ARM-RUS" (countries, any order)
    actor: str | None = None  # a code or its prefix: "ARM" matches ARMGOV
    root: str | None = None  # CAMEO root "04"
    code: str | None = None  # CAMEO code or prefix "04", "042"
    outlet: str | None = None
    modality: str | None = None
    since: date | None = None
    until: date | None = None

    def sql(self) -> tuple[str, list[Any]]:
        """WHERE clause and parameters (the dyad is checked in Python: it needs country_of)."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.actor:
            clauses.append("(starts_with(e.source, ?) OR starts_with(e.target, ?))")
            params += [self.actor, self.actor]
        if self.root:
            clauses.append("e.root = ?")
            params.append(self.root)
        if self.code:
            clauses.append("starts_with(e.code, ?)")
            params.append(self.code)
        if self.outlet:
            clauses.append("a.outlet = ?")
            params.append(self.outlet)
        if self.modality:
            clauses.append("e.modality = ?")
            params.append(self.modality)
        day = "coalesce(e.date, CAST(a.published AS DATE))"
        if self.since:
            clauses.append(f"{day} >= ?")
            params.append(self.since)
        if self.until:
            clauses.append(f"{day} <= ?")
            params.append(self.until)
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


class Dashboard:
    """Read-only queries and cached analyses over one store."""

    def __init__(self, db: str | Path) -> None:
        self.db = Path(db)
        self.store = Store(self.db, read_only=True)
        self._lock = threading.Lock()

    def close(self) -> None:
        self.store.close()

    # -- plumbing --------------------------------------------------------------

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.store.con.cursor()
        try:
            result = cursor.execute(sql, list(params))
            names = [d[0] for d in result.description]
            return [{n: _plain(v) for n, v in zip(names, row)} for row in result.fetchall()]
        finally:
            cursor.close()

    # -- articles --------------------------------------------------------------

    def articles(self, *, outlet: str | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        where, params = ("WHERE a.outlet = ?", [outlet]) if outlet else ("", [])
        return self.rows(
            f"SELECT {', '.join('a.' + c for c in ARTICLE_FIELDS)}, "
            "(SELECT count(*) FROM events e WHERE e.article_id = a.article_id) AS events "
            f"FROM articles a {where} ORDER BY a.published DESC NULLS LAST, a.path LIMIT ? OFFSET ?",
            [*params, limit, offset])

    def article_count(self) -> int:
        return self.rows("SELECT count(*) AS n FROM articles")[0]["n"]

    def article(self, article_id: str) -> dict[str, Any] | None:
        found = self.rows(f"SELECT {', '.join(ARTICLE_FIELDS)}, body, removed FROM articles WHERE article_id = ?",
                          [article_id])
        if not found:
            return None
        article = found[0]
        article["removed"] = list(article["removed"] or [])
        article["events"] = self.rows(
            f"SELECT {', '.join(_EVENT_FIELDS)} FROM events WHERE article_id = ? "
            "ORDER BY char_start, char_end, code, event_id", [article_id])
        return article

    def titles(self, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        if not article_ids:
            return {}
        return {r["article_id"]: r for r in self.rows(
            "SELECT article_id, title, outlet, published FROM articles WHERE list_contains(?, article_id)",
            [list(article_ids)])}

    @cached_property
    def outlets(self) -> list[str]:
        return [r["outlet"] for r in self.rows(
            "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY outlet")]

    # -- events ----------------------------------------------------------------

    def events(self, where: EventFilter = EventFilter(), *, limit: int | None = None,
               offset: int = 0) -> list[dict[str, Any]]:
        clause, params = where.sql()
        rows = self.rows(
            f"SELECT {', '.join('e.' + c for c in _EVENT_FIELDS)}, a.outlet, a.title AS article_title, "
            f"a.published AS article_published, a.duplicate_of FROM events e JOIN articles a USING (article_id) "
            f"{clause} ORDER BY coalesce(e.date, CAST(a.published AS DATE)) DESC NULLS LAST, e.article_id, "
            "e.char_start, e.code, e.event_id", params)
        if where.dyad:
            rows = [r for r in rows if dyad_of(r["source"], r["target"]) == where.dyad]
        return rows[offset:offset + limit] if limit is not None else rows[offset:]

    @cached_property
    def all_events(self) -> list[dict[str, Any]]:
        return self.events()

    @cached_property
    def actor_codes(self) -> list[str]:
        return sorted({c for e in self.all_events for c in (e["source"], e["target"]) if c})

    # -- dyads -----------------------------------------------------------------

    def series(self, *, by: str = "month", dyad: str | None = None) -> list[DyadPoint]:
        return dyad_series(self.all_events, by=by, dyad=dyad)

    def dyads(self, *, by: str = "month") -> list[dict[str, Any]]:
        """Each dyad with its series, overall index and trend (last period against the one before)."""
        grouped: dict[str, list[DyadPoint]] = defaultdict(list)
        for point in self.series(by=by):
            grouped[point.dyad].append(point)
        out = []
        for name, points in grouped.items():
            total = sum(p.events for p in points)
            mean = sum(p.index * p.events for p in points) / total
            change = round(points[-1].index - points[-2].index, 3) if len(points) > 1 else None
            out.append({"dyad": name, "events": total, "index": round(mean, 3),
                        "cooperation": sum(p.cooperation for p in points),
                        "conflict": sum(p.conflict for p in points),
                        "latest": asdict(points[-1]), "change": change,
                        "trend": "flat" if change is None or abs(change) < 0.5 else ("up" if change > 0 else "down"),
                        "series": [asdict(p) for p in points]})
        out.sort(key=lambda d: (-d["events"], d["dyad"]))
        return out

    # -- stories ---------------------------------------------------------------

    @cached_property
    def stories(self) -> list[dict[str, Any]]:
        """Stories across outlets, contested ones first, then the latest.

        Rows follow the `dyadwatch stories` contract: {story_id, title, dyad, date,
        article_ids, event_ids, outlets, contested, contradictions}."""
        rows = _find_stories(self.store)
        rows.sort(key=lambda s: (str(s.get("date") or ""), str(s.get("story_id"))), reverse=True)
        rows.sort(key=lambda s: not s.get("contested"))  # stable: latest first within each group
        return rows

    def story(self, story_id: str) -> dict[str, Any] | None:
        return next((s for s in self.stories if str(s["story_id"]) == story_id), None)

    def events_by_id(self, event_ids: Sequence[str]) -> list[dict[str, Any]]:
        if not event_ids:
            return []
        return self.rows(
            f"SELECT {', '.join('e.' + c for c in _EVENT_FIELDS)}, a.outlet, a.title AS article_title, "
            "a.published AS article_published FROM events e JOIN articles a USING (article_id) "
            "WHERE list_contains(?, e.event_id) ORDER BY e.article_id, e.char_start, e.event_id", [list(event_ids)])

    # -- network ---------------------------------------------------------------

    def network(self, *, level: str = "country") -> dict[str, Any]:
        """Actors as nodes, relations as edges: asserted events between two actors, mean Goldstein as tone."""
        edges: dict[tuple[str, str], list[float]] = defaultdict(list)
        weight: dict[str, int] = defaultdict(int)
        for event in self.all_events:
            if not counts_in_series(event):
                continue
            a, b = event["source"], event["target"]
            if level == "country":
                a, b = country_of(a), country_of(b)
            if not a or not b or a == b:
                continue
            key = tuple(sorted((a, b)))
            edges[key].append(float(event["goldstein"]))
            weight[a] += 1
            weight[b] += 1
        return {
            "level": level,
            "nodes": [{"id": n, "events": c} for n, c in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))],
            "edges": [{"a": a, "b": b, "events": len(s), "tone": round(sum(s) / len(s), 3)}
                      for (a, b), s in sorted(edges.items())],
        }


def period_of(event: dict[str, Any], *, by: str) -> str | None:
    """The period an event counts in, bucketed as `dyad_series` does: the event's date,
    else its article's publication date; a week is named by its Monday."""
    value = event.get("date") or event.get("article_published")
    if not value:
        return None
    day = date.fromisoformat(str(value)[:10])
    if by == "day":
        return day.isoformat()
    if by == "week":
        return date.fromordinal(day.toordinal() - day.weekday()).isoformat()
    return f"{day.year:04d}-{day.month:02d}"


def counts_in_series(event: dict[str, Any]) -> bool:
    """Whether the dyad series counts this event (asserted, not from a near-duplicate copy)."""
    return event["modality"] == "asserted" and not event.get("duplicate_of")


def _find_stories(store: Store) -> list[dict[str, Any]]:
    """Stories from `analysis.stories` when that module is present; none otherwise."""
    try:
        from ..analysis import stories as module
    except ImportError:
        return []
    return [dict(row) for row in module.find_stories(store)]
