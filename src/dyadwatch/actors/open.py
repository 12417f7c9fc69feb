"""Open actors: a side of an event that no dictionary holds (a company, an NGO, a court, a
person), kept with its words and a null code, so the event is not lost with it.

    open_mention(token) -> Mention | None

A word is actor-like when it is a proper name, an entity the parser tags as a person,
organisation, nationality or place, or a common noun that names a body that can act
(`data/open_actor_nouns.txt`: "company", "court", "countries"). The mention covers its noun
phrase: the name with the words before it that belong to it ("Munich I Regional Court").
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from ..records import Mention

__all__ = ["open_mention", "is_actor_like"]

NOUNS_FILE = Path(__file__).with_name("data") / "open_actor_nouns.txt"
ENTITY_TYPES = {"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"}
# modifiers that are part of a name's phrase ("the Munich I Regional Court", "Nearly 70 countries")
PHRASE_DEPS = {"compound", "amod", "nmod", "poss", "nummod", "quantmod", "det", "case", "punct"}
LEADING_WORDS = {"the", "a", "an", "this", "that", "these", "those"}


@lru_cache(maxsize=1)
def _nouns() -> frozenset[str]:
    lines = NOUNS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def is_actor_like(token: Any) -> bool:
    if token.pos_ not in ("PROPN", "NOUN"):
        return False
    if token.pos_ == "PROPN" or token.ent_type_ in ENTITY_TYPES:
        return token.ent_type_ not in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL")
    return token.lemma_.lower() in _nouns()


def open_mention(token: Any) -> Mention | None:
    """An open actor for the phrase headed by `token`, or None when it is not actor-like."""
    if not is_actor_like(token):
        return None
    start = token.i
    for child in token.children:
        if child.i < token.i and child.dep_ in PHRASE_DEPS:
            start = min(start, child.left_edge.i)
    doc = token.doc
    while start < token.i and (doc[start].lower_ in LEADING_WORDS or doc[start].is_punct):
        start += 1
    first, last = doc[start], token
    return Mention(article_id="", sentence_index=-1, char_start=first.idx, char_end=last.idx + len(last),
                   text=doc.text[first.idx:last.idx + len(last)], code="", country=None, role=None,
                   basis="open")
