"""The wiring: stages in order, failures of one document turned into quarantine entries."""
from __future__ import annotations

from dyadwatch.pipeline import actors_record, analyse_text, code_record, process_documents
from dyadwatch.records import Event, Quarantined, RawDocument, content_id

from support import EXAMPLES


def _raw(text: str, path: str) -> RawDocument:
    return RawDocument(doc_id=content_id(text), path=path, kind="text", text=text)


def test_a_page_with_no_article_is_quarantined_and_the_batch_goes_on():
    good = sorted(EXAMPLES.iterdir())[0].read_text(encoding="utf-8")
    results = list(process_documents([_raw("twitter\nfacebook\nsearch\n", "menu.txt"), _raw(good, "good.txt")]))
    quarantined = [r for r in results if isinstance(r, Quarantined)]
    processed = [r for r in results if not isinstance(r, Quarantined)]
    assert [q.path for q in quarantined] == ["menu.txt"] and quarantined[0].reason
    assert len(processed) == 1 and processed[0].events
    article = processed[0].article
    for event in processed[0].events:
        assert article.body[event.char_start:event.char_end] == event.evidence
        assert event.article_id == article.article_id


def test_analyse_text_dates_events_against_the_given_date():
    result = analyse_text("Russian police arrested two Azerbaijani citizens in Yekaterinburg on Friday.",
                          published="2025-07-02")
    assert result.mentions
    (event,) = [e for e in result.events if e.root == "17"]
    assert event.source.startswith("RUS") and event.target.startswith("AZE")
    assert event.date == "2025-06-27" and event.date_basis == "relative"


def test_actors_record_contract():
    text = "Russian President Vladimir Putin met Armenian Prime Minister Nikol Pashinyan."
    out = actors_record({"id": "r1", "text": text, "date": "2024-05-08"})
    assert out["id"] == "r1"
    assert {"text", "start", "end", "code", "country", "role"} == set(out["mentions"][0])
    for m in out["mentions"]:
        assert text[m["start"]:m["end"]] == m["text"]
    assert [m["code"] for m in out["mentions"]] == ["RUSGOV", "ARMGOV"]


def test_code_record_contract():
    out = code_record({"id": "s1", "text": "Yerevan has accused Moscow of abandoning its security commitments.",
                       "date": "2025-07-04"})
    assert out["id"] == "s1"
    assert len(out["events"]) == 1
    event = out["events"][0]
    assert set(event) == set(Event.__dataclass_fields__)
    assert event["code"] == "112" and event["date"] == "2025-07-04" and event["date_basis"] == "article"
    no_date = code_record({"id": "s2", "text": "Yerevan has accused Moscow of abandoning its commitments."})
    assert no_date["events"][0]["date"] is None and no_date["events"][0]["date_basis"] is None


def test_copies_link_across_runs_and_the_earliest_stays_canonical(tmp_path):
    """A syndicated copy arriving in a later run links to the stored original; an even earlier
    copy arriving after both becomes the canonical article of all three."""
    from pathlib import Path

    from support import EXAMPLES, jsonl, run_cli

    original = (EXAMPLES / "001_06b957513f3cc91e.txt").read_text(encoding="utf-8")
    corpus, db = tmp_path / "corpus", tmp_path / "store.duckdb"
    corpus.mkdir()
    (corpus / "original.txt").write_text(original, encoding="utf-8")
    run_cli("process", str(corpus), "--db", str(db))
    later = original.replace("July 04, 2025", "July 05, 2025").replace("By Nicholas Castillo", "By Agency staff")
    (corpus / "later.txt").write_text(later + "\nRead more on our site.\n", encoding="utf-8")
    run_cli("process", str(corpus), "--db", str(db))

    def links() -> dict[str, str | None]:
        rows = jsonl(run_cli("articles", "--db", str(db), "--format", "jsonl").stdout)
        name = {r["article_id"]: Path(r["path"]).name for r in rows}
        return {name[r["article_id"]]: name.get(r["duplicate_of"]) for r in rows}

    assert links() == {"original.txt": None, "later.txt": "original.txt"}
    (corpus / "earlier.txt").write_text(original.replace("July 04, 2025", "July 03, 2025"), encoding="utf-8")
    run_cli("process", str(corpus), "--db", str(db))
    assert links() == {"original.txt": "earlier.txt", "later.txt": "earlier.txt", "earlier.txt": None}
    stories = jsonl(run_cli("stories", "--db", str(db), "--format", "jsonl", "--min-articles", "1").stdout)
    assert stories and all(s["article_ids"] == [stories[0]["article_ids"][0]] for s in stories)
