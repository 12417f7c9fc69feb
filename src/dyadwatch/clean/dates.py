"""Dates as news pages write them, parsed without guessing.

`find_date` finds the first full date (day, month, year, optional time) in a
string; `dateline` accepts a line only when it is nothing but a date (with
labels like "Published:" or a weekday), which is how a page states its own date.
"""
from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

__all__ = ["find_date", "dateline", "parse_given_date", "is_dateline"]

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    # Russian, nominative and genitive
    "январь": 1, "января": 1, "февраль": 2, "февраля": 2, "март": 3, "марта": 3, "апрель": 4,
    "апреля": 4, "май": 5, "мая": 5, "июнь": 6, "июня": 6, "июль": 7, "июля": 7, "август": 8,
    "августа": 8, "сентябрь": 9, "сентября": 9, "октябрь": 10, "октября": 10, "ноябрь": 11,
    "ноября": 11, "декабрь": 12, "декабря": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TIME = r"(?:(?:,|\s|\bat\b|\||-|–|—|/)*\s*(?P<hour>[0-2]?\d)[:.h](?P<minute>[0-5]\d)(?::[0-5]\d)?\s*(?P<ampm>[ap]\.?m\.?)?)?"
_SEP = r"[\s.,/-]*"

_SHAPES = [
    # 2026-02-07, 2026-02-07T17:00:00+04:00
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)(?:[T\s](?P<hour>[0-2]\d):(?P<minute>[0-5]\d)(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?\b"),
    # July 04, 2025 · February 17 2026, 19:40 · Feb. 17, 2026 at 7:40 pm
    re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r"(?:,?\s+|\s*,\s*)" + _YEAR + r"\b" + _TIME, re.IGNORECASE),
    # 07 February 2026 17:00 · 14 Jan 2026 · 10.Jan.2026 · 7 февраля 2026 г.
    re.compile(r"\b" + _DAY + r"(?:\s+|[.\-/]\s?)(?:of\s+)?" + _MONTH + r"(?:,?\s+|[.\-/]\s?)" + _YEAR + r"\b(?:\s*г\.)?" + _TIME, re.IGNORECASE),
    # 07.02.2026 17:00 (day first, as written outside the US)
    re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)\b" + _TIME),
    # 02/07/2026 (month first, the US habit; a day over 12 flips it)
    re.compile(r"\b(?P<month>[0-3]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)\d\d)\b" + _TIME),
]

# What may stand beside a date on a dateline.
_DATELINE_WORDS = re.compile(
    r"\b(published|posted|updated|last updated|modified|date|on|at|gmt|utc|est|edt|cet|cest|msk|am|pm|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun|"
    r"опубликовано|обновлено|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|г)\b\.?",
    re.IGNORECASE,
)


def _build(match: re.Match[str]) -> datetime | None:
    parts = match.groupdict()
    month_text = parts["month"]
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower().rstrip("."))
    day, year = int(parts["day"]), int(parts["year"])
    if month and month > 12 and day <= 12:  # 13/02/2026: the day came first after all
        month, day = day, month
    hour = int(parts["hour"]) if parts.get("hour") else 0
    minute = int(parts["minute"]) if parts.get("minute") else 0
    ampm = (parts.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        return datetime(year, month, day, hour, minute)
    except (TypeError, ValueError):
        return None


def _first_match(text: str) -> tuple[datetime, re.Match[str]] | None:
    found = []
    for shape in _SHAPES:
        for match in shape.finditer(text):
            value = _build(match)
            if value is not None:
                found.append((match.start(), value, match))
                break
    if not found:
        return None
    _, value, match = min(found, key=lambda f: f[0])
    return value, match


def find_date(text: str) -> datetime | None:
    """The first full date in `text` (with its time when given), or None."""
    hit = _first_match(text)
    return hit[0] if hit else None


@lru_cache(maxsize=1 << 14)  # the text cleaner asks about each line up to three times
def dateline(text: str) -> datetime | None:
    """The date of a line that is only a date (plus labels, weekday, time zone)."""
    if len(text) > 80:
        return None
    hit = _first_match(text)
    if not hit:
        return None
    value, match = hit
    rest = text[: match.start()] + " " + text[match.end():]
    rest = _DATELINE_WORDS.sub(" ", rest)
    rest = re.sub(r"[\s|:,.\-–—/()\[\]•·]+", " ", rest).strip()
    return value if not rest else None


def is_dateline(text: str) -> bool:
    return dateline(text) is not None


def parse_given_date(value: str | None) -> datetime | None:
    """A date handed in with the input (JSONL "date"): ISO 8601 first, then the page shapes."""
    if not value:
        return None
    text = str(value).strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return parsed.replace(tzinfo=None)
    except ValueError:
        return find_date(text)
