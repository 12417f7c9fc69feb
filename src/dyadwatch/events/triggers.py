"""Pass 1a of the coder: the predicates of a sentence and the code the verb patterns propose.

    find_triggers(sent, patterns, ontology, is_actor) -> {token index: CodedTrigger}

A word is a trigger when the pattern set has an entry for it (a verb such as "summon", a noun
such as "arrest"); its code comes from the longest pattern matching the words of its phrase,
else the entry's default. A verb the patterns do not know (or file as no event) is a trigger too,
with NO_CODE proposed: the decision model may still code it.
"""
from __future__ import annotations

from functools import lru_cache

from dataclasses import dataclass
from typing import Any

from .modality import FRAMING_VERBS, SPEECH_VERBS
from .ontology import Ontology
from .patterns import Entry, Pattern, PatternSet, phrase_keys
from ..syntax import children_by, is_passive, pobjs_of
from .words import word_set

__all__ = ["CodedTrigger", "DESCRIPTIVE_DEPS", "INTENT_ADJECTIVES", "NOMINAL_DEPS", "NOT_TRIGGERS",
           "NO_CODE", "OBJECT_CONTROL_VERBS", "OTHER_CLAUSES", "choose_code", "element_matches",
           "find_triggers", "is_existential", "open_entry", "pattern_matches", "phrase_after", "slot_filled",
           "trigger_entry", "word_forms"]

# participles that modify a noun describe it ("lines leading into Kabul", "a report submitted to");
# they are not events of their own
DESCRIPTIVE_DEPS = {"amod", "acl", "compound"}


NOMINAL_DEPS = {"dobj", "nsubj", "nsubjpass", "pobj"}


# adjectives by which an actor states what it will do ("is willing to"): coded like "agree to"
INTENT_ADJECTIVES = word_set("intent_adjectives")


NOT_TRIGGERS = word_set("not_triggers")  # "according to X" attributes, it does not act
PERFORMATIVE_VERBS = word_set("performative_verbs")  # "declared a state of emergency" does it
DOCUMENT_NOUNS = word_set("document_nouns")  # "released two videos": published, not handed over
RELEASE_CODE = "084"  # CAMEO 084: return, release persons or property (and its 0841, 0842)


@dataclass
class CodedTrigger:
    """A trigger word with the code and pattern chosen for it."""

    token: Any
    entry: Entry
    pattern: Pattern | None
    code: str
    reverse: str
    note: str = ""  # how the code was changed after the pattern, for the rule
    targets_from: list | None = None  # a construction that names its target tokens itself


def word_forms(tokens) -> list[tuple[str, str]]:
    """(lower-case text, lemma) of each token: what pattern words are matched against,
    read from the Doc once per phrase."""
    return [(t.lower_, t.lemma_.lower()) for t in tokens]


def _word_matches(word: str, forms: tuple[str, str]) -> bool:
    whole = word.endswith("_")
    word = word.rstrip("_")
    text, lemma = forms
    if text == word or lemma == word:
        return True
    return not whole and len(word) >= 4 and text.startswith(word)


def element_matches(element: str, tokens: list[tuple[str, str]], i: int, synsets) -> int:
    """How many tokens (as `word_forms`) from i the pattern element consumes (0 = no match)."""
    if element.startswith("&"):
        for phrase in synsets.get(element[1:], ()):
            if i + len(phrase) <= len(tokens) and all(
                    _word_matches(w, tokens[i + k]) for k, w in enumerate(phrase)):
                return len(phrase)
        return 0
    return 1 if _word_matches(element, tokens[i]) else 0


def pattern_matches(pattern: Pattern, tokens: list[tuple[str, str]], synsets) -> bool:
    """The pattern's words occur in order among `tokens` (gaps allowed, as in the dictionary)."""
    i = 0
    for element in pattern.elements:
        if element in ("+", "$"):
            continue
        while i < len(tokens):
            used = element_matches(element, tokens, i, synsets)
            if used:
                i += used
                break
            i += 1
        else:
            return False
    return True


def is_existential(token) -> bool:
    """"There were 10 Russian soldiers killed in Ukraine": the participle after the noun of
    "there is/are" tells what happened to it (a passive without its auxiliary); so does one after
    the noun a verbless headline is about ("Two journalists arrested in Baku")."""
    noun = token.head
    if token.dep_ != "acl" or token.tag_ != "VBN":
        return False
    if noun.dep_ == "ROOT" and noun.pos_ in ("NOUN", "PROPN"):
        return True
    return noun.dep_ in ("attr", "nsubj") and noun.head.lemma_.lower() == "be" \
        and any(c.dep_ == "expl" for c in noun.head.children)


# the parts of speech a trigger can have: every other word is passed over at once
_TRIGGER_POS = frozenset({"ADJ", "VERB", "AUX", "NOUN", "PROPN"})


