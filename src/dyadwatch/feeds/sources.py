"""The outlets a user follows, kept in the store's `sources` table.

A source is a feed (RSS or Atom) or a sitemap. Adding one looks at the URL once
to learn its kind and a name (an HTML page that announces a feed is followed to
that feed); importing an OPML file trusts the file and looks at nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from ..records import language_code
from ..store import Store
from .entries import NotAFeed, feed_links_in_page, read_listing
from .fetch import PoliteFetcher

__all__ = ["Source", "SourceError", "KINDS", "discover", "add_source", "list_sources", "remove_source",
           "read_opml", "import_opml", "load_sources", "slug"]

KINDS = ("rss", "atom", "sitemap", "feed")


class SourceError(ValueError):
    """A source cannot be added or found; the message says why."""


@dataclass(slots=True)
class Source:
    name: str
    url: str
    kind: str  # rss, atom, sitemap, or feed (kind not known yet: learned on the first fetch)
    lang: str | None = None


def discover(url: str, fetcher: PoliteFetcher) -> tuple[str, str, str | None]:
    """Look at `url`: (feed URL, kind, title). An HTML page announcing a feed
    gives that feed. Raises SourceError with the reason."""
    got = fetcher.get(url)
    if not got.ok:
        raise SourceError(f"cannot read {url}: {got.reason or f'HTTP {got.status}'}")
    where = got.final_url or url
    try:
        listing = read_listing(got.content, base_url=where)
        return where, _kind(listing.kind), listing.title
    except NotAFeed as exc:
        announced = feed_links_in_page(got.content, base_url=where)
        if not announced:
            raise SourceError(f"{url}: {exc}; and it is no page announcing a feed") from None
    feed = fetcher.get(announced[0])
    if not feed.ok:
        raise SourceError(f"{url} announces the feed {announced[0]}, which cannot be read: "
                          f"{feed.reason or f'HTTP {feed.status}'}")
    try:
        listing = read_listing(feed.content, base_url=feed.final_url or announced[0])
    except NotAFeed as exc:
        raise SourceError(f"{url} announces {announced[0]}: {exc}") from None
    return feed.final_url or announced[0], _kind(listing.kind), listing.title


def _kind(listing_kind: str) -> str:
    return "sitemap" if listing_kind in ("urlset", "sitemapindex") else listing_kind


def slug(text: str) -> str:
    """A name safe as a folder name: lower case letters, digits and dashes."""
    cleaned = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-")
    return cleaned[:60] or "source"


def _default_name(url: str, title: str | None) -> str:
    return slug(title) if title and slug(title) != "source" else slug(urlsplit(url).netloc.removeprefix("www."))


def add_source(store: Store, url: str, *, kind: str, name: str | None = None, title: str | None = None,
               lang: str | None = None) -> Source:
    """Store a source. The name defaults to the feed's title (or host), made unique. `lang`, the
    language the outlet writes in, becomes the language of every article fetched from it."""
    if kind not in KINDS:
        raise SourceError(f"unknown kind {kind!r}: one of {', '.join(KINDS)}")
    lang = source_language(lang)
    known = store.con.execute("SELECT name FROM sources WHERE url = ?", [url]).fetchone()
    if known:
        raise SourceError(f"{url} is already followed, as {known[0]!r}")
    if name is not None:
        wanted = slug(name)
        if wanted != name:
            raise SourceError(f"a name is lower case letters, digits and dashes (try {wanted!r})")
        if store.con.execute("SELECT 1 FROM sources WHERE name = ?", [name]).fetchone():
            raise SourceError(f"a source named {name!r} exists already")
    else:
        name = _unique(store, _default_name(url, title))
    store.con.execute("INSERT INTO sources (name, url, kind, lang) VALUES (?, ?, ?, ?)", [name, url, kind, lang])
    return Source(name=name, url=url, kind=kind, lang=lang)


def source_language(lang: str | None) -> str | None:
    """`--lang` as an ISO 639-1 code (`RU`, `ru-RU` → `ru`); None when not given."""
    if lang is None:
        return None
    try:
        return language_code(lang)
    except ValueError as exc:
        raise SourceError(f"--lang {exc}") from None


def _unique(store: Store, name: str) -> str:
    taken = {r[0] for r in store.con.execute("SELECT name FROM sources").fetchall()}
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}-{n}", n + 1
    return candidate


def load_sources(store: Store) -> list[Source]:
    return [Source(*row) for row in store.con.execute("SELECT name, url, kind, lang FROM sources ORDER BY name")
            .fetchall()]


def list_sources(store: Store) -> list[dict[str, Any]]:
    """Each source with what fetching it has given: pages kept, pages that failed,
    when its feed was last read and how that went."""
    return store.rows(
        "SELECT s.name, s.kind, s.lang, s.url, "
        "  count(p.url) FILTER (WHERE p.reason IS NULL) AS pages, "
        "  count(p.url) FILTER (WHERE p.reason IS NOT NULL) AS failed, "
        "  f.fetched_at AS checked_at, "
        "  CASE WHEN f.url IS NULL THEN 'not fetched yet' "
        "       WHEN f.reason IS NOT NULL THEN f.reason "
        "       WHEN f.status = 304 THEN 'not modified' ELSE 'ok' END AS feed "
        "FROM sources s "
        "LEFT JOIN fetched f ON f.url = s.url AND f.kind = 'feed' "
        "LEFT JOIN fetched p ON p.source = s.name AND p.kind = 'page' "
        "GROUP BY ALL ORDER BY s.name")


def remove_source(store: Store, name_or_url: str) -> Source:
    """Stop following a source. Its pages, and the articles and events made from them, stay."""
    row = store.con.execute("SELECT name, url, kind, lang FROM sources WHERE name = ? OR url = ?",
                            [name_or_url, name_or_url]).fetchone()
    if row is None:
        raise SourceError(f"no source named {name_or_url!r} (see `dyadwatch sources list`)")
    store.con.execute("DELETE FROM sources WHERE name = ?", [row[0]])
    return Source(*row)


def read_opml(path: str | Path) -> list[tuple[str, str | None, str]]:
    """(feed URL, title, kind) of every outline with an xmlUrl, in file order, however nested."""
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        root = etree.parse(str(path), parser=parser).getroot()
    except (OSError, etree.XMLSyntaxError) as exc:
        raise SourceError(f"cannot read OPML file {path}: {exc}") from None
    found = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url:
            continue
        title = outline.get("title") or outline.get("text") or None
        declared = (outline.get("type") or "").lower()
        # OPML's type="rss" is used for Atom feeds too: only the fetch tells them apart.
        kind = "sitemap" if declared == "sitemap" else "feed"
        found.append((url, title, kind))
    return found


def import_opml(store: Store, path: str | Path, *, lang: str | None = None) -> tuple[list[Source], list[str]]:
    """Add every feed of an OPML file; (added, notes on those skipped)."""
    lang = source_language(lang)  # a bad one is said once, not once a feed
    added, skipped = [], []
    for url, title, kind in read_opml(path):
        try:
            added.append(add_source(store, url, kind=kind, title=title, lang=lang))
        except SourceError as exc:
            skipped.append(str(exc))
    return added, skipped
