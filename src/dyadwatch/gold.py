"""The gold data of ../shared/eval as items to learn from and score on (`make train`, the benches).

    load_gold(eval_dir) -> list[GoldItem]     every gold sentence, and the extraction pages cleaned
    parse_gold(items) -> items                 parsed once, with their actors resolved

Kinds of item: "pairs", "plover", "events" (one gold sentence each, with its gold events);
"nonpolitical" (a page of extraction-dev listed in nonpolitical-dev.json: sport, markets,
gadgets..., carrying no political event); "political" (every other page of extraction-dev:
news that carries political events, none of them annotated).
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from .records import Article, RawDocument, as_datetime, content_id

__all__ = ["GoldItem", "load_gold", "parse_gold", "sentence_key", "DEFAULT_EVAL_DIR", "GOLD_FILES", "PAGE_KINDS"]

DEFAULT_EVAL_DIR = Path(os.environ.get("DYADWATCH_EVAL", "/work/shared/eval"))
GOLD_FILES = ("pairs-dev.jsonl", "plover-dev.jsonl", "events-dev.jsonl")
PAGE_KINDS = ("nonpolitical", "political")


@dataclass
class GoldItem:
    """One gold sentence (or an extraction page) with what the stages made of it."""

    kind: str  # "pairs" | "plover" | "events" | "nonpolitical" | "political"
    record: dict
    article: Article
    parsed: Any = None
    mentions: list = field(default_factory=list)

    @property
    def key(self) -> str:
        return sentence_key(self.article.body)

    @property
    def learnable(self) -> bool:
        """Whether its events can be learned from: PETRARCH's unit tests name invented countries,
        and a political page's events are not annotated."""
        if self.kind == "events":
            return "validate" not in str(self.record.get("actor_codebook", "")).lower()
        return self.kind != "political"


def sentence_key(text: str) -> str:
    """Sentences that are the same text up to case, spacing and punctuation share one key:
    de-duplicated across files before folding."""
    return hashlib.sha1(re.sub(r"\W+", " ", text.lower()).strip().encode("utf-8")).hexdigest()


def load_gold(eval_dir: str | Path = DEFAULT_EVAL_DIR, *, files: Sequence[str] = GOLD_FILES,
              pages: Sequence[str] = ("nonpolitical",), limit: int | None = None) -> list[GoldItem]:
    """The gold sentences of `eval_dir` as articles (not yet parsed), and the extraction pages of
    the kinds in `pages`, cleaned by the clean stage."""
    from .events.evaluate import read_gold

    eval_dir = Path(eval_dir)
    items: list[GoldItem] = []
    for name in files:
        path = eval_dir / name
        if not path.exists():
            continue
        records = read_gold(path)
        for record in records[:limit] if limit else records:
            article = Article(article_id=content_id(record["id"] + record["text"]), path=record["id"],
                              body=record["text"], published=as_datetime(record.get("date"), strict=False))
            items.append(GoldItem(name.split("-")[0], record, article))
    if pages and (eval_dir / "nonpolitical-dev.json").exists():
        items.extend(_pages(eval_dir, set(pages), limit))
    return items


def _pages(eval_dir: Path, kinds: set[str], limit: int | None) -> list[GoldItem]:
    from .clean import clean_documents

    nonpolitical = set(json.loads((eval_dir / "nonpolitical-dev.json").read_text(encoding="utf-8"))["ids"])
    raws, kind_of = [], {}
    with (eval_dir / "extraction-dev.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            kind = "nonpolitical" if record["id"][:10] in nonpolitical else "political"
            if kind not in kinds:
                continue
            html = gzip.open(eval_dir / record["html_path"]).read().decode("utf-8")
            raws.append(RawDocument(doc_id=content_id(html), path=record["id"], kind="html", text=html,
                                    url=record.get("url")))
            kind_of[record["id"]] = kind
    raws = raws[:limit] if limit else raws
    return [GoldItem(kind_of[a.path], {"id": a.path, "events": []}, a)
            for a in clean_documents(raws) if isinstance(a, Article)]


def parse_gold(items: list[GoldItem], *, actor_files: Sequence[str | Path] = ()) -> list[GoldItem]:
    """Parse every item once and resolve its actors (the stages before the events)."""
    from . import nlp
    from .actors import load_dictionary, resolve_actors

    dictionary = load_dictionary(extra=actor_files)
    for item, parsed in zip(items, nlp.parse_articles([i.article for i in items])):
        item.parsed = parsed
        item.mentions = resolve_actors(parsed, dictionary=dictionary)
    return items
