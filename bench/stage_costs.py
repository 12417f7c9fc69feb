"""What the stages after the parse cost beside the parse itself, on bench/throughput.py's corpus.

    .venv/bin/python bench/stage_costs.py [--limit N] [--rounds 3]

In one process: the corpus is cleaned, parsed once (timed: the parse), then the actors stage
(`resolve_actors`) and the events stage (`code_events`: frames, the learned decision,
conventions) run over every parsed article, each timed on its own, best of `--rounds`. The
target (issue 19): actors and events together at most 10% of the parse time.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from throughput import build_corpus, cleaned_bodies  # noqa: E402

from dyadwatch import nlp  # noqa: E402
from dyadwatch.actors import resolve_actors  # noqa: E402
from dyadwatch.events import code_events  # noqa: E402
from dyadwatch.pipeline import Analyser  # noqa: E402
from dyadwatch.records import Article, content_id  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        build_corpus(Path(tmp), limit=args.limit)
        bodies = cleaned_bodies(Path(tmp))
    analyser = Analyser.from_settings()
    articles = [Article(article_id=content_id(b), path=str(i), body=b) for i, b in enumerate(bodies)]
    nlp.load_pipeline()
    parse = actors = events = float("inf")
    for _ in range(args.rounds):
        started = time.perf_counter()
        parsed = list(nlp.parse_articles(articles))
        parse = min(parse, time.perf_counter() - started)
        started = time.perf_counter()
        mentions = [resolve_actors(p, dictionary=analyser.dictionary) for p in parsed]
        actors = min(actors, time.perf_counter() - started)
        started = time.perf_counter()
        coded = [code_events(p, m, patterns=analyser.patterns, ontology=analyser.ontology, decider=analyser.decider)
                 for p, m in zip(parsed, mentions)]
        events = min(events, time.perf_counter() - started)
    words = sum(len(b.split()) for b in bodies)
    print(f"{len(bodies)} texts, {words:,} words, {sum(map(len, coded)):,} events (best of {args.rounds} rounds)")
    print(f"parse   {parse:7.2f} s   {words / parse:8,.0f} words/s")
    print(f"actors  {actors:7.2f} s   {actors / parse:6.1%} of the parse")
    print(f"events  {events:7.2f} s   {events / parse:6.1%} of the parse")
    print(f"actors + events {actors + events:.2f} s = {(actors + events) / parse:.1%} of the parse (target: at most 10%)")


if __name__ == "__main__":
    main()
