"""Score the event coder against gold sentences (the two formats of shared/eval).

    evaluate_events(path, *, limit=None, actor_files=()) -> EventScores

The file's `scheme` says which format it is:
- PLOVER (`plover-*.jsonl`): event type, and type with both actors;
- CAMEO (`events-*.jsonl`): CAMEO root, and root with both actors, on the real-world
  records (Phoenix-coded news, told by their `actor_codebook`); the PETRARCH unit-test
  records use invented countries and are scored on the root alone, separately.

Each sentence runs through the real stages (nlp -> actors -> events). Scoring, per sentence:
- type alone: the set of distinct types in the gold against the set predicted;
- with actors: gold rows against predicted events one to one, actors compared by their first
  three letters (any organisation is `IGO`; the gold's JAP/ITL/VTN are JPN/ITA/VNM); a gold
  side left empty (`""`, `---`) says nothing about that side and matches anything;
- PLOVER 0.5b1 names are read as their 2021 names (DEMAND = REQUEST, DISAPPROVE = ACCUSE,
  INVESTIGATE = ACCUSE, FIGHT = ASSAULT), as the gold's README says;
- only events told as happening or announced (`asserted`, `future`) are predictions: a
  negated or hypothetical event is, by design, not reported as something that happened.
"""
from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from ..records import Article, Event, as_datetime, content_id
from .coder import code_events
from .ontology import load_ontology

__all__ = ["evaluate_events", "EventScores", "Score", "actor_key"]

def _real_world(record: dict) -> bool:
    """Coded with real-world actor dictionaries (not PETRARCH's invented test countries)."""
    return "validate" not in str(record.get("actor_codebook", "")).lower()
PLOVER_SAME = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
COUNTRY_SAME = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
ORGANISATIONS = ("IGO", "NGO", "MNC")
COUNTED = {"asserted", "future"}
ANY = "*"


def actor_key(code: str | None) -> str:
    """How an actor code is compared: its country (first three letters), `*` when unknown."""
    if not code or code.startswith("---"):
        return ANY
    key = code[:3]
    if key in ORGANISATIONS:
        return "IGO"
    return COUNTRY_SAME.get(key, key)


