"""Writing finished records to DuckDB and reading them back as plain rows.

Only finished records reach the store. A chunk of results is written in one
transaction, together with the files it completes: a run killed at any moment
leaves whole chunks behind, and the rerun redoes only files not marked done.
Writes replace everything known about an article (its id is a content hash), so
the same input processed twice leaves the same rows behind.
"""
from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Iterator, Sequence

import duckdb
import numpy as np
import pyarrow as pa

from ..records import ProcessedArticle, Quarantined, SourceFile
from .partitions import Partition, read_partition
from .search import index_articles
from .aggregates import Aggregates
from .stories import StoryTables
from .tables import ARTICLE_COLUMNS, EVENT_COLUMNS, MENTION_COLUMNS, quarantine_table, record_tables
from .transactions import roll_back

__all__ = ["Store", "open_store", "DEFAULT_DB", "StoreBusy"]

DEFAULT_DB = "dyadwatch.duckdb"
_ANALYSIS_TABLES = ("analysed_articles", "story_events", "stories", "framed_sentences")
_ARTICLE_TABLES = ("events", "mentions", "sentences", "signatures", "signature_bands", "search_terms", "search_docs",
                   "articles")


# What `articles.coding` is for an article stored before the column: back then only English text
# (and text too short to tell, read as English) had an event coder.
_CODING_BEFORE_COLUMN = (
    "CASE WHEN {a}language IS NULL OR {a}language = 'en' OR {a}article_id IN (SELECT article_id FROM events) "
    "THEN 'coded' ELSE 'not coded: no event pipeline for language ''' || {a}language || ''' when it was stored' END")


class StoreBusy(RuntimeError):
    """Another process holds the store (DuckDB allows one writer per file)."""


