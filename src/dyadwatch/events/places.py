"""Where an event happened: one of the places its sentence names, as the actors stage read them
(actors.resolver: name, country, point, and whether told as where something happens).

The choice, best first (nearest the predicate within a rank):
1. a place in a locative phrase attached to the event's predicate ("shelled villages in Tavush",
   "the visit to Moscow", "clashes near the border of Armenia");
2. a town, region or capital in a locative phrase elsewhere in the sentence ("Pashinyan, speaking
   in Yerevan, accused Russia"), not a destination of another act ("summoned the envoy and
   cancelled a visit to Moscow": the summoning was not in Moscow);
3. a town or region the sentence names ("Stepanakert came under fire").
A country is the place only in a locative phrase of the event's own predicate: named as a side
("Azerbaijan accused Russia") or where something else happened ("preoccupied with the war in
Ukraine") it is not.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Sequence

from ..actors.index import ActorIndex
from ..records import Mention, Place
from .words import word_set

__all__ = ["location_of", "place_of"]

_CLAUSE_WORDS = ("VERB", "AUX")
_DESTINATIONS = ("to", "into", "from")  # where another act went to or came from
_MAX_STEPS = 8  # up from the phrase's word to the predicate; deeper is another clause's business


def _attached(place: Place, predicate: Any) -> bool:
    """Whether the word the place's phrase hangs from leads up to the predicate without passing
    through another verb."""
    span = predicate.doc.char_span(place.anchor, place.anchor + 1, alignment_mode="expand")
    if not span:
        return False
    node = span[0]
    for _ in range(_MAX_STEPS):
        if node.i == predicate.i:
            return True
        if node.pos_ in _CLAUSE_WORDS or node.head.i == node.i:
            return False
        node = node.head
    return False


def _rank(place: Place, predicate: Any) -> int | None:
    if place.locative and place.anchor is not None and _attached(place, predicate):
        return 0
    if place.locative and place.kind != "country" and place.preposition not in _DESTINATIONS:
        return 1
    if place.kind in ("town", "region"):
        return 2
    return None


def location_of(predicate: Any, places: Sequence[Place]) -> Place | None:
    """The place of the event whose predicate is the token `predicate`, among its sentence's places."""
    best: tuple[int, int] | None = None
    found = None
    for place in places:
        rank = _rank(place, predicate)
        if rank is None:
            continue
        key = (rank, abs(place.char_start - predicate.idx))
        if best is None or key < best:
            best, found = key, place
    return found


PLACE_PREPOSITIONS = word_set("place_prepositions")


NOT_THE_PLACE_PHRASE = {"conj", "appos", "relcl", "parataxis", "ccomp", "advcl", "cc", "punct", "csubj"}


def _part_of_place(node) -> bool:
    """"in a residential sector of Beirut", "near the town of Rafah": the "of" names the place."""
    outer = node.head.head
    return node.head.lower_ == "of" and outer.dep_ == "pobj" and outer.head.lower_ in PLACE_PREPOSITIONS


def place_of(token, index: ActorIndex) -> Mention | None:
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
