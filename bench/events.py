"""Accuracy of the event coder on the gold sentences in /work/shared/eval.

    .venv/bin/python bench/events.py [--events FILE] [--plover FILE] [--show-errors] [--limit N]

Runs the real stages on each gold sentence (nlp -> actors -> events) through
`dyadwatch.events.evaluate_events` (its docstring says how sentences are scored) and prints:
- PLOVER (plover-dev): event-type F1 and type-with-actors F1;
- CAMEO (events-dev, real-world records only: up-gsr, up-sample, petr2-pytest): root F1 and
  root-with-actors F1; the PETRARCH unit-test records (invented countries) on the root alone;
- pairs (pairs-dev): gold pairs found, found with the right type, type F1.
These are plain dev figures with the shipped model, which was trained on the same files: the
figures to trust are bench/cross_validate.py's.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dyadwatch.events.evaluate import evaluate_events, format_scores

EVAL = Path("/work/shared/eval")


def show(result) -> None:
    for wrong in result.wrong:
        print(f"\n{wrong['id']}: {wrong['text']}")
        print(f"   gold: {wrong['gold']}")
        for line in wrong["predicted"]:
            print(f"   got:  {line}")
    print(f"\nmissed {result.scheme} types (gold -> predicted in that sentence):")
    for (gold_type, got), n in result.confusion.most_common(25):
        print(f"   {n:3d}  {gold_type:10s} -> {got}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="event coder accuracy on the gold sentences")
    parser.add_argument("--events", type=Path, default=EVAL / "events-dev.jsonl")
    parser.add_argument("--plover", type=Path, default=EVAL / "plover-dev.jsonl")
    parser.add_argument("--pairs", type=Path, default=EVAL / "pairs-dev.jsonl")
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--limit", type=int)
    args = parser.parse_args(argv)
    results = [evaluate_events(path, limit=args.limit) for path in (args.plover, args.events, args.pairs)]
    if args.show_errors:
        for result in results:
            show(result)
    print()
    print(format_scores(results))
    print(f"plain dev figures (tuned on); cross-validated: bench/cross_validate.py"
          f"   [{sum(r.seconds for r in results):.0f}s]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
