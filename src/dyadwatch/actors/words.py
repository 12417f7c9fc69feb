"""The English word sets of the actor resolver, read from `data/word_sets.tsv`.

Which small words may sit inside a name or make a capital a place is data, not code: it lives in
a table a newcomer can read and extend without touching Python (one `set<TAB>word` row per
word, `#` comment lines saying what each set is for). The file is read once per process.

    word_set("locative") -> frozenset({"in", "near", ...})
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

__all__ = ["WORD_SETS_FILE", "word_set", "word_list", "word_sets"]

WORD_SETS_FILE = Path(__file__).with_name("data") / "word_sets.tsv"
_HEADER = ("set", "word")


@lru_cache(maxsize=1)
def _read() -> dict[str, tuple[str, ...]]:
    sets: dict[str, list[str]] = {}
    header_seen = False
    lines = WORD_SETS_FILE.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = tuple(field.strip() for field in line.split("\t"))
        if not header_seen:
            if fields != _HEADER:
                raise ValueError(f"{WORD_SETS_FILE}:{number}: expected the header 'set<TAB>word', got {line!r}")
            header_seen = True
            continue
        if len(fields) != 2 or not all(fields):
            raise ValueError(f"{WORD_SETS_FILE}:{number}: expected 'set<TAB>word', got {line!r}")
        words = sets.setdefault(fields[0], [])
        if fields[1] not in words:
            words.append(fields[1])
    return {name: tuple(words) for name, words in sets.items()}


def word_sets() -> dict[str, frozenset[str]]:
    """Every set of the file, by name."""
    return {name: frozenset(words) for name, words in _read().items()}


@lru_cache(maxsize=None)
def word_set(name: str) -> frozenset[str]:
    """The words of one set; KeyError naming the set when the file has none by that name."""
    try:
        return frozenset(_read()[name])
    except KeyError:
        raise KeyError(f"no word set {name!r} in {WORD_SETS_FILE} (it has: {', '.join(sorted(_read()))})") from None


def word_list(name: str) -> tuple[str, ...]:
    """The words of one set in the order of the file, for sets that are an order of preference."""
    word_set(name)  # the same KeyError for a missing set
    return _read()[name]
