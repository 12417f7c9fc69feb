"""The event coder: verb and noun patterns over the dependency parse -> Event records.

For each sentence, every word that is a trigger in the pattern set (a verb such as
"summon", or a noun such as "arrest") is a candidate event. Its code comes from the
longest pattern that matches the words of its phrase, else the trigger's default.
Source and target come from the syntax, not from word order:

    subject -> source, object -> target            Azerbaijan summoned Russia's envoy
    passive: "by" agent -> source, subject -> target    X was arrested by Y / X was arrested
    prepositional target: talks with X, visit to X, called on X to, accused X of
    conjunctions give one event per actor          Jordan and Britain agreed
    nouns: possessor, "by" or "from" -> source, "of"/"to"/"with" -> target
                                                   Aliyev's absence, the arrest of X, demands from Baku
    complements without a subject take the governing verb's subject (or object: "urged X to")
    pronouns stand for the subject of the clause that reports them ("Obama said he would")

Decisions (they shape the output; each event's `rule` says which applied):
- An event needs a coded actor on at least one side; both sides raise its confidence. A
  noun event also needs a target, except a rejection or protest ("Aliyev's absence",
  "staged a hunger strike") or a yield ("declared a ceasefire"): "Pashinyan's visit was
  significant" only mentions an event told elsewhere.
- Saying is not doing: a verb that frames ("said that", "plans to", "wants to") is not an
  event; what was said or planned is, with the speaker recorded. Two things said are events
  themselves: that someone else must act (a demand, 100) and that someone else used force
  (an accusation, 112; claiming it for oneself is 015).
- A verb that governs another act is coded when it is itself an appeal, intent, demand,
  rejection or threat (CAMEO 02, 03, 10, 12, 13): "threatened to cut gas supplies to Armenia"
  is one threat against Armenia, refined by the act threatened (cameo_shifts.tsv).
- CAMEO codes announced acts as intents: "X will visit Y" is 036 with modality `future`;
  "X will not accept Y" is a rejection (12x); an announced act of force is a threat (13x).
  Acts only expected by others ("is expected to visit") keep their code, modality `future`.
- Background is coded only with both sides named: relative and adverbial clauses, nouns
  inside another event's phrase. The purpose of an act ("staged demonstrations to demand
  reforms") is part of it, not a second event.
- Visits and hostings mirror each other (042/043): "X received Y" is also "Y visited X".
- Joint subjects of a cooperative act with no one else named act with each other; a protest
  with no one named as its object is aimed at the protesters' own country.
- CAMEO's place convention for force: a side of violence left unnamed is the country where it
  happened ("killed in Ukraine"); an arrest or closure told without its agent is the doing of
  the state it happens in; victims named by no country are of the place, else of the country
  whose forces acted.
- What one side claims another did ("claimed that ISIL attacked Iraq") is an accusation; the act
  itself is only alleged (`hypothetical`). A relative clause in the simple present describes
  ("Hamas, which advocates ..."); one in the past tells ("Aliyev, who went on to cancel ...").
- Who a name stands for can be said in the sentence: an organisation's title before a person
  ("U.N. mediator Diego Cordovez") wins over the dictionary; an ethnic group ("ethnic Albanians in
  Serbia") is of the country it lives in; joined adjectives ("the Turkish and Greek sides") are
  one side each.
- A refusal with no one named ("declined the same invitation", "Aliyev's absence") is aimed at the
  host of the meeting or visit told just before; events with only bare roles ("officials") or
  whose doer is a thing told before ("This helps him") are not coded.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Iterable

from ..actors import dateline_end, is_actor_like, mention_for_token, object_mention, open_mention, side_phrase
from ..records import Argument, Decision, Event, Frame, Mention, ParsedArticle, to_dict
from .dates import resolve_date
from .decisions import DecisionModel, load_decision_model
from .modality import FRAMING_VERBS, FUTURE_VERBS, SPEECH_VERBS, is_intent, modality_of, speaker_token
from .ontology import Ontology, load_ontology
from .reasons import Reason
from .patterns import Entry, Pattern, PatternSet, load_patterns, phrase_keys

__all__ = ["code_events", "CodedTrigger", "find_triggers"]

GOVERNING_ROOTS = {"02", "03", "10", "12", "13"}
SHIFT_OF_ROOT = {"03": "intent", "12": "reject", "13": "threat"}
# "in" is left out: after a verb it mostly says where ("rioted in Dili", "met in Zurich")
TARGET_PREPOSITIONS = ("with", "to", "against", "on", "at", "from", "into", "toward", "towards",
                       "upon", "for", "of", "over")
OBJECT_PREPOSITIONS = TARGET_PREPOSITIONS + ("in", "by", "between", "among")
COMPLAINT_PREPOSITIONS = ("against", "over", "about", "at")
# verbs whose passive form states a stance of the subject ("is opposed to", "is committed to")
STATIVE_PASSIVES = {"oppose", "commit", "determine", "prepare", "involve", "engage", "interest", "concern",
                    "worry", "alarm", "disappoint", "satisfy", "convince", "dedicate", "resolve"}
NOUN_TARGET_PREPOSITIONS = ("of", "with", "to", "against", "on", "from", "at", "for", "into")
LIGHT_VERBS = {"hold", "have", "conduct", "pay", "make", "launch", "carry", "stage", "begin", "start",
               "organize", "organise", "call", "resort", "go", "declare", "observe",
               "continue", "resume", "lodge", "file", "issue", "express", "announce", "order",
               "take", "mount", "open", "impose", "level", "voice", "undertake", "hold", "attend",
               "ratchet", "step", "intensify", "escalate", "unleash", "wage"}
# participles that modify a noun describe it ("lines leading into Kabul", "a report submitted to");
# they are not events of their own
DESCRIPTIVE_DEPS = {"amod", "acl", "compound"}
NOMINAL_DEPS = {"dobj", "nsubj", "nsubjpass", "pobj"}
# adjectives by which an actor states what it will do ("is willing to"): coded like "agree to"
INTENT_ADJECTIVES = {"willing"}
NOT_TRIGGERS = {"according"}  # "according to X" attributes, it does not act


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


# --- finding actors -------------------------------------------------------------------------

class _Mentions:
    """Mentions of one article, looked up by the token they cover (through the actors
    stage's own helper, so both stages agree on which words name an actor)."""

    def __init__(self, mentions: Iterable[Mention]):
        self._mentions = sorted(mentions, key=lambda m: (m.char_start, -m.char_end))
        self._datelines: dict[int, int] = {}

    def dateline(self, token) -> int:
        """Where the dateline of the token's sentence ends (-1: none)."""
        sent = token.sent
        if sent.start not in self._datelines:
            self._datelines[sent.start] = dateline_end(sent)
        return self._datelines[sent.start]

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
        """A side no dictionary holds, kept with its words (actors.open_mention)."""
        return None if self.in_dateline(token) else open_mention(token)

    def object_of(self, token) -> Mention | None:
        """What an act is aimed at when it names no actor (actors.object_mention)."""
        return object_mention(token)


def _with_conjuncts(token) -> list:
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
            out.extend(_with_conjuncts(child))
        elif child.dep_ == "pobj" and token.pos_ == "ADP" and token.dep_ in ("nsubj", "nsubjpass", "dobj"):
            out.extend(_with_conjuncts(child)[1:])  # a name misread as a preposition ("Barack" Obama)
    return out


def _is_form_of(token, verbs: set[str]) -> bool:
    """The token is one of `verbs`, by its lemma or, when the lemmatizer slips ("staged" ->
    "stag"), by a regular inflection of its text."""
    if token.lemma_.lower() in verbs:
        return True
    text = token.lower_
    stems = {text[:-1], text[:-2], text[:-3], text[:-3] + "e"} if len(text) > 4 else set()
    return bool(stems & verbs) and text.endswith(("s", "d", "ing"))


def _children(token, *deps: str) -> list:
    return [child for child in token.children if child.dep_ in deps]


# how a preposition hangs from its head ("agent": the "by" of a passive)
PREPOSITION_DEPS = ("prep", "dative", "agent")


def _pobjs(token, preposition: str) -> list:
    out = []
    for prep in token.children:
        if prep.dep_ in PREPOSITION_DEPS and prep.lower_ == preposition:
            out.extend(_children(prep, "pobj", "pcomp"))
    return out


RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}


def _antecedent_of_relative(verb, subjects: list) -> list:
    """"Aliyev, who went on to cancel ...": a relative pronoun stands for the noun its clause
    describes."""
    if verb.dep_ == "relcl" and all(s.lower_ in RELATIVE_PRONOUNS for s in subjects):
        head = verb.head
        # "who" stands for a person; "which" only for a named actor or a body ("Hamas, which"),
        # not for a thing that merely has an actor's adjective ("the Azerbaijani airplane, which")
        if any(s.lower_ in ("who", "whom") for s in subjects) or head.pos_ == "PROPN" \
                or head.ent_type_ in ("ORG", "GPE", "NORP") or head.lower_ in COLLECTIVE_NOUNS:
            return [head]
    return subjects


