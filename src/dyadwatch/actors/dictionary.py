"""The actor dictionary: data files in, a name lookup out.

Every table, shipped or the user's, is a TSV file with one layout (a user's table may also
be YAML with the same fields, see data/README.md):

    actor_id <TAB> kind <TAB> code <TAB> start <TAB> end <TAB> names [<TAB> lat <TAB> lon]

- `kind`: country, capital, seat, person, org, media, group (armed non-state) or agent
  (a role noun: "police", "lawmaker"; its `code` is the role alone, e.g. COP).
- `code`: CAMEO style, country ISO3 + roles (`ARMGOV`) or `IGO...` for organisations.
- `start`/`end`: ISO dates (YYYY-MM-DD, or YYYY-MM) bounding when the code held; empty = open.
- `names`: `|`-separated; may be empty on further rows of the same actor. A Russian name (in
  Cyrillic) is written in its dictionary form ("Армения", "Никол Пашинян", "российский"); its
  case forms are found from it (Армении, Арменией, Пашиняна, российских).
- A row with no code, for an actor an earlier table holds, only gives it more names (another
  language's: `names_ru.tsv`), keeping its codes and dates.
- `lat`, `lon` (optional, for kinds country, capital and place only; other rows may use further
  columns for notes): a place's point in decimal degrees (WGS84), for an event's location.

Several rows with the same actor_id give one actor several (dated) codes. A later
file wins: if it names an actor_id already loaded, its rows replace that actor's
codes (names are added), and its names are looked up before earlier files' names.
Lines starting with `#` are comments.
"""
from __future__ import annotations

import gc
import hashlib
import marshal
import os
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Iterable

__all__ = [
    "ActorDictionary",
    "ActorEntry",
    "CodeSpan",
    "DATA_DIR",
    "SHIPPED_FILES",
    "USER_FILE_NAMES",
    "cache_dir",
    "load_dictionary",
    "user_actor_files",
    "name_keys",
    "token_key",
    "split_code",
]

DATA_DIR = Path(__file__).with_name("data")
# Load order matters: later files win (hand-written tables correct the Phoenix ones).
SHIPPED_FILES = (
    "geonames_places.tsv",  # first: any other table's reading of a name wins over a town's
    "phoenix_countries.tsv",
    "phoenix_international.tsv",
    "phoenix_nonstate.tsv",
    "phoenix_agents.tsv",
    "agents_extra.tsv",
    "places_extra.tsv",
    "organisations_extra.tsv",
    "office_holders.tsv",
    "names_ru.tsv",  # names only: Russian names of the actors above
)
# Points of places that are not actor rows of their own (countries, capitals, Phoenix's cities):
# not an actor table, read beside them (see bench/convert_gazetteer.py).
POINTS_FILE = "place_points.tsv"
# A user's own table found in the working directory (the CLI's `--actors FILE` adds more).
USER_FILE_NAMES = ("dyadwatch-actors.tsv", "dyadwatch-actors.yaml", "dyadwatch-actors.yml")

# Kinds that name a place: the only rows whose lat/lon columns are read.
PLACE_KINDS = frozenset({"country", "capital", "place"})
# Prefixes that are not countries: the code names an organisation or a non-state type.
NON_STATE = {"IGO", "NGO", "MNC", "IMG", "ISM", "UAF", "---"}
ROLE_CODES = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "MED", "REL", "BUS", "OPP", "REB", "CVL", "EDU",
              "ELI", "HLH", "HRI", "LAB", "AGR", "DEV", "ENV", "REF", "MOD", "RAD", "CRM", "UAF", "PTY",
              "SEP", "INS", "PPL", "NGO"}

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_SPLIT = re.compile(r"([\-\u2010-\u2015/(),])")
_POSSESSIVE = re.compile(r"(?i)['\u2019]s\b")
_PLURAL_POSSESSIVE = re.compile(r"(?i)(?<=s)['\u2019](?=\s|$)")


