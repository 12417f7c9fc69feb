"""One analyser, built once from settings, behind every command that codes text: a user's own
pattern file reaches `code`, `explain` and `eval events` alike."""
from __future__ import annotations

import json

import pytest

from dyadwatch.events import evaluate_events, load_patterns
from dyadwatch.pipeline import Analyser, analyse_text, code_record

from support import jsonl, run_cli

# "befriend" is in neither shipped pattern file: alone, it is a frame with no code of its own.
SENTENCE = "Russia befriended Armenia."
VERB = "befriend"
USER_CODE = "051"  # praise or endorse (PLOVER SUPPORT)
# the columns of src/dyadwatch/events/data/dyadwatch_verbs.tsv
PATTERNS = ("# a user's own verbs\n"
            "block\tverb\tforms\tpattern\tcode\treverse\torigin\tpos\n"
            f"MY_PRAISE\t{VERB}\t\t\t{USER_CODE}\t\tbefriending a country endorses it\tverb\n")


@pytest.fixture
def pattern_file(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text(PATTERNS, encoding="utf-8")
    return path


def _trigger(explained: dict) -> dict:
    (sentence,) = explained["sentences"]
    return next(t for t in sentence["triggers"] if t["entry"] == f"verb:{VERB}")


def test_the_shipped_patterns_lack_the_test_verb():
    assert load_patterns().entry(VERB) is None


def test_the_analyser_is_built_once_per_settings(pattern_file, tmp_path):
    shipped = Analyser.from_settings()
    assert Analyser.from_settings() is shipped
    assert Analyser.from_settings(actor_files=[], pattern_files=()) is shipped
    mine = Analyser.from_settings(pattern_files=[pattern_file])
    assert mine is not shipped and mine.dictionary is shipped.dictionary  # only the patterns differ
    # the same file named another way is the same setting
    assert Analyser.from_settings(pattern_files=[str(tmp_path / "." / "mine.tsv")]) is mine
    assert mine.pattern_files == (str(pattern_file.resolve()),)
    assert mine.patterns.entry(VERB).code == USER_CODE and shipped.patterns.entry(VERB) is None
    with pytest.raises(AttributeError):
        mine.patterns = shipped.patterns  # frozen: the stages are shared, never swapped


def test_the_thin_functions_go_through_the_analyser_for_their_settings(pattern_file):
    mine = Analyser.from_settings(pattern_files=[pattern_file])
    by_function = analyse_text(SENTENCE, pattern_files=[pattern_file])
    by_method = mine.analyse_text(SENTENCE)
    assert [e.event_id for e in by_function.events] == [e.event_id for e in by_method.events]
    assert code_record({"id": "r", "text": SENTENCE}, analyser=mine) == \
        code_record({"id": "r", "text": SENTENCE}, pattern_files=[pattern_file])
    with pytest.raises(ValueError, match="not both"):
        code_record({"id": "r", "text": SENTENCE}, analyser=mine, pattern_files=[pattern_file])


def test_explain_runs_through_the_analysers_stages(pattern_file):
    mine = _trigger(Analyser.from_settings(pattern_files=[pattern_file]).explain(SENTENCE))
    assert mine["code"] == USER_CODE and mine["frame"]["proposed"] == USER_CODE
    shipped = _trigger(Analyser.from_settings().explain(SENTENCE))
    assert shipped["code"] != USER_CODE


def test_a_user_pattern_file_reaches_code_and_explain_on_the_command_line(pattern_file, tmp_path):
    without = jsonl(run_cli("code", SENTENCE).stdout)
    with_file = jsonl(run_cli("code", SENTENCE, "--patterns", str(pattern_file)).stdout)
    assert with_file != without
    explained = json.loads(run_cli("explain", SENTENCE, "--format", "json", "--patterns", str(pattern_file)).stdout)
    trigger = _trigger(explained)
    assert trigger["code"] == USER_CODE and trigger["frame"]["proposed"] == USER_CODE
    # picked up from the working directory without the option, like dyadwatch-actors.tsv
    (tmp_path / "dyadwatch-patterns.tsv").write_text(PATTERNS, encoding="utf-8")
    here = json.loads(run_cli("explain", SENTENCE, "--format", "json", cwd=tmp_path).stdout)
    assert _trigger(here)["code"] == USER_CODE
    missing = run_cli("code", SENTENCE, "--patterns", str(tmp_path / "none.tsv"), check=False)
    assert missing.returncode == 2 and "no such pattern file" in missing.stderr


def _gold(tmp_path):
    path = tmp_path / "plover.jsonl"
    path.write_text(json.dumps({"id": "p1", "text": SENTENCE, "date": None, "scheme": "PLOVER-0.5b1",
                                "events": [{"source": "RUS", "target": "ARM", "code": "SUPPORT"}]}) + "\n",
                    encoding="utf-8")
    return path


def test_eval_events_codes_with_the_analysers_stages(pattern_file, tmp_path):
    gold = _gold(tmp_path)
    mine = Analyser.from_settings(pattern_files=[pattern_file])
    # no decision model: the patterns' codes stand, so the user's verb alone decides the score
    patterns_only = Analyser(dictionary=mine.dictionary, patterns=mine.patterns, ontology=mine.ontology, decider=None)
    shipped_only = Analyser(dictionary=mine.dictionary, patterns=load_patterns(), ontology=mine.ontology,
                            decider=None)
    assert evaluate_events(gold, analyser=patterns_only).score("PLOVER type + actors").tp == 1
    assert evaluate_events(gold, analyser=shipped_only).score("PLOVER type + actors").tp == 0
    with pytest.raises(ValueError, match="not both"):
        evaluate_events(gold, analyser=mine, pattern_files=[pattern_file])


def test_eval_events_takes_patterns_on_the_command_line(pattern_file, tmp_path):
    gold = _gold(tmp_path)
    rows = jsonl(run_cli("eval", "events", str(gold), "--patterns", str(pattern_file), "--format", "jsonl").stdout)
    assert {r["score"] for r in rows} >= {"PLOVER type", "PLOVER type + actors"}
    missing = run_cli("eval", "events", str(gold), "--patterns", str(tmp_path / "none.tsv"), check=False)
    assert missing.returncode == 2 and "no such pattern file" in missing.stderr


def test_process_sends_the_pattern_files_to_its_workers(pattern_file, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Russia befriends Armenia\n\nMOSCOW, July 4 2025. Russia befriended Armenia on Friday, officials in both "
        "capitals said.\n\nThe two governments have been at odds for months over security guarantees in the "
        "South Caucasus.\n", encoding="utf-8")
    db = tmp_path / "store.duckdb"
    run_cli("process", str(corpus), "--db", str(db), "--workers", "1", "--patterns", str(pattern_file))
    events = jsonl(run_cli("events", "--db", str(db), "--format", "jsonl").stdout)
    assert any(e["rule"].startswith(f"verb:{VERB}") for e in events)
