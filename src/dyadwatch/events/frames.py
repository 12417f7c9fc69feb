"""Pass 1b of the coder: each trigger's frame, its sides read from the syntax, not from word order.

    subject -> source, object -> target            Azerbaijan summoned Russia's envoy
    passive: "by" agent -> source, subject -> target    X was arrested by Y / X was arrested
    prepositional target: talks with X, visit to X, called on X to, accused X of
    conjunctions give one side per actor          Jordan and Britain agreed
    nouns: possessor, "by" or "from" -> source, "of"/"to"/"with" -> target
    complements without a subject take the governing verb's subject (or object: "urged X to")

And the structure of the sentence: which triggers only frame another ("said that", "plans to"),
belong to another ("agreed to release"), are light ("staged demonstrations"), a purpose or
background. `frame_of` gives the Frame record the decision reads (records.Frame).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..actors.index import ActorIndex, COLLECTIVE_NOUNS, one_per_phrase, resolve_tokens
from ..actors.open import is_actor_like, is_reciprocal
from .modality import FRAMING_VERBS, FUTURE_VERBS
from .ontology import Ontology, quad_class_of_root
from .patterns import synset_words
from .places import place_of
from .triggers import CodedTrigger, element_matches, is_existential, phrase_after, word_forms
from ..records import Argument, Frame, Mention, ParsedArticle
from ..syntax import (
    PREPOSITION_DEPS, children_by, is_form_of, is_passive, pobjs_of, with_conjuncts
)
from .words import word_list, word_set

__all__ = ["ABSENCE_NOUNS", "ADDRESSEE_HOWS", "AGENT_OF_NOUNS", "AWAY_FROM_NOUNS", "BACKGROUND_DEPS",
           "COMPLAINT_PREPOSITIONS", "CONTENT_POS", "Framed", "GOVERNING_ROOTS", "LIGHT_VERBS",
           "MODAL_WORDS", "NOUN_TARGET_PREPOSITIONS", "OBJECT_PREPOSITIONS", "PLANNING_VERBS",
           "RECIPIENT_PREPOSITIONS", "RESPONSE_VERBS", "SHIFT_OF_ROOT", "STANCE_WORDS", "STATIVE_PASSIVES",
           "TARGET_PREPOSITIONS", "VIOLENCE_ROOTS", "VISIT_NOUNS", "WITHIN", "candidates_noun", "candidates_verb",
           "found_within", "frame_of", "gerund_object_doer", "governor_of", "is_background", "is_elaboration", "is_framing", "is_light", "is_named",
           "is_purpose", "is_reading_of_stance", "is_standing", "nested_pobjs", "refine_by_complement", "sides_of", "subject_of"]

RELATIVE_PRONOUNS = word_set("relative_pronouns")
GOVERNING_ROOTS = {"02", "03", "10", "12", "13"}


SHIFT_OF_ROOT = {"03": "intent", "12": "reject", "13": "threat"}


# "in" is left out: after a verb it mostly says where ("rioted in Dili", "met in Zurich")
TARGET_PREPOSITIONS = word_list("target_prepositions")


OBJECT_PREPOSITIONS = TARGET_PREPOSITIONS + ("in", "by", "between", "among")


COMPLAINT_PREPOSITIONS = word_list("complaint_prepositions")


# verbs whose passive form states a stance of the subject ("is opposed to", "is committed to")
STATIVE_PASSIVES = word_set("stative_passives")
# "the arrested Russians forced to walk": a verb that puts its object to an act, with the act
# and no object, is a reduced passive; its subject is who was made to act
COERCING_VERBS = word_set("coercing_verbs")
# "More than 100 protesters killed in Iran": verbs whose bare past participle after a noun, with no
# auxiliary, tells what was done to it (the tagger also says VBN of "reneged", "shortened" in full
# sentences, so only these are read so)
VICTIM_PARTICIPLES = word_set("victim_participles")


NOUN_TARGET_PREPOSITIONS = word_list("noun_target_prepositions")


LIGHT_VERBS = word_set("light_verbs")


def _antecedent_of_relative(verb, subjects: list) -> list:
    """"Aliyev, who went on to cancel ...": a relative pronoun stands for the noun its clause
    describes."""
    if verb.dep_ == "relcl" and all(s.lower_ in RELATIVE_PRONOUNS for s in subjects):
        head = verb.head
        # "who" stands for a person; "which" only for a named actor or a body ("Hamas, which"),
        # not for a thing that merely has an actor's adjective ("the Azerbaijani airplane, which")
        if any(s.lower_ in ("who", "whom") for s in subjects) and not is_actor_like(head):
            # "talks between his government and the Taliban, who have long refused": the parse hung
            # "who" on a thing; it stands for the nearest actor named before it in that phrase
            before = [t for t in head.subtree if head.i < t.i < min(s.i for s in subjects) and is_actor_like(t)]
            if before:
                return before[-1:]
        if any(s.lower_ in ("who", "whom") for s in subjects) or head.pos_ == "PROPN" \
                or head.ent_type_ in ("ORG", "GPE", "NORP") or head.lower_ in COLLECTIVE_NOUNS:
            return [head]
    return subjects


def _user_of(noun):
    """"The missiles fired by the Israeli military struck a depot", "a resolution drafted by France
    condemns": a thing that acts is the doing of whoever its participle says made or used it."""
    if noun.pos_ != "NOUN" or is_actor_like(noun):
        return None
    agents = [a for acl in children_by(noun, "acl") if acl.tag_ == "VBN" for a in pobjs_of(acl, "by")]
    return agents[0] if agents else None