_KEY_CHARACTERS = str.maketrans({"\u2019": "'", "\u2018": "'", **{chr(c): "-" for c in range(0x2010, 0x2016)}})


@lru_cache(maxsize=1 << 16)  # called for every word, several times; words repeat
def token_key(text: str) -> str:
    """How a word is compared: lower case, curly quotes straight, dashes one kind, no dots
    ("U.S." and "US" are the same key)."""
    text = text.lower().translate(_KEY_CHARACTERS)
    return text.replace(".", "") if text != "." else text


_SPECIAL = re.compile(r"[\-\u2010-\u2015/(),'\u2018\u2019._]")


def name_keys(name: str) -> tuple[str, ...]:
    """A dictionary name as the keys of the tokens spaCy gives for it
    ("Mazar-i-Sharif" -> mazar - i - sharif; "Children's" -> children 's)."""
    if not _SPECIAL.search(name):  # the common case, kept fast: loading must stay well under 1 s
        return tuple(name.lower().split())
    text = name.replace("_", " ")
    text = _SPLIT.sub(r" \1 ", text)
    text = _POSSESSIVE.sub(" 's", text)
    text = _PLURAL_POSSESSIVE.sub(" '", text)  # "Citizens' Assembly": spaCy splits the apostrophe
    # hyphens are skipped on both sides: "Jean-Bertrand" and "Jean Bertrand" are one name
    return tuple(k for k in (token_key(w) for w in text.split()) if k and k != "-")


def split_code(code: str) -> tuple[str | None, str | None]:
    """'ARMGOV' -> ('ARM', 'GOV'); 'IGOEURCSTO' -> (None, None); 'IGOUNOJUDICJ' -> (None, 'JUD');
    '---COP' -> (None, 'COP')."""
    prefix = code[:3]
    triples = [code[i:i + 3] for i in range(3, len(code), 3)]
    if prefix in NON_STATE or not prefix.isalpha():
        role = next((t for t in triples if t in ROLE_CODES and t != "NGO"), None)
        return None, role
    return prefix, (triples[0] if triples else None)


@lru_cache(maxsize=None)
def _parse_date(text: str, *, end: bool = False) -> date | None:
    text = text.strip()
    if not text:
        return None
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31) if end else date(parts[0], 1, 1)
    if len(parts) == 2:
        if end:
            nxt = date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return date(parts[0], parts[1], 1)
    return date(*parts[:3])


@dataclass(frozen=True, slots=True)
class CodeSpan:
    """One code an actor held, and when (None = open on that side)."""

    code: str
    start: date | None = None
    end: date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def holds_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(slots=True)
class ActorEntry:
    actor_id: str
    kind: str
    names: list[str] = field(default_factory=list)
    codes: list[CodeSpan] = field(default_factory=list)
    priority: int = 0  # index of the file that last defined it: higher wins
    point: tuple[float, float] | None = None  # (lat, lon) of a place, when its table gives one

    def code_on(self, day: date | None) -> str | None:
        """The code held on `day`. Several dated codes: the one that began last. None as the
        day: the most recent dated code. No dated code holds: the undated one, else the
        country of the nearest dated one (right country, role unknown)."""
        dated = [c for c in self.codes if c.dated]
        undated = [c for c in self.codes if not c.dated]
        if day is None:
            if dated:
                return max(dated, key=lambda c: (c.start or date.min, c.end or date.max)).code
            return undated[0].code if undated else None
        holding = [c for c in dated if c.holds_on(day)]
        if holding:
            return max(holding, key=lambda c: c.start or date.min).code
        if undated:
            return undated[0].code
        if not dated:
            return None

        def distance(c: CodeSpan) -> int:
            edge = c.start if c.start and day < c.start else c.end
            return abs((edge - day).days) if edge else 0

        nearest = min(dated, key=distance).code
        country, _ = split_code(nearest)
        return country or nearest

    def holds_office_on(self, day: date | None) -> bool:
        """Whether a dated code (an office, not a default) holds on `day` (None: any open one)."""
        if day is None:
            return any(c.dated and c.end is None for c in self.codes)
        return any(c.dated and c.holds_on(day) for c in self.codes)


