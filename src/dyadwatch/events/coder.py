"""The event coder: three passes a sentence, each taking records and returning records.

    1. frames (triggers.py, frames.py): every predicate with its actor-like sides, from the parse;
       the syntax rules out what only frames, elaborates or belongs to another act;
    2. decision (decisions.py): the learned model gives each frame a CAMEO code, or no event;
    3. conventions (conventions.py): CAMEO's conventions, modality and date make the Event records.
Actor questions (who a pronoun, a title, a dateline or an unknown name stands for) go to one
index, actors.index. This module wires the passes, and codes the two constructions that code
themselves (saying another must act; claiming another used force).

What follows is what the passes decide together, as the verb and noun patterns over the
dependency parse first did it.

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

from dataclasses import replace

from ..actors.index import ActorIndex, resolve_tokens
from .conventions import ACCUSATION_CODE, RESPONSIBILITY_CODE, declined_engagement, deduplicate, events_of
from .decisions import DecisionModel, load_decision_model
from .frames import (
    ABSENCE_NOUNS, Framed, found_within, frame_of, gerund_object_doer, governor_of, is_background, is_elaboration, is_framing, is_light,
    is_named, is_purpose, is_reading_of_stance, is_standing, sides_of
)
from .modality import CLAIM_CONTENT, FRAMING_VERBS, SPEECH_VERBS
from .ontology import Ontology, load_ontology
from .patterns import Entry, PatternSet, load_patterns
from .reasons import Reason
from .triggers import CodedTrigger, NO_CODE, find_triggers
from ..records import Decision, Event, Frame, Mention, ParsedArticle, Place, Relevance, to_dict
from ..syntax import children_by, pobjs_of, with_conjuncts
from .words import word_set

OBLIGATION_AUX = word_set("obligation_aux")

__all__ = ["code_events", "CodedTrigger", "find_triggers"]


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
        for clause in children_by(token, "ccomp"):
            if not any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in clause.children):
                continue
            subjects = [s for s in children_by(clause, "nsubj") for s in with_conjuncts(s)]
            if subjects and all(s.pos_ != "PRON" for s in subjects):
                entry = Entry(f"{token.lemma_.lower()} that ... must", "verb", "DW_OBLIGATION", DEMAND_CODE, "",
                              "construction: someone says another must act")
                found.append(CodedTrigger(token, entry, None, DEMAND_CODE, "", targets_from=subjects))
    return found


ACCUSING_VERBS = word_set("accusing_verbs")
# "accused Armenia of shelling", "blamed Kyiv for attacking": what the object is accused of doing
ACCUSING_OBJECT_VERBS = word_set("accusing_object_verbs")


def _accused_acts(coded: dict[int, CodedTrigger]) -> set[int]:
    """The acts told only as what one side accuses another of: a gerund after an accusing verb's
    object and its preposition ("accused Armenia of shelling its positions"). They are alleged,
    as the content of a claim is; the accusation itself is the asserted event."""
    return {i for i, trigger in coded.items() if gerund_object_doer(trigger.token) is not None
            and trigger.token.head.head.lemma_.lower() in ACCUSING_OBJECT_VERBS}


def _reported_accusations(sent, coded: dict[int, CodedTrigger], parsed: ParsedArticle, sentence,
                          index: ActorIndex, ontology: Ontology, alleged: set[int]) -> list[Event]:
    """"The US claimed that ISIL had attacked Iraq": telling that someone else used force is an
    accusation against them (CAMEO 112); claiming it for oneself is claiming responsibility (015)."""
    out: list[Event] = []
    for token in sent:
        if token.lemma_.lower() not in ACCUSING_VERBS or token.pos_ != "VERB":
            continue
        speakers = resolve_tokens([s for s in children_by(token, "nsubj") for s in with_conjuncts(s)], index)
        if not speakers:
            continue
        for clause in children_by(token, "ccomp"):
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
                perpetrators, _, _ = sides_of(trigger, index)
                own = bool(perpetrators) and {p.code[:3] for p in perpetrators} <= {s.code[:3] for s in speakers}
                code = RESPONSIBILITY_CODE if own or not perpetrators else ACCUSATION_CODE
                if not perpetrators and token.lemma_.lower() != "claim":
                    continue
                entry = Entry(f"{token.lemma_.lower()} that ... {trigger.entry.trigger}", "verb", "DW_REPORTED",
                              code, "", "construction: a reported use of force")
                targets = children_by(trigger.token, "dobj") if own else children_by(clause, "nsubj")
                accusation = CodedTrigger(token, entry, None, code, "", targets_from=targets)
                found = _events_for(accusation, [], parsed, sentence, index, ontology)
                if found and code == ACCUSATION_CODE:
                    alleged.add(trigger.token.i)  # the act is what one side accuses another of
                out.extend(found)
                break
    return out


def code_events(parsed: ParsedArticle, mentions: list[Mention], *, patterns: PatternSet | None = None,
                ontology: Ontology | None = None, decider: DecisionModel | None | str = "shipped",
                trace: list[dict] | None = None,
                frames: list[tuple[Frame, Decision, list[Event]]] | None = None,
                relevance: Relevance | None = None, places: list[Place] | None = None) -> list[Event]:
    """Code the events of one parsed article, using the actor mentions found in it.

    Three passes a sentence: the syntax finds the frames (predicates with their sides) and rules
    out those that only frame, elaborate or belong to another; the decision model (`decider`,
    by default the shipped one; None keeps the patterns' codes) gives each frame its code or no
    event; CAMEO's conventions, modality and date make the Event records.

    With `trace` (a list), every trigger considered is appended to it with its numbered reason,
    its frame and the features that decided: what `dyadwatch explain` shows. With `frames`, every
    frame that reached the decision is appended with its decision and the events it gave (what
    training reads). With `relevance` (the relevance stage's view of the article), a sentence it
    judges not political codes nothing: "Russia beat Croatia" on a sport page. With `places` (the
    actors stage's places of the article), each event gets its location (events.places)."""
    patterns = patterns or load_patterns()
    ontology = ontology or load_ontology()
    if decider == "shipped":
        decider = load_decision_model()
    index = ActorIndex(mentions, places=places or ())
    by_start = {s.char_start: s for s in parsed.sentences}
    events: list[Event] = []

    def note(trigger: CodedTrigger, sentence, reason: Reason, found: list[Event] = (), *,
             framed: Framed | None = None, decision: Decision | None = None, detail: str = "") -> None:
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

    def decide(framed: Framed, *, proposal_only: bool = False) -> Decision:
        if decider is None or proposal_only:
            info = ontology.get(framed.frame.proposed)
            return Decision(framed.frame.proposed, info.plover if info else None, Reason.CODED_AS_PROPOSED, 1.0)
        return decider.decide(framed.frame, ontology)

    # Every side of an event is a mention or an actor-like word of its own sentence (the parse tree
    # stays inside it). A sentence naming no actor the dictionaries know codes nothing: it is passed
    # over (a fifth of the coder's time went to such sentences, and cross-validated, coding their
    # open actors changed no score by 0.005); traced, its frames are shown and not coded.
    with_actors = {m.sentence_index for m in mentions}
    for span in parsed.doc.sents:
        sentence = by_start.get(span.start_char)
        if sentence is None:
            continue
        knows_an_actor = sentence.index in with_actors
        if trace is None and not knows_an_actor:
            continue  # (before reading its text or its tokens: most sentences of a page name no actor)
        sent = list(span)  # the tokens once: each pass below walks them, and a Span rebuilds them
        political = relevance is None or relevance.political(sentence.index)
        # a question asks whether something happened: it tells nothing
        asked = span.text.rstrip().rstrip('"”’\'').endswith("?")
        told = political and not asked
        silent = Reason.QUESTION if political else Reason.NOT_POLITICAL  # why a sentence not told codes nothing
        if trace is None and not (knows_an_actor and told):
            continue
        coded = find_triggers(sent, patterns, ontology, index.is_actor)
        # only what the patterns code shapes the sentence: a verb they do not know governs, frames
        # or backgrounds nothing ("The events included the closure of ...": the closure is the news)
        proposing = {i: t for i, t in coded.items() if t.code != NO_CODE}
        # "staged demonstrations", "organized a strike": the noun says what happened, not the verb
        light = {i for i, t in coded.items() if is_light(t, proposing)}
        for i in light:
            note(coded.pop(i), sentence, Reason.LIGHT_VERB)
            proposing.pop(i, None)
        framing = {i for i, trigger in coded.items() if is_framing(trigger, coded)}
        complements: dict[int, list[CodedTrigger]] = {}
        for trigger in coded.values():
            governor = governor_of(trigger, proposing)
            if governor is not None and governor.token.i not in framing:
                complements.setdefault(governor.token.i, []).append(trigger)
        consumed = {c.token.i: g for g, group in complements.items() for c in group}
        demanded: set[int] = set()  # the acts a construction tells as demanded: coded as the patterns say
        for construction in _obligations(sent):
            found = _events_for(construction, [], parsed, sentence, index, ontology)
            if told:
                note(construction, sentence, Reason.CONSTRUCTION, found, detail="saying another must act is a demand")
            else:
                found = []
                note(construction, sentence, silent)
            events.extend(found)
            # what the other must do is told as the demand's content (hypothetical, with its speaker);
            # a verb no pattern codes there is only that content
            consumed.update({s.head.i: construction.token.i for s in construction.targets_from or []
                             if s.head.i in coded and s.head.i not in proposing})
            demanded.update(s.head.i for s in construction.targets_from or [])
        alleged: set[int] = _accused_acts(coded)
        accusations = _reported_accusations(sent, coded, parsed, sentence, index, ontology, alleged)
        events.extend(accusations if told else [])
        for i, trigger in coded.items():
            if trigger.token.lemma_.lower() in ABSENCE_NOUNS and any(p.i in coded for p in pobjs_of(trigger.token, "of")):
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
            if is_purpose(trigger.token) and (governor_token.i in light or
                                               (governor_token.i in proposing and governor_token.i not in framing)):
                note(trigger, sentence, Reason.PURPOSE, detail=f"'{governor_token.text}'")
                continue
            if is_reading_of_stance(trigger.token):
                note(trigger, sentence, Reason.READING_OF_STANCE)
                continue
            framed = frame_of(trigger, complements.get(i, []), parsed, sentence, index, ontology)
            if not framed.sources and not framed.targets:
                note(trigger, sentence, Reason.NO_ACTOR, framed=framed)
                continue
            decision = decide(framed, proposal_only=i in demanded)
            if decision.code is None:
                if frames is not None:
                    frames.append((framed.frame, decision, []))
                note(trigger, sentence, Reason.NO_EVENT, framed=framed, decision=decision)
                continue
            found, reason = events_of(framed, decision.code, parsed, sentence, index, ontology, decision)
            if not knows_an_actor:
                found, reason = [], Reason.NO_KNOWN_ACTOR
            elif not told:
                found, reason = [], silent
            dug = found_within(framed.how)  # a target found inside the act's object or clauses, not a side of its own
            if found and is_elaboration(trigger, proposing, framing):
                # "will travel to Moscow to take part in the celebrations": the purpose adds an event
                # only when it has an actor of its own on the other side
                found = [event for event in found if is_named(event.target) and not dug]
                reason = reason if found else Reason.ADDS_NOTHING
            elif found and is_background(trigger, proposing, framing):
                # a relative or adverbial clause, or a noun inside another event's phrase, tells
                # background; it is coded only when it names both sides (in its own roles: an actor found
                # deeper inside it is what the background is about, not a side of a second event)
                found = [event for event in found
                         if is_named(event.source) and is_named(event.target) and not dug]
                reason = reason if found else Reason.BACKGROUND
                if found and is_standing(trigger.token):
                    found, reason = [], Reason.DESCRIBES
            if i in alleged:
                found = [replace(e, modality="alleged", rule=e.rule + f" ({CLAIM_CONTENT} told as an accusation)")
                         for e in found]
            found = [declined_engagement(e, trigger, events) for e in found]
            if frames is not None:
                frames.append((framed.frame, decision, found))
            note(trigger, sentence, reason, found, framed=framed, decision=decision)
            events.extend(found)
    return deduplicate(events)


def _events_for(trigger: CodedTrigger, complements: list[CodedTrigger], parsed: ParsedArticle, sentence,
                index: ActorIndex, ontology: Ontology) -> list[Event]:
    """The events of a construction that codes itself (no decision: its code is the construction's)."""
    framed = frame_of(trigger, complements, parsed, sentence, index, ontology)
    return events_of(framed, trigger.code, parsed, sentence, index, ontology, None)[0]
