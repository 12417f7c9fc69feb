"""Whether an article, and each of its sentences, tells political interaction.

    load_relevance_model(path=None) -> RelevanceModel | None
    RelevanceModel.of(parsed, mentions) -> Relevance   the article's topic and score, each sentence's score
    terms(tokens) -> list[str]                    what the model reads of a run of tokens
    actor_terms(mentions) -> list[str]            what it reads of the actors stage's mentions
    sentence_terms(doc, mentions) -> [[str]]      both, sentence by sentence

The model is a logistic regression over TF-IDF weighted terms (lemmas of the content words, the
kinds of entity named, and the kinds of actor the actors stage found), trained by `make train` (relevance/training.py, scikit-learn) on
political gold sentences and the non-political pages of ../shared/eval. An article is scored on
all its terms at once, a sentence on its own: a page about a game is sport even where one of its
sentences ("Russia beat Croatia") would read as war alone.

Besides the terms themselves, the model reads what they mean: the mean of their word vectors
(spaCy's en_core_web_md vectors, at training time only), so that a page about tennis is sport
although no training page was about tennis. The model is linear in that mean, so the training
folds it into one number a word (`meaning`: the vector's dot product with the weights), and
reading an article needs no vectors: the mean of its words' numbers is the same sum.

Like the decision model, the weights are a JSON file read in plain Python: the TF-IDF transform
is sublinear term frequency times the inverse document frequency the training fitted, normalised
to unit length (scikit-learn's TfidfVectorizer with sublinear_tf=True), then a dot product.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from ..records import ParsedArticle, Relevance

__all__ = ["RelevanceModel", "load_relevance_model", "terms", "actor_terms", "sentence_terms", "MODEL_PATH", "POLITICS", "OTHER"]

MODEL_PATH = Path(__file__).parent / "data" / "relevance_model.json"
POLITICS, OTHER = "politics", "other"
# entity kinds whose presence, not name, is read ("a country is named", "a person is named")
ENTITY_KINDS = {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "MONEY",
                "PERCENT", "QUANTITY"}


def terms(tokens: Iterable) -> list[str]:
    """The terms of a run of spaCy tokens: each alphabetic word that is not a stop word, as its
    lower-case lemma, and "ENT:<kind>" once for each entity that starts there."""
    out = []
    for token in tokens:
        if token.ent_iob_ == "B" and token.ent_type_ in ENTITY_KINDS:
            out.append("ENT:" + token.ent_type_)
        if token.is_alpha and not token.is_stop and len(token) > 1:
            out.append(token.lemma_.lower())
    return out


def actor_terms(mentions: Iterable) -> list[str]:
    """What the actors stage found, as terms: "ACTOR:GOV" for a government, "ACTOR:MIL" for an
    army..., "ACTOR:IGO" for an international body, "ACTOR:STATE" for a country named alone. A
    sentence naming two governments is politics however short it is ("Baku broke off talks with
    Yerevan"); a country named alone is as often a team."""
    out = []
    states_acting = set()  # countries named by a role of theirs: "Baku" (its government), "Russian troops"
    for mention in mentions:
        code = mention.code or ""
        if code.startswith(("IGO", "NGO")):
            out.append("ACTOR:IGO")
        elif mention.role:
            out.append("ACTOR:" + mention.role)
            if mention.country:
                states_acting.add(mention.country)
        elif mention.country:
            out.append("ACTOR:STATE")
    if len(states_acting) > 1:
        out.append("ACTOR:TWO_STATES")  # the organs of two states in one sentence: relations between them
    return out


def sentence_terms(doc, mentions: Iterable = ()) -> list[list[str]]:
    """The terms of each sentence the nlp stage kept (not blank, so index k is Sentence k): its
    words, and the actors of `mentions` found in it. What the model reads, and what it is trained on."""
    by_index: dict[int, list] = {}
    for mention in mentions:
        by_index.setdefault(mention.sentence_index, []).append(mention)
    return [terms(sent) + actor_terms(by_index.get(k, ()))
            for k, sent in enumerate(s for s in doc.sents if s.text.strip())]


def mean_meaning(words: list[str], meaning: dict[str, float]) -> float:
    """The mean of the words' numbers (over the words that have one; 0 when none has)."""
    known = [meaning[w] for w in words if w in meaning]
    return sum(known) / len(known) if known else 0.0


@dataclass(frozen=True, slots=True)
class RelevanceModel:
    """Per term, its inverse document frequency and weight; the bias; the thresholds (chosen by
    cross-validation) below which an article, or a sentence of a political article, is not
    political."""

    idf: dict[str, float]
    weight: dict[str, float]
    meaning: dict[str, float]
    bias: float
    article_threshold: float
    sentence_threshold: float
    provenance: dict | None = None

    @classmethod
    def from_dict(cls, data: dict) -> "RelevanceModel":
        terms_ = data["terms"]
        return cls(idf={t: v[0] for t, v in terms_.items()}, weight={t: v[1] for t, v in terms_.items()},
                   meaning=data.get("meaning", {}), bias=data["bias"], article_threshold=data["article_threshold"],
                   sentence_threshold=data["sentence_threshold"], provenance=data.get("provenance"))

    def score(self, words: Iterable[str]) -> float:
        """P(political) of a bag of terms."""
        words = list(words)
        z = self.bias + mean_meaning(words, self.meaning)
        counts = Counter(w for w in words if w in self.idf)
        if counts:
            values = {w: (1 + math.log(n)) * self.idf[w] for w, n in counts.items()}
            norm = math.sqrt(sum(v * v for v in values.values()))
            z += sum(v * self.weight[w] for w, v in values.items()) / norm
        return 1 / (1 + math.exp(-z))

    def of(self, parsed: ParsedArticle, mentions: Iterable = ()) -> Relevance:
        """The article's topic and score, and each sentence's score (in sentence order), from its
        words and the actors the actors stage found in it (`mentions`)."""
        by_sentence = sentence_terms(parsed.doc, mentions)
        article = self.score(t for words in by_sentence for t in words)
        return Relevance(topic=POLITICS if article >= self.article_threshold else OTHER, score=round(article, 4),
                         sentences=[round(self.score(words), 4) for words in by_sentence],
                         sentence_threshold=self.sentence_threshold)


@lru_cache(maxsize=4)
def _load(path: str) -> RelevanceModel | None:
    file = Path(path)
    if not file.exists():
        return None
    return RelevanceModel.from_dict(json.loads(file.read_text(encoding="utf-8")))


def load_relevance_model(path: str | Path | None = None) -> RelevanceModel | None:
    """The relevance model at `path` (default: the shipped one), loaded once; None when there is
    no such file (every article is then taken as political)."""
    return _load(str(path or MODEL_PATH))
