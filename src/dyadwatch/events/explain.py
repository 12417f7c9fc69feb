"""Why a sentence gave the events it gave: the parse, the actors, every trigger and its fate.

    explain_text(text, *, date=None) -> dict    what `dyadwatch explain "SENTENCE"` shows
"""
from __future__ import annotations

from typing import Any

from ..records import Article, as_datetime, content_id, to_dict
from .coder import code_events

__all__ = ["explain_text"]


def explain_text(text: str, *, date: Any = None) -> dict:
    """Parse `text`, resolve its actors and code it, keeping the coder's decisions.

    Returns {"text", "date", "sentences": [{"index", "text", "tokens", "mentions", "triggers",
    "events"}]}: tokens with lemma, part of speech, dependency and head; each trigger with its
    pattern, code and the decision taken ("coded", "not coded: ..."); the events as dicts."""
    from .. import nlp
    from ..actors import resolve_actors

    article = Article(article_id=content_id(text), path="explain", body=text, published=as_datetime(date))
    parsed = nlp.parse_article(article)
    mentions = resolve_actors(parsed)
    trace: list[dict] = []
    events = code_events(parsed, mentions, trace=trace)
    sentences = []
    for sentence, sent in zip(parsed.sentences, parsed.doc.sents):
        sentences.append({
            "index": sentence.index,
            "text": sentence.text,
            "tokens": [{"i": t.i - sent.start, "text": t.text, "lemma": t.lemma_, "pos": t.pos_, "dep": t.dep_,
                        "head": t.head.i - sent.start} for t in sent],
            "mentions": [{"text": m.text, "code": m.code, "start": m.char_start, "end": m.char_end}
                         for m in mentions if m.sentence_index == sentence.index],
            "triggers": [{k: v for k, v in step.items() if k != "sentence_index"}
                         for step in trace if step["sentence_index"] == sentence.index],
            "events": [to_dict(e) for e in events if e.sentence_index == sentence.index],
        })
    return {"text": text, "date": article.published.date().isoformat() if article.published else None,
            "sentences": sentences}