# "accused X of shelling", "blamed X for", "charged X with", "barred X from": after a verb's object,
# the gerund these prepositions take is the object's act
OBJECT_DOES_PREPOSITIONS = word_set("object_does_prepositions")


def gerund_object_doer(verb):
    """The object of the verb governing `verb` when `verb` is a gerund after that object and one
    of OBJECT_DOES_PREPOSITIONS ("accused Armenia of shelling", "blamed Kyiv for attacking",
    "stopped them from entering"): the one doing the gerund's act. None otherwise ("responded by
    banning": no object, the subject acts)."""
    preposition = verb.head
    if verb.dep_ != "pcomp" or preposition.lower_ not in OBJECT_DOES_PREPOSITIONS:
        return None
    governor = preposition.head
    objects = children_by(governor, "dobj")
    if governor.pos_ in ("VERB", "AUX") and objects and objects[0].i < preposition.i:
        return objects[0]
    return None


def subject_of(verb, depth: int = 0):
    """(subject tokens, is passive) of a verb, inheriting from the governing verb when a
    complement or a second verb of a conjunction has none of its own."""
    subjects = children_by(verb, "nsubj", "csubj")
    # "The Red Cross operating in Iraq said", parsed with "operating" as the subject: the noun the
    # participle describes is who speaks
    subjects = [(children_by(s, "nsubj")[0] if s.tag_ == "VBG" and children_by(s, "nsubj") else s) for s in subjects]
    if subjects:
        reduced_passive = verb.lemma_.lower() in COERCING_VERBS and bool(children_by(verb, "xcomp")) \
            and not children_by(verb, "dobj") and not any(c.dep_ == "aux" for c in verb.children)
        # "More than 100 protesters killed in Iran": a past participle with no auxiliary is a headline's
        # (or a reduced) passive the parse read as active; its subject is whom it was done to
        reduced_passive = reduced_passive or (verb.tag_ == "VBN" and verb.lemma_.lower() in VICTIM_PARTICIPLES
                                              and not children_by(verb, "dobj")
                                              and not any(c.dep_ in ("aux", "auxpass") for c in verb.children))
        return _antecedent_of_relative(verb, subjects), reduced_passive
    passive = children_by(verb, "nsubjpass")
    if passive:
        return _antecedent_of_relative(verb, passive), True
    if verb.dep_ == "conj" and verb.head != verb:
        # "trust has been undermined, and Russia, preoccupied with the war, is unlikely to offer":
        # a participle set off by commas after a noun describes it (the parser makes it a verb
        # with that noun as subject); the verb joined after it has that noun as its subject
        described = [s for sibling in verb.head.children if sibling.dep_ == "conj" and sibling.i < verb.i
                     and sibling.tag_ in ("VBN", "VBG") and not children_by(sibling, "aux", "auxpass")
                     for s in children_by(sibling, "nsubj")
                     if s.i + 2 == sibling.i and s.doc[s.i + 1].text == ","]
        if described:
            return described[-1:], False
    if verb.dep_ == "xcomp" and children_by(verb.head, "dobj"):
        # "led Armenian elites to accuse Russia", "urged Moscow to withdraw": the object acts
        return children_by(verb.head, "dobj")[:1], False
    if depth < 3 and verb.dep_ in ("xcomp", "conj", "advcl", "acomp") and verb.head != verb:
        subjects, passive = subject_of(verb.head, depth + 1)
        # "X was forced to leave": the subject of a passive governor acts in the complement;
        # "X is expected to be joined by Y": a passive complement has it as its target
        own_passive = any(c.dep_ == "auxpass" for c in verb.children)
        # "Noel and Thomas pleaded not guilty ... and were released": a joined verb with its own
        # passive auxiliary is passive, whatever the first verb is
        return subjects, own_passive if verb.dep_ == "xcomp" else (passive or (own_passive and verb.dep_ == "conj"))
    if verb.dep_ == "pcomp" and verb.head.head != verb.head:  # "responded by banning"
        doer = gerund_object_doer(verb)
        if doer is not None:  # "accused Armenia of shelling": the object does what the gerund says
            return [doer], False
        return subject_of(verb.head.head, depth + 1)
    noun = verb.head
    if verb.dep_ == "acl" and verb.tag_ != "VBN" and noun.head is not noun and noun.dep_ in ("dobj", "pobj") \
            and not is_actor_like(noun) and depth < 3:
        # "started a hunger strike to protest against X", "signed a decree granting citizenship to Y":
        # what a thing someone made or did is for is that one's act
        governor = noun.head.head if noun.dep_ == "pobj" else noun.head
        if governor.pos_ in ("VERB", "AUX"):
            return subject_of(governor, depth + 1)[0], False
    if verb.dep_ in ("relcl", "acl") and verb.head != verb:
        return [verb.head], verb.dep_ == "acl" and verb.tag_ == "VBN"
    if verb.dep_ == "ROOT":
        # "On a visit to Zimbabwe, South African President Cyril Ramaphosa voiced ...", parsed with the
        # name joined to the place before the comma (a "conj" with no "and"): the name that ends right
        # before the verb, after the comma, is its subject
        doc = verb.doc
        named = [t for t in verb.sent if t.dep_ == "conj" and t.right_edge.i == verb.i - 1 and t.pos_ in ("PROPN", "NOUN")
                 and t.left_edge.i > 0 and doc[t.left_edge.i - 1].text == ","
                 and not any(c.dep_ == "cc" for c in t.head.children)]
        if named:
            return named, False
    return [], False


