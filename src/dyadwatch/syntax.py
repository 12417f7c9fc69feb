"""Walking the dependency parse: the few moves every stage that reads syntax makes (children by
relation, the objects of a preposition, the words joined by "and"). No NLP library is imported
here: these read a parsed Doc's tokens through their attributes."""
from __future__ import annotations


__all__ = ["PREPOSITION_DEPS", "children_by", "is_form_of", "is_passive", "pobjs_of",
           "with_conjuncts"]

def with_conjuncts(token) -> list:
    """`token` and the words joined to it by "and" ("Jordan and Britain"); for a common noun,
    also the joined adjectives before it ("the Turkish and Greek sides", "US and British forces"):
    each names a side of its own."""
    out = [token]
    if token.pos_ == "NOUN":
        for modifier in token.children:
            if modifier.dep_ in ("amod", "compound", "nmod") and modifier.i < token.i \
                    and any(c.dep_ == "conj" for c in modifier.children):
                joined, stack = [], [modifier]
                while stack:
                    node = stack.pop()
                    joined.append(node)
                    stack.extend(c for c in node.children if c.dep_ == "conj" and c.pos_ in ("ADJ", "PROPN"))
                out.extend(sorted(joined, key=lambda t: t.i))
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN", "PRON"):
            out.extend(with_conjuncts(child))
        elif child.dep_ == "pobj" and token.pos_ == "ADP" and token.dep_ in ("nsubj", "nsubjpass", "dobj"):
            out.extend(with_conjuncts(child)[1:])  # a name misread as a preposition ("Barack" Obama)
    return out


def is_form_of(token, verbs: set[str]) -> bool:
    """The token is one of `verbs`, by its lemma or, when the lemmatizer slips ("staged" ->
    "stag"), by a regular inflection of its text."""
    if token.lemma_.lower() in verbs:
        return True
    text = token.lower_
    stems = {text[:-1], text[:-2], text[:-3], text[:-3] + "e"} if len(text) > 4 else set()
    return bool(stems & verbs) and text.endswith(("s", "d", "ing"))


def children_by(token, *deps: str) -> list:
    return [child for child in token.children if child.dep_ in deps]


# how a preposition hangs from its head ("agent": the "by" of a passive)
PREPOSITION_DEPS = ("prep", "dative", "agent")


def pobjs_of(token, preposition: str) -> list:
    out = []
    for prep in token.children:
        if prep.dep_ in PREPOSITION_DEPS and prep.lower_ == preposition:
            out.extend(children_by(prep, "pobj", "pcomp"))
    return out


def is_passive(token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
