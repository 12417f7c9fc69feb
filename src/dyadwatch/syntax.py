"""Walking the dependency parse: the few moves every stage that reads syntax makes (children by
relation, the objects of a preposition, the words joined by "and"). No NLP library is imported
here: these read a parsed Doc's tokens through their attributes."""
from __future__ import annotations


__all__ = ["PREPOSITION_DEPS", "DATELINE_WORDS", "children_by", "dateline_end", "is_form_of", "is_passive",
           "pobjs_of", "with_conjuncts"]

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
            elif modifier.dep_ in ("amod", "compound", "nmod") and modifier.i < token.i \
                    and any(c.dep_ == "cc" for c in modifier.children):
                # "UK and EU negotiators", parsed as two modifiers of the noun with the "and" under the first
                out.extend(t for t in token.children if t.dep_ in ("amod", "compound", "nmod")
                           and modifier.i <= t.i < token.i and t.pos_ in ("ADJ", "PROPN"))
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


DASHES = {"-", "--", "—", "–"}
STRONG_SEPARATORS = {"--", "—", "–", ":"}  # after a place in title case ("Lucknow:", "Harare --")
AGENCIES = {"Reuters", "AP", "AFP"}
DATELINE_WORDS = 8


def dateline_end(tokens) -> int:
    """Where a wire dateline opening these tokens ends (the separator's character offset), or -1:
    "THE HAGUE, Netherlands --", "KABUL -", "Reuters KHARTOUM (Reuters) --", "PARIS (Reuters) - ",
    "Lucknow: ", "Harare, Zimbabwe - ", "CAIRO (AP) \" " (a mis-encoded dash). A dateline is a
    capitalised run of names before a dash or colon within its first words; a run in title case
    needs a colon, a long dash or a comma ("Russia - Armenia relations" is no dateline). Reads
    token text only, so the parser's own sentence boundaries can be set from it."""
    tokens = list(tokens[:DATELINE_WORDS + 1])
    if not tokens:
        return -1
    first = tokens[0].text
    shouted = (first.isupper() and len(first) > 1) or first in AGENCIES
    if not (shouted or first.istitle()):
        return -1
    comma = False
    for previous, token in zip(tokens, tokens[1:]):
        text = token.text
        if text in DASHES or text == ":" or (text == '"' and previous.text == ")"):
            return token.idx if shouted or comma or text in STRONG_SEPARATORS else -1
        comma = comma or text == ","
        if not (token.is_punct or token.like_num or text[:1].isupper()):
            return -1
    return -1
