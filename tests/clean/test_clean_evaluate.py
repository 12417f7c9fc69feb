"""`evaluate_extraction` on three real benchmark pages: sane scores, and a bad extraction scores lower."""
import gzip
import json
import shutil
from pathlib import Path

import pytest

from dyadwatch.clean.evaluate import MODES, evaluate_extraction, score_body

SAMPLE = Path(__file__).resolve().parent / "fixtures" / "extraction"


@pytest.fixture()
def sample(tmp_path) -> Path:
    """The sample written to a fresh folder: the first page plain HTML, the others gzip'd."""
    records = [json.loads(line) for line in (SAMPLE / "sample.jsonl").open(encoding="utf-8")]
    (tmp_path / "pages").mkdir()
    for i, record in enumerate(records):
        source = SAMPLE / record["html_path"]
        if i == 0:
            record["html_path"] = "pages/first.html"
            (tmp_path / record["html_path"]).write_bytes(gzip.decompress(source.read_bytes()))
        else:
            shutil.copy(source, tmp_path / record["html_path"])
    path = tmp_path / "eval.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_scores_are_sane_and_ordered(sample):
    scores = evaluate_extraction(sample)
    assert scores.pages == 3 and len(scores.rows) == 3 * len(MODES)
    assert [m.mode for m in scores.modes] == list(MODES)
    for row in scores.rows:
        assert 0.0 <= row.precision <= 1.0 and 0.0 <= row.recall <= 1.0
    html, keep_all, text = scores.mode("html"), scores.mode("keep all"), scores.mode("text")
    # Every page was read (plain and gzip'd alike): the article is found on each.
    assert all(row.recall > 0.9 for row in scores.rows if row.mode == "html")
    assert html.f1 > 0.85
    assert html.f1 >= scores.mode("trafilatura").f1 - 0.02
    # Keeping every line finds the whole article and all the furniture with it.
    assert keep_all.recall > 0.95 and keep_all.precision < html.precision - 0.1
    assert text.f1 > keep_all.f1
    assert scores.worst("text", 1)[0].f1 == min(r.f1 for r in scores.rows if r.mode == "text")


def test_a_bad_extraction_scores_lower(sample):
    # Each page judged against another page's gold body: what an extractor that
    # returned the wrong text would get.
    records = [json.loads(line) for line in sample.open(encoding="utf-8")]
    golds = [r["gold_body"] for r in records]
    for record, gold in zip(records, golds[1:] + golds[:1]):
        record["gold_body"] = gold
    wrong = sample.with_name("wrong.jsonl")
    wrong.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert evaluate_extraction(wrong).mode("html").f1 < 0.1
    assert evaluate_extraction(sample, limit=1).pages == 1


def test_score_body_counts_shingles():
    gold = ("Armenian Prime Minister Nikol Pashinyan will travel to Moscow to take part in the "
            "May 9 Victory Day celebrations.\n\nAzerbaijani President Ilham Aliyev has declined the "
            "same invitation, highlighting the deepening rift between Baku and Moscow.")
    assert score_body(gold, gold) == (1.0, 1.0)
    first_half = gold.split("\n\n")[0]
    precision, recall = score_body(gold, first_half)
    assert precision == 1.0 and 0.4 < recall < 0.6
    menu = "Home News Politics Economy Society Sport Culture Opinion Subscribe Login Search"
    precision, recall = score_body(gold, menu + "\n" + gold + "\n" + menu)
    assert recall == 1.0 and precision < 0.7
    assert score_body(gold, "") == (0.0, 0.0)
    assert score_body("", "") == (1.0, 1.0)
