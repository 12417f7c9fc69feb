"""Resolve the actors named in a parsed article to CAMEO-style codes.

Per sentence:
1. find dictionary names and role nouns over the tokens: the segmentation that covers the
   most words with the fewest, longest pieces (so "Russian Federation Council" is Russian +
   Federation Council, and "Vladimir Putin" stays whole);
2. join neighbouring pieces into one mention when they name one actor: "Russian" +
   "Foreign Minister" + "Sergey Lavrov"; "Baku" 's "State Prosecutor"; "Speaker" of the
   "National Assembly" of "Armenia"; "Sputnik" "Azerbaijan";
3. give the mention its code: a person's code on the article's date, else an organisation's,
   else the country of a place or demonym plus the role of a role noun; a capital alone is
   its government unless it is a place ("in Moscow").
With a `places` list, every place a sentence names (a town, region, capital or country told as
a noun) is added to it with its gazetteer point and whether it is told as where something
happens ("in Stepanakert", "near the border of Armenia"): what the events stage locates an
event by.
Across the article, later short mentions ("Lavrov", "the Speaker", "the Russian minister")
are linked to the full one they follow (basis "coreference").

Names that match by accident do not resolve: a full name no entry holds is a dictionary person
of that surname only when its given names are theirs too ("Myles Garrett" is not Peter Garrett);
a surname alone is a person's only after the article names them, or behind a title they hold
("President Aliyev"); a place that begins a person's name is a given name ("Chad Wolf"); an
armed group named by common words ("Black Friday") needs its country in the article; a body's
short name (three letters or fewer) is its acronym only in capitals ("Eu", "Ngo" are words).

spaCy's entity labels are not trusted (the small model calls Armenia an ORG and Yerevan a
PERSON); only its tokens, lemmas, part-of-speech tags and dependency arcs are used.
"""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Sequence

from ..nlp import RUSSIAN
from .russian import resolve_russian
from ..records import Mention, ParsedArticle, Place
from .dictionary import SHIPPED_FILES, ActorDictionary, ActorEntry, load_dictionary, name_keys, split_code, token_key
from .words import common_words, word_set

__all__ = ["resolve_actors", "mention_for_token", "mentions_in_span"]

# The English words this reads by (frozensets, bound once here): data/word_sets.tsv says what
# each set is for (edit the words there).
_LOWER_OK = word_set("lower_ok")
_POSSESSIVE = word_set("possessive")
_PLACE_KINDS = {"country", "capital", "place"}  # place: a town or region (its country, no role)
_NAMED_KINDS = {"org", "seat", "media", "group"}
_LOCATIVE = word_set("locative")
_MOTION = word_set("motion")
_NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "EVENT"}
_DETERMINERS = word_set("determiners")


@dataclass(slots=True)
class _Piece:
    """A dictionary hit over tokens [start, end) of the sentence."""

    start: int
    end: int
    kind: str  # a dictionary kind, or "agent", or "surname" (an earlier person of the article)
    ids: list[str]
    paired: bool = False  # a place in a dash pair ("Armenian–Azerbaijani"): a dyad, not an owner

    @property
    def is_place(self) -> bool:
        return self.kind in _PLACE_KINDS

    @property
    def is_named(self) -> bool:
        return self.kind in _NAMED_KINDS

    @property
    def is_person(self) -> bool:
        return self.kind in ("person", "surname", "name")


@dataclass(slots=True)
class _Run:
    pieces: list[_Piece] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.pieces[0].start

    @property
    def end(self) -> int:
        return self.pieces[-1].end

    def has(self, test) -> bool:
        return any(test(p) for p in self.pieces)


@dataclass(slots=True)
class _Context:
    """What the article has told so far: persons named in full, and their titles."""

    when: date | None
    persons: dict[str, list[int]] = field(default_factory=dict)  # actor_id -> mention indices
    surnames: dict[str, list[str]] = field(default_factory=dict)  # surname key -> actor_ids
    titles: dict[str, set[str]] = field(default_factory=dict)  # actor_id -> title keys
    countries: Counter = field(default_factory=Counter)
    sentence_countries: set[str] = field(default_factory=set)
    sentence_index: int = 0
    # persons named lately, for pronouns: (sentence number, char start, identity, mention or None)
    people: list[tuple[int, int, str, Mention | None]] = field(default_factory=list)


def _article_day(parsed: ParsedArticle) -> date | None:
    published = parsed.article.published
    if isinstance(published, datetime):
        return published.date()
    return published if isinstance(published, date) else None


def resolve_actors(parsed: ParsedArticle, *, dictionary: ActorDictionary | None = None,
                   places: list[Place] | None = None) -> list[Mention]:
    """The actor mentions of an article, in text order, with offsets into its body. With
    `places` (a list), the places the article names are appended to it, in text order."""
    dictionary = dictionary or load_dictionary()
    if parsed.article.language == RUSSIAN:
        return resolve_russian(parsed, dictionary=dictionary, day=_article_day(parsed))
    doc = parsed.doc
    context = _Context(when=_article_day(parsed))
    starts = [s.char_start for s in parsed.sentences]
    mentions: list[Mention] = []
    sentence_mentions: list[tuple[Mention, _Run]] = []
    ents = doc.ents  # once: Span.ents walks every entity of the document
    ent_starts = [ent.start for ent in ents]
    for number, sent in enumerate(doc.sents):
        index = max(0, bisect.bisect_right(starts, sent.start_char) - 1) if starts else 0
        context.sentence_index = index
        tokens = list(sent)
        strings = _strings(tokens)
        pieces = _segment(tokens, strings, dictionary, context)
        context.sentence_countries = {  # places that name one country only ("Tripoli" names two)
            country for p in pieces if p.is_place and len(p.ids) == 1
            for country in [split_code(dictionary.actors[p.ids[0]].code_on(context.when) or "")[0]] if country}
        for run in _runs(pieces, tokens):
            if _names_a_document(run, tokens):
                continue
            if places is not None and all(p.is_place for p in run.pieces):
                place = _place(run, tokens, dictionary, context, parsed.article.article_id, index)
                if place is not None:
                    places.append(place)
            mention = _mention(run, tokens, dictionary, context, parsed.article.article_id, index)
            if mention is not None:
                _remember(mention, run, tokens, dictionary, context, len(mentions))
                mentions.append(mention)
                sentence_mentions.append((mention, run))
        _place_roles(sentence_mentions, tokens)
        found = _pronouns(tokens, strings[1], _ents_within(ents, ent_starts, sent), number, sentence_mentions,
                          dictionary, context)
        mentions.extend(found)
        if found:
            mentions.sort(key=lambda m: m.char_start)
        sentence_mentions.clear()
    return mentions


