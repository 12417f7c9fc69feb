"""Word lists as data: the one reader of every stage's `data/word_sets.tsv`.

Which words deny an event, which small words may sit inside a name, which verbs are light: data,
not code. Each stage keeps a table a newcomer can read and extend without touching Python (one
`set<TAB>word` row per word, `#` comment lines saying what each set is for) and binds it here:

    SETS = WordSets(Path(__file__).with_name("data") / "word_sets.tsv")
    SETS.word_set("negators") -> frozenset({"not", "never", ...})
    SETS.word_list("target_prepositions") -> ("with", "to", ...)   (file order: a preference)

The file is read once, on the first question; a set asked twice is the same object.
"""
from __future__ import annotations

from functools import cached_property
from pathlib import Path

__all__ = ["WordSets"]

_HEADER = ("set", "word")


class WordSets:
    """The word sets of one tab-separated file."""

    def __init__(self, path: Path):
        self.path = path

    @cached_property
    def _lists(self) -> dict[str, tuple[str, ...]]:
        sets: dict[str, list[str]] = {}
        header_seen = False
        for number, line in enumerate(self.path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            fields = tuple(field.strip() for field in line.split("\t"))
            if not header_seen:
                if fields != _HEADER:
                    raise ValueError(f"{self.path}:{number}: expected the header 'set<TAB>word', got {line!r}")
                header_seen = True
                continue
            if len(fields) != 2 or not all(fields):
                raise ValueError(f"{self.path}:{number}: expected 'set<TAB>word', got {line!r}")
            words = sets.setdefault(fields[0], [])
            if fields[1] not in words:
                words.append(fields[1])
        return {name: tuple(words) for name, words in sets.items()}

    @cached_property
    def _sets(self) -> dict[str, frozenset[str]]:
        return {name: frozenset(words) for name, words in self._lists.items()}

    def word_sets(self) -> dict[str, frozenset[str]]:
        """Every set of the file, by name."""
        return dict(self._sets)

    def word_set(self, name: str) -> frozenset[str]:
        """The words of one set; KeyError naming the set when the file has none by that name."""
        try:
            return self._sets[name]
        except KeyError:
            raise KeyError(f"no word set {name!r} in {self.path} (it has: {', '.join(sorted(self._sets))})") from None

    def word_list(self, name: str) -> tuple[str, ...]:
        """The words of one set in the order of the file, for sets that are an order of preference."""
        self.word_set(name)  # the same KeyError for a missing set
        return self._lists[name]
