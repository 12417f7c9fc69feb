"""Why a frame became an event, or did not: numbered reasons, as spaCy numbers its errors.

Every trigger the coder considers ends with one of these (in `explain`, in the trace of
`code_events`, and as `Decision.reason`), so a decision can be counted, filtered and looked
up by number rather than read from free text.
"""
from __future__ import annotations

from enum import IntEnum

__all__ = ["Reason"]


class Reason(IntEnum):
    # coded
    CODED = 1  # the decision model chose a code for the frame
    CODED_AS_PROPOSED = 2  # no model loaded: the patterns' code stands
    CONSTRUCTION = 3  # a construction codes itself: "says X must" (demand), "claims Y attacked" (accusation)
    # ruled out by the decision model
    NO_EVENT = 10  # the decision model judged the frame not an event
    # ruled out by the syntax, before any decision
    LIGHT_VERB = 20  # "staged demonstrations": the object noun is the event
    FRAMES_ANOTHER = 21  # "said that ...", "plans to visit": it frames another event
    PART_OF_ANOTHER = 22  # "agreed to release": part of the governing event
    PURPOSE = 23  # "staged demonstrations to demand reforms": the purpose of another act
    ABSENT_ACT = 24  # "the absence of meetings": what is absent is told as negated
    NO_ACTOR = 25  # no actor-like word on either side
    THING_ACTS = 26  # "This helps him": a thing told before, not an actor, acts
    NOUN_WITHOUT_TARGET = 27  # "Pashinyan's visit was significant": a mention of an event told elsewhere
    ADDS_NOTHING = 28  # an elaboration with no actor of its own on the other side
    BACKGROUND = 29  # background (relative, adverbial clause, nested noun) without both sides named
    DESCRIBES = 30  # "Hamas, which advocates ...": a relative clause in the present describes
    NO_CODE = 31  # the chosen code is not in the ontology
    ONLY_ROLES = 32  # only bare roles with no country and no open actor ("officials")
    NO_KNOWN_ACTOR = 33  # the sentence names no actor the dictionaries know
    NOT_POLITICAL = 34  # the relevance stage judged the article or the sentence not political
    QUESTION = 35  # "Will Moscow retaliate?": a question tells no act
    READING_OF_STANCE = 36  # "the shift ... shows Yerevan's rejection of sentiment": a writer's reading, no act
    HISTORY = 37  # an act dated years before its article, told as background to the news

    @property
    def coded(self) -> bool:
        return self < 10

    @property
    def text(self) -> str:
        return _TEXT[self]


_TEXT = {
    Reason.CODED: "coded: the decision model chose the code",
    Reason.CODED_AS_PROPOSED: "coded: the patterns' code (no decision model loaded)",
    Reason.CONSTRUCTION: "coded: a construction that codes itself",
    Reason.NO_EVENT: "not coded: the decision model judged it no event",
    Reason.LIGHT_VERB: "not coded: a light verb; its object noun is the event",
    Reason.FRAMES_ANOTHER: "not coded: it frames another event (saying, planning)",
    Reason.PART_OF_ANOTHER: "not coded alone: part of the event of its governor",
    Reason.PURPOSE: "not coded: the purpose of another act",
    Reason.ABSENT_ACT: "not coded: what is absent is the event, told as negated",
    Reason.NO_ACTOR: "not coded: no actor on either side",
    Reason.THING_ACTS: "not coded: a thing told before, not an actor, acts",
    Reason.NOUN_WITHOUT_TARGET: "not coded: a noun event without a target mentions an event told elsewhere",
    Reason.ADDS_NOTHING: "not coded: adds nothing to the event it elaborates",
    Reason.BACKGROUND: "not coded: background without both sides named",
    Reason.DESCRIBES: "not coded: a relative clause in the present describes, it tells no event",
    Reason.NO_CODE: "not coded: the code is not in the ontology",
    Reason.ONLY_ROLES: "not coded: only bare roles, no country or named actor",
    Reason.READING_OF_STANCE: "not coded: what a thing shows or reflects is the writer's reading of a stance, not an act",
    Reason.NO_KNOWN_ACTOR: "not coded: the sentence names no actor the dictionaries know",
    Reason.NOT_POLITICAL: "not coded: the article or the sentence is not about politics (sport, business, culture...)",
    Reason.QUESTION: "not coded: the sentence asks a question; it tells no act",
    Reason.HISTORY: "not coded: history told as background to the news (dated years before the article)",
}