# -- pronouns ------------------------------------------------------------------------------

_PERSONAL_PRONOUNS = word_set("personal_pronouns")
_PRONOUN_WINDOW = 2  # sentences before the pronoun's own where its antecedent may be


def _ents_within(ents: Sequence[Any], starts: list[int], sent: Any) -> list[Any]:
    """`sent.ents` from the document's entities, found by bisection (same rule as spaCy's:
    from the first entity starting in the sentence, while they end inside it)."""
    out = []
    for ent in ents[bisect.bisect_left(starts, sent.start):]:
        if ent.end > sent.end:
            break
        out.append(ent)
    return out


def _pronouns(sent: Sequence[Any], keys: list[str], sent_ents: list[Any], number: int,
              found: list[tuple[Mention, _Run]], dictionary: ActorDictionary, context: _Context) -> list[Mention]:
    """'he', 'she', 'his', 'her' -> the person they stand for, only when one person alone is
    named in this sentence before the pronoun and the two sentences before it (a person the
    model finds but the dictionary does not place counts too, so it makes the case ambiguous).
    A role noun the pronoun possesses takes that person's country ("his ruling party")."""
    for mention, run in found:
        if _is_person_mention(mention, run, dictionary):
            context.people.append((number, mention.char_start, mention.actor_id or mention.text, mention))
    covered = [(m.char_start, m.char_end) for m, _ in found]
    for ent in sent_ents:
        if ent.label_ == "PERSON" and not any(s < ent.end_char and ent.start_char < e for s, e in covered):
            context.people.append((number, ent.start_char, "?" + ent.text, None))
    context.people = [p for p in context.people if p[0] >= number - _PRONOUN_WINDOW]
    inside = {i for _, run in found for i in range(run.start, run.end)}
    out: list[Mention] = []
    for offset in [i for i, key in enumerate(keys) if key in _PERSONAL_PRONOUNS]:  # a pronoun's key is itself
        token = sent[offset]
        if token.lower_ not in _PERSONAL_PRONOUNS or token.tag_ not in ("PRP", "PRP$"):
            continue
        before = {key: mention for n, start, key, mention in context.people if start < token.idx}
        if len(before) != 1:
            continue
        antecedent = next(iter(before.values()))
        if antecedent is None or antecedent.country is None:
            continue
        if offset in inside:
            continue
        out.append(Mention(article_id=antecedent.article_id, sentence_index=context.sentence_index,
                           char_start=token.idx, char_end=token.idx + len(token.text),
                           text=token.text, code=antecedent.code, country=antecedent.country,
                           role=antecedent.role, actor_id=antecedent.actor_id, basis="coreference"))
        if token.dep_ == "poss":
            owned = next((m for m, run in found if m.country is None and m.role
                          and any(sent[i].i == token.head.i for i in range(run.start, run.end))), None)
            if owned is not None:
                owned.country, owned.code = antecedent.country, antecedent.country + owned.role
    return out


def _is_person_mention(mention: Mention, run: _Run, dictionary: ActorDictionary) -> bool:
    if mention.actor_id is not None:
        entry = dictionary.actors.get(mention.actor_id)
        if entry is not None and entry.kind == "person":
            return True
    return run.has(lambda p: p.is_person)


_PLACE_PREPOSITIONS = word_set("place_prepositions")
_MEMBER_NOUNS = word_set("member_nouns")


def _place_roles(found: list[tuple[Mention, _Run]], tokens: Sequence[Any]) -> None:
    """A role with no country takes the country of a place attached to it: a modifier of its
    head ("French paper workers", "Algeria's leading human rights activist", "the Russian
    102nd military base"), else a place phrase after it ("rebels in the Ivory Coast",
    "opposition groups in Zimbabwe", "a newspaper based in Beirut", "doctors from two
    American aid groups": the place may sit one noun further down). The people of a body
    ("employees of Sputnik Azerbaijan", "Sputnik's staff") are that body's: its code, role and all."""
    by_token = {}
    for mention, run in found:
        if run.has(lambda p: p.paired):  # "Armenian–Azerbaijani": a pair names no one's role
            continue
        for i in range(run.start, run.end):
            by_token[tokens[i].i] = mention
    for mention, run in found:
        if mention.country is not None or mention.role is None:
            continue
        head = _run_head(run, tokens)
        if head.dep_ == "compound" and head.head.pos_ in ("NOUN", "PROPN"):
            head = head.head  # "Opposition groups": the phrase's noun is "groups"
        members = head.lemma_.lower() in _MEMBER_NOUNS
        place = _modifier_place(head, by_token, mention, bodies=members)
        if place is None and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children):
            continue  # "recalled its ambassador from Moscow": whose it is, the pronoun says, not where
        heads = [head] + [c for c in head.children if c.dep_ == "acl" and c.tag_ == "VBN"]
        for holder in heads:
            if place is not None:
                break
            for prep in holder.children:
                if prep.dep_ != "prep" or prep.lower_ not in _PLACE_PREPOSITIONS:
                    continue
                for obj in prep.children:
                    if obj.dep_ != "pobj":
                        continue
                    candidates = [obj] + [c for c in obj.children if c.dep_ in ("amod", "compound", "poss")]
                    place = next((by_token[c.i] for c in candidates if c.i in by_token
                                  and by_token[c.i].country), None)
                    if place is not None:
                        break
                if place is not None:
                    break
        if place is not None and members and place.role:
            mention.country, mention.role, mention.code = place.country, place.role, place.code
        elif place is not None:
            mention.country = place.country
            mention.code = place.country + mention.role


