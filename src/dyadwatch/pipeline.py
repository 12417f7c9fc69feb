"""Wiring the stages: files → RawDocument → Article → parse → Mentions + Events.

Each stage takes records and returns records; this module only connects them
and turns a failure on one document into a quarantine entry, so a batch always
goes on.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from . import nlp
from .actors import load_dictionary, resolve_actors
from .clean import NotAnArticle, clean_document, find_repeated_lines
from .clean.duplicates import body_signature
from .events import code_events
from .ingest import read_inputs
from .records import Article, Event, Mention, ParsedArticle, Quarantined, RawDocument, Sentence, content_id

__all__ = ["ProcessedArticle", "process_paths", "process_documents", "analyse_parsed", "analyse_text"]


@dataclass(slots=True)
class ProcessedArticle:
    """Everything the pipeline learned about one article: what the store receives."""

    article: Article
    sentences: list[Sentence]
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    signature: list[int] = field(default_factory=list)  # MinHash of the body, for near-duplicates


def analyse_parsed(parsed: ParsedArticle, *, actor_files: Sequence[str | Path] = ()) -> ProcessedArticle:
    """The stages after the parse: actors, then events from the actors and the parse.

    `actor_files` are the user's own actor tables, loaded after the shipped ones."""
    mentions = resolve_actors(parsed, dictionary=load_dictionary(extra=actor_files))
    events = code_events(parsed, mentions)
    return ProcessedArticle(article=parsed.article, sentences=parsed.sentences, mentions=mentions, events=events,
                            signature=body_signature(parsed.article.body))


def process_documents(raws: Iterable[RawDocument], *, batch_size: int = 16,
                      actor_files: Sequence[str | Path] = ()) -> Iterator[ProcessedArticle | Quarantined]:
    """Clean, parse and code a batch of raw documents, in input order.

    Lines that recur across the batch are handed to the cleaner as boilerplate
    evidence, so the batch is read once before cleaning starts."""
    raws = list(raws)
    repeated = find_repeated_lines(raws)
    articles: list[Article] = []
    for raw in raws:
        try:
            articles.append(clean_document(raw, repeated_lines=repeated))
        except NotAnArticle as exc:
            yield Quarantined(path=raw.path, reason=str(exc))
        except Exception as exc:  # one bad page must not stop the batch
            yield Quarantined(path=raw.path, reason=f"could not clean: {type(exc).__name__}: {exc}")
    for start in range(0, len(articles), batch_size):
        batch = articles[start:start + batch_size]
        for parsed in nlp.parse_articles(batch, batch_size=batch_size):
            try:
                yield analyse_parsed(parsed, actor_files=actor_files)
            except Exception as exc:
                yield Quarantined(path=parsed.article.path,
                                  reason=f"could not code events: {type(exc).__name__}: {exc}")


def process_paths(paths: Iterable[str | Path], *, batch_size: int = 16,
                  actor_files: Sequence[str | Path] = ()) -> Iterator[ProcessedArticle | Quarantined]:
    """Read files and directories, then process every document found."""
    raws: list[RawDocument] = []
    for item in read_inputs(paths):
        if isinstance(item, Quarantined):
            yield item
        else:
            raws.append(item)
    yield from process_documents(raws, batch_size=batch_size, actor_files=actor_files)


def analyse_text(text: str, *, published: date | datetime | str | None = None,
                 actor_files: Sequence[str | Path] = ()) -> ProcessedArticle:
    """Code a bare sentence or paragraph (the stateless `code` and `actors` commands).

    The text is taken as it is: no cleaning, since it is not a page."""
    article = Article(article_id=content_id(text), path="-", body=text, published=_as_datetime(published))
    return analyse_parsed(nlp.parse_article(article), actor_files=actor_files)


def _as_datetime(value: date | datetime | str | None) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return datetime.fromisoformat(str(value))
