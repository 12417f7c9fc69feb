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
from ..syntax import children_by, dateline_end
from .words import word_set

__all__ = ["open_mention", "object_mention", "is_actor_like", "is_reciprocal", "dateline_end", "side_phrase"]

NOUNS_FILE = Path(__file__).with_name("data") / "open_actor_nouns.txt"
ENTITY_TYPES = {"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"}
# modifiers that are part of a name's phrase ("the Munich I Regional Court", "Nearly 70 countries")
PHRASE_DEPS = {"compound", "amod", "nmod", "poss", "nummod", "quantmod", "det", "case", "punct"}
LEADING_WORDS = {"the", "a", "an", "this", "that", "these", "those"}
TIME_NOUNS = word_set("time_nouns")


@lru_cache(maxsize=1)
def _nouns() -> frozenset[str]:
    lines = NOUNS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


NOT_ACTOR_ENTITIES = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}


def is_actor_like(token: Any) -> bool:
    """A proper name, a person, organisation, nationality or place, a noun naming a body, or a
    plural noun of a nationality ("European allies", "Ethiopian troops")."""
    if token.pos_ not in ("PROPN", "NOUN"):
        return False
    if token.ent_type_ in ENTITY_TYPES:
        return True
    if token.pos_ == "PROPN":
        # a name is written with a capital: "a rollover trade deal" tagged PROPN names no one
        # (unless the whole sentence is in lower case)
        return token.ent_type_ not in NOT_ACTOR_ENTITIES and not (
            token.is_lower and any(t.is_alpha and not t.is_lower for t in token.sent))
    if token.lemma_.lower() in _nouns() or _is_acronym(token):
        return True
    return token.tag_ == "NNS" and any(c.dep_ == "amod" and c.ent_type_ in ("NORP", "GPE") for c in token.children)


def _is_acronym(token: Any) -> bool:
    """"ICE returned the paintings", "the ACLU is suing": capitals the tagger reads as a common noun
    name a body, unless the whole sentence is set in capitals (a headline)."""
    text = token.text
    return 2 <= len(text) <= 6 and text.isalpha() and text.isupper() and \
        any(t.is_alpha and not t.is_upper for t in token.sent)


# how an actor inside a phrase hangs from its head: "a U.S. Supreme Court decision", "the regime's
# attacks", "the resolution proposed by the Security Council", "members of the opposition"
INNER_DEPS = {"compound", "nmod", "poss", "appos", "pobj", "agent", "acl", "prep"}
INNER_DEPTH = 3


# a thing in a place is not the place: "talks in Moscow" names no actor (the prepositions that
# only say where; not all of the resolver's "locative" set: "inside"/"outside" phrases still name)
WHERE_PREPOSITIONS = {"in", "at", "near"}


def _leads_inside(child: Any) -> bool:
    return child.dep_ in INNER_DEPS and not (child.dep_ == "prep" and child.lower_ in WHERE_PREPOSITIONS)


def open_mention(token: Any, *, search_children: bool = True) -> Mention | None:
    """An open actor for the phrase headed by `token`, or None when it is not actor-like. With
    `search_children`, a head that is not ("decision" in "a U.S. Supreme Court decision") is
    resolved through the actor-like words of its own phrase, nearest first."""
    if is_actor_like(token):
        return _phrase(token)
    if not search_children or token.pos_ not in ("NOUN", "PROPN"):
        return None
    queue = [(child, 1) for child in token.children if _leads_inside(child)]
    while queue:
        child, depth = queue.pop(0)
        if child.dep_ not in ("prep", "agent", "acl") and is_actor_like(child):
            return _phrase(child)
        if depth < INNER_DEPTH:
            queue.extend((grand, depth + 1) for grand in child.children if _leads_inside(grand))
    return None


def is_reciprocal(token: Any) -> bool:
    """"other" in "each other", "another" in "one another"."""
    return token.lower_ in ("other", "another") and token.i > 0 and token.doc[token.i - 1].lower_ in ("each", "one")


def object_mention(token: Any) -> Mention | None:
    """What an act is aimed at when no actor is named ("threatened to shell the Christmas tree"):
    the noun phrase headed by `token`, kept as a side with basis "object" and no code."""
    if is_reciprocal(token):  # "accused each other": told as what it is; the coder pairs the subjects
        doc = token.doc
        return Mention(article_id="", sentence_index=-1, char_start=doc[token.i - 1].idx,
                       char_end=token.idx + len(token), text=doc[token.i - 1:token.i + 1].text,
                       code="", country=None, role=None, basis="object")
    if token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL") \
            or token.lemma_.lower() in TIME_NOUNS:
        return None
    mention = _phrase(token)
    mention.basis = "object"
    return mention


def _phrase(token: Any) -> Mention:
    """The mention of the noun phrase headed by `token`: its name with the words before it."""
    start = token.i
    for child in token.children:
        if child.i < token.i and child.dep_ in PHRASE_DEPS:
            start = min(start, child.left_edge.i)
    doc = token.doc
    while start < token.i and (doc[start].lower_ in LEADING_WORDS or doc[start].is_punct):
        start += 1
    first, last = doc[start], token
    return Mention(article_id="", sentence_index=-1, char_start=first.idx, char_end=last.idx + len(last),
                   text=doc[first.i:last.i + 1].text, code="", country=None, role=None,
                   basis="open")



# parts of a noun's subtree that are clauses or other sides of their own, not its name
NOT_THE_PHRASE = {"relcl", "acl", "advcl", "conj", "cc", "parataxis", "ccomp", "xcomp", "punct", "prep"}
# prepositions whose phrase is part of the name of a side ("the police in the Gaza Strip",
# "the Ministry of Health of Ethiopia", "ICE in Miami")
NAMING_PREPOSITIONS = {"of", "in", "from", "for", "at"}
PHRASE_WORDS = 14


def side_phrase(token: Any) -> tuple[int, int]:
    """The character span of the noun phrase headed by `token` as a side of an event: the head
    with its modifiers, appositions and naming prepositional phrases ("the police in the Gaza
    Strip"), without its clauses or its conjuncts (each of those is a side of its own)."""
    first, last = token.i, token.i
    for child in token.children:
        if child.dep_ in NOT_THE_PHRASE and not (child.dep_ == "prep" and child.lower_ in NAMING_PREPOSITIONS
                                                  and child.i > token.i):
            continue
        if child.dep_ == "prep" and any(c.dep_ in ("relcl", "acl") for c in child.subtree if c is not child):
            continue
        left = child.left_edge.i
        joined = children_by(child, "conj") if child.dep_ == "poss" else []
        if joined:
            # "[Russia and Armenia]'s government": each joined possessor before the last is a side
            # of its own, not a word of this one's phrase
            left = joined[-1].left_edge.i
        first, last = min(first, left), max(last, child.right_edge.i)
    doc = token.doc
    if last - first + 1 > PHRASE_WORDS:
        first, last = min(first, token.i), token.i
    while first < token.i and (doc[first].is_punct or doc[first].lower_ in LEADING_WORDS):
        first += 1
    while last > token.i and doc[last].is_punct:
        last -= 1
    return doc[first].idx, doc[last].idx + len(doc[last])