_TERMINAL = ""  # trie key under which a node keeps the actor ids whose name ends there


class ActorDictionary:
    """Names and role nouns in tries over token keys; actors by id."""

    def __init__(self) -> None:
        self.actors: dict[str, ActorEntry] = {}
        self.name_trie: dict = {}
        self.agent_trie: dict = {}
        self.files: list[str] = []
        self._surnames: dict[str, list[str]] | None = None
        # place_points.tsv: ISO3 -> (name, FIPS, lat, lon); (name keys joined, ISO3) -> (name, lat, lon)
        self.countries: dict[str, tuple[str, str, float, float]] = {}
        self.towns: dict[tuple[str, str], tuple[str, float, float]] = {}
        # a Russian word's case forms -> the key its table writes it as ("армении" -> "армения")
        self.word_forms: dict[str, str] = {}

    # -- building -------------------------------------------------------------------------
    def load_file(self, path: str | Path) -> None:
        """Add one table: TSV, or YAML when the name ends in .yaml / .yml."""
        path = Path(path)
        priority = len(self.files) + 1
        self.files.append(str(path))
        replaced: set[str] = set()
        rows = _yaml_rows(path) if path.suffix.lower() in (".yaml", ".yml") else _tsv_rows(path)
        spans: dict[tuple[str, str, str], CodeSpan] = {}  # one shared span per (code, start, end)
        for where, actor_id, kind, code, start, end, names, point in rows:
            span = spans.get((code, start, end))
            if span is None:
                try:
                    span = spans[(code, start, end)] = CodeSpan(code.upper(), _parse_date(start),
                                                                _parse_date(end, end=True))
                except ValueError as error:
                    raise ValueError(f"{path}:{where}: bad date: {error}") from None
            self._add(actor_id, kind or "org", span, names, priority, replaced)
            if point is not None:
                try:
                    lat, lon = float(point[0]), float(point[1])
                except ValueError:
                    raise ValueError(f"{path}:{where}: lat and lon must be numbers, got {point[0]!r}, {point[1]!r}") from None
                if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                    raise ValueError(f"{path}:{where}: lat/lon out of range: {lat}, {lon}")
                self.actors[actor_id].point = (lat, lon)

    def load_points(self, path: str | Path) -> None:
        """Read place_points.tsv: countries' points (with FIPS codes) and towns' points by name."""
        with Path(path).open(encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("#") or not line.strip():
                    continue
                kind, name, country, fips, lat, lon = line.rstrip("\n").split("\t")
                if kind == "country":
                    self.countries[country] = (name, fips, float(lat), float(lon))
                else:
                    self.towns[(" ".join(name_keys(name)), country)] = (name, float(lat), float(lon))

    def _add(self, actor_id: str, kind: str, span: CodeSpan, names: list[str], priority: int,
             replaced: set[str]) -> None:
        entry = self.actors.get(actor_id)
        if entry is not None and not span.code and actor_id not in replaced:
            kind = entry.kind  # names only: the actor keeps its codes, dates and kind
        elif entry is None:
            entry = self.actors[actor_id] = ActorEntry(actor_id, kind, priority=priority)
            replaced.add(actor_id)
        elif actor_id not in replaced:  # a later file corrects this actor: its codes replace the old
            entry.codes.clear()
            entry.kind, entry.priority = kind, priority
            replaced.add(actor_id)
        if span.code:
            entry.codes.append(span)
        trie = self.agent_trie if kind == "agent" else self.name_trie
        for name in names:
            name = name.strip()
            entry.names.append(name)
            if _CYRILLIC.search(name):
                self._insert(trie, self._russian_keys(name), actor_id)
                continue
            forms = [name_keys(name)]
            if kind == "agent":
                forms += [keys[:-1] + (plural,) for keys in forms[:1] if keys
                          for plural in _plurals(keys[-1])]
            for keys in forms:
                if keys:
                    self._insert(trie, keys, actor_id)

    def _russian_keys(self, name: str) -> tuple[str, ...]:
        """A Russian name's keys, a word each, its words' case forms recorded in `word_forms`."""
        from ..nlp import russian_word_forms

        keys = []
        for word in name.split():
            key, forms = russian_word_forms(word)
            # a form already read as another word's stays that word's: text and tables agree
            key = self.word_forms.setdefault(word.lower().replace("ё", "е"), key.replace("ё", "е"))
            for form in forms:
                self.word_forms.setdefault(form.replace("ё", "е"), key)
            keys.append(key)
        return tuple(keys)

    def russian_key(self, text: str) -> str:
        """How a Russian token is compared with the tables' names: the word its form is of."""
        lower = text.lower().replace("ё", "е")
        return self.word_forms.get(lower, lower)

    @staticmethod
    def _insert(trie: dict, keys: tuple[str, ...], actor_id: str) -> None:
        node = trie
        for key in keys:
            node = node.setdefault(key, {})
        ids = node.setdefault(_TERMINAL, [])
        if actor_id not in ids:
            ids.append(actor_id)

    # -- lookup ---------------------------------------------------------------------------
    @staticmethod
    def _walk(trie: dict, keys: list[str], start: int) -> list[tuple[int, list[str]]]:
        """Every name starting at keys[start]: (length, actor ids), shortest first."""
        found = []
        node = trie
        for i in range(start, len(keys)):
            # an empty key (a token that is all punctuation) is no word; it would reach the ids
            node = node.get(keys[i]) if keys[i] != _TERMINAL else None
            if node is None:
                break
            if _TERMINAL in node:
                found.append((i - start + 1, node[_TERMINAL]))
        return found

    def names_at(self, keys: list[str], start: int) -> list[tuple[int, list[str]]]:
        return self._walk(self.name_trie, keys, start)

    def agents_at(self, keys: list[str], start: int, last_keys: list[str] | None = None
                  ) -> list[tuple[int, list[str]]]:
        """Role nouns starting at keys[start]; a phrase's last word may also match by its
        lemma (`last_keys`), so irregular plurals need no entry."""
        # most words begin no role noun: asked for every word, so answered at once
        if keys[start] not in self.agent_trie and (last_keys is None or last_keys[start] not in self.agent_trie):
            return []
        found = dict(self._walk(self.agent_trie, keys, start))
        if last_keys is not None:
            node = self.agent_trie
            for i in range(start, len(keys)):
                lemma_node = node.get(last_keys[i]) if last_keys[i] != _TERMINAL else None
                if lemma_node is not None and _TERMINAL in lemma_node:
                    found.setdefault(i - start + 1, lemma_node[_TERMINAL])
                node = node.get(keys[i]) if keys[i] != _TERMINAL else None
                if node is None:
                    break
        return sorted(found.items())

    def is_role_word(self, key: str) -> bool:
        """Whether one word, as a token key, is a role noun of its own ("army", "rebels")."""
        node = self.agent_trie.get(key) if key != _TERMINAL else None
        return node is not None and _TERMINAL in node

    def lookup(self, name: str) -> list[ActorEntry]:
        """The actors a whole name resolves to, best file first (for tools and tests)."""
        keys = list(name_keys(name))
        for trie in (self.name_trie, self.agent_trie):
            hits = [ids for length, ids in self._walk(trie, keys, 0) if length == len(keys)]
            if hits:
                return sorted((self.actors[i] for i in hits[0]), key=lambda e: -e.priority)
        return []

    def people_named(self, surname_key: str) -> list[str]:
        """The persons whose name ends in this word (built on first use)."""
        if self._surnames is None:
            index: dict[str, list[str]] = {}
            for entry in self.actors.values():
                if entry.kind != "person":
                    continue
                for name in entry.names:
                    keys = name_keys(name)
                    if len(keys) >= 2 and entry.actor_id not in index.get(keys[-1], ()):
                        index.setdefault(keys[-1], []).append(entry.actor_id)
            self._surnames = index
        return self._surnames.get(surname_key, [])

    def role_of_agent(self, actor_id: str) -> str:
        return self.actors[actor_id].codes[0].code if self.actors[actor_id].codes else ""

    def __len__(self) -> int:
        return len(self.actors)


def _plurals(word: str) -> list[str]:
    """Regular English plurals of a role noun (the Phoenix agents file leaves them out)."""
    if not word.isalpha():
        return []
    if word.endswith("man"):
        return [word[:-3] + "men"]
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return [word[:-1] + "ies"]
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return [word + "es"]
    return [word + "s"]


# where, actor_id, kind, code, start, end, names, (lat, lon) as written or None
Row = tuple[str, str, str, str, str, str, list[str], "tuple[str, str] | None"]


def _tsv_rows(path: Path) -> Iterable[Row]:
    with path.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 3:
                raise ValueError(f"{path}:{line_no}: expected actor_id, kind, code, start, end, names")
            fields += [""] * (8 - len(fields))
            actor_id, kind, code, start, end, names, lat, lon = (f.strip() for f in fields[:8])
            if kind not in PLACE_KINDS:  # other tables use further columns for notes ("office")
                lat = lon = ""
            if bool(lat) != bool(lon):
                raise ValueError(f"{path}:{line_no}: give both lat and lon, or neither")
            yield (str(line_no), actor_id, kind, code, start, end, [n for n in names.split("|") if n.strip()],
                   (lat, lon) if lat else None)


def _yaml_rows(path: Path) -> Iterable[Row]:
    """A YAML table: a list of actors, each `{id, kind, names, code, start, end}` or with
    `codes: [{code, start, end}, ...]` for several dated codes (see data/README.md)."""
    import yaml  # only users' YAML files need it

    with path.open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle) or []
    if isinstance(document, dict):  # also accepted: {actors: [...]}
        document = document.get("actors") or []
    if not isinstance(document, list):
        raise ValueError(f"{path}: expected a list of actors")
    for number, item in enumerate(document, 1):
        if not isinstance(item, dict) or not item.get("id") or not (item.get("code") or item.get("codes")):
            raise ValueError(f"{path}: actor {number}: needs an id and a code (or codes)")
        names = item.get("names") or []
        names = [names] if isinstance(names, str) else [str(n) for n in names]
        codes = item.get("codes") or [{"code": item.get("code"), "start": item.get("start"),
                                        "end": item.get("end")}]
        for code in codes:
            text = lambda key: "" if code.get(key) is None else str(code.get(key)).strip()  # noqa: E731
            point = (str(item["lat"]), str(item["lon"])) if item.get("lat") is not None \
                and item.get("lon") is not None else None
            yield (f"actor {number}", str(item["id"]).strip(), str(item.get("kind") or "org").strip(),
                   text("code"), text("start"), text("end"), names, point)
            names = []  # further codes of the same actor carry no names


