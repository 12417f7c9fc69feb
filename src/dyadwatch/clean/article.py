"""From a RawDocument to an Article: body, metadata and the lines removed."""
from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any, Iterable, Iterator

from ..ingest.readers import declared_language
from ..records import Article, Quarantined, RawDocument, content_id
from .dates import parse_given_date
from .html import flatten_html, parse_trafilatura_date, trafilatura_extract
from .language import detect_language
from .lines import line_key, words_of
from .markup import strip_markup
from .metadata import Metadata, is_footer_line, outlet_from_lines, text_metadata
from .outlets import OutletRules, OutletTable, default_outlets, domain_of, site_name_is_outlet
from .text import segment

__all__ = ["NotAnArticle", "clean_document", "clean_documents", "find_repeated_lines", "extract_record"]

# Fewer words than this after cleaning is not an article we can code events from.
MIN_BODY_WORDS = 5


class NotAnArticle(Exception):
    """The document holds no article text; the message is the reason, for a human."""


def find_repeated_lines(raws: Iterable[RawDocument], *, min_documents: int = 3,
                        max_words: int = 15) -> frozenset[str]:
    """Short lines that recur in at least `min_documents` documents of a batch: the
    evidence that a line is a site's furniture, not one article's text. Long lines
    are left out so that syndicated copies of one article do not erase each other."""
    return _repeated_lines((_visible_lines(raw) for raw in raws), min_documents=min_documents,
                           max_words=max_words)


def _visible_lines(raw: RawDocument) -> list[str]:
    return flatten_html(raw.text) if raw.kind == "html" else raw.text.splitlines()


def _repeated_lines(documents: Iterable[list[str]], *, min_documents: int = 3,
                    max_words: int = 15) -> frozenset[str]:
    counts: Counter[str] = Counter()
    for lines in documents:
        keys = set()
        for line in lines:
            text = strip_markup(line)
            if text and len(words_of(text)) <= max_words:
                keys.add(line_key(text))
        counts.update(keys)
    return frozenset(key for key, n in counts.items() if n >= min_documents and key)


def clean_documents(raws: Iterable[RawDocument], *, outlets: OutletTable | None = None,
                    outlet_rules: OutletRules | None = None) -> Iterator[Article | Quarantined]:
    """Clean a batch: lines recurring across it are boilerplate evidence for each page
    (see `find_repeated_lines`). A document that is not an article, or that the cleaner
    fails on, comes back Quarantined with the reason; the batch goes on. `outlet_rules` (the
    user's `--outlet` and outlets file) name an article's outlet before what the page says."""
    raws = list(raws)
    lines = [_visible_lines(raw) for raw in raws]  # a page is flattened once for both passes
    repeated = _repeated_lines(lines)
    for raw, page_lines in zip(raws, lines):
        try:
            yield _clean(raw, page_lines=page_lines, repeated_lines=repeated, outlets=outlets,
                         outlet_rules=outlet_rules)
        except NotAnArticle as exc:
            yield Quarantined(path=raw.path, reason=str(exc))
        except Exception as exc:  # one bad page must not stop the batch
            yield Quarantined(path=raw.path, reason=f"could not clean: {type(exc).__name__}: {exc}")


def clean_document(raw: RawDocument, *, repeated_lines: frozenset[str] = frozenset(),
                   outlets: OutletTable | None = None) -> Article:
    """Clean one document into an Article; raises NotAnArticle when no article is left."""
    page_lines = flatten_html(raw.text) if raw.kind == "html" else None
    return _clean(raw, page_lines=page_lines, repeated_lines=repeated_lines, outlets=outlets)


def _clean(raw: RawDocument, *, page_lines: list[str] | None, repeated_lines: frozenset[str],
           outlets: OutletTable | None, outlet_rules: OutletRules | None = None) -> Article:
    outlets = outlets or default_outlets()
    if raw.kind == "html":
        body, removed, meta = _clean_html(raw, page_lines=page_lines, repeated_lines=repeated_lines, outlets=outlets)
    else:
        body, removed, meta = _clean_text(raw.text, repeated_lines=repeated_lines, outlets=outlets)
    if len(words_of(body)) < MIN_BODY_WORDS:
        raise NotAnArticle("no article text left after cleaning")
    # What came with the input (a crawler's URL and date) is better evidence than the page.
    url = raw.url or meta.url
    published = parse_given_date(raw.published) or meta.published
    outlet = meta.outlet
    if raw.url and not meta.outlet:
        outlet = outlets.name_for_url(raw.url)
    if outlet_rules is not None:  # what the user says wins over what the page says
        outlet = outlet_rules.outlet_for(raw.path, url) or outlet
    return Article(
        article_id=raw.doc_id,
        path=raw.path,
        body=body,
        outlet=outlet,
        url=url,
        title=meta.title,
        author=meta.author,
        published=published,
        # a language the input declares (its outlet's) wins: detection errs on short or mixed text
        language=raw.language or detect_language(body),
        removed=removed,
    )


