"""The analyses' data tables (analysis/data/*.tsv) and a matcher for the phrases in them.

Every table is tab-separated with `#` comment lines; the last comment line before the
rows names the columns. A user's file with the same columns loads through the same
function, so a user can extend or replace a shipped table without touching code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

__all__ = ["DATA_DIR", "read_table", "PhraseMatcher", "Phrase", "words", "related_roots", "RootRelations"]

DATA_DIR = Path(__file__).parent / "data"

_WORD = re.compile(r"[\w][\w'’\-]*", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-cased words of a text; curly apostrophes become straight ones and a
    possessive 's is dropped ("Aliyev’s" → "aliyev")."""
    return [w.replace("’", "'").removesuffix("'s") for w in _WORD.findall(text.lower())]


def read_table(path: str | Path) -> list[dict[str, str]]:
    """Rows of a TSV table whose header is the last `#` line before the first row."""
    header: list[str] | None = None
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        if line.startswith("#"):
            if rows == [] and "\t" in line:
                header = [c.strip() for c in line.lstrip("#").split("\t")]
            continue
        if header is None:
            raise ValueError(f"{path}: no '# column<TAB>column' header line before the rows")
        cells = [c.strip() for c in line.split("\t")]
        rows.append(dict(zip(header, cells + [""] * (len(header) - len(cells)))))
    return rows


@dataclass(frozen=True, slots=True)
class Phrase:
    text: str  # as written in the table
    parts: tuple[str, ...]  # its words; a word ending in * is a prefix
    labels: tuple[str, ...]  # the other columns of its row (e.g. about, side)


class PhraseMatcher:
    """Finds table phrases in text by words, without overlaps: from left to right, the
    longest phrase that starts at a word wins. One regular expression for the whole table,
    compiled once; a phrase's words match whole words, a word ending in * any word it starts."""

    def __init__(self, phrases: Iterable[Phrase]):
        self.phrases = sorted(phrases, key=lambda p: (-len(p.parts), p.text))
        # one capturing group per phrase, longest first: the group that matched names the phrase
        alternatives = ["(" + " ".join(_part_pattern(part) for part in p.parts) + ")" for p in self.phrases]
        self._pattern = re.compile(r"(?<![^ ])(?:" + "|".join(alternatives) + r")(?![^ ])") if alternatives else None

    @classmethod
    def from_rows(cls, rows: Iterable[dict[str, str]], *, column: str, labels: Iterable[str]) -> "PhraseMatcher":
        labels = tuple(labels)
        return cls(Phrase(text=r[column], parts=tuple(r[column].lower().replace("’", "'").split()),
                          labels=tuple(r[c] for c in labels)) for r in rows if r.get(column))

    def find(self, text: str) -> list[Phrase]:
        """The phrases found in `text`, in the order they occur."""
        if self._pattern is None:
            return []
        return [self.phrases[m.lastindex - 1] for m in self._pattern.finditer(" ".join(words(text)))]


def _part_pattern(part: str) -> str:
    return re.escape(part[:-1]) + "[^ ]*" if part.endswith("*") else re.escape(part)


@dataclass(frozen=True, slots=True)
class RootRelations:
    related: frozenset[frozenset[str]]
    opposed: frozenset[frozenset[str]]

    def are_related(self, a: str, b: str) -> bool:
        return a == b or frozenset((a, b)) in self.related or frozenset((a, b)) in self.opposed

    def are_opposed(self, a: str, b: str) -> bool:
        return a != b and frozenset((a, b)) in self.opposed


@lru_cache(maxsize=8)
def related_roots(path: str | Path | None = None) -> RootRelations:
    """Which CAMEO roots may report one happening, and which report opposite outcomes."""
    rows = read_table(path or DATA_DIR / "related_roots.tsv")
    pairs = {"related": set(), "opposed": set()}
    for row in rows:
        relation = row.get("relation") or "related"
        if relation not in pairs:
            raise ValueError(f"unknown relation {relation!r} (related | opposed)")
        pairs[relation].add(frozenset((row["root_a"].zfill(2), row["root_b"].zfill(2))))
    return RootRelations(related=frozenset(pairs["related"]), opposed=frozenset(pairs["opposed"]))
