"""Actors in Russian text: the same tables and codes as English, matched on case forms.

The tables' Russian names are keyed by the word each form is of (`ActorDictionary.word_forms`:
"армении" -> "армения", "пашиняна" -> "пашинян"), so every case form of a name finds its actor,
and one actor id serves both languages (Лавров is SERGEY_LAVROV, whose dated codes say what he
was on the article's day). A mention is composed as Russian news writes titles:

    министр иностранных дел России Сергей Лавров   role, country (genitive), name -> RUSGOV
    российский президент / армянская сторона      country adjective, role -> RUSGOV / ARM
    Пашинян, Армения, Кремль, ОДКБ                a name alone: its own code
"""
from __future__ import annotations

import bisect
from datetime import date
from typing import Any

from ..records import Mention, ParsedArticle
from .dictionary import ActorDictionary, load_dictionary, split_code

__all__ = ["RussianIndex", "resolve_russian"]

# third-person pronouns that stand for an actor named before ("Он встретился с ...")
PERSONAL_PRONOUNS = frozenset({"он", "она", "они"})
ANTECEDENT_SENTENCES = 2  # how far back a pronoun's actor is looked for

NAMED_KINDS = ("person", "capital", "seat", "media", "org", "group", "country", "place")


def _pieces(tokens: list[Any], keys: list[str], dictionary: ActorDictionary) -> list[tuple[int, int, str, list[str]]]:
    """Longest names and role nouns, left to right: (start, end, kind, actor ids)."""
    found = []
    i = 0
    while i < len(tokens):
        best = None
        for length, ids in dictionary.names_at(keys, i):
            kinds = {dictionary.actors[a].kind for a in ids}
            kind = next((k for k in NAMED_KINDS if k in kinds), "org")
            if kind == "place" or not (tokens[i].text[:1].isupper()
                                       or all(tokens[j].pos_ == "ADJ" for j in range(i, i + length))):
                # a town's name, or a common word that is a name written small ("того" is no Togo,
                # "чили" no Chile): Russian capitalises a name's first word ("Следственный
                # комитет"); a country's adjective is written small ("армянские")
                continue
            best = (i, i + length, kind, list(ids))
        for length, ids in dictionary.agents_at(keys, i):
            if tokens[i + length - 1].pos_ not in ("NOUN", "PROPN"):
                continue  # a role noun's form that is another word: "после" (after), not "посол"
            if best is None or length > best[1] - best[0]:
                best = (i, i + length, "agent", list(ids))
        if best is None:
            i += 1
            continue
        found.append(best)
        i = best[1]
    return found


def _code(ids: list[str], dictionary: ActorDictionary, day: date | None) -> tuple[str | None, str | None]:
    entry = max((dictionary.actors[a] for a in ids), key=lambda e: e.priority)
    return entry.code_on(day), entry.actor_id


def resolve_russian(parsed: ParsedArticle, *, dictionary: ActorDictionary | None = None,
                    day: date | None = None) -> list[Mention]:
    """The actor mentions of a Russian article, in text order, with offsets into its body; the
    codes persons held on `day` (the article's)."""
    dictionary = dictionary or load_dictionary()
    starts = [s.char_start for s in parsed.sentences]
    mentions: list[Mention] = []
    for sent in parsed.doc.sents:
        tokens = [t for t in sent if not t.is_space]
        if not tokens:
            continue
        index = max(0, bisect.bisect_right(starts, sent.start_char) - 1)
        keys = [dictionary.russian_key(t.text) for t in tokens]
        pieces = _pieces(tokens, keys, dictionary)
        k = 0
        while k < len(pieces):
            start, end, kind, ids = pieces[k]
            run_end, code, actor_id = end, None, None
            if kind == "agent":
                role = dictionary.role_of_agent(ids[0])
                nxt = pieces[k + 1] if k + 1 < len(pieces) else None
                before = pieces[k - 1] if k > 0 else None
                country = None
                # "министр обороны России": the country (or body) in the genitive right after the role
                if nxt and nxt[2] in ("country", "capital", "org") and nxt[0] - end <= 1:
                    body = _code(nxt[3], dictionary, day)[0] or ""
                    run_end, k = nxt[1], k + 1
                    if nxt[2] == "org" and body:
                        # "официальный представитель Следственного комитета": one who speaks or
                        # works for a body is of it (RUSJUD), not of its country's government
                        code = body
                    country = split_code(body)[0]
                # "российский министр": a country's adjective right before it
                elif before and before[2] == "country" and before[1] == start and tokens[before[0]].pos_ == "ADJ":
                    country = split_code(_code(before[3], dictionary, day)[0] or "")[0]
                    start = before[0]
                    if mentions and mentions[-1].char_start == tokens[before[0]].idx:
                        mentions.pop()  # the adjective was taken as the country alone
                code = code or (country or "---") + role
                nxt = pieces[k + 1] if k + 1 < len(pieces) else None
                if nxt and nxt[2] == "person" and nxt[0] == run_end:  # "... Сергей Лавров": who holds it
                    person, actor_id = _code(nxt[3], dictionary, day)
                    code = person or code
                    run_end, k = nxt[1], k + 1
            else:
                code, actor_id = _code(ids, dictionary, day)
            k += 1
            if not code:
                continue
            first, last = tokens[start], tokens[run_end - 1]
            country, role = split_code(code)
            mentions.append(Mention(article_id=parsed.article.article_id, sentence_index=index,
                                    char_start=first.idx, char_end=last.idx + len(last.text),
                                    text=parsed.doc.text[first.idx:last.idx + len(last.text)], code=code,
                                    country=country, role=role, actor_id=actor_id))
    return mentions


