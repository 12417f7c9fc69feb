"""The vocabulary of dyadwatch: the records every stage takes and returns.

Stages never share anything but these. A record is plain data (a dataclass with
JSON-friendly fields), so it can cross a process boundary, be written to the
store, or be printed as a JSON line without translation.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any, Literal

__all__ = [
    "RawDocument",
    "Article",
    "Sentence",
    "Relevance",
    "Mention",
    "Place",
    "Actor",
    "Event",
    "Argument",
    "Frame",
    "Decision",
    "Story",
    "Quarantined",
    "ParsedArticle",
    "ProcessedArticle",
    "SourceFile",
    "content_id",
    "language_code",
    "as_datetime",
    "to_dict",
    "Modality",
    "TOLD_AS_DONE",
    "DatePrecision",
    "DateBasis",
]

# "alleged": told as done by someone other than its actor ("Kyiv says Russian troops shelled
# Kharkiv", "claimed that ISIL had attacked"): one side's account, with its speaker.
Modality = Literal["asserted", "alleged", "negated", "future", "hypothetical"]
# What the dyad series, stories and exports count as having happened: told as done, by the
# writer or by a speaker (a report of an attack is nearly always someone's account of it).
TOLD_AS_DONE = frozenset({"asserted", "alleged"})
DatePrecision = Literal["day", "month", "year"]
DateBasis = Literal["explicit", "relative", "background", "article"]


def content_id(text: str) -> str:
    """A stable id for a piece of content: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


_LANGUAGE_CODE = re.compile(r"([A-Za-z]{2})(?:[-_][A-Za-z0-9]{1,8})*")


def language_code(value: str) -> str:
    """A language as given with an input or a source (`ru`, `RU`, `ru-RU`, `pt_BR`) as its two-letter
    ISO 639-1 code in lower case (`ru`, `pt`), as language detection gives them. Anything else
    raises ValueError saying what is expected."""
    text = value.strip() if isinstance(value, str) else ""
    match = _LANGUAGE_CODE.fullmatch(text)
    if not match:
        raise ValueError(f"{value!r} is not a language code: give a two-letter ISO 639-1 code such as ru, en or de")
    return match.group(1).lower()


def as_datetime(value: date | datetime | str | None, *, strict: bool = True) -> datetime | None:
    """A date given with an input (`2025-07-04`, `2025-07-04T10:00:00Z`, a date or a
    datetime) as a datetime; None when empty. Text that is not a date raises ValueError,
    or gives None when not `strict` (gold files carry placeholders)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    try:
        return datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    except ValueError:
        if strict:
            raise
        return None


@dataclass(slots=True)
class RawDocument:
    """One article as read from disk, decoded but untouched.

    `path` is the input file; for a record of a JSONL file it is the file
    with the record's id (`dump.jsonl#42`).
    """

    doc_id: str  # content_id of `text`
    path: str
    kind: Literal["text", "html"]
    text: str
    encoding: str | None = None
    url: str | None = None
    record_id: str | None = None  # the "id" of a JSONL record
    published: str | None = None  # a date given alongside the input (JSONL "date")
    # The language the input declares (a followed outlet's `--lang`, a JSONL record's "lang"):
    # it is the article's language, whatever detection would say. None: detected from the text.
    language: str | None = None


@dataclass(slots=True)
class Quarantined:
    """An input that could not be processed, and why. Nothing is silently lost."""

    path: str  # the file, or FILE#ID / FILE:LINE for a record of a JSONL file
    reason: str


@dataclass(slots=True)
class Article:
    """A cleaned article: body text plus metadata. `removed` keeps every line the
    cleaner dropped as boilerplate, so a user can see what was cut."""

    article_id: str  # content_id of the raw document
    path: str
    body: str
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    language: str | None = None
    removed: list[str] = field(default_factory=list)
    # Set when this article is a near-duplicate (syndicated or re-scraped copy) of an
    # earlier one: the canonical article's id. Counts skip duplicates.
    duplicate_of: str | None = None
    # What the relevance stage made of it: "politics" or "other", and P(political).
    topic: str | None = None
    topic_score: float | None = None
    # Whether events were coded from it: "coded", or "not coded: " and why ("no event pipeline for
    # language 'de'"); None until the analyser has seen it.
    coding: str | None = None


@dataclass(slots=True)
class Relevance:
    """Whether an article tells political interaction (its topic and P(political)), and each of
    its sentences' P(political) in sentence order; a sentence below `sentence_threshold` in a
    political article is not coded either."""

    topic: str
    score: float
    sentences: list[float]
    sentence_threshold: float = 0.0

    def political(self, sentence_index: int) -> bool:
        if self.topic != "politics":
            return False
        if 0 <= sentence_index < len(self.sentences):
            return self.sentences[sentence_index] >= self.sentence_threshold
        return True


@dataclass(slots=True)
class Sentence:
    article_id: str
    index: int
    char_start: int  # offsets into Article.body
    char_end: int
    text: str


@dataclass(slots=True)
class Actor:
    """An entry of the actor dictionary: a name and the code it held over a span of time."""

    actor_id: str  # dictionary key, e.g. "ILHAM_ALIYEV"
    name: str
    code: str  # e.g. "AZEGOV"
    country: str | None  # ISO 3166 alpha-3, or None for an IGO / non-state actor
    role: str | None  # "GOV", "MIL", ... or None for the country itself
    start: date | None = None
    end: date | None = None


@dataclass(slots=True)
class Mention:
    """A span of an article's body resolved to an actor code."""

    article_id: str
    sentence_index: int
    char_start: int  # offsets into Article.body
    char_end: int
    text: str
    code: str  # "AZEGOV", "RUS", "IGOEURCSTO", ...
    country: str | None
    role: str | None
    actor_id: str | None = None  # which dictionary entry, when one matched
    basis: str = "dictionary"  # dictionary | agent | ner | coreference


