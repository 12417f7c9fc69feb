"""The events stage: who did what to whom, when, and how sure.

    load_ontology()            the CAMEO code table (names, Goldstein, quad class, PLOVER)
    load_patterns(extra=...)   the verb and noun patterns (shipped files + user files)
    code_events(parsed, mentions)   Event records for one parsed article
    code_record({"id", "text", "date"?})  the `dyadwatch code --jsonl` contract
    evaluate_events(path)      scores against gold JSONL (PLOVER or CAMEO format)
    explain_text(text)         the parse, actors, triggers and why each was or was not coded
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ..records import Article, content_id, to_dict
from .coder import code_events
from .dates import resolve_date
from .evaluate import EventScores, evaluate_events
from .explain import explain_text
from .modality import modality_of
from .ontology import CameoCode, Ontology, load_ontology
from .patterns import PatternSet, load_patterns

__all__ = ["load_ontology", "load_patterns", "code_events", "code_record", "evaluate_events", "EventScores", "explain_text",
           "Ontology", "CameoCode", "PatternSet", "resolve_date", "modality_of"]


def _published(value: Any) -> datetime | None:
    if not value:
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


def code_record(record: dict) -> dict:
    """One `dyadwatch code --jsonl` line: input {"id", "text", "date"?} (a sentence or a
    paragraph), output {"id", "events": [Event as dict]}. Runs nlp and actors on the text."""
    from .. import nlp  # the stages before us, imported here so loading patterns stays cheap
    from ..actors import resolve_actors

    text = record.get("text") or ""
    article = Article(article_id=content_id(text), path=str(record.get("id", "")), body=text,
                      published=_published(record.get("date")))
    parsed = nlp.parse_article(article)
    mentions = resolve_actors(parsed)
    events = code_events(parsed, mentions)
    return {"id": record.get("id"), "events": [to_dict(event) for event in events]}
