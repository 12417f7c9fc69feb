"""Body extraction benchmark on the extraction-dev pages (gold article bodies).

The scoring lives in dyadwatch.clean.evaluate (the same as `dyadwatch eval extraction`);
this prints its table, and on request the worst pages and one page's bodies.

Usage: python bench/extraction.py [EVAL.jsonl] [--limit N] [--worst N] [--show ID]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from dyadwatch.clean.evaluate import MODES, evaluate_extraction, extract_bodies, read_page

DEFAULT = Path("/work/shared/eval/extraction-dev.jsonl")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("eval", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, help="score only the first N pages")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages per dyadwatch mode")
    parser.add_argument("--show", help="print the bodies of the page whose id starts with this")
    args = parser.parse_args()
    path = Path(args.eval)
    if args.show:
        for line in path.open(encoding="utf-8"):
            record = json.loads(line)
            if str(record["id"]).startswith(args.show):
                bodies = extract_bodies(read_page(record, path.parent), url=record.get("url"))
                for mode in MODES:
                    print(f"----- {mode}\n{bodies[mode]}\n")
                print("----- gold\n" + record["gold_body"])
                return
        sys.exit(f"no page id starts with {args.show}")

    scores = evaluate_extraction(path, limit=args.limit)
    print(f"{scores.pages} pages from {path.name} in {scores.seconds:.1f} s")
    print(f"{'mode':<32}{'precision':>10}{'recall':>10}{'F1':>8}{'page F1':>9}")
    for mode in scores.modes:
        print(f"{mode.label:<32}{mode.precision:>10.3f}{mode.recall:>10.3f}{mode.f1:>8.3f}{mode.page_f1:>9.3f}")
    for mode in ("html", "text") if args.worst else ():
        print(f"\nworst {mode}:")
        for row in scores.worst(mode, args.worst):
            print(f"  {row.page_id[:12]}  P {row.precision:.3f}  R {row.recall:.3f}  F1 {row.f1:.3f}  {row.url or ''}")


if __name__ == "__main__":
    sys.exit(main())