def _modifier_place(head: Any, by_token: dict[int, Mention], mention: Mention, *, bodies: bool = False
                    ) -> Mention | None:
    """A country-giving mention among the head's adjectives, compounds and possessors (with
    `bodies`, an organisation that owns them too: "Sputnik's staff")."""
    for child in head.children:
        if child.dep_ in ("amod", "compound", "poss", "nmod") and child.i in by_token:
            place = by_token[child.i]
            if place is not mention and place.country and (place.role is None or (bodies and child.dep_ == "poss")):
                return place
    return None


# -- 1. pieces -----------------------------------------------------------------------------

def _capitalised(token: Any, key: str) -> bool:
    if key in _LOWER_OK or not key[:1].isalpha():
        return True
    return token.text[:1].isupper()


def _segment(tokens: Sequence[Any], strings: tuple[list[str], list[str], list[str]], dictionary: ActorDictionary,
             context: _Context) -> list[_Piece]:
    # hyphens are skipped while matching ("Asia-Pacific", "Jean-Bertrand"); pieces keep the
    # sentence's own token indices
    texts, all_keys, all_lemmas = strings
    if "-" in all_keys:
        keep = [i for i, key in enumerate(all_keys) if key != "-"]
        # words that begin a hyphenated modifier ("government" in "government-run"), as
        # `_hyphen_modifier(tokens, i + 1)` tells, from the keys already made
        modifiers = {k for k, i in enumerate(keep)
                     if i + 2 < len(tokens) and all_keys[i + 1] == "-" and texts[i + 2][:1].islower()}
        pieces = _segment_words([tokens[i] for i in keep], dictionary, context, modifiers,
                                keys=[all_keys[i] for i in keep], lemmas=[all_lemmas[i] for i in keep],
                                texts=[texts[i] for i in keep])
    else:  # most sentences: no hyphen to skip
        keep = range(len(tokens))
        pieces = _segment_words(tokens, dictionary, context, set(), keys=all_keys, lemmas=all_lemmas, texts=texts)
    for piece in pieces:
        piece.start, piece.end = keep[piece.start], keep[piece.end - 1] + 1
    return _mark_pairs(pieces, tokens)


# A token's text, key and lemma key, by spaCy's ids for its text and lemma: reading
# `token.text` decodes a new str each time, and every token of every sentence is asked.
_TEXT_AND_KEY: dict[int, tuple[str, str]] = {}
_LEMMA_KEY: dict[int, str] = {}
_STRINGS_KEPT = 200_000  # entries per cache before it starts again (a worker sees ever new words)


def _strings(tokens: Sequence[Any]) -> tuple[list[str], list[str], list[str]]:
    """The tokens' texts, keys and lemma keys."""
    by_text, by_lemma = _TEXT_AND_KEY, _LEMMA_KEY
    if len(by_text) > _STRINGS_KEPT or len(by_lemma) > _STRINGS_KEPT:
        by_text.clear()
        by_lemma.clear()
    texts, keys, lemmas = [], [], []
    for token in tokens:
        found = by_text.get(token.orth)
        if found is None:
            text = token.text
            found = by_text[token.orth] = (text, token_key(text))
        texts.append(found[0])
        keys.append(found[1])
        lemma = by_lemma.get(token.lemma)
        if lemma is None:
            lemma = by_lemma[token.lemma] = token_key(token.lemma_)
        lemmas.append(lemma)
    return texts, keys, lemmas


_STANCE_PREFIXES = word_set("stance_prefixes")


def _mark_pairs(pieces: list[_Piece], tokens: Sequence[Any]) -> list[_Piece]:
    """Places joined by a dash or slash ("Armenian–Azerbaijani settlement", "US-Russia talks")
    name a pair, so neither owns the noun after them; a place after "anti-"/"pro-" is a stance
    ("an anti-Syria journalist"), not the actor's country, and is dropped."""
    kept = []
    for piece in pieces:
        if piece.is_place and piece.start >= 2 and token_key(tokens[piece.start - 1].text) == "-" \
                and token_key(tokens[piece.start - 2].text) in _STANCE_PREFIXES:
            continue
        kept.append(piece)
    for a, b in zip(kept, kept[1:]):
        if a.is_place and b.is_place and b.start == a.end + 1 \
                and token_key(tokens[a.end].text) in ("-", "/"):
            a.paired = b.paired = True
    return kept


