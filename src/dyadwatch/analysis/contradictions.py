"""Contradictions: claims within one story that cannot both be true.

Reports from different articles contradict each other when
- one tells an act as done and the other denies it (same CAMEO root, asserted or alleged
  versus negated);
- they assert opposite outcomes by the same country (met versus refused to meet:
  roots marked `opposed` in `data/related_roots.tsv`);
- their wording takes opposite sides of one question (`data/contradiction_cues.tsv`:
  met versus "absence of meetings", attended versus stayed away, "constructive
  engagement" versus "failed visit"); cues are looked for in the evidence sentence and
  its neighbours, and an article that takes both sides of a question takes neither;
- they give different numbers for the same thing ("38 passengers" versus "37 passengers").
Each contradiction names what it is about and quotes both sentences.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from typing import Any, Sequence

from ..records import TOLD_AS_DONE
from .tables import DATA_DIR, PhraseMatcher, read_table, related_roots

__all__ = ["Report", "find_contradictions", "load_cues"]


@dataclass(frozen=True, slots=True)
class Report:
    """One event of a story as the contradiction finder sees it."""

    article_id: str
    outlet: str
    evidence: str  # the event's sentence
    modality: str
    root: str
    code: str
    passage: tuple[str, ...] = ()  # the sentence with its neighbours, in order
    source_country: str | None = None


@lru_cache(maxsize=8)
def load_cues(path: str | None = None) -> PhraseMatcher:
    rows = read_table(path or DATA_DIR / "contradiction_cues.tsv")
    return PhraseMatcher.from_rows(rows, column="cue", labels=("about", "side"))


def _side(report: Report) -> dict[str, Any]:
    return {"article_id": report.article_id, "outlet": report.outlet, "evidence": report.evidence}


def _quote(article_id: str, outlet: str, sentence: str) -> dict[str, Any]:
    return {"article_id": article_id, "outlet": outlet, "evidence": sentence}


_NUMBER = re.compile(r"\b(\d+(?:[.,]\d+)?)\s+(?:[a-z][a-z-]*\s+)?([a-z]{3,})\b")


def _numbers(sentence: str) -> dict[str, str]:
    """Counted things in a sentence: {'passengers': '38'} (years are not counts)."""
    found = {}
    for number, noun in _NUMBER.findall(sentence.lower()):
        if re.fullmatch(r"(1[89]|20)\d\d", number):
            continue
        found[noun.rstrip("s")] = number
    return found


def _told(report: Report) -> str:
    """"done" for an act told as done (by the writer or, alleged, by a speaker), else its modality."""
    return "done" if report.modality in TOLD_AS_DONE else report.modality


def find_contradictions(reports: Sequence[Report], *, cues_path: str | None = None) -> list[dict[str, Any]]:
    """Contradictions between reports of one story, each with both sentences."""
    from ..events.ontology import load_ontology

    ontology = load_ontology()
    roots = related_roots()
    found: dict[tuple[str, str, str], dict[str, Any]] = {}

    def add(about: str, a: dict[str, Any], b: dict[str, Any]) -> None:
        key = (about.split(":")[0], *sorted((a["article_id"], b["article_id"])))
        found.setdefault(key, {"about": about, "a": a, "b": b})

    for x, y in combinations(reports, 2):
        if x.article_id == y.article_id:
            continue
        if x.root == y.root and {_told(x), _told(y)} == {"done", "negated"}:
            name = ontology.get(x.code)
            what = name.name.lower() if name else f"CAMEO {x.root}"
            first, second = (x, y) if _told(x) == "done" else (y, x)
            add(f"whether it happened: {what} (asserted vs denied)", _side(first), _side(second))
        elif (_told(x) == _told(y) == "done" and roots.are_opposed(x.root, y.root)
              and x.source_country and x.source_country == y.source_country):
            nx, ny = ontology.get(x.code), ontology.get(y.code)
            add(f"outcome: {nx.name.lower() if nx else x.code} vs {ny.name.lower() if ny else y.code}",
                _side(x), _side(y))
        for noun, number in _numbers(x.evidence).items():
            other = _numbers(y.evidence).get(noun)
            if other and other != number:
                add(f"number of {noun}: {number} vs {other}", _side(x), _side(y))

    # Cue sides per article: {about: {side: (cue, sentence)}}.
    matcher = load_cues(cues_path)
    sides: dict[str, dict[str, dict[str, tuple[str, str]]]] = defaultdict(lambda: defaultdict(dict))
    outlets = {}
    for report in reports:
        outlets[report.article_id] = report.outlet
        for sentence in report.passage or (report.evidence,):
            for phrase in matcher.find(sentence):
                about, side = phrase.labels
                sides[report.article_id][about].setdefault(side, (phrase.text, sentence))
    for a, b in combinations(sorted(sides, key=lambda art: [r.article_id for r in reports].index(art)), 2):
        for about in sorted(set(sides[a]) & set(sides[b])):
            sa, sb = sides[a][about], sides[b][about]
            if len(sa) != 1 or len(sb) != 1 or set(sa) == set(sb):
                continue  # agreeing, or an article on both sides of the question
            (side_a, (cue_a, sent_a)), = sa.items()
            (side_b, (cue_b, sent_b)), = sb.items()
            add(f"{about}: “{cue_a.rstrip('*')}” vs “{cue_b.rstrip('*')}”",
                _quote(a, outlets[a], sent_a), _quote(b, outlets[b], sent_b))
    return list(found.values())
