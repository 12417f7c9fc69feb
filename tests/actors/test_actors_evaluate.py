"""The actor evaluation: gold words -> the mention over them -> its country."""
from __future__ import annotations

import json

from dyadwatch.actors import ActorScores, evaluate_actors


def test_scores_count_right_and_missed_gold_actors(tmp_path):
    records = [
        {"id": "a", "text": "Russian Foreign Minister Sergey Lavrov criticised the European Union.",
         "events": [{"source": "RUS", "target": "IGOEUREEC", "code": "DISAPPROVE",
                     "source_text": "Russian Foreign Minister Sergey Lavrov", "target_text": "European Union"}]},
        # a gold country the sentence does not support: counted as a miss
        {"id": "b", "text": "Turkish police detained protesters in Cizre.",
         "events": [{"source": "GRC", "target": "", "code": "ARREST",
                     "source_text": "Turkish police", "target_text": ""}]},
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    scores = evaluate_actors(path)
    assert isinstance(scores, ActorScores)
    assert (scores.total, scores.right, scores.records) == (3, 2, 2)
    assert [(m.record_id, m.gold, m.predicted, m.mention) for m in scores.misses] == [
        ("b", "GRC", "TUR", "Turkish police")]
    assert scores.as_dict()["accuracy"] == round(2 / 3, 4)