def _segment_words(tokens: Sequence[Any], dictionary: ActorDictionary, context: _Context,
                   modifiers: set[int], *, keys: list[str], lemmas: list[str], texts: list[str]) -> list[_Piece]:
    n = len(tokens)
    options: list[list[tuple[float, _Piece]]] = [[] for _ in range(n)]
    names, agents, surnames = dictionary.name_trie, dictionary.agent_trie, context.surnames
    # Most words begin no name, role noun or surname: the loop below visits only those that may.
    maybe = [i for i, (key, lemma, text) in enumerate(zip(keys, lemmas, texts))
             if key in names or key in agents or lemma in agents or key in surnames
             or (key[-1:] == "s" and text[:1].isupper())]
    for i in maybe:
        found = dictionary.names_at(keys, i) if keys[i] in names else []
        if not found and keys[i].endswith("s") and texts[i][:1].isupper():
            # plural demonyms ("Liberians", "Azerbaijanis"): a country's name without the s
            found = [(1, [a for a in ids if dictionary.actors[a].kind == "country"])
                     for length, ids in dictionary.names_at([keys[i][:-1]], 0) if length == 1]
            found = [f for f in found if f[1]]
        for length, ids in found:
            if all(_capitalised(tokens[j], keys[j]) for j in range(i, i + length)):
                kinds = {dictionary.actors[a].kind for a in ids}
                kind = next((k for k in ("person", "capital", "seat", "media", "org", "group", "country",
                                         "place") if k in kinds), "org")
                if kind == "place" and not _plausible_place(tokens, i, i + length):
                    continue
                if kind in _ACRONYM_KINDS and length == 1 and len(keys[i]) <= 3 and not texts[i].isupper():
                    continue  # a body's short name is its acronym ("NGO", "EU"): "Ngo", "Eu" are words
                options[i].append((length + 0.3, _Piece(i, i + length, kind, list(ids))))
        if keys[i] in agents or lemmas[i] in agents:
            for length, ids in dictionary.agents_at(keys, i, lemmas):
                if i + length - 1 in modifiers:
                    continue  # "government-run", "Moscow-funded": a modifier, not an actor of its own
                if length == 1 and len(keys[i]) <= 3 and texts[i].istitle() and tokens[i].ent_type_ == "PERSON":
                    continue  # "NGO" or "ngos", but "Jennifer Ngo-Anh": a short role noun written as a person's name is one
                head = tokens[i + length - 1]
                if head.pos_ in ("NOUN", "PROPN") or (length > 1 and head.pos_ not in ("VERB", "ADP", "ADV")):
                    options[i].append((float(length), _Piece(i, i + length, "agent", list(ids))))
        ids = surnames.get(keys[i])
        if ids and _capitalised(tokens[i], keys[i]) and tokens[i].pos_ in ("PROPN", "NOUN", "ADJ"):
            options[i].append((1.4, _Piece(i, i + 1, "surname", list(ids))))
    # best[i]: best (score, pieces)
    best = _best_segmentation(options, n)
    best = _without_ordinary_phrases(best, keys, dictionary, context)
    return _unknown_names(best, tokens, keys, texts, dictionary, context)


_ACRONYM_KINDS = {"org", "group", "media"}
_CALENDAR_WORDS = word_set("calendar_words")


def _without_ordinary_phrases(pieces: list[_Piece], keys: list[str], dictionary: ActorDictionary,
                              context: _Context) -> list[_Piece]:
    """An armed group whose name is an ordinary phrase of common words, dates and numbers ("Black
    Friday" is a Turkish group, "Red Line" a Greek one, "The Foundation" an American one, "21
    June" a Greek one) is that group only where the article or the sentence names its country;
    elsewhere the words are words. A name holding a role noun ("New People's Army") says what it
    is and needs no such help."""
    countries = None
    kept = []
    for piece in pieces:
        words = keys[piece.start:piece.end]
        if piece.kind == "group" and all(k in _LOWER_OK or k in _CALENDAR_WORDS or k in common_words() or k.isdigit()
                                         for k in words) \
                and not any(dictionary.is_role_word(k) for k in words):
            if countries is None:
                countries = set(context.countries) | {
                    split_code(dictionary.actors[p.ids[0]].code_on(context.when) or "")[0]
                    for p in pieces if p.is_place and p.ids}
            home = split_code(_choose(piece.ids, dictionary, context, set()).code_on(context.when) or "")[0]
            if home in dictionary.countries and home not in countries:
                continue
        kept.append(piece)
    return kept


_PLACE_NOUNS = word_set("place_nouns")
_PLACE_PREPOSITIONS_BEFORE = word_set("place_prepositions_before")


def _plausible_place(tokens: Sequence[Any], start: int, end: int) -> bool:
    """Whether a gazetteer town or region over tokens[start:end] is one here. Town names are
    also surnames and words, so: proper nouns only, not part of a longer name ("Aftab Ahmad
    Khan Sherpao"), and a name the model calls a person or an organisation only after a place
    preposition ("in Jackson", not "Jackson said")."""
    words = tokens[start:end]
    if any(t.pos_ != "PROPN" for t in words if t.text[:1].isalpha()):
        return False
    doc = words[0].doc
    first, last = words[0].i, words[-1].i
    before = doc[first - 1] if first > 0 else None
    after = doc[last + 1] if last + 1 < len(doc) else None
    after_place_noun = after is not None and after.lower_ in _PLACE_NOUNS
    if before is not None and before.pos_ == "PROPN" and before.text[:1].isupper():
        return False
    if after is not None and after.pos_ == "PROPN" and after.text[:1].isupper() and not after_place_noun:
        return False
    after_preposition = before is not None and before.lower_ in _PLACE_PREPOSITIONS_BEFORE
    if any(t.ent_type_ in ("PERSON", "ORG", "NORP") for t in words):
        return after_preposition or after_place_noun
    return True


def _best_segmentation(options: list[list[tuple[float, _Piece]]], n: int) -> list[_Piece]:
    # best[i]: best (score, pieces) for tokens[i:]; each piece costs 0.5 so fewer, longer win
    best: list[tuple[float, list[_Piece]]] = [(0.0, [])] * (n + 1)
    for i in range(n - 1, -1, -1):
        candidate = best[i + 1]
        for score, piece in options[i]:
            total = best[piece.end][0] + score - 0.5
            if total > candidate[0]:
                candidate = (total, [piece] + best[piece.end][1])
        best[i] = candidate
    return best[0][1]