@dataclass(slots=True)
class Place:
    """A place a sentence names, as the actors stage read it from the gazetteer: its name, its
    country (ISO3), its point (None when the table gives none), and whether it is told as where
    something happens ("in Stepanakert", "near the border of Armenia", "travel to Moscow":
    `locative`, with its preposition and the offset of the word the phrase hangs from)."""

    article_id: str
    sentence_index: int
    char_start: int  # offsets into Article.body
    char_end: int
    text: str
    name: str
    kind: Literal["country", "capital", "town", "region"]
    country: str
    lat: float | None
    lon: float | None
    locative: bool = False
    preposition: str | None = None  # "in", "near", "to" (a destination), ...
    anchor: int | None = None


@dataclass(slots=True)
class Event:
    """Who did what to whom, when, and how sure, with the sentence it came from."""

    event_id: str
    article_id: str
    sentence_index: int
    char_start: int
    char_end: int
    evidence: str
    date: str | None  # ISO date (YYYY-MM-DD; month/year precision still written as a full date)
    date_precision: DatePrecision | None
    date_basis: DateBasis | None
    source: str | None
    target: str | None
    source_text: str | None
    target_text: str | None
    code: str
    root: str
    quad_class: int
    goldstein: float
    plover: str | None
    modality: Modality
    speaker: str | None
    confidence: float
    rule: str
    # Where it happened, from the places the sentence names (the actors stage's gazetteer):
    # the place's name, its country (ISO3) and coordinates; None when the sentence names none.
    place: str | None = None
    place_country: str | None = None
    lat: float | None = None
    lon: float | None = None

    @staticmethod
    def make_id(article_id: str, sentence_index: int, code: str, source: str | None, target: str | None,
                trigger_start: int) -> str:
        key = f"{article_id}|{sentence_index}|{code}|{source}|{target}|{trigger_start}"
        return content_id(key)


@dataclass(slots=True)
class Argument:
    """One side of a frame: the words that name it and, when the actors stage knows it, its code.
    An open actor (a company, court, NGO or person no dictionary holds) keeps its words and a
    null code."""

    role: str  # how the syntax gives it: "subject", "dobj", "passive", "prep:with", "possessor", ...
    text: str
    char_start: int
    char_end: int
    code: str | None
    basis: str  # as Mention.basis, or "open"


@dataclass(slots=True)
class Frame:
    """A predicate of a sentence with its actor-like arguments, read from the parse: what the
    event decision is made on. `context` holds the syntactic facts around the predicate
    ("neg", "aux:will", "gov:agree", "xcomp:release", "prep:against") and `words` the lemmas of
    its own phrase; `proposed` is the code the verb patterns give it."""

    article_id: str
    sentence_index: int
    char_start: int  # the predicate word, offsets into Article.body
    char_end: int
    trigger: str
    lemma: str
    pos: Literal["verb", "noun"]
    entry: str  # the pattern-set entry it was found under ("call on", "arrest")
    pattern: str | None  # the longest pattern that matched, if any
    proposed: str  # the CAMEO code the patterns propose
    sources: list[Argument] = field(default_factory=list)
    targets: list[Argument] = field(default_factory=list)
    how: str = ""  # how the target was found ("dobj", "prep:with", "passive", ...)
    context: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Decision:
    """What the event decision made of a frame: a CAMEO code, or no event, with a numbered
    reason (events.reasons) and the features that weighed most for the choice."""

    code: str | None  # None: no event
    plover: str | None
    reason: int
    confidence: float
    features: list[tuple[str, float]] = field(default_factory=list)


@dataclass(slots=True)
class Story:
    """Reports of one happening across articles and outlets."""

    story_id: str
    title: str
    dyad: str
    date: str | None
    article_ids: list[str]
    event_ids: list[str]
    outlets: list[str]
    contested: bool = False
    contradictions: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class ParsedArticle:
    """An article after the nlp stage: its sentences and the spaCy Doc behind them.

    `doc` is typed loosely on purpose: only `nlp.py` imports spaCy; later stages
    read tokens through the Doc's attributes."""

    article: Article
    sentences: list[Sentence]
    doc: Any


@dataclass(slots=True)
class ProcessedArticle:
    """Everything the pipeline learned about one article: what the store receives."""

    article: Article
    sentences: list[Sentence]
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    signature: list[int] = field(default_factory=list)  # MinHash of the body, for near-duplicates


@dataclass(slots=True, frozen=True)
class SourceFile:
    """An input file as last seen: a rerun skips files whose size and mtime are unchanged."""

    path: str
    size: int
    mtime_ns: int


def to_dict(record: Any) -> dict[str, Any]:
    """A record as JSON-ready data: dates become ISO strings."""
    data = asdict(record)
    for key, value in data.items():
        if isinstance(value, (date, datetime)):
            data[key] = value.isoformat()
    return data
