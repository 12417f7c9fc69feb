"""Why a sentence gave the events it gave: the parse, the actors, every trigger and its fate.

    explain_text(text, *, date=None, dictionary=None, patterns=None, ontology=None,
                 decider="shipped") -> dict    what `dyadwatch explain "SENTENCE"` shows

The stages are parameters, so an explanation runs through the very stages that coded the
sentence elsewhere (`dyadwatch.pipeline.Analyser.explain` passes its own, with the user's
dictionaries and patterns); left out, each is the shipped one. This module sits below the
pipeline and does not import it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..records import Article, as_datetime, content_id, to_dict
from .coder import code_events

if TYPE_CHECKING:
    from ..actors import ActorDictionary
    from .decisions import DecisionModel
    from .ontology import Ontology
    from .patterns import PatternSet

__all__ = ["explain_text"]


def explain_text(text: str, *, date: Any = None, dictionary: ActorDictionary | None = None,
                 patterns: PatternSet | None = None, ontology: Ontology | None = None,
                 decider: DecisionModel | None | str = "shipped", relevance_model: Any = None,
                 russian_table: Any = None) -> dict:
    """Parse `text`, resolve its actors and code it, keeping the coder's decisions.

    `dictionary`, `patterns`, `ontology` and `decider` are the stages, as `code_events` takes
    them (None: the shipped ones; `decider=None` keeps the patterns' codes); `relevance_model`
    (a relevance.RelevanceModel, or None: every sentence taken as political) judges the text.
    Russian text is parsed by natasha and coded by `russian_table` (None: the shipped one).

    Returns {"text", "date", "topic", "topic_score", "sentences": [{"index", "text", "political", "tokens", "mentions", "triggers",
    "events"}]}: tokens with lemma, part of speech, dependency and head; each trigger with its
    pattern, code and the decision taken ("coded", "not coded: ..."); the events as dicts."""
    from .. import nlp
    from ..actors import resolve_actors

    from ..clean import detect_language
    from .russian import code_russian

    russian = detect_language(text) == nlp.RUSSIAN  # told by its script, as `code` tells it
    article = Article(article_id=content_id(text), path="explain", body=text, published=as_datetime(date),
                      language=nlp.RUSSIAN if russian else None)
    parsed = nlp.parse_article(article)
    places: list = []
    mentions = resolve_actors(parsed, dictionary=dictionary, places=places)
    trace: list[dict] = []
    relevance = relevance_model.of(parsed, mentions) if relevance_model is not None and not russian else None
    if russian:
        events = code_russian(parsed, mentions, table=russian_table, ontology=ontology, trace=trace)
    else:
        events = code_events(parsed, mentions, patterns=patterns, ontology=ontology, decider=decider, trace=trace,
                             relevance=relevance, places=places)
    sentences = []
    for sentence, sent in zip(parsed.sentences, parsed.doc.sents):
        sentences.append({
            "index": sentence.index,
            "text": sentence.text,
            "political": relevance.sentences[sentence.index] if relevance and sentence.index < len(relevance.sentences)
            else None,
            "tokens": [{"i": t.i - sent.start, "text": t.text, "lemma": t.lemma_, "pos": t.pos_, "dep": t.dep_,
                        "head": t.head.i - sent.start} for t in sent],
            "mentions": [{"text": m.text, "code": m.code, "start": m.char_start, "end": m.char_end}
                         for m in mentions if m.sentence_index == sentence.index],
            "triggers": [{k: v for k, v in step.items() if k != "sentence_index"}
                         for step in trace if step["sentence_index"] == sentence.index],
            "events": [to_dict(e) for e in events if e.sentence_index == sentence.index],
        })
    return {"text": text, "date": article.published.date().isoformat() if article.published else None,
            "topic": relevance.topic if relevance else None, "topic_score": relevance.score if relevance else None,
            "sentences": sentences}