def nested_pobjs(token, depth: int = 3) -> list[tuple[list, str]]:
    """Objects of prepositions under `token`, nearest first, looking `depth` phrases deep:
    "a new offensive in its war with Iraq", "assistance to the US-led war"."""
    found: list[tuple[list, str]] = []
    frontier = [token]
    for _ in range(depth):
        next_frontier = []
        for node in [n for f in frontier for n in with_conjuncts(f)]:
            by_preposition: dict[str, list] = {}  # one walk over the children, not one a preposition
            for prep in node.children:
                if prep.dep_ in PREPOSITION_DEPS:
                    by_preposition.setdefault(prep.lower_, []).extend(children_by(prep, "pobj", "pcomp"))
            for prep in OBJECT_PREPOSITIONS:  # in this order: nearest and likeliest first
                objects = by_preposition.get(prep)
                if objects:
                    found.append((objects, prep))
                    next_frontier.extend(objects)
        frontier = next_frontier
    return found


TRANSFER_VERBS = word_set("transfer_verbs")
RECIPROCALS = word_set("reciprocals")
# the clauses a search for a transfer's recipient crosses: participles and clauses with no subject of
# their own ("a pendant engraved with ...", "a manuscript, missing since 1943, ...")
RECIPIENT_PATH_DEPS = {"dobj", "acl", "advcl", "prep", "pobj", "appos", "conj", "amod", "compound", "nmod"}


def _recipients_after(verb, obj) -> list:
    """The objects of the first "to" after `obj` inside the verb's clause, reached from the verb
    through no clause with a subject of its own."""
    for token in verb.doc[obj.i + 1:verb.sent.end]:
        if token.dep_ != "prep" or token.lower_ != "to":
            continue
        node = token
        while node.i != verb.i and node.dep_ in RECIPIENT_PATH_DEPS and not children_by(node, "nsubj", "nsubjpass"):
            node = node.head
        return children_by(token, "pobj") if node.i == verb.i else []
    return []


def candidates_verb(trigger: CodedTrigger) -> tuple[list, list[tuple[list, str]]]:
    """(source tokens, target candidates in order of preference as (tokens, how))."""
    verb = trigger.token
    subjects, passive = subject_of(verb)
    subjects = [s for subject in subjects for s in with_conjuncts(subject)]
    # "Russia and Armenia's government squared off", parsed as "[Russia and Armenia]'s government":
    # the first of the joined possessors is a side of its own
    subjects += [p for subject in subjects for p in children_by(subject, "poss") if children_by(p, "conj")]
    if not passive:  # "the shells fired by the Russian army hit a school": the thing's user acts
        subjects = [_user_of(s) or s for s in subjects]
    if passive and verb.lemma_.lower() in STATIVE_PASSIVES and not pobjs_of(verb, "by"):
        passive = False  # "Israel is opposed to ...": the subject holds the stance
    if passive:
        agents = [a for agent in pobjs_of(verb, "by") for a in with_conjuncts(agent)]
        if trigger.pattern and trigger.pattern.subject_is_target and agents:
            return subjects, [(agents, "passive-pattern")]
        return agents, [(subjects, "passive")]
    if trigger.pattern and trigger.pattern.subject_is_target and not (
            children_by(verb, "dobj") and trigger.pattern.source_preposition in PLACE_PREPOSITIONS):
        # "+ * in $ &detention": "a prisoner died in Israeli police custody"; "+ receive * from $".
        # With an object of its own, an "in" phrase says where, and the subject acts: "police
        # seized the offices in Istanbul on suspicion of ..."
        preposition = trigger.pattern.source_preposition
        sources = (pobjs_of(verb, preposition) + [p for o in children_by(verb, "dobj") for p in pobjs_of(o, preposition)]
                   if preposition else [])
        return sources, [(subjects, "subject-is-target")]
    candidates: list[tuple[list, str]] = []
    # a complaint is about someone, whoever it is lodged with
    order = COMPLAINT_PREPOSITIONS if trigger.code[:2] in ("11", "14") else ()
    for prep in order:
        candidates.append((pobjs_of(verb, prep), f"prep:{prep}"))
    preposition = trigger.entry.particle if trigger.entry.particle in TARGET_PREPOSITIONS else None
    if trigger.pattern and trigger.pattern.target_preposition:
        preposition = trigger.pattern.target_preposition
    if preposition:
        found = pobjs_of(verb, preposition) + [p for o in children_by(verb, "dobj") for p in pobjs_of(o, preposition)]
        candidates.append((found, f"prep:{preposition}"))
    objects = children_by(verb, "dobj", "dative")
    # "attacked each other's policies": whose the object is says the act is between the joint subjects
    candidates.extend(([p], "dobj") for o in objects for p in children_by(o, "poss") if is_reciprocal(p))
    # "offer Armenia serious security guarantees", parsed with "Armenia" as a modifier of the
    # object: a name right after the verb, before the object's own words, is its indirect object
    candidates.append(([m for o in children_by(verb, "dobj") for m in o.children
                        if m.dep_ == "nmod" and m.pos_ == "PROPN" and m.left_edge.i == verb.i + 1
                        and o.left_edge.i == m.left_edge.i and m.right_edge.i + 1 < o.i], "dobj"))  # (an object, as the model knows it)
    # "cancelled his attendance at the parade": the possessor of an act is who does it, not the target
    candidates.append(([o for o in objects if not (o.lemma_.lower() in AGENT_OF_NOUNS and any(
        p.pos_ == "PRON" for p in children_by(o, "poss")))], "dobj"))
    if objects and verb.lemma_.lower() in TRANSFER_VERBS and not pobjs_of(verb, "to"):
        # "returned a pendant engraved with the image of Peter the Great to Russian authorities",
        # "returned a manuscript, missing since 1943, to Venafro": whom a thing is handed to, wherever
        # the parse hangs the "to" after the thing
        candidates.append((_recipients_after(verb, objects[0]), "prep:to"))
    for obj in objects:  # "canceled a visit to Moscow", "demanded the release of X"
        candidates.extend((found, f"dobj-prep:{prep}") for found, prep in nested_pobjs(obj))
    candidates.extend((found, f"prep:{prep}") for found, prep in nested_pobjs(verb))
    for clause in children_by(verb, "ccomp"):  # "demanded that X withdraw"
        candidates.append((children_by(clause, "nsubj"), "clause-subject"))
    return subjects, candidates


