"""Loading the clean stage's data tables (shipped in data/, extendable by users).

Every table is a tab-separated text file with `#` comments; a user's file of the
same shape goes through the same loader and adds to (or overrides) the shipped rows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterator

__all__ = ["read_table", "FurniturePattern", "furniture_patterns", "load_furniture_patterns", "stopwords"]


def read_table(source: str | Path) -> Iterator[list[str]]:
    """Rows of a shipped table (a bare file name in data/) or of a user's file (a path)."""
    if isinstance(source, Path) or "/" in str(source) or "\\" in str(source):
        text = Path(source).read_text(encoding="utf-8")
    else:
        text = resources.files(__package__).joinpath("data", str(source)).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        yield [cell.strip() for cell in line.split("\t")]


@dataclass(frozen=True, slots=True)
class FurniturePattern:
    regex: re.Pattern[str]
    reason: str


def load_furniture_patterns(*extra_files: str | Path) -> tuple[FurniturePattern, ...]:
    patterns = []
    for source in ("furniture.tsv", *extra_files):
        for row in read_table(source):
            reason = row[1] if len(row) > 1 and row[1] else "site furniture"
            patterns.append(FurniturePattern(re.compile(row[0], re.IGNORECASE), reason))
    return tuple(patterns)


@lru_cache(maxsize=1)
def furniture_patterns() -> tuple[FurniturePattern, ...]:
    """The shipped furniture patterns, loaded once."""
    return load_furniture_patterns()


@lru_cache(maxsize=1)
def stopwords() -> dict[str, frozenset[str]]:
    """Function words per ISO 639-1 language code."""
    return {row[0]: frozenset(row[1].split()) for row in read_table("stopwords.tsv") if len(row) > 1}