@dataclass
class Score:
    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: Sequence[tuple], predicted: Sequence[tuple]) -> tuple[list, list]:
        """Match gold items to predictions one to one; returns (missed gold, spurious predictions)."""
        left = list(predicted)
        missed = []
        for item in gold:
            for i, candidate in enumerate(left):
                if item[0] == candidate[0] and all(g == ANY or g == p for g, p in zip(item[1:], candidate[1:])):
                    del left[i]
                    self.tp += 1
                    break
            else:
                missed.append(item)
                self.fn += 1
        self.fp += len(left)
        return missed, left

    def as_dict(self) -> dict:
        return {"score": self.name, "precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "f1": round(self.f1, 3), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class EventScores:
    scheme: str  # "PLOVER" | "CAMEO"
    records: int
    scores: list[Score]
    confusion: Counter = field(default_factory=Counter)  # (gold type, predicted types) -> sentences
    wrong: list[dict] = field(default_factory=list)  # sentences with a missed or spurious event
    seconds: float = 0.0

    def score(self, name: str) -> Score:
        return next(s for s in self.scores if s.name == name)


def _code_all(records: list[dict], actor_files: Sequence[str | Path]) -> dict[str, list[Event]]:
    from .. import nlp
    from ..actors import load_dictionary, resolve_actors

    dictionary = load_dictionary(extra=actor_files)
    articles = [Article(article_id=content_id(r["id"] + r["text"]), path=r["id"], body=r["text"],
                        published=as_datetime(r.get("date"), strict=False)) for r in records]
    coded = {}
    for record, parsed in zip(records, nlp.parse_articles(articles)):
        mentions = resolve_actors(parsed, dictionary=dictionary)
        coded[record["id"]] = [e for e in code_events(parsed, mentions) if e.modality in COUNTED]
    return coded


def _wrong(record: dict, gold: list[tuple], events: list[Event]) -> dict:
    return {"id": record["id"], "text": record["text"], "gold": [" ".join(g) for g in gold],
            "predicted": [f"{e.plover or e.code} {e.source}->{e.target} {e.code} {e.modality} | {e.rule}"
                          for e in events]}


def evaluate_events(path: str | Path, *, limit: int | None = None, actor_files: Sequence[str | Path] = (),
                    progress: Callable[[int, int], None] | None = None) -> EventScores:
    """Score the coder on a gold JSONL file (PLOVER or CAMEO format, told by its `scheme`)."""
    started = time.perf_counter()
    with Path(path).open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    records = [r for r in records if r.get("evaluate", True)][:limit] if limit else \
        [r for r in records if r.get("evaluate", True)]
    if not records:
        raise ValueError(f"no records in {path}")
    scheme = "PLOVER" if str(records[0].get("scheme", "")).upper().startswith("PLOVER") else "CAMEO"
    coded = _code_all(records, actor_files)
    if progress:
        progress(len(records), len(records))
    result = (_score_plover if scheme == "PLOVER" else _score_cameo)(records, coded)
    result.seconds = time.perf_counter() - started
    return result


def _score_plover(records: list[dict], coded: dict[str, list[Event]]) -> EventScores:
    by_type, with_actors = Score("PLOVER type"), Score("PLOVER type + actors")
    result = EventScores("PLOVER", len(records), [by_type, with_actors])
    for record in records:
        gold = [(PLOVER_SAME.get(e["code"], e["code"]), actor_key(e["source"]), actor_key(e["target"]))
                for e in record["events"]]
        events = coded[record["id"]]
        predicted = [(e.plover or f"CAMEO{e.root}", actor_key(e.source), actor_key(e.target)) for e in events]
        _tally(result, by_type, with_actors, record, gold, predicted, events)
    return result


def _score_cameo(records: list[dict], coded: dict[str, list[Event]]) -> EventScores:
    ontology = load_ontology()
    root, with_actors = Score("CAMEO root (real-world)"), Score("CAMEO root + actors (real-world)")
    unit_root = Score("CAMEO root (unit tests)")
    result = EventScores("CAMEO", len(records), [root, with_actors, unit_root])
    for record in records:
        gold = [(e["code"][:2], actor_key(e["source"]), actor_key(e["target"]))
                for e in record["events"] if e["code"] in ontology]
        if record["events"] and not gold:
            continue  # only test-only codes: nothing CAMEO to score
        events = coded[record["id"]]
        predicted = [(e.root, actor_key(e.source), actor_key(e.target)) for e in events]
        if not _real_world(record):
            unit_root.add(sorted({(g[0],) for g in gold}), sorted({(p[0],) for p in predicted}))
            continue
        _tally(result, root, with_actors, record, gold, predicted, events)
    return result


def _tally(result: EventScores, by_type: Score, with_actors: Score, record: dict, gold: list[tuple],
           predicted: list[tuple], events: list[Event]) -> None:
    """Score one record: its types alone, then with both actors; note what a missed type
    was taken for, and keep the sentence when anything was missed or spurious."""
    missed, _ = by_type.add(sorted({(g[0],) for g in gold}), sorted({(p[0],) for p in predicted}))
    for (gold_type,) in missed:
        result.confusion[(gold_type, ",".join(sorted({p[0] for p in predicted})) or "-")] += 1
    missed, spurious = with_actors.add(gold, predicted)
    if missed or spurious:
        result.wrong.append(_wrong(record, gold, events))


def format_scores(results: Iterable[EventScores]) -> str:
    """The scores as aligned lines, for benches and logs."""
    lines = []
    for result in results:
        for s in result.scores:
            lines.append(f"{s.name:36s} P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}"
                         f"   (tp {s.tp}, fp {s.fp}, fn {s.fn})")
    return "\n".join(lines)
