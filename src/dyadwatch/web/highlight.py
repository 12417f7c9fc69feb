"""An article body cut into pieces for display, each event's evidence marked.

Pieces are plain strings with the events that cover them; the template escapes
every piece and wraps covered ones in <mark>. Nothing here builds HTML, so a body
full of hostile markup can only ever be shown as text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

__all__ = ["Piece", "evidence_pieces"]


@dataclass(slots=True)
class Piece:
    text: str
    events: list[str] = field(default_factory=list)  # ids of the events whose evidence covers this piece
    starts: list[str] = field(default_factory=list)  # ids of the events whose evidence begins here (anchors)
    ends: list[dict[str, Any]] = field(default_factory=list)  # events whose evidence ends here (code badges)


def evidence_pieces(body: str, events: Sequence[dict[str, Any]]) -> list[Piece]:
    """Cut `body` at every event boundary. Events whose offsets fall outside the body are skipped."""
    spans = [e for e in events if 0 <= e["char_start"] < e["char_end"] <= len(body)]
    cuts = sorted({0, len(body), *(e["char_start"] for e in spans), *(e["char_end"] for e in spans)})
    pieces = []
    for start, end in zip(cuts, cuts[1:]):
        covering = [e for e in spans if e["char_start"] <= start and end <= e["char_end"]]
        pieces.append(Piece(
            text=body[start:end],
            events=[e["event_id"] for e in covering],
            starts=[e["event_id"] for e in covering if e["char_start"] == start],
            ends=[e for e in covering if e["char_end"] == end]))
    return pieces