def _unknown_names(pieces: list[_Piece], tokens: Sequence[Any], keys: list[str], texts: list[str],
                   dictionary: ActorDictionary, context: _Context) -> list[_Piece]:
    """Proper names no dictionary entry matched ("President Omar El Bashir", "Carlos Menem")
    become "name" pieces: resolved by surname when the dictionary's people of that surname
    share one country, else left for the title before them to place."""
    covered = {i for p in pieces for i in range(p.start, p.end)}
    added: list[_Piece] = []
    i = 0
    while i < len(tokens):
        if (not texts[i][:1].isupper() or i in covered or tokens[i].pos_ != "PROPN"
                or tokens[i].ent_type_ in _NOT_NAMES):
            i += 1
            continue
        j = i
        while (j < len(tokens) and texts[j][:1].isupper() and j not in covered and tokens[j].pos_ == "PROPN"
               and tokens[j].ent_type_ not in _NOT_NAMES):
            j += 1
        given = next((p for p in pieces if p.end == i and p.end - p.start == 1 and p.is_place), None)
        if given is not None and tokens[i].ent_iob_ == "I" and tokens[i].ent_type_ == "PERSON" \
                and tokens[given.start].ent_type_ == "PERSON" and tokens[given.start].pos_ == "PROPN":
            # "Chad Wolf", "Jordan Peterson": a place that begins a person's name is a given name
            pieces = [p for p in pieces if p is not given]
            i = given.start
        title = next((p for p in pieces if p.end == i and p.kind == "agent"), None)
        # "the Bush administration": a surname compounding a role noun is a person's
        owning = tokens[j - 1].dep_ == "compound" and any(p.start == j and p.kind == "agent" for p in pieces)
        ids = _named_persons(keys[i:j], title, owning, tokens[j - 1].ent_type_ == "PERSON", dictionary, context)
        added.append(_Piece(i, j, "name", _one_country(ids, dictionary, context)))
        i = j
    return sorted(pieces + added, key=lambda p: p.start)


def _named_persons(name: list[str], title: _Piece | None, owning: bool, person: bool,
                   dictionary: ActorDictionary, context: _Context) -> list[str]:
    """The dictionary's persons a name no entry holds may be, by its last word (their surname).
    A full name ("Pierre-Hugues Herbert", "Myles Garrett") is one of them only when its other
    words are theirs too (Christian Herbert and Peter Garrett are other people). A surname alone
    ("Herbert said") is nobody's unless a title before it is one they hold ("President Aliyev")
    or it owns a role ("the Bush administration"); after the person's full name it is theirs
    already (a "surname" piece, from the article's own persons)."""
    if len(name) >= 2:
        if not (title or owning or person):
            return []
        return [a for a in dictionary.people_named(name[-1])
                if _given_names_agree(name[:-1], dictionary.actors[a])]
    if owning:
        return dictionary.people_named(name[-1])
    if title is None:
        return []
    role = dictionary.role_of_agent(title.ids[0])
    return [a for a in dictionary.people_named(name[-1])
            if not role or split_code(dictionary.actors[a].code_on(context.when) or "")[1] in (None, role)]


def _given_names_agree(given: list[str], entry: ActorEntry) -> bool:
    """Whether every word before the surname is a word of one of the entry's names: the same,
    its initial ("G."), a form sharing its first three letters ("Nick", "Alex"), or one letter
    off ("Sergei" and "Sergey"). An initial in the dictionary confirms no given name ("Erik
    Jones" is not E. C. B. Jones)."""
    words = {w for name in entry.names for w in name_keys(name) if len(w) > 1}
    return all(g in _LOWER_OK or any(_same_name_word(g, w) for w in words) for g in given)


def _same_name_word(text: str, entry: str) -> bool:
    if text == entry:
        return True
    if len(text) == 1:
        return entry[0] == text
    if len(text) >= 3 and len(entry) >= 3 and text[:3] == entry[:3]:
        return True
    short, long = sorted((text, entry), key=len)
    if len(short) < 4 or len(long) - len(short) > 1:
        return False
    # at most one letter changed, added or dropped
    i = next((k for k in range(len(short)) if short[k] != long[k]), len(short))
    return short[i + 1:] == long[i + 1:] or short[i:] == long[i + 1:]


def _one_country(ids: list[str], dictionary: ActorDictionary, context: _Context) -> list[str]:
    """The persons of a surname when they (or two thirds of them, at least two) share a country:
    "Bush" is George or George W. Bush far more often than McKeeva Bush of the Caymans."""
    by_country: dict[str | None, list[str]] = {}
    for actor_id in ids:
        country = split_code(dictionary.actors[actor_id].code_on(context.when) or "")[0]
        by_country.setdefault(country, []).append(actor_id)
    if len(by_country) <= 1:
        return ids if by_country and None not in by_country else []
    country, members = max(by_country.items(), key=lambda item: len(item[1]))
    return members if country is not None and len(members) >= 2 and 3 * len(members) >= 2 * len(ids) else []


def _hyphen_modifier(tokens: Sequence[Any], end: int) -> bool:
    """Whether the words before `end` are the first half of a hyphenated modifier."""
    return (end + 1 < len(tokens) and token_key(tokens[end].text) == "-"
            and tokens[end + 1].text[:1].islower())


# -- 2. runs -------------------------------------------------------------------------------

def _gap(tokens: Sequence[Any], a: _Piece, b: _Piece) -> list[str]:
    return [token_key(t.text) for t in tokens[a.end:b.start]]


