"""Score actor resolution against PLOVER-style gold sentences (JSONL).

For each gold actor (an event's `source_text` / `target_text` with its `source` / `target`
code), is the mention over those words resolved to the gold country? The mention taken is
the one covering the phrase's syntactic head, else the first mention inside the phrase.
Countries are compared by their first three letters; the gold's JAP, ITL and VTN are JPN,
ITA and VNM; any organisation code (IGO, NGO, MNC, IMG, ISM) matches any other. Each
(sentence, words, code) is counted once; words not found in the sentence are skipped.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..nlp import parse_articles
from ..records import Article, Mention, as_datetime, content_id
from .dictionary import ActorDictionary, load_dictionary
from .resolver import resolve_actors

__all__ = ["ActorMiss", "ActorScores", "EntityScores", "evaluate_actors", "evaluate_entities", "is_entity_file",
           "score_entities", "score_records"]

GOLD_ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
ORGANISATIONS = {"IGO", "NGO", "MNC", "IMG", "ISM"}


@dataclass(frozen=True, slots=True)
class ActorMiss:
    """One gold actor not resolved to its country."""

    record_id: str
    words: str  # the gold actor's words
    gold: str  # normalised gold country (or "IGO")
    predicted: str | None  # normalised prediction, None when no mention
    mention: str | None  # the text of the mention taken, None when none
    text: str  # the sentence


@dataclass(slots=True)
class ActorScores:
    """How many gold actors resolve to the gold country."""

    total: int = 0
    right: int = 0
    with_mention: int = 0  # gold actors some mention overlaps
    records: int = 0
    misses: list[ActorMiss] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0

    @property
    def coverage(self) -> float:
        return self.with_mention / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"total": self.total, "right": self.right, "accuracy": round(self.accuracy, 4),
                "with_mention": self.with_mention, "coverage": round(self.coverage, 4),
                "records": self.records,
                "misses": [{"id": m.record_id, "words": m.words, "gold": m.gold,
                            "predicted": m.predicted, "mention": m.mention} for m in self.misses]}


def normalise(code: str | None) -> str | None:
    """A code as scored: its first three letters, gold aliases mapped, organisations as IGO."""
    if not code:
        return None
    prefix = GOLD_ALIASES.get(code[:3], code[:3])
    return "IGO" if prefix in ORGANISATIONS else prefix


def _mention_over(doc: Any, mentions: Sequence[Mention], start: int, end: int) -> Mention | None:
    inside = [m for m in mentions if m.char_start < end and start < m.char_end]
    if not inside:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None:
        head = span.root
        for m in inside:
            if m.char_start <= head.idx < m.char_end:
                return m
    return inside[0]


def _predicted(mention: Mention | None) -> str | None:
    if mention is None:
        return None
    if mention.code.startswith(tuple(ORGANISATIONS)):
        return normalise(mention.code)
    return normalise(mention.country)


def score_records(records: Iterable[dict], *, dictionary: ActorDictionary | None = None) -> ActorScores:
    """Score gold records ({"id", "text", "date"?, "events": [...]}) already read."""
    dictionary = dictionary or load_dictionary()
    records = list(records)
    articles = [Article(article_id=content_id(r["text"]), path=str(r.get("id", "")), body=r["text"],
                        published=as_datetime(r.get("date"), strict=False)) for r in records]
    scores = ActorScores(records=len(records))
    for record, parsed in zip(records, parse_articles(articles)):
        mentions = resolve_actors(parsed, dictionary=dictionary)
        seen: set[tuple[str, str]] = set()
        for event in record.get("events") or ():
            for side in ("source", "target"):
                gold, words = event.get(side), event.get(f"{side}_text")
                if not gold or not words or (words, gold) in seen:
                    continue
                seen.add((words, gold))
                start = record["text"].find(words)
                if start < 0:
                    continue
                scores.total += 1
                mention = _mention_over(parsed.doc, mentions, start, start + len(words))
                scores.with_mention += mention is not None
                predicted = _predicted(mention)
                if predicted == normalise(gold):
                    scores.right += 1
                else:
                    scores.misses.append(ActorMiss(str(record.get("id", "")), words, normalise(gold) or "",
                                                   predicted, mention.text if mention else None,
                                                   record["text"]))
    return scores


def evaluate_actors(path: str | Path, *, dictionary: ActorDictionary | None = None) -> ActorScores:
    """Score a PLOVER-style JSONL file of gold sentences (see the module docstring)."""
    with Path(path).open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return score_records(records, dictionary=dictionary)


# -- named entities (factRuEval-style records) -------------------------------------------------

# the gold entity types that name an actor-like thing: people, organisations, places and
# geopolitical names ("LocOrg": a place named as a body, "Москва заявила")
ENTITY_TYPES = {"Person": "PERSON", "Org": "ORG", "Location": "LOC", "LocOrg": "LOC"}


@dataclass(slots=True)
class EntityScores:
    """How many gold named entities a found name overlaps (recall), and how many found names
    overlap a gold entity (precision). Found names are the actor mentions that name someone (not
    a bare role noun) and the parse's entities; `coded` counts gold entities that an actor mention (a code) overlaps."""

    records: int = 0
    gold: int = 0
    found_gold: int = 0
    predicted: int = 0
    right_predicted: int = 0
    coded: int = 0
    by_type: dict[str, list[int]] = field(default_factory=dict)  # type -> [gold, found]

    @property
    def recall(self) -> float:
        return self.found_gold / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.right_predicted / self.predicted if self.predicted else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"records": self.records, "gold": self.gold, "recall": round(self.recall, 4),
                "predicted": self.predicted, "precision": round(self.precision, 4),
                "coded": self.coded, "coded_share": round(self.coded / self.gold, 4) if self.gold else 0.0,
                "by_type": {t: {"gold": g, "recall": round(f / g, 4) if g else 0.0}
                            for t, (g, f) in sorted(self.by_type.items())}}


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def score_entities(records: Iterable[dict], *, dictionary: ActorDictionary | None = None,
                   language: str = "ru") -> EntityScores:
    """Score records ({"id", "text", "entities": [{"type", "start", "end"}...]}) already read."""
    dictionary = dictionary or load_dictionary()
    records = list(records)
    articles = [Article(article_id=content_id(r["text"]), path=str(r.get("id", "")), body=r["text"],
                        language=language) for r in records]
    scores = EntityScores(records=len(records))
    for record, parsed in zip(records, parse_articles(articles)):
        mentions = resolve_actors(parsed, dictionary=dictionary)
        # a bare role ("власти", "журналисты": code ---GOV, ---MED) is an actor but names no one
        coded = [(m.char_start, m.char_end) for m in mentions if not m.code.startswith("---")]
        found = coded + [(e.start_char, e.end_char) for e in parsed.doc.ents
                         if not _overlaps(coded, e.start_char, e.end_char)]
        gold = [(e["start"], e["end"]) for e in record["entities"] if e["type"] in ENTITY_TYPES]
        for entity in record["entities"]:
            if entity["type"] not in ENTITY_TYPES:
                continue
            hit = _overlaps(found, entity["start"], entity["end"])
            scores.gold += 1
            scores.found_gold += hit
            scores.coded += _overlaps(coded, entity["start"], entity["end"])
            counts = scores.by_type.setdefault(entity["type"], [0, 0])
            counts[0] += 1
            counts[1] += hit
        scores.predicted += len(found)
        scores.right_predicted += sum(_overlaps(gold, s, e) for s, e in found)
    return scores


def is_entity_file(path: str | Path) -> bool:
    """Whether a gold file holds named entities (factRuEval-style) rather than events."""
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                return "entities" in json.loads(line)
    return False


def evaluate_entities(path: str | Path, *, dictionary: ActorDictionary | None = None) -> EntityScores:
    with Path(path).open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return score_entities(records, dictionary=dictionary)