def _subject(verb, depth: int = 0):
    """(subject tokens, is passive) of a verb, inheriting from the governing verb when a
    complement or a second verb of a conjunction has none of its own."""
    subjects = _children(verb, "nsubj", "csubj")
    # "The Red Cross operating in Iraq said", parsed with "operating" as the subject: the noun the
    # participle describes is who speaks
    subjects = [(_children(s, "nsubj")[0] if s.tag_ == "VBG" and _children(s, "nsubj") else s) for s in subjects]
    if subjects:
        return _antecedent_of_relative(verb, subjects), False
    passive = _children(verb, "nsubjpass")
    if passive:
        return _antecedent_of_relative(verb, passive), True
    if verb.dep_ == "xcomp" and _children(verb.head, "dobj"):
        # "led Armenian elites to accuse Russia", "urged Moscow to withdraw": the object acts
        return _children(verb.head, "dobj")[:1], False
    if depth < 3 and verb.dep_ in ("xcomp", "conj", "advcl", "acomp") and verb.head != verb:
        subjects, passive = _subject(verb.head, depth + 1)
        # "X was forced to leave": the subject of a passive governor acts in the complement;
        # "X is expected to be joined by Y": a passive complement has it as its target
        own_passive = any(c.dep_ == "auxpass" for c in verb.children)
        return subjects, own_passive if verb.dep_ == "xcomp" else passive
    if verb.dep_ == "pcomp" and verb.head.head != verb.head:  # "responded by banning"
        return _subject(verb.head.head, depth + 1)
    noun = verb.head
    if verb.dep_ == "acl" and verb.tag_ != "VBN" and noun.head is not noun and noun.dep_ in ("dobj", "pobj") \
            and not is_actor_like(noun) and depth < 3:
        # "started a hunger strike to protest against X", "signed a decree granting citizenship to Y":
        # what a thing someone made or did is for is that one's act
        governor = noun.head.head if noun.dep_ == "pobj" else noun.head
        if governor.pos_ in ("VERB", "AUX"):
            return _subject(governor, depth + 1)[0], False
    if verb.dep_ in ("relcl", "acl") and verb.head != verb:
        return [verb.head], verb.dep_ == "acl" and verb.tag_ == "VBN"
    return [], False


# --- choosing the code ------------------------------------------------------------------------

def _forms(tokens) -> list[tuple[str, str]]:
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


def _element_matches(element: str, tokens: list[tuple[str, str]], i: int, synsets) -> int:
    """How many tokens (as `_forms`) from i the pattern element consumes (0 = no match)."""
    if element.startswith("&"):
        for phrase in synsets.get(element[1:], ()):
            if i + len(phrase) <= len(tokens) and all(
                    _word_matches(w, tokens[i + k]) for k, w in enumerate(phrase)):
                return len(phrase)
        return 0
    return 1 if _word_matches(element, tokens[i]) else 0


def _pattern_matches(pattern: Pattern, tokens: list[tuple[str, str]], synsets) -> bool:
    """The pattern's words occur in order among `tokens` (gaps allowed, as in the dictionary)."""
    i = 0
    for element in pattern.elements:
        if element in ("+", "$"):
            continue
        while i < len(tokens):
            used = _element_matches(element, tokens, i, synsets)
            if used:
                i += used
                break
            i += 1
        else:
            return False
    return True


def _is_existential(token) -> bool:
    """"There were 10 Russian soldiers killed in Ukraine": the participle after the noun of
    "there is/are" tells what happened to it (a passive without its auxiliary)."""
    noun = token.head
    return token.dep_ == "acl" and token.tag_ == "VBN" and noun.dep_ in ("attr", "nsubj") \
        and noun.head.lemma_.lower() == "be" and any(c.dep_ == "expl" for c in noun.head.children)


# the parts of speech a trigger can have: every other word is passed over at once
_TRIGGER_POS = frozenset({"ADJ", "VERB", "AUX", "NOUN", "PROPN"})


def _trigger_entry(token, patterns: PatternSet) -> Entry | None:
    if token.pos_ not in _TRIGGER_POS:
        return None
    lemma = token.lemma_.lower()
    if token.lower_ in NOT_TRIGGERS:
        return None
    if token.pos_ == "ADJ" and lemma in INTENT_ADJECTIVES and token.dep_ == "acomp" \
            and any(c.dep_ == "xcomp" for c in token.children):
        return patterns.entry(lemma)  # "Norway is willing to send material": a stated intent
    if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass")):
        if (token.dep_ in DESCRIPTIVE_DEPS or token.dep_ in NOMINAL_DEPS) and not _is_existential(token):
            return None  # a participle describing a noun, or used as one ("evacuated the wounded")
        head = patterns.forms.get(token.lower_, lemma)
        if not patterns.has_head(head):  # the lemmatizer slipped ("staged" -> "stag"): try the stems
            text = token.lower_
            stems = [text[:-1], text[:-2], text[:-3] + "e", text[:-3]] if text.endswith(("s", "d", "ing")) else []
            head = next((stem for stem in stems if len(stem) > 2 and patterns.has_head(stem)), head)
        for child in token.children:
            if child.dep_ in ("prt", "prep", "dative") and child.i > token.i:
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
OBJECT_CONTROL_VERBS = {"encourage", "urge", "ask", "call", "invite", "persuade", "press", "push", "tell",
                        "order", "instruct", "advise", "request", "implore", "exhort", "warn", "pressure"}


def _is_object_complement(verb, clause) -> bool:
    """"encouraging Lavrov to \"refrain ...\"": a to-infinitive after the object, parsed as an
    adverbial clause (a quote mark in between misleads the parser), says what the object is to do."""
    objects = _children(verb, "dobj")
    return clause.dep_ == "advcl" and bool(objects) and clause.i > objects[0].i \
        and verb.lemma_.lower() in OBJECT_CONTROL_VERBS \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _phrase_after(token) -> list:
    """The words after the trigger within its own phrase: objects, prepositional phrases and
    to-complements ("called on X to show tolerance"), not other clauses."""
    out = []
    stack = [c for c in token.children if c.dep_ not in OTHER_CLAUSES or _is_object_complement(token, c)]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(c for c in node.children if c.dep_ not in OTHER_CLAUSES)
    return sorted((t for t in out if t.i > token.i), key=lambda t: t.i)


def _is_passive(token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)


def _slot_filled(pattern: Pattern, token, is_actor) -> bool:
    """A pattern with a target slot ('* on + to', '* +') needs an actor in that slot; a pattern
    whose subject is the target ('+ * ...') reads a passive or objectless verb only."""
    if pattern.subject_is_target:
        source_preposition = pattern.source_preposition
        if source_preposition:  # "received assurances from the government": the source is named there
            places = _pobjs(token, source_preposition) + [
                p for o in _children(token, "dobj") for p in _pobjs(o, source_preposition)]
            if not any(is_actor(p) for p in places):
                return False
        elif _children(token, "dobj") and not _is_passive(token):
            return False
    if pattern.target_is_object:
        return any(is_actor(o) for o in _children(token, "dobj", "dative"))
    preposition = pattern.target_preposition
    if preposition:
        places = _pobjs(token, preposition) + [p for o in _children(token, "dobj") for p in _pobjs(o, preposition)]
        return any(is_actor(p) for p in places)
    return True


def choose_code(token, entry: Entry, patterns: PatternSet, is_actor=lambda token: True) -> CodedTrigger:
    tokens = _phrase_after(token)
    if entry.particle:  # the particle is part of the trigger, not of the pattern
        tokens = [t for t in tokens if not (t.head == token and t.lower_ == entry.particle)]
    forms = _forms(tokens)
    present = phrase_keys(forms)
    for pattern in patterns.candidates(entry, present):
        if _pattern_matches(pattern, forms, patterns.synsets) and _slot_filled(pattern, token, is_actor):
            return CodedTrigger(token, entry, pattern, pattern.code, pattern.reverse)
    return CodedTrigger(token, entry, None, entry.code, entry.reverse)


NO_CODE = "---"


def _open_entry(token) -> Entry | None:
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
        entry = _trigger_entry(token, patterns)
        trigger = choose_code(token, entry, patterns, is_actor) if entry is not None else None
        # "010 make statement" is a report, not an event: what was said is coded instead; a verb the
        # dictionary files under statements but that is no speech ("disperse") is a predicate like any
        if trigger is None or trigger.code in (NO_CODE, "010") or ontology.get(trigger.code) is None:
            entry = _open_entry(token)
            if entry is not None:
                coded[token.i] = CodedTrigger(token, entry, None, NO_CODE, "")
            continue
        if token.lemma_.lower() in FRAMING_VERBS and ontology.get(trigger.code).quad_class in (2, 4):
            continue  # "described the arrest of X": saying is not doing
        coded[token.i] = trigger
    return coded


# --- sides of the event -----------------------------------------------------------------------

