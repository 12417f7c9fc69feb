"""Verb and noun patterns mapped to CAMEO codes, read from data files.

Files are tab-separated with a header (lines starting with `#` are comments):

    block  verb  forms  pattern  code  reverse  origin  [pos]

- A row with a `verb` and no `pattern` is an entry: the verb (a lemma, or lemma plus
  particle/preposition: "meet with", "call on") codes `code` by default.
- A row with a `pattern` refines the code when the words around the trigger match.
  With a `verb` it applies to that verb only; without one, to every verb of its `block`.
- `pattern` is a space-separated list, `*` the trigger: words (lower case; a trailing
  `_` means whole word only, otherwise a word of 4+ letters also matches as a prefix,
  the dictionary's way of writing stems), `&name` a word set, `+` the target slot, `$`
  the source slot. `+ *` means the subject is the target.
- `reverse` is the code of the mirror event (target acting on source), e.g. visit 042 /
  host 043; `---` as a code means "this reading is not an event".
- `pos` is `verb` (default) or `noun`, for nominal triggers ("the arrest of", "talks with").

Later files override earlier ones: an entry for the same trigger replaces the earlier
entry, and patterns of later files are tried first. The shipped files are the converted
CAMEO dictionary (`cameo_verbs.tsv`) then the project's own additions (`dyadwatch_verbs.tsv`);
user files passed as `extra` come last, through the same loader. A `dyadwatch-patterns.tsv`
in the working directory is the user's file by convention (`user_pattern_files`), as
`dyadwatch-actors.tsv` is for actors.
"""
from __future__ import annotations

import csv
import gc
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

__all__ = ["Entry", "Pattern", "PatternSet", "load_patterns", "phrase_keys", "SHIPPED_FILES", "SYNSET_FILES",
           "USER_PATTERN_FILE_NAMES", "user_pattern_files"]

DATA_DIR = Path(__file__).parent / "data"
SHIPPED_FILES = (DATA_DIR / "cameo_verbs.tsv", DATA_DIR / "dyadwatch_verbs.tsv")
SYNSET_FILES = (DATA_DIR / "cameo_synsets.tsv", DATA_DIR / "dyadwatch_synsets.tsv")
USER_PATTERN_FILE_NAMES = ("dyadwatch-patterns.tsv",)


FUNCTION_WORDS = {"a", "an", "the", "to", "of", "in", "on", "at", "by", "for", "with", "from", "into",
                  "over", "as", "and", "or", "that", "it", "is", "are", "was", "were", "be", "been", "has",
                  "have", "had", "will", "would", "up", "out", "off", "down", "back", "about", "against"}
GENERIC_SETS = {"&preposit1", "&auxverb1", "&auxverb2", "&auxverb3", "&tobeverb"}


@dataclass(frozen=True, slots=True)
class Entry:
    """A trigger word with its default code."""

    trigger: str  # "meet", "meet with", "call on"
    pos: str  # "verb" | "noun"
    block: str
    code: str
    reverse: str
    origin: str
    more_blocks: tuple[str, ...] = ()  # blocks of entries this one overrode: their patterns still apply

    @property
    def head(self) -> str:
        return self.trigger.split()[0]

    @property
    def particle(self) -> str | None:
        words = self.trigger.split()
        return " ".join(words[1:]) if len(words) > 1 else None


