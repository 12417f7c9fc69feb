"""The learned event decision end to end: training is reproducible, the shipped model loads fast,
`explain` shows what decided, and `eval events` scores the pairs format. Through real
subprocesses, as a user (or `make train`) runs them."""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support import run_cli

from dyadwatch.events import decisions
from dyadwatch.events.decisions import load_decision_model
from dyadwatch.events.reasons import Reason

EVAL_DIR = Path("/work/shared/eval")
PAIR_SCORES = ("pairs found", "pairs found with type", "pairs type")


@pytest.mark.skipif(not (EVAL_DIR / "pairs-dev.jsonl").is_file(),
                    reason=f"the shared gold data ({EVAL_DIR}) is not here: nothing to train on")
def test_training_twice_on_the_same_data_writes_byte_identical_models(tmp_path):
    outs = [tmp_path / "a" / "model.json", tmp_path / "b" / "model.json"]
    for out in outs:
        out.parent.mkdir()
    # the two runs side by side: each is a fresh process (spaCy loads, the gold is parsed, the fit runs)
    runs = [subprocess.Popen([sys.executable, "-m", "dyadwatch.events.training", "--limit", "25",
                              "--eval", str(EVAL_DIR), "--out", str(out)],
                             cwd=out.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for out in outs]
    for run in runs:
        stdout, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stderr
    first, second = (out.read_bytes() for out in outs)
    assert first, "an empty model file"
    assert first == second, "the same data gave different weights"

    model = load_decision_model(outs[0])
    assert model is not None
    assert "NONE" in model.classes and len(model.classes) > 1
    assert model.weights and all(len(row) == len(model.classes) for row in model.weights.values())
    assert model.provenance.get("trained_by") == "python -m dyadwatch.events.training"


def test_the_shipped_model_loads_in_under_a_third_of_a_second():
    # the CPU time of this process: what loading costs, not what other processes on a shared
    # machine (the rest of the suite runs in parallel) take from it meanwhile
    decisions._load.cache_clear()
    try:
        started = time.process_time()
        model = load_decision_model()
        elapsed = time.process_time() - started
    finally:
        decisions._load.cache_clear()
    assert model is not None, "no shipped decision model"
    assert "NONE" in model.classes
    assert elapsed < 0.3, f"loading the shipped model took {elapsed:.2f} s"


def test_explain_shows_the_features_and_the_numbered_reason_of_each_decision():
    # pairs-dev.jsonl zsp-55a5988b511b
    sentence = ("Disha Ravi was arrested by Delhi Police for collaborating with a pro-Khalistani outfit to spread "
                "disaffection against India.")
    result = json.loads(run_cli("explain", sentence, "--format", "json").stdout)
    triggers = [t for s in result["sentences"] for t in s["triggers"]]
    assert triggers
    known = {int(r) for r in Reason}
    for trigger in triggers:
        assert isinstance(trigger["reason"], int) and trigger["reason"] in known
        assert trigger["decision"].startswith(("coded", "not coded"))
    decided = [t for t in triggers if t["features"]]
    assert decided, "no trigger shows the features that decided it"
    for trigger in decided:
        assert trigger["frame"] is not None
        assert all(isinstance(name, str) and isinstance(weight, (int, float)) for name, weight in trigger["features"])
        assert isinstance(trigger["confidence"], float)
    arrested = next(t for t in triggers if t["trigger"] == "arrested")
    assert arrested["features"]
    assert [s["text"] for s in arrested["frame"]["sources"]] == ["Delhi Police"]
    assert arrested["frame"]["how"] == "passive"


# real records of pairs-dev.jsonl, copied literally
PAIRS_RECORDS = [
    {"id": "zsp-55a5988b511b", "text": "Disha Ravi was arrested by Delhi Police for collaborating with a "
     "pro-Khalistani outfit to spread disaffection against India.",
     "events": [{"source_text": "Delhi Police", "target_text": "Disha Ravi", "plover": "COERCE", "penta": 4,
                 "tense": "past"}]},
    {"id": "zsp-927d80e65889", "text": "Theresa May will hold talks with European Council president Donald Tusk "
     "as she attempts to secure a breakthrough in the Brexit process.",
     "events": [{"source_text": "Theresa May", "target_text": "European Council president Donald Tusk",
                 "plover": "CONSULT", "penta": 1, "tense": "todo"}]},
    {"id": "zsp-4722ac497732", "text": "SAN FRANCISCO - The American Civil Liberties Union is suing the FBI for "
     "records to find out more about a divisive 2017 report on the rise of black extremists following the "
     "shooting deaths of African-Americans.",
     "events": [{"source_text": "The American Civil Liberties Union", "target_text": "FBI", "plover": "ACCUSE",
                 "penta": 3, "tense": "past"}]},
]


def _json_documents(text: str) -> list:
    """The JSON documents printed one after another (each listing of a command is one)."""
    decoder, documents, i = json.JSONDecoder(), [], 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            return documents
        document, i = decoder.raw_decode(text, i)
        documents.append(document)


def test_eval_events_scores_a_pairs_file(tmp_path):
    gold = tmp_path / "pairs-sample.jsonl"
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in PAIRS_RECORDS), encoding="utf-8")

    table = run_cli("eval", "events", str(gold)).stdout
    for name in PAIR_SCORES:
        assert name in table
    assert "3 records" in table

    documents = _json_documents(run_cli("eval", "events", str(gold), "--format", "json").stdout)
    assert documents and isinstance(documents[0], list)
    scores = {row["score"]: row for row in documents[0]}
    assert set(scores) == set(PAIR_SCORES)
    for row in scores.values():
        assert 0.0 <= row["precision"] <= 1.0 and 0.0 <= row["recall"] <= 1.0 and 0.0 <= row["f1"] <= 1.0
    # every gold pair is either found or missed, once
    assert scores["pairs found"]["tp"] + scores["pairs found"]["fn"] == 3
    assert scores["pairs found with type"]["tp"] + scores["pairs found with type"]["fn"] == 3
    assert scores["pairs found with type"]["tp"] <= scores["pairs found"]["tp"]