def _joins(run: _Run, nxt: _Piece, tokens: Sequence[Any]) -> bool:
    last = run.pieces[-1]
    if _hyphen_modifier(tokens, last.end) or _hyphen_modifier(tokens, nxt.end):
        return False
    gap = _gap(tokens, last, nxt)
    has_person = run.has(lambda p: p.is_person)
    has_place = run.has(lambda p: p.is_place)
    if nxt.kind == "name" and not nxt.ids:  # an unknown name only completes a title
        return not gap and last.kind == "agent" and not has_person
    if nxt.is_person:
        if has_person:
            return False
        if not gap:
            return True
        # "The Speaker of the National Assembly of Armenia, Alen Simonyan"
        return gap == [","] and run.has(lambda p: p.kind == "agent")
    if not gap:
        if nxt.is_place:  # an outlet's edition ("Sputnik Azerbaijan"); two places never join
            return (last.is_named or last.kind == "media") and not has_place
        if last.is_person:
            # "the Bush administration", "the Putin government": the person's country
            return nxt.kind == "agent" and tokens[last.end - 1].dep_ == "compound" and bool(last.ids)
        if last.paired:
            return False
        return True
    if gap in (["'s"], ["'"]):
        return not nxt.is_place
    if gap in (["of"], ["of", "the"]) and run.has(lambda p: p.kind == "agent"):
        # "President of Armenia", "Speaker of the National Assembly"
        return (nxt.is_place and not has_place) or nxt.is_named or (nxt.kind == "agent" and not has_place)
    return False


def _runs(pieces: list[_Piece], tokens: Sequence[Any]) -> list[_Run]:
    runs: list[_Run] = []
    for piece in pieces:
        if runs and _joins(runs[-1], piece, tokens):
            runs[-1].pieces.append(piece)
        else:
            runs.append(_Run([piece]))
    return runs


# -- 3. codes ------------------------------------------------------------------------------

ORGANISATION_KINDS = {"org", "group", "media"}


def _choose(ids: list[str], dictionary: ActorDictionary, context: _Context, countries: set[str]) -> ActorEntry:
    """Among actors sharing a name: the latest file, then one whose country the phrase or the
    article names, then one in office on the day. Between organisations of the shipped tables, the
    one whose country the article has named comes first ("the People's Liberation Army" in a story
    on China is China's army, not the Irish group that once used the name)."""
    entries = [dictionary.actors[i] for i in ids]
    shipped = len(SHIPPED_FILES)
    by_context = all(e.kind in ORGANISATION_KINDS and e.priority <= shipped for e in entries)

    def rank(entry: ActorEntry):
        code = entry.code_on(context.when) or ""
        country, _ = split_code(code)
        named_here = by_context and bool(country) and context.countries.get(country, 0) > 0
        return (named_here, entry.priority, country in countries if countries else 0,
                country in context.sentence_countries,  # "Tripoli ... the north Lebanese port"
                entry.holds_office_on(context.when), context.countries.get(country, 0))

    return max(entries, key=rank)


def _is_locative(run: _Run, tokens: Sequence[Any]) -> bool:
    """Whether a place is where something happens ("in Moscow", "in Christian east Beirut"),
    told by the word before it or by the preposition the place hangs from."""
    head = _run_head(run, tokens)
    before = tokens[run.start - 1] if run.start > 0 else None
    if before is not None and before.lower_ in _LOCATIVE:
        return True
    preposition = head.head if head.dep_ == "pobj" else before
    if preposition is None:
        return False
    word = preposition.lower_
    if word in _LOCATIVE and preposition.i == head.head.i:
        return True
    if word in ("to", "from") and (preposition.i == head.head.i or (before is not None and preposition.i == before.i)):
        mover = preposition.head
        return mover.lemma_.lower() in _MOTION or mover.lower_ in _MOTION
    return False


_EVENT_LOCATIVE = word_set("event_locative")


def _place(run: _Run, tokens: Sequence[Any], dictionary: ActorDictionary, context: _Context,
           article_id: str, sentence_index: int) -> Place | None:
    """The place a run of place names tells, with its point: a town's or region's own, a town
    another table names by its name ("Moscow" among Russia's names is Moscow), else the
    country's (its capital's). A demonym or adjective ("Russian", "Armenian–Azerbaijani") is no
    place."""
    piece = run.pieces[-1]  # "Yerevan, Armenia" is two runs; a run of places is one name
    head = _run_head(run, tokens)
    if head.pos_ not in ("PROPN", "NOUN") or piece.paired:
        return None
    entry = _choose(piece.ids, dictionary, context, set())
    country = split_code(entry.code_on(context.when) or "")[0]
    if country is None:
        return None
    first, last = tokens[piece.start], tokens[piece.end - 1]
    text = first.doc[first.i:last.i + 1].text
    town = dictionary.towns.get((" ".join(name_keys(text)), country))
    if town is None and entry.kind == "capital" and entry.names:  # "Peking": Beijing's point
        town = dictionary.towns.get((" ".join(name_keys(entry.names[0])), country))
    if entry.kind == "place":
        name, kind = entry.names[0] if entry.names else text, (
            "region" if entry.actor_id.startswith("REGION:") else "town")
        point = entry.point
    elif town is not None:
        name, kind, point = town[0], "capital" if entry.kind == "capital" else "town", town[1:]
    elif entry.kind == "capital":
        name, kind, point = entry.names[0] if entry.names else text, "capital", entry.point
    elif entry.kind != "country":
        return None  # a seat of power ("the Kremlin") stands for its government
    else:
        if head.tag_ in ("NNPS", "NNS"):  # "the Armenians": a people, not a place
            return None
        known = dictionary.countries.get(country)
        name, kind = (known[0] if known else text), "country"
        point = (known[2], known[3]) if known else None
    preposition, anchor = _locative_anchor(run, tokens)
    return Place(article_id=article_id, sentence_index=sentence_index, char_start=first.idx,
                 char_end=last.idx + len(last.text), text=text, name=name, kind=kind, country=country,
                 lat=point[0] if point else None, lon=point[1] if point else None,
                 locative=anchor is not None, preposition=preposition,
                 anchor=anchor.idx if anchor is not None else None)


