"""Scoring the coder against gold files in both formats of the evaluation data."""
from __future__ import annotations

import json

from dyadwatch.events import evaluate_events
from dyadwatch.events.evaluate import Score, actor_key


def write(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_actor_keys_compare_countries_and_organisations():
    assert actor_key("RUSGOV") == "RUS" and actor_key("IGOEURCSTO") == "IGO" and actor_key("NGOHRI") == "IGO"
    assert actor_key("JAP") == "JPN" and actor_key("---GOV") == "*" and actor_key(None) == "*"


def test_score_matches_one_to_one_and_empty_gold_sides_match_anything():
    score = Score("x")
    missed, spurious = score.add([("AGREE", "JOR", "*"), ("AGREE", "GBR", "*")],
                                 [("AGREE", "JOR", "GBR"), ("AGREE", "JOR", "*")])
    assert (score.tp, score.fp, score.fn) == (1, 1, 1)
    assert missed == [("AGREE", "GBR", "*")]


def test_plover_file(tmp_path):
    gold = write(tmp_path / "plover.jsonl", [
        {"id": "p1", "text": "Yerevan has accused Moscow of abandoning its security commitments.", "date": None,
         "scheme": "PLOVER-0.5b1", "events": [{"source": "ARM", "target": "RUS", "code": "DISAPPROVE"}]},
        {"id": "p2", "text": "Armenia called on Russia to respect its commitments.", "date": None,
         "scheme": "PLOVER-0.5b1", "events": [{"source": "ARM", "target": "RUS", "code": "THREATEN"}]},
    ])
    result = evaluate_events(gold)
    assert result.scheme == "PLOVER" and result.records == 2
    by_type = result.score("PLOVER type")
    assert (by_type.tp, by_type.fp, by_type.fn) == (1, 1, 1)  # DISAPPROVE is read as ACCUSE
    assert result.confusion[("THREATEN", "REQUEST")] == 1
    assert [w["id"] for w in result.wrong] == ["p2"]


def test_cameo_file_scores_real_world_records_apart_from_unit_tests(tmp_path):
    gold = write(tmp_path / "events.jsonl", [
        {"id": "up-gsr:a", "text": "Yerevan has accused Moscow of abandoning its security commitments.",
         "date": "2025-07-04", "scheme": "CAMEO", "evaluate": True, "actor_codebook": "Phoenix",
         "events": [{"source": "ARMGOV", "target": "RUSGOV", "code": "112"}]},
        {"id": "petr2-unittest:b", "text": "Armenia called on Russia to respect its commitments.",
         "date": "2025-07-04", "scheme": "CAMEO", "evaluate": True,
         "actor_codebook": "PETR.Validate (test dictionaries: fictional actors)",
         "events": [{"source": "ARM", "target": "RUS", "code": "020"}]},
        {"id": "up-gsr:c", "text": "Not scored.", "date": "2025-07-04", "scheme": "CAMEO", "evaluate": False,
         "events": []},
    ])
    result = evaluate_events(gold)
    assert result.scheme == "CAMEO" and result.records == 2
    assert result.score("CAMEO root + actors (real-world)").f1 == 1.0
    assert result.score("CAMEO root (unit tests)").tp == 1