ABSENCE_NOUNS = word_set("absence_nouns")


STANCE_WORDS = word_set("stance_words")


RESPONSE_VERBS = word_set("response_verbs")


def _visitors(noun) -> list:
    """Who makes the visit (or trip) that a noun event is part of, when the noun hangs under it."""
    node = noun
    for _ in range(5):
        if node.head == node:
            return []
        node = node.head
        if node.pos_ == "NOUN" and node.lemma_.lower() in VISIT_NOUNS:
            return children_by(node, "poss") + [a for agent in pobjs_of(node, "of") for a in with_conjuncts(agent)]
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("acl", "relcl"):
            return []
    return []


def candidates_noun(trigger: CodedTrigger) -> tuple[list, list[tuple[list, str]]]:
    noun = trigger.token
    sources = children_by(noun, "poss")
    sources += [a for agent in pobjs_of(noun, "by") for a in with_conjuncts(agent)]
    if noun.lemma_.lower() in AGENT_OF_NOUNS:  # "the visit of Speaker Simonyan to Russia"
        sources += [a for agent in pobjs_of(noun, "of") for a in with_conjuncts(agent)]
    if noun.lemma_.lower() not in AWAY_FROM_NOUNS:
        sources += [a for origin in pobjs_of(noun, "from") for a in with_conjuncts(origin)]
    if not sources:
        # "the visit of Speaker X to Russia, marked by the absence of meetings with Y": what happens
        # within a visit is the visitor's doing
        sources = _visitors(noun)
    if not sources and noun.dep_ == "pobj" and noun.head.lower_ == "with" \
            and noun.head.head.lemma_.lower() in RESPONSE_VERBS:
        # "Russia has responded with more detentions": the one who responds acts
        sources = [s for subject in subject_of(noun.head.head)[0] for s in with_conjuncts(subject)]
    if not sources and trigger.code[:2] in ("11", "12", "14"):
        # "strong Russian objections", "Chinese criticism of the plan": the nationality is who objects
        sources = [c for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i
                   and c.ent_type_ in ("NORP", "GPE")]
    if not sources and noun.dep_ in ("dobj", "nsubjpass", "attr", "pobj") and noun.head.pos_ in ("VERB", "AUX"):
        # "Pashinyan held talks with Lavrov": the one who holds the talks
        if noun.dep_ != "dobj" or is_form_of(noun.head, LIGHT_VERBS):
            sources = [s for s in children_by(noun.head, "nsubj") for s in with_conjuncts(s)]
    if not sources:
        # "a Saudi-led strike on a school bus", "US sanctions on Iran", "Russian aid": a nationality
        # before an act names who does it (not after "anti-": "anti-Russian protests")
        sources = [t for left in noun.lefts if left.dep_ in ("amod", "compound", "nmod") for t in left.subtree
                   if t.ent_type_ in ("NORP", "GPE") and not (t.i > 0 and t.doc[t.i - 1].lower_ in STANCE_WORDS)][-1:]
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "with" else None
    if not sources and verb is not None and verb.pos_ == "VERB" and is_passive(verb) and pobjs_of(verb, "by"):
        # "X's response was greeted with condemnation by Y": Y reacts to X
        agents = [a for agent in pobjs_of(verb, "by") for a in with_conjuncts(agent)]
        return agents, [(children_by(verb, "nsubjpass"), "reaction")]
    clauses = children_by(noun, "acl")
    if noun.dep_ == "pobj" and noun.head.head.lemma_.lower() in RESPONSE_VERBS:
        clauses += children_by(noun.head.head, "advcl")  # "responded with detentions, targeting X"
    targeted = [o for clause in clauses if clause.lemma_.lower() in ("target", "aim")
                for o in children_by(clause, "dobj")]
    if targeted:  # "more detentions, targeting the head of an Azerbaijani organization"
        return sources, [(targeted, "targeting")]
    # "talks between his government and the Taliban": a possessive pronoun is of its noun's side
    between = [t for b in pobjs_of(noun, "between") for t in b.subtree if not (t.dep_ == "poss" and t.pos_ == "PRON")]
    if between:  # "meetings between Pashinyan and Kremlin representatives": every actor named there
        return sources, [(between, "between")]
    candidates = [(pobjs_of(noun, prep), f"noun-prep:{prep}") for prep in NOUN_TARGET_PREPOSITIONS
                  if (prep != "from" or noun.lemma_.lower() in AWAY_FROM_NOUNS)
                  and (prep != "of" or noun.lemma_.lower() not in AGENT_OF_NOUNS)]
    if not sources:
        candidates.append(([c for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i],
                           "noun-modifier"))
    return sources, candidates


