"""The DuckDB store: chunks written whole (idempotent by article id), files and quarantine tracked."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from dyadwatch.records import Article, Event, Mention, ProcessedArticle, Quarantined, Sentence, SourceFile
from dyadwatch.store import StoreBusy, open_store

BODY = "Azerbaijani officials summoned Russia's chargé d'affaires. Moscow said nothing."


def _processed(article_id: str = "a1", path: str = "/corpus/a.txt") -> ProcessedArticle:
    article = Article(article_id=article_id, path=path, body=BODY, outlet="Example", title="T",
                      published=datetime(2025, 7, 4, 10, 0), language="en", removed=["Share on Telegram"])
    sentences = [Sentence(article_id, 0, 0, 58, BODY[:58]), Sentence(article_id, 1, 59, len(BODY), BODY[59:])]
    mentions = [Mention(article_id, 0, 0, 21, "Azerbaijani officials", "AZEGOV", "AZE", "GOV")]
    event = Event(event_id=f"e-{article_id}", article_id=article_id, sentence_index=0, char_start=0, char_end=58,
                  evidence=BODY[:58], date="2025-07-04", date_precision="day", date_basis="article",
                  source="AZEGOV", target="RUSGOV", source_text="Azerbaijani officials",
                  target_text="Russia's chargé d'affaires", code="114", root="11", quad_class=3, goldstein=-2.0,
                  plover="ACCUSE", modality="asserted", speaker=None, confidence=0.5, rule="test")
    return ProcessedArticle(article, sentences, mentions, [event], signature=[1, 2, 2**32 - 1])


def test_writing_an_article_twice_keeps_one_copy(tmp_path):
    db = tmp_path / "s.duckdb"
    with open_store(db) as store:
        store.write_chunk([_processed()])
        store.write_chunk([_processed()])
        assert store.counts() == {"articles": 1, "sentences": 2, "mentions": 1, "events": 1, "signatures": 1,
                                  "quarantine": 0, "files": 0}
    with open_store(db, read_only=True) as store:
        (article,) = store.articles()
        assert article["published"] == "2025-07-04T10:00:00"
        assert article["removed"] == ["Share on Telegram"]
        (event,) = store.events()
        assert event["outlet"] == "Example" and event["date"] == "2025-07-04"
        ids, _, signatures = store.signatures()
        assert ids == ["a1"] and signatures.tolist() == [[1, 2, 2**32 - 1]]


def test_a_path_that_processes_later_leaves_quarantine(tmp_path):
    with open_store(tmp_path / "s.duckdb") as store:
        store.write_chunk([], [Quarantined("/corpus/a.txt", "could not decode")])
        store.write_chunk([], [Quarantined("/corpus/a.txt", "could not decode")])
        assert [(q["path"], q["reason"]) for q in store.quarantine()] == [("/corpus/a.txt", "could not decode")]
        assert store.quarantine()[0]["quarantined_at"]
        store.write_chunk([_processed()])
        assert store.quarantine() == []


def test_a_completed_file_drops_what_an_earlier_run_stored_from_it(tmp_path):
    first, second = datetime(2026, 1, 1), datetime(2026, 1, 2)
    source = SourceFile("/corpus/feed.jsonl", 10, 1)
    with open_store(tmp_path / "s.duckdb") as store:
        store.write_chunk([_processed("old", "/corpus/feed.jsonl#1"), _processed("kept", "/corpus/feed.jsonl#2")],
                          [Quarantined("/corpus/feed.jsonl:3", "not JSON")], [source], run_started=first)
        assert store.known_files() == {"/corpus/feed.jsonl": (10, 1)}
        # The file was edited: record 1 changed, line 3 fixed. The new run writes what it holds now.
        store.write_chunk([_processed("kept", "/corpus/feed.jsonl#2"), _processed("new", "/corpus/feed.jsonl#1")],
                          [], [SourceFile("/corpus/feed.jsonl", 12, 2)], run_started=second)
        assert sorted(a["article_id"] for a in store.articles()) == ["kept", "new"]
        assert store.quarantine() == []
        assert store.counts()["events"] == 2
        assert store.known_files() == {"/corpus/feed.jsonl": (12, 2)}


def test_duplicate_links_are_replaced_as_a_whole(tmp_path):
    with open_store(tmp_path / "s.duckdb") as store:
        store.write_chunk([_processed("a"), _processed("b"), _processed("c")])
        store.set_duplicates({"b": "a", "c": "a"})
        store.write_chunk([_processed("b")])  # a rewrite keeps the known link
        assert {r["article_id"]: r["duplicate_of"] for r in store.articles()} == {"a": None, "b": "a", "c": "a"}
        store.set_duplicates({"c": "b"})
        assert {r["article_id"]: r["duplicate_of"] for r in store.articles()} == {"a": None, "b": None, "c": "b"}


def test_one_writer_at_a_time(tmp_path):
    db = tmp_path / "s.duckdb"
    with open_store(db):
        import subprocess, sys
        probe = subprocess.run([sys.executable, "-c", f"from dyadwatch.store import open_store, StoreBusy\n"
                                f"try:\n    open_store({str(db)!r})\nexcept StoreBusy as e:\n    print('busy', e)"],
                               capture_output=True, text=True)
        assert probe.stdout.startswith("busy") and "another process" in probe.stdout


def test_read_only_store_must_exist(tmp_path):
    with pytest.raises(FileNotFoundError):
        open_store(tmp_path / "missing.duckdb", read_only=True)
