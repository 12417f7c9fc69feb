"""Who a word of a sentence stands for, as the event coder asks it: the actor index.

    ActorIndex(mentions, *, places=())   the article's mentions, looked up by the token they
                                  cover, and the places each sentence names (places_in)
    resolve_tokens(tokens, index, *, open_actors=False, objects=False, phrases=False) -> list[Mention]

Every actor decision the coder needs lives here, not in the coder: pronouns through their
antecedent in the sentence ("Obama said he would"), an organisation's title or appositive before
the dictionary ("U.N. mediator Diego Cordovez"), an ethnic group as the country it lives in,
datelines as no side, open actors and the objects of acts when no dictionary actor is named, and
a side told as its whole noun phrase.
"""
from __future__ import annotations

from bisect import bisect_right

from dataclasses import replace
from typing import Iterable

from .open import dateline_end, object_mention, open_mention, side_phrase
from .resolver import mention_for_token
from ..records import Mention, Place
from ..syntax import children_by, pobjs_of, with_conjuncts
from .words import word_set

__all__ = ["ActorIndex", "COLLECTIVE_NOUNS", "PERSONAL_PRONOUNS", "PLURAL_PRONOUNS", "REFLEXIVE_PRONOUNS",
           "antecedents_of", "one_per_phrase", "resolve_tokens"]

class ActorIndex:
    """Mentions of one article, looked up by the token they cover (through the actors
    stage's own helper, so both stages agree on which words name an actor)."""

    def __init__(self, mentions: Iterable[Mention], *, places: Iterable[Place] = ()):
        self._mentions = sorted(mentions, key=lambda m: (m.char_start, -m.char_end))
        self._places: dict[int, list[Place]] = {}
        for place in places:
            self._places.setdefault(place.sentence_index, []).append(place)
        self._sentence_starts: list[int] = []
        self._datelines: list[int] = []

    def places_in(self, sentence_index: int) -> list[Place]:
        """The places a sentence names (the resolver's reading), in text order."""
        return self._places.get(sentence_index, [])

    def dateline(self, token) -> int:
        """Where the dateline of the token's sentence ends (-1: none). The article's sentences are
        read once (`token.sent` walks the whole Doc each time it is asked)."""
        if not self._sentence_starts:
            for sent in token.doc.sents:
                self._sentence_starts.append(sent.start)
                self._datelines.append(dateline_end(sent))
        return self._datelines[bisect_right(self._sentence_starts, token.i) - 1]

    def in_dateline(self, token) -> bool:
        return token.idx < self.dateline(token)

    def of(self, token) -> Mention | None:
        """The mention naming the phrase headed by `token`: the head itself, else its modifiers
        ("Russia's chargé d'affaires", "the Russian cultural center", "officials of Armenia").
        A place in the sentence's dateline names no side of what the sentence tells."""
        found = mention_for_token(self._mentions, token)
        if found is not None and found.char_start < self.dateline(token) <= token.idx:
            return None
        return found

    def is_actor(self, token) -> bool:
        return self.of(token) is not None

    def open_of(self, token) -> Mention | None:
        """A side no dictionary holds, kept with its words (actors.open_mention). When the
        actor-like word found inside the phrase is one the dictionary knows ("tariffs imposed by
        China"), its mention is the side."""
        if self.in_dateline(token):
            return None
        found = open_mention(token)
        if found is None:
            return None
        return mention_for_token(self._mentions, found.char_end - 1) or found

    def object_of(self, token) -> Mention | None:
        """What an act is aimed at when it names no actor (actors.object_mention)."""
        return object_mention(token)


PERSONAL_PRONOUNS = word_set("antecedent_pronouns")


REFLEXIVE_PRONOUNS = word_set("reflexive_pronouns")


PLURAL_PRONOUNS = word_set("plural_pronouns")


def _agrees(pronoun, subjects: list) -> bool:
    """"They probe ...," the speaker said: "they" is not one person. A country or a body may be
    "they" ("The US claimed that they had"), a single person or a singular role may not."""
    if pronoun.lower_ not in PLURAL_PRONOUNS or len(subjects) > 1:
        return True
    subject = subjects[0]
    return not (subject.ent_type_ == "PERSON" or (subject.tag_ == "NN" and subject.ent_type_ == ""
                                                   and subject.lower_ not in COLLECTIVE_NOUNS))


