"""Framing: how each outlet talks about each actor.

For every outlet and actor (country by default, full actor code on request):
- mentions: how often the outlet names the actor;
- tone: mean tone (−1 … +1) of the sentences naming the actor: VADER's compound score for
  English, the same sum-and-normalise over a Russian lexicon (`data/tone_ru.tsv`, matched on
  normal forms) for articles in Russian;
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
from .tables import DATA_DIR, PhraseMatcher, read_table, words

__all__ = ["FramingRow", "framing", "frame_sentences", "load_terms", "load_russian_tone", "russian_normal_form",
           "tone"]

RUSSIAN = "ru"  # the articles table's language code of Russian articles
# Words that turn the valence of the next word ("не осудила", "нет угрозы", "без успеха")
RUSSIAN_NEGATIONS = frozenset({"не", "нет", "без"})
# tone_ru.tsv keeps AFINN's −5 … +5 valences; VADER's lexicon and its normalisation use −4 … +4
AFINN_TO_VADER = 4 / 5


@dataclass(slots=True)
class FramingRow:
    outlet: str
    actor: str
    mentions: int
    tone: float  # mean tone (VADER compound, or its Russian counterpart) of the sentences naming the actor
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


def tone(sentence: str, language: str | None = None) -> float:
    """The tone of one sentence, −1 (negative) … +1 (positive), in the article's language:
    Russian by the Russian lexicon, anything else by VADER's compound score."""
    if language == RUSSIAN:
        return _russian_tone(sentence)
    return float(_analyzer().polarity_scores(sentence)["compound"])


@lru_cache(maxsize=4)
def load_russian_tone(path: str | None = None) -> dict[str, float]:
    """Normal form of a Russian word → its valence, −5 … +5 (`data/tone_ru.tsv`)."""
    return {r["lemma"]: float(r["valence"]) for r in read_table(path or DATA_DIR / "tone_ru.tsv")}


@lru_cache(maxsize=1)
def _morphology():
    # natasha's MorphVocab is pymorphy2's analyser (with the Python 3.11 fix natasha's yargy
    # applies to it): only the dictionary loads, none of natasha's models
    from natasha import MorphVocab

    return MorphVocab()


@lru_cache(maxsize=200_000)
def russian_normal_form(word: str) -> str:
    """A Russian word's normal form by pymorphy2's likeliest reading, lower case, ё written е
    (the lexicon and news spell it either way): "осудила" → "осудить"."""
    return _morphology().parse(word.lower())[0].normal_form.replace("ё", "е")


def _russian_tone(sentence: str) -> float:
    """VADER's formula over the Russian lexicon: the valences of the sentence's words, matched
    on normal forms, are summed and normalised as VADER's compound is; a word after a negation
    counts with VADER's negation factor (−0.74), so it flips and weakens."""
    from vaderSentiment.vaderSentiment import N_SCALAR, normalize

    lexicon = load_russian_tone()
    total, negated = 0.0, False
    for word in words(sentence):
        if word in RUSSIAN_NEGATIONS:
            negated = True
            continue
        valence = lexicon.get(russian_normal_form(word), 0.0) * AFINN_TO_VADER
        total += valence * N_SCALAR if negated else valence
        negated = False
    return round(normalize(total), 4) if total else 0.0


def _terms(matcher: PhraseMatcher, text: str) -> list[str]:
    return [p.text.rstrip("*") for p in matcher.find(text)]


def frame_sentences(store: Any, changed: Sequence[str], *, rebuild: bool = False) -> int:
    """Read tone and loaded terms of every sentence of the `changed` articles that names an
    actor, into the store; returns how many sentences."""
    matcher = load_terms()
    rows = [{"article_id": r["article_id"], "sentence_index": r["sentence_index"],
             "tone": tone(r["text"], r["language"]), "terms": _terms(matcher, r["text"]), "codes": list(r["codes"]),
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