def _named(code: str | None) -> bool:
    return bool(code) and not code.startswith("---")


class RussianIndex:
    """The mentions of one Russian article, looked up by the tokens of its parse: what names the
    phrase a word heads, and whom a pronoun stands for (the events stage asks; the answers are
    the actors stage's)."""

    def __init__(self, mentions: list[Mention], doc: Any):
        self._mentions = sorted(mentions, key=lambda m: (m.char_start, -m.char_end))
        self._starts = [m.char_start for m in self._mentions]
        self._doc = doc
        self._sentence_starts: list[int] | None = None

    def covering(self, token) -> Mention | None:
        i = bisect.bisect_right(self._starts, token.idx) - 1  # mentions do not overlap
        if i >= 0 and token.idx < self._mentions[i].char_end:
            return self._mentions[i]
        return None

    def of(self, token) -> Mention | None:
        """The mention naming the phrase headed by `token`: its own, else one of its modifiers'
        (an adjective, a bare genitive, an apposition: "представитель МИД России"), a named actor
        winning over a bare role; a third-person pronoun's is its antecedent's."""
        if token.pos_ == "PRON" and token.lemma_ in PERSONAL_PRONOUNS:
            return self.antecedent(token)
        found = self.covering(token)
        if found is not None and _named(found.code):
            return found
        queue = [(c, 1) for c in token.children]
        while queue:
            child, depth = queue.pop(0)
            if child.dep_ in ("amod", "nmod", "appos", "flat:name", "flat") and \
                    not any(c.dep_ == "case" for c in child.children):
                inner = self.covering(child)
                if inner is not None and inner is not found and _named(inner.code):
                    return inner
                if depth < 2:
                    queue.extend((c, depth + 1) for c in child.children)
        return found

    def antecedent(self, pronoun) -> Mention | None:
        """"Лавров прибыл в Ереван. Он встретился с ...": the last named subject before the
        pronoun, within two sentences, agreeing with it in number (and gender, in the singular)."""
        if self._sentence_starts is None:
            self._sentence_starts = [s.start_char for s in self._doc.sents]
        here = bisect.bisect_right(self._sentence_starts, pronoun.idx) - 1
        plural = "Plur" in pronoun.morph.get("Number")
        gender = pronoun.morph.get("Gender")
        for mention in reversed(self._mentions[:bisect.bisect_left(self._starts, pronoun.idx)]):
            if here - mention.sentence_index > ANTECEDENT_SENTENCES:
                return None
            span = self._doc.char_span(mention.char_start, mention.char_end, alignment_mode="expand")
            # (not span.root: natasha's trees may hold a cycle, which spaCy's root search rejects)
            head = next((t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i), None) \
                if span is not None and len(span) else None
            if head is None or head.dep_ not in ("nsubj", "nsubj:pass") or not _named(mention.code):
                continue
            if ("Plur" in head.morph.get("Number")) != plural:
                continue
            if not plural and gender and head.morph.get("Gender") and head.morph.get("Gender") != gender:
                continue
            return mention
        return None
