"""Pass 3 of the coder: from a decided code to Event records, by CAMEO's conventions.

- Violence: a side left unnamed is the country where it happened ("killed in Ukraine"); victims
  named by no country are of the place, else of the country whose forces acted.
- An arrest, closure, investigation or release told without its agent is the state's it happens in;
  aid, yielding, force posture and coercion done in a place with no one else named are aimed at it.
- Joint subjects of cooperation, a quarrel "over" something, a reciprocal act ("traded accusations",
  "squared off") or "each other" act with each other.
- Visits and hostings mirror each other (042/043); a protest with no one named is aimed at home.
- "will visit" is an intent (036), "will not accept" a rejection (12x), unless the decision model,
  trained on how gold data codes them, chose the code.
- A refusal with no one named is aimed at the host of the engagement told just before.
"""
from __future__ import annotations

from dataclasses import replace

from ..actors.index import ActorIndex
from .dates import resolve_date
from .frames import (
    ABSENCE_NOUNS, GOVERNING_ROOTS, PLANNING_VERBS, RECIPROCALS, VIOLENCE_ROOTS, Framed, found_at_place, is_named,
    subject_of
)
from .modality import is_intent, modality_of, speaker_token
from .ontology import Ontology
from .places import location_of
from .reasons import Reason
from .triggers import CodedTrigger
from ..records import TOLD_AS_DONE, Decision, Event, Mention, ParsedArticle
from ..syntax import children_by
from .words import word_set

__all__ = ["ACCUSATION_CODE", "COERCION_ROOT", "DEMONSTRATIVES", "DISSENT_ROOT", "EASE_DISSENT_CODE",
           "ENGAGEMENT_NOUNS", "INVESTIGATION_ROOT", "LOOKBACK_SENTENCES",
           "NOUN_ROOTS_WITHOUT_TARGET", "PLACE_TARGET_ROOTS", "RECIPROCALS",
           "RESPONSIBILITY_CODE", "STATE_FORCES", "VIOLENCE_ROOTS", "YIELD_ROOT", "confidence_of",
           "declined_engagement", "deduplicate", "events_of", "told_thing_subject"]

ACCUSATION_CODE = "112"


RESPONSIBILITY_CODE = "015"


DISSENT_ROOT = "14"


EASE_DISSENT_CODE = "082"


NOUN_ROOTS_WITHOUT_TARGET = {"08", "12", "14"}  # "declared a ceasefire", "Aliyev's absence", "a hunger strike"


