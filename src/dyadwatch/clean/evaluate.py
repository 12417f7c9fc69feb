"""Score body extraction against gold article bodies, as the article-extraction benchmark does.

Each record of the evaluation file names an HTML page and its gold body (the
shape of scrapinghub's article-extraction-benchmark, see shared/eval). Every page
is extracted four ways, so our cleaner is read against what it must beat:

  trafilatura  trafilatura alone on the HTML (the reference)
  html         dyadwatch on the HTML as given
  keep all     the page flattened to its visible text, one block a line, kept whole:
               what a naive scraper saves, the floor of plain-text mode
  text         dyadwatch's plain-text cleaner on that flattened page

A body is scored by word 4-gram shingles (multisets) against the gold body:
precision and recall per page, averaged over pages; F1 is that of the mean
precision and mean recall (the benchmark's reading), page F1 the mean of the
per-page F1 scores (the stricter one).
"""
from __future__ import annotations

import codecs
import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..records import RawDocument, content_id
from .article import NotAnArticle, clean_document
from .html import flatten_html, trafilatura_extract

__all__ = [
    "MODES", "MODE_LABELS", "PageScore", "ModeScore", "ExtractionScores",
    "evaluate_extraction", "extract_bodies", "read_page", "score_body", "body_shingles",
]

MODES = ("trafilatura", "html", "keep all", "text")
MODE_LABELS = {
    "trafilatura": "HTML  trafilatura (reference)",
    "html": "HTML  dyadwatch",
    "keep all": "text  keep every line",
    "text": "text  dyadwatch",
}
SHINGLE_SIZE = 4
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class PageScore:
    """One page extracted one way."""

    page_id: str
    url: str | None
    mode: str
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True, slots=True)
class ModeScore:
    """One way of extracting, over all pages."""

    mode: str
    label: str
    precision: float  # mean over pages
    recall: float  # mean over pages
    f1: float  # F1 of the mean precision and mean recall (the benchmark's figure)
    page_f1: float  # mean of the per-page F1 scores


@dataclass(slots=True)
class ExtractionScores:
    source: str  # the evaluation file
    pages: int
    seconds: float
    modes: list[ModeScore]  # in MODES order
    rows: list[PageScore]  # one per page and mode, pages in file order

    def mode(self, name: str) -> ModeScore:
        return next(score for score in self.modes if score.mode == name)

    def worst(self, mode: str, n: int = 10) -> list[PageScore]:
        return sorted((row for row in self.rows if row.mode == mode), key=lambda row: row.f1)[:n]


def body_shingles(text: str, *, size: int = SHINGLE_SIZE) -> Counter:
    """Lower-cased word shingles of `size` words, as a multiset (a text shorter than
    `size` words is one shingle)."""
    tokens = _TOKEN.findall((text or "").lower())
    return Counter(tuple(tokens[i:i + size]) for i in range(max(1, len(tokens) - size + 1)) if tokens[i:i + size])


def score_body(gold: str, predicted: str) -> tuple[float, float]:
    """(precision, recall) of the predicted body's shingles against the gold body's."""
    g, p = body_shingles(gold), body_shingles(predicted)
    tp = sum((g & p).values())
    fp = sum(p.values()) - tp
    fn = sum(g.values()) - tp
    precision = tp / (tp + fp) if tp + fp else (1.0 if not g else 0.0)
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def read_page(record: dict, folder: Path) -> str:
    """The HTML of one evaluation record: `html` inline, or the file `html_path`
    (relative to the evaluation file's folder, gzip-compressed or plain)."""
    if record.get("html") is not None:
        return record["html"]
    path = folder / record["html_path"]
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data.decode(_codec(record.get("html_encoding")), errors="replace")


def _codec(described: str | None) -> str:
    """The text encoding in a description such as "gzip, utf-8" (UTF-8 when none is named)."""
    for part in (described or "").split(","):
        try:
            return codecs.lookup(part.strip()).name
        except LookupError:
            continue
    return "utf-8"


def _dyadwatch_body(text: str, kind: str, url: str | None) -> str:
    raw = RawDocument(doc_id=content_id(text), path="eval", kind=kind, text=text, url=url)
    try:
        return clean_document(raw).body
    except NotAnArticle:
        return ""


def extract_bodies(html: str, *, url: str | None = None) -> dict[str, str]:
    """The body of one page in every mode of MODES."""
    flat = "\n".join(flatten_html(html))
    reference = trafilatura_extract(html, url=url, fast=False)  # trafilatura as it ships
    return {
        "trafilatura": (reference or {}).get("text") or "",
        "html": _dyadwatch_body(html, "html", url),
        "keep all": flat,
        "text": _dyadwatch_body(flat, "text", None),
    }


def evaluate_extraction(path: str | Path, *, limit: int | None = None,
                        progress: Callable[[int, int], None] | None = None) -> ExtractionScores:
    """Score every page of the JSONL evaluation file in every mode.

    Records need `id`, `gold_body` and `html_path` (or inline `html`); `url` and
    `html_encoding` are used when present. `limit` scores only the first pages;
    `progress(done, total)` is called after each page.
    """
    path = Path(path)
    with path.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    if limit is not None:
        records = records[:limit]
    if not records:
        raise ValueError(f"{path}: no evaluation records")
    started = time.perf_counter()
    rows: list[PageScore] = []
    for done, record in enumerate(records, 1):
        url = record.get("url")
        bodies = extract_bodies(read_page(record, path.parent), url=url)
        for mode in MODES:
            precision, recall = score_body(record["gold_body"], bodies[mode])
            rows.append(PageScore(str(record["id"]), url, mode, precision, recall, _f1(precision, recall)))
        if progress:
            progress(done, len(records))
    modes = []
    for mode in MODES:
        scored = [row for row in rows if row.mode == mode]
        precision = sum(row.precision for row in scored) / len(scored)
        recall = sum(row.recall for row in scored) / len(scored)
        modes.append(ModeScore(mode, MODE_LABELS[mode], precision, recall, _f1(precision, recall),
                               sum(row.f1 for row in scored) / len(scored)))
    return ExtractionScores(str(path), len(records), time.perf_counter() - started, modes, rows)
