"""Listings as a person reads them, through the CLI in a subprocess: tables that fit an
80-column terminal (long text cut with an ellipsis), names beside codes, `--wide` for all;
every story listed by default; json/jsonl/csv unchanged."""
from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import duckdb

from dyadwatch.store import open_store

from support import DYADWATCH, EXAMPLES, jsonl, run_cli


def _table(*args: str, columns: int = 80) -> str:
    env = {**os.environ, "COLUMNS": str(columns)}
    result = subprocess.run([str(DYADWATCH), *args], capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_tables_fit_an_80_column_terminal(processed_db):
    for listing in (["events"], ["stories"], ["dyads"], ["dyads", "--trend"], ["framing"], ["articles"]):
        out = _table(*listing, "--db", str(processed_db))
        lines = out.splitlines()
        assert len(lines) > 3, listing
        assert max(len(line) for line in lines) <= 80, (listing, max(lines, key=len))
    events = _table("events", "--db", str(processed_db))
    assert "…" in events
    # codes with their names, and a non-event said as one
    assert re.search(r"\b111\b", events) and re.search(r"\bcriticise\b", events) and re.search(r"\barrest\b", events)
    assert "070 not:" in events and "may:" in events
    wide = _table("events", "--db", str(processed_db), "--wide")
    assert "111 criticise" in wide and "173 arrest" in wide and "070 not: provide aid" in wide
    # a sentence takes at most two lines: no row of the table runs on for ten
    shown = len(jsonl(run_cli("events", "--db", str(processed_db), "--format", "jsonl").stdout))
    body = [line for line in events.splitlines()[3:] if line.strip()]
    assert shown < len(body) <= 2 * shown


def test_wide_shows_every_cell_whole(processed_db):
    events = jsonl(run_cli("events", "--db", str(processed_db), "--format", "jsonl").stdout)
    wide = _table("events", "--db", str(processed_db), "--wide")
    longest = max((e["evidence"] for e in events), key=len)
    assert len(longest) > 80 and " ".join(longest.split()) in wide
    assert "event_id" in wide and "…" not in wide


def test_framing_shows_the_event_mix_as_names_with_shares(processed_db):
    out = _table("framing", "--db", str(processed_db), "--wide")
    assert re.search(r"\b(meet|criticise|want to cooperate) \d+%", out)
    assert '{"' not in out
    rows = jsonl(run_cli("framing", "--db", str(processed_db), "--format", "jsonl").stdout)
    assert any(r["event_mix"] for r in rows) and all(isinstance(r["event_mix"], dict) for r in rows)


def test_stories_lists_every_story_by_default(processed_db):
    every = jsonl(run_cli("stories", "--db", str(processed_db), "--format", "jsonl").stdout)
    several = jsonl(run_cli("stories", "--db", str(processed_db), "--format", "jsonl", "--min-articles", "2").stdout)
    with open_store(processed_db, read_only=True) as store:
        assert len(every) == store.story_count() == len(store.stored_stories())
    assert any(len(s["article_ids"]) == 1 for s in every)
    assert 0 < len(several) < len(every) and all(len(s["article_ids"]) >= 2 for s in several)
    assert {s["story_id"] for s in several} <= {s["story_id"] for s in every}
    table = _table("stories", "--db", str(processed_db))
    assert f"stories ({len(every)})" in table and "articles" in table and "outlets" in table
    assert _table("stories", "--db", str(processed_db), "--min-articles", "2").startswith(
        f"stories ({len(several)}, reported by 2+ articles)")


def test_story_titles_read_as_a_person_writes_them(processed_db):
    stories = jsonl(run_cli("stories", "--db", str(processed_db), "--format", "jsonl").stdout)
    titles = [s["title"] for s in stories]
    for title in titles:
        assert not re.search(r"\b[A-Z]{3}(GOV|MIL|LEG|MED|JUD)\b|—|: ", title), title
        assert title[0].isupper()
    assert "Russia offers support to Armenia" in titles  # was "RUSGOV: express intent to provide diplomatic …"
    assert any(t.startswith("Russia did not provide aid to") for t in titles)  # was "Russia: provide aid — Baku"
    assert not any(re.match(r"Russia provides aid to (Baku|Yerevan)", t) for t in titles)


def test_machine_formats_carry_the_rows_unchanged(processed_db):
    events = jsonl(run_cli("events", "--db", str(processed_db), "--format", "jsonl").stdout)
    assert events and "action" not in events[0] and {"code", "modality", "evidence"} <= set(events[0])
    rows = list(csv.DictReader(io.StringIO(run_cli("stories", "--db", str(processed_db), "--format", "csv").stdout)))
    assert rows and "articles" not in rows[0] and rows[0]["article_ids"].startswith("[")


GERMAN_PAGE = (Path(__file__).parents[1] / "clean" / "fixtures" / "extraction" / "pages" /
               "ba07d1e64775f4090e39116c382111f5a2cfe9528dd179673f4e9bfcea370c15.html.gz")  # blog.comwrap.com, German
NOT_CODED_DE = "not coded: no event pipeline for language 'de'"


def _coding(db: Path) -> dict[str, str]:
    """file name → the article's coding, as `articles --format jsonl` gives it."""
    return {Path(a["path"]).name: a["coding"]
            for a in jsonl(run_cli("articles", "--db", str(db), "--format", "jsonl").stdout)}


def test_an_article_in_a_language_with_no_event_coder_is_listed_as_not_coded(tmp_path):
    from fastapi.testclient import TestClient

    from dyadwatch.web import create_app

    folder = tmp_path / "news"
    folder.mkdir()
    shutil.copy(GERMAN_PAGE, folder / "dmexco.html.gz")
    english = sorted(EXAMPLES.glob("*.txt"))[0]
    shutil.copy(english, folder / "english.txt")
    db = tmp_path / "store.duckdb"
    run_cli("process", str(folder), "--db", str(db), "--workers", "1")
    assert _coding(db) == {"dmexco.html.gz": NOT_CODED_DE, "english.txt": "coded"}
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM events e JOIN articles a USING (article_id) "
                           "WHERE a.language = 'de'").fetchone()[0] == 0
    # the table says it, in its own column, as do csv and the JSON API's listing
    table = _table("articles", "--db", str(db), "--wide", columns=200)
    assert "coding" in table and NOT_CODED_DE in table
    rows = list(csv.DictReader(io.StringIO(run_cli("articles", "--db", str(db), "--format", "csv").stdout)))
    assert sorted(r["coding"] for r in rows) == ["coded", NOT_CODED_DE]
    with TestClient(create_app(db)) as client:
        listed = client.get("/api/articles").json()["articles"]
        assert sorted((a["language"], a["coding"], a["events"]) for a in listed)[0] == ("de", NOT_CODED_DE, 0)
        german = next(a for a in listed if a["language"] == "de")
        assert client.get(f"/api/articles/{german['article_id']}").json()["coding"] == NOT_CODED_DE
        assert NOT_CODED_DE.replace("'", "&#39;") in client.get("/articles").text

    # A store written before the column: read-only listings say what it holds (only English was
    # coded then), and the first write fills the column in.
    old = tmp_path / "old.duckdb"
    shutil.copy(db, old)
    with duckdb.connect(str(old)) as con:
        con.execute("ALTER TABLE articles DROP COLUMN coding")
    when_stored = f"{NOT_CODED_DE} when it was stored"
    assert _coding(old) == {"dmexco.html.gz": when_stored, "english.txt": "coded"}
    with TestClient(create_app(old)) as client:
        assert sorted(a["coding"] for a in client.get("/api/articles").json()["articles"]) == ["coded", when_stored]
    run_cli("process", str(folder), "--db", str(old))  # nothing changed: nothing processed, the store migrated
    with duckdb.connect(str(old), read_only=True) as con:
        assert sorted(r[0] for r in con.execute("SELECT coding FROM articles").fetchall()) == ["coded", when_stored]