def _locative_anchor(run: _Run, tokens: Sequence[Any]) -> tuple[str | None, Any | None]:
    """The preposition of a locative phrase naming this place and the word the phrase hangs
    from ("shelled villages [in Tavush]" -> in, villages; "[near the border of Armenia]" -> near,
    what is near it; "travel [to Moscow]" -> to, travel), or (None, None) when the place is not
    told as where something happens ("interfering in Armenia's affairs": Armenia owns)."""
    node = _run_head(run, tokens)
    if node.dep_ in ("compound", "amod", "nmod") and node.head.dep_ == "pobj":
        node = node.head  # "in the Syunik region"
    if node.dep_ != "pobj":
        before = tokens[run.start - 1] if run.start > 0 else None  # a parse that missed the arc
        if before is not None and before.lower_ in _EVENT_LOCATIVE and before.i == node.i - 1 \
                and node.dep_ not in ("poss", "compound", "amod", "nmod"):
            return before.lower_, (before.head if before.head.i != before.i else node)
        return None, None
    preposition = node.head
    if preposition.lower_ == "of" and preposition.head.dep_ == "pobj":
        preposition = preposition.head.head  # "near the border of Armenia", "in the city of Gyumri"
    word = preposition.lower_
    if word in _EVENT_LOCATIVE:
        return word, preposition.head
    if word in ("to", "into", "from") and (preposition.head.lemma_.lower() in _MOTION
                                           or preposition.head.lower_ in _MOTION):
        return word, preposition.head
    return None, None


def _agent_role(piece: _Piece, dictionary: ActorDictionary) -> str:
    return dictionary.role_of_agent(piece.ids[0])


def _compose(run: _Run, tokens: Sequence[Any], dictionary: ActorDictionary, context: _Context
             ) -> tuple[str, str | None, str]:
    """(code, actor_id, basis) for a run."""
    places = [p for p in run.pieces if p.is_place]
    agents = [p for p in run.pieces if p.kind == "agent"]
    place_countries = set()
    for p in places:
        code = _choose(p.ids, dictionary, context, set()).code_on(context.when) or ""
        country, _ = split_code(code)
        if country:
            place_countries.add(country)
    role = _agent_role(agents[0], dictionary) if agents else None

    person = next((p for p in run.pieces if p.is_person), None)
    possessed = [p for p in agents if person is not None and p.start > person.end]
    if person is not None and possessed and person.ids:  # "Pashinyan's government": the person's country, the noun's role
        if person.kind == "surname":
            entry = dictionary.actors[person.ids[0]]
        else:
            entry = _choose(person.ids, dictionary, context, place_countries)
        country, _ = split_code(entry.code_on(context.when) or "")
        return (country or "---") + _agent_role(possessed[-1], dictionary), None, "agent"
    if person is not None and person.kind == "name" and not person.ids:
        # an unknown person: the title gives the role; the country comes from the phrase, or
        # from the only country the sentence names, or the article's most named country
        if not role:
            return "", None, "ner"
        organisation = next((p for p in run.pieces if p.is_named and p.start < person.start), None)
        if organisation is not None:  # "Arab League Secretary General Chadli Klibi": the body's
            entry = _choose(organisation.ids, dictionary, context, place_countries)
            return entry.code_on(context.when) or "", None, "ner"
        country = next(iter(sorted(place_countries)), None)
        if country is None and len(context.sentence_countries) == 1:
            country = next(iter(context.sentence_countries))
        if country is None and context.countries:
            country = context.countries.most_common(1)[0][0]
        return (country or "---") + role, None, "ner"
    if person is not None:
        if person.kind == "surname":  # the article's own order: office holder, then most recent
            entry = dictionary.actors[person.ids[0]]
        else:
            entry = _choose(person.ids, dictionary, context, place_countries)
        code = entry.code_on(context.when) or ""
        country, own_role = split_code(code)
        if not own_role and role and country:
            code = country + role
        basis = "coreference" if person.kind == "surname" else "dictionary"
        if person.kind == "name" and len(person.ids) > 1:  # the country is sure, the person is not
            return code, None, basis
        return code, entry.actor_id, basis

    named = next((p for p in run.pieces if p.is_named), None)
    if named is not None:
        entry = _choose(named.ids, dictionary, context, place_countries)
        code = entry.code_on(context.when) or ""
        country, own_role = split_code(code)
        if country is None and not code.startswith(("IGO", "NGO", "MNC", "IMG")) and place_countries:
            code = sorted(place_countries)[0] + (own_role or "")
        return code, entry.actor_id, "dictionary"

    if places:
        entry = _choose(places[0].ids, dictionary, context, set())
        code = entry.code_on(context.when) or ""
        country, own_role = split_code(code)
        if role:
            return (country or "---") + role, None, "agent"
        if entry.kind == "capital" and _is_locative(run, tokens):
            return country or code, None, "dictionary"
        return code, entry.actor_id, "dictionary"

    if role:
        return "---" + role, None, "agent"
    return "", None, "agent"


def _mention(run: _Run, tokens: Sequence[Any], dictionary: ActorDictionary, context: _Context,
             article_id: str, sentence_index: int) -> Mention | None:
    code, actor_id, basis = _compose(run, tokens, dictionary, context)
    if not code:
        return None
    country, role = split_code(code)
    first, last = tokens[run.start], tokens[run.end - 1]
    start, end = first.idx, last.idx + len(last.text)
    text = first.doc[first.i:last.i + 1].text  # Doc.text would join the whole document again
    mention = Mention(article_id=article_id, sentence_index=sentence_index, char_start=start,
                      char_end=end, text=text, code=code, country=country, role=role,
                      actor_id=actor_id, basis=basis)
    if country is None and actor_id is None:
        _link_role_mention(mention, run, tokens, dictionary, context)
    elif actor_id is None and role and _is_definite_singular(run, tokens):
        _link_role_mention(mention, run, tokens, dictionary, context)
    return mention


