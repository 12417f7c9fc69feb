"""Query parameters shared by pages and API: read as text, checked, turned into values.

An empty field (a form submitted with nothing in it) means "no filter". A value that
does not fit gets a 422 with a message naming the parameter; never a 500.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Literal, Optional

from fastapi import HTTPException, Query

from .data import EventFilter

__all__ = ["event_filter", "normalise_dyad", "period_by", "article_id", "bad", "table_format", "kept_filter", "KEPT"]

_DYAD = re.compile(r"^([A-Z][A-Z0-9]{2,29})-([A-Z][A-Z0-9]{2,29})$")
_ACTOR = re.compile(r"^[A-Z][A-Z0-9]{1,29}$")
_ROOT = re.compile(r"^(0[1-9]|1[0-9]|20)$")
_CODE = re.compile(r"^(0[1-9]|1[0-9]|20)[0-9]{0,2}$")
_ARTICLE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
MODALITIES = ("asserted", "alleged", "negated", "future", "hypothetical")
TOPICS = ("politics", "other")  # the relevance stage's article topics


def bad(parameter: str, message: str) -> HTTPException:
    return HTTPException(status_code=422, detail=f"{parameter}: {message}")


def _blank(value: Optional[str]) -> Optional[str]:
    value = (value or "").strip()
    return value or None


def normalise_dyad(value: str, parameter: str = "dyad") -> str:
    """'rus-arm' → 'ARM-RUS' (two codes, alphabetical, upper case)."""
    match = _DYAD.match(value.strip().upper())
    if not match or match.group(1) == match.group(2):
        raise bad(parameter, f"expected two different actor codes joined by '-', e.g. ARM-RUS; got {value[:60]!r}")
    return "-".join(sorted(match.groups()))


def _date(value: Optional[str], parameter: str) -> Optional[date]:
    value = _blank(value)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise bad(parameter, f"expected a date YYYY-MM-DD; got {value[:40]!r}") from None


def article_id(value: str) -> str:
    if not _ARTICLE_ID.match(value):
        raise bad("article_id", "expected letters, digits, '-' or '_' (an article id is 16 hex digits)")
    return value


def event_filter(
    dyad: Optional[str] = Query(None, description="Two country codes, e.g. ARM-RUS (any order).", max_length=61),
    actor: Optional[str] = Query(None, description="An actor code or its prefix (ARM matches ARMGOV), as source or target.",
                                 max_length=30),
    root: Optional[str] = Query(None, description="CAMEO root code, 01-20.", max_length=2),
    code: Optional[str] = Query(None, description="CAMEO code or its prefix, e.g. 04 or 042.", max_length=4),
    outlet: Optional[str] = Query(None, description="Exact outlet name.", max_length=200),
    modality: Optional[str] = Query(None, description="asserted, alleged, negated, future or hypothetical.", max_length=20),
    since: Optional[str] = Query(None, description="Events on or after this date (YYYY-MM-DD).", max_length=10),
    until: Optional[str] = Query(None, description="Events on or before this date (YYYY-MM-DD).", max_length=10),
    topic: Optional[str] = Query(None, description="Only events of articles of this topic: politics or other.",
                                 max_length=20),
    place: Optional[str] = Query(None, description="Only events at this place (as the map names it).",
                                 max_length=200),
) -> EventFilter:
    """The event filters of `/api/events` and `/timeline`."""
    dyad, actor, root, code = _blank(dyad), _blank(actor), _blank(root), _blank(code)
    outlet, modality, topic, place = _blank(outlet), _blank(modality), _blank(topic), _blank(place)
    if topic is not None and topic not in TOPICS:
        raise bad("topic", f"expected one of {', '.join(TOPICS)}; got {topic[:40]!r}")
    if actor is not None:
        actor = actor.upper()
        if not _ACTOR.match(actor):
            raise bad("actor", f"expected an actor code such as ARMGOV or ARM; got {actor[:40]!r}")
    if root is not None and not _ROOT.match(root):
        raise bad("root", f"expected a CAMEO root 01-20; got {root!r}")
    if code is not None and not _CODE.match(code):
        raise bad("code", f"expected a CAMEO code of 2-4 digits (01-20…); got {code!r}")
    if modality is not None and modality not in MODALITIES:
        raise bad("modality", f"expected one of {', '.join(MODALITIES)}; got {modality[:40]!r}")
    first, last = _date(since, "since"), _date(until, "until")
    if first and last and first > last:
        raise HTTPException(status_code=400, detail=f"since ({first}) is after until ({last})")
    return EventFilter(dyad=normalise_dyad(dyad) if dyad else None, actor=actor, root=root, code=code,
                       outlet=outlet, modality=modality, since=first, until=last, topic=topic,
                       place=place)


Period = Literal["day", "week", "month"]


def period_by(by: Period = Query("month", description="Period of the series: day, week or month.")) -> str:
    return by


def kept_filter(
    outlet: Optional[str] = Query(None, description="Exact outlet name.", max_length=200),
    actor: Optional[str] = Query(None, description="An actor code or its prefix, as source or target.", max_length=30),
    since: Optional[str] = Query(None, description="On or after this date (YYYY-MM-DD).", max_length=10),
    until: Optional[str] = Query(None, description="On or before this date (YYYY-MM-DD).", max_length=10),
) -> EventFilter:
    """Only the filters every page has (for a page whose path names its dyad)."""
    return event_filter(dyad=None, actor=actor, root=None, code=None, outlet=outlet, modality=None, since=since,
                        until=until, topic=None, place=None)


# The filters every page carries on to the next (the nav, and links between pages keep them).
KEPT = ("since", "until", "outlet", "actor")


def table_format(format: Optional[str] = Query(None, description="csv: the page's table as CSV.", max_length=10),
                 table: Optional[str] = Query(None, description="Which of the page's tables, as CSV.",
                                              max_length=40)) -> tuple[str, str | None] | None:
    """`?format=csv[&table=NAME]`: the page's (named) table as a CSV download instead of the page."""
    format = _blank(format)
    if format is None or format == "html":
        return None
    if format != "csv":
        raise bad("format", f"expected csv or html; got {format[:20]!r}")
    return "csv", _blank(table)
