"""Convert the public CAMEO verb dictionary into dyadwatch's own data files.

Reads  /work/shared/dictionaries/CAMEO.verbpatterns.150430.txt (MIT, Open Event Data Alliance)
Writes src/dyadwatch/events/data/cameo_verbs.tsv     verbs and the simple patterns we can match on a parse
       src/dyadwatch/events/data/cameo_synsets.tsv   the word sets (&NAME) the patterns refer to
and    src/dyadwatch/events/data/cameo_codes.tsv     copied from /work/shared/eval/cameo-codes.tsv

Run:   .venv/bin/python bench/convert_verb_patterns.py [--dictionary FILE] [--codes FILE]

What is kept, and why:
- every verb of every block, with the block's code or its own override (`EXPRESS [0110]`),
  multi-word verbs (`+MEET_WITH`) as "meet with", irregular forms as extra surface forms;
- patterns whose words all follow the verb (`- * ON + TO SHOW TOLERANCE [020]`), optionally
  with a slot marker before it (`+ *`: the subject is the target; `$ *`: the subject is the source).
  Patterns that need words before the verb (`SAID WOULD *`, `&AUXVERB2 *`, `NOT *`, `+ WAS *`)
  encode tense, negation or voice, which the coder reads from the parse instead; they are dropped.
- codes that are not in the CAMEO table (test-only codes) are dropped; `---` ("do not code") is kept.
Pattern syntax in our file: words are lower case (a trailing `_` = whole word only), `&name`
a word set, `+` the target slot, `$` the source slot; `*` the verb.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "dyadwatch" / "events" / "data"
DICTIONARY = Path("/work/shared/dictionaries/CAMEO.verbpatterns.150430.txt")
CODE_TABLE = Path("/work/shared/eval/cameo-codes.tsv")

BLOCK_RE = re.compile(r"^---\s*(?P<name>[A-Z0-9_]+)\s*\[(?P<code>[^\]]*)\]\s*---")
CODE_RE = re.compile(r"\[(?P<code>[0-9-]+(?::[0-9-]+)?)\]")
SLOT_MARKERS = {"+", "$", "%", "^"}


def split_code(text: str) -> tuple[str, str]:
    """'042:043' -> ('042', '043'); '040' -> ('040', '')."""
    code, _, reverse = text.strip().partition(":")
    return code.strip(), reverse.strip()


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    synsets: dict[str, list[str]] = {}
    current = None
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if line.startswith("####### VERB PATTERNS"):
            break
        if not line:
            continue
        if line.startswith("&"):
            current = line[1:].rstrip("_").lower()
            synsets[current] = []
        elif line.startswith("+") and current:
            synsets[current].append(line[1:].strip().lower())
    return synsets


def verb_entry(line: str) -> tuple[str, list[str], str | None]:
    """'+MEET_WITH {+MET_WITH +MEETS_WITH} [040]' -> ('meet with', ['met with', 'meets with'], '040')."""
    code = None
    found = CODE_RE.search(line)
    if found:
        code = found.group("code")
        line = line[: found.start()] + line[found.end():]
    forms: list[str] = []
    braces = re.search(r"\{([^}]*)\}", line)
    if braces:
        forms = [f.strip("+_").replace("_", " ").replace("+", "").lower() for f in braces.group(1).split()]
        line = line[: braces.start()] + line[braces.end():]
    word = line.strip().lstrip("+").rstrip("_").replace("+", "")
    return word.replace("_", " ").lower(), [f for f in forms if f], code


def pattern_tokens(body: str) -> list[str] | None:
    """'* ON + TO SHOW TOLERANCE' -> ['*', 'on', '+', 'to', 'show', 'tolerance'], or None when
    the pattern needs words before the verb."""
    out: list[str] = []
    for raw in body.split():
        if raw.startswith("*_"):  # '*_UP FOR' : particle glued to the verb
            out.append("*")
            out.extend(w.lower() for w in raw[2:].split("_") if w)
            continue
        if raw.startswith("&"):
            out.append(raw.rstrip("_").lower())
            continue
        if raw in SLOT_MARKERS or raw == "*":
            out.append(raw)
            continue
        whole = raw.endswith("_")
        parts = [p for p in raw.strip("_").split("_") if p]
        for i, part in enumerate(parts):
            if part in SLOT_MARKERS:
                out.append(part)
            elif part.startswith("&"):
                out.append(part.lower())
            else:
                out.append(part.lower() + ("_" if whole and i == len(parts) - 1 else ""))
    if "*" not in out:
        return None
    star = out.index("*")
    if any(tok not in SLOT_MARKERS for tok in out[:star]):
        return None
    # '^' (skip a phrase) and '%' (compound actor) carry no constraint the parse needs
    kept = [tok for tok in out if tok not in {"^", "%"}]
    return kept


def convert(dictionary: Path) -> tuple[list[dict], dict[str, list[str]], Counter]:
    lines = dictionary.read_text(encoding="utf-8", errors="replace").splitlines()
    synsets = read_synsets(lines)
    start = next(i for i, l in enumerate(lines) if l.startswith("####### VERB PATTERNS"))
    rows: list[dict] = []
    stats: Counter = Counter()
    block = block_code = None
    for number, raw in enumerate(lines[start + 1:], start=start + 2):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        header = BLOCK_RE.match(line.strip())
        if header:
            block, block_code = header.group("name"), header.group("code").strip()
            stats["blocks"] += 1
            continue
        if block is None:
            continue
        if line.startswith("-"):
            found = CODE_RE.search(line)
            if not found:
                stats["pattern without code"] += 1
                continue
            tokens = pattern_tokens(line[1: found.start()])
            if tokens is None:
                stats["pattern dropped (words before verb)"] += 1
                continue
            code, reverse = split_code(found.group("code"))
            rows.append({"block": block, "verb": "", "forms": "", "pattern": " ".join(tokens),
                         "code": code, "reverse": reverse, "origin": f"line {number}"})
            stats["pattern kept"] += 1
            continue
        word, forms, own = verb_entry(line)
        if not word or not re.fullmatch(r"[a-z][a-z' -]*", word):
            stats["verb skipped (odd)"] += 1
            continue
        code, reverse = split_code(own or block_code)
        rows.append({"block": block, "verb": word, "forms": ",".join(forms), "pattern": "",
                     "code": code, "reverse": reverse, "origin": f"line {number}"})
        stats["verb kept"] += 1
    return rows, synsets, stats


def valid_codes(code_table: Path) -> set[str]:
    with open(code_table, encoding="utf-8", newline="") as handle:
        return {row["code"] for row in csv.DictReader(handle, delimiter="\t")}


# codes whose PLOVER type follows PLOVER's earlier mapping (cameo/CAMEO-PLOV.txt in the PLOVER repository,
# the one its 0.5 manual and gold-standard records were written with) rather than CAMEO2PLOVER-2021
EARLIER_PLOVER = {"1712": "COERCE"}


def copy_code_table(code_table: Path, target: Path) -> None:
    """Copy the CAMEO code table, adding one column that says where each PLOVER type comes from.
    Root 02 (appeals) has no PLOVER row in CAMEO2PLOVER-2021; PLOVER's REQUEST is defined to cover
    requests and appeals alike, so we map it there and say so."""
    with open(code_table, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    with open(target, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(rows[0] + ["plover_basis"])
        for row in rows[1:]:
            basis = "PLOVER CAMEO2PLOVER-2021" if row[5] else ""
            if row[2] == "02" and not row[5]:
                row[5] = "REQUEST"
                basis = "dyadwatch: PLOVER REQUEST covers CAMEO appeals (02) as well as demands (10)"
            if row[0] in EARLIER_PLOVER:
                row[5] = EARLIER_PLOVER[row[0]]
                basis = ("PLOVER cameo/CAMEO-PLOV.txt (the mapping of the PLOVER 0.5 manual): destroying "
                         "property is coercion, not an assault on people")
            writer.writerow(row + [basis])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dictionary", type=Path, default=DICTIONARY)
    parser.add_argument("--codes", type=Path, default=CODE_TABLE)
    parser.add_argument("--out", type=Path, default=DATA)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    copy_code_table(args.codes, args.out / "cameo_codes.tsv")
    known = valid_codes(args.codes) | {"---"}
    rows, synsets, stats = convert(args.dictionary)
    kept = []
    for row in rows:
        if row["code"] not in known or (row["reverse"] and row["reverse"] not in known):
            stats["dropped (code not in CAMEO table)"] += 1
            continue
        kept.append(row)

    header = ["block", "verb", "forms", "pattern", "code", "reverse", "origin"]
    with open(args.out / "cameo_verbs.tsv", "w", encoding="utf-8", newline="") as out:
        out.write(f"# Converted by bench/convert_verb_patterns.py from {args.dictionary.name}\n")
        out.write("# (openeventdata/petrarch2 @ 676801cd, MIT, (c) 2015 Open Event Data Alliance; see NOTICE.md)\n")
        writer = csv.DictWriter(out, fieldnames=header, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(kept)
    with open(args.out / "cameo_synsets.tsv", "w", encoding="utf-8", newline="") as out:
        out.write(f"# Word sets of {args.dictionary.name} (MIT, see NOTICE.md); '_' joins a phrase\n")
        out.write("name\twords\n")
        for name, words in sorted(synsets.items()):
            out.write(f"{name}\t{' '.join(words)}\n")
    for key, value in sorted(stats.items()):
        print(f"{key:40s} {value}")
    print(f"{'rows written':40s} {len(kept)}  ({args.out / 'cameo_verbs.tsv'})")
    print(f"{'word sets written':40s} {len(synsets)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