def _nested_pobjs(token, depth: int = 3) -> list[tuple[list, str]]:
    """Objects of prepositions under `token`, nearest first, looking `depth` phrases deep:
    "a new offensive in its war with Iraq", "assistance to the US-led war"."""
    found: list[tuple[list, str]] = []
    frontier = [token]
    for _ in range(depth):
        next_frontier = []
        for node in [n for f in frontier for n in _with_conjuncts(f)]:
            by_preposition: dict[str, list] = {}  # one walk over the children, not one a preposition
            for prep in node.children:
                if prep.dep_ in PREPOSITION_DEPS:
                    by_preposition.setdefault(prep.lower_, []).extend(_children(prep, "pobj", "pcomp"))
            for prep in OBJECT_PREPOSITIONS:  # in this order: nearest and likeliest first
                objects = by_preposition.get(prep)
                if objects:
                    found.append((objects, prep))
                    next_frontier.extend(objects)
        frontier = next_frontier
    return found


def _candidates_verb(trigger: CodedTrigger) -> tuple[list, list[tuple[list, str]]]:
    """(source tokens, target candidates in order of preference as (tokens, how))."""
    verb = trigger.token
    subjects, passive = _subject(verb)
    subjects = [s for subject in subjects for s in _with_conjuncts(subject)]
    # "Russia and Armenia's government squared off", parsed as "[Russia and Armenia]'s government":
    # the first of the joined possessors is a side of its own
    subjects += [p for subject in subjects for p in _children(subject, "poss") if _children(p, "conj")]
    if passive and verb.lemma_.lower() in STATIVE_PASSIVES and not _pobjs(verb, "by"):
        passive = False  # "Israel is opposed to ...": the subject holds the stance
    if passive:
        agents = [a for agent in _pobjs(verb, "by") for a in _with_conjuncts(agent)]
        if trigger.pattern and trigger.pattern.subject_is_target and agents:
            return subjects, [(agents, "passive-pattern")]
        return agents, [(subjects, "passive")]
    if trigger.pattern and trigger.pattern.subject_is_target:
        # "+ * in $ &detention": "a prisoner died in Israeli police custody"
        preposition = trigger.pattern.source_preposition
        sources = (_pobjs(verb, preposition) + [p for o in _children(verb, "dobj") for p in _pobjs(o, preposition)]
                   if preposition else [])
        return sources, [(subjects, "subject-is-target")]
    candidates: list[tuple[list, str]] = []
    # a complaint is about someone, whoever it is lodged with
    order = COMPLAINT_PREPOSITIONS if trigger.code[:2] in ("11", "14") else ()
    for prep in order:
        candidates.append((_pobjs(verb, prep), f"prep:{prep}"))
    preposition = trigger.entry.particle if trigger.entry.particle in TARGET_PREPOSITIONS else None
    if trigger.pattern and trigger.pattern.target_preposition:
        preposition = trigger.pattern.target_preposition
    if preposition:
        found = _pobjs(verb, preposition) + [p for o in _children(verb, "dobj") for p in _pobjs(o, preposition)]
        candidates.append((found, f"prep:{preposition}"))
    objects = _children(verb, "dobj", "dative")
    # "cancelled his attendance at the parade": the possessor of an act is who does it, not the target
    candidates.append(([o for o in objects if not (o.lemma_.lower() in AGENT_OF_NOUNS and any(
        p.pos_ == "PRON" for p in _children(o, "poss")))], "dobj"))
    for obj in objects:  # "canceled a visit to Moscow", "demanded the release of X"
        candidates.extend((found, f"dobj-prep:{prep}") for found, prep in _nested_pobjs(obj))
    candidates.extend((found, f"prep:{prep}") for found, prep in _nested_pobjs(verb))
    for clause in _children(verb, "ccomp"):  # "demanded that X withdraw"
        candidates.append((_children(clause, "nsubj"), "clause-subject"))
    return subjects, candidates


ABSENCE_NOUNS = {"absence", "lack"}
STANCE_WORDS = {"anti", "anti-", "pro", "pro-", "-"}
RESPONSE_VERBS = {"respond", "retaliate", "react", "reply", "answer", "hit"}


def _visitors(noun) -> list:
    """Who makes the visit (or trip) that a noun event is part of, when the noun hangs under it."""
    node = noun
    for _ in range(5):
        if node.head == node:
            return []
        node = node.head
        if node.pos_ == "NOUN" and node.lemma_.lower() in VISIT_NOUNS:
            return _children(node, "poss") + [a for agent in _pobjs(node, "of") for a in _with_conjuncts(agent)]
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("acl", "relcl"):
            return []
    return []


def _candidates_noun(trigger: CodedTrigger) -> tuple[list, list[tuple[list, str]]]:
    noun = trigger.token
    sources = _children(noun, "poss")
    sources += [a for agent in _pobjs(noun, "by") for a in _with_conjuncts(agent)]
    if noun.lemma_.lower() in AGENT_OF_NOUNS:  # "the visit of Speaker Simonyan to Russia"
        sources += [a for agent in _pobjs(noun, "of") for a in _with_conjuncts(agent)]
    if noun.lemma_.lower() not in AWAY_FROM_NOUNS:
        sources += [a for origin in _pobjs(noun, "from") for a in _with_conjuncts(origin)]
    if not sources:
        # "the visit of Speaker X to Russia, marked by the absence of meetings with Y": what happens
        # within a visit is the visitor's doing
        sources = _visitors(noun)
    if not sources and noun.dep_ == "pobj" and noun.head.lower_ == "with" \
            and noun.head.head.lemma_.lower() in RESPONSE_VERBS:
        # "Russia has responded with more detentions": the one who responds acts
        sources = [s for subject in _subject(noun.head.head)[0] for s in _with_conjuncts(subject)]
    if not sources and trigger.code[:2] in ("11", "12", "14"):
        # "strong Russian objections", "Chinese criticism of the plan": the nationality is who objects
        sources = [c for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i
                   and c.ent_type_ in ("NORP", "GPE")]
    if not sources and noun.dep_ in ("dobj", "nsubjpass", "attr", "pobj") and noun.head.pos_ in ("VERB", "AUX"):
        # "Pashinyan held talks with Lavrov": the one who holds the talks
        if noun.dep_ != "dobj" or _is_form_of(noun.head, LIGHT_VERBS):
            sources = [s for s in _children(noun.head, "nsubj") for s in _with_conjuncts(s)]
    if not sources:
        # "a Saudi-led strike on a school bus", "US sanctions on Iran", "Russian aid": a nationality
        # before an act names who does it (not after "anti-": "anti-Russian protests")
        sources = [t for left in noun.lefts if left.dep_ in ("amod", "compound", "nmod") for t in left.subtree
                   if t.ent_type_ in ("NORP", "GPE") and not (t.i > 0 and t.doc[t.i - 1].lower_ in STANCE_WORDS)][-1:]
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "with" else None
    if not sources and verb is not None and verb.pos_ == "VERB" and _is_passive(verb) and _pobjs(verb, "by"):
        # "X's response was greeted with condemnation by Y": Y reacts to X
        agents = [a for agent in _pobjs(verb, "by") for a in _with_conjuncts(agent)]
        return agents, [(_children(verb, "nsubjpass"), "reaction")]
    clauses = _children(noun, "acl")
    if noun.dep_ == "pobj" and noun.head.head.lemma_.lower() in RESPONSE_VERBS:
        clauses += _children(noun.head.head, "advcl")  # "responded with detentions, targeting X"
    targeted = [o for clause in clauses if clause.lemma_.lower() in ("target", "aim")
                for o in _children(clause, "dobj")]
    if targeted:  # "more detentions, targeting the head of an Azerbaijani organization"
        return sources, [(targeted, "targeting")]
    between = [t for b in _pobjs(noun, "between") for t in b.subtree]
    if between:  # "meetings between Pashinyan and Kremlin representatives": every actor named there
        return sources, [(between, "between")]
    candidates = [(_pobjs(noun, prep), f"noun-prep:{prep}") for prep in NOUN_TARGET_PREPOSITIONS
                  if (prep != "from" or noun.lemma_.lower() in AWAY_FROM_NOUNS)
                  and (prep != "of" or noun.lemma_.lower() not in AGENT_OF_NOUNS)]
    if not sources:
        candidates.append(([c for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i],
                           "noun-modifier"))
    return sources, candidates


RECIPIENT_PREPOSITIONS = ("to", "against", "with", "on", "from", "into", "toward", "towards", "at", "for")


def _objects_first(candidates: list[tuple[list, str]]) -> list[tuple[list, str]]:
    """When no actor is named, what an act is aimed at: a phrase after "to", "against", "with"...
    ("reduced military aid to European allies", "withdrew peacekeepers from Liberia") before the
    thing that is handed over, sent or cut (the direct object)."""
    def rank(candidate: tuple[list, str]) -> int:
        preposition = candidate[1].rsplit(":", 1)[-1]
        return RECIPIENT_PREPOSITIONS.index(preposition) if preposition in RECIPIENT_PREPOSITIONS \
            else len(RECIPIENT_PREPOSITIONS)
    return sorted(candidates, key=rank)


