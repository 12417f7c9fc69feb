"""The Russian predicate table: Russian verb and noun lemmas with their argument frames and CAMEO
codes, read from tab-separated files (the shipped `data/russian_predicates.tsv`, then a user's,
through the same reader; a later row for the same predicate replaces an earlier one).

    lemma	pos	object	target	source	code	reverse	note

- `lemma`: the predicate's lemma, as natasha gives it (встретиться, визит); two words make a
  construction whose second word is the head's object or preposition ("провести переговоры",
  "ввести санкция", "выступить против"), which wins over the head alone.
- `pos`: verb | noun.
- `object`: the construction's object lemma (repeated from `lemma`), or empty.
- `target` / `source`: how each side is marked, alternatives by `|` in order of preference:
  `obj`, `dat` (a bare dative), `gen` (a noun's bare genitive), `amod` (an adjective on a noun),
  `nsubj`, or `<preposition>+<case>` (`с+ins`, `против+gen`, `в_отношении+gen`: a preposition of
  several words joined by `_`). An empty source is the subject of a verb, and for a noun its
  genitive or adjective.
- `code`: a CAMEO code, or `---` for a predicate that is no event itself.
- `reverse`: the mirror event's code (a visit 042 is a hosting 043).
- `note`: a gloss; a governing predicate starts it with its kind: `speech:` (what is said is
  reported, not done by the verb), `intent:` (planned: future), `refusal:`, `threat:`,
  `appeal:`, `denial:` (what is denied did not happen).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

__all__ = ["Marker", "Predicate", "PredicateTable", "load_russian_predicates", "is_russian_table",
           "SHIPPED_RUSSIAN_FILES", "GOVERNING_KINDS"]

SHIPPED_RUSSIAN_FILES = (Path(__file__).with_name("data") / "russian_predicates.tsv",)
COLUMNS = ("lemma", "pos", "object", "target", "source", "code", "reverse", "note")
GOVERNING_KINDS = ("speech", "intent", "refusal", "threat", "appeal", "denial")
CASES = {"nom": "Nom", "gen": "Gen", "dat": "Dat", "acc": "Acc", "ins": "Ins", "loc": "Loc"}


@dataclass(frozen=True, slots=True)
class Marker:
    """How one side is marked: a relation (`obj`, `dat`, `gen`, `amod`, `nsubj`) or a
    preposition with the case it governs."""

    relation: str  # obj | dat | gen | amod | nsubj | prep
    preposition: str = ""  # "с", "в_отношении"
    case: str = ""  # UD case: Ins, Gen, ...

    @classmethod
    def parse(cls, text: str) -> "Marker":
        if "+" in text:
            preposition, case = text.split("+", 1)
            if case not in CASES:
                raise ValueError(f"unknown case {case!r} in {text!r} (one of {', '.join(CASES)})")
            return cls("prep", preposition, CASES[case])
        if text not in ("obj", "dat", "gen", "amod", "nsubj"):
            raise ValueError(f"unknown side marker {text!r}")
        return cls(text)

    def __str__(self) -> str:
        if self.relation != "prep":
            return self.relation
        return f"{self.preposition}+{next(k for k, v in CASES.items() if v == self.case)}"


@dataclass(frozen=True, slots=True)
class Predicate:
    """One row of the table."""

    lemma: str  # the whole key: "провести переговоры"
    pos: str
    targets: tuple[Marker, ...]
    sources: tuple[Marker, ...]
    code: str
    reverse: str
    note: str
    origin: str  # file:line

    @property
    def head(self) -> str:
        return self.lemma.split()[0]

    @property
    def companion(self) -> str | None:
        """The construction's second word (object lemma or preposition), if any."""
        words = self.lemma.split()
        return words[1] if len(words) > 1 else None

    @property
    def kind(self) -> str:
        """The governing kind (`speech`, `intent`, ...), or "" for an act."""
        first = self.note.split(":", 1)[0].strip()
        return first if first in GOVERNING_KINDS else ""

    @property
    def is_event(self) -> bool:
        return self.code != "---"


class PredicateTable:
    """Predicates by (head lemma, part of speech), constructions first."""

    def __init__(self, rows: Iterable[Predicate]):
        self._by_head: dict[tuple[str, str], dict[str, Predicate]] = {}
        for row in rows:
            self._by_head.setdefault((row.head, row.pos), {})[row.lemma] = row  # a later row replaces
        self.heads = frozenset(head for head, _ in self._by_head)

    def candidates(self, lemma: str, pos: str) -> list[Predicate]:
        """The rows a word may be: its constructions (longest key first), then the word alone."""
        rows = self._by_head.get((lemma, pos))
        if not rows:
            return []
        return sorted(rows.values(), key=lambda r: -len(r.lemma.split()))

    def __len__(self) -> int:
        return sum(len(rows) for rows in self._by_head.values())


def is_russian_table(path: str | Path) -> bool:
    """Whether a pattern file is a Russian predicate table (told by its header)."""
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and not line.startswith("#"):
                return tuple(f.strip() for f in line.rstrip("\n").split("\t"))[:len(COLUMNS)] == COLUMNS
    return False


def _markers(text: str, where: str) -> tuple[Marker, ...]:
    try:
        return tuple(Marker.parse(t.strip()) for t in text.split("|") if t.strip())
    except ValueError as error:
        raise ValueError(f"{where}: {error}") from None


def _read(path: Path) -> list[Predicate]:
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        lines = ((number, line) for number, line in enumerate(handle, 1) if line.strip() and not line.startswith("#"))
        header = None
        for number, line in lines:
            fields = [f.strip() for f in next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))]
            if header is None:
                if tuple(fields[:len(COLUMNS)]) != COLUMNS:
                    raise ValueError(f"{path}:{number}: expected the header {' '.join(COLUMNS)}")
                header = fields
                continue
            fields += [""] * (len(COLUMNS) - len(fields))
            row = dict(zip(COLUMNS, fields))
            where = f"{path.name}:{number}"
            if row["pos"] not in ("verb", "noun") or not row["lemma"] or not row["code"]:
                raise ValueError(f"{where}: a row needs a lemma, pos verb|noun and a code")
            rows.append(Predicate(lemma=" ".join(row["lemma"].lower().split()), pos=row["pos"],
                                  targets=_markers(row["target"], where), sources=_markers(row["source"], where),
                                  code=row["code"], reverse=row["reverse"], note=row["note"], origin=where))
    return rows


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...]) -> PredicateTable:
    return PredicateTable(row for path in paths for row in _read(Path(path)))


def load_russian_predicates(*, extra: Iterable[str | Path] = ()) -> PredicateTable:
    """The shipped table, then the user's files (a later row replaces an earlier one)."""
    return _load(tuple(str(p) for p in (*SHIPPED_RUSSIAN_FILES, *extra)))
