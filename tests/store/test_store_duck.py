"""The DuckDB store: whole-article replacement (idempotency) and plain rows back."""
from __future__ import annotations

from datetime import datetime

from dyadwatch.records import Article, Event, Mention, Quarantined, Sentence
from dyadwatch.store import open_store

BODY = "Azerbaijani officials summoned Russia's chargé d'affaires. Moscow said nothing."


def _records():
    article = Article(article_id="a1", path="/corpus/a.txt", body=BODY, outlet="Example", title="T",
                      published=datetime(2025, 7, 4, 10, 0), language="en", removed=["Share on Telegram"])
    sentences = [Sentence("a1", 0, 0, 58, BODY[:58]), Sentence("a1", 1, 59, len(BODY), BODY[59:])]
    mentions = [Mention("a1", 0, 0, 21, "Azerbaijani officials", "AZEGOV", "AZE", "GOV")]
    event = Event(event_id="e1", article_id="a1", sentence_index=0, char_start=0, char_end=58,
                  evidence=BODY[:58], date="2025-07-04", date_precision="day", date_basis="article",
                  source="AZEGOV", target="RUSGOV", source_text="Azerbaijani officials",
                  target_text="Russia's chargé d'affaires", code="0", root="0", quad_class=1, goldstein=0.0,
                  plover=None, modality="asserted", speaker=None, confidence=0.5, rule="test")
    return article, sentences, mentions, [event]


def test_writing_an_article_twice_keeps_one_copy(tmp_path):
    db = tmp_path / "s.duckdb"
    with open_store(db) as store:
        store.write_article(*_records())
        store.write_article(*_records())
        assert store.counts() == {"articles": 1, "sentences": 2, "mentions": 1, "events": 1, "quarantine": 0}
    with open_store(db, read_only=True) as store:
        (article,) = store.articles()
        assert article["published"] == "2025-07-04T10:00:00"
        assert article["removed"] == ["Share on Telegram"]
        (event,) = store.events()
        assert event["outlet"] == "Example" and event["date"] == "2025-07-04"


def test_a_path_that_processes_later_leaves_quarantine(tmp_path):
    with open_store(tmp_path / "s.duckdb") as store:
        store.write_quarantined(Quarantined("/corpus/a.txt", "could not decode"))
        store.write_quarantined(Quarantined("/corpus/a.txt", "could not decode"))
        assert store.quarantine() == [{"path": "/corpus/a.txt", "reason": "could not decode"}]
        store.write_article(*_records())
        assert store.quarantine() == []


def test_read_only_store_must_exist(tmp_path):
    import pytest

    with pytest.raises(FileNotFoundError):
        open_store(tmp_path / "missing.duckdb", read_only=True)
