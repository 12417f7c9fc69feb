"""The stateless commands other tools rely on: extract, actors, code (JSON lines in and out)."""
from __future__ import annotations

import json

from support import EXAMPLES, jsonl, run_cli

SUMMONED = "On June 28, Azerbaijani officials summoned Russia's chargé d'affaires over the incident."


def test_extract_jsonl_keeps_order_and_shape():
    first = sorted(EXAMPLES.iterdir())[0].read_text(encoding="utf-8")
    lines = [json.dumps({"id": "page", "html": "<html><head><title>T</title></head><body><article><p>"
                         + "Russia and Armenia signed an agreement on gas prices in Moscow on Monday. " * 3
                         + "</p></article></body></html>", "url": "https://example.org/a"}),
             json.dumps({"id": "text", "text": first}),
             "not json",
             json.dumps({"id": "empty", "text": ""})]
    out = jsonl(run_cli("extract", "--jsonl", "-", input="\n".join(lines) + "\n").stdout)
    assert [o.get("id") for o in out[:2]] == ["page", "text"]
    keys = {"id", "title", "author", "published", "outlet", "url", "language", "body", "removed"}
    assert set(out[0]) == keys and set(out[1]) == keys
    assert "Russia and Armenia signed" in out[0]["body"]
    assert "error" in out[2] and "error" in out[3] and out[3]["id"] == "empty"


def test_extract_files():
    path = sorted(EXAMPLES.iterdir())[1]
    out = jsonl(run_cli("extract", str(path)).stdout)
    assert len(out) == 1 and out[0]["body"]


def test_actors_offsets_point_into_the_text():
    text = "Russian Foreign Minister Sergey Lavrov met Armenian Prime Minister Nikol Pashinyan in Yerevan."
    out = jsonl(run_cli("actors", "--jsonl", "-", input=json.dumps({"id": 1, "text": text, "date": "2025-03-01"})).stdout)
    mentions = out[0]["mentions"]
    assert out[0]["id"] == 1 and mentions
    for m in mentions:
        assert text[m["start"]:m["end"]] == m["text"]
        assert set(m) == {"text", "start", "end", "code", "country", "role"}
    countries = {m["country"] for m in mentions}
    assert {"RUS", "ARM"} <= countries


def test_code_one_sentence():
    out = jsonl(run_cli("code", SUMMONED, "--date", "2025-07-04").stdout)
    events = out[0]["events"]
    assert events, out
    event = events[0]
    assert event["source"].startswith("AZE") and event["target"].startswith("RUS")
    assert event["date"] == "2025-06-28"
    assert event["evidence"] == SUMMONED
    assert event["modality"] == "asserted"


def test_code_jsonl_bad_record_does_not_stop_the_stream():
    records = [json.dumps({"id": "a", "text": SUMMONED, "date": "2025-07-04"}),
               json.dumps({"id": "b"}),
               json.dumps({"id": "c", "text": SUMMONED})]
    out = jsonl(run_cli("code", "--jsonl", "-", input="\n".join(records)).stdout)
    assert [o["id"] for o in out] == ["a", "b", "c"]
    assert out[0]["events"] and "error" in out[1] and out[2]["events"]


def test_bad_date_is_a_message_not_a_traceback():
    result = run_cli("code", SUMMONED, "--date", "28/06/2025", check=False)
    assert result.returncode != 0 and "YYYY-MM-DD" in result.stderr and "Traceback" not in result.stderr


def test_explain_says_where_an_event_happened():
    """The place the sentence names (the shipped gazetteer's town, its country and point), as
    `code` and `process` give it; a sentence naming no place has no "where:" line."""
    sentence = "Armenian Prime Minister Nikol Pashinyan met Russian President Vladimir Putin in Sochi on Monday."
    shown = run_cli("explain", sentence, "--date", "2026-02-02").stdout
    (line,) = [line for line in shown.splitlines() if line.startswith("where:")]
    assert line == "where: Sochi, RUS (43.5970, 39.7248), for ARMGOV 040 RUSGOV"
    explained = json.loads(run_cli("explain", sentence, "--date", "2026-02-02", "--format", "json").stdout)
    (event,) = explained["sentences"][0]["events"]
    (coded,) = jsonl(run_cli("code", sentence, "--date", "2026-02-02").stdout)[0]["events"]
    assert {k: event[k] for k in ("event_id", "place", "place_country", "lat", "lon")} == \
        {k: coded[k] for k in ("event_id", "place", "place_country", "lat", "lon")}
    unplaced = run_cli("explain", "Russia criticised Armenia on Monday.", "--date", "2026-02-02").stdout
    assert "RUS     111   ARM" in unplaced and "where:" not in unplaced