def _sides(trigger: CodedTrigger, index: _Mentions, *, open_actors: bool = False
           ) -> tuple[list[Mention], list[Mention], str]:
    """(sources, targets, how the target was found). Dictionary actors win; with `open_actors`,
    a side no dictionary holds is taken from the same places, in the same order, after them."""
    source_tokens, candidates = (_candidates_verb(trigger) if trigger.entry.pos == "verb"
                                 else _candidates_noun(trigger))
    if trigger.targets_from is not None:
        candidates = [(trigger.targets_from, "clause-subject")]
    sources = _resolve(source_tokens, index, phrases=open_actors)
    if not sources and open_actors:
        sources = _resolve(source_tokens, index, open_actors=True, phrases=True)
    # dictionary actors, then open actors, then (for a target) what the act is aimed at
    passes = ((False, False), (True, False), (True, True)) if open_actors else ((False, False),)
    fallback: tuple[list[Mention], str] | None = None
    for open_pass, objects in passes:
        for tokens, how in (_objects_first(candidates) if objects else candidates):
            targets = _resolve([t for token in tokens for t in _with_conjuncts(token)] if how != "between"
                               else tokens, index, open_actors=open_pass, objects=objects,
                               phrases=open_actors and how != "between")
            targets = [t for t in targets if all(t is not s and t.char_start != s.char_start for s in sources)]
            if not targets:
                continue
            if how == "between" and not sources and len(targets) > 1:
                return targets[:1], targets[1:], how
            if all(t.code.startswith("---") for t in targets):
                # a role without a country ("peacekeepers", "the president"): keep looking for a named
                # actor in a later phrase ("refused to deploy peacekeepers in Iraq")
                fallback = fallback or (targets, how)
                continue
            return sources, targets, how
        if fallback:
            return sources, fallback[0], fallback[1]
    return sources, [], ""


PERSONAL_PRONOUNS = {"he", "she", "they", "it", "we", "him", "her", "them", "us", "its", "their", "his"}
REFLEXIVE_PRONOUNS = {"himself", "herself", "themselves", "itself", "ourselves"}


PLURAL_PRONOUNS = {"they", "them", "their", "themselves"}


def _agrees(pronoun, subjects: list) -> bool:
    """"They probe ...," the speaker said: "they" is not one person. A country or a body may be
    "they" ("The US claimed that they had"), a single person or a singular role may not."""
    if pronoun.lower_ not in PLURAL_PRONOUNS or len(subjects) > 1:
        return True
    subject = subjects[0]
    return not (subject.ent_type_ == "PERSON" or (subject.tag_ == "NN" and subject.ent_type_ == ""
                                                   and subject.lower_ not in COLLECTIVE_NOUNS))


COLLECTIVE_NOUNS = {"government", "administration", "ministry", "parliament", "committee", "council", "cabinet",
                    "army", "military", "police", "opposition", "leadership", "side", "party", "team",
                    "delegation", "coalition", "alliance", "union", "court", "commission", "regime", "junta"}


def _antecedents(pronoun) -> list:
    """The actor a pronoun stands for, within its sentence: the subject of the verb that governs
    its clause ("Obama said he would ...", "Obama and Putin said they ..."); for a reflexive,
    the subject of its own verb ("Iraq had attacked itself")."""
    verb = pronoun.head
    if pronoun.lower_ in REFLEXIVE_PRONOUNS:
        return [s for subject in _children(verb, "nsubj") for s in _with_conjuncts(subject)
                if s.lower_ not in PERSONAL_PRONOUNS]
    while verb.dep_ not in ("ROOT",) and verb.head != verb:
        verb = verb.head
        subjects = [s for subject in _children(verb, "nsubj", "nsubjpass") for s in _with_conjuncts(subject)
                    if s.i != pronoun.i and s.pos_ != "PRON"]
        if subjects:
            return subjects if _agrees(pronoun, subjects) else []
    return []


def _ethnic_group(token, found: Mention, mentions: _Mentions) -> Mention:
    """"Ethnic Albanians in south Serbia": an ethnic group is of the country it lives in, not of
    the country its name comes from; with no such place named, its country is unknown."""
    for place in _pobjs(token, "in"):
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


def _antecedent_mention(found: Mention, token, mentions: _Mentions) -> Mention:
    """"Putin said his country will not lift the ban": a pronoun the actors stage resolved is told
    by the words of its antecedent in the same sentence, when the syntax names one."""
    doc = token.doc
    pronoun = next((t for t in [token, *token.children] if t.idx == found.char_start), None)
    if pronoun is None or pronoun.pos_ != "PRON":
        return found
    for antecedent in _antecedents(pronoun):
        named = mentions.of(antecedent)
        if named is not None and named.basis != "coreference" and (named.code or "")[:3] == (found.code or "")[:3]:
            return named
    return found


def _resolve(tokens: list, mentions: _Mentions, *, open_actors: bool = False, objects: bool = False,
             phrases: bool = False) -> list[Mention]:
    """The mentions the tokens name (pronouns through their antecedents); with `open_actors`,
    an actor-like word no mention covers is kept as an open actor; with `objects`, any noun."""
    out: list[Mention] = []
    expanded = []
    for token in tokens:
        if token.pos_ == "PRON" and token.lower_ in PERSONAL_PRONOUNS | REFLEXIVE_PRONOUNS \
                and mentions.of(token) is None:
            expanded.extend(_antecedents(token))
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
        for appositive in _children(token, "appos"):
            # "Kenzo Oshima, the UN relief coordinator": the office he holds here is whom he acts for
            role = mentions.of(appositive)
            if role is not None and role.code.startswith(("IGO", "NGO")) and (found is None or found.code[:3] != role.code[:3]):
                found = role
        if found is not None and found.basis == "coreference":
            found = _antecedent_mention(found, token, mentions)
        if found is None and open_actors and token.pos_ != "PRON":
            found = mentions.open_of(token)
        if found is None and objects and token.pos_ != "PRON":
            found = mentions.object_of(token)
        if found is not None and phrases and found.basis != "coreference" and token.pos_ != "PRON":
            found = _phrased(found, token)
        if found is not None and all(found is not m and found.char_start != m.char_start for m in out):
            out.append(found)
    return out


def _phrased(found: Mention, token) -> Mention:
    """The side as the whole noun phrase its head word heads ("the police in the Gaza Strip"), when
    the actor's mention lies within it: the words a reader takes for that side."""
    start, end = side_phrase(token)
    if not (start <= found.char_start and found.char_end <= end) or (start, end) == (found.char_start, found.char_end):
        return found
    return replace(found, char_start=start, char_end=end, text=token.doc.text[start:end])


# --- which triggers are events ----------------------------------------------------------------

def _is_framing(trigger: CodedTrigger, coded: dict[int, CodedTrigger]) -> bool:
    """A trigger that only frames another event ("said that ...", "plans to visit")."""
    token = trigger.token
    lemma = token.lemma_.lower()
    if lemma in FRAMING_VERBS:
        if any(c.dep_ in ("ccomp", "parataxis", "xcomp") for c in token.children):
            return True
        if token.dep_ in ("parataxis", "ccomp") or trigger.code == "010":
            return True  # "..., officials said" / a bare statement is a report, not an event
    if lemma in PLANNING_VERBS | {"help"} and any(c.dep_ == "xcomp" for c in token.children):
        return True  # "wants to help Israel", "helped to plan": the act is the complement
    has_event_complement = any(c.i in coded for c in token.children if c.dep_ in ("xcomp", "ccomp", "acomp"))
    if has_event_complement and trigger.code[:2] not in GOVERNING_ROOTS and lemma in FUTURE_VERBS:
        return True
    return False


def _governor(trigger: CodedTrigger, coded: dict[int, CodedTrigger]) -> CodedTrigger | None:
    """The coded verb this trigger is the content of: "agreed to release" (release is part of
    the agreement), "canceled a visit" (the visit is what was canceled)."""
    token = trigger.token
    if trigger.entry.pos == "noun" and token.dep_ in ("dobj", "pobj"):
        # the noun is what the verb's own pattern is about ("canceled a visit"), or what is
        # demanded, refused, threatened
        head = token.head.head if token.head.dep_ == "prep" else token.head
        found = coded.get(head.i)
        if found is None or found.entry.pos != "verb":
            return None
        if token.dep_ == "dobj" or found.code[:2] in GOVERNING_ROOTS or (found.pattern is not None and any(
                _element_matches(word, _forms([token]), 0, {}) or word.startswith("&") for word in found.pattern.words)):
            return found
        return None
    if token.dep_ == "pcomp" and token.head.dep_ == "prep":  # "advocating for blocking X"
        found = coded.get(token.head.head.i)
        if found is not None and found.code[:2] in GOVERNING_ROOTS:
            return found
    if token.dep_ == "conj" and token.head.dep_ in ("xcomp", "ccomp") and token.pos_ in ("VERB", "AUX"):
        # "promised to democratize Serbia and establish the rule of law": both acts are promised
        token = token.head
    if token.dep_ in ("xcomp", "ccomp"):
        found = coded.get(token.head.i)
        if found is not None and found.code[:2] in GOVERNING_ROOTS:
            if token.dep_ == "ccomp" and found.code[:2] not in ("10", "02"):
                return None  # "demanded that X withdraw" is a demand; "agreed that" is vaguer
            return found
    return None