_DOCUMENT_NOUNS = word_set("document_nouns")


def _names_a_document(run: _Run, tokens: Sequence[Any]) -> bool:
    if not all(p.is_place for p in run.pieces) or run.end >= len(tokens):
        return False
    after = tokens[run.end]
    return after.lower_ in _DOCUMENT_NOUNS and after.text[:1].isupper() and after.head.i != tokens[run.start].i


def _run_head(run: _Run, tokens: Sequence[Any]) -> Any:
    """The run's syntactic head: its token whose head lies outside the run."""
    inside = {tokens[i].i for i in range(run.start, run.end)}
    for i in range(run.start, run.end):
        if tokens[i].head.i not in inside or tokens[i].head.i == tokens[i].i:
            return tokens[i]
    return tokens[run.end - 1]


def _is_definite_singular(run: _Run, tokens: Sequence[Any]) -> bool:
    head = _run_head(run, tokens)
    if head.tag_ in ("NNS", "NNPS"):
        return False
    before = tokens[run.start - 1].lower_ if run.start > 0 else ""
    return before in _DETERMINERS or before in ("'s",)


def _title_keys(run: _Run, tokens: Sequence[Any]) -> set[str]:
    return {token_key(tokens[i].lemma_) for p in run.pieces if p.kind == "agent" for i in range(p.start, p.end)}


def _link_role_mention(mention: Mention, run: _Run, tokens: Sequence[Any], dictionary: ActorDictionary,
                       context: _Context) -> None:
    """'the Speaker', 'the Russian minister': the person of the article this stands for.
    Prefer one whose title used the same words, then the same role (and country when the
    phrase gives one); among those the most mentioned, then the first named."""
    if not _is_definite_singular(run, tokens):
        return
    titles = _title_keys(run, tokens)
    candidates = []
    for order, (actor_id, seen) in enumerate(context.persons.items()):
        entry = dictionary.actors[actor_id]
        code = entry.code_on(context.when) or ""
        country, role = split_code(code)
        if mention.country and country != mention.country:
            continue
        same_title = bool(titles & context.titles.get(actor_id, set()))
        if not same_title:  # "the government" is not its prime minister; "the Speaker" is
            continue
        candidates.append((same_title, len(seen), -order, actor_id, code))
    if not candidates:
        return
    _, _, _, actor_id, code = max(candidates)
    mention.actor_id, mention.basis = actor_id, "coreference"
    if mention.country is None:
        mention.code = code
        mention.country, mention.role = split_code(code)


def _remember(mention: Mention, run: _Run, tokens: Sequence[Any], dictionary: ActorDictionary,
              context: _Context, index: int) -> None:
    if mention.country:
        context.countries[mention.country] += 1
    if mention.actor_id is None:
        return
    entry = dictionary.actors.get(mention.actor_id)
    if entry is None or entry.kind != "person":
        return
    context.persons.setdefault(entry.actor_id, []).append(index)
    # every word of the phrase that named the person ("Russian Foreign Minister Sergey Lavrov")
    # is a title a later "the Russian minister" can be matched on
    context.titles.setdefault(entry.actor_id, set()).update(
        token_key(tokens[i].lemma_) for i in range(run.start, run.end))
    person = next((p for p in run.pieces if p.is_person), None)
    if person is not None and (person.end - person.start >= 2 or person.kind == "surname"):
        surname = token_key(tokens[person.end - 1].text)
        ids = context.surnames.setdefault(surname, [])
        if entry.actor_id in ids:
            ids.remove(entry.actor_id)
        ids.insert(0, entry.actor_id)
        # the one holding office on the day first (Ilham before Heydar Aliyev in 2025)
        ids.sort(key=lambda a: not dictionary.actors[a].holds_office_on(context.when))


# -- helpers for the event coder -----------------------------------------------------------

def mention_for_token(mentions: Sequence[Mention], token: Any, *, search_children: bool = True
                      ) -> Mention | None:
    """The mention covering a spaCy token (or a character offset into the body).

    With `search_children`, a token no mention covers ("groups" in "groups of Russian
    nationals", "government" in "Pashinyan's government") is resolved through its modifiers:
    compounds, adjectives, possessives, appositions and an "of" phrase, nearest first."""
    offset = token if isinstance(token, int) else token.idx
    found = _covering(mentions, offset)
    if found is not None or isinstance(token, int) or not search_children:
        return found
    queue = [(child, 1) for child in token.children]
    possessor = None
    while queue:
        child, depth = queue.pop(0)
        if child.dep_ in ("compound", "amod", "poss", "nmod", "appos", "pobj", "npadvmod") or (
                child.dep_ == "prep" and child.lower_ == "of"):
            if child.dep_ != "prep":
                found = _covering(mentions, child.idx)
                if found is not None and child.dep_ == "poss" and child.pos_ == "PRON":
                    # "his Iranian counterpart", "its Turkish allies": a pronoun says whose the
                    # relation is, a nationality in the phrase says who the phrase is
                    possessor = possessor or found
                elif found is not None:
                    return found
            if depth < 3:
                queue.extend((grand, depth + 1) for grand in child.children)
    return possessor


def _covering(mentions: Sequence[Mention], offset: int) -> Mention | None:
    for mention in mentions:
        if mention.char_start <= offset < mention.char_end:
            return mention
    return None


def mentions_in_span(mentions: Sequence[Mention], start: int, end: int) -> list[Mention]:
    """The mentions overlapping body[start:end], in text order."""
    return [m for m in mentions if m.char_start < end and start < m.char_end]