RECIPIENT_PREPOSITIONS = word_list("recipient_prepositions")
# the prepositions that only say where ("in Baku", not "at": "fired at the convoy")
PLACE_PREPOSITIONS = word_set("place_prepositions")
WHERE_PREPOSITIONS = PLACE_PREPOSITIONS - set(TARGET_PREPOSITIONS)
VIOLENCE_ROOTS = {"18", "19", "20"}  # force: assault, fight, mass violence


def _objects_first(candidates: list[tuple[list, str]]) -> list[tuple[list, str]]:
    """When no actor is named, what an act is aimed at: a phrase after "to", "against", "with"...
    ("reduced military aid to European allies", "withdrew peacekeepers from Liberia") before the
    thing that is handed over, sent or cut (the direct object)."""
    def rank(candidate: tuple[list, str]) -> int:
        preposition = candidate[1].rsplit(":", 1)[-1]
        return RECIPIENT_PREPOSITIONS.index(preposition) if preposition in RECIPIENT_PREPOSITIONS \
            else len(RECIPIENT_PREPOSITIONS)
    return sorted(candidates, key=rank)


def _is_weapon(token) -> bool:
    """"exploded a series of bombs", "fired rockets": what force is used with is not its victim."""
    weapons = synset_words("weapon")
    return token.lemma_.lower() in weapons or any(p.lemma_.lower() in weapons for p in pobjs_of(token, "of"))


def _own_thing(target: Mention, tokens: list, sources: list[Mention]) -> bool:
    """"Guterres reiterated the U.N.'s commitment to Lebanon", "promised Washington's support": a
    thing a side's own possessor names is that side's own, not whom the act is aimed at."""
    # the very code: "Keating attacked Australia's spy chiefs" is aimed at them (AUSSPY, not his AUSGOV)
    own = {s.code for s in sources if is_named(s.code)}
    if not target.code or target.code not in own:
        return False
    return any(not is_actor_like(token) and any(p.dep_ == "poss" and target.char_start <= p.idx < target.char_end
                                                for p in token.children) for token in tokens)