OBLIGATION_AUX = {"must", "should"}
DEMAND_CODE = "100"


def _obligations(sent) -> list[CodedTrigger]:
    """"The Bush administration declared that China must drop barriers": saying that someone
    else must act is a demand on them (CAMEO 10), whatever the speech verb."""
    found = []
    for token in sent:
        if token.pos_ != "VERB":
            continue
        lemma = token.lemma_.lower()
        if lemma not in FRAMING_VERBS and lemma not in SPEECH_VERBS:
            continue
        for clause in _children(token, "ccomp"):
            if not any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in clause.children):
                continue
            subjects = [s for s in _children(clause, "nsubj") for s in _with_conjuncts(s)]
            if subjects and all(s.pos_ != "PRON" for s in subjects):
                entry = Entry(f"{token.lemma_.lower()} that ... must", "verb", "DW_OBLIGATION", DEMAND_CODE, "",
                              "construction: someone says another must act")
                found.append(CodedTrigger(token, entry, None, DEMAND_CODE, "", targets_from=subjects))
    return found


def _named(code: str | None) -> bool:
    """An actor with a known country or organisation, not a bare role ("---MIL")."""
    return bool(code) and not code.startswith("---")


def _is_light(trigger: CodedTrigger, coded: dict[int, CodedTrigger]) -> bool:
    token = trigger.token
    return (trigger.entry.pos == "verb" and trigger.pattern is None and _is_form_of(token, LIGHT_VERBS)
            and any(c.dep_ == "dobj" and c.i in coded and coded[c.i].entry.pos == "noun" for c in token.children))


def _is_purpose(token) -> bool:
    """"staged demonstrations to demand reforms", "joined protesters in demanding a vote": the
    purpose of an act is part of that act."""
    if token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return True
    return token.dep_ == "pcomp" and token.head.lower_ in ("in", "by") and token.tag_ == "VBG"


ACCUSATION_CODE = "112"
RESPONSIBILITY_CODE = "015"
ACCUSING_VERBS = {"claim", "allege", "charge", "assert", "insist", "maintain", "say", "state", "report", "declare"}


def _reported_accusations(sent, coded: dict[int, CodedTrigger], parsed: ParsedArticle, sentence,
                          index: _Mentions, ontology: Ontology, alleged: set[int]) -> list[Event]:
    """"The US claimed that ISIL had attacked Iraq": telling that someone else used force is an
    accusation against them (CAMEO 112); claiming it for oneself is claiming responsibility (015)."""
    out: list[Event] = []
    for token in sent:
        if token.lemma_.lower() not in ACCUSING_VERBS or token.pos_ != "VERB":
            continue
        speakers = _resolve([s for s in _children(token, "nsubj") for s in _with_conjuncts(s)], index)
        if not speakers:
            continue
        for clause in _children(token, "ccomp"):
            # "X claimed that Y attacked", not the attribution of a report ("Y attacked Z, X said")
            if clause.i < token.i or not (token.lemma_.lower() in ("claim", "allege", "charge") or
                                          any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)):
                continue
            inner = [t for i, t in coded.items() if t.token.i == clause.i or
                     (t.token.dep_ == "conj" and t.token.head.i == clause.i)]
            for trigger in inner:
                info = ontology.get(trigger.code)
                if info is None or info.quad_class != 4 or trigger.entry.pos != "verb":
                    continue
                perpetrators, _, _ = _sides(trigger, index)
                own = bool(perpetrators) and {p.code[:3] for p in perpetrators} <= {s.code[:3] for s in speakers}
                code = RESPONSIBILITY_CODE if own or not perpetrators else ACCUSATION_CODE
                if not perpetrators and token.lemma_.lower() != "claim":
                    continue
                entry = Entry(f"{token.lemma_.lower()} that ... {trigger.entry.trigger}", "verb", "DW_REPORTED",
                              code, "", "construction: a reported use of force")
                targets = _children(trigger.token, "dobj") if own else _children(clause, "nsubj")
                accusation = CodedTrigger(token, entry, None, code, "", targets_from=targets)
                found = _events_for(accusation, [], parsed, sentence, index, ontology)
                if found and code == ACCUSATION_CODE:
                    alleged.add(trigger.token.i)  # the act is what one side accuses another of
                out.extend(found)
                break
    return out


def _is_standing(token) -> bool:
    """"Hamas, which advocates Israel's destruction": a relative clause in the simple present
    describes its noun (a stance, a habit); "who went on to cancel" tells what happened."""
    node = token
    for _ in range(4):
        if node.dep_ == "relcl":
            return node.tag_ in ("VBZ", "VBP") and not _children(node, "aux", "auxpass")
        if node.dep_ not in ("xcomp", "conj") or node.head == node:
            return False
        node = node.head
    return False


def _is_elaboration(trigger: CodedTrigger, coded: dict[int, CodedTrigger], framing: set[int]) -> bool:
    token = trigger.token
    return token.dep_ in ("advcl", "xcomp") and token.head.i in coded and token.head.i not in framing


DISSENT_ROOT = "14"
EASE_DISSENT_CODE = "082"
NOUN_ROOTS_WITHOUT_TARGET = {"08", "12", "14"}  # "declared a ceasefire", "Aliyev's absence", "a hunger strike"
# "demands from Azerbaijan", "a threat from the CSTO": after these nouns "from" names the source
AWAY_FROM_NOUNS = {"absence", "withdrawal", "expulsion", "exit", "departure", "deportation", "evacuation",
                   "release", "return", "removal"}
# nouns whose "of" names who acts, not whom it is done to
AGENT_OF_NOUNS = {"visit", "trip", "tour", "arrival", "attendance", "participation", "statement"}
VISIT_NOUNS = {"visit", "trip", "tour"}
# how a target found on the governing verb itself is its addressee ("urged Moscow to", "called on X to")
ADDRESSEE_HOWS = ("dobj", "prep:on", "prep:upon", "prep:to", "prep:with", "passive", "clause-subject", "between")
PLANNING_VERBS = {"plan", "intend", "aim", "expect", "schedule", "prepare", "seek", "want", "hope", "wish"}
BACKGROUND_DEPS = {"relcl", "acl", "advcl", "pcomp", "csubj"}


def _is_background(trigger: CodedTrigger, coded: dict[int, CodedTrigger], framing: set[int]) -> bool:
    """Whether the trigger sits in a subordinate clause ("..., who overran it last month",
    "killing one person") or is a noun inside the phrase of another coded event."""
    token = trigger.token
    if trigger.entry.pos == "noun":
        node = token
        for _ in range(6):
            if node.head == node:
                return False
            node = node.head
            if node.i in coded and node.i not in framing:
                return True
            if node.pos_ in ("VERB", "AUX"):
                return False
        return False
    if _is_existential(token):
        return False  # "there were ... killed": the main news of the sentence
    node = token
    for _ in range(8):
        if node.dep_ in BACKGROUND_DEPS:
            return True
        if node.dep_ not in ("xcomp", "conj", "ccomp") or node.head == node:
            return False
        if node.dep_ == "ccomp" and node.head.i in framing:
            return False  # what was said is the main content
        node = node.head
    return False


# --- building events --------------------------------------------------------------------------

def _confidence(trigger: CodedTrigger, has_source: bool, has_target: bool, modality: str,
                decision: Decision | None = None) -> float:
    """How sure: the decision model's probability for the chosen type when there is one, else a
    score from what was found (a pattern, both sides, a verb)."""
    if decision is not None and decision.reason == Reason.CODED:
        return round(max(0.05, min(decision.confidence, 0.99)), 2)
    score = 0.45
    if has_source and has_target:
        score += 0.25
    if trigger.pattern is not None:
        score += 0.1
    if trigger.entry.pos == "verb":
        score += 0.1
    if modality != "asserted":
        score -= 0.05
    return round(max(0.05, min(score, 0.95)), 2)


