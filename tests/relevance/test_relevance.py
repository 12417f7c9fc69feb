"""The relevance stage on real pages: a sport or market page of ../shared/eval codes nothing, the
example articles are politics, and training is reproducible (a real subprocess, as `make train`)."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from dyadwatch import nlp
from dyadwatch.clean import clean_documents
from dyadwatch.pipeline import Analyser
from dyadwatch.records import Article, RawDocument, content_id
from dyadwatch.relevance import OTHER, POLITICS, load_relevance_model

EVAL_DIR = Path("/work/shared/eval")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "caucasus"
needs_eval = pytest.mark.skipif(not (EVAL_DIR / "extraction-dev.jsonl").is_file(),
                                reason=f"the shared gold data ({EVAL_DIR}) is not here")


def _page(url_part: str) -> Article:
    with (EVAL_DIR / "extraction-dev.jsonl").open(encoding="utf-8") as handle:
        record = next(r for r in map(json.loads, handle) if url_part in r["url"])
    html = gzip.open(EVAL_DIR / record["html_path"]).read().decode("utf-8")
    [article] = clean_documents([RawDocument(doc_id=content_id(html), path=record["id"], kind="html", text=html,
                                             url=record["url"])])
    return article


@needs_eval
@pytest.mark.parametrize("url_part", ["uefa-euro-2020-qualifying", "browns-player-on-mason-rudolphs-role-in-fight",
                                      "LeBron-sets-triple-double"])
def test_a_sport_page_is_not_politics_and_codes_no_event(url_part):
    # "Wales beat Hungary 2-0", a player's "fight", "Lakers hold off ...": sport senses of conflict words
    processed = Analyser.from_settings().analyse(nlp.parse_article(_page(url_part)))
    assert processed.article.topic == OTHER and processed.article.topic_score < 0.5
    assert processed.events == []
    assert processed.mentions, "the actors are still found: only the events are left uncoded"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.txt"))[:3], ids=lambda p: p.name)
def test_the_example_articles_are_politics(path):
    article = Article(article_id=content_id(path.name), path=str(path), body=path.read_text(encoding="utf-8"),
                      language="en")
    processed = Analyser.from_settings().analyse(nlp.parse_article(article))
    assert processed.article.topic == POLITICS and processed.article.topic_score >= 0.5
    assert processed.events


def test_a_game_result_and_a_war_are_told_apart_by_their_words():
    model = load_relevance_model()
    game = model.of(nlp.parse_article(Article(article_id="g", path="-", body="The Lakers beat the Celtics 110-102.")))
    war = model.of(nlp.parse_article(Article(article_id="w", path="-", body="Russia attacked Ukraine on Monday.")))
    assert game.topic == OTHER and war.topic == POLITICS
    assert len(war.sentences) == 1 and war.sentences[0] == war.score


def test_the_actors_a_short_text_names_count_as_evidence():
    # one short sentence gives the words little to go on; two governments named are politics
    analyser = Analyser.from_settings()
    text = "Putin apologised to Aliyev for the tragic incident."
    processed = analyser.analyse(nlp.parse_article(Article(article_id="a", path="-", body=text)))
    assert processed.article.topic == POLITICS
    assert [(e.source, e.target) for e in processed.events] == [("RUSGOV", "AZEGOV")]
    parsed = nlp.parse_article(Article(article_id="a", path="-", body=text))
    assert analyser.relevance.of(parsed, processed.mentions).score > analyser.relevance.of(parsed).score
    sport = analyser.analyse(nlp.parse_article(Article(article_id="s", path="-",
                                                       body="Russia beat Croatia 2-1 in the World Cup quarter-final.")))
    assert sport.article.topic == OTHER and sport.events == []


@needs_eval
def test_training_twice_on_the_same_data_writes_byte_identical_models(tmp_path):
    outs = [tmp_path / "a.json", tmp_path / "b.json"]
    for out in outs:
        run = subprocess.run([sys.executable, "-m", "dyadwatch.relevance.training", "--limit", "20",
                              "--eval", str(EVAL_DIR), "--out", str(out)], capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr
    first, second = (out.read_bytes() for out in outs)
    assert first == second, "the same data gave different weights"
    data = json.loads(first)
    assert data["terms"] and data["meaning"] and 0 < data["article_threshold"] < 1