def _says_when(preposition) -> bool:
    """"called Erdogan on Tuesday": a preposition whose object is a date or a time says when,
    it makes no phrasal verb ("call on")."""
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in ("DATE", "TIME") for o in objects)


def trigger_entry(token, patterns: PatternSet) -> Entry | None:
    if token.pos_ not in _TRIGGER_POS:
        return None
    lemma = token.lemma_.lower()
    if token.lower_ in NOT_TRIGGERS:
        return None
    if token.pos_ == "ADJ" and lemma in INTENT_ADJECTIVES and token.dep_ == "acomp" \
            and any(c.dep_ == "xcomp" for c in token.children):
        return patterns.entry(lemma)  # "Norway is willing to send material": a stated intent
    if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass")):
        if (token.dep_ in DESCRIPTIVE_DEPS or token.dep_ in NOMINAL_DEPS) and not is_existential(token):
            return None  # a participle describing a noun, or used as one ("evacuated the wounded")
        head = patterns.forms.get(token.lower_, lemma)
        if not patterns.has_head(head):  # the lemmatizer slipped ("staged" -> "stag"): try the stems
            text = token.lower_
            stems = [text[:-1], text[:-2], text[:-3] + "e", text[:-3]] if text.endswith(("s", "d", "ing")) else []
            head = next((stem for stem in stems if len(stem) > 2 and patterns.has_head(stem)), head)
        for child in token.children:
            if child.dep_ in ("prt", "prep", "dative") and child.i > token.i and not _says_when(child):
                entry = patterns.entry(f"{head} {child.lower_}")
                if entry:
                    return entry
        return patterns.entry(head)
    if token.pos_ in ("NOUN", "PROPN") and token.ent_type_ not in ("GPE", "NORP", "PERSON", "ORG"):
        if token.dep_ == "compound":  # "the arrest warrant" is a warrant, not an arrest
            return None
        if token.dep_ == "attr":  # "the claim is a direct attack on Moscow": a characterization
            return None
        if token.head.dep_ == "prep" and token.head.lower_ == "in" and token.dep_ == "pobj" \
                and not any(c.dep_ in ("det", "poss") for c in token.children):
            return None  # "in protest", "in response": how, not what
        for child in token.children:  # "hunger strike", "air strike": the compound says which
            if child.dep_ in ("compound", "amod") and child.i == token.i - 1:
                entry = patterns.entry(f"{child.lemma_.lower()} {lemma}", pos="noun") or \
                    patterns.entry(f"{child.lower_} {lemma}", pos="noun")  # "media" -> "medium"
                if entry:
                    return entry
        return patterns.entry(lemma, pos="noun") or patterns.entry(token.lower_, pos="noun")
    return None


# clauses with their own predication: a pattern of the trigger does not reach into them
OTHER_CLAUSES = {"ccomp", "advcl", "relcl", "acl", "parataxis", "conj", "cc", "mark", "csubj", "punct"}


# verbs whose object is to do what the infinitive after it says ("urged Moscow to withdraw")
OBJECT_CONTROL_VERBS = word_set("object_control_verbs")


def _is_object_complement(verb, clause) -> bool:
    """"encouraging Lavrov to \"refrain ...\"": a to-infinitive after the object, parsed as an
    adverbial clause (a quote mark in between misleads the parser), says what the object is to do."""
    objects = children_by(verb, "dobj")
    return clause.dep_ == "advcl" and bool(objects) and clause.i > objects[0].i \
        and verb.lemma_.lower() in OBJECT_CONTROL_VERBS \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


@lru_cache(maxsize=256)  # asked by the pattern match and again by the frame's words
def phrase_after(token) -> tuple:
    """The words after the trigger within its own phrase: objects, prepositional phrases and
    to-complements ("called on X to show tolerance"), not other clauses."""
    out = []
    stack = [c for c in token.children if c.dep_ not in OTHER_CLAUSES or _is_object_complement(token, c)]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(c for c in node.children if c.dep_ not in OTHER_CLAUSES)
    return tuple(sorted((t for t in out if t.i > token.i), key=lambda t: t.i))


def slot_filled(pattern: Pattern, token, is_actor, *, particle: str | None = None) -> bool:
    """A pattern with a target slot ('* on + to', '* +') needs an actor in that slot; a pattern
    whose subject is the target ('+ * ...') reads a passive or objectless verb only."""
    if pattern.subject_is_target:
        source_preposition = pattern.source_preposition
        if source_preposition:  # "received assurances from the government": the source is named there
            places = pobjs_of(token, source_preposition) + [
                p for o in children_by(token, "dobj") for p in pobjs_of(o, source_preposition)]
            if not any(is_actor(p) for p in places):
                return False
        elif children_by(token, "dobj") and not is_passive(token):
            return False
    if pattern.target_is_object:
        # a phrasal verb's object is its particle's ("spoke to Blinken" under "speak to")
        objects = children_by(token, "dobj", "dative") + (pobjs_of(token, particle) if particle else [])
        return any(is_actor(o) for o in objects)
    preposition = pattern.target_preposition
    if preposition:
        places = pobjs_of(token, preposition) + [p for o in children_by(token, "dobj") for p in pobjs_of(o, preposition)]
        return any(is_actor(p) for p in places)
    return True


