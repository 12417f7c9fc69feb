"""Words a second per language: English and Russian news through parse and actors, one process.

English: the gold bodies of ../shared/eval/extraction-dev.jsonl (real news pages' text).
Russian: the 122 articles of ../shared/eval/factru-dev.jsonl (real Russian news).
Each is parsed (spaCy for English, natasha for Russian) and its actors resolved, as `process`
does per article; models are loaded and warmed before the clock starts. Best of `--rounds`,
since these machines share their CPUs. Words are whitespace-separated tokens of the bodies.

Run: `python bench/languages.py [--rounds 3]`.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from dyadwatch.actors import load_dictionary, resolve_actors
from dyadwatch.nlp import parse_articles
from dyadwatch.records import Article

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def _articles(path: Path, field: str, language: str) -> list[Article]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Article(article_id=f"{language}{i}", path=str(i), body=r[field], language=language)
            for i, r in enumerate(records) if r.get(field)]


def _words_per_second(articles: list[Article], rounds: int) -> tuple[int, float]:
    dictionary = load_dictionary()
    for parsed in parse_articles(articles[:2]):  # load and warm the models
        resolve_actors(parsed, dictionary=dictionary)
    words = sum(len(a.body.split()) for a in articles)
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for parsed in parse_articles(articles):
            resolve_actors(parsed, dictionary=dictionary)
        best = min(best, time.perf_counter() - start)
    return words, words / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    english = _words_per_second(_articles(EVAL / "extraction-dev.jsonl", "gold_body", "en"), args.rounds)
    russian = _words_per_second(_articles(EVAL / "factru-dev.jsonl", "text", "ru"), args.rounds)
    print(f"English: {english[0]:,} words, {english[1]:,.0f} words/s")
    print(f"Russian: {russian[0]:,} words, {russian[1]:,.0f} words/s ({russian[1] / english[1]:.2f} of English)")


if __name__ == "__main__":
    main()