def code_events(parsed: ParsedArticle, mentions: list[Mention], *, patterns: PatternSet | None = None,
                ontology: Ontology | None = None, decider: DecisionModel | None | str = "shipped",
                trace: list[dict] | None = None,
                frames: list[tuple[Frame, Decision, list[Event]]] | None = None
                ) -> list[Event]:
    """Code the events of one parsed article, using the actor mentions found in it.

    Three passes a sentence: the syntax finds the frames (predicates with their sides) and rules
    out those that only frame, elaborate or belong to another; the decision model (`decider`,
    by default the shipped one; None keeps the patterns' codes) gives each frame its code or no
    event; CAMEO's conventions, modality and date make the Event records.

    With `trace` (a list), every trigger considered is appended to it with its numbered reason,
    its frame and the features that decided: what `dyadwatch explain` shows. With `frames`, every
    frame that reached the decision is appended with its decision and the events it gave (what
    training reads)."""
    patterns = patterns or load_patterns()
    ontology = ontology or load_ontology()
    if decider == "shipped":
        decider = load_decision_model()
    index = _Mentions(mentions)
    by_start = {s.char_start: s for s in parsed.sentences}
    events: list[Event] = []

    def note(trigger: CodedTrigger, sentence, reason: Reason, found: list[Event] = (), *,
             framed: _Framed | None = None, decision: Decision | None = None, detail: str = "") -> None:
        if trace is not None:
            trace.append({"sentence_index": sentence.index, "trigger": trigger.token.text,
                          "entry": f"{trigger.entry.pos}:{trigger.entry.trigger}", "code": trigger.code,
                          "pattern": trigger.pattern.text if trigger.pattern else None,
                          "reason": int(reason), "decision": reason.text + (f" ({detail})" if detail else ""),
                          "frame": to_dict(framed.frame) if framed else None,
                          "decided": decision.code if decision else None,
                          "confidence": decision.confidence if decision else None,
                          "features": [[f, round(w, 3)] for f, w in decision.features] if decision else [],
                          "events": [e.event_id for e in found]})

    def decide(framed: _Framed, *, proposal_only: bool = False) -> Decision:
        if decider is None or proposal_only:
            info = ontology.get(framed.frame.proposed)
            return Decision(framed.frame.proposed, info.plover if info else None, Reason.CODED_AS_PROPOSED, 1.0)
        return decider.decide(framed.frame, ontology)

    # Every side of an event is a mention or an actor-like word of its own sentence (the parse tree
    # stays inside it); a sentence with neither codes nothing, and is passed over unless traced.
    with_actors = {m.sentence_index for m in mentions}
    for span in parsed.doc.sents:
        sentence = by_start.get(span.start_char)
        if sentence is None:
            continue
        sent = list(span)  # the tokens once: each pass below walks them, and a Span rebuilds them
        if trace is None and sentence.index not in with_actors and not any(is_actor_like(t) for t in sent):
            continue
        coded = find_triggers(sent, patterns, ontology, index.is_actor)
        # only what the patterns code shapes the sentence: a verb they do not know governs, frames
        # or backgrounds nothing ("The events included the closure of ...": the closure is the news)
        proposing = {i: t for i, t in coded.items() if t.code != NO_CODE}
        # "staged demonstrations", "organized a strike": the noun says what happened, not the verb
        light = {i for i, t in coded.items() if _is_light(t, proposing)}
        for i in light:
            note(coded.pop(i), sentence, Reason.LIGHT_VERB)
            proposing.pop(i, None)
        framing = {i for i, trigger in coded.items() if _is_framing(trigger, coded)}
        complements: dict[int, list[CodedTrigger]] = {}
        for trigger in coded.values():
            governor = _governor(trigger, proposing)
            if governor is not None and governor.token.i not in framing:
                complements.setdefault(governor.token.i, []).append(trigger)
        consumed = {c.token.i: g for g, group in complements.items() for c in group}
        demanded: set[int] = set()  # the acts a construction tells as demanded: coded as the patterns say
        for construction in _obligations(sent):
            found = _events_for(construction, [], parsed, sentence, index, ontology)
            note(construction, sentence, Reason.CONSTRUCTION, found, detail="saying another must act is a demand")
            events.extend(found)
            # what the other must do is told as the demand's content (hypothetical, with its speaker);
            # a verb no pattern codes there is only that content
            consumed.update({s.head.i: construction.token.i for s in construction.targets_from or []
                             if s.head.i in coded and s.head.i not in proposing})
            demanded.update(s.head.i for s in construction.targets_from or [])
        alleged: set[int] = set()
        events.extend(_reported_accusations(sent, coded, parsed, sentence, index, ontology, alleged))
        for i, trigger in coded.items():
            if trigger.token.lemma_.lower() in ABSENCE_NOUNS and any(p.i in coded for p in _pobjs(trigger.token, "of")):
                note(trigger, sentence, Reason.ABSENT_ACT)
                continue
            if i in consumed:
                governor_text = coded[consumed[i]].token.text if consumed[i] in coded else sent[0].doc[consumed[i]].text
                note(trigger, sentence, Reason.PART_OF_ANOTHER, detail=f"'{governor_text}'")
                continue
            if i in framing:
                note(trigger, sentence, Reason.FRAMES_ANOTHER)
                continue
            governor_token = trigger.token.head.head if trigger.token.dep_ == "pcomp" else trigger.token.head
            if _is_purpose(trigger.token) and (governor_token.i in light or
                                               (governor_token.i in proposing and governor_token.i not in framing)):
                note(trigger, sentence, Reason.PURPOSE, detail=f"'{governor_token.text}'")
                continue
            framed = _frame_of(trigger, complements.get(i, []), parsed, sentence, index, ontology)
            if not framed.sources and not framed.targets:
                note(trigger, sentence, Reason.NO_ACTOR, framed=framed)
                continue
            decision = decide(framed, proposal_only=i in demanded)
            if decision.code is None:
                if frames is not None:
                    frames.append((framed.frame, decision, []))
                note(trigger, sentence, Reason.NO_EVENT, framed=framed, decision=decision)
                continue
            found, reason = _events_of(framed, decision.code, parsed, sentence, index, ontology, decision)
            if found and _is_elaboration(trigger, proposing, framing):
                # "will travel to Moscow to take part in the celebrations": the purpose adds an event
                # only when it has an actor of its own on the other side
                found = [event for event in found if _named(event.target)]
                reason = reason if found else Reason.ADDS_NOTHING
            elif found and _is_background(trigger, proposing, framing):
                # a relative or adverbial clause, or a noun inside another event's phrase, tells
                # background; it is coded only when it names both sides
                found = [event for event in found if _named(event.source) and _named(event.target)]
                reason = reason if found else Reason.BACKGROUND
                if found and _is_standing(trigger.token):
                    found, reason = [], Reason.DESCRIBES
            if i in alleged:
                found = [replace(e, modality="hypothetical", rule=e.rule + " (alleged: told as an accusation)")
                         for e in found]
            found = [_declined_engagement(e, trigger, events) for e in found]
            if frames is not None:
                frames.append((framed.frame, decision, found))
            note(trigger, sentence, reason, found, framed=framed, decision=decision)
            events.extend(found)
    return _deduplicate(events)


def _events_for(trigger: CodedTrigger, complements: list[CodedTrigger], parsed: ParsedArticle, sentence,
                index: _Mentions, ontology: Ontology) -> list[Event]:
    """The events of a construction that codes itself (no decision: its code is the construction's)."""
    framed = _frame_of(trigger, complements, parsed, sentence, index, ontology)
    return _events_of(framed, trigger.code, parsed, sentence, index, ontology, None)[0]


VIOLENCE_ROOTS = {"18", "19", "20"}
# aid, yielding, force posture and coercion done in a place with no one else named are aimed at it
PLACE_TARGET_ROOTS = {"07", "08", "15", "17"}
RECIPROCALS = {"each other", "one another"}
COERCION_ROOT = "17"
YIELD_ROOT = "08"
INVESTIGATION_ROOT = "09"
STATE_FORCES = {"COP", "MIL", "SPY", "GOV", "JUD"}
PLACE_PREPOSITIONS = {"in", "near", "at"}
NOT_THE_PLACE_PHRASE = {"conj", "appos", "relcl", "parataxis", "ccomp", "advcl", "cc", "punct", "csubj"}


def _part_of_place(node) -> bool:
    """"in a residential sector of Beirut", "near the town of Rafah": the "of" names the place."""
    outer = node.head.head
    return node.head.lower_ == "of" and outer.dep_ == "pobj" and outer.head.lower_ in PLACE_PREPOSITIONS


def _place_of(token, index: _Mentions) -> Mention | None:
    """The country a violent act happened in: a place named after "in", "near" or "at" in its phrase."""
    frontier = [token]
    for _ in range(10):  # within the act's own phrase, not in other clauses or list items
        frontier = [c for node in frontier for c in node.children if c.dep_ not in NOT_THE_PLACE_PHRASE]
        for node in frontier:
            if node.dep_ == "pobj" and (node.head.lower_ in PLACE_PREPOSITIONS or _part_of_place(node)):
                found = index.of(node)
                if found is not None and found.country and found.role is None:
                    return found
                if found is not None and found.country and node.ent_type_ in ("GPE", "LOC") \
                        and found.char_start <= node.idx < found.char_end:
                    # a capital the dictionary reads as its government ("Beirut" -> LBNGOV) is, after
                    # "in", only the place
                    return replace(found, code=found.country, role=None, actor_id=None, basis="place")
    return None


def _one_per_phrase(actors: list[Mention]) -> list[Mention]:
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


# what one declines or stays away from: an engagement told just before ("declined the same invitation")
ENGAGEMENT_NOUNS = {"invitation", "invite", "offer", "meeting", "summit", "visit", "talks", "celebration",
                    "celebrations", "parade", "ceremony", "commemoration", "commemorations", "forum"}
