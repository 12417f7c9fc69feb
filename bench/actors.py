"""Actor resolution accuracy on the PLOVER gold sentences, and dictionary load time.

    .venv/bin/python bench/actors.py [/work/shared/eval/plover-dev.jsonl] [--misses]

The scoring lives in dyadwatch.actors.evaluate (what `dyadwatch eval actors` runs).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from dyadwatch.actors import load_dictionary
from dyadwatch.actors.dictionary import _load
from dyadwatch.actors.evaluate import evaluate_actors
from dyadwatch.nlp import load_pipeline


def main(argv: list[str]) -> None:
    path = Path(next((a for a in argv[1:] if not a.startswith("--")), "/work/shared/eval/plover-dev.jsonl"))
    _load.cache_clear()
    t0 = time.perf_counter()
    dictionary = load_dictionary()
    load_seconds = time.perf_counter() - t0
    load_pipeline()
    t0 = time.perf_counter()
    scores = evaluate_actors(path, dictionary=dictionary)
    run_seconds = time.perf_counter() - t0
    print(f"plover actors: {scores.right}/{scores.total} = {scores.accuracy:.1%} resolve to the gold "
          f"country ({scores.coverage:.1%} have a mention)")
    print(f"dictionary load: {load_seconds:.2f} s ({len(dictionary)} actors); "
          f"parse + resolve {run_seconds:.1f} s for {scores.records} sentences")
    if "--misses" in argv:
        for m in scores.misses:
            print(f"- gold {m.gold} got {m.predicted} [{m.mention}] for '{m.words}' :: {m.text[:160]}")


if __name__ == "__main__":
    main(sys.argv)
