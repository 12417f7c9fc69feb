"""Write the common English words the clean stage tells a generic site name by
(src/dyadwatch/clean/data/common_words.txt), from SCOWL's small American word list.

One-off and reproducible: run it again and the same file comes out.

    apt-get install wamerican-small        # Debian's package of SCOWL sizes 10-35
    .venv/bin/python bench/convert_common_words.py

Reads   /usr/share/dict/american-english-small, /usr/share/doc/wamerican-small/copyright
Writes  src/dyadwatch/clean/data/common_words.txt            (one word a line, sorted)
        src/dyadwatch/clean/data/common_words.COPYRIGHT.txt  (the list's copyright, verbatim:
                                                              its licence asks for it in every copy)

Kept: the entries written in lower case and in letters only. A word the list capitalises is a
name (Cleveland, Forbes), not a common word; possessives and contractions are dropped.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = Path("/usr/share/dict/american-english-small")
COPYRIGHT = Path("/usr/share/doc/wamerican-small/copyright")
OUT = ROOT / "src" / "dyadwatch" / "clean" / "data" / "common_words.txt"
OUT_COPYRIGHT = OUT.with_name("common_words.COPYRIGHT.txt")


def main() -> None:
    words = sorted({w for w in WORDS.read_text(encoding="utf-8").split() if re.fullmatch(r"[a-z]+", w)})
    OUT.write_text("# Common English words: the lower-case, letters-only entries of SCOWL's small American\n"
                   "# list (Debian wamerican-small), made by bench/convert_common_words.py; copyright and\n"
                   "# licence in common_words.COPYRIGHT.txt.\n" + "\n".join(words) + "\n", encoding="utf-8")
    shutil.copyfile(COPYRIGHT, OUT_COPYRIGHT)
    print(f"{len(words)} words written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