COLLECTIVE_NOUNS = word_set("collective_nouns")


def antecedents_of(pronoun) -> list:
    """The actor a pronoun stands for, within its sentence: the subject of the verb that governs
    its clause ("Obama said he would ...", "Obama and Putin said they ..."); for a reflexive,
    the subject of its own verb ("Iraq had attacked itself")."""
    verb = pronoun.head
    if pronoun.lower_ in REFLEXIVE_PRONOUNS:
        return [s for subject in children_by(verb, "nsubj") for s in with_conjuncts(subject)
                if s.lower_ not in PERSONAL_PRONOUNS]
    while verb.dep_ not in ("ROOT",) and verb.head != verb:
        verb = verb.head
        # (not the phrase the pronoun is part of: "its troops" is not what "its" stands for)
        subjects = [s for subject in children_by(verb, "nsubj", "nsubjpass") for s in with_conjuncts(subject)
                    if s.i != pronoun.i and s.pos_ != "PRON"
                    and not s.left_edge.i <= pronoun.i <= s.right_edge.i]
        if subjects:
            return subjects if _agrees(pronoun, subjects) else []
    return []


BODY_POSSESSIVES = word_set("body_possessives")


MILITARY_NOUNS_WHEN_OWNED = word_set("military_nouns_when_owned")
MILITARY_ROLE = "MIL"


def _owned_by_body(token, found: Mention | None, mentions: ActorIndex) -> Mention | None:
    """"Azerbaijan denied that its troops had opened fire", "Russia said its forces struck": the
    subject of a clause that is a role named by no country ("troops") or a country's forces, owned
    through "its" or "their", is of the country or body the pronoun stands for (the subject of the
    verb governing its clause)."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return found  # "withdraw its troops from X": what the body moves is no side of its act
    if found is not None and (found.country or not found.code.startswith("---")):
        return found
    if found is None and token.lemma_.lower() not in MILITARY_NOUNS_WHEN_OWNED:
        return found
    for pronoun in children_by(token, "poss"):
        if pronoun.lower_ not in BODY_POSSESSIVES:
            continue
        for antecedent in antecedents_of(pronoun):
            owner = mentions.of(antecedent)
            if owner is None or not owner.country:
                continue
            start, end = pronoun.idx, token.idx + len(token)
            role = found.role if found is not None and found.role else MILITARY_ROLE
            return Mention(article_id=owner.article_id, sentence_index=owner.sentence_index, char_start=start,
                           char_end=end, text=token.doc.char_span(start, end).text, code=owner.country + role,
                           country=owner.country, role=role, basis="agent")
    return found


def _ethnic_group(token, found: Mention, mentions: ActorIndex) -> Mention:
    """"Ethnic Albanians in south Serbia": an ethnic group is of the country it lives in, not of
    the country its name comes from; with no such place named, its country is unknown."""
    for place in pobjs_of(token, "in"):
        home = mentions.of(place)
        if home is not None and home.country:
            return replace(found, code=home.country + (found.role or ""), country=home.country, basis="ethnic")
    return replace(found, code="---" + (found.role or ""), country=None, basis="ethnic")


def _title_words(token) -> list:
    """The words of a title before a person's name ("U.N. mediator" in "U.N. mediator Diego
    Cordovez"): compounds to the left of a proper name, and theirs."""
    if token.pos_ != "PROPN" or token.ent_type_ != "PERSON":
        return []
    # the title is a common noun ("mediator", "chief"); "NATO-member Norway" describes, it is no office
    out, stack = [], [c for c in token.children if c.dep_ in ("compound", "nmod") and c.i < token.i
                      and c.pos_ == "NOUN"]
    while stack:
        node = stack.pop()
        if node.pos_ == "PROPN" and node.ent_type_ == "PERSON":
            continue  # a first name, part of the name itself
        out.append(node)
        stack.extend(c for c in node.children if c.dep_ in ("compound", "nmod") and c.i < node.i)
    return out


