"""What the dashboard shows, read from a store opened read-only.

The store cannot change while the server holds it (DuckDB lets no other process
write a file that a read-only connection has open), so everything derived from it
(dyad series, the network, stories) is computed once on first use and kept.
Every query is parameterised; each call gets its own cursor, so request threads
never share one.
"""
from __future__ import annotations

import copy
import threading
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import Any, Sequence

from ..analysis import (DyadPoint, dyad_of, dyad_series, dyad_trends, repeat_reports, safe_url, source_label,
                        stories_from_store)
from ..analysis.dyads import country_of
from ..records import Story, to_dict
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
        self._lock = threading.RLock()
        self._cache: dict[tuple, Any] = {}
        self._store_lock = threading.Lock()  # only for work on `store.con` itself (not a cursor)

    def close(self) -> None:
        self.store.close()

    def warm(self) -> None:
        """Compute the cached analyses now (the server calls this at start-up)."""
        self.dyads()
        self.network()

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
        rows = self.rows(
            f"SELECT {', '.join('a.' + c for c in ARTICLE_FIELDS)}, "
            "(SELECT count(*) FROM events e WHERE e.article_id = a.article_id) AS events "
            f"FROM articles a {where} ORDER BY a.published DESC NULLS LAST, a.path LIMIT ? OFFSET ?",
            [*params, limit, offset])
        return [{**row, "source": source_label(row)} for row in rows]

    def article_count(self) -> int:
        return self.rows("SELECT count(*) AS n FROM articles")[0]["n"]

    def article(self, article_id: str) -> dict[str, Any] | None:
        found = self.rows(f"SELECT {', '.join(ARTICLE_FIELDS)}, body, removed FROM articles WHERE article_id = ?",
                          [article_id])
        if not found:
            return None
        article = found[0]
        article["source"] = source_label(article)
        article["link"] = safe_url(article["url"])  # only http(s) becomes a link: no javascript: URLs
        article["removed"] = list(article["removed"] or [])
        article["events"] = self.rows(
            f"SELECT {', '.join(_EVENT_FIELDS)} FROM events WHERE article_id = ? "
            "ORDER BY char_start, char_end, code, event_id", [article_id])
        return article

    def titles(self, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        if not article_ids:
            return {}
        return {r["article_id"]: {**r, "source": source_label(r)} for r in self.rows(
            "SELECT article_id, title, outlet, url, path, published FROM articles WHERE list_contains(?, article_id)",
            [list(article_ids)])}

    def sentence_index(self, article_id: str, text: str) -> int | None:
        """Where a sentence sits in its article (None if the text is not one stored sentence)."""
        found = self.rows("SELECT min(sentence_index) AS i FROM sentences WHERE article_id = ? AND text = ?",
                          [article_id, text])
        return found[0]["i"] if found else None

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
            f"a.published AS article_published, a.duplicate_of, a.url AS article_url, a.path AS article_path "
            "FROM events e JOIN articles a USING (article_id) "
            f"{clause} ORDER BY coalesce(e.date, CAST(a.published AS DATE)) DESC NULLS LAST, e.article_id, "
            "e.char_start, e.code, e.event_id", params)
        if where.dyad:
            rows = [r for r in rows if dyad_of(r["source"], r["target"]) == where.dyad]
        for row in rows:  # who reported it: the outlet, else the URL's domain, else the file name
            row["reported_by"] = source_label({"outlet": row["outlet"], "url": row.pop("article_url"),
                                               "path": row.pop("article_path")})
        return rows[offset:offset + limit] if limit is not None else rows[offset:]

    @cached_property
    def all_events(self) -> list[dict[str, Any]]:
        return self.events()

    @cached_property
    def actor_codes(self) -> list[str]:
        return sorted({c for e in self.all_events for c in (e["source"], e["target"]) if c})

    # -- dyads -----------------------------------------------------------------

    @cached_property
    def repeats(self) -> set[str]:
        """Events that repeat a happening another report of the same story already counts."""
        return repeat_reports(self.all_events, self.story_records)

    def counts(self, event: dict[str, Any]) -> bool:
        """Whether the dyad series counts this event (as `dyad_series` with stories decides)."""
        return counts_in_series(event) and event["event_id"] not in self.repeats

    def series(self, *, by: str = "month", dyad: str | None = None) -> list[DyadPoint]:
        return dyad_series(self.all_events, by=by, dyad=dyad, stories=self.story_records)

    def dyads(self, *, by: str = "month") -> list[dict[str, Any]]:
        """Each dyad with its series and trend, busiest first; each happening counts once."""
        return self._memo(("dyads", by), lambda: self._dyads(by))

    def _memo(self, key: tuple, compute) -> Any:
        """Computed once per key (the store cannot change under us); callers get their own copy."""
        with self._lock:
            if key not in self._cache:
                self._cache[key] = compute()
            return copy.deepcopy(self._cache[key])

    def _dyads(self, by: str) -> list[dict[str, Any]]:
        grouped: dict[str, list[DyadPoint]] = defaultdict(list)
        for point in self.series(by=by):
            grouped[point.dyad].append(point)
        out = []
        for trend in dyad_trends(self.all_events, by=by, stories=self.story_records):
            points = grouped[trend.dyad]
            out.append({**asdict(trend), "cooperation": sum(p.cooperation for p in points),
                        "conflict": sum(p.conflict for p in points), "latest": asdict(points[-1]),
                        "series": [asdict(p) for p in points]})
        out.sort(key=lambda d: (-d["events"], d["dyad"]))
        return out

    # -- stories ---------------------------------------------------------------

    @cached_property
    def story_records(self) -> list[Story]:
        with self._store_lock:  # runs on the store's own connection: one thread at a time
            return stories_from_store(self.store)

    @cached_property
    def stories(self) -> list[dict[str, Any]]:
        """Stories across outlets, contested ones first, then the latest.

        Rows follow the `dyadwatch stories` contract: {story_id, title, dyad, date,
        article_ids, event_ids, outlets, contested, contradictions}."""
        rows = [to_dict(story) for story in self.story_records]
        rows.sort(key=lambda s: (str(s.get("date") or ""), str(s.get("story_id"))), reverse=True)
        # Stable sorts: contested, then reported by several articles, then single reports; latest first in each.
        rows.sort(key=lambda s: (not s.get("contested"), len(s.get("article_ids") or []) < 2))
        return rows

    def story(self, story_id: str) -> dict[str, Any] | None:
        return next((s for s in self.stories if str(s["story_id"]) == story_id), None)

    def events_by_id(self, event_ids: Sequence[str]) -> list[dict[str, Any]]:
        if not event_ids:
            return []
        return self.rows(
            f"SELECT {', '.join('e.' + c for c in _EVENT_FIELDS)}, a.outlet, a.title AS article_title, "
            "a.published AS article_published, a.duplicate_of FROM events e JOIN articles a USING (article_id) "
            "WHERE list_contains(?, e.event_id) ORDER BY e.article_id, e.sentence_index, e.char_start, e.event_id",
            [list(event_ids)])

    # -- network ---------------------------------------------------------------

    def network(self, *, level: str = "country") -> dict[str, Any]:
        """Actors as nodes, relations as edges: asserted events between two actors, mean Goldstein as tone."""
        return self._memo(("network", level), lambda: self._network(level))

    def _network(self, level: str) -> dict[str, Any]:
        edges: dict[tuple[str, str], list[float]] = defaultdict(list)
        weight: dict[str, int] = defaultdict(int)
        for event in self.all_events:
            if not self.counts(event):
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
