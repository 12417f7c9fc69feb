"""The whole pipeline through the command line, as a user runs it: real files, a real
DuckDB store, the real spaCy pipeline, the CLI in a subprocess."""
from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import fields

from dyadwatch.records import Article, Event

from support import EXAMPLES, copy_store, jsonl, run_cli


def _snapshot(db):
    return {name: jsonl(run_cli(name, "--db", str(db), "--format", "jsonl").stdout)
            for name in ("articles", "events", "quarantine")}


def test_processing_twice_gives_the_same_rows(processed_db, tmp_path):
    db = copy_store(processed_db, tmp_path / "twice.duckdb")  # the shared store is only read
    before = _snapshot(db)
    run_cli("process", str(EXAMPLES), "--db", str(db))
    after = _snapshot(db)
    assert len(before["articles"]) == 5
    assert before == after


def test_every_example_article_yields_events(processed_db):
    articles = jsonl(run_cli("articles", "--db", str(processed_db), "--format", "jsonl").stdout)
    events = jsonl(run_cli("events", "--db", str(processed_db), "--format", "jsonl").stdout)
    with_events = {e["article_id"] for e in events}
    assert {a["article_id"] for a in articles} == with_events
    countries = {code[:3] for e in events for code in (e["source"], e["target"]) if code}
    assert {"ARM", "AZE", "RUS"} <= countries


def test_articles_contract(processed_db):
    articles = jsonl(run_cli("articles", "--db", str(processed_db), "--format", "jsonl").stdout)
    wanted = {f.name for f in fields(Article)} | {"article_id", "path"}
    paths = set()
    for article in articles:
        assert wanted <= set(article), wanted - set(article)
        assert isinstance(article["removed"], list)
        paths.add(article["path"])
    assert {p.rsplit("/", 1)[-1] for p in paths} == {p.name for p in EXAMPLES.iterdir()}


def test_events_contract_evidence_is_the_exact_text(processed_db):
    bodies = {a["article_id"]: a["body"] for a in
              jsonl(run_cli("articles", "--db", str(processed_db), "--format", "jsonl").stdout)}
    events = jsonl(run_cli("events", "--db", str(processed_db), "--format", "jsonl").stdout)
    wanted = {f.name for f in fields(Event)}
    assert events
    for event in events:
        assert wanted <= set(event), wanted - set(event)
        body = bodies[event["article_id"]]
        assert body[event["char_start"]:event["char_end"]] == event["evidence"]
        assert event["modality"] in {"asserted", "alleged", "negated", "future", "hypothetical"}
        assert event["root"] == event["code"][:2]
        assert event["rule"]
    assert len({e["event_id"] for e in events}) == len(events)


def test_listings_in_every_format(processed_db):
    as_json = json.loads(run_cli("events", "--db", str(processed_db), "--format", "json").stdout)
    as_csv = list(csv.DictReader(io.StringIO(run_cli("events", "--db", str(processed_db), "--format", "csv").stdout)))
    assert len(as_json) == len(as_csv) > 0
    table = run_cli("events", "--db", str(processed_db)).stdout
    assert "events" in table and as_json[0]["code"] in table
    dyads = jsonl(run_cli("dyads", "--db", str(processed_db), "--format", "jsonl").stdout)
    assert dyads and set(dyads[0]) == {"dyad", "period", "events", "goldstein_sum", "goldstein_mean",
                                       "cooperation", "conflict", "index", "low", "high"}


def test_bad_inputs_are_quarantined_and_the_batch_goes_on(tmp_path):
    corpus = tmp_path / "mixed"
    corpus.mkdir()
    shutil.copy(EXAMPLES / sorted(p.name for p in EXAMPLES.iterdir())[0], corpus / "good.txt")
    (corpus / "image.txt").write_bytes(bytes(range(256)) * 8)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "feed.jsonl").write_text('{"id": "a", "text": "Russia and Armenia signed a trade agreement on Monday."}\n'
                                       '{not json\n', encoding="utf-8")
    db = tmp_path / "mixed.duckdb"
    result = run_cli("process", str(corpus), "--db", str(db), check=False)
    assert result.returncode == 3, result.stderr  # finished, with quarantined inputs
    assert "Traceback" not in result.stderr
    assert "quarantined" in result.stderr
    rows = jsonl(run_cli("quarantine", "--db", str(db), "--format", "jsonl").stdout)
    reasons = {r["path"].rsplit("/", 1)[-1]: r["reason"] for r in rows}
    assert {"image.txt", "empty.txt"} <= set(reasons)
    assert any(name.startswith("feed.jsonl") for name in reasons)
    assert all(reason.strip() for reason in reasons.values())
    stored = jsonl(run_cli("articles", "--db", str(db), "--format", "jsonl").stdout)
    assert len(stored) == 2  # the good file and the good JSONL record


def test_missing_store_is_a_clear_message(tmp_path):
    result = run_cli("events", "--db", str(tmp_path / "nowhere.duckdb"), check=False)
    assert result.returncode != 0
    assert "process" in result.stderr and "Traceback" not in result.stderr


def test_listings_do_not_import_the_nlp_or_the_copy_finder():
    """A listing, the briefing and the dashboard read the store: they must not pay for spaCy,
    datasketch or scipy at start-up (each costs a listing about half a second)."""
    import subprocess
    import sys

    probe = ("import sys, dyadwatch.cli, dyadwatch.analysis, dyadwatch.report.briefing, dyadwatch.web.app; "
             "from dyadwatch.events import load_ontology; load_ontology(); "
             "print(sorted({'spacy', 'datasketch', 'scipy', 'natasha'} & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_listings_filter_by_the_articles_topic(tmp_path):
    """A sport page beside a political article: each listing, and the dashboard's event filter,
    can keep either topic."""
    from dyadwatch.gold import DEFAULT_EVAL_DIR
    from dyadwatch.web.data import Dashboard, EventFilter

    prefix = json.loads((DEFAULT_EVAL_DIR / "nonpolitical-dev.json").read_text(encoding="utf-8"))["ids"][0]
    (page,) = (DEFAULT_EVAL_DIR / "extraction-dev").glob(f"{prefix}*.html.gz")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(EXAMPLES / "003_e65edd7e38db7478.txt", corpus)
    shutil.copy(page, corpus)
    db = tmp_path / "topics.duckdb"
    run_cli("process", str(corpus), "--db", str(db))

    def listed(*args: str) -> list[dict]:
        return jsonl(run_cli(*args, "--db", str(db), "--format", "jsonl").stdout)

    other = listed("articles", "--topic", "other")
    politics = listed("articles", "--topic", "politics")
    assert [a["path"].endswith(".html.gz") for a in other] == [True]
    assert [a["path"].endswith(".txt") for a in politics] == [True]
    events = listed("events", "--topic", "politics")
    assert events and {e["article_id"] for e in events} == {politics[0]["article_id"]}
    assert listed("events", "--topic", "other") == []
    dashboard = Dashboard(db)
    try:
        assert dashboard.events(EventFilter(topic="other")) == []
        assert len(dashboard.events(EventFilter(topic="politics"))) == len(events)
    finally:
        dashboard.close()