def sides_of(trigger: CodedTrigger, index: ActorIndex, *, open_actors: bool = False
           ) -> tuple[list[Mention], list[Mention], str]:
    """(sources, targets, how the target was found). Dictionary actors win; with `open_actors`,
    a side no dictionary holds is taken from the same places, in the same order, after them."""
    source_tokens, candidates = (candidates_verb(trigger) if trigger.entry.pos == "verb"
                                 else candidates_noun(trigger))
    if trigger.targets_from is not None:
        candidates = [(trigger.targets_from, "clause-subject")]
    sources = resolve_tokens(source_tokens, index, phrases=open_actors)
    if open_actors:
        # "India and MERCOSUR agreed": a joint subject no dictionary holds is a side beside the one it does
        rest = [t for t in source_tokens if not any(s.char_start <= t.idx < s.char_end for s in sources)]
        sources += [m for m in resolve_tokens(rest, index, open_actors=True, phrases=True)
                    if all(m.char_start != s.char_start for s in sources)]
    # dictionary actors, then open actors, in the act's own roles ("met Alice Wells at a hotel in
    # Doha"); the object of force, whatever it is ("tortured an inmate in western Iran", "shelled
    # villages in Armenia": the conventions give it the place's country); a named place; then what
    # the act is aimed at
    roles = [c for c in candidates if not found_at_place(c[1])]
    places = [c for c in candidates if found_at_place(c[1])]
    victims = [c for c in roles if c[1] == "dobj"] if trigger.code[:2] in VIOLENCE_ROOTS else []
    passes = (((roles, False, False), (roles, True, False), (victims, True, True), (places, False, False),
               (candidates, True, True)) if open_actors else ((candidates, False, False),))
    reciprocal = next((t for tokens, how in candidates if how == "dobj" for t in tokens if is_reciprocal(t)), None)
    if reciprocal is not None and open_actors and len(sources) > 1:
        # "accused each other", "attacked each other's policies": the joint subjects act on each other
        return sources, [index.object_of(reciprocal)], "dobj"
    fallback: tuple[list[Mention], str] | None = None
    for pass_candidates, open_pass, objects in passes:
        if fallback and (pass_candidates is candidates or (victims and pass_candidates is places)):
            # a role without a country, found in no later phrase, is the target after all (the
            # victim of force is, before the place, whose country CAMEO's conventions give it)
            return sources, fallback[0], fallback[1]
        if open_pass and fallback:
            continue  # a role stands before an open actor or a thing, as a named place before the role
        for tokens, how in (_objects_first(pass_candidates) if objects else pass_candidates):
            targets = resolve_tokens([t for token in tokens for t in with_conjuncts(token)] if how != "between"
                               else tokens, index, open_actors=open_pass, objects=objects,
                               phrases=open_actors and how != "between")
            targets = [t for t in targets if all(t is not s and t.char_start != s.char_start for s in sources)]
            if any(_own_thing(t, tokens, sources) for t in targets):
                # the side's own thing is what the act is about: a thing, whose words may name the target
                targets = [m for m in (index.object_of(token) for token in tokens) if m is not None] if objects else []
            if not targets:
                continue
            if how == "between" and not sources and len(targets) > 1:
                return targets[:1], targets[1:], how
            if all(t.code.startswith("---") for t in targets):
                # a role without a country ("peacekeepers", "the president"): keep looking for a named
                # actor in a later phrase ("refused to deploy peacekeepers in Iraq")
                fallback = fallback or (targets, how)
                continue
            if objects and sources and trigger.entry.pos == "verb" and all(t.basis == "object" for t in targets) \
                    and pass_candidates is not victims and not any(t.text.lower() in RECIPROCALS for t in targets):  # whom force is used on is the victim, not a name within
                within = _named_within(trigger.token, source_tokens, sources, index)
                if within:
                    return sources, within, WITHIN
            weapons = [t for token in tokens for t in with_conjuncts(token) if _is_weapon(t)] if objects else []
            if weapons:  # what is used on someone is no side: "used water cannons to disperse protests"
                targets = [t for t in targets if not any(t.char_start <= w.idx < t.char_end for w in weapons)]
                if not targets:
                    continue
            return sources, targets, how
        if fallback and not open_actors:
            return sources, fallback[0], fallback[1]
    return sources, [], ""


# the relations a search for the actor an act is aimed at follows down from its verb: its object
# and what that object says, and its own clauses (a purpose, a condition); not its subject, and
# not a verb joined to it (another act)
WITHIN_DEPS = word_set("within_deps")
WITHIN = "within"  # how a target found so is told
WITHIN_DEPTH = 4
WITHIN_SKIPPED = word_set("within_skipped_prepositions")
CONDITION_MARKS = word_set("condition_marks")


def _named_within(verb, source_tokens: list, sources: list[Mention], index: ActorIndex) -> list[Mention]:
    """"put out a report accusing the Nigerian army", "reiterated its demand that the US ease
    sanctions", "will not lift the embargo until Cuba undertakes reforms": when an act's roles name
    only a thing, the nearest named actor inside that thing or the act's own clauses is whom it is
    aimed at (a role without a country, the source or the source's own code is not)."""
    skip = {t.i for s in source_tokens for t in s.subtree}
    own = {s.code for s in sources}
    frontier = [c for c in verb.children if _leads_within(c) and c.dep_ != "nsubj" and c.i not in skip]
    for _ in range(WITHIN_DEPTH):
        if not frontier:
            break
        for token in frontier:  # the first named, with those joined to it ("Somalia, Ethiopia and Kenya")
            found = [m for m in resolve_tokens(with_conjuncts(token), index)
                     if is_named(m.code) and m.code not in own and all(m.char_start != s.char_start for s in sources)]
            if found:
                return found
        frontier = [c for t in frontier for c in t.children if _leads_within(c) and c.i not in skip]
    return []


def _leads_within(token) -> bool:
    """Whether the search for whom an act is aimed at goes down to `token`: not into where or when
    it happened, whose account it is or what something is seen as ("in London", "after he was
    hauled out of the Ecuadorean Embassy", "according to a report in the Argus Leader"), and into a
    clause of the act only when it is its purpose or condition ("to help Ethiopia", "until Cuba
    reforms")."""
    if token.dep_ not in WITHIN_DEPS:
        return False
    if token.dep_ == "prep":
        return token.lower_ not in WITHIN_SKIPPED
    if token.dep_ == "advcl":
        return is_purpose(token) or any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in token.children)
    return True