@dataclass(frozen=True, slots=True)
class Pattern:
    """Words that must follow the trigger, in order, within its phrase."""

    elements: tuple[str, ...]  # after '*': words, '&set', '+', '$'
    subject_is_target: bool
    code: str
    reverse: str
    origin: str
    text: str  # as written, for the `rule` of an event

    @property
    def target_preposition(self) -> str | None:
        """The preposition right before the target slot ('on' in '* on + to ...')."""
        return _preposition_before(self.elements, "+")

    @property
    def source_preposition(self) -> str | None:
        """The preposition right before the source slot ('in' in '+ * in $ &detention')."""
        return _preposition_before(self.elements, "$")

    @property
    def target_is_object(self) -> bool:
        return bool(self.elements) and self.elements[0] == "+"

    @property
    def words(self) -> list[str]:
        return [e for e in self.elements if e not in ("+", "$")]

    @property
    def is_weak(self) -> bool:
        """Only function words and no target slot after a preposition ("+ * &preposit1 $"):
        on a parse such a pattern matches nearly anything, so the coder does not use it."""
        if self.target_preposition:  # "* on + to": the preposition marks the target
            return False
        return all(w.rstrip("_") in FUNCTION_WORDS or w in GENERIC_SETS for w in self.words)


@lru_cache(maxsize=1 << 14)  # asked of the same few thousand patterns for every trigger
def _preposition_before(elements: tuple[str, ...], slot: str) -> str | None:
    for before, this in zip(elements, elements[1:]):
        if this == slot and before not in ("+", "$") and not before.startswith("&"):
            return before.rstrip("_")
    return None


@dataclass
class PatternSet:
    entries: dict[tuple[str, str], Entry] = field(default_factory=dict)  # (pos, trigger) -> entry
    forms: dict[str, str] = field(default_factory=dict)  # irregular surface form -> trigger
    block_patterns: dict[str, list[Pattern]] = field(default_factory=dict)
    trigger_patterns: dict[tuple[str, str], list[Pattern]] = field(default_factory=dict)
    synsets: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)

    def entry(self, trigger: str, *, pos: str = "verb") -> Entry | None:
        return self.entries.get((pos, trigger))

    def has_head(self, head: str, *, pos: str = "verb") -> bool:
        return (pos, head) in self._heads

    def patterns_for(self, entry: Entry) -> list[Pattern]:
        """Patterns of this trigger first, then of its block; longest first within each."""
        own = self.trigger_patterns.get((entry.pos, entry.trigger), [])
        blocks = [entry.block, *entry.more_blocks] if entry.pos == "verb" else []
        return own + [p for block in blocks for p in self.block_patterns.get(block, [])]

    def candidates(self, entry: Entry, present: set[str]) -> list[Pattern]:
        """`patterns_for(entry)`, in order, keeping only patterns whose words can all be found
        in a phrase with these `phrase_keys` (a pattern ruled out here cannot match), then a
        verb's own "* +" (no words: an actor as its object). Patterns are indexed by one word
        each, so most are never looked at."""
        segments = self._indexes.get(entry)
        if segments is None:
            # `patterns_for` is the trigger's own list then its blocks' lists: one index per
            # list, shared by every entry of a block (hundreds of entries share a few blocks)
            keys = [("trigger", entry.pos, entry.trigger)]
            if entry.pos == "verb":
                keys += [("block", block) for block in (entry.block, *entry.more_blocks)]
            segments = self._indexes[entry] = [self._index_of(key) for key in keys]
        if len(segments) == 1:
            return segments[0].candidates(present)
        return [pattern for segment in segments for pattern in segment.candidates(present)]

    def _index_of(self, key: tuple[str, ...]) -> "_EntryIndex":
        index = self._list_indexes.get(key)
        if index is None:
            listed = (self.trigger_patterns.get(key[1:], []) if key[0] == "trigger"
                      else self.block_patterns.get(key[1], []))
            index = self._list_indexes[key] = _EntryIndex.build(listed, self._needs_of)
        return index

    def _needs_of(self, pattern: Pattern) -> tuple[tuple[str, ...], ...]:
        # by identity: the patterns live as long as this set, and entries share block patterns
        needs = self._pattern_needs.get(id(pattern))
        if needs is None:
            needs = self._pattern_needs[id(pattern)] = tuple(self._keys_of(e) for e in pattern.words)
        return needs

    def _keys_of(self, element: str) -> tuple[str, ...]:
        keys = self._element_keys.get(element)
        if keys is None:
            if element.startswith("&"):  # a word set: the first word of one of its phrases
                keys = tuple(dict.fromkeys(key for phrase in self.synsets.get(element[1:], ())
                                           for key in _word_keys(phrase[0])))
            else:
                keys = _word_keys(element)
            self._element_keys[element] = keys
        return keys

    def __len__(self) -> int:
        return len(self.entries)

    def finish(self) -> "PatternSet":
        self._heads = {(pos, trigger.split()[0]) for pos, trigger in self.entries}
        self._indexes: dict[Entry, list[_EntryIndex]] = {}
        self._list_indexes: dict[tuple[str, ...], _EntryIndex] = {}
        self._element_keys: dict[str, tuple[str, ...]] = {}
        self._pattern_needs: dict[int, tuple[tuple[str, ...], ...]] = {}
        for patterns in list(self.block_patterns.values()) + list(self.trigger_patterns.values()):
            # stable sort: more words first; among equals, later files (inserted first) win
            patterns.sort(key=lambda p: -len(p.words))
        return self


