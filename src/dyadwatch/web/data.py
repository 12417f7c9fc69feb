"""What the dashboard shows, read from a store opened read-only.

Stories, framing and what the dyad series count are kept in the store by `process`
(analysis.update); a page reads them with one query each and lists one page of rows.
The store cannot change while the server holds it (DuckDB lets no other process
write a file that a read-only connection has open), so a dyad series, once drawn, is
kept. Every query is parameterised; each call gets its own cursor, so request threads
never share one, and the store's own queries take turns on its connection.
"""
from __future__ import annotations

import copy
import json
import os
import tempfile
import threading
from collections import defaultdict
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import Any, BinaryIO, Callable, Sequence

from ..analysis import DyadPoint, dyad_series, dyad_trends, safe_url, source_label
from ..analysis.dyads import series_points
from ..records import to_dict
from ..store import Store
from ..store.aggregates import DashboardQueries

__all__ = ["Dashboard", "EventFilter", "ARTICLE_FIELDS"]

ARTICLE_FIELDS = ("article_id", "path", "outlet", "url", "title", "author", "published", "language",
                  "duplicate_of")
_EVENT_FIELDS = ("event_id", "article_id", "sentence_index", "char_start", "char_end", "evidence", "date",
                 "date_precision", "date_basis", "source", "target", "source_text", "target_text", "code",
                 "root", "quad_class", "goldstein", "plover", "modality", "speaker", "confidence", "rule", "place",
                 "place_country", "lat", "lon")


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
    topic: str | None = None  # the article's, as the relevance stage judged it: politics | other
    place: str | None = None  # the place the event's sentence names (events.place)

    def __bool__(self) -> bool:
        return any(getattr(self, f) is not None for f in self.__dataclass_fields__)

    def without(self, *fields: str) -> "EventFilter":
        return replace(self, **{f: None for f in fields})

    def article_sql(self) -> tuple[str, list[Any]]:
        """WHERE clause over articles `a`: outlet and days published on the article itself; every
        other field keeps the articles with an event that matches it."""
        clause, params = _where([(self.outlet, "a.outlet = ?"), (self.topic, "a.topic = ?"),
                                 (self.since, "CAST(a.published AS DATE) >= ?"),
                                 (self.until, "CAST(a.published AS DATE) <= ?")])
        of_events = self.without("outlet", "topic", "since", "until")
        if not of_events:
            return clause, params
        events, values = of_events.sql()
        subquery = ("a.article_id IN (SELECT e.article_id FROM events e JOIN articles a USING (article_id) "
                    f"LEFT JOIN story_events se USING (event_id) {events})")
        return (f"{clause} AND {subquery}" if clause else f"WHERE {subquery}"), params + values

    def sql(self) -> tuple[str, list[Any]]:
        """WHERE clause and parameters, over events `e`, articles `a` and story_events `se`
        (which hold each event's countries)."""
        day = "coalesce(e.date, CAST(a.published AS DATE))"
        return _where([
            (self.dyad, "se.source_country <> se.target_country AND least(se.source_country, se.target_country) "
                        "|| '-' || greatest(se.source_country, se.target_country) = ?"),
            (self.actor, "(starts_with(e.source, ?) OR starts_with(e.target, ?))"),
            (self.root, "e.root = ?"), (self.code, "starts_with(e.code, ?)"), (self.outlet, "a.outlet = ?"),
            (self.modality, "e.modality = ?"), (self.topic, "a.topic = ?"), (self.place, "e.place = ?"),
            (self.since, f"{day} >= ?"), (self.until, f"{day} <= ?")])