def _antecedent_mention(found: Mention, token, mentions: ActorIndex) -> Mention:
    """"Putin said his country will not lift the ban": a pronoun the actors stage resolved is told
    by the words of its antecedent in the same sentence, when the syntax names one."""
    doc = token.doc
    pronoun = next((t for t in [token, *token.children] if t.idx == found.char_start), None)
    if pronoun is None or pronoun.pos_ != "PRON":
        return found
    for antecedent in antecedents_of(pronoun):
        named = mentions.of(antecedent)
        if named is not None and named.basis != "coreference" and (named.code or "")[:3] == (found.code or "")[:3]:
            return named
    return found


def resolve_tokens(tokens: list, mentions: ActorIndex, *, open_actors: bool = False, objects: bool = False,
             phrases: bool = False) -> list[Mention]:
    """The mentions the tokens name (pronouns through their antecedents); with `open_actors`,
    an actor-like word no mention covers is kept as an open actor; with `objects`, any noun."""
    out: list[Mention] = []
    starts: list[int] = []
    expanded = []
    for token in tokens:
        if token.pos_ == "PRON" and token.lower_ in PERSONAL_PRONOUNS | REFLEXIVE_PRONOUNS \
                and mentions.of(token) is None:
            expanded.extend(antecedents_of(token))
        else:
            expanded.append(token)
    for token in expanded:
        found = mentions.of(token)
        if found is not None and any(c.dep_ == "amod" and c.lower_ == "ethnic" for c in token.children):
            found = _ethnic_group(token, found, mentions)
        for title in _title_words(token):
            # "U.N. mediator Diego Cordovez": an organisation's office named before the name is whom
            # he acts for here, whatever else the dictionary knows him as
            role = mentions.of(title)
            if role is not None and role is not found and role.code.startswith(("IGO", "NGO")) \
                    and (found is None or found.code[:3] != role.code[:3]):
                found = role
        for appositive in children_by(token, "appos"):
            # "Kenzo Oshima, the UN relief coordinator": the office he holds here is whom he acts for
            role = mentions.of(appositive)
            if role is not None and role.code.startswith(("IGO", "NGO")) and (found is None or found.code[:3] != role.code[:3]):
                found = role
        if found is not None and found.basis == "coreference":
            found = _antecedent_mention(found, token, mentions)
        if token.pos_ in ("NOUN", "PROPN"):
            found = _owned_by_body(token, found, mentions)
        if found is None and open_actors and token.pos_ != "PRON":
            found = mentions.open_of(token)
        if found is None and objects and token.pos_ != "PRON":
            found = mentions.object_of(token)
        # one side per actor named: compared by the mention's own words, not the phrase it is told
        # as ("Russian and Chinese officials": the officials' phrase starts at "Russian")
        own_start = found.char_start if found is not None else None
        if found is not None and phrases and found.basis != "coreference" and token.pos_ != "PRON":
            found = _phrased(found, token)
        if found is not None and all(found is not m and own_start != start for m, start in zip(out, starts)):
            out.append(found)
            starts.append(own_start)
    return out


def _phrased(found: Mention, token) -> Mention:
    """The side as the whole noun phrase its head word heads ("the police in the Gaza Strip"), when
    the actor's mention lies within it: the words a reader takes for that side."""
    start, end = side_phrase(token)
    if not (start <= found.char_start and found.char_end <= end) or (start, end) == (found.char_start, found.char_end):
        return found
    return replace(found, char_start=start, char_end=end, text=token.doc.char_span(start, end).text)


def one_per_phrase(actors: list[Mention]) -> list[Mention]:
    """"the Somali militant group al-Shabab" is one actor, though two names in it resolve: of mentions
    of one country a few characters apart, the last (the head of the phrase) stands."""
    out: list[Mention] = []
    for actor in sorted(actors, key=lambda m: m.char_start):
        last = out[-1] if out else None
        if last is not None and last.country and last.country == actor.country \
                and 0 <= actor.char_start - last.char_end <= 8:
            out[-1] = actor
        else:
            out.append(actor)
    return out
