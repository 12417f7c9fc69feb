"""The plain-text cleaner: article lines kept, site furniture dropped.

Steps: strip leftover markup line by line; rejoin hard-wrapped lines into
blocks; label each block from what it shows (sentence, headline, date, byline,
caption, furniture pattern, other script, repeated across the batch); mark
link lists (headlines alternating with dates); then take as the body the
stretch of blocks with the most prose in it (a maximum-sum run where prose
counts for its words and furniture against), so the body starts at the first
sentence of the article and ends at its last.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .dates import dateline
from .language import has_script, script_of
from .lines import (
    byline_author, ends_sentence, furniture_reason, is_caption, is_headline, is_sentence,
    line_key, url_of_line, word_count, words_of,
)
from .markup import strip_markup

__all__ = ["Block", "segment", "split_blocks"]

# Weights of the body search: prose counts for its words; these count against.
_SHORT_COST = 2.0
_FURNITURE_COST = 10.0


@dataclass(slots=True)
class Block:
    """One logical line (hard-wrapped lines rejoined) and what the cleaner made of it."""

    text: str
    lines: list[str]
    blank_before: bool
    kind: str = "text"  # text | short | furniture | date | byline | caption | url | list
    reason: str = ""
    date: datetime | None = None
    author: str | None = None
    url: str | None = None
    in_body: bool = False

    @property
    def words(self) -> int:
        return word_count(self.text)


def split_blocks(text: str) -> list[Block]:
    """Lines with markup stripped, hard-wrapped lines rejoined."""
    blocks: list[Block] = []
    blank = True
    raw_lines = text.splitlines()
    stripped = [strip_markup(raw) for raw in raw_lines]
    wrapped = _is_hard_wrapped(stripped)
    for raw, line in zip(raw_lines, stripped):
        if not line:
            blank = True
            continue
        if blocks and _continues(blocks[-1], line, blank, wrapped=wrapped):
            last = blocks[-1]
            last.text = _glue(last.text, line)
            last.lines.append(raw.strip())
        else:
            blocks.append(Block(text=line, lines=[raw.strip()], blank_before=blank))
        blank = False
    return blocks


def _glue(left: str, right: str) -> str:
    if left.endswith("-") and not left.endswith(" -") and right[:1].islower():
        return left + right  # a word split at the line end
    return left + " " + right


def _first_letter_lower(text: str) -> bool:
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return False
    return False


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Was the text wrapped at a fixed width? Then most unfinished lines go on in lowercase."""
    unfinished = continued = 0
    for left, right in zip(lines, lines[1:]):
        if left and right and len(words_of(left)) >= 4 and not ends_sentence(left):
            unfinished += 1
            continued += _first_letter_lower(right)
    return continued >= 3 and continued >= 0.5 * unfinished


def _continues(previous: Block, line: str, blank_between: bool, *, wrapped: bool) -> bool:
    """Is `line` the continuation of a hard-wrapped sentence in `previous`?"""
    left = previous.text
    if ends_sentence(left) or left.endswith(":") and not _first_letter_lower(line):
        return False
    if dateline(left) or dateline(line) or url_of_line(line) or url_of_line(left):
        return False
    if furniture_reason(line) or furniture_reason(left) or byline_author(left):
        return False
    left_words = len(words_of(left))
    starts_lower = _first_letter_lower(line)
    if blank_between:
        # A paragraph break inside a sentence ("summoned Russia's" / "chargé d'affaires…").
        return starts_lower and left_words >= 5 and not is_headline(left)
    if starts_lower:
        return left_words >= 4 or left.endswith((",", ";"))
    # In wrapped text a line also ends before a capitalised word ("… a complete break with" / "Moscow, …").
    return wrapped and left_words >= 5 and len(left) >= 30 and not is_headline(left) and left[-1:] not in "!?"


def _label(block: Block, *, repeated: frozenset[str], script: str | None) -> None:
    text = block.text
    url = url_of_line(text)
    if url:
        block.kind, block.reason, block.url = "url", "link line", url
        return
    reason = furniture_reason(text)
    if reason:
        block.kind, block.reason = "furniture", reason
        return
    when = dateline(text)
    if when:
        block.kind, block.reason, block.date = "date", "dateline", when
        return
    byline = byline_author(text)
    if byline:
        block.kind, block.reason, block.author = "byline", "byline", byline[0]
        block.date = dateline(byline[1]) if byline[1] else None
        return
    if is_caption(text):
        block.kind, block.reason = "caption", "photo caption or credit"
        return
    if repeated and line_key(text) in repeated:
        block.kind, block.reason = "furniture", "repeated across documents of the batch"
        return
    if script and block.words <= 12 and not has_script(text, script) and script_of(text):
        # "Ссылка скопирована" in an English page: a widget left in the site's other language.
        block.kind, block.reason = "furniture", f"in {script_of(text)} script, unlike the article"
        return
    if is_sentence(text):
        block.kind = "text"
    else:
        block.kind, block.reason = "short", "not a sentence"