@dataclass
class _EntryIndex:
    """The patterns of one list (a trigger's own, or a block's), each with what its words need
    (per word, the keys of which one must be present), and the patterns listed under the keys
    of one of their words."""

    needs: list[tuple[Pattern, tuple[tuple[str, ...], ...]]]
    by_key: dict[str, list[int]]
    slots_only: list[Pattern]  # no words, an actor as the object ("* +"): after the others

    @classmethod
    def build(cls, patterns: list[Pattern], needs_of) -> "_EntryIndex":
        needs = [(p, wanted) for p in patterns for wanted in [needs_of(p)] if wanted]
        by_key: dict[str, list[int]] = {}
        for number, (_, wanted) in enumerate(needs):
            anchor = min(wanted, key=len)  # a plain word (one or two keys) before a word set
            for key in set(anchor):
                by_key.setdefault(key, []).append(number)
        return cls(needs, by_key, [p for p in patterns if not p.words])

    def candidates(self, present: set[str]) -> list[Pattern]:
        found = self._with_words(present)
        return found + self.slots_only if self.slots_only else found

    def _with_words(self, present: set[str]) -> list[Pattern]:
        if len(present) < len(self.by_key):
            numbers = {n for key in present for n in self.by_key.get(key, ())}
        else:
            numbers = {n for key, found in self.by_key.items() if key in present for n in found}
        out = []
        for number in sorted(numbers):
            pattern, wanted = self.needs[number]
            # every word of the pattern has one of its keys present (loops, not all(any()):
            # asked for every trigger of every sentence, and generators cost more than the test)
            for keys in wanted:
                for key in keys:
                    if key in present:
                        break
                else:
                    break
            else:
                out.append(pattern)
        return out


def _word_keys(word: str) -> tuple[str, ...]:
    """The keys by which a pattern word can match (the coder's rule: a word equals the token's
    text or lemma; without a trailing `_`, a word of 4+ letters may also begin the text)."""
    whole = word.endswith("_")
    word = word.rstrip("_")
    return (word,) if whole or len(word) < 4 else (word, "~" + word)


def phrase_keys(forms: Iterable[tuple[str, str]]) -> set[str]:
    """Keys of a phrase given as (lower-case text, lemma) pairs: every text and lemma, and
    every 4+ letter beginning of a text marked with `~`; matched by `PatternSet.candidates`."""
    keys: set[str] = set()
    for text, lemma in forms:
        keys.add(text)
        keys.add(lemma)
        keys.update("~" + text[:end] for end in range(4, len(text) + 1))
    return keys


