"""Convert the Phoenix (CAMEO) actor and agent dictionaries into dyadwatch's data files.

One-off and reproducible: run it again and the same TSV files come out.

    .venv/bin/python bench/convert_actor_dictionaries.py [/work/shared/dictionaries]

Reads   Phoenix.Countries.actors.txt, Phoenix.International.actors.txt,
        Phoenix.MilNonState.actors.txt, Phoenix.agents.txt  (MIT, Open Event Data Alliance)
Writes  src/dyadwatch/actors/data/phoenix_{countries,international,nonstate}.tsv
        src/dyadwatch/actors/data/phoenix_agents.tsv

The TABARI/PETRARCH format: a name line starts an entry, `+` lines add synonyms,
`[CODE dates]` give codes (on the name line or on their own lines), `#` starts a
comment, `_` joins words. Dates are YYMMDD or YYYYMMDD, as `a-b`, `>a` or `<b`.

Choices made here (documented in data/NOTICE.md):
- religion codes (CHR, MUS, JEW, HIN, BUD, ...) as a role become REL, the role name
  the project uses; the rest of a code is kept as it is.
- codes that name no actor (`---`, a bare role such as `ELI`) are dropped.
- a two-digit year below 30 is 20YY, otherwise 19YY.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "dyadwatch" / "actors" / "data"

RELIGIONS = {"CHR", "MUS", "JEW", "HIN", "BUD", "SIK", "JAN", "ZRO", "SHN", "TAO", "CON", "DOX",
             "BAH", "ATH", "ITR"}
ROLES = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "MED", "REL", "BUS", "OPP", "REB", "CVL", "EDU",
         "ELI", "HLH", "HRI", "LAB", "AGR", "DEV", "ENV", "REF", "MOD", "RAD", "CRM", "UAF", "PTY",
         "NGO", "IGO", "MNC", "IMG", "SEP", "INS", "UNR", "PPL", "SET", "INT"}

# Phoenix country codes that are not (or no longer) ISO 3166 alpha-3
RENAMED = {"TMP": "TLS", "ROM": "ROU", "ZAR": "COD"}

CODE_RE = re.compile(r"\[([^\]]*)\]")


def parse_date(text: str) -> str | None:
    """YYMMDD or YYYYMMDD -> ISO date; anything else (typos in the source) -> None."""
    text = text.strip()
    if len(text) == 6 and text.isdigit():
        yy, mm, dd = int(text[:2]), text[2:4], text[4:6]
        year = 2000 + yy if yy < 30 else 1900 + yy
        return f"{year:04d}-{mm}-{dd}"
    if len(text) == 8 and text.isdigit():
        return f"{text[:4]}-{text[4:6]}-{text[6:8]}"
    return None


def clean_code(code: str) -> str | None:
    """Keep a code that names an actor; religion roles become REL."""
    code = code.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}(?:[A-Z]{3})*", code):
        return None
    triples = [code[i:i + 3] for i in range(0, len(code), 3)]
    if triples[0] in ROLES and triples[0] not in {"IGO", "NGO", "MNC", "IMG"}:
        return None  # a bare role (ELI, GOV...) names no actor
    triples[0] = RENAMED.get(triples[0], triples[0])
    if len(triples) > 1 and triples[1] in RELIGIONS:
        triples = [triples[0], "REL"]
    return "".join(triples)


def parse_code(raw: str) -> tuple[str, str | None, str | None] | None:
    """'AZEGOV 030804-031104' -> ('AZEGOV', '2003-08-04', '2003-11-04')."""
    parts = raw.split()
    if not parts:
        return None
    code = clean_code(parts[0])
    if code is None:
        return None
    start = end = None
    spec = "".join(parts[1:])
    if spec.startswith(">"):
        start = parse_date(spec[1:])
    elif spec.startswith("<"):
        end = parse_date(spec[1:])
    elif "-" in spec:
        a, b = spec.split("-", 1)
        start, end = parse_date(a), parse_date(b)
    return code, start, end


def phrase(raw: str) -> str:
    """'ILHAM_ALIYEV_' -> 'ILHAM ALIYEV'."""
    return " ".join(part for part in raw.strip().replace("_", " ").split())


_MINOR = {"OF", "THE", "AND", "FOR", "IN", "DE", "LA", "AL"}


# One-word names of armed groups that are ordinary English words (or acronyms that spell one):
# capitalised in a headline or a team's name they would fire ("Tigers" is not a Swazi rebel).
COMMON_WORD_NAMES = {"TIGERS", "ORGANIZATION", "YOUTH", "ZERO", "FALCON", "MAVERICKS", "LET", "HUM",
                     "AN", "CA", "CAMO", "HM", "JI", "ELA", "ANA"}


def name_forms(name: str) -> list[str]:
    """A name with a trailing parenthesis also stands without it when the parenthesis is its
    acronym ("LIBERATION TIGERS OF TAMIL EELAM (LTTE)" -> the long name and "LTTE"), or is
    left open ("STANKO TODOROV (ACTING"). Other parentheses ("SAMOA (AMERICAN)") stay."""
    match = re.match(r"^(.*\S)\s*\(([^()]*)\)?$", name)
    if not match:
        return [name]
    base, inner = match.group(1), match.group(2).strip()
    if not name.endswith(")"):
        return [base]
    initials = "".join(w[0] for w in base.replace("-", " ").split() if w not in _MINOR)
    letters = inner.replace(".", "").replace(" ", "")
    if letters.isalpha() and len(letters) >= 2 and letters == initials[:len(letters)] and letters[0] == initials[0] \
            and len(letters) >= len(initials) - 1:
        return [name, base, inner]
    return [name]


class Entry:
    def __init__(self, name: str, comment: str):
        self.names = [name]
        self.codes: list[tuple[str, str | None, str | None]] = []
        self.comment = comment


def read_actor_file(path: Path) -> list[Entry]:
    entries: list[Entry] = []
    current: Entry | None = None
    current_had_code = False
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body, _, comment = line.partition("#")
        if not body.strip():
            continue
        codes = [c for c in (parse_code(raw) for raw in CODE_RE.findall(body))]
        had_code_text = bool(CODE_RE.search(body))
        rest = CODE_RE.sub(" ", body).strip()
        if rest.startswith("+"):
            if current is not None and phrase(rest[1:]):
                current.names.append(phrase(rest[1:]))
        elif rest:
            name = phrase(rest)
            # a second root line before any code is another name of the same entry
            if current is not None and not current.codes and not current_had_code:
                current.names.append(name)
            else:
                current = Entry(name, comment)
                entries.append(current)
                current_had_code = False
        if current is not None:
            current.codes.extend(c for c in codes if c is not None)
            if had_code_text:
                current_had_code = True
    return [e for e in entries if e.codes]


def kind_of(entry: Entry, default: str) -> str:
    if default != "country":
        return default
    undated_bare = any(len(code) == 3 and not start and not end for code, start, end in entry.codes)
    if "CountryInfo" in entry.comment or any(code.endswith("ELI") for code, _, _ in entry.codes):
        return "person"
    if any(len(code) == 3 for code, _, _ in entry.codes) or undated_bare:
        return "country"
    if any(start or end for _, start, end in entry.codes):
        return "person"
    return "org"


def write_actors(entries: list[Entry], out: Path, default_kind: str, prefix: str) -> int:
    seen: dict[str, int] = {}
    rows = ["# actor_id\tkind\tcode\tstart\tend\tnames (|-separated)"]
    for entry in entries:
        base = re.sub(r"[^A-Z0-9]+", "_", entry.names[0].upper()).strip("_") or "ACTOR"
        seen[base] = seen.get(base, 0) + 1
        actor_id = f"{prefix}{base}" if seen[base] == 1 else f"{prefix}{base}~{seen[base]}"
        kind = kind_of(entry, default_kind)
        names = "|".join(dict.fromkeys(f for n in entry.names if n for f in name_forms(n)
                                       if f not in COMMON_WORD_NAMES))
        unique_codes = list(dict.fromkeys(entry.codes))
        for i, (code, start, end) in enumerate(unique_codes):
            rows.append("\t".join([actor_id, kind, code, start or "", end or "", names if i == 0 else ""]))
    out.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return len(rows) - 1


def read_agents(path: Path) -> list[tuple[str, str]]:
    """(names, role) pairs; `{plurals}` and the !PERSON!/!MINIST! macros expanded."""
    macros: dict[str, list[str]] = {}
    agents: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#", 1)[0].rstrip()
        macro = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", body)
        if macro:
            macros[macro.group(1)] = [w.strip() for w in macro.group(2).split(",") if w.strip()]
            continue
        code_match = CODE_RE.search(body)
        if not code_match or "~" not in code_match.group(1):
            continue
        code = code_match.group(1).strip().upper()
        if not code.startswith("~"):
            continue  # e.g. [IGO~]: the noun names an organisation, not a role
        role = clean_code("XXX" + code[1:])
        if role is None:
            continue
        role = role[3:]
        text = body[:code_match.start()]
        plurals = re.findall(r"\{([^}]*)\}", text)
        text = re.sub(r"\{[^}]*\}", " ", text).strip()
        if not text:
            continue
        forms = [text]
        for name, words in macros.items():
            if name in text:
                forms = [f.replace(name, w) for f in forms for w in words]
        # a few entries are stems (FOREIGN MINIST); spell out the words they stand for
        forms = [w for f in forms for w in
                 ([f + "ER", f + "ERS", f + "RY", f + "RIES"] if f.rstrip("_ ").endswith("MINIST") else [f])]
        names = [phrase(f) for f in forms]
        for group in plurals:
            names += [phrase(p) for p in group.split(",") if phrase(p)]
        agents.append(("|".join(dict.fromkeys(n for n in names if n)), role))
    return agents


def main(argv: list[str]) -> None:
    src = Path(argv[1]) if len(argv) > 1 else Path("/work/shared/dictionaries")
    OUT.mkdir(parents=True, exist_ok=True)
    counts = {
        "phoenix_countries.tsv": write_actors(read_actor_file(src / "Phoenix.Countries.actors.txt"),
                                              OUT / "phoenix_countries.tsv", "country", ""),
        "phoenix_international.tsv": write_actors(read_actor_file(src / "Phoenix.International.actors.txt"),
                                                  OUT / "phoenix_international.tsv", "org", "INT:"),
        "phoenix_nonstate.tsv": write_actors(read_actor_file(src / "Phoenix.MilNonState.actors.txt"),
                                             OUT / "phoenix_nonstate.tsv", "group", "NS:"),
    }
    agents = read_agents(src / "Phoenix.agents.txt")
    # agents use the actor table's layout: kind "agent", the role in the code column
    rows = ["# actor_id\tkind\tcode\tstart\tend\tnames (|-separated)"]
    seen: set[str] = set()
    for names, role in agents:
        base = "AGENT:" + re.sub(r"[^A-Z0-9]+", "_", names.split("|")[0].upper()).strip("_")
        actor_id, n = base, 1
        while actor_id in seen:
            n += 1
            actor_id = f"{base}~{n}"
        seen.add(actor_id)
        rows.append(f"{actor_id}\tagent\t{role}\t\t\t{names}")
    (OUT / "phoenix_agents.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    counts["phoenix_agents.tsv"] = len(agents)
    for name, n in counts.items():
        size = (OUT / name).stat().st_size
        print(f"{name}: {n} rows, {size / 1024:.0f} KiB")


if __name__ == "__main__":
    main(sys.argv)