def confidence_of(trigger: CodedTrigger, has_source: bool, has_target: bool, modality: str,
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


REJECT_ROOT = "12"


# aid, yielding, force posture and coercion done in a place with no one else named are aimed at it
PLACE_TARGET_ROOTS = {"07", "08", "15", "17"}




JOINT_COMPLEMENTS = word_set("joint_complements")
RECIPROCAL_PREDICATES = word_set("reciprocal_predicates")


COERCION_ROOT = "17"


PROPERTY_CODE = "171"  # seize or damage property


YIELD_ROOT = "08"


INVESTIGATION_ROOT = "09"


STATE_FORCES = {"COP", "MIL", "SPY", "GOV", "JUD"}




# what one declines or stays away from: an engagement told just before ("declined the same invitation")
ENGAGEMENT_NOUNS = word_set("engagement_nouns")


LOOKBACK_SENTENCES = 2


def declined_engagement(event: Event, trigger: CodedTrigger, earlier: list[Event]) -> Event:
    """"Aliyev has declined the same invitation", "Aliyev's absence": a refusal with no one named
    is aimed at the host of the meeting or visit told in the sentences just before."""
    token = trigger.token
    if event.root != "12" or event.target is not None or event.source is None:
        return event
    if not (token.lemma_.lower() in ABSENCE_NOUNS or
            any(o.lemma_.lower() in ENGAGEMENT_NOUNS for o in children_by(token, "dobj"))):
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


DEMONSTRATIVES = word_set("demonstratives")


def told_thing_subject(verb) -> bool:
    """The verb's subject is "this", "it" or "this rhetoric": something the text told before."""
    subjects, passive = subject_of(verb)
    if passive or not subjects:
        return False
    subject = subjects[0]
    return subject.lower_ in DEMONSTRATIVES or any(
        c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in subject.children)


def events_of(framed: Framed, code: str, parsed: ParsedArticle, sentence, index: ActorIndex,
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
        place = framed.place if (sources or targets) and not (sources and targets) else None
        if place is not None and not targets and all(place.country != s.country for s in sources):
            targets, how = [place], "location"
        elif place is not None and not sources and all(place.country != t.country for t in targets):
            sources, how = [place], "location"
            if trigger.entry.pos == "verb" and not any(is_named(t.code) for t in targets):
                targets = [place]  # "a journalist was killed in Beirut": victims of no country are of the place
    if decided[:2] in VIOLENCE_ROOTS | {COERCION_ROOT} and sources and targets and how != "location" \
            and not any(is_named(t.code) for t in targets):
        # "killed 23 people in Tel Aviv", "police dispersed demonstrators": victims named by no
        # country are of the place it happened, else of the country whose forces acted (property
        # taken is no victim: "seized the documents", "extract concessions" name no one of theirs)
        place = framed.place
        if place is not None:
            targets, how = [_of_country(targets[0], place.country, "location")], "location"
        elif sources[0].country and sources[0].role in STATE_FORCES \
                and not (decided[:3] == PROPERTY_CODE and all(t.basis == "object" for t in targets)):
            targets, how = [_of_country(targets[0], sources[0].country, "domestic")], "domestic"
    elif decided[:2] in (COERCION_ROOT, INVESTIGATION_ROOT, YIELD_ROOT) and not sources and targets:
        # an arrest, detention, closure, investigation or release told without its agent is the doing
        # of the state it happens in ("Azerbaijanis were arrested in Yekaterinburg", "the closure of
        # the Russian center in Baku", "was put under investigation in Italy", "were released in Libya")
        place = framed.place
        if place is not None and all(place.country != t.country for t in targets):
            sources, how = [place], "location"
    if decided[:2] in PLACE_TARGET_ROOTS and sources and not any(is_named(t.code) or t.basis == "open" for t in targets):
        # "imposed a curfew in parts of Kashmir", "declared a ceasefire in Somalia", "deployed troops
        # in Mali", "delivered aid in Yemen": an act on a place's people, with no one else named,
        # is aimed at the place
        place = framed.place
        if place is not None and all(place.country != s.country for s in sources):
            targets, how = [place], "location"
    if not sources and trigger.entry.pos == "verb" and decided[:2] not in VIOLENCE_ROOTS \
            and told_thing_subject(token):
        return [], Reason.THING_ACTS  # "This helps him", "This rhetoric seeks to ...": a thing told before acts
    if not any(is_named(actor.code) or actor.basis == "open" for actor in sources + targets) \
            and not (sources and targets):
        return [], Reason.ONLY_ROLES  # "officials would be indicted": bare roles say nothing of a dyad
    joint = len({s.code[:3] for s in sources if is_named(s.code)}) > 1  # sides of two countries or bodies
    if trigger.entry.pos == "noun" and not targets and decided[:2] not in NOUN_ROOTS_WITHOUT_TARGET and not joint:
        # "Pashinyan's visit was significant": told elsewhere (but "Pashinyan and Putin held a
        # telephone conversation" is between its joint sides, paired below)
        return [], Reason.NOUN_WITHOUT_TARGET
    speaker = speaker_token(token)
    speaker_mention = index.of(speaker) if speaker is not None else None
    modality, why = modality_of(token, in_reported_speech=speaker is not None)
    if modality == "asserted" and complement is not None and token.lemma_.lower() in PLANNING_VERBS:
        modality, why = "future", f"plans: {token.lemma_.lower()}"  # "plans to visit": not done yet
    code, shift_note = _code_for_modality(decided, modality, why, ontology, token)
    if shift_note.startswith("reject"):
        modality = "asserted"  # "will not accept" is a rejection that happened
    if modality == "asserted" and speaker is not None and not _own_account(speaker, speaker_mention, sources):
        # "Kyiv says Russian troops shelled Kharkiv": one side's account of another's act
        modality, why = "alleged", f"told by {speaker.text}"
    body = parsed.article.body
    text = body[sentence.char_start:sentence.char_end]
    when = resolve_date(text, parsed.article.published, near=token.idx - sentence.char_start,
                        future=modality == "future", told_before=_past_perfect(token))
    info = ontology.get(code)
    if info is None:
        return [], Reason.NO_CODE
    pairs = [(s, t) for s in sources or [None] for t in targets or [None]]
    # "Russia and Armenia squared off over the arrests of X": what the quarrel is over, however deep
    # the target was found in that phrase, is its topic; the quarrel is between them
    # (or of its object: "traded accusations over the shelling of X")
    topic_phrases = [c for head in [token, *children_by(token, "dobj")] for c in head.children
                     if c.dep_ == "prep" and c.lower_ in ("over", "about")]
    in_topic = any(p.left_edge.idx <= t.char_start and t.char_end <= p.right_edge.idx + len(p.right_edge)
                   for p in topic_phrases for t in targets)
    over_topic = (how in ("prep:over", "prep:about") or in_topic) and joint
    # a place where joint sides acted ("Russian and Chinese officials met in Beijing") is no one they act on
    no_actor_targeted = not any(is_named(t.code) or t.basis == "open" for t in targets) or \
        (len(sources) > 1 and found_at_place(how))
    reciprocal = any(t.text.lower() in RECIPROCALS for t in targets)
    # "Armenia and Azerbaijan traded accusations", "clashed over the arrests of X": a reciprocal
    # act aimed at no other actor (its topic is none) is between its sides
    reciprocal = reciprocal or ((no_actor_targeted or in_topic or how in ("prep:over", "prep:about"))
                                and (trigger.entry.trigger in RECIPROCAL_PREDICATES
                                     or token.lemma_.lower() in RECIPROCAL_PREDICATES))
    # cooperation, or failing or refusing to do what only two do together ("Netherlands and Russia
    # failed to reach agreement"; not "refused to sign the declaration", which others drew up)
    cooperative = "03" <= info.root <= "08" or (complement is not None and
                                                complement.token.lemma_.lower() in JOINT_COMPLEMENTS)
    if ((no_actor_targeted and cooperative) or over_topic or reciprocal) and len(sources) > 1 \
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
            and modality in TOLD_AS_DONE:
        # a visit is also a hosting: "received ministers from the government" (043 and 042)
        # (only between named actors: "hosted COP 29" is no visit by a conference, "hosts several
        # manufacturers" none by companies)
        mirrored = [(t, s) for s, t in pairs if s is not None and t is not None and is_named(s.code) and is_named(t.code)]
    out = []
    where = location_of(token, index.places_in(sentence.index))
    located = {"place": where.name, "place_country": where.country, "lat": where.lat, "lon": where.lon} \
        if where is not None else {}
    for (source, target), event_info in [(pair, info) for pair in pairs] + [(pair, reverse) for pair in mirrored]:
        source_code = (source.code or None) if source else None  # an open actor has no code
        target_code = (target.code or None) if target else None
        if target_code is None and source is not None and (event_info.root == DISSENT_ROOT or
                                                      event_info.code == EASE_DISSENT_CODE) \
                and is_named(source.code) and source.country:
            # a protest with no one named as its object is aimed at home: the protesters' own country;
            # so is calling one off ("the teachers' union called off a strike")
            target_code = source.country
        out.append(Event(
            # a side no dictionary holds is keyed by its words: "Johnson attacked Corbyn" and "Corbyn
            # attacked Johnson" are two events, not one id
            event_id=Event.make_id(parsed.article.article_id, sentence.index, event_info.code,
                                   source_code or (source.text if source else None),
                                   target_code or (target.text if target else None), token.idx),
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
            confidence=confidence_of(trigger, source is not None, target is not None, modality, decision),
            rule=(rule if event_info is info else f"{rule} (mirror: {event_info.code})")
            + ("" if target_code == ((target.code or None) if target else None) else " (domestic protest)"),
            **located,
        ))
    return out, Reason.CODED


def _own_account(speaker, speaker_mention: Mention | None, sources: list[Mention]) -> bool:
    """Whether the speaker tells its own act ("Russia said its forces struck ..."): the speaker
    is one of the sources, or of a source's country."""
    code = speaker_mention.code if speaker_mention is not None else None
    for source in sources:
        if source.char_start <= speaker.idx < source.char_end:
            return True
        if code and source.code and (source.code[:3] == code[:3] or source.code == code):
            return True
        if code and source.code and source.code.startswith("---") and source.code[3:] == code[3:]:
            return True  # "Hong Kong's police commissioner said police alone cannot ...": its own body
        if not code and source.text.lower() == speaker.text.lower():
            return True
    return False


def _of_country(side: Mention, country: str, basis: str) -> Mention:
    """The side as told ("23 people", "demonstrators"), coded as the people of `country`."""
    return replace(side, code=country, country=country, role=None, actor_id=None, basis=basis)


def _code_for_modality(code: str, modality: str, why: str, ontology: Ontology, token) -> tuple[str, str]:
    """CAMEO's reading of an announced or refused act: "will visit" is an intent to meet (036),
    "will not accept" a rejection (12x). Acts only expected by others keep their code."""
    verb = token
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:  # a noun's tense is its verb's
        verb = verb.head
    refused = modality == "negated" and any(c.lower_ in ("will", "would", "wo", "shall") for c in verb.children)
    if refused and code[:2] == REJECT_ROOT:
        # the decision already read "will not lift the embargo" as a rejection (124): it happened
        return code, "reject: told as a refusal"
    if code[:2] in GOVERNING_ROOTS or code[:2] in ("01", "09", "11"):
        return code, ""
    if modality == "future" and is_intent(why):
        shifted = ontology.shift("intent", code)
        return (shifted, f"intent: {code} -> {shifted}") if shifted else (code, "")
    if refused:
        shifted = ontology.shift("reject", code)
        return (shifted, f"reject: {code} -> {shifted}") if shifted else (code, "")
    return code, ""


def deduplicate(events: list[Event]) -> list[Event]:
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


def _past_perfect(token) -> bool:
    """"had opened fire": told as before the time of the telling (with no date, background); so is
    a past "when" clause of a present one ("they worry about the freedoms given when the UK
    returned the territory to China")."""
    if token.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in token.children):
        return True
    return token.tag_ == "VBD" and token.dep_ == "advcl" \
        and any(c.dep_ == "advmod" and c.lower_ == "when" for c in token.children) and _present(token.head)


def _present(verb) -> bool:
    """Whether the clause of `verb` is told in the present ("worry", "is taking")."""
    while verb.dep_ in ("acl", "relcl", "ccomp", "xcomp") and verb.tag_ in ("VBN", "VBG") and verb.head != verb:
        verb = verb.head
    return verb.tag_ in ("VBP", "VBZ") or any(c.dep_ == "aux" and c.tag_ in ("VBP", "VBZ") for c in verb.children)