def _clean_text(text: str, *, repeated_lines: frozenset[str], outlets: OutletTable) -> tuple[str, list[str], Metadata]:
    blocks = segment(text, repeated_lines=repeated_lines)
    body = "\n\n".join(b.text for b in blocks if b.in_body)
    removed = [line for b in blocks if not b.in_body for line in b.lines]
    return body, removed, text_metadata(blocks, outlets=outlets)


def _clean_html(raw: RawDocument, *, page_lines: list[str], repeated_lines: frozenset[str],
                outlets: OutletTable) -> tuple[str, list[str], Metadata]:
    extracted = trafilatura_extract(raw.text, url=raw.url)
    main_text = (extracted or {}).get("text") or ""
    if not main_text.strip():
        # trafilatura found nothing: fall back to our plain-text cleaner on the visible text.
        body, removed, meta = _clean_text("\n".join(page_lines), repeated_lines=repeated_lines, outlets=outlets)
        return body, removed, meta
    blocks = segment(main_text, repeated_lines=repeated_lines, whole_page=False)
    title_key = line_key((extracted or {}).get("title") or "")
    for block in blocks:
        if block.in_body:
            # The headline opens trafilatura's text when the page repeats it in an <h1>.
            if title_key and line_key(block.text) == title_key:
                block.in_body = False
            break
    kept = [b for b in blocks if b.in_body]
    body = "\n\n".join(b.text for b in kept)
    kept_keys = {line_key(b.text) for b in kept}
    removed = [line for line in page_lines if line_key(line) not in kept_keys]
    meta = text_metadata(blocks, outlets=outlets)
    data = extracted or {}
    url = data.get("url") or raw.url
    title = data.get("title") or meta.title
    author = data.get("author") or meta.author
    published = parse_trafilatura_date(data.get("date")) or meta.published
    outlet = (outlets.name_for_domain(domain_of(url)) if url else None) \
        or _site_outlet(data.get("sitename"), url, outlets) \
        or outlet_from_lines(page_lines[-40:], outlets) \
        or (outlets.name_for_url(url) if url else None)
    return body, removed, Metadata(title=title, author=author, published=published, outlet=outlet, url=url)


def _site_outlet(sitename: str | None, url: str | None, outlets: OutletTable) -> str | None:
    """The outlet a page's site name gives: a footer line's only through the outlet table; none
    from a name that is no outlet's (see site_name_is_outlet). A name listing the site's sections
    ("Autoracing | F1 | Indy | MotoGP") is its first part; a handle's underscores go ("Wday_")."""
    if not sitename:
        return None
    if is_footer_line(sitename):
        return outlet_from_lines([sitename], outlets)
    name = sitename.split(" | ")[0].strip().lstrip("@").strip("_")
    return outlets.normalise(name) if name and site_name_is_outlet(name, url, outlets) else None


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def extract_record(record: dict[str, Any]) -> dict[str, Any]:
    """The `dyadwatch extract --jsonl` contract: {"id", "text"|"html", "url"?, "lang"?} →
    {"id", "title", "author", "published", "outlet", "url", "language", "body", "removed"}
    or {"id", "error"}."""
    record_id = record.get("id") if isinstance(record, dict) else None
    if not isinstance(record, dict):
        return {"id": None, "error": "record is not a JSON object"}
    if isinstance(record.get("html"), str) and record["html"].strip():
        kind, text = "html", record["html"]
    elif isinstance(record.get("text"), str) and record["text"].strip():
        kind, text = "text", record["text"]
    else:
        return {"id": record_id, "error": 'record has no "text" or "html" (or it is empty)'}
    url = record.get("url") if isinstance(record.get("url"), str) and record.get("url") else None
    date = record.get("date")
    try:
        language = declared_language(record.get("lang"))
    except ValueError as err:
        return {"id": record_id, "error": f'bad "lang": {err}'}
    raw = RawDocument(doc_id=content_id(text), path=str(record_id), kind=kind, text=text,
                      encoding="utf-8", url=url, record_id=None if record_id is None else str(record_id),
                      published=str(date) if date else None, language=language)
    try:
        article = clean_document(raw)
    except NotAnArticle as err:
        return {"id": record_id, "error": str(err)}
    return {
        "id": record_id,
        "title": article.title,
        "author": article.author,
        "published": _iso(article.published),
        "outlet": article.outlet,
        "url": article.url,
        "language": article.language,
        "body": article.body,
        "removed": article.removed,
    }
