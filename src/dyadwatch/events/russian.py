"""The Russian coder: Event records from natasha's UD parse, with the same records, codes and
conventions as the English coder.

    code_russian(parsed, mentions, *, table=None, ontology=None, trace=None) -> list[Event]

Each sentence naming an actor is read predicate by predicate. A word the predicate table
(events.russian_table) holds is a candidate: a verb (встретиться), a noun (визит) or a construction
(провести переговоры, ввести санкции), a construction winning over its head alone. Its sides come
from the UD relations its row names, never from word order:

    subject -> source, the row's target marker -> target     Россия ввела санкции против Ирана
    passive: the subject is the target, an instrumental the agent    журналист задержан полицией
    a noun: its genitive or adjective, or the subject of the verb it is the object of
        ("стороны провели переговоры с ..."); its target on itself or on that verb
    conjuncts give one side each; a clause without a subject takes its governor's
        ("намерен посетить": the one who intends; "призвал Россию вывести": the one called on)

What the words around it say (word_sets_ru.tsv), one way for all predicates:
- не on the predicate or its verb: negated; a denial (отрицать, опровергнуть) negates what it governs;
- a future verb, будет with an infinitive, or an intent (намерен, планирует): future, and CAMEO's
  intent code (036 for an announced visit); a refusal, threat or appeal with an infinitive is that
  refusal, threat or appeal, refined by the act it governs (cameo_shifts.tsv);
- мочь, бы, если, возможно: hypothetical; якобы: alleged;
- speech (заявил, что ...; ..., заявил X; по словам X): the act is reported with its speaker, and
  alleged when the speaker is not the doer's side;
- history: an act dated a year or more before the article (or told "в свое время") is background
  to the news and is not coded, as the gold coders do not code it;
- a relative or adverbial clause, or a participle, tells background: coded only with both sides named;
- a question tells nothing.
CAMEO's conventions as in English: joint sides of cooperation with no one else named act with
each other, a visit mirrors a hosting, a protest with no one named is aimed at home.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from ..actors.russian import RussianIndex
from ..records import TOLD_AS_DONE, Event, Mention, ParsedArticle
from .conventions import confidence_of
from .dates import EventDate
from .frames import is_named
from .ontology import Ontology, load_ontology
from .patterns import Entry
from .reasons import Reason
from .russian_words import word_list as ru_word_list, word_set as ru_word_set
from .russian_table import Marker, Predicate, PredicateTable, load_russian_predicates
from .triggers import CodedTrigger

__all__ = ["code_russian", "russian_dates"]

NEGATORS = ru_word_set("negators")
FUTURE_AUX = ru_word_set("future_aux")
POSSIBILITY = ru_word_set("possibility")
CONDITION = {w.replace("_", " ") for w in ru_word_set("condition")}
ALLEGATION = {w.replace("_", " ") for w in ru_word_set("allegation")}
ATTRIBUTION_NOUNS = ru_word_set("attribution_nouns")
BACKGROUND_PHRASES = ru_word_list("background_phrases")
RECIPROCALS = ru_word_set("reciprocals")
OBJECT_CONTROL = ru_word_set("object_control")

_SHORT_PREPOSITIONS = {"со": "с", "во": "в", "ко": "к", "обо": "о", "изо": "из", "подо": "под", "передо": "перед"}
_BACKGROUND_DEPS = ("acl:relcl", "acl", "advcl")
_SUBJECTS = ("nsubj",)
_COOPERATIVE = ("03", "04", "05", "06", "07", "08")
_VIOLENCE = ("18", "19", "20")
_NO_TARGET_NEEDED = ("08", "12", "14")  # a ceasefire declared, a refusal, a strike: no one else named
_SHIFTS = {"refusal": "reject", "threat": "threat", "intent": "intent"}
HISTORY_YEARS = 2  # an act dated this many calendar years before its article is history


@dataclass
class _Trigger:
    token: Any
    row: Predicate
    companion: Any = None  # the construction's object word, part of the trigger


def _case(token) -> str:
    found = token.morph.get("Case")
    return found[0] if found else ""


def _preposition(token) -> str:
    """The preposition a nominal is governed by, several words joined by `_` ("в_отношении")."""
    for child in token.children:
        if child.dep_ == "case":
            words = [child.lower_] + [c.lower_ for c in child.children if c.dep_ == "fixed"]
            return _normal_preposition("_".join(words))
    return ""


def _normal_preposition(text: str) -> str:
    first, *rest = text.split("_")
    return "_".join([_SHORT_PREPOSITIONS.get(first, first), *rest])


def _marked(child, marker: Marker) -> bool:
    """Whether a dependent is the side `marker` describes."""
    dep = child.dep_
    if marker.relation == "obj":
        return dep == "obj"
    if marker.relation == "nsubj":
        return dep in _SUBJECTS
    if marker.relation == "amod":
        return dep == "amod"
    if marker.relation == "dat":
        return dep == "iobj" or (dep in ("obl", "nmod") and _case(child) == "Dat" and not _preposition(child))
    if marker.relation == "gen":
        return dep == "nmod" and _case(child) == "Gen" and not _preposition(child)
    if dep not in ("obl", "nmod", "obj"):
        return False
    case = _case(child)
    return _preposition(child) == _normal_preposition(marker.preposition) and (not case or case == marker.case)


def _conjuncts(token) -> list:
    out, queue = [], [token]
    while queue:
        node = queue.pop(0)
        out.append(node)
        queue.extend(c for c in node.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON", "ADJ"))
    return out


def _sides(tokens: list, mentions: RussianIndex) -> list[Mention]:
    found: list[Mention] = []
    for token in tokens:
        for node in _conjuncts(token):
            mention = mentions.of(node)
            if mention is not None and all(mention is not m for m in found):
                found.append(mention)
    return found


def _matching(head, markers: tuple[Marker, ...], exclude=()) -> tuple[list, str]:
    """The dependents of `head` the first matching marker finds, and that marker."""
    for marker in markers:
        found = [c for c in head.children if _marked(c, marker) and c.i not in exclude]
        if found:
            return found, str(marker)
    return [], ""


def _governing_verb(token):
    """The verb a noun trigger is the object (or oblique, or subject) of: "провели переговоры"."""
    if token.dep_ in ("obj", "obl", "nsubj", "nsubj:pass") and token.head.pos_ in ("VERB", "AUX", "ADJ") \
            and token.head.i != token.i:
        return token.head
    return None


def _clause_verb(trigger: _Trigger):
    token = trigger.token
    if trigger.row.pos == "verb":
        return token
    return _governing_verb(token) or token


def _subjects(verb, depth: int = 0) -> list:
    """A verb's subjects; a conjoined or governed verb without one takes its governor's (an object
    control verb's object: "призвал Россию вывести войска" -> Россия)."""
    own = [c for c in verb.children if c.dep_ in _SUBJECTS]
    if own or depth > 3 or verb.head.i == verb.i:
        return own
    if verb.dep_ == "conj":
        return _subjects(verb.head, depth + 1)
    if verb.dep_ == "xcomp":
        governor = verb.head
        if governor.lemma_ in OBJECT_CONTROL:
            objects = [c for c in governor.children if c.dep_ in ("obj", "iobj")]
            if objects:
                return objects
        return _subjects(governor, depth + 1)
    return []


def _relative_antecedent(verb, subjects: list) -> list:
    """"Россия, которая ввела": the subject "которая" stands for the noun the clause is on."""
    if verb.dep_ == "acl:relcl" and any(s.lemma_ in ("который", "что") for s in subjects):
        return [verb.head]
    return subjects


def _frame_sides(trigger: _Trigger, mentions: RussianIndex) -> tuple[list[Mention], list[Mention], str]:
    token, row = trigger.token, trigger.row
    exclude = {trigger.companion.i} if trigger.companion is not None else set()
    if row.pos == "verb":
        passive = [c for c in token.children if c.dep_ == "nsubj:pass"]
        if passive:
            agents = [c for c in token.children if c.dep_ == "obl" and _case(c) == "Ins" and not _preposition(c)]
            return _sides(agents, mentions), _sides(passive, mentions), "passive"
        source_markers = row.sources or (Marker("nsubj"),)
        source_tokens, _ = _matching(token, source_markers)
        if not source_tokens and Marker("nsubj") in source_markers:
            source_tokens = _subjects(token)
        source_tokens = _relative_antecedent(token, source_tokens)
        target_tokens, how = _matching(token, row.targets, exclude)
        if not target_tokens:  # "ввела санкции против Ирана": the target on the construction's object
            for inner in [c for c in token.children if c.dep_ == "obj"]:
                target_tokens, how = _matching(inner, row.targets)
                if target_tokens:
                    break
        return _sides(source_tokens, mentions), _sides(target_tokens, mentions), how
    targets, how = _matching(token, row.targets)
    source_markers = row.sources or (Marker("gen"), Marker("amod"))
    sources, _ = _matching(token, source_markers, exclude={t.i for t in targets})
    verb = _governing_verb(token)
    if verb is not None:
        if not sources and token.dep_ in ("obj", "obl"):
            sources = _relative_antecedent(verb, _subjects(verb))
        if not targets:
            targets, how = _matching(verb, row.targets, exclude={token.i})
            how = f"{verb.lemma_}:{how}" if how else ""
    source_mentions = _sides(sources, mentions)
    return source_mentions, [m for m in _sides(targets, mentions) if all(m is not s for s in source_mentions)], how


def _find_triggers(tokens: list, table: PredicateTable) -> dict[int, _Trigger]:
    found: dict[int, _Trigger] = {}
    taken: set[int] = set()
    for token in tokens:
        if token.pos_ in ("VERB", "AUX"):
            pos = "verb"
            if token.dep_ == "amod" or (token.dep_ == "acl" and "Part" in token.morph.get("VerbForm")):
                continue  # a participle describing a noun ("подписанное соглашение")
        elif token.pos_ == "ADJ" and "Short" in token.morph.get("Variant"):
            pos = "verb"  # "намерен посетить", "готов к переговорам"
        elif token.pos_ == "NOUN":
            pos = "noun"
        else:
            continue
        for row in table.candidates(token.lemma_, pos):
            companion = row.companion
            if companion is None:
                found[token.i] = _Trigger(token, row)
                break
            words = [c for c in token.children if c.dep_ in ("obj", "obl", "nsubj", "xcomp", "nmod")
                     and (c.lemma_ == companion or _preposition(c) == _normal_preposition(companion))]
            if words:
                found[token.i] = _Trigger(token, row, words[0] if words[0].lemma_ == companion else None)
                if found[token.i].companion is not None:
                    taken.add(words[0].i)
                break
    for i in taken:  # "ввела санкции": the construction's noun is part of it
        found.pop(i, None)
    return found


def _children_words(token) -> set[str]:
    return {c.lower_ for c in token.children} | {c.lemma_ for c in token.children}


def _speaker(verb, table: PredicateTable, mentions: RussianIndex) -> tuple[Mention | None, str] | None:
    """Who reports the act of `verb`'s clause: a speech verb it is the content of ("заявил, что"),
    a speech verb set beside it ("..., заявил X"), or "по словам X". (speaker, speech verb text)."""
    node = verb
    for _ in range(4):
        for child in node.children:
            if child.dep_ == "parataxis" and _kind(child, table) == "speech":
                return _first(_subjects(child), mentions), child.text
            if child.dep_ in ("obl", "parataxis") and child.lemma_ in ATTRIBUTION_NOUNS and _preposition(child) == "по":
                return _first([c for c in child.children if c.dep_ in ("nmod", "appos")], mentions), f"по {child.text}"
        if node.dep_ in ("ccomp",) and _kind(node.head, table) == "speech":
            return _first(_subjects(node.head), mentions), node.head.text
        if node.dep_ not in ("conj", "xcomp", "ccomp") or node.head.i == node.i:
            return None
        node = node.head
    return None


def _first(tokens: list, mentions: RussianIndex) -> Mention | None:
    found = _sides(tokens, mentions)
    return found[0] if found else None


def _kind(token, table: PredicateTable) -> str:
    pos = "noun" if token.pos_ == "NOUN" else "verb"
    rows = table.candidates(token.lemma_, pos)
    return rows[-1].kind if rows else ""


def _governor(token, table: PredicateTable) -> tuple[str, Any] | None:
    """The governing predicate (`intent`, `refusal`, `threat`, `appeal`, `denial`, or мочь) of an
    act it takes as its complement."""
    node = token
    for _ in range(3):
        if node.dep_ not in ("xcomp", "ccomp", "conj") or node.head.i == node.i:
            return None
        if node.dep_ != "conj":
            head = node.head
            if head.lemma_ in POSSIBILITY:
                return "possibility", head
            kind = _kind(head, table)
            if kind in ("intent", "refusal", "threat", "appeal", "denial"):
                return kind, head
            if node.dep_ == "ccomp":
                return None
        node = node.head
    return None


def _modality(trigger: _Trigger, table: PredicateTable, governed: tuple[str, Any] | None) -> tuple[str, str]:
    """(modality, why) from the words on the trigger and its clause's verb."""
    verb = _clause_verb(trigger)
    words = _children_words(verb) | _children_words(trigger.token)
    if words & NEGATORS:
        return "negated", "не"
    if governed is not None:
        kind, head = governed
        if kind == "denial":
            return "negated", f"denied: {head.text}"
        if _children_words(head) & NEGATORS and kind != "refusal":
            return "negated", f"не {head.text}"
        if kind == "intent":
            return "future", f"intent: {head.lemma_}"
        if kind == "possibility":
            return "hypothetical", f"possible: {head.text}"
    if words & ALLEGATION:
        return "alleged", "якобы"
    if words & CONDITION or any(c.dep_ == "mark" and c.lemma_ in CONDITION for c in verb.children):
        return "hypothetical", "condition"
    if words & POSSIBILITY:
        return "hypothetical", "possible"
    tense = verb.morph.get("Tense")
    if "Fut" in tense or (("Inf" in verb.morph.get("VerbForm")) and
                          any(c.dep_ == "aux" and c.lemma_ in FUTURE_AUX for c in verb.children)):
        return "future", "future tense"
    return "asserted", ""


_YEAR = re.compile(r"\b((?:19|20)\d\d)(?:\s*[-–]\s*(?:19|20)?\d\d)?\s*(?:год|гг?\.)", re.I)
_DATE_WORD = re.compile(r"\d|январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр|"
                        r"понедельник|вторник|сред|четверг|пятниц|суббот|воскресень|вчера|сегодня|завтра", re.I)
_DAY_WORD = re.compile(r"\b[0-3]?\d\b|понедельник|вторник|сред|четверг|пятниц|суббот|воскресень|вчера|сегодня|завтра",
                       re.I)


def _anchor(published) -> date | None:
    if isinstance(published, datetime):
        return published.date()
    if isinstance(published, date):
        return published
    if isinstance(published, str) and published:
        try:
            return date.fromisoformat(published[:10])
        except ValueError:
            return None
    return None


def russian_dates(text: str, published, *, future: bool = False) -> list[EventDate]:
    """The date expressions of a Russian sentence: years ("в 2008 году") read here, days, months and
    relative days ("во вторник", "28 июня", "вчера") through dateparser's Russian, counted from the
    article's date."""
    out = [EventDate(f"{m.group(1)}-01-01", "year", "explicit", m.start()) for m in _YEAR.finditer(text)]
    anchor = _anchor(published)
    if _DATE_WORD.search(text) is None:
        return out
    found = _search_dates(text, anchor, future)
    taken = {d.start for d in out}
    cursor = 0
    for matched, value in found:
        start = text.find(matched, cursor)
        cursor = max(cursor, start + len(matched)) if start >= 0 else cursor
        if start < 0 or value.year < 1900 or start in taken or not _DATE_WORD.search(matched) \
                or _YEAR.match(text, start):
            continue  # (dateparser reads "в 2008 году" as the year 2: the years are read above)
        if anchor is None and not re.search(r"(?:19|20)\d\d", matched):
            continue  # a weekday or a day without a year needs the article's date
        precision = "day" if _DAY_WORD.search(matched) else "month"
        basis = "explicit" if re.search(r"\d", matched) else "relative"
        out.append(EventDate(value.date().isoformat(), precision, basis, start))
    return sorted(out, key=lambda d: d.start)


@lru_cache(maxsize=4096)
def _search_dates(text: str, anchor: date | None, future: bool) -> tuple:
    from dateparser.search import search_dates

    settings = {"PREFER_DATES_FROM": "future" if future else "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
    return tuple(search_dates(text, languages=["ru"], settings=settings) or ())


def _date_of(text: str, near: int, published, future: bool) -> EventDate:
    dates = russian_dates(text, published, future=future)
    if dates:
        return min(dates, key=lambda d: abs(d.start - near))
    anchor = _anchor(published)
    return EventDate(anchor.isoformat(), "day", "article") if anchor else EventDate(None, None, None)


def _history(text: str, when: EventDate, published) -> str:
    """Why an act is told as history ("" when it is news): dated years before its article, or
    told with a phrase of history."""
    anchor = _anchor(published)
    if when.date and anchor is not None and when.basis == "explicit" and \
            int(when.date[:4]) <= anchor.year - HISTORY_YEARS:
        return f"dated {when.date[:4]}, the article {anchor.year}"
    lowered = text.lower()
    phrase = next((p for p in BACKGROUND_PHRASES if p in lowered), None)
    return f"told as history: '{phrase}'" if phrase else ""


def _coded(trigger: _Trigger, code: str, note: str = "") -> CodedTrigger:
    entry = Entry(trigger.row.lemma, trigger.row.pos, "RU", trigger.row.code, trigger.row.reverse, trigger.row.origin)
    return CodedTrigger(trigger.token, entry, None, code, trigger.row.reverse, note)


def _own_account(speaker: Mention | None, sources: list[Mention]) -> bool:
    if speaker is None or not speaker.code:
        return False
    return any(s.code and s.code[:3] == speaker.code[:3] for s in sources)


def code_russian(parsed: ParsedArticle, mentions: list[Mention], *, table: PredicateTable | None = None,
                 ontology: Ontology | None = None, trace: list[dict] | None = None) -> list[Event]:
    """Code the events of one parsed Russian article from its actor mentions. With `trace` (a
    list), every predicate considered is appended with its numbered reason, as the English
    coder's trace."""
    table = table or load_russian_predicates()
    ontology = ontology or load_ontology()
    index = RussianIndex(mentions, parsed.doc)
    with_actors = {m.sentence_index for m in mentions}
    by_start = {s.char_start: s for s in parsed.sentences}
    body = parsed.article.body
    events: list[Event] = []

    def note(trigger: _Trigger, sentence, reason: Reason, detail: str = "", found=()) -> None:
        if trace is not None:
            trace.append({"sentence_index": sentence.index, "trigger": trigger.token.text,
                          "entry": f"{trigger.row.pos}:{trigger.row.lemma}", "code": trigger.row.code,
                          "pattern": None, "reason": int(reason),
                          "decision": reason.text + (f" ({detail})" if detail else ""), "frame": None,
                          "decided": None, "confidence": None, "features": [],
                          "events": [e.event_id for e in found]})

    for span in parsed.doc.sents:
        sentence = by_start.get(span.start_char)
        if sentence is None or sentence.index not in with_actors:
            continue
        text = body[sentence.char_start:sentence.char_end]
        if text.rstrip().rstrip('"»”\'').endswith("?"):
            continue  # a question tells no act
        tokens = [t for t in span if not t.is_space]
        triggers = _find_triggers(tokens, table)
        # what a governing predicate takes as its complement: (kind, governor) by the act's index
        governed = {i: g for i, t in triggers.items() if (g := _governor(t.token, table)) is not None}
        for i, trigger in triggers.items():
            row = trigger.row
            if row.kind in ("speech", "intent", "denial") or not row.is_event:
                note(trigger, sentence, Reason.FRAMES_ANOTHER)
                continue
            governor = governed.get(i)
            if governor is not None and governor[0] in ("refusal", "threat", "appeal") \
                    and governor[1].i in triggers:
                note(trigger, sentence, Reason.PART_OF_ANOTHER, f"'{governor[1].text}'")
                continue
            verb = _governing_verb(trigger.token) if row.pos == "noun" else None
            if verb is not None and verb.i in triggers and triggers[verb.i].row.kind not in ("speech", "intent"):
                # "отказался от переговоров", "осудил удары": what another act is about is part of it
                note(trigger, sentence, Reason.PART_OF_ANOTHER, f"'{verb.text}'")
                continue
            code, shift_note = row.code, ""
            sources, targets, how = _frame_sides(trigger, index)
            # the act a refusal or threat is of: its infinitive, or the noun it takes ("отказаться от визита")
            complement = next((triggers[c.i] for c in trigger.token.children if c.i in triggers
                               and triggers[c.i].row.is_event and (c.dep_ == "xcomp" or (
                                   c.dep_ in ("obj", "obl") and triggers[c.i].row.pos == "noun"))), None)
            if row.kind in ("refusal", "threat") and complement is not None:
                shifted = ontology.shift(_SHIFTS[row.kind], complement.row.code)
                if shifted:
                    code, shift_note = shifted, f"{row.kind} of {complement.row.lemma} {complement.row.code} -> {shifted}"
                if not targets:
                    _, targets, inner = _frame_sides(complement, index)
                    targets = [t for t in targets if all(t is not s for s in sources)]
                    how = f"{complement.row.lemma}:{inner}" if targets else how
            if not sources and not targets:
                note(trigger, sentence, Reason.NO_ACTOR)
                continue
            if not any(is_named(m.code) for m in sources + targets):
                note(trigger, sentence, Reason.ONLY_ROLES)
                continue
            joint = len({s.code[:3] for s in sources if is_named(s.code)}) > 1
            if row.pos == "noun" and not targets and code[:2] not in _NO_TARGET_NEEDED and not joint:
                note(trigger, sentence, Reason.NOUN_WITHOUT_TARGET)
                continue
            background = trigger.token.dep_ in _BACKGROUND_DEPS or _clause_verb(trigger).dep_ in _BACKGROUND_DEPS
            if background and not (any(is_named(s.code) for s in sources) and any(is_named(t.code) for t in targets)):
                note(trigger, sentence, Reason.BACKGROUND)
                continue
            modality, why = _modality(trigger, table, governor)
            if modality == "future" and why.startswith("intent") and code[:2] not in ("01", "02", "03", "09", "10", "11", "12", "13"):
                shifted = ontology.shift("intent", code)
                if shifted:
                    code, shift_note = shifted, f"intent: {row.code} -> {shifted}"
            reported = _speaker(_clause_verb(trigger), table, index)
            speaker = reported[0] if reported else None
            if modality == "asserted" and reported and not _own_account(speaker, sources):
                modality, why = "alleged", f"told by {speaker.text if speaker else reported[1]}"
            when = _date_of(text, trigger.token.idx - sentence.char_start, parsed.article.published,
                            modality == "future")
            history = _history(text, when, parsed.article.published) if modality in TOLD_AS_DONE else ""
            if history:
                note(trigger, sentence, Reason.HISTORY, history)
                continue
            info = ontology.get(code)
            if info is None:
                note(trigger, sentence, Reason.NO_CODE)
                continue
            pairs = [(s, t) for s in sources or [None] for t in targets or [None]]
            no_one_targeted = not any(is_named(t.code) for t in targets) or \
                any(t.text.lower().split()[0] in RECIPROCALS for t in targets)
            if len(sources) > 1 and no_one_targeted and info.root in _COOPERATIVE and modality != "negated":
                mutual = [(s, t) for s in sources for t in sources if s is not t and s.code[:3] != t.code[:3]]
                if mutual:
                    pairs, how = mutual, "with each other"
            rule = f"ru {row.pos}:{row.lemma} ({row.origin})" + (f"+{how}" if how else "") + \
                (f" ({why})" if why else "") + (f" ({shift_note})" if shift_note else "") + f" -> {code}"
            mirror = ontology.get(row.reverse) if row.reverse and code == row.code and modality in TOLD_AS_DONE else None
            found = []
            coded_trigger = _coded(trigger, code, shift_note)
            for (source, target), event_info in [(p, info) for p in pairs] + \
                    [((t, s), mirror) for s, t in pairs if mirror is not None and s is not None and t is not None
                     and is_named(s.code) and is_named(t.code)]:
                source_code = (source.code or None) if source else None
                target_code = (target.code or None) if target else None
                if target_code is None and source is not None and event_info.root == "14" and source.country:
                    target_code = source.country  # a protest with no one named is aimed at home
                found.append(Event(
                    event_id=Event.make_id(parsed.article.article_id, sentence.index, event_info.code,
                                           source_code or (source.text if source else None),
                                           target_code or (target.text if target else None), trigger.token.idx),
                    article_id=parsed.article.article_id, sentence_index=sentence.index,
                    char_start=sentence.char_start, char_end=sentence.char_end, evidence=text,
                    date=when.date, date_precision=when.precision, date_basis=when.basis,
                    source=source_code, target=target_code,
                    source_text=source.text if source else None, target_text=target.text if target else None,
                    code=event_info.code, root=event_info.root, quad_class=event_info.quad_class,
                    goldstein=event_info.goldstein, plover=event_info.plover, modality=modality,
                    speaker=(speaker.code if speaker else reported[1]) if reported else None,
                    confidence=confidence_of(coded_trigger, source is not None, target is not None, modality),
                    rule=rule if event_info is info else f"{rule} (mirror: {event_info.code})"))
            note(trigger, sentence, Reason.CODED_AS_PROPOSED, found=found)
            events.extend(found)
    seen: set[str] = set()
    return [e for e in events if not (e.event_id in seen or seen.add(e.event_id))]
