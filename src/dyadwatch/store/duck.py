"""Writing finished records to DuckDB and reading them back as plain rows.

Only finished records reach the store. Writes replace everything known about an
article (its id is a content hash), so the same input processed twice leaves the
same rows behind.
"""
from __future__ import annotations

from dataclasses import astuple, fields
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Sequence

import duckdb

from ..records import Article, Event, Mention, Quarantined, Sentence

__all__ = ["Store", "open_store", "DEFAULT_DB"]

DEFAULT_DB = "dyadwatch.duckdb"

_ARTICLE_COLUMNS = ("article_id", "path", "outlet", "url", "title", "author", "published", "language",
                    "body", "removed", "duplicate_of")
_EVENT_COLUMNS = tuple(f.name for f in fields(Event))
_MENTION_COLUMNS = tuple(f.name for f in fields(Mention))
_SENTENCE_COLUMNS = ("article_id", "sentence_index", "char_start", "char_end", "text")


class Store:
    """A DuckDB file. Use as a context manager, or call close()."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise FileNotFoundError(f"no store at {self.path}: run `dyadwatch process` first")
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.con = duckdb.connect(str(self.path), read_only=read_only)
        if not read_only:
            self.con.execute(resources.files(__package__).joinpath("schema.sql").read_text())

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- writing ---------------------------------------------------------------

    def write_article(self, article: Article, sentences: Sequence[Sentence], mentions: Sequence[Mention],
                      events: Sequence[Event], *, signature: Sequence[int] = ()) -> None:
        """Replace everything stored for this article, in one transaction.

        A duplicate link already known for the article survives the rewrite; it is
        recomputed by `link_duplicates` over the whole store."""
        con = self.con
        con.begin()
        try:
            known = con.execute("SELECT duplicate_of FROM articles WHERE article_id = ?",
                                [article.article_id]).fetchone()
            row = {c: getattr(article, c) for c in _ARTICLE_COLUMNS}
            if known and row["duplicate_of"] is None:
                row["duplicate_of"] = known[0]
            for table in ("events", "mentions", "sentences", "signatures", "articles"):
                con.execute(f"DELETE FROM {table} WHERE article_id = ?", [article.article_id])
            con.execute("DELETE FROM quarantine WHERE path = ?", [article.path])
            _insert(con, "articles", _ARTICLE_COLUMNS, [tuple(row.values())])
            if signature:
                _insert(con, "signatures", ("article_id", "signature"), [(article.article_id, list(signature))])
            _insert(con, "sentences", _SENTENCE_COLUMNS,
                    [(s.article_id, s.index, s.char_start, s.char_end, s.text) for s in sentences])
            _insert(con, "mentions", _MENTION_COLUMNS, [astuple(m) for m in mentions])
            _insert(con, "events", _EVENT_COLUMNS, [astuple(e) for e in events])
            con.commit()
        except BaseException:
            con.rollback()
            raise

    def signatures(self) -> list[tuple[str, datetime | None, list[int]]]:
        """(article_id, published, MinHash signature) of every stored article that has one."""
        return self.con.execute("SELECT s.article_id, a.published, s.signature FROM signatures s "
                                "JOIN articles a USING (article_id) ORDER BY s.article_id").fetchall()

    def set_duplicates(self, links: dict[str, str]) -> None:
        """Record which articles are copies of which canonical article (all others: none)."""
        con = self.con
        con.begin()
        try:
            con.execute("UPDATE articles SET duplicate_of = NULL WHERE duplicate_of IS NOT NULL")
            if links:
                con.executemany("UPDATE articles SET duplicate_of = ? WHERE article_id = ?",
                                [(canonical, copy) for copy, canonical in sorted(links.items())])
            con.commit()
        except BaseException:
            con.rollback()
            raise

    def write_quarantined(self, item: Quarantined) -> None:
        self.con.execute("INSERT OR REPLACE INTO quarantine (path, reason) VALUES (?, ?)", [item.path, item.reason])

    # -- reading ---------------------------------------------------------------

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a parameterised query; rows as dicts with JSON-friendly values."""
        cursor = self.con.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [{n: _plain(v) for n, v in zip(names, row)} for row in cursor.fetchall()]

    def articles(self) -> list[dict[str, Any]]:
        return self.rows(f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles ORDER BY published NULLS LAST, path")

    def events(self, *, modality: str | None = None) -> list[dict[str, Any]]:
        where, params = ("WHERE e.modality = ?", [modality]) if modality else ("", [])
        cols = ", ".join(f"e.{c}" for c in _EVENT_COLUMNS)
        return self.rows(
            f"SELECT {cols}, a.outlet, a.published AS article_published, a.duplicate_of FROM events e "
            f"JOIN articles a USING (article_id) {where} "
            "ORDER BY e.date NULLS LAST, e.article_id, e.sentence_index, e.char_start, e.code, e.event_id", params)

    def mentions(self) -> list[dict[str, Any]]:
        return self.rows(f"SELECT {', '.join(_MENTION_COLUMNS)} FROM mentions "
                         "ORDER BY article_id, char_start, char_end")

    def actor_counts(self) -> list[dict[str, Any]]:
        """Each actor code with how often, in how many articles, and in which words it was named."""
        return self.rows(
            "SELECT code, any_value(country) AS country, any_value(role) AS role, count(*) AS mentions, "
            "count(DISTINCT article_id) AS articles, list(DISTINCT text ORDER BY text)[1:8] AS names "
            "FROM mentions GROUP BY code ORDER BY mentions DESC, code")

    def quarantine(self) -> list[dict[str, Any]]:
        return self.rows("SELECT path, reason FROM quarantine ORDER BY path")

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "sentences", "mentions", "events", "signatures", "quarantine")}


def open_store(path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> Store:
    return Store(path, read_only=read_only)


def _insert(con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str], rows: Iterable[tuple]) -> None:
    rows = list(rows)
    if rows:
        marks = ", ".join("?" for _ in columns)
        con.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value