def user_actor_files(directory: str | Path | None = None) -> list[Path]:
    """The user's actor tables found in `directory` (default: the working directory)."""
    folder = Path(directory) if directory is not None else Path.cwd()
    return [folder / name for name in USER_FILE_NAMES if (folder / name).is_file()]


# -- the compiled cache ---------------------------------------------------------------------
# Building the tries from ~70,000 TSV rows takes most of a second; a compiled copy (marshal of
# plain dicts, lists and tuples) loads in a fifth of that. It is keyed by the size and mtime
# of every source table and of this module, so any edit rebuilds it: it is never stale, and
# an unreadable or foreign cache file is ignored.
_CACHE_FORMAT = 3


def cache_dir() -> Path:
    """Where compiled actor tables are kept: $XDG_CACHE_HOME/dyadwatch, else ~/.cache/dyadwatch."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "dyadwatch"


def _cache_key(paths: list[Path]) -> str:
    from .. import __version__

    parts = [f"format={_CACHE_FORMAT}", f"version={__version__}"]
    # nlp.py reads the Russian names' case forms: the cache is of its reading too
    for path in [Path(__file__), Path(__file__).parents[1] / "nlp.py", *paths]:
        stat = path.stat()
        parts.append(f"{path.resolve()}\t{stat.st_size}\t{stat.st_mtime_ns}")
    return "\n".join(parts)


def _to_plain(dictionary: ActorDictionary) -> tuple:
    ordinal = lambda day: None if day is None else day.toordinal()  # noqa: E731
    actors = [(e.actor_id, e.kind, e.names, [(c.code, ordinal(c.start), ordinal(c.end)) for c in e.codes],
               e.priority, e.point) for e in dictionary.actors.values()]
    return actors, dictionary.name_trie, dictionary.agent_trie, dictionary.files, dictionary.countries, \
        dictionary.towns, dictionary.word_forms


def _from_plain(plain: tuple) -> ActorDictionary:
    actors, name_trie, agent_trie, files, countries, towns, word_forms = plain
    spans: dict[tuple, CodeSpan] = {}  # shared, as when built from the tables

    def span(code: str, start: int | None, end: int | None) -> CodeSpan:
        found = spans.get((code, start, end))
        if found is None:
            found = spans[(code, start, end)] = CodeSpan(
                code, None if start is None else date.fromordinal(start),
                None if end is None else date.fromordinal(end))
        return found

    dictionary = ActorDictionary()
    dictionary.actors = {actor_id: ActorEntry(actor_id, kind, names, [span(*c) for c in codes], priority, point)
                         for actor_id, kind, names, codes, priority, point in actors}
    dictionary.name_trie, dictionary.agent_trie, dictionary.files = name_trie, agent_trie, files
    dictionary.countries, dictionary.towns, dictionary.word_forms = countries, towns, word_forms
    return dictionary


def _read_cache(path: Path, key: str) -> ActorDictionary | None:
    try:
        stored_key, plain = marshal.loads(path.read_bytes())
        if stored_key != key:
            return None
        return _from_plain(plain)
    except (OSError, EOFError, ValueError, TypeError):  # missing, truncated or foreign: rebuild
        return None


def _write_cache(path: Path, key: str, dictionary: ActorDictionary) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_bytes(marshal.dumps((key, _to_plain(dictionary))))
        os.replace(partial, path)  # atomic: a concurrent reader sees the old file or the new
        for old in path.parent.glob("actors-*.marshal"):  # copies of tables since edited
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, ValueError):  # a read-only home or a full disk costs speed, not results
        pass


def _shipped() -> ActorDictionary:
    """A fresh dictionary of the shipped tables, from the cache when it is current.
    Only the shipped tables are cached: one file, whatever users' tables come and go."""
    paths = [DATA_DIR / name for name in SHIPPED_FILES if (DATA_DIR / name).is_file()]
    points = DATA_DIR / POINTS_FILE
    key = _cache_key(paths + [points])
    cache_file = cache_dir() / f"actors-{hashlib.sha256(key.encode()).hexdigest()[:16]}.marshal"
    dictionary = _read_cache(cache_file, key)
    if dictionary is None:
        dictionary = ActorDictionary()
        for path in paths:
            dictionary.load_file(path)
        dictionary.load_points(points)
        _write_cache(cache_file, key, dictionary)
    return dictionary


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...]) -> ActorDictionary:
    # The build makes hundreds of thousands of small dicts and lists that all live on;
    # the cyclic collector would walk them again and again for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        dictionary = _shipped()
        for path in extra:  # users' tables go on top, exactly as if read after the shipped ones
            dictionary.load_file(path)
        return dictionary
    finally:
        if collecting:
            gc.enable()


def load_dictionary(*, extra: Iterable[str | Path] = ()) -> ActorDictionary:
    """The shipped tables plus the user's files (`extra`, loaded last so they win), through
    one loader. Cached: the same files give the same instance; treat it as read-only."""
    return _load(tuple(str(Path(p).resolve()) for p in extra))