# Dates at most this many blocks apart belong to one list of stories.
_LIST_DATE_GAP = 3
# A block longer than this inside a list is prose, not a teaser.
_TEASER_MAX_WORDS = 40


def _mark_link_lists(blocks: list[Block]) -> None:
    """Headlines alternating with dates ("Latest news" lists) are lists, dates and all.

    Dates that follow each other within a few blocks form a cluster; the list spans
    from the block before its first date to the block after its last (a headline
    that goes with it), and prose around it stays."""
    dated = [i for i, b in enumerate(blocks) if b.kind == "date"]
    clusters: list[list[int]] = []
    for index in dated:
        # Items alternate: a date straight after a date is not the next item.
        if clusters and 2 <= index - clusters[-1][-1] <= _LIST_DATE_GAP:
            clusters[-1].append(index)
        else:
            clusters.append([index])
    for cluster in clusters:
        if len(cluster) < 2:
            continue
        first = max(0, cluster[0] - 1)
        last = cluster[-1]
        if last + 1 < len(blocks) and blocks[last + 1].kind == "short" and not blocks[last + 1].blank_before:
            # A headline right after the last date belongs to the list only when the
            # list puts dates after headlines (then the block before the first date is a headline too).
            if blocks[first].kind not in ("short", "furniture"):
                last += 1
        span = blocks[first:last + 1]
        titles = sum(1 for b in span if b.kind in ("short", "text", "furniture"))
        if titles < 2:
            continue
        for block in span:
            if block.kind == "date" or (block.kind in ("short", "text") and block.words <= _TEASER_MAX_WORDS):
                block.kind, block.reason = "list", "list of other stories"


def _weights(blocks: list[Block]) -> list[float]:
    """Prose counts for its words; a subheading costs a little, but a run of short
    lines (a menu, a sidebar) costs more with every line, and furniture costs most."""
    weights, short_run = [], 0
    for block in blocks:
        if block.kind == "text":
            weights.append(float(block.words))
            short_run = 0
        elif block.kind == "short":
            short_run += 1
            cost = _SHORT_COST if short_run <= 2 else _SHORT_COST * 3
            weights.append(-cost if block.words >= 2 else -cost * 1.5)
        else:
            short_run += 1
            weights.append(-_FURNITURE_COST)
    return weights


def _best_run(blocks: list[Block]) -> tuple[int, int] | None:
    """[start, end) of the maximum-sum run of block weights (Kadane)."""
    best, best_span = 0.0, None
    running, run_start = 0.0, 0
    for index, weight in enumerate(_weights(blocks)):
        if running <= 0:
            running, run_start = 0.0, index
        running += weight
        if running > best:
            best, best_span = running, (run_start, index + 1)
    return best_span


def segment(text: str, *, repeated_lines: frozenset[str] = frozenset(), whole_page: bool = True) -> list[Block]:
    """Blocks of `text`, labelled, with `in_body` set on the article's own blocks.

    `whole_page=False` is for text already cut to the main content (trafilatura's
    output): only furniture is dropped there; no search for the article's stretch."""
    blocks = split_blocks(text)
    script = script_of(text)
    for block in blocks:
        _label(block, repeated=repeated_lines, script=script)
    _mark_link_lists(blocks)
    if not whole_page:
        for index, block in enumerate(blocks):
            # A bare link inside the main content is part of it, unless a label
            # such as "Original url:" stands right before it.
            labelled = index > 0 and blocks[index - 1].kind == "furniture" and blocks[index - 1].reason == "source link line"
            block.in_body = block.kind in ("text", "short") or (block.kind == "url" and not labelled)
        return blocks
    span = _best_run(blocks)
    if span:
        for block in blocks[span[0]:span[1]]:
            # Inside the article: prose, and subheadings of two words or more.
            block.in_body = block.kind == "text" or (block.kind == "short" and block.words >= 2)
    return blocks