def choose_code(token, entry: Entry, patterns: PatternSet, is_actor=lambda token: True) -> CodedTrigger:
    tokens = phrase_after(token)
    if entry.particle:  # the particle is part of the trigger, not of the pattern
        tokens = [t for t in tokens if not (t.head == token and t.lower_ == entry.particle)]
    forms = word_forms(tokens)
    present = phrase_keys(forms)
    for pattern in patterns.candidates(entry, present):
        if pattern_matches(pattern, forms, patterns.synsets) and slot_filled(pattern, token, is_actor, particle=entry.particle):
            return CodedTrigger(token, entry, pattern, pattern.code, pattern.reverse)
    return CodedTrigger(token, entry, None, entry.code, entry.reverse)


NO_CODE = "---"


def open_entry(token) -> Entry | None:
    """A verb the patterns do not know (or know as no event) is still a predicate: its frame goes
    to the decision with no code proposed ("handed over equipment to the Ministry")."""
    if token.pos_ != "VERB" or token.dep_ in DESCRIPTIVE_DEPS or token.dep_ in NOMINAL_DEPS:
        return None
    lemma = token.lemma_.lower()
    if lemma in FRAMING_VERBS or lemma in SPEECH_VERBS or token.lower_ in NOT_TRIGGERS:
        return None
    return Entry(lemma, "verb", "", NO_CODE, "", "any verb")


def find_triggers(sent, patterns: PatternSet, ontology: Ontology, is_actor) -> dict[int, CodedTrigger]:
    """Every predicate of the sentence, by token index, with the code its patterns propose
    (NO_CODE for a verb they do not code)."""
    coded: dict[int, CodedTrigger] = {}
    for token in sent:
        entry = trigger_entry(token, patterns)
        trigger = choose_code(token, entry, patterns, is_actor) if entry is not None else None
        # "010 make statement" is a report, not an event: what was said is coded instead; a verb the
        # dictionary files under statements but that is no speech ("disperse") is a predicate like any
        if trigger is None or trigger.code in (NO_CODE, "010") or ontology.get(trigger.code) is None:
            entry = open_entry(token)
            if entry is not None:
                coded[token.i] = CodedTrigger(token, entry, None, NO_CODE, "")
            continue
        if token.lemma_.lower() in FRAMING_VERBS and ontology.get(trigger.code).quad_class in (2, 4) \
                and not (trigger.pattern is not None and (token.lemma_.lower() in PERFORMATIVE_VERBS
                                                          or _names_its_object(trigger, patterns))):
            # "described the arrest of X": saying is not doing; but an act the verb's own pattern
            # names is done by saying it ("declared a state of emergency", "proclaimed martial law")
            continue
        if trigger.code.startswith(RELEASE_CODE) and _releases_a_document(token):
            continue  # "the Taliban released two videos": publishing is no release of persons or property
        coded[token.i] = trigger
    return coded


def _names_its_object(trigger: CodedTrigger, patterns: PatternSet) -> bool:
    """"recalled its ambassador from Moscow": a pattern that names the verb's direct object, and
    that object no act (not "described the arrest of X"), reads the verb as the act, not as telling."""
    objects = children_by(trigger.token, "dobj")
    return bool(objects) and patterns.entry(objects[0].lemma_.lower(), pos="noun") is None \
        and not children_by(trigger.token, "ccomp") and any(
        element_matches(word, word_forms(objects[:1]), 0, {}) for word in trigger.pattern.words
        if not word.startswith("&"))


def _releases_a_document(token) -> bool:
    """Whether what is released ("released a letter", "footage was released", "the release of the
    report") is a document or a recording, not persons or property."""
    if token.pos_ in ("VERB", "AUX"):
        released = children_by(token, "nsubjpass") if is_passive(token) else children_by(token, "dobj")
        if not released and token.dep_ == "conj" and is_passive(token):
            # "A video showing ... was rescued by police was released Monday": a passive conjunct
            # shares its head's first subject
            released = children_by(token.head, "nsubjpass", "nsubj")[:1]
    else:
        released = pobjs_of(token, "of")
    # "released a letter and two prisoners"; "two videos of them and another": a pronoun is more of the same
    released = [t for r in released for t in [r, *r.conjuncts] if t is r or t.pos_ in ("NOUN", "PROPN")]
    return bool(released) and all(r.lemma_.lower() in DOCUMENT_NOUNS for r in released)