LOOKBACK_SENTENCES = 2


def _declined_engagement(event: Event, trigger: CodedTrigger, earlier: list[Event]) -> Event:
    """"Aliyev has declined the same invitation", "Aliyev's absence": a refusal with no one named
    is aimed at the host of the meeting or visit told in the sentences just before."""
    token = trigger.token
    if event.root != "12" or event.target is not None or event.source is None:
        return event
    if not (token.lemma_.lower() in ABSENCE_NOUNS or
            any(o.lemma_.lower() in ENGAGEMENT_NOUNS for o in _children(token, "dobj"))):
        return event
    for before in reversed(earlier):
        if before.sentence_index < event.sentence_index - LOOKBACK_SENTENCES:
            break
        if before.root in ("03", "04") and before.target and before.target[:3] != event.source[:3] \
                and before.article_id == event.article_id and before.sentence_index <= event.sentence_index:
            target = before.target[:3] if before.root == "03" or before.code == "042" else before.target
            return replace(event, target=target, target_text=before.target_text,
                           event_id=Event.make_id(event.article_id, event.sentence_index, event.code,
                                                  event.source, target, token.idx),
                           rule=event.rule + f" (host of the engagement told in sentence {before.sentence_index})")
    return event


DEMONSTRATIVES = {"this", "that", "these", "those", "it"}


def _told_thing_subject(verb) -> bool:
    """The verb's subject is "this", "it" or "this rhetoric": something the text told before."""
    subjects, passive = _subject(verb)
    if passive or not subjects:
        return False
    subject = subjects[0]
    return subject.lower_ in DEMONSTRATIVES or any(
        c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in subject.children)


def _refine_by_complement(trigger: CodedTrigger, complement: CodedTrigger | None,
                          ontology: Ontology) -> CodedTrigger:
    """"threatened to attack" -> threaten to use force (138); "agreed to release" -> 0353."""
    kind = SHIFT_OF_ROOT.get(trigger.code[:2])
    if complement is None or kind is None or trigger.pattern is not None:
        return trigger
    if kind == "intent" and any(c.dep_ == "neg" for c in complement.token.children):
        kind = "reject"  # "vowed not to return the Golan Heights": a refusal
        shifted = ontology.shift(kind, complement.code)
        if shifted:
            return replace(trigger, code=shifted, note=f"not {complement.entry.trigger} {complement.code} -> {shifted}")
    shifted = ontology.shift(kind, complement.code)
    # an intent to act against someone is a threat ("plans to impose restrictions")
    if shifted and (shifted[:2] == trigger.code[:2] or (kind == "intent" and shifted[:2] == "13")):
        return replace(trigger, code=shifted, note=f"{complement.entry.trigger} {complement.code} -> {shifted}")
    return trigger


@dataclass
class _Framed:
    """A frame with the parse behind it: what turning it into events needs beyond the record."""

    frame: Frame
    trigger: CodedTrigger
    complement: CodedTrigger | None
    sources: list[Mention]
    targets: list[Mention]
    how: str


