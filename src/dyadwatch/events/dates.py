"""When an event happened: a date in its sentence, resolved against the article's date.

Four kinds of evidence, best first:
- explicit: a calendar date in the sentence ("On June 28", "in May 2025", "07 February 2026",
  "since 2020", "in the 2020 war"); a missing year comes from the article date (the most
  recent such day not far after it);
- relative: "on Wednesday", "yesterday", "last week", "earlier this month", "the next day",
  counted from the article date;
- background: the act is told as history without a date ("in the last few years", "the years
  leading up to", "for decades", or a past perfect with no date near it): no date at all, so
  that no period counts it, rather than the article's date;
- article: nothing in the sentence, so the article's own date (said so in `date_basis`).
Without an article date, relative expressions cannot be resolved and give no date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

__all__ = ["EventDate", "resolve_date", "find_dates"]

MONTHS = {name: number for number, names in enumerate([
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1) for name in names}
WEEKDAYS = {name: i for i, name in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
EXPLICIT_FORMS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b", re.I),     # June 28 / June 28, 2025
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b", re.I),  # 28 June / 07 February 2026
    re.compile(rf"\b{_YEAR}-(?P<month>\d\d)-(?P<day>\d\d)\b"),          # 2025-06-28
    re.compile(rf"\b(?:(?:in|since|by|during|until|of|this|last|early|late|mid)\s+|mid-){_MONTH}(?:\s+{_YEAR})?\b",
               re.I),  # in May (2025), this June, late March
    re.compile(rf"\b{_MONTH}\s+{_YEAR}\b", re.I),                        # May 2025
    # a year alone, after a preposition that makes it a time: since 2020, in the 2020 war, by early
    # 2024 (not "the 2020 primary" alone: that names a happening, and the act may be today's)
    re.compile(rf"\b(?:in|since|by|during|until|from|before|after|throughout)\s+(?:the\s+)?"
               rf"(?:(?:early|late|mid)[- ])?{_YEAR}\b(?![-–/]\d)", re.I),
]
# An act told as history, with no date to give it: it belongs to no period.
BACKGROUND_FORMS = [
    re.compile(r"\b(?:in|over|during|for)\s+the\s+(?:last|past|previous|recent)\s+(?:few\s+|several\s+|many\s+|"
               r"two\s+|three\s+|\d+\s+)?(?:years|decades|months)\b", re.I),
    re.compile(r"\bin\s+recent\s+(?:years|decades|months|times)\b", re.I),
    re.compile(r"\bfor\s+(?:years|decades|generations)\b", re.I),
    re.compile(r"\b(?:the\s+)?(?:years|decades|months)\s+(?:leading\s+up\s+to|before|preceding)\b", re.I),
    re.compile(r"\bhistorically\b", re.I),
]
RELATIVE_FORMS = [
    (re.compile(r"\b(?:today|tonight|this morning|this afternoon|this evening)\b", re.I), 0, "day"),
    (re.compile(r"\byesterday\b", re.I), -1, "day"),
    (re.compile(r"\btomorrow\b", re.I), 1, "day"),
    (re.compile(r"\b(?:the )?(?:next|following) day\b", re.I), 1, "day"),
    (re.compile(r"\b(?:the )?day before\b", re.I), -1, "day"),
    (re.compile(r"\blast week\b", re.I), -7, "day"),
    (re.compile(r"\bnext week\b", re.I), 7, "day"),
    (re.compile(r"\b(?:earlier|later) this month\b|\bthis month\b", re.I), 0, "month"),
    (re.compile(r"\blast month\b", re.I), -1, "month"),
    (re.compile(r"\bnext month\b", re.I), 1, "month"),
    (re.compile(r"\b(?:earlier |later )?this year\b", re.I), 0, "year"),
    (re.compile(r"\blast year\b", re.I), -1, "year"),
    (re.compile(r"\bnext year\b", re.I), 1, "year"),
]
WEEKDAY_FORM = re.compile(r"\b(?P<which>last |next |this |on |)(?P<weekday>" + "|".join(WEEKDAYS) + r")\b", re.I)


@dataclass(frozen=True, slots=True)
class EventDate:
    date: str | None  # ISO YYYY-MM-DD
    precision: str | None  # day | month | year
    basis: str | None  # explicit | relative | article
    start: int = -1  # offset of the expression in the text searched (-1: none)


def _as_date(value: date | datetime | str | None) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _month_number(text: str) -> int:
    return int(text) if text.isdigit() else MONTHS[text.lower().rstrip(".")]


def _explicit(text: str, anchor: date | None, future: bool = False) -> list[EventDate]:
    found: list[EventDate] = []
    taken: list[tuple[int, int]] = []
    for form in EXPLICIT_FORMS:
        for match in form.finditer(text):
            if any(s <= match.start() < e for s, e in taken):
                continue
            parts = match.groupdict()
            if parts.get("month") is None:  # a year alone
                taken.append((match.start(), match.end()))
                found.append(EventDate(date(int(parts["year"]), 1, 1).isoformat(), "year", "explicit",
                                       match.start() + match.group(0).lower().index(parts["year"])))
                continue
            try:
                month = _month_number(parts["month"])
            except (KeyError, ValueError):
                continue
            if parts["month"].lower() == "may" and not parts.get("day") and not parts.get("year") \
                    and not re.match(r"(?i)in|since|by|during|until|of|this|last|early|late|mid", match.group(0)):
                continue  # the modal verb "may"
            day = int(parts["day"]) if parts.get("day") else None
            year = int(parts["year"]) if parts.get("year") else None
            if year is None:
                if anchor is None:
                    continue
                year = anchor.year
                if future:  # "will travel on May 9": the next May 9
                    if (month, day or 31) < (anchor.month, anchor.day):
                        year += 1
                # news reports the past: "June 28" in a January article is last year's June
                elif (month, day or 1) > (anchor.month, anchor.day) and month - anchor.month > 2:
                    year -= 1
            try:
                value = date(year, month, day or 1)
            except ValueError:
                continue
            precision = "day" if day else "month"
            taken.append((match.start(), match.end()))
            found.append(EventDate(value.isoformat(), precision, "explicit", match.start()))
    return found


def _shift_month(value: date, months: int) -> date:
    index = value.year * 12 + value.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _relative(text: str, anchor: date, future: bool) -> list[EventDate]:
    found: list[EventDate] = []
    for form, offset, precision in RELATIVE_FORMS:
        match = form.search(text)
        if not match:
            continue
        if precision == "day":
            value = anchor + timedelta(days=offset)
        elif precision == "month":
            value = _shift_month(anchor, offset)
        else:
            value = date(anchor.year + offset, 1, 1)
        found.append(EventDate(value.isoformat(), precision, "relative", match.start()))
    for match in WEEKDAY_FORM.finditer(text):
        which = match.group("which").strip().lower()
        weekday = WEEKDAYS[match.group("weekday").lower()]
        if which == "next" or (future and which != "last"):
            delta = (weekday - anchor.weekday()) % 7 or 7
        else:  # the most recent such day, at most a week back (news reports the past)
            delta = -((anchor.weekday() - weekday) % 7)
            if which == "last" and delta == 0:
                delta = -7
        found.append(EventDate((anchor + timedelta(days=delta)).isoformat(), "day", "relative", match.start()))
    return found


CHAINED_DAY = re.compile(r"\b(?:the )?(?:next|following) day\b|\b(?:the )?day (?:before|after)\b|"
                         r"\ba day (?:later|earlier)\b", re.I)


def find_dates(text: str, published: date | datetime | str | None, *, future: bool = False) -> list[EventDate]:
    """Every date expression of `text`, explicit ones first, in text order within each kind.
    "The next day" counts from an explicit date told before it in the text, else from the article date."""
    anchor = _as_date(published)
    explicit = sorted(_explicit(text, anchor, future), key=lambda d: d.start)
    dates = list(explicit)
    for match in CHAINED_DAY.finditer(text):
        before = [d for d in explicit if d.start < match.start() and d.precision == "day"]
        if before:
            step = -1 if re.search(r"before|earlier", match.group(0), re.I) else 1
            value = date.fromisoformat(before[-1].date) + timedelta(days=step)
            dates.append(EventDate(value.isoformat(), "day", "relative", match.start()))
    if anchor is not None:
        taken = {d.start for d in dates}
        dates += sorted((d for d in _relative(text, anchor, future) if d.start not in taken),
                        key=lambda d: d.start)
    dates += [EventDate(None, None, "background", match.start())
              for form in BACKGROUND_FORMS for match in form.finditer(text)]
    return dates


def resolve_date(text: str, published: date | datetime | str | None, *, near: int | None = None,
                 future: bool = False, told_before: bool = False) -> EventDate:
    """The date of an event told in `text`: the date expression closest to offset `near`
    (the trigger word); else, for an act `told_before` the time of telling (a past perfect),
    no date (background); else the article date, or nothing."""
    dates = find_dates(text, published, future=future)
    if dates:
        if near is None:
            return dates[0]
        return min(dates, key=lambda d: (abs(d.start - near), d.basis != "explicit"))
    if told_before:
        return EventDate(None, None, "background")
    anchor = _as_date(published)
    if anchor is None:
        return EventDate(None, None, None)
    return EventDate(anchor.isoformat(), "day", "article")
