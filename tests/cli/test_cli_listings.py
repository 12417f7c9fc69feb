"""Listings as a person reads them, through the CLI in a subprocess: tables that fit an
80-column terminal (long text cut with an ellipsis), names beside codes, `--wide` for all;
every story listed by default; json/jsonl/csv unchanged."""
from __future__ import annotations

import csv
import io
import os
import re
import subprocess

from dyadwatch.store import open_store

from support import DYADWATCH, jsonl, run_cli


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
