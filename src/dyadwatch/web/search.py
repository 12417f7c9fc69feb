"""Full-text search over article titles and bodies.

The index lives in the store (`dyadwatch.store.search`): `dyadwatch process` writes each
article's stemmed terms with the article, and a query is ranked by BM25 in one SQL
statement over them at request time. Nothing is built or held in memory at start-up, and
the store, opened read-only, is never written (`kind` "store").

A store written before those postings existed (and not processed since) has none. Then
the server builds what it built before, in an in-memory DuckDB: it copies (article_id,
title, body) out of the store and runs the fts extension's `create_fts_index` there
(BM25, Porter stemming; `kind` "fts"), at the cost of the text in memory and about 1 s per
million words at start-up. Running `dyadwatch process` once on such a store indexes it.

The extension comes from the registry package `duckdb-extension-fts` (same version as
duckdb) and is loaded by path: `INSTALL fts` would try to download. If it cannot be
loaded, search falls back to a case-insensitive substring match ranked by the number of
hits, and says so (`kind` "substring").
"""
from __future__ import annotations

import re
from typing import Any, Sequence

import duckdb

from ..store.search import fts_extension_path, search_index_ready, search_postings

__all__ = ["SearchIndex", "fts_extension_path", "snippet", "query_terms"]

_WORD = re.compile(r"\w+", re.UNICODE)


def query_terms(query: str) -> list[str]:
    """The words of a query, lower-cased, in order, without repeats."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(query.lower()):
        seen.setdefault(word, None)
    return list(seen)


def snippet(text: str, terms: Sequence[str], *, width: int = 110) -> list[tuple[str, bool]]:
    """A window of `text` around the first query term, as (piece, is_match) pairs.

    Pieces are plain text: the template escapes each one and wraps matches in <mark>.
    A term matches at the start of a word ("forum" finds "Forum", "forums")."""
    if not text:
        return []
    pattern = _term_pattern(terms)
    first = pattern.search(text) if pattern else None
    centre = first.start() if first else 0
    start = max(0, centre - width)
    end = min(len(text), centre + width)
    # Widen to word boundaries so the window never cuts a word in two.
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    window = text[start:end]
    pieces: list[tuple[str, bool]] = []
    if start > 0:
        pieces.append(("… ", False))
    cursor = 0
    for match in (pattern.finditer(window) if pattern else ()):
        if match.start() > cursor:
            pieces.append((window[cursor:match.start()], False))
        pieces.append((match.group(0), True))
        cursor = match.end()
    pieces.append((window[cursor:], False))
    if end < len(text):
        pieces.append((" …", False))
    return [p for p in pieces if p[0]]


def _term_pattern(terms: Sequence[str]) -> re.Pattern | None:
    stems = [re.escape(t[:max(4, len(t) - 2)] if len(t) > 4 else t) for t in terms if t]
    if not stems:
        return None
    return re.compile(r"\b(?:" + "|".join(sorted(stems, key=len, reverse=True)) + r")\w*", re.IGNORECASE)


class SearchIndex:
    """Search over the store's articles: its own postings when it has them, else an in-memory index."""

    def __init__(self, store_con: duckdb.DuckDBPyConnection) -> None:
        self.store_con = store_con
        if search_index_ready(store_con):
            self.kind = "store"
            self.con = None
            return
        self.con = duckdb.connect(":memory:")
        self.con.execute("SET enable_progress_bar = false")
        table = store_con.cursor().execute(
            "SELECT article_id, coalesce(title, '') AS title, body FROM articles").to_arrow_table()
        self.con.register("store_articles", table)
        self.con.execute("CREATE TABLE docs AS SELECT * FROM store_articles")
        self.con.unregister("store_articles")
        self.kind = "substring"
        extension = fts_extension_path()
        if extension:
            try:
                self.con.execute(f"LOAD '{extension}'")
                self.con.execute("PRAGMA create_fts_index('docs', 'article_id', 'title', 'body')")
                self.kind = "fts"
            except duckdb.Error:
                self.kind = "substring"

    def search(self, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
        """Article ids with a score, best first."""
        terms = query_terms(query)
        if not terms:
            return []
        if self.kind == "store":
            cursor = self.store_con.cursor()
            try:
                rows = search_postings(cursor, query, limit)
            finally:
                cursor.close()
            return [{"article_id": a, "score": round(s, 4)} for a, s in rows]
        cursor = self.con.cursor()
        try:
            if self.kind == "fts":
                rows = cursor.execute(
                    "SELECT article_id, score FROM (SELECT article_id, "
                    "fts_main_docs.match_bm25(article_id, ?) AS score FROM docs) WHERE score IS NOT NULL "
                    "ORDER BY score DESC, article_id LIMIT ?", [" ".join(terms), limit]).fetchall()
            else:
                hits = " + ".join("(length(lower(title || ' ' || body)) - length(replace(lower(title || ' ' || body), ?, ''))) "
                                  "// length(?)" for _ in terms)
                params: list[Any] = [x for t in terms for x in (t, t)]
                rows = cursor.execute(
                    f"SELECT article_id, score FROM (SELECT article_id, {hits} AS score FROM docs) "
                    "WHERE score > 0 ORDER BY score DESC, article_id LIMIT ?", [*params, limit]).fetchall()
        finally:
            cursor.close()
        return [{"article_id": a, "score": round(float(s), 4)} for a, s in rows]
