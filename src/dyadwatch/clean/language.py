"""Which language a text is in: by script, then by share of each language's function words."""
from __future__ import annotations

import re
from collections import Counter

from .tables import stopwords

__all__ = ["detect_language", "script_of", "has_script"]

_WORD = re.compile(r"[^\W\d_]+")


def _script_of_char(ch: str) -> str:
    code = ord(ch)
    if code < 0x250:
        return "latin"
    if 0x400 <= code < 0x530:
        return "cyrillic"
    if 0x530 <= code < 0x590:
        return "armenian"
    if 0x10A0 <= code < 0x1100:
        return "georgian"
    return "other"


def has_script(text: str, script: str) -> bool:
    """Does `text` hold at least one letter of `script`?"""
    return any(ch.isalpha() and _script_of_char(ch) == script for ch in text)


def script_of(text: str) -> str | None:
    """'latin', 'cyrillic', 'armenian', 'georgian' or None: the script most letters are in."""
    counts = {"latin": 0, "cyrillic": 0, "armenian": 0, "georgian": 0, "other": 0}
    for ch, times in Counter(text).items():  # each distinct character once: texts repeat a few dozen
        if ch.isalpha():
            counts[_script_of_char(ch)] += times
    script, count = max(counts.items(), key=lambda kv: kv[1])
    return script if count else None


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text`'s language, or None when there is too little to tell."""
    script = script_of(text[:5000])
    if script == "armenian":
        return "hy"
    if script == "georgian":
        return "ka"
    found = _WORD.findall(text[:20000])
    total = len(found)
    if total < 3:
        return "ru" if script == "cyrillic" else None
    words = Counter(map(str.lower, found))
    best, best_share = None, 0.0
    for code, vocabulary in stopwords().items():
        share = sum(words[w] for w in vocabulary.intersection(words)) / total
        if share > best_share:
            best, best_share = code, share
    # Real prose has 20-50 % function words; a list of names has almost none. Cyrillic text too
    # short or too bare to tell by them ("Министр финансов РФ Алексей Кудрин") is read as
    # Russian, the language most of this region's Cyrillic press writes in.
    if best_share >= 0.08:
        return best
    return "ru" if script == "cyrillic" else None