class Store(StoryTables, Aggregates):
    """A DuckDB file. Use as a context manager, or call close()."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self._coding_expression: str | None = None
        if read_only and not self.path.exists():
            raise FileNotFoundError(f"no store at {self.path}: run `dyadwatch process` first")
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise StoreBusy(f"the store {self.path} is in use by another process "
                                "(one `dyadwatch process` at a time; wait for it to finish)") from exc
            raise
        if not read_only:
            before = self._missing_coding()
            self.con.execute(resources.files(__package__).joinpath("schema.sql").read_text())
            if before:  # a store written before the column: its articles are told theirs once
                self.con.execute(f"UPDATE articles SET coding = {_CODING_BEFORE_COLUMN.format(a='')} "
                                 "WHERE coding IS NULL")

    def _missing_coding(self) -> bool:
        """The store has articles and no `coding` column (written before it)."""
        found = {r[0] for r in self.con.execute("SELECT column_name FROM information_schema.columns "
                                                 "WHERE table_name = 'articles'").fetchall()}
        return bool(found) and "coding" not in found

    def coding_sql(self, alias: str = "") -> str:
        """The articles' `coding` as a select expression (`alias`: "a." for a table named a): the
        column, or, in a store written before it and opened read-only, what it would hold."""
        if self._coding_expression is None:
            self._coding_expression = _CODING_BEFORE_COLUMN if self._missing_coding() else "{a}coding"
        return self._coding_expression.format(a=alias)

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def _values(self, name: str, values: Sequence[str]):
        return _values(self.con, name, values)

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        """The block's statements in one transaction: all of them, or none."""
        self.con.begin()
        try:
            yield self.con
            self.con.commit()
        except BaseException:
            roll_back(self.con)
            raise

    @contextmanager
    def _rewriting(self, table: str, article_ids: Sequence[str], *, everything: bool = False) -> Iterator[Any]:
        """One transaction in which `table` first loses the rows of `article_ids` (every row, with
        `everything`), for what the block writes instead."""
        with self._transaction() as con:
            if everything:
                con.execute(f"DELETE FROM {table}")
            else:
                with _values(con, "_ids", article_ids):
                    con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT value FROM _ids)")
            yield con

    def _insert(self, name: str, table: pa.Table) -> None:
        _insert(self.con, name, table)

    # -- writing ---------------------------------------------------------------

    def write_chunk(self, processed: Sequence[ProcessedArticle], quarantined: Sequence[Quarantined] = (),
                    files_done: Sequence[SourceFile] = (), *, run_started: datetime | None = None) -> None:
        """Store a chunk of results in one transaction: articles replaced whole,
        quarantine entries, and the files this chunk completes.

        `run_started` stamps what this run wrote. For a completed file, what an
        earlier run stored from it and this run did not write again (an article
        edited away, an old quarantine reason) is removed."""
        self.write_tables(record_tables(processed), quarantined, files_done, run_started=run_started)

    def load_partition(self, partition: Partition, quarantined: Sequence[Quarantined] = (),
                       files_done: Sequence[SourceFile] = (), *, run_started: datetime | None = None) -> None:
        """Store a chunk a worker wrote as Parquet (see `store.partitions`), as `write_chunk` does."""
        self.write_tables(read_partition(partition), quarantined, files_done, run_started=run_started)

    def write_tables(self, tables: dict[str, pa.Table], quarantined: Sequence[Quarantined] = (),
                     files_done: Sequence[SourceFile] = (), *, run_started: datetime | None = None) -> None:
        """The core of `write_chunk` and `load_partition`: tables named as the store's
        (articles, sentences, mentions, events, signatures; any may be missing)."""
        con = self.con
        run_started = run_started or datetime.now()
        tables = {name: table for name, table in tables.items() if table.num_rows}
        articles = tables.get("articles")
        ids = articles.column("article_id").to_pylist() if articles is not None else []
        con.begin()
        try:
            if articles is not None:
                # Only articles already stored are deleted first (on a first run none are, and a
                # DELETE scans every table); a duplicate link already known survives the rewrite,
                # `set_duplicates` recomputes it.
                with _values(con, "_ids", ids):
                    known = dict(con.execute("SELECT article_id, duplicate_of FROM articles "
                                             "WHERE article_id IN (SELECT value FROM _ids)").fetchall())
                if any(known.values()):
                    links = [known.get(i) or c for i, c in zip(ids, articles.column("duplicate_of").to_pylist())]
                    articles = articles.set_column(articles.schema.get_field_index("duplicate_of"), "duplicate_of",
                                                   pa.array(links, pa.string()))
                tables["articles"] = articles.append_column(
                    "stored_at", pa.array([run_started] * len(ids), pa.timestamp("us")))
                self._delete_articles(list(known))
                with _values(con, "_paths", articles.column("path").to_pylist()):
                    con.execute("DELETE FROM quarantine WHERE path IN (SELECT value FROM _paths)")
            for name, table in tables.items():
                _insert(con, name, table)
            if articles is not None:  # its search postings, in the same transaction
                index_articles(con, articles)
            if "signatures" in tables:
                self.fill_signature_bands(tables["signatures"].column("article_id").to_pylist())
            if quarantined:
                table = quarantine_table(quarantined)
                table = table.append_column("quarantined_at", pa.array([run_started] * table.num_rows, pa.timestamp("us")))
                with _values(con, "_paths", table.column("path").to_pylist()):
                    con.execute("DELETE FROM quarantine WHERE path IN (SELECT value FROM _paths)")
                _insert(con, "quarantine", table)
            if files_done:
                # all files of the chunk in one statement each (a statement per file costs more
                # than the chunk's records); the last entry for a path wins, as one by one
                done = {source.path: source for source in files_done}
                paths = list(done)
                with _values(con, "_paths", paths):
                    stale = [r[0] for r in con.execute("SELECT article_id FROM articles WHERE source_file IN "
                                                        "(SELECT value FROM _paths) AND stored_at < ?",
                                                        [run_started]).fetchall()]
                    con.execute("DELETE FROM quarantine WHERE file IN (SELECT value FROM _paths) "
                                "AND quarantined_at < ?", [run_started])
                self._delete_articles(stale)
                _insert(con, "files", pa.table({"path": paths,
                                                "size": pa.array([s.size for s in done.values()], pa.int64()),
                                                "mtime_ns": pa.array([s.mtime_ns for s in done.values()], pa.int64())}),
                        replace=True)
            con.commit()
        except BaseException:
            roll_back(con)
            raise

    def _delete_articles(self, ids: Sequence[str]) -> None:
        if ids:
            with _values(self.con, "_ids", ids):
                for table in _ARTICLE_TABLES:
                    self.con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT value FROM _ids)")

    def known_files(self) -> dict[str, tuple[int, int]]:
        """path → (size, mtime_ns) of every file completely processed before."""
        return {p: (s, m) for p, s, m in self.con.execute("SELECT path, size, mtime_ns FROM files").fetchall()}

    def signatures(self) -> tuple[list[str], list[datetime | None], np.ndarray]:
        """Ids, publication dates and MinHash signatures (one row each) of stored articles."""
        rows = self.con.execute("SELECT s.article_id, a.published, s.signature FROM signatures s "
                                "JOIN articles a USING (article_id) ORDER BY s.article_id").fetchall()
        ids = [r[0] for r in rows]
        published = [r[1] for r in rows]
        matrix = np.array([r[2] for r in rows], dtype=np.uint64) if rows else np.zeros((0, 0), np.uint64)
        return ids, published, matrix

    def unanalysed_articles(self) -> list[str]:
        """Articles stored since the analyses last saw them (analysed_articles)."""
        return [r[0] for r in self.con.execute(
            "SELECT a.article_id FROM articles a LEFT JOIN analysed_articles x USING (article_id) "
            "WHERE x.article_id IS NULL OR x.stored_at <> a.stored_at ORDER BY a.article_id").fetchall()]

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT article_id FROM articles ORDER BY article_id").fetchall()]

    def fill_signature_bands(self, article_ids: Sequence[str] | None = None) -> None:
        """Write the LSH band keys of these signatures (default: every signature that has none).
        A band key is the hash of a band of consecutive values; two signatures that share one
        are candidate copies (clean.duplicates.band_shape says how many bands of how many)."""
        from ..clean.duplicates import SIGNATURE_PERMUTATIONS, band_shape  # datasketch: only when writing

        bands, rows = band_shape(SIGNATURE_PERMUTATIONS)
        which = "s.article_id IN (SELECT value FROM _ids)" if article_ids is not None else \
            "s.article_id NOT IN (SELECT article_id FROM signature_bands)"
        with _values(self.con, "_ids", article_ids or []):
            self.con.execute(
                "INSERT INTO signature_bands SELECT s.article_id, b, hash(s.signature[b * ? + 1 : b * ? + ?]) "
                f"FROM signatures s, range(?) r(b) WHERE len(s.signature) > 0 AND {which}",
                [rows, rows, rows, bands])

    def signature_candidates(self, article_ids: Sequence[str]) -> list[tuple]:
        """(id, id, signature, signature) for each article of `article_ids` and every other whose
        signature agrees with its own on a whole band (LSH banding, over the stored band keys)."""
        if not article_ids:
            return []
        with _values(self.con, "_ids", article_ids):
            return self.con.execute(
                "WITH pairs AS (SELECT DISTINCT n.article_id AS a, o.article_id AS b FROM signature_bands n "
                "  JOIN signature_bands o ON n.band = o.band AND n.key = o.key AND n.article_id <> o.article_id "
                "  WHERE n.article_id IN (SELECT value FROM _ids)) "
                "SELECT p.a, p.b, sa.signature, sb.signature FROM pairs p JOIN signatures sa ON sa.article_id = p.a "
                "JOIN signatures sb ON sb.article_id = p.b").fetchall()

    def replace_duplicate_pairs(self, article_ids: Sequence[str], pairs: Sequence[tuple[str, str]]) -> None:
        """The copy pairs of `article_ids` become `pairs`; pairs of articles no longer stored go."""
        with self._transaction() as con:
            with _values(con, "_ids", article_ids):
                con.execute("DELETE FROM duplicate_pairs WHERE a IN (SELECT value FROM _ids) "
                            "OR b IN (SELECT value FROM _ids) OR a NOT IN (SELECT article_id FROM articles) "
                            "OR b NOT IN (SELECT article_id FROM articles)")
            if pairs:
                _insert(con, "duplicate_pairs", pa.table({"a": [p[0] for p in pairs], "b": [p[1] for p in pairs]}),
                        replace=True)

    def duplicate_pairs(self) -> tuple[list[tuple[str, str]], dict[str, datetime | None]]:
        """Every copy pair, and the publication date of each article in one."""
        pairs = [(a, b) for a, b in self.con.execute("SELECT a, b FROM duplicate_pairs ORDER BY a, b").fetchall()]
        published = dict(self.con.execute(
            "SELECT article_id, published FROM articles WHERE article_id IN "
            "(SELECT a FROM duplicate_pairs UNION SELECT b FROM duplicate_pairs)").fetchall())
        return pairs, published

    def set_duplicates(self, links: dict[str, str]) -> None:
        """Record which articles are copies of which canonical article (all others: none).
        Only rows whose link changes are written: a rewritten row costs its part of the file
        again when DuckDB checkpoints, and most links stay as they were."""
        with self._transaction() as con:
            con.register("_links", pa.table({"copy": pa.array(list(links), pa.string()),
                                             "canonical": pa.array(list(links.values()), pa.string())}))
            try:
                con.execute("UPDATE articles SET duplicate_of = NULL WHERE duplicate_of IS NOT NULL "
                            "AND article_id NOT IN (SELECT copy FROM _links)")
                con.execute("UPDATE articles SET duplicate_of = l.canonical FROM _links l WHERE "
                            "articles.article_id = l.copy AND articles.duplicate_of IS DISTINCT FROM l.canonical")
            finally:
                con.unregister("_links")

    # -- reading ---------------------------------------------------------------

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a parameterised query; rows as dicts with JSON-friendly values."""
        cursor = self.con.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [{n: _plain(v) for n, v in zip(names, row)} for row in cursor.fetchall()]

    def articles(self, *, topic: str | None = None, ids: Sequence[str] | None = None,
                 bodies: bool = True) -> list[dict[str, Any]]:
        """Articles in publication order: all, or those of `topic`, or those of `ids`; without
        `bodies`, their metadata only (no body, no removed lines)."""
        left_out = ("source_file",) if bodies else ("source_file", "body", "removed")
        columns = ", ".join(c if c != "coding" else f"{self.coding_sql()} AS coding"
                            for c in ARTICLE_COLUMNS if c not in left_out)
        clauses, params = [], []
        if topic:
            clauses.append("topic = ?")
            params.append(topic)
        if ids is not None:
            clauses.append("article_id IN (SELECT value FROM _ids)")
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        with _values(self.con, "_ids", ids or []):
            return self.rows(f"SELECT {columns} FROM articles {where} ORDER BY published NULLS LAST, path", params)

    def analyses_missing(self) -> list[str]:
        """The analyses' tables this store lacks (a store written before them, opened read-only)."""
        present = {r[0] for r in self.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        return [t for t in _ANALYSIS_TABLES if t not in present]

    def article_count(self) -> int:
        return self.con.execute("SELECT count(*) FROM articles").fetchone()[0]

    def outlets_known(self) -> list[str]:
        """Who reported the stored articles (analysis.sources.source_label), by name."""
        return [r[0] for r in self.con.execute("SELECT DISTINCT source FROM analysed_articles "
                                                "ORDER BY lower(source), source").fetchall()]

    def event_count(self) -> int:
        return self.con.execute("SELECT count(*) FROM events").fetchone()[0]

    def events(self, *, modality: str | None = None, topic: str | None = None,
               limit: int | None = None) -> list[dict[str, Any]]:
        """Events with their article's outlet and date, oldest first; with `limit`, the latest
        `limit`; with `topic`, only those of articles of that topic (politics, other)."""
        clauses = [c for c, v in (("e.modality = ?", modality), ("a.topic = ?", topic)) if v]
        params = [v for v in (modality, topic) if v]
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        if limit is not None:
            where = f"{where} QUALIFY row_number() OVER (ORDER BY e.date DESC NULLS LAST, e.event_id DESC) <= {int(limit)}"
        cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
        return self.rows(
            f"SELECT {cols}, a.outlet, a.published AS article_published, a.duplicate_of FROM events e "
            f"JOIN articles a USING (article_id) {where} "
            "ORDER BY e.date NULLS LAST, e.article_id, e.sentence_index, e.char_start, e.code, e.event_id", params)

    def mentions(self) -> list[dict[str, Any]]:
        return self.rows(f"SELECT {', '.join(MENTION_COLUMNS)} FROM mentions "
                         "ORDER BY article_id, char_start, char_end")

    def actor_counts(self) -> list[dict[str, Any]]:
        """Each actor code with how often, in how many articles, and in which words it was named."""
        return self.rows(
            "SELECT code, any_value(country) AS country, any_value(role) AS role, count(*) AS mentions, "
            "count(DISTINCT article_id) AS articles, list(DISTINCT text ORDER BY text)[1:8] AS names "
            "FROM mentions GROUP BY code ORDER BY mentions DESC, code")

    def quarantine(self) -> list[dict[str, Any]]:
        return self.rows("SELECT path, reason, quarantined_at FROM quarantine ORDER BY path")

    def duplicate_count(self) -> int:
        """How many stored articles are near-duplicate copies of another."""
        return self.con.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL").fetchone()[0]

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "sentences", "mentions", "events", "signatures", "quarantine", "files")}


def open_store(path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> Store:
    return Store(path, read_only=read_only)


@contextmanager
def _values(con: duckdb.DuckDBPyConnection, name: str, values: Sequence[str]) -> Iterator[None]:
    """A list of strings as a one-column table `name` (column `value`) for the statements
    inside. A Python list as a query parameter costs far more: DuckDB's client inspects
    every element, trying to import pandas for each one."""
    con.register(name, pa.table({"value": pa.array(list(values), pa.string())}))
    try:
        yield
    finally:
        con.unregister(name)


def _insert(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table, *, replace: bool = False) -> None:
    # One statement per table and batch: DuckDB reads the Arrow table in place
    # (row-by-row executemany is a thousand times slower).
    con.register("_batch", table)
    try:
        con.execute(f"INSERT {'OR REPLACE ' if replace else ''}INTO {name} ({', '.join(table.column_names)}) "
                    f"SELECT {', '.join(table.column_names)} FROM _batch")
    finally:
        con.unregister("_batch")


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value