def _rows(path: Path) -> Iterable[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t"):
            yield {key: (value or "").strip() for key, value in row.items() if key}


def _read_synsets(paths: Iterable[Path]) -> dict[str, tuple[tuple[str, ...], ...]]:
    synsets: dict[str, tuple[tuple[str, ...], ...]] = {}
    for path in paths:
        if not path.exists():
            continue
        for row in _rows(path):
            words = tuple(tuple(w for w in word.split("_") if w) for word in row["words"].split())
            synsets[row["name"].lower()] = tuple(w for w in words if w)
    return synsets


def _add_file(patterns: PatternSet, path: Path, label: str) -> None:
    pending_blocks: dict[str, list[Pattern]] = {}
    pending_triggers: dict[tuple[str, str], list[Pattern]] = {}
    for row in _rows(path):
        pos = row.get("pos") or "verb"
        trigger = " ".join(row.get("verb", "").lower().split())
        origin = f"{label} {row.get('origin', '')}".strip()
        code, reverse = row["code"], row.get("reverse", "")
        if not row.get("pattern"):
            if not trigger:
                continue
            block = row.get("block", "")
            earlier = patterns.entries.get((pos, trigger))
            more = tuple(b for b in ((earlier.block, *earlier.more_blocks) if earlier else ()) if b != block)
            patterns.entries[(pos, trigger)] = Entry(trigger, pos, block, code, reverse, origin, more)
            for form in _forms(row.get("forms", "")):
                patterns.forms[form] = trigger
            continue
        tokens = row["pattern"].lower().split()
        if "*" not in tokens:
            continue
        star = tokens.index("*")
        pattern = Pattern(elements=tuple(tokens[star + 1:]), subject_is_target="+" in tokens[:star],
                          code=code, reverse=reverse, origin=origin, text=row["pattern"].lower())
        if pattern.is_weak and not (trigger and pattern.target_is_object):
            # (a verb's own "* +", an actor as its object, is kept: "call * +" is a phone call,
            # where "called it a provocation" names; a block's would reach every verb of the block)
            continue
        if trigger:
            pending_triggers.setdefault((pos, trigger), []).append(pattern)
        else:
            pending_blocks.setdefault(row.get("block", ""), []).append(pattern)
    # patterns of a later file go in front of earlier ones
    for block, new in pending_blocks.items():
        patterns.block_patterns[block] = new + patterns.block_patterns.get(block, [])
    for key, new in pending_triggers.items():
        patterns.trigger_patterns[key] = new + patterns.trigger_patterns.get(key, [])


def _forms(text: str) -> list[str]:
    """Irregular forms, comma-separated. Only one-word forms are kept: a multi-word form
    ("met with") is already found through its lemma plus particle."""
    return [form.strip() for form in text.split(",") if form.strip() and " " not in form.strip()]


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...]) -> PatternSet:
    # thousands of small objects that all live on: the cyclic collector need not walk them
    collecting = gc.isenabled()
    gc.disable()
    try:
        patterns = PatternSet()
        patterns.synsets = _read_synsets(SYNSET_FILES)
        for path in paths:
            _add_file(patterns, Path(path), Path(path).name)
        return patterns.finish()
    finally:
        if collecting:
            gc.enable()


def load_patterns(*, extra: Iterable[str | Path] = ()) -> PatternSet:
    """The shipped patterns plus any user files (same format), read once per set of files."""
    paths = tuple(str(p) for p in SHIPPED_FILES if p.exists()) + tuple(str(Path(p)) for p in extra)
    return _load(paths)


@lru_cache(maxsize=None)
def synset_words(name: str) -> frozenset[str]:
    """The one-word members of a shipped synset ("weapon": bomb, missile, ...), for the syntax rules
    that ask what kind of thing a word names."""
    return frozenset(words[0] for words in _read_synsets(SYNSET_FILES).get(name, ()) if len(words) == 1)


def user_pattern_files(directory: str | Path | None = None) -> list[Path]:
    """The user's pattern files found in `directory` (default: the working directory): picked up
    without an option, the way the user's actor tables are, so a project folder codes alike
    whichever command runs in it."""
    folder = Path(directory) if directory is not None else Path.cwd()
    return [folder / name for name in USER_PATTERN_FILE_NAMES if (folder / name).is_file()]
