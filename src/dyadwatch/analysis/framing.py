"""Framing: how each outlet talks about each actor.

For every outlet and actor (country by default, full actor code on request):
- mentions: how often the outlet names the actor;
- tone: mean VADER compound score (−1 … +1) of the sentences naming the actor;
- event_mix: the share of each CAMEO root among the events the outlet attributes to the
  actor as source (all modalities: an outlet that reports threats it says were denied
  still frames the actor as threatening);
- terms: the loaded terms (`data/loaded_terms.tsv`) in the sentences naming the actor.
Copies of syndicated articles are left out. Outlets without a name go by their domain
or file name (analysis.sources.source_label).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Mapping

from .dyads import country_of
from .sources import source_label
from .tables import DATA_DIR, PhraseMatcher, read_table

__all__ = ["FramingRow", "framing", "framing_from_store", "load_terms", "tone"]


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


def framing(*, articles: Iterable[Mapping[str, Any]], sentences: Iterable[Mapping[str, Any]],
            mentions: Iterable[Mapping[str, Any]], events: Iterable[Mapping[str, Any]],
            full_codes: bool = False, min_mentions: int = 1, terms_path: str | None = None) -> list[FramingRow]:
    """Rows per outlet and actor, outlets in name order, actors by mentions."""
    outlet_of = {a["article_id"]: source_label(a) for a in articles if not a.get("duplicate_of")}
    texts = {(s["article_id"], s["sentence_index"]): s["text"] for s in sentences}

    def actor(code: str | None) -> str | None:
        return (code or None) if full_codes else country_of(code)

    counts: Counter[tuple[str, str]] = Counter()
    named_in: dict[tuple[str, str], set[tuple[str, int]]] = defaultdict(set)
    for m in mentions:
        outlet, who = outlet_of.get(m["article_id"]), actor(m["code"])
        if outlet is None or who is None:
            continue
        counts[(outlet, who)] += 1
        named_in[(outlet, who)].add((m["article_id"], m["sentence_index"]))
    roots: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for e in events:
        outlet, who = outlet_of.get(e["article_id"]), actor(e.get("source"))
        if outlet and who:
            roots[(outlet, who)][e["root"]] += 1

    matcher = load_terms(terms_path)
    tones: dict[tuple[str, int], float] = {}
    rows = []
    for (outlet, who), n in counts.items():
        if n < min_mentions:
            continue
        keys = sorted(named_in[(outlet, who)])
        scores = []
        used: Counter[str] = Counter()
        for key in keys:
            text = texts.get(key)
            if not text:
                continue
            if key not in tones:
                tones[key] = tone(text)
            scores.append(tones[key])
            used.update(p.text.rstrip("*") for p in matcher.find(text))
        mix = roots.get((outlet, who), Counter())
        total = sum(mix.values())
        rows.append(FramingRow(
            outlet=outlet, actor=who, mentions=n,
            tone=round(sum(scores) / len(scores), 3) if scores else 0.0,
            event_mix={r: round(c / total, 3) for r, c in sorted(mix.items())} if total else {},
            terms=dict(sorted(used.items(), key=lambda kv: (-kv[1], kv[0])))))
    rows.sort(key=lambda r: (r.outlet.lower(), -r.mentions, r.actor))
    return rows


def framing_from_store(store: Any, **options: Any) -> list[FramingRow]:
    return framing(articles=store.articles(),
                   sentences=store.rows("SELECT article_id, sentence_index, text FROM sentences"),
                   mentions=store.mentions(), events=store.events(), **options)
