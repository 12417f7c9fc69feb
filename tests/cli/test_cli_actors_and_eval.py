"""Actors over the store, the user's own actor table, and the `eval` commands, via the real CLI."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from support import ROOT, jsonl, run_cli

EXTRACTION_SAMPLE = ROOT / "tests" / "clean" / "fixtures" / "extraction" / "sample.jsonl"


def test_actors_listing_counts_mentions(processed_db):
    rows = jsonl(run_cli("actors", "--db", str(processed_db), "--format", "jsonl").stdout)
    by_code = {r["code"]: r for r in rows}
    assert {"ARMGOV", "AZEGOV", "RUSGOV"} <= set(by_code)
    assert by_code["RUSGOV"]["mentions"] >= by_code["RUSGOV"]["articles"] >= 3
    assert any("Lavrov" in name for name in by_code["RUSGOV"]["names"])


def test_a_users_actor_table_is_loaded_from_the_working_directory_and_by_option(tmp_path):
    sentence = "Mayor Garnik Tovmasyan met Russian officials in Gyumri."
    before = jsonl(run_cli("actors", sentence, "--date", "2025-05-01", cwd=tmp_path).stdout)[0]["mentions"]
    assert not any(m["text"].endswith("Tovmasyan") and m["code"] == "ARMGOV" for m in before)
    table = "# actor_id\tkind\tcode\tstart\tend\tnames\nGARNIK_TOVMASYAN\tperson\tARMGOV\t2024-01-01\t\tGarnik Tovmasyan\n"
    (tmp_path / "dyadwatch-actors.tsv").write_text(table, encoding="utf-8")
    found = jsonl(run_cli("actors", sentence, "--date", "2025-05-01", cwd=tmp_path).stdout)[0]["mentions"]
    assert any("Tovmasyan" in m["text"] and m["code"] == "ARMGOV" for m in found)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.move(tmp_path / "dyadwatch-actors.tsv", elsewhere / "mine.tsv")
    by_option = jsonl(run_cli("actors", sentence, "--date", "2025-05-01", "--actors", str(elsewhere / "mine.tsv"),
                              cwd=tmp_path).stdout)[0]["mentions"]
    assert any("Tovmasyan" in m["text"] and m["code"] == "ARMGOV" for m in by_option)
    missing = run_cli("actors", sentence, "--actors", str(tmp_path / "none.tsv"), check=False)
    assert missing.returncode != 0 and "no such actor file" in missing.stderr


def test_eval_extraction_prints_every_mode():
    rows = jsonl(run_cli("eval", "extraction", str(EXTRACTION_SAMPLE), "--format", "jsonl").stdout)
    modes = {r["mode"]: r for r in rows}
    assert len(rows) == 4
    html = next(r for m, r in modes.items() if m.startswith("HTML") and "dyadwatch" in m)
    keep_all = next(r for m, r in modes.items() if "keep" in m)
    assert html["f1"] > 0.8 and keep_all["precision"] < html["precision"]


def test_eval_actors_scores_plover_style_records(tmp_path):
    record = {"id": "r1", "text": "Russian troops shelled positions near the Ukrainian town of Izyum.",
              "events": [{"source": "RUS", "target": "UKR", "code": "FIGHT", "source_text": "Russian troops",
                          "target_text": "Izyum", "source_sector": "MIL", "target_sector": ""}]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (row,) = jsonl(run_cli("eval", "actors", str(path), "--format", "jsonl").stdout)
    assert row["actors"] == 2 and row["right_country"] == 2 and row["accuracy"] == 1.0
    record["events"][0]["source"] = "CHN"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (row,) = jsonl(run_cli("eval", "actors", str(path), "--format", "jsonl").stdout)
    assert row["right_country"] == 1
