"""Actor resolution accuracy on the PLOVER gold sentences, and dictionary load time.

    .venv/bin/python bench/actors.py [/work/shared/eval/plover-dev.jsonl] [--misses]

For each gold actor (an event's `source_text` / `target_text` with its code), is the
mention over those words resolved to the gold country? The mention taken is the one
covering the phrase's syntactic head, else the first mention inside the phrase.
Countries are compared by their first three letters; the gold's JAP, ITL and VTN are JPN,
ITA and VNM; any organisation code (IGO, NGO, MNC, IMG, ISM) matches any other (see
/work/shared/eval/README.md). Each (sentence, words, code) is counted once.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from dyadwatch.actors import load_dictionary, resolve_actors
from dyadwatch.actors.dictionary import _load
from dyadwatch.nlp import load_pipeline, parse_articles
from dyadwatch.records import Article, content_id

GOLD_ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
ORGANISATIONS = {"IGO", "NGO", "MNC", "IMG", "ISM"}


def norm(code: str | None) -> str | None:
    if not code:
        return None
    prefix = GOLD_ALIASES.get(code[:3], code[:3])
    return "IGO" if prefix in ORGANISATIONS else prefix


def pick(parsed, mentions, start: int, end: int):
    inside = [m for m in mentions if m.char_start < end and start < m.char_end]
    if not inside:
        return None
    span = parsed.doc.char_span(start, end, alignment_mode="expand")
    if span is not None:
        head = span.root
        for m in inside:
            if m.char_start <= head.idx < m.char_end:
                return m
    return inside[0]


def main(argv: list[str]) -> None:
    path = Path(next((a for a in argv[1:] if not a.startswith("--")), "/work/shared/eval/plover-dev.jsonl"))
    show_misses = "--misses" in argv
    _load.cache_clear()
    t0 = time.perf_counter()
    dictionary = load_dictionary()
    load_seconds = time.perf_counter() - t0
    records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    articles = [Article(article_id=content_id(r["text"]), path=r["id"], body=r["text"]) for r in records]
    load_pipeline()
    t0 = time.perf_counter()
    parsed_all = list(parse_articles(articles))
    parse_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    mentions_all = [resolve_actors(p, dictionary=dictionary) for p in parsed_all]
    resolve_seconds = time.perf_counter() - t0

    total = right = found = 0
    misses = []
    for record, parsed, mentions in zip(records, parsed_all, mentions_all):
        seen = set()
        for event in record["events"]:
            for side in ("source", "target"):
                gold, words = event.get(side), event.get(f"{side}_text")
                if not gold or not words or (words, gold) in seen:
                    continue
                seen.add((words, gold))
                start = record["text"].find(words)
                if start < 0:
                    continue
                total += 1
                mention = pick(parsed, mentions, start, start + len(words))
                predicted = norm(mention.code if mention and mention.code.startswith(tuple(ORGANISATIONS))
                                 else (mention.country if mention else None))
                found += mention is not None
                if predicted == norm(gold):
                    right += 1
                else:
                    misses.append((norm(gold), predicted, mention.text if mention else None, words,
                                   record["text"]))
    print(f"plover actors: {right}/{total} = {right / total:.1%} resolve to the gold country "
          f"({found / total:.1%} have a mention)")
    print(f"dictionary load: {load_seconds:.2f} s ({len(dictionary)} actors); "
          f"parse {parse_seconds:.1f} s, resolve {resolve_seconds:.2f} s for {len(records)} sentences")
    if show_misses:
        for gold, predicted, mention, words, text in misses:
            print(f"- gold {gold} got {predicted} [{mention}] for '{words}' :: {text[:160]}")


if __name__ == "__main__":
    main(sys.argv)