def found_at_place(how: str) -> bool:
    """Whether a side was found after a preposition that only says where ("prep:in", "dobj-prep:near")."""
    return how.rsplit(":", 1)[-1] in WHERE_PREPOSITIONS


def found_within(how: str) -> bool:
    """Whether a frame's target was found inside its object or clauses ("within", "send:within")."""
    return how.rsplit(":", 1)[-1] == WITHIN


WARNING_VERBS = word_set("warning_verbs")
KNOWING_VERBS = word_set("knowing_verbs")
THREAT_AUX = word_set("future_aux") | word_set("hypothetical_aux")


def _warns_of_nothing(token, coded: dict[int, CodedTrigger]) -> bool:
    """"The doctors warned that migrants are not the only people at risk", "..., the expert warned":
    a warning whose clause tells no act to come (no "will", "could", "if", no act of conflict) and
    that addresses no one is a statement about how things are, not a threat."""
    if token.lemma_.lower() not in WARNING_VERBS or children_by(token, "dobj", "dative"):
        return False
    clauses = children_by(token, "ccomp")
    if not clauses and token.dep_ in ("parataxis", "ccomp") and token.head != token:
        clauses = [token.head]  # "“...,” the expert warned": the quote is the clause
    if not clauses:
        return False
    for clause in clauses:
        for verb in [clause, *clause.conjuncts, *children_by(clause, "xcomp")]:
            if any(c.dep_ in ("aux", "auxpass") and c.lower_ in THREAT_AUX for c in verb.children) \
                    or any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children):
                return False
            act = coded.get(verb.i)
            # an act of conflict by an actor ("that Israeli troops attacked"), not by a thing ("that
            # staff shortages have taken their toll")
            doers = children_by(verb, "nsubj")
            if act is not None and act.code != "---" and quad_class_of_root(act.code[:2]) in (3, 4) \
                    and (not doers or any(d.pos_ == "PRON" or is_actor_like(d) for d in doers)):
                return False
    return True


def is_framing(trigger: CodedTrigger, coded: dict[int, CodedTrigger]) -> bool:
    """A trigger that only frames another event ("said that ...", "plans to visit")."""
    token = trigger.token
    lemma = token.lemma_.lower()
    if _warns_of_nothing(token, coded):
        return True
    if lemma in KNOWING_VERBS and children_by(token, "ccomp"):
        return True  # "recognized that Austrians were also perpetrators": knowing, not recognition
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


def governor_of(trigger: CodedTrigger, coded: dict[int, CodedTrigger]) -> CodedTrigger | None:
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
                element_matches(word, word_forms([token]), 0, {}) or word.startswith("&") for word in found.pattern.words)):
            return found
        return None
    if token.dep_ == "pcomp" and token.head.dep_ == "prep":  # "advocating for blocking X"
        found = coded.get(token.head.head.i)
        if found is not None and found.code[:2] in GOVERNING_ROOTS:
            return found
    if token.dep_ == "conj" and token.head.dep_ in ("xcomp", "ccomp") and token.pos_ in ("VERB", "AUX"):
        # "promised to democratize Serbia and establish the rule of law": both acts are promised
        token = token.head
    if token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        # "called on Baku to release the prisoners", the infinitive parsed as a purpose: after the
        # one appealed to, it is what that one is asked to do
        found = coded.get(token.head.i)
        if found is not None and found.code[:2] in ("02", "10") and found.entry.particle and any(
                o.i < token.i for o in pobjs_of(token.head, found.entry.particle)):
            return found
    if token.dep_ in ("xcomp", "ccomp"):
        found = coded.get(token.head.i)
        if found is not None and found.code[:2] in GOVERNING_ROOTS:
            if token.dep_ == "ccomp" and found.code[:2] not in ("10", "02"):
                return None  # "demanded that X withdraw" is a demand; "agreed that" is vaguer
            return found
    return None


def is_named(code: str | None) -> bool:
    """An actor with a known country or organisation, not a bare role ("---MIL")."""
    return bool(code) and not code.startswith("---")


def is_light(trigger: CodedTrigger, coded: dict[int, CodedTrigger]) -> bool:
    token = trigger.token
    return (trigger.entry.pos == "verb" and trigger.pattern is None and is_form_of(token, LIGHT_VERBS)
            and any(c.dep_ == "dobj" and c.i in coded and coded[c.i].entry.pos == "noun" for c in token.children))


def is_purpose(token) -> bool:
    """"staged demonstrations to demand reforms", "joined protesters in demanding a vote": the
    purpose of an act is part of that act."""
    if token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return True
    return token.dep_ == "pcomp" and token.head.lower_ in ("in", "by") and token.tag_ == "VBG"


EVIDENTIAL_VERBS = word_set("evidential_verbs")


def is_reading_of_stance(token) -> bool:
    """"The shift to cold cynicism shows Yerevan's rejection of 'historical sentiment'": a noun act
    that a thing (not an actor) shows, reflects or signals is the writer's reading of a stance."""
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ not in ("dobj", "attr", "ccomp"):
        return False
    verb = token.head
    if verb.lemma_.lower() not in EVIDENTIAL_VERBS:
        return False
    subjects = children_by(verb, "nsubj")
    return bool(subjects) and not any(is_actor_like(s) or s.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")
                                      for s in subjects)


