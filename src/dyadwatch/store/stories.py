"""The store's side of the stored stories: what `analysis.stories.update_stories` reads and writes.

An update asks which articles changed since the analyses last saw them, fetches the events
to cluster again and the stored events they could link to (same two countries, date spans
that can meet: one join in DuckDB), and writes the stories back in one transaction.
"""
from __future__ import annotations

import json
from contextlib import contextmanager
from datetime import date
from typing import Any, Iterable, Iterator, Mapping, Sequence

import pyarrow as pa

from ..records import Story
from .aggregates import TOLD_AS_DONE_SQL
from .tables import EVENT_COLUMNS

__all__ = ["StoryTables"]

_EVENT = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)


class StoryTables:
    """Mixed into `Store` (which provides `con`, `rows`, `_values`, `_insert`, `_transaction`,
    `_rewriting` and `article_ids`)."""

    def analysis_changes(self, *, rebuild: bool = False) -> list[str]:
        """Articles stored, removed or linked as a copy since the analyses last saw them
        (every article, with `rebuild`)."""
        if rebuild:
            return self.article_ids()
        return [r[0] for r in self.con.execute(
            "SELECT coalesce(a.article_id, x.article_id) AS id FROM articles a "
            "FULL JOIN analysed_articles x ON a.article_id = x.article_id "
            "WHERE x.article_id IS NULL OR a.article_id IS NULL OR a.stored_at <> x.stored_at "
            "OR a.duplicate_of IS DISTINCT FROM x.duplicate_of ORDER BY id").fetchall()]

    def stories_of_articles(self, article_ids: Sequence[str]) -> list[str]:
        if not article_ids:
            return []
        with self._values("_ids", article_ids):
            return [r[0] for r in self.con.execute(
                "SELECT DISTINCT story_id FROM story_events WHERE article_id IN (SELECT value FROM _ids) "
                "ORDER BY story_id").fetchall()]

    def story_event_rows(self, *, articles: Sequence[str] = (), stories: Sequence[str] = ()) -> list[dict[str, Any]]:
        """Events of the given articles and stories, from articles that are not copies, with
        their article's language."""
        with self._values("_ids", articles), self._values("_stories", stories):
            return self.rows(
                f"SELECT {_EVENT}, se.story_id, a.language FROM events e JOIN articles a USING (article_id) "
                "LEFT JOIN story_events se USING (event_id) WHERE a.duplicate_of IS NULL AND "
                "(e.article_id IN (SELECT value FROM _ids) OR se.story_id IN (SELECT value FROM _stories))")

    def story_candidates(self, wanted: Iterable[tuple[str, str, Any, Any]], *, exclude: Sequence[str],
                         slack: int) -> list[dict[str, Any]]:
        """Stored events (with their story_id and their article's language) of a country pair in
        `wanted` (a, b, first day, last day; days None: undated) whose date span can meet that one,
        outside `exclude`."""
        a, b, start, end = zip(*wanted) if wanted else ((), (), (), ())
        table = pa.table({"a": pa.array(a, pa.string()), "b": pa.array(b, pa.string()),
                          "start": pa.array(start, pa.date32()), "end": pa.array(end, pa.date32())})
        self.con.register("_wanted", table)
        try:
            with self._values("_stories", exclude):
                return self.rows(
                    f"SELECT {_EVENT}, se.story_id, a.language FROM events e "
                    "JOIN articles a USING (article_id) JOIN (SELECT DISTINCT se.event_id, se.story_id "
                    "FROM story_events se JOIN _wanted w ON list_contains(se.countries, w.a) "
                    "AND list_contains(se.countries, w.b) AND (w.start IS NULL OR se.span_start IS NULL OR "
                    "(se.span_start - CAST(? AS INTEGER) <= w.\"end\" AND w.start - CAST(? AS INTEGER) <= se.span_end)) "
                    "WHERE se.story_id NOT IN (SELECT value FROM _stories)) se USING (event_id)", [slack, slack])
        finally:
            self.con.unregister("_wanted")

    @contextmanager
    def _sentence_keys(self, keys: Iterable[tuple[str, int]]) -> Iterator[None]:
        """(article_id, sentence_index) pairs as the table `_keys`, for the statements inside."""
        keys = sorted(keys)
        self.con.register("_keys", pa.table({"article_id": pa.array([k[0] for k in keys], pa.string()),
                                             "sentence_index": pa.array([k[1] for k in keys], pa.int32())}))
        try:
            yield
        finally:
            self.con.unregister("_keys")

    def mentions_of_sentences(self, keys: Iterable[tuple[str, int]]) -> list[dict[str, Any]]:
        with self._sentence_keys(keys):
            return self.rows("SELECT m.article_id, m.sentence_index, m.code, m.actor_id, m.role FROM mentions m "
                             "JOIN _keys k USING (article_id, sentence_index)")

    def sentence_texts(self, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], str]:
        with self._sentence_keys(k for k in keys if k[1] >= 0):
            return {(a, i): t for a, i, t in self.con.execute(
                "SELECT s.article_id, s.sentence_index, s.text FROM sentences s "
                "JOIN _keys k USING (article_id, sentence_index)").fetchall()}

    def story_article_labels(self, article_ids: Sequence[str]) -> tuple[dict[str, str], dict[str, Any]]:
        """Who reported each article (analysis.sources.source_label) and when it was published."""
        from ..analysis.sources import source_label

        with self._values("_ids", article_ids):
            rows = self.rows("SELECT article_id, outlet, url, path, published FROM articles "
                             "WHERE article_id IN (SELECT value FROM _ids)")
        return {r["article_id"]: source_label(r) for r in rows}, {r["article_id"]: r["published"] for r in rows}

    def write_stories(self, stories: Sequence[Story], items: Mapping[str, Any], *, removed: Sequence[str],
                      rebuild: bool = False) -> None:
        """Replace the `removed` stories (every story, with `rebuild`) by `stories`; `items` are
        the clustering's view of their events by id."""
        from ..analysis.dyads import country_of

        with self._transaction() as con:
            if rebuild:
                con.execute("DELETE FROM stories")
                con.execute("DELETE FROM story_events")
            else:
                with self._values("_stories", removed):
                    con.execute("DELETE FROM stories WHERE story_id IN (SELECT value FROM _stories)")
                    con.execute("DELETE FROM story_events WHERE story_id IN (SELECT value FROM _stories)")
            members = [(s.story_id, items[e]) for s in stories for e in s.event_ids]
            self._insert("story_events", pa.table({
                "event_id": pa.array([i.event["event_id"] for _, i in members], pa.string()),
                "story_id": pa.array([s for s, _ in members], pa.string()),
                "article_id": pa.array([i.event["article_id"] for _, i in members], pa.string()),
                "source_country": pa.array([country_of(i.event.get("source")) for _, i in members], pa.string()),
                "target_country": pa.array([country_of(i.event.get("target")) for _, i in members], pa.string()),
                "countries": pa.array([sorted(i.countries) for _, i in members], pa.list_(pa.string())),
                "span_start": pa.array([i.span[0] if i.span else None for _, i in members], pa.date32()),
                "span_end": pa.array([i.span[1] if i.span else None for _, i in members], pa.date32())}))
            self._insert("stories", pa.table({
                "story_id": pa.array([s.story_id for s in stories], pa.string()),
                "title": pa.array([s.title for s in stories], pa.string()),
                "dyad": pa.array([s.dyad or None for s in stories], pa.string()),
                "date": pa.array([date.fromisoformat(s.date) if s.date else None for s in stories], pa.date32()),
                "article_ids": pa.array([s.article_ids for s in stories], pa.list_(pa.string())),
                "event_ids": pa.array([s.event_ids for s in stories], pa.list_(pa.string())),
                "outlets": pa.array([s.outlets for s in stories], pa.list_(pa.string())),
                "articles": pa.array([len(s.article_ids) for s in stories], pa.int32()),
                "contested": pa.array([s.contested for s in stories], pa.bool_()),
                "contradictions": pa.array([json.dumps(s.contradictions, ensure_ascii=False) for s in stories],
                                           pa.string())}))

    def mark_analysed(self, changed: Sequence[str], sources: Mapping[str, str], *, rebuild: bool = False) -> None:
        """Record the state in which the analyses saw the `changed` articles (`sources`: who
        reported each one still stored), so the next update starts from here."""
        ids = [i for i in changed if i in sources]
        with self._rewriting("analysed_articles", changed, everything=rebuild) as con:
            con.register("_seen", pa.table({"article_id": pa.array(ids, pa.string()),
                                            "source": pa.array([sources[i] for i in ids], pa.string())}))
            try:
                con.execute("INSERT INTO analysed_articles SELECT a.article_id, a.stored_at, a.duplicate_of, s.source "
                            "FROM articles a JOIN _seen s USING (article_id)")
            finally:
                con.unregister("_seen")

    def stored_stories(self, *, dyad: str | None = None, min_articles: int = 1, contested: bool | None = None,
                       story_id: str | None = None, counted_only: bool = False, contested_first: bool = False,
                       limit: int | None = None, offset: int = 0) -> list[Story]:
        """Stored stories, newest first (undated last); `counted_only`: those with an asserted
        event between two countries (a happening the dyad series count); `contested_first`:
        contested ones, then those reported by several articles, then single reports."""
        clauses, params = ["articles >= ?"], [min_articles]
        if counted_only:
            clauses.append("story_id IN (SELECT se.story_id FROM story_events se JOIN events e USING (event_id) "
                           f"WHERE {TOLD_AS_DONE_SQL} AND se.source_country <> se.target_country)")
        if dyad:
            clauses.append("dyad = ?")
            params.append(dyad)
        if contested is not None:
            clauses.append("contested = ?")
            params.append(contested)
        if story_id:
            clauses.append("story_id = ?")
            params.append(story_id)
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        order = "contested DESC, articles > 1 DESC, " if contested_first else ""
        rows = self.rows(f"SELECT * FROM stories WHERE {' AND '.join(clauses)} "
                         f"ORDER BY {order}date DESC NULLS LAST, story_id DESC{page}", params)
        return [Story(story_id=r["story_id"], title=r["title"], dyad=r["dyad"] or "", date=r["date"],
                      article_ids=list(r["article_ids"]), event_ids=list(r["event_ids"]), outlets=list(r["outlets"]),
                      contested=r["contested"], contradictions=json.loads(r["contradictions"])) for r in rows]

    def events_by_ids(self, event_ids: Sequence[str]) -> list[dict[str, Any]]:
        with self._values("_ids", event_ids):
            return self.rows(f"SELECT {_EVENT} FROM events e WHERE e.event_id IN (SELECT value FROM _ids) "
                             "ORDER BY e.article_id, e.sentence_index, e.char_start, e.event_id")

    def story_count(self, *, min_articles: int = 1, contested: bool | None = None) -> int:
        where = " AND contested = ?" if contested is not None else ""
        return self.con.execute(f"SELECT count(*) FROM stories WHERE articles >= ?{where}",
                                [min_articles] + ([contested] if contested is not None else [])).fetchone()[0]
