"""Finished records as columnar tables (Arrow): how the store takes a batch in one
statement, and how a worker writes a Parquet partition. Columns follow schema.sql."""
from __future__ import annotations

from dataclasses import fields
from typing import Sequence

import pyarrow as pa

from ..records import Article, Event, Mention, ProcessedArticle, Quarantined

__all__ = ["ARTICLE_COLUMNS", "SENTENCE_COLUMNS", "MENTION_COLUMNS", "EVENT_COLUMNS", "record_tables",
           "quarantine_table", "source_file_of"]

ARTICLE_COLUMNS = tuple(f.name for f in fields(Article)) + ("source_file",)
SENTENCE_COLUMNS = ("article_id", "sentence_index", "char_start", "char_end", "text")
MENTION_COLUMNS = tuple(f.name for f in fields(Mention))
EVENT_COLUMNS = tuple(f.name for f in fields(Event))


_RECORD_FILES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")


def source_file_of(path: str) -> str:
    """The input file an article or quarantine entry came from: a JSONL record's
    path is FILE#ID (or FILE:LINE when it has no id)."""
    for mark in ("#", ":"):
        head, sep, _ = path.rpartition(mark)
        if sep and head.lower().endswith(_RECORD_FILES):
            return head
    return path


def _table(columns: Sequence[str], rows: list[tuple]) -> pa.Table:
    data = list(zip(*rows)) if rows else [() for _ in columns]
    return pa.table({name: pa.array(list(values)) for name, values in zip(columns, data)})


def record_tables(processed: Sequence[ProcessedArticle]) -> dict[str, pa.Table]:
    """One table per store table for a batch of processed articles."""
    articles, sentences, mentions, events, signatures = [], [], [], [], []
    for item in processed:
        a = item.article
        articles.append(tuple(getattr(a, c) for c in ARTICLE_COLUMNS[:-1]) + (source_file_of(a.path),))
        sentences.extend((s.article_id, s.index, s.char_start, s.char_end, s.text) for s in item.sentences)
        mentions.extend(tuple(getattr(m, c) for c in MENTION_COLUMNS) for m in item.mentions)
        events.extend(tuple(getattr(e, c) for c in EVENT_COLUMNS) for e in item.events)
        if item.signature:
            signatures.append((a.article_id, list(item.signature)))
    return {
        "articles": _table(ARTICLE_COLUMNS, articles),
        "sentences": _table(SENTENCE_COLUMNS, sentences),
        "mentions": _table(MENTION_COLUMNS, mentions),
        "events": _table(EVENT_COLUMNS, events),
        "signatures": _table(("article_id", "signature"), signatures),
    }


def quarantine_table(items: Sequence[Quarantined]) -> pa.Table:
    return _table(("path", "file", "reason"), [(q.path, source_file_of(q.path), q.reason) for q in items])
