"""Framing: how each outlet talks about each actor.

For every outlet and actor (country by default, full actor code on request):
- mentions: how often the outlet names the actor;
- tone: mean VADER compound score (−1 … +1) of the sentences naming the actor;
- event_mix: the share of each CAMEO root among the events the outlet attributes to the
  actor as source (all modalities: an outlet that reports threats it says were denied
  still frames the actor as threatening);
- terms: the loaded terms (`data/loaded_terms.tsv`) in the sentences naming the actor.
Copies of syndicated articles are left out. Outlets without a name go by their URL's host,
else "unknown outlet" (analysis.sources.source_label).

Each sentence's tone and terms are read once, when `process` stores its article
(`frame_sentences`, table `framed_sentences`); `framing` is then one query.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Sequence

from .dyads import country_of
from .tables import DATA_DIR, PhraseMatcher, read_table

__all__ = ["FramingRow", "framing", "frame_sentences", "load_terms", "tone"]


@dataclass(slots=True)
class FramingRow:
    outlet: str
    actor: str
    mentions: int
    tone: float  # mean VADER compound of the sentences naming the actor
    event_mix: dict[str, float]  # CAMEO root → share of the actor's events as source
    terms: dict[str, int]  # loaded term → uses in sentences naming the actor


@lru_cache(maxsize=8)
def load_terms(path: str | None = None) -> PhraseMatcher:
    return PhraseMatcher.from_rows(read_table(path or DATA_DIR / "loaded_terms.tsv"), column="term",
                                   labels=("category",))


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def tone(sentence: str) -> float:
    """VADER's compound score of one sentence: −1 (negative) … +1 (positive)."""
    return float(_analyzer().polarity_scores(sentence)["compound"])


def _terms(matcher: PhraseMatcher, text: str) -> list[str]:
    return [p.text.rstrip("*") for p in matcher.find(text)]


def frame_sentences(store: Any, changed: Sequence[str], *, rebuild: bool = False) -> int:
    """Read tone and loaded terms of every sentence of the `changed` articles that names an
    actor, into the store; returns how many sentences."""
    matcher = load_terms()
    rows = [{"article_id": r["article_id"], "sentence_index": r["sentence_index"], "tone": tone(r["text"]),
             "terms": _terms(matcher, r["text"]), "codes": list(r["codes"]),
             "countries": [country_of(c) for c in r["codes"]]} for r in store.framing_sources(changed)]
    store.write_framed_sentences(rows, changed=changed, rebuild=rebuild)
    return len(rows)


def framing(store: Any, *, full_codes: bool = False, min_mentions: int = 1,
            terms_path: str | None = None) -> list[FramingRow]:
    """Rows per outlet and actor, outlets in name order, actors by mentions. With `terms_path`
    (a user's table with the columns of data/loaded_terms.tsv), terms are read anew from the
    sentences with that table."""
    texts = store.framing_texts(full_codes=full_codes) if terms_path else {}
    matcher = load_terms(terms_path) if terms_path else None
    rows = []
    for r in store.framing_rows(full_codes=full_codes, min_mentions=min_mentions):
        if matcher is not None:
            used = Counter(t for text in texts.get((r["outlet"], r["actor"]), []) for t in _terms(matcher, text))
            terms = dict(sorted(used.items(), key=lambda kv: (-kv[1], kv[0])))
        else:
            terms = dict(zip(r["terms"] or [], r["uses"] or []))
        total = sum(r["root_events"] or [])
        mix = {root: round(n / total, 3) for root, n in zip(r["roots"] or [], r["root_events"] or [])} if total else {}
        rows.append(FramingRow(outlet=r["outlet"], actor=r["actor"], mentions=r["mentions"],
                               tone=round(r["tone_sum"] / r["sentences"], 3), event_mix=mix, terms=terms))
    return rows
