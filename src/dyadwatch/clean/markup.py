"""Leftover markup in scraped text: tags, entities, Markdown emphasis, odd spaces."""
from __future__ import annotations

import html
import re

__all__ = ["strip_markup", "normalise_space"]

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\((?:https?://|/)[^)\s]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def normalise_space(text: str) -> str:
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


_MARKUP_SIGNS = re.compile(r"[<&\[*_#]")


def strip_markup(line: str) -> str:
    """One line without HTML tags, entities, Markdown links/emphasis/heading marks."""
    if not _MARKUP_SIGNS.search(line):  # most lines: nothing to strip but spacing
        return normalise_space(line)
    text = _COMMENT.sub(" ", line)
    text = _TAG.sub("", text)
    # Entities can be double-escaped by scrapers (&amp;quot;): unescape until stable.
    for _ in range(2):
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        text = unescaped
    text = _TAG.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    text = _MD_HEADING.sub("", text)
    return normalise_space(text)