def _frame_of(trigger: CodedTrigger, complements: list[CodedTrigger], parsed: ParsedArticle, sentence,
              index: _Mentions, ontology: Ontology) -> _Framed:
    """The frame of a trigger: its sides from the syntax (dictionary actors first, then open
    ones), the code its patterns propose, refined by what it governs, and the facts around it."""
    token = trigger.token
    complement = next((c for c in complements if c.entry.pos == "verb"), complements[0] if complements else None)
    trigger = _refine_by_complement(trigger, complement, ontology)
    sources, targets, how = _sides(trigger, index, open_actors=True)
    if complement is not None and targets and not how.startswith(ADDRESSEE_HOWS):
        # "advocating for blocking Russian broadcasts into Armenia": what is asked for names the target
        _, inner_targets, inner = _sides(complement, index, open_actors=True)
        inner_targets = [t for t in inner_targets if all(t is not s for s in sources)]
        if inner_targets:
            targets, how = inner_targets, f"{complement.entry.trigger}:{inner}"
            inner_info = ontology.get(complement.code)
            if trigger.code[:2] == "02" and inner_info is not None and inner_info.quad_class == 4:
                # "advocating for blocking Russian broadcasts": calling for force or sanctions against
                # someone not addressed is a threat to them, as an intent to act against them is
                shifted = ontology.shift("threat", complement.code)
                if shifted:
                    trigger = replace(trigger, code=shifted, note=f"appeal for {complement.code} -> {shifted}")
    if not targets and trigger.code[:2] in GOVERNING_ROOTS and trigger.entry.pos == "verb":
        # "threatened to break relations with Russia": the target is in what was threatened,
        # whether or not that act is itself a trigger
        inner_tokens = [complement.token] if complement is not None else []
        inner_tokens += [c for c in token.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX")]
        for inner_token in inner_tokens:
            inner_trigger = complement if complement is not None and complement.token.i == inner_token.i else \
                replace(trigger, token=inner_token, pattern=None, targets_from=None)
            _, found, inner = _sides(inner_trigger, index, open_actors=True)
            found = [t for t in found if all(t is not s for s in sources)]
            if found:
                targets, how = found, f"{inner_token.lemma_.lower()}:{inner}"
                break
    sources = _one_per_phrase(sources)
    frame = Frame(
        article_id=parsed.article.article_id, sentence_index=sentence.index, char_start=token.idx,
        char_end=token.idx + len(token), trigger=token.text, lemma=token.lemma_.lower(), pos=trigger.entry.pos,
        entry=trigger.entry.trigger, pattern=trigger.pattern.text if trigger.pattern else None,
        proposed=trigger.code, sources=[_argument(m, "source") for m in sources],
        targets=[_argument(m, how or "target") for m in targets], how=how,
        context=_context(token, complement), words=_phrase_words(token), vector=_vector(token))
    return _Framed(frame, trigger, complement, sources, targets, how)


def _argument(mention: Mention, role: str) -> Argument:
    return Argument(role=role, text=mention.text, char_start=mention.char_start, char_end=mention.char_end,
                    code=mention.code or None, basis=mention.basis)


MODAL_WORDS = {"will", "would", "shall", "wo", "could", "can", "may", "might", "must", "should", "to"}
CONTENT_POS = {"NOUN", "VERB", "ADJ", "ADV"}


def _context(token, complement: CodedTrigger | None) -> list[str]:
    """The syntactic facts around a predicate that the decision reads."""
    facts = [f"dep={token.dep_}"]
    for child in token.children:
        dep = child.dep_
        if dep == "neg":
            facts.append("neg")
        elif dep in ("aux", "auxpass") and child.lower_ in MODAL_WORDS:
            facts.append(f"aux={child.lower_}")
        elif dep == "auxpass":
            facts.append("passive")
        elif dep in ("dobj", "attr", "dative"):
            facts.append(f"obj={child.lemma_.lower()}")
        elif dep in ("prep", "agent"):
            facts.append(f"prep={child.lower_}")
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ == "NOUN":
                    facts.append(f"pobj={child.lower_}:{pobj.lemma_.lower()}")
        elif dep == "prt":
            facts.append(f"prt={child.lower_}")
        elif dep in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
            facts.append(f"{dep}={child.lemma_.lower()}")
    if token.dep_ in ("xcomp", "ccomp", "dobj", "pcomp", "advcl", "conj") and token.head is not token:
        facts.append(f"gov={token.head.lemma_.lower()}")
    elif token.dep_ == "pobj" and token.head.head is not token.head:
        facts.append(f"gov={token.head.head.lemma_.lower()}")
    if complement is not None:
        facts.append(f"complement={complement.code[:2]}")
        facts.append(f"complement_lemma={complement.token.lemma_.lower()}")
    return facts


def _vector(token) -> list[float]:
    """The parser's context vector of the word (empty when the pipeline keeps none)."""
    tensor = token.doc.tensor
    if tensor is None or len(tensor) <= token.i:
        return []
    return [round(float(x), 3) for x in tensor[token.i]]


def _phrase_words(token) -> list[str]:
    """Lemmas of the content words of the predicate's own phrase."""
    return sorted({t.lemma_.lower() for t in _phrase_after(token) if t.pos_ in CONTENT_POS})


def _events_of(framed: _Framed, code: str, parsed: ParsedArticle, sentence, index: _Mentions,
               ontology: Ontology, decision: Decision | None) -> tuple[list[Event], Reason]:
    """The events a frame gives once its code is decided: CAMEO's conventions for the sides,
    modality, date, and the Event records (a visit mirrored as a hosting)."""
    trigger, sources, targets, how = framed.trigger, framed.sources, framed.targets, framed.how
    complement = framed.complement
    token = trigger.token
    decided = code
    if decided[:2] in VIOLENCE_ROOTS or decided == RESPONSIBILITY_CODE:
        # CAMEO convention for violence: a side left unnamed is the country where it happened
        # ("soldiers killed in Ukraine", "claimed the attack at a mall in Kenya's capital")
        place = _place_of(token, index) if (sources or targets) and not (sources and targets) else None
        if place is not None and not targets and all(place.country != s.country for s in sources):
            targets, how = [place], "location"
        elif place is not None and not sources and all(place.country != t.country for t in targets):
            sources, how = [place], "location"
            if trigger.entry.pos == "verb" and not any(_named(t.code) for t in targets):
                targets = [place]  # "a journalist was killed in Beirut": victims of no country are of the place
    if decided[:2] in VIOLENCE_ROOTS | {COERCION_ROOT} and sources and targets and how != "location" \
            and not any(_named(t.code) for t in targets):
        # "killed 23 people in Tel Aviv", "police dispersed demonstrators": victims named by no
        # country are of the place it happened, else of the country whose forces acted
        place = _place_of(token, index)
        if place is not None:
            targets, how = [_of_country(targets[0], place.country, "location")], "location"
        elif sources[0].country and sources[0].role in STATE_FORCES:
            targets, how = [_of_country(targets[0], sources[0].country, "domestic")], "domestic"
    elif decided[:2] in (COERCION_ROOT, INVESTIGATION_ROOT, YIELD_ROOT) and not sources and targets:
        # an arrest, detention, closure, investigation or release told without its agent is the doing
        # of the state it happens in ("Azerbaijanis were arrested in Yekaterinburg", "the closure of
        # the Russian center in Baku", "was put under investigation in Italy", "were released in Libya")
        place = _place_of(token, index)
        if place is not None and all(place.country != t.country for t in targets):
            sources, how = [place], "location"
    if decided[:2] in PLACE_TARGET_ROOTS and sources and not any(_named(t.code) or t.basis == "open" for t in targets):
        # "imposed a curfew in parts of Kashmir", "declared a ceasefire in Somalia", "deployed troops
        # in Mali", "delivered aid in Yemen": an act on a place's people, with no one else named,
        # is aimed at the place
        place = _place_of(token, index)
        if place is not None and all(place.country != s.country for s in sources):
            targets, how = [place], "location"
    if not sources and trigger.entry.pos == "verb" and decided[:2] not in VIOLENCE_ROOTS \
            and _told_thing_subject(token):
        return [], Reason.THING_ACTS  # "This helps him", "This rhetoric seeks to ...": a thing told before acts
    if not any(_named(actor.code) or actor.basis == "open" for actor in sources + targets):
        return [], Reason.ONLY_ROLES  # "officials would be indicted": bare roles say nothing of a dyad
    if trigger.entry.pos == "noun" and not targets and decided[:2] not in NOUN_ROOTS_WITHOUT_TARGET:
        return [], Reason.NOUN_WITHOUT_TARGET  # "Pashinyan's visit was significant": told elsewhere
    speaker = speaker_token(token)
    speaker_mention = index.of(speaker) if speaker is not None else None
    modality, why = modality_of(token, in_reported_speech=speaker is not None)
    if modality == "asserted" and complement is not None and token.lemma_.lower() in PLANNING_VERBS:
        modality, why = "future", f"plans: {token.lemma_.lower()}"  # "plans to visit": not done yet
    code, shift_note = _code_for_modality(decided, modality, why, ontology, token)
    if shift_note.startswith("reject"):
        modality = "asserted"  # "will not accept" is a rejection that happened
    body = parsed.article.body
    text = body[sentence.char_start:sentence.char_end]
    when = resolve_date(text, parsed.article.published, near=token.idx - sentence.char_start,
                        future=modality == "future")
    info = ontology.get(code)
    if info is None:
        return [], Reason.NO_CODE
    pairs = [(s, t) for s in sources or [None] for t in targets or [None]]
    over_topic = how in ("prep:over", "prep:about") and len({s.code[:3] for s in sources if _named(s.code)}) > 1
    no_actor_targeted = not any(_named(t.code) or t.basis == "open" for t in targets)
    reciprocal = any(t.text.lower() in RECIPROCALS for t in targets)
    if ((no_actor_targeted and "03" <= info.root <= "08") or over_topic or reciprocal) and len(sources) > 1 \
            and modality != "negated":
        # "Russia and Armenia squared off over the arrests": a quarrel "over" something is between them
        # "Brazil and the United States are seeking to deepen a partnership": with each other
        mutual = [(s, t) for s in sources for t in sources
                  if s is not t and (s.code[:3] != t.code[:3] or not (s.code and t.code))]
        if mutual:
            pairs, how = mutual, "with each other"
    rule = f"{trigger.entry.pos}:{trigger.entry.trigger}"
    if trigger.pattern is not None:
        rule += f" [{trigger.pattern.text}]"
    if decided != trigger.code:
        shifted = next((kind for kind in ("intent", "reject", "threat") if ontology.shift(kind, trigger.code) == decided), None)
        rule += f" (decided {decided}: {shifted} of the proposed {trigger.code})" if shifted else \
            f" (decided {decided}, not the proposed {trigger.code})"
    if how:
        rule += f"+{how}"
    if trigger.note:
        rule += f" ({trigger.note})"
    if why:
        rule += f" ({why})"
    rule += f" -> {code}" + (f" ({shift_note})" if shift_note else "")
    speaker_code = None
    if speaker is not None:
        speaker_code = speaker_mention.code if speaker_mention else speaker.text
    reverse = ontology.get(trigger.reverse) if trigger.reverse not in ("", "---") else None
    mirrored = []
    if reverse is not None and reverse.code != info.code and code == trigger.code == decided \
            and modality == "asserted":
        # a visit is also a hosting: "received ministers from the government" (043 and 042)
        mirrored = [(t, s) for s, t in pairs if s is not None and t is not None]
    out = []
    for (source, target), event_info in [(pair, info) for pair in pairs] + [(pair, reverse) for pair in mirrored]:
        source_code = (source.code or None) if source else None  # an open actor has no code
        target_code = (target.code or None) if target else None
        if target_code is None and source is not None and (event_info.root == DISSENT_ROOT or
                                                      event_info.code == EASE_DISSENT_CODE) \
                and _named(source.code) and source.country:
            # a protest with no one named as its object is aimed at home: the protesters' own country;
            # so is calling one off ("the teachers' union called off a strike")
            target_code = source.country
        out.append(Event(
            event_id=Event.make_id(parsed.article.article_id, sentence.index, event_info.code,
                                   source_code, target_code, token.idx),
            article_id=parsed.article.article_id,
            sentence_index=sentence.index,
            char_start=sentence.char_start,
            char_end=sentence.char_end,
            evidence=text,
            date=when.date,
            date_precision=when.precision,
            date_basis=when.basis,
            source=source_code,
            target=target_code,
            source_text=source.text if source else None,
            target_text=target.text if target else None,
            code=event_info.code,
            root=event_info.root,
            quad_class=event_info.quad_class,
            goldstein=event_info.goldstein,
            plover=event_info.plover,
            modality=modality,
            speaker=speaker_code,
            confidence=_confidence(trigger, source is not None, target is not None, modality, decision),
            rule=(rule if event_info is info else f"{rule} (mirror: {event_info.code})")
            + ("" if target_code == ((target.code or None) if target else None) else " (domestic protest)"),
        ))
    return out, Reason.CODED


def _of_country(side: Mention, country: str, basis: str) -> Mention:
    """The side as told ("23 people", "demonstrators"), coded as the people of `country`."""
    return replace(side, code=country, country=country, role=None, actor_id=None, basis=basis)


def _code_for_modality(code: str, modality: str, why: str, ontology: Ontology, token) -> tuple[str, str]:
    """CAMEO's reading of an announced or refused act: "will visit" is an intent to meet (036),
    "will not accept" a rejection (12x). Acts only expected by others keep their code."""
    if code[:2] in GOVERNING_ROOTS or code[:2] in ("01", "09", "11"):
        return code, ""
    if modality == "future" and is_intent(why):
        shifted = ontology.shift("intent", code)
        return (shifted, f"intent: {code} -> {shifted}") if shifted else (code, "")
    verb = token
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:  # a noun's tense is its verb's
        verb = verb.head
    if modality == "negated" and any(c.lower_ in ("will", "would", "wo", "shall") for c in verb.children):
        shifted = ontology.shift("reject", code)
        return (shifted, f"reject: {code} -> {shifted}") if shifted else (code, "")
    return code, ""


def _deduplicate(events: list[Event]) -> list[Event]:
    """One event per id; and an event missing a side is dropped when the article has the same act
    by the same actor with that side named ("established ties with and opened an embassy in
    Tehran")."""
    seen: set[str] = set()
    out = []
    with_target = {(e.source, e.code) for e in events if e.target is not None}
    with_source = {(e.target, e.code) for e in events if e.source is not None}
    # across the article: "At the meeting with Lavrov, ..." re-mentions a meeting told with both sides
    events = [e for e in events if not (e.target is None and e.source is not None
                                        and (e.source, e.code) in with_target)
              and not (e.source is None and e.target is not None and (e.target, e.code) in with_source)]
    for event in events:
        if event.event_id not in seen:
            seen.add(event.event_id)
            out.append(event)
    return out