def _where(conditions: list[tuple[Any, str]]) -> tuple[str, list[Any]]:
    """WHERE clause of the conditions whose value is set, the value given to each of its `?`."""
    kept = [(value, clause) for value, clause in conditions if value]
    params = [value for value, clause in kept for _ in range(clause.count("?"))]
    return ("WHERE " + " AND ".join(clause for _, clause in kept)) if kept else "", params


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
        self.queries = DashboardQueries(self.rows, self.execute)

    def close(self) -> None:
        self.store.close()

    def warm(self) -> None:
        """Draw the monthly dyad series now (the server calls this at start-up)."""
        self.dyads()

    # -- plumbing --------------------------------------------------------------

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.store.con.cursor()
        try:
            result = cursor.execute(sql, list(params))
            names = [d[0] for d in result.description]
            return [{n: _plain(v) for n, v in zip(names, row)} for row in result.fetchall()]
        finally:
            cursor.close()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """A statement that returns nothing (DuckDB writing a CSV file)."""
        cursor = self.store.con.cursor()
        try:
            cursor.execute(sql, list(params))
        finally:
            cursor.close()

    @staticmethod
    def _csv_file(write: Callable[[str], None]) -> BinaryIO:
        """The file `write(path)` makes, open for reading and already deleted from its folder:
        it goes when closed, however a download ends."""
        handle, name = tempfile.mkstemp(prefix="dyadwatch-", suffix=".csv")
        os.close(handle)
        try:
            write(name)
            return open(name, "rb")
        finally:
            os.unlink(name)

    # -- articles --------------------------------------------------------------

    def articles(self, where: EventFilter = EventFilter(), *, outlet: str | None = None, limit: int | None = 100,
                 offset: int = 0) -> list[dict[str, Any]]:
        where, params = (replace(where, outlet=outlet) if outlet else where).article_sql()
        rows = self.rows(
            f"SELECT {', '.join('a.' + c for c in ARTICLE_FIELDS)}, {self.store.coding_sql('a.')} AS coding, "
            "(SELECT count(*) FROM events e WHERE e.article_id = a.article_id) AS events "
            f"FROM articles a {where} ORDER BY a.published DESC NULLS LAST, a.path LIMIT ? OFFSET ?",
            [*params, limit if limit is not None else 2 ** 62, offset])
        return [{**row, "source": source_label(row)} for row in rows]

    def article_count(self, where: EventFilter = EventFilter()) -> int:
        clause, params = where.article_sql()
        return self.rows(f"SELECT count(*) AS n FROM articles a {clause}", params)[0]["n"]

    def article(self, article_id: str) -> dict[str, Any] | None:
        found = self.rows(f"SELECT {', '.join(ARTICLE_FIELDS)}, {self.store.coding_sql()} AS coding, body, removed "
                          "FROM articles WHERE article_id = ?", [article_id])
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

    def _store(self, call, *args: Any, **kwargs: Any) -> Any:
        with self._store_lock:  # the store's own queries run on its connection: one thread at a time
            return call(*args, **kwargs)

    def events(self, where: EventFilter = EventFilter(), *, limit: int | None = None,
               offset: int = 0) -> list[dict[str, Any]]:
        clause, params = where.sql()
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else f" OFFSET {int(offset)}"
        rows = self.rows(
            f"SELECT {', '.join('e.' + c for c in _EVENT_FIELDS)}, a.outlet, a.title AS article_title, "
            f"a.published AS article_published, a.duplicate_of, a.url AS article_url, a.path AS article_path "
            "FROM events e JOIN articles a USING (article_id) LEFT JOIN story_events se USING (event_id) "
            f"{clause} ORDER BY coalesce(e.date, CAST(a.published AS DATE)) DESC NULLS LAST, e.article_id, "
            f"e.char_start, e.code, e.event_id{page}", params)
        for row in rows:  # who reported it: the outlet, else the URL's domain, else the file name
            row["reported_by"] = source_label({"outlet": row["outlet"], "url": row.pop("article_url"),
                                               "path": row.pop("article_path")})
        return rows

    def event_count(self, where: EventFilter = EventFilter()) -> int:
        clause, params = where.sql()
        return self.rows("SELECT count(*) AS n FROM events e JOIN articles a USING (article_id) "
                         f"LEFT JOIN story_events se USING (event_id) {clause}", params)[0]["n"]

    @cached_property
    def actor_codes(self) -> list[str]:
        return [r["code"] for r in self.rows(
            "SELECT DISTINCT code FROM (SELECT source AS code FROM events UNION SELECT target FROM events) "
            "WHERE code IS NOT NULL AND code <> '' ORDER BY code")]

    # -- dyads -----------------------------------------------------------------

    def counted_ids(self, *, dyad: str, by: str, period: str | None = None) -> set[str]:
        """The events a dyad's series counts (in one period, if given)."""
        return set(self._store(self.store.counted_event_ids, dyad=dyad, by=by, period=period))

    def dyads(self, *, by: str = "month") -> list[dict[str, Any]]:
        """Each dyad with its series and trend, busiest first; each happening counts once."""
        return self._memo(("dyads", by), lambda: self._dyads(by))

    def dyad_series(self, dyad: str, where: EventFilter = EventFilter(), *, by: str = "month") -> list[dict[str, Any]]:
        """A dyad's series over its counted events that match `where` (its whole series, if empty)."""
        if not where:
            found = next((d for d in self.dyads(by=by) if d["dyad"] == dyad), None)
            return found["series"] if found else []
        return [asdict(p) for p in series_points(self.queries.dyad_groups(*where.sql(), dyad=dyad, by=by))]

    def _memo(self, key: tuple, compute) -> Any:
        """Computed once per key (the store cannot change under us); callers get their own copy."""
        with self._lock:
            if key not in self._cache:
                self._cache[key] = compute()
            return copy.deepcopy(self._cache[key])

    def _dyads(self, by: str) -> list[dict[str, Any]]:
        series = self._store(dyad_series, self.store, by=by)
        grouped: dict[str, list[DyadPoint]] = defaultdict(list)
        for point in series:
            grouped[point.dyad].append(point)
        out = []
        for trend in self._store(dyad_trends, self.store, by=by, series=series):
            points = grouped[trend.dyad]
            out.append({**asdict(trend), "cooperation": sum(p.cooperation for p in points),
                        "conflict": sum(p.conflict for p in points), "latest": asdict(points[-1]),
                        "series": [asdict(p) for p in points]})
        out.sort(key=lambda d: (-d["events"], d["dyad"]))
        return out

    # -- stories ---------------------------------------------------------------

    def filtered_stories(self, where: EventFilter = EventFilter(), *, min_articles: int = 1,
                         contested: bool | None = None, limit: int | None = 100,
                         offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
        """Stories with an event matching `where` (all, if it is empty) and at least `min_articles`
        reports, and how many there are: contested first, then reported by several articles, then
        single reports; latest first in each. Rows follow the `dyadwatch stories` contract:
        {story_id, title, dyad, date, article_ids, event_ids, outlets, contested, contradictions}."""
        clause, params = where.sql()
        total, rows = self.queries.story_rows(clause, params, min_articles=min_articles, contested=contested,
                                              limit=limit, offset=offset)
        for row in rows:  # as `to_dict(Story)` gives it
            row["contradictions"] = json.loads(row["contradictions"])
            row.pop("articles", None)
        return total, rows

    # -- the overview, outlets and map ------------------------------------------

    def volume(self, where: EventFilter = EventFilter(), *, by: str = "month") -> list[dict[str, Any]]:
        """Articles and events per period and outlet: rows {period, outlet, measure, count}."""
        articles = self.queries.article_volume(*where.article_sql(), by=by)
        events = self.queries.event_volume(*where.sql(), by=by)
        return ([{"period": r["period"], "outlet": r["outlet"], "measure": "articles", "count": r["articles"]}
                 for r in articles] +
                [{"period": r["period"], "outlet": r["outlet"], "measure": "events", "count": r["events"]}
                 for r in events])

    @staticmethod
    def busiest_outlets(volume: list[dict[str, Any]], *, keep: int = 8) -> list[dict[str, Any]]:
        """`volume` with all but the `keep` outlets of most articles summed as "other outlets"
        (a chart of hundreds of colours says nothing, and weighs megabytes)."""
        totals: dict[str, int] = defaultdict(int)
        for row in volume:
            totals[row["outlet"]] += row["count"] if row["measure"] == "articles" else 0
        kept = set(sorted(totals, key=lambda o: (-totals[o], o))[:keep])
        folded: dict[tuple[str, str, str], int] = defaultdict(int)
        for row in volume:
            outlet = row["outlet"] if row["outlet"] in kept else "other outlets"
            folded[(row["period"], outlet, row["measure"])] += row["count"]
        return [{"period": p, "outlet": o, "measure": m, "count": n} for (p, o, m), n in folded.items()]

    def outlet_coverage(self, where: EventFilter = EventFilter()) -> list[dict[str, Any]]:
        """Per outlet: articles, first and last day published, events, asserted events and their tone."""
        events = {r["outlet"]: r for r in self.queries.outlet_events(*where.sql())}
        out = []
        for row in self.queries.outlet_articles(*where.article_sql()):
            found = events.get(row["outlet"], {})
            out.append({**row, "events": found.get("events", 0), "asserted": found.get("asserted", 0),
                        "tone": found.get("tone")})
        return out

    def event_csv(self, where: EventFilter = EventFilter()) -> BinaryIO:
        """Every matching event as CSV, as DuckDB writes it (see _csv_file)."""
        return self._csv_file(lambda path: self.queries.event_csv(*where.sql(), path))

    def story_csv(self, where: EventFilter = EventFilter(), *, min_articles: int = 1,
                  contested: bool | None = None) -> BinaryIO:
        """Every matching story as CSV, as DuckDB writes it (see _csv_file)."""
        return self._csv_file(lambda path: self.queries.story_csv(*where.sql(), path, min_articles=min_articles,
                                                                  contested=contested))

    def outlet_dyad_tone(self, where: EventFilter = EventFilter()) -> list[dict[str, Any]]:
        return self.queries.outlet_dyad_tone(*where.sql())

    def dyad_totals(self, where: EventFilter = EventFilter()) -> list[dict[str, Any]]:
        return self.queries.dyad_totals(*where.sql())

    def places(self, where: EventFilter = EventFilter()) -> list[dict[str, Any]]:
        return self.queries.place_counts(*where.sql())

    def story(self, story_id: str) -> dict[str, Any] | None:
        found = self._store(self.store.stored_stories, story_id=story_id)
        return to_dict(found[0]) if found else None

    def events_by_id(self, event_ids: Sequence[str]) -> list[dict[str, Any]]:
        if not event_ids:
            return []
        return self.rows(
            f"SELECT {', '.join('e.' + c for c in _EVENT_FIELDS)}, a.outlet, a.title AS article_title, "
            "a.published AS article_published, a.duplicate_of FROM events e JOIN articles a USING (article_id) "
            "WHERE list_contains(?, e.event_id) ORDER BY e.article_id, e.sentence_index, e.char_start, e.event_id",
            [list(event_ids)])

    # -- network ---------------------------------------------------------------

    def network(self, *, level: str = "country", where: EventFilter = EventFilter()) -> dict[str, Any]:
        """Actors as nodes, relations as edges: counted events between two actors, mean Goldstein as tone."""
        if where:
            return self._network(level, where)
        return self._memo(("network", level), lambda: self._network(level, where))

    def _network(self, level: str, where: EventFilter) -> dict[str, Any]:
        edges = self.queries.network_edges(*where.sql(), level=level)
        weight: dict[str, int] = defaultdict(int)
        for edge in edges:
            weight[edge["a"]] += edge["events"]
            weight[edge["b"]] += edge["events"]
        return {
            "level": level,
            "nodes": [{"id": n, "events": c} for n, c in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))],
            "edges": edges,
        }
