"""The CAMEO event ontology as data: every code with its name, Goldstein score,
quad class and PLOVER event type.

The table lives in `data/cameo_codes.tsv` (see `data/NOTICE.md` for where its
facts come from). A user can point `load_ontology` at another file with the
same columns.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["CameoCode", "Ontology", "load_ontology", "quad_class_of_root", "DATA_DIR"]

DATA_DIR = Path(__file__).parent / "data"
CODE_TABLE = DATA_DIR / "cameo_codes.tsv"
SHIFT_TABLE = DATA_DIR / "cameo_shifts.tsv"


def quad_class_of_root(root: str) -> int:
    """CAMEO's four quad classes: 01-05 verbal cooperation, 06-08 material
    cooperation, 09-13 verbal conflict, 14-20 material conflict."""
    number = int(root)
    if not 1 <= number <= 20:
        raise ValueError(f"not a CAMEO root: {root!r}")
    if number <= 5:
        return 1
    if number <= 8:
        return 2
    if number <= 13:
        return 3
    return 4


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str  # "042"
    name: str  # "Make a visit"
    root: str  # "04"
    goldstein: float
    quad_class: int
    plover: str | None  # "CONSULT"; None where PLOVER has no type (root 01)
    plover_mode: str | None = None


class Ontology:
    """Lookup of CAMEO codes. Unknown sub-codes fall back to their parent code
    (a 4-digit code to its 3-digit base, a base to its root) so a pattern file
    may use a finer code than the table lists."""

    def __init__(self, codes: dict[str, CameoCode], shifts: dict[tuple[str, str], str] | None = None):
        self._codes = codes
        self._shifts = shifts or {}

    def shift(self, kind: str, code: str) -> str | None:
        """The code of an act announced ("intent"), refused ("reject") or threatened ("threat")
        instead of done: the entry for the longest prefix of `code` in the shift table."""
        for length in range(len(code), 1, -1):
            found = self._shifts.get((kind, code[:length]))
            if found:
                return found
        return None

    def __contains__(self, code: str) -> bool:
        return code in self._codes

    def __len__(self) -> int:
        return len(self._codes)

    def __iter__(self):
        return iter(self._codes.values())

    def lookup(self, code: str) -> CameoCode:
        code = code.strip()
        if code in self._codes:
            return self._codes[code]
        parent = code[:3] if len(code) == 4 else code[:2]
        if len(code) > 2 and parent in self._codes:
            found = self._codes[parent]
            return CameoCode(code=code, name=found.name, root=found.root, goldstein=found.goldstein,
                             quad_class=found.quad_class, plover=found.plover, plover_mode=found.plover_mode)
        raise KeyError(f"unknown CAMEO code: {code!r}")

    def get(self, code: str) -> CameoCode | None:
        try:
            return self.lookup(code)
        except (KeyError, ValueError):
            return None


def _read_table(path: Path) -> dict[str, CameoCode]:
    codes: dict[str, CameoCode] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            code = row["code"].strip()
            root = row["root"].strip()
            plover = (row.get("plover_event") or "").strip()
            if "|" in plover:  # a root that spans two PLOVER types names no single one
                plover = ""
            codes[code] = CameoCode(
                code=code,
                name=row["name"].strip(),
                root=root,
                goldstein=float(row["goldstein"]),
                quad_class=quad_class_of_root(root),
                plover=plover or None,
                plover_mode=(row.get("plover_mode") or "").strip() or None,
            )
    return codes


def _read_shifts(path: Path) -> dict[tuple[str, str], str]:
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        return {(row["shift"].strip(), row["from"].strip()): row["to"].strip()
                for row in csv.DictReader(lines, delimiter="\t")}


@lru_cache(maxsize=4)
def _load(path: str) -> Ontology:
    return Ontology(_read_table(Path(path)), _read_shifts(SHIFT_TABLE))


def load_ontology(path: str | Path | None = None) -> Ontology:
    """The CAMEO ontology, read once per process."""
    return _load(str(path or CODE_TABLE))