def is_standing(token) -> bool:
    """"Hamas, which advocates Israel's destruction": a relative clause in the simple present
    describes its noun (a stance, a habit); "who went on to cancel" tells what happened."""
    node = token
    for _ in range(4):
        if node.dep_ == "relcl":
            return node.tag_ in ("VBZ", "VBP") and not children_by(node, "aux", "auxpass")
        if node.dep_ not in ("xcomp", "conj") or node.head == node:
            return False
        node = node.head
    return False


def is_elaboration(trigger: CodedTrigger, coded: dict[int, CodedTrigger], framing: set[int]) -> bool:
    token = trigger.token
    return token.dep_ in ("advcl", "xcomp") and token.head.i in coded and token.head.i not in framing


# "demands from Azerbaijan", "a threat from the CSTO": after these nouns "from" names the source
AWAY_FROM_NOUNS = word_set("away_from_nouns")


# nouns whose "of" names who acts, not whom it is done to
AGENT_OF_NOUNS = word_set("agent_of_nouns")


VISIT_NOUNS = word_set("visit_nouns")


# how a target found on the governing verb itself is its addressee ("urged Moscow to", "called on X to")
ADDRESSEE_HOWS = ("dobj", "prep:on", "prep:upon", "prep:to", "prep:with", "passive", "clause-subject", "between")


PLANNING_VERBS = word_set("planning_verbs")


BACKGROUND_DEPS = {"relcl", "acl", "advcl", "pcomp", "csubj"}


def is_background(trigger: CodedTrigger, coded: dict[int, CodedTrigger], framing: set[int]) -> bool:
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
    if is_existential(token):
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


def refine_by_complement(trigger: CodedTrigger, complement: CodedTrigger | None,
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
class Framed:
    """A frame with the parse behind it: what turning it into events needs beyond the record."""

    frame: Frame
    trigger: CodedTrigger
    complement: CodedTrigger | None
    sources: list[Mention]
    targets: list[Mention]
    how: str
    place: Mention | None = None  # the country the act is told in ("in Baku"), read once (places.place_of)


def frame_of(trigger: CodedTrigger, complements: list[CodedTrigger], parsed: ParsedArticle, sentence,
              index: ActorIndex, ontology: Ontology) -> Framed:
    """The frame of a trigger: its sides from the syntax (dictionary actors first, then open
    ones), the code its patterns propose, refined by what it governs, and the facts around it."""
    token = trigger.token
    complement = next((c for c in complements if c.entry.pos == "verb"), complements[0] if complements else None)
    trigger = refine_by_complement(trigger, complement, ontology)
    sources, targets, how = sides_of(trigger, index, open_actors=True)
    if complement is not None and targets and not how.startswith(ADDRESSEE_HOWS):
        # "advocating for blocking Russian broadcasts into Armenia": what is asked for names the target
        _, inner_targets, inner = sides_of(complement, index, open_actors=True)
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
            _, found, inner = sides_of(inner_trigger, index, open_actors=True)
            found = [t for t in found if all(t is not s for s in sources)]
            if found:
                targets, how = found, f"{inner_token.lemma_.lower()}:{inner}"
                break
    sources = one_per_phrase(sources)
    place = place_of(token, index)
    frame = Frame(
        article_id=parsed.article.article_id, sentence_index=sentence.index, char_start=token.idx,
        char_end=token.idx + len(token), trigger=token.text, lemma=token.lemma_.lower(), pos=trigger.entry.pos,
        entry=trigger.entry.trigger, pattern=trigger.pattern.text if trigger.pattern else None,
        proposed=trigger.code, sources=[_argument(m, "source") for m in sources],
        targets=[_argument(m, how or "target") for m in targets], how=how,
        context=_context(token, complement, unsourced_in_place=not sources and place is not None),
        words=_phrase_words(token))
    return Framed(frame, trigger, complement, sources, targets, how, place)


def _argument(mention: Mention, role: str) -> Argument:
    return Argument(role=role, text=mention.text, char_start=mention.char_start, char_end=mention.char_end,
                    code=mention.code or None, basis=mention.basis)


MODAL_WORDS = word_set("modal_words")


CONTENT_POS = {"NOUN", "VERB", "ADJ", "ADV"}


def _context(token, complement: CodedTrigger | None, *, unsourced_in_place: bool = False) -> list[str]:
    """The syntactic facts around a predicate that the decision reads; "unsourced_in_place": no
    side acts, but the act is told in a place whose state CAMEO's conventions make its actor
    ("the closure of the Russian cultural center in Baku")."""
    facts = [f"dep={token.dep_}"] + (["unsourced_in_place"] if unsourced_in_place else [])
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


def _phrase_words(token) -> list[str]:
    """Lemmas of the content words of the predicate's own phrase."""
    return sorted({t.lemma_.lower() for t in phrase_after(token) if t.pos_ in CONTENT_POS})
