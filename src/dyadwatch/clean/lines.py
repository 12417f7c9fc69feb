"""What a single line of text looks like: sentence, headline, byline, caption, furniture.

These are the line-level judgements the plain-text cleaner is built from. Each
looks only at the line itself; position and neighbours are weighed in `text.py`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .dates import dateline
from .tables import FurniturePattern, furniture_patterns

__all__ = [
    "words_of", "word_count", "is_sentence", "is_headline", "is_title_candidate", "ends_sentence", "furniture_reason",
    "byline_author", "is_caption", "url_of_line", "line_key",
]

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_TERMINAL = re.compile(r"[.!?…。！？](?:[\"'”’»)\]」』]+)?\s*$|[\"”»」』]\s*$")
# Names in bylines: capitalised words (Nicholas Castillo, Zhanna Avagyan, Anne-Marie O'Neil).
_NAME = r"[A-ZА-ЯЁ][\w'’.-]*(?:\s+(?:(?:van|von|de|der|al|el|bin|da|di|le|la)\s+)?[A-ZА-ЯЁ][\w'’.-]*){0,4}"
_BYLINE = re.compile(
    r"^(?:by|written by|words by|text by|reporting by|story by|author|authors|posted by|автор|by:)\s*:?\s*"
    r"(?P<names>" + _NAME + r"(?:\s*(?:,|and|&|и)\s*" + _NAME + r")*)"
    r"(?P<rest>\s*(?:[,|·•–—-]|\bin\b|\bfor\b).*)?$",
    re.IGNORECASE,
)
# "Sergei Bobylev / TASS", "John Doe/Getty Images": a name, a slash, an agency.
_AGENCY = (r"(?:[A-Z][A-Z.&-]{1,}(?:\s[A-Z][A-Z.&-]+)*|Reuters|Getty Images|Shutterstock|Sputnik|Anadolu(?: Agency)?"
           r"|Wikimedia Commons|Flickr|Unsplash|Pexels|Alamy|Pool|Handout|Kremlin\.ru|Facebook|Twitter|Telegram)")
_CREDIT_END = re.compile(
    r"(?:[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){1,3}\s?/\s?" + _AGENCY + r"(?:\s?/\s?" + _AGENCY + r")?"
    r"|\((?:photo|image|credit)[^)]*\)|(?:photo|image|credit)s?\s*:\s*[^.]{2,60})\s*$"
)
_CAPTION_MARK = re.compile(r"\((?:left to right|from left|l-r|l to r|pictured|file photo)\)", re.IGNORECASE)
_URL_LINE = re.compile(r"^(?:(?:original\s+)?(?:url|link|source)\s*:\s*)?(?P<url>(?:https?://|www\.)\S+)$", re.IGNORECASE)
_SMALL_WORDS = {
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by", "with", "from",
    "as", "vs", "over", "into", "amid", "after", "before", "about", "against", "between", "is", "are", "its",
}


_CASELESS_LONG = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


@lru_cache(maxsize=1 << 14)  # asked of each block by several labels and by the body search
def word_count(text: str) -> int:
    """Words, counting scripts written without spaces (Chinese, Japanese, Thai) by characters."""
    found = words_of(text)
    words = len(found)
    dense = len(_CASELESS_LONG.findall(text))
    return max(words, words + dense // 2 - sum(1 for w in found if _CASELESS_LONG.search(w)))


@lru_cache(maxsize=1 << 14)  # each line is compared across the batch, then labelled
def line_key(text: str) -> str:
    """A line reduced for comparison across documents (case, spacing, digits)."""
    return re.sub(r"\d+", "0", " ".join(words_of(text.casefold())))


def ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text))


def _lowercase_share(words: list[str]) -> float:
    """Share of words not capitalised (words of caseless scripts count as lowercase)."""
    if not words:
        return 0.0
    return sum(1 for w in words if not w[0].isupper() and not w[0].isdigit()) / len(words)


def is_sentence(text: str) -> bool:
    """Running prose: enough words, mostly lowercase, and (unless long) ending like a sentence."""
    words = words_of(text)
    count = word_count(text)
    if count < 4:
        return False
    lower = _lowercase_share(words)
    if count >= 15 and lower >= 0.3:
        return True
    return ends_sentence(text) and lower >= 0.25 and (count >= 7 or lower >= 0.4)


def is_headline(text: str) -> bool:
    """A title-cased line: 2-30 words, no closing full stop, content words mostly capitalised."""
    words = words_of(text)
    if not 2 <= len(words) <= 30 or text.rstrip().endswith("."):
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    if not content:
        return False
    capitalised = sum(1 for w in content if w[0].isupper() or w[0].isdigit()) / len(content)
    return capitalised >= 0.6


def is_title_candidate(text: str) -> bool:
    """Could be an article's title: 2-30 words, not ending in a full stop (title case or not)."""
    words = words_of(text)
    return 2 <= len(words) <= 30 and not text.rstrip().endswith((".", ",", ";", ":"))


def furniture_reason(text: str, patterns: tuple[FurniturePattern, ...] | None = None) -> str | None:
    """Why a line is site furniture (a pattern of data/furniture.tsv matched), or None."""
    if patterns is None:
        return _shipped_furniture_reason(text)
    return _furniture_reason(text, patterns)


@lru_cache(maxsize=1 << 14)  # the cleaner asks about the same line several times
def _shipped_furniture_reason(text: str) -> str | None:
    return _furniture_reason(text, furniture_patterns())


def _furniture_reason(text: str, patterns: tuple[FurniturePattern, ...]) -> str | None:
    if len(words_of(text)) > 120:
        return None
    for pattern in patterns:
        if pattern.regex.search(text):
            return pattern.reason
    return None


def byline_author(text: str) -> tuple[str, str] | None:
    """('Nicholas Castillo', rest of the line) for a byline, else None."""
    if len(text) > 120:
        return None
    match = _BYLINE.match(text.strip())
    if not match:
        return None
    names = match.group("names").strip()
    # "By contrast, Baku's relations…" is a sentence, not a byline.
    first = names.split()[0].lower()
    if first in {"contrast", "comparison", "then", "now", "far", "default", "law", "the", "this", "that", "all"}:
        return None
    rest = (match.group("rest") or "").strip(" ,|·•–—-")
    if rest and dateline(rest) is None and len(words_of(rest)) > 6:
        return None
    return names, rest


def is_caption(text: str) -> bool:
    """A photo caption or credit line ("… (left to right). Sergei Bobylev / TASS")."""
    if _CREDIT_END.search(text) and not ends_sentence(text):
        return True
    return bool(_CAPTION_MARK.search(text)) and len(words_of(text)) <= 45


def url_of_line(text: str) -> str | None:
    match = _URL_LINE.match(text.strip())
    return match.group("url").rstrip(".,;)") if match else None
