"""Score the event coder against gold sentences (the three formats of shared/eval).

    evaluate_events(path, *, limit=None, actor_files=(), pattern_files=(), analyser=None) -> EventScores

The stages that code the sentences are the given `analyser`'s (anything with `.dictionary`,
`.patterns`, `.ontology` and `.decider`: `dyadwatch.pipeline.Analyser`, which the CLI builds,
so the score is the score of what `process` and `code` would produce), or else the shipped
ones with the user's `actor_files` and `pattern_files`. This module sits below the pipeline
and does not import it.

The file's `scheme` says which format it is:
- PLOVER (`plover-*.jsonl`): event type, and type with both actors;
- CAMEO (`events-*.jsonl`): CAMEO root, and root with both actors, on the real-world
  records (Phoenix-coded news, told by their `actor_codebook`); the PETRARCH unit-test
  records use invented countries and are scored on the root alone, separately;
- pairs (`pairs-*.jsonl`, events given as source text, target text and PLOVER root): a gold
  pair is found when an event's `source_text` and `target_text` each share a content word
  with the gold ones (either direction for CONSULT and COOPERATE), right when found with the
  gold root; type F1 compares, per sentence, the multiset of predicted roots with the gold.

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
from typing import TYPE_CHECKING, Any, Callable, Iterable, Protocol, Sequence

from ..records import Article, Event, as_datetime, content_id
from .coder import code_events
from .ontology import Ontology, load_ontology
from .modality import is_claim_content
from .patterns import PatternSet, load_patterns

if TYPE_CHECKING:
    from ..actors import ActorDictionary

__all__ = ["evaluate_events", "read_gold", "gold_scheme", "score_gold", "EventScores", "Score", "actor_key",
           "pairs_type", "Stages", "counted"]


class Stages(Protocol):
    """What codes a sentence after its parse: the actor dictionary, the patterns, the ontology
    and the decision model (None: the patterns' codes). `dyadwatch.pipeline.Analyser` is one."""

    dictionary: ActorDictionary
    patterns: PatternSet
    ontology: Ontology
    decider: Any

def _real_world(record: dict) -> bool:
    """Coded with real-world actor dictionaries (not PETRARCH's invented test countries)."""
    return "validate" not in str(record.get("actor_codebook", "")).lower()
PLOVER_SAME = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# the pairs format's 15 roots: PLOVER 2021 types, with the two kinds of yielding as one
PAIRS_SAME = {**PLOVER_SAME, "CONCEDE": "YIELD", "RETREAT": "YIELD"}
SYMMETRIC_TYPES = {"CONSULT", "COOPERATE"}
COUNTRY_SAME = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
ORGANISATIONS = ("IGO", "NGO", "MNC")
COUNTED = {"asserted", "alleged", "future"}
ANY = "*"


def counted(events: list[Event]) -> list[Event]:
    """The events a CAMEO coder codes: told as done (by the writer or a speaker) or announced. The
    content of a claim ("the US claimed that ISIL had attacked Iraq", "a report alleged that the
    military helped carry out killings") is kept, alleged, but CAMEO codes the claim, not it."""
    return [e for e in events if e.modality in COUNTED and not is_claim_content(e)]


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


class _ShippedStages:
    """The shipped stages with the user's files: what `evaluate_events` codes with when it is
    given no analyser."""

    def __init__(self, *, actor_files: Sequence[str | Path], pattern_files: Sequence[str | Path]) -> None:
        from ..actors import load_dictionary
        from .decisions import load_decision_model

        from .russian_table import is_russian_table, load_russian_predicates

        russian_files = [p for p in pattern_files if is_russian_table(p)]
        self.dictionary = load_dictionary(extra=actor_files)
        self.patterns = load_patterns(extra=[p for p in pattern_files if p not in russian_files])
        self.russian = load_russian_predicates(extra=russian_files)
        self.ontology = load_ontology()
        self.decider = load_decision_model()


def _code_all(records: list[dict], stages: Stages) -> dict[str, list[Event]]:
    """Every record's counted events, through `stages`; the parse runs as one batch, since
    spaCy batches far faster than it parses one sentence at a time."""
    from .. import nlp
    from ..actors import resolve_actors
    from ..clean import detect_language
    from .russian import code_russian

    # a Russian sentence is told by its script, as `code` tells it; everything else is English
    articles = [Article(article_id=content_id(r["id"] + r["text"]), path=r["id"], body=r["text"],
                        published=as_datetime(r.get("date"), strict=False),
                        language=nlp.RUSSIAN if detect_language(r["text"]) == nlp.RUSSIAN else None)
                for r in records]
    coded = {}
    for record, parsed in zip(records, nlp.parse_articles(articles)):
        mentions = resolve_actors(parsed, dictionary=stages.dictionary)
        if parsed.article.language == nlp.RUSSIAN:
            events = code_russian(parsed, mentions, table=getattr(stages, "russian", None), ontology=stages.ontology)
        else:
            events = code_events(parsed, mentions, patterns=stages.patterns, ontology=stages.ontology,
                                 decider=stages.decider)
        coded[record["id"]] = counted(events)
    return coded


def _wrong(record: dict, gold: list[tuple], events: list[Event]) -> dict:
    return {"id": record["id"], "text": record["text"], "gold": [" ".join(g) for g in gold],
            "predicted": [f"{e.plover or e.code} {e.source}->{e.target} {e.code} {e.modality} | {e.rule}"
                          for e in events]}


def read_gold(path: str | Path) -> list[dict]:
    """The records of a gold JSONL file that are meant to be scored."""
    with Path(path).open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return [r for r in records if r.get("evaluate", True)]


def gold_scheme(records: Sequence[dict]) -> str:
    """"PLOVER", "CAMEO" or "PAIRS": told by the records' `scheme`, or for the pairs format
    (which has none) by its events' shape."""
    first = records[0]
    scheme = str(first.get("scheme", "")).upper()
    if scheme.startswith("PLOVER"):
        return "PLOVER"
    if scheme or any("code" in e for r in records for e in r.get("events", [])):
        return "CAMEO"
    return "PAIRS"


def evaluate_events(path: str | Path, *, limit: int | None = None, actor_files: Sequence[str | Path] = (),
                    pattern_files: Sequence[str | Path] = (), progress: Callable[[int, int], None] | None = None,
                    analyser: Stages | None = None) -> EventScores:
    """Score the coder on a gold JSONL file (PLOVER, CAMEO or pairs format).

    The sentences are coded by `analyser`'s stages, or, without one, by the shipped stages with
    `actor_files` and `pattern_files`; an analyser already holds its files, so giving both is a
    mistake, not a merge."""
    if analyser is not None and (actor_files or pattern_files):
        raise ValueError("give an analyser or actor/pattern files, not both (the analyser holds its files)")
    started = time.perf_counter()
    records = read_gold(path)[:limit] if limit else read_gold(path)
    if not records:
        raise ValueError(f"no records in {path}")
    stages = analyser or _ShippedStages(actor_files=actor_files, pattern_files=pattern_files)
    coded = _code_all(records, stages)
    if progress:
        progress(len(records), len(records))
    result = score_gold(records, coded)
    result.seconds = time.perf_counter() - started
    return result


def score_gold(records: Sequence[dict], coded: dict[str, list[Event]]) -> EventScores:
    """Score events already coded (by record id) against their gold records."""
    scorer = {"PLOVER": _score_plover, "CAMEO": _score_cameo, "PAIRS": _score_pairs}[gold_scheme(records)]
    return scorer(list(records), coded)


def pairs_type(event: Event) -> str:
    """An event's type as the pairs format names it (YIELD for either kind of yielding)."""
    if event.plover:
        return PAIRS_SAME.get(event.plover, event.plover)
    return "YIELD" if event.root == "08" else f"CAMEO{event.root}"


def _shares_word(predicted: str | None, gold: str | None) -> bool:
    from ..nlp import content_words

    return bool(content_words(predicted) & content_words(gold))


def _finds_pair(event: Event, gold: dict) -> bool:
    if _shares_word(event.source_text, gold["source_text"]) and _shares_word(event.target_text, gold["target_text"]):
        return True
    return PAIRS_SAME.get(gold["plover"], gold["plover"]) in SYMMETRIC_TYPES and \
        _shares_word(event.source_text, gold["target_text"]) and _shares_word(event.target_text, gold["source_text"])


def _score_pairs(records: list[dict], coded: dict[str, list[Event]]) -> EventScores:
    found, right = Score("pairs found"), Score("pairs found with type")
    by_type = Score("pairs type")
    result = EventScores("PAIRS", len(records), [found, right, by_type])
    for record in records:
        events = coded[record["id"]]
        missed = False
        for gold in record["events"]:
            gold_type = PAIRS_SAME.get(gold["plover"], gold["plover"])
            matching = [e for e in events if _finds_pair(e, gold)]
            hit = bool(matching)
            good = any(pairs_type(e) == gold_type for e in matching)
            found.tp += hit
            found.fn += not hit
            right.tp += good
            right.fn += not good
            missed = missed or not good
        # precision of the pair scores: events that find no gold pair
        spurious = sum(not any(_finds_pair(e, g) for g in record["events"]) for e in events)
        found.fp += spurious
        right.fp += spurious
        gold_types = Counter(PAIRS_SAME.get(g["plover"], g["plover"]) for g in record["events"])
        predicted_types = Counter(pairs_type(e) for e in events)
        by_type.tp += sum((gold_types & predicted_types).values())
        by_type.fn += sum((gold_types - predicted_types).values())
        by_type.fp += sum((predicted_types - gold_types).values())
        for gold_type in gold_types - predicted_types:
            result.confusion[(gold_type, ",".join(sorted(predicted_types)) or "-")] += 1
        if missed or spurious:
            result.wrong.append({"id": record["id"], "text": record["text"],
                                 "gold": [f"{g['plover']} {g['source_text']} -> {g['target_text']}"
                                          for g in record["events"]],
                                 "predicted": [f"{pairs_type(e)} {e.source_text}({e.source}) -> "
                                               f"{e.target_text}({e.target}) {e.code} {e.modality} | {e.rule}"
                                               for e in events]})
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
