"""Accuracy of the event coder on the gold sentences in /work/shared/eval.

    .venv/bin/python bench/events.py [--events FILE] [--plover FILE] [--show-errors] [--limit N]

Runs the real stages on each gold sentence (nlp -> actors -> events) and prints:
- PLOVER (plover-dev): event-type F1 and type-with-actors F1;
- CAMEO (events-dev, real-world records only: up-gsr, up-sample, petr2-pytest):
  root F1 and root-with-actors F1; the petr2-unittest records (invented countries) are
  reported separately for constructions, scored on the root alone.

Scoring, per sentence, as multisets:
- type: the PLOVER type (or CAMEO root); gold 0.5b1 names are read as their 2021 names
  (DEMAND = REQUEST, DISAPPROVE = ACCUSE, INVESTIGATE = ACCUSE, FIGHT = ASSAULT).
- with actors: type plus source and target, compared by their first three letters
  (any international organisation is `IGO`; the gold's JAP/ITL/VTN are JPN/ITA/VNM).
  A gold side left empty (`""`, `---`) says nothing about that side and matches anything.
- Only events the coder calls `asserted` or `future` count as predictions (a negated or
  hypothetical event is, by design, not reported as something that happened).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from dyadwatch import nlp
from dyadwatch.actors import resolve_actors
from dyadwatch.events import code_events, load_ontology
from dyadwatch.records import Article, content_id

EVAL = Path("/work/shared/eval")
REAL_WORLD = ("up-gsr:", "up-sample:", "petr2-pytest:")
PLOVER_SAME = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
COUNTRY_SAME = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
ORGANISATION_PREFIXES = ("IGO", "NGO", "MNC")
COUNTED = {"asserted", "future"}
RESOLVER_FAILURES: list[str] = []


def actor_key(code: str | None) -> str:
    if not code or code.startswith("---"):
        return "*"
    key = code[:3]
    if key in ORGANISATION_PREFIXES:
        return "IGO"
    return COUNTRY_SAME.get(key, key)


def sides_match(gold: str, predicted: str) -> bool:
    return gold == "*" or gold == predicted


class Score:
    def __init__(self, name: str):
        self.name = name
        self.tp = self.fp = self.fn = 0

    def add(self, gold: list[tuple], predicted: list[tuple]) -> tuple[list, list]:
        """Greedy one-to-one matching; returns (missed gold, spurious predictions)."""
        left = list(predicted)
        missed = []
        for item in gold:
            for i, candidate in enumerate(left):
                if item[0] == candidate[0] and all(sides_match(g, p) for g, p in zip(item[1:], candidate[1:])):
                    del left[i]
                    self.tp += 1
                    break
            else:
                missed.append(item)
                self.fn += 1
        self.fp += len(left)
        return missed, left

    def line(self) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"{self.name:42s} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (tp {self.tp}, fp {self.fp}, fn {self.fn})"

    @property
    def f1(self) -> float:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def code_sentences(records: list[dict]) -> dict[str, list]:
    """Events per record id, through the real nlp and actors stages."""
    articles = [Article(article_id=content_id(r["id"] + r["text"]), path=r["id"], body=r["text"],
                        published=_date(r.get("date"))) for r in records]
    out = {}
    for record, parsed in zip(records, nlp.parse_articles(articles, batch_size=32)):
        try:
            mentions = resolve_actors(parsed)
        except Exception as error:  # the bench reports a resolver failure instead of stopping
            RESOLVER_FAILURES.append(f"{record['id']}: {type(error).__name__} {error}")
            mentions = []
        out[record["id"]] = [e for e in code_events(parsed, mentions) if e.modality in COUNTED]
    return out


def _date(value):
    from datetime import datetime
    return datetime.fromisoformat(value) if value else None


def load(path: Path, limit: int | None) -> list[dict]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return records[:limit] if limit else records


def bench_plover(path: Path, limit: int | None, show: bool) -> tuple[Score, Score]:
    records = load(path, limit)
    coded = code_sentences(records)
    by_type, with_actors = Score("PLOVER type"), Score("PLOVER type + actors")
    confusion: Counter = Counter()
    for record in records:
        gold = [(PLOVER_SAME.get(e["code"], e["code"]), actor_key(e["source"]), actor_key(e["target"]))
                for e in record["events"]]
        events = coded[record["id"]]
        predicted = [(e.plover or f"CAMEO{e.root}", actor_key(e.source), actor_key(e.target)) for e in events]
        # the gold lists one row per actor pair; a type is scored once per distinct gold type
        missed, spurious = by_type.add(sorted({(g[0],) for g in gold}), sorted({(p[0],) for p in predicted}))
        for item in missed:
            confusion[(item[0], ",".join(sorted({p[0] for p in predicted})) or "-")] += 1
        missed_a, spurious_a = with_actors.add(gold, predicted)
        if show and (missed_a or spurious_a):
            print(f"\n{record['id']}: {record['text']}")
            print(f"   gold: {gold}")
            for e in events:
                print(f"   got:  {e.plover} {e.source}->{e.target} {e.code} {e.modality} | {e.rule}")
    if show:
        print("\nmissed PLOVER types (gold -> predicted in that sentence):")
        for (gold_type, got), n in confusion.most_common(25):
            print(f"   {n:3d}  {gold_type:10s} -> {got}")
    return by_type, with_actors


def bench_cameo(path: Path, limit: int | None, show: bool) -> list[Score]:
    ontology = load_ontology()
    records = [r for r in load(path, limit) if r.get("evaluate", True)]
    coded = code_sentences(records)
    real_root, real_actors = Score("CAMEO root (real-world)"), Score("CAMEO root + actors (real-world)")
    unit_root = Score("CAMEO root (petr2 unit tests)")
    for record in records:
        gold = [(e["code"][:2], actor_key(e["source"]), actor_key(e["target"]))
                for e in record["events"] if e["code"] in ontology]
        if record["events"] and not gold:
            continue  # only test-only codes: nothing CAMEO to score
        events = coded[record["id"]]
        predicted = [(e.root, actor_key(e.source), actor_key(e.target)) for e in events]
        if record["id"].startswith(REAL_WORLD):
            real_root.add(sorted({(g[0],) for g in gold}), sorted({(p[0],) for p in predicted}))
            missed, spurious = real_actors.add(gold, predicted)
            if show and (missed or spurious):
                print(f"\n{record['id']}: {record['text']}")
                print(f"   gold: {gold}")
                for e in events:
                    print(f"   got:  {e.source}->{e.target} {e.code} {e.modality} | {e.rule}")
        else:
            unit_root.add(sorted({(g[0],) for g in gold}), sorted({(p[0],) for p in predicted}))
    return [real_root, real_actors, unit_root]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="event coder accuracy on the gold sentences")
    parser.add_argument("--events", type=Path, default=EVAL / "events-dev.jsonl")
    parser.add_argument("--plover", type=Path, default=EVAL / "plover-dev.jsonl")
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--limit", type=int)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    plover = bench_plover(args.plover, args.limit, args.show_errors)
    cameo = bench_cameo(args.events, args.limit, args.show_errors)
    print()
    for score in (*plover, *cameo):
        print(score.line())
    if RESOLVER_FAILURES:
        print(f"actors.resolve_actors failed on {len(RESOLVER_FAILURES)} sentences (scored without actors),"
              f" e.g. {RESOLVER_FAILURES[0]}")
    print(f"targets: PLOVER type >= 0.75, type+actors >= 0.60, CAMEO root+actors (real-world) >= 0.60"
          f"   [{time.perf_counter() - started:.0f}s]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
