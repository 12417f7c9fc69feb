"""What a feed or a sitemap lists: the article URLs, with a date when it gives one.

RSS and Atom are read by feedparser; sitemaps (`<urlset>`, `<sitemapindex>`, with
the Google News extension) by lxml. The kind is told from the document itself,
so a source whose URL changes from RSS to Atom keeps working.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urljoin

import feedparser
from lxml import etree, html as lxml_html

__all__ = ["Entry", "Listing", "NotAFeed", "read_listing", "feed_links_in_page"]


class NotAFeed(ValueError):
    """The document is neither an RSS/Atom feed nor a sitemap; the message says what it is."""


@dataclass(slots=True)
class Entry:
    url: str
    date: str | None = None  # ISO date or datetime, as the feed gives it
    title: str | None = None


@dataclass(slots=True)
class Listing:
    kind: str  # rss, atom, sitemap, sitemapindex
    title: str | None
    entries: list[Entry] = field(default_factory=list)  # sitemapindex: the child sitemaps


def read_listing(data: bytes, *, base_url: str) -> Listing:
    """The entries of a feed or sitemap. Raises NotAFeed with the reason."""
    root = _xml_root(data)
    if root is not None and etree.QName(root).localname in ("urlset", "sitemapindex"):
        return _read_sitemap(root, base_url)
    parsed = feedparser.parse(data, response_headers={"content-location": base_url})
    version = parsed.get("version") or ""
    entries = []
    for item in parsed.entries:
        link = item.get("link") or next((l.get("href") for l in item.get("links", []) if l.get("href")), None)
        if not link or not link.strip():
            continue
        entries.append(Entry(url=urljoin(base_url, link.strip()), date=_entry_date(item), title=item.get("title")))
    if not version and not entries:
        problem = parsed.get("bozo_exception")
        raise NotAFeed(f"not an RSS/Atom feed or sitemap ({problem})" if problem
                       else "not an RSS/Atom feed or sitemap")
    if parsed.get("bozo") and not entries:
        raise NotAFeed(f"broken feed: {parsed.get('bozo_exception')}")
    kind = "atom" if version.startswith("atom") else "rss"
    return Listing(kind=kind, title=parsed.feed.get("title"), entries=entries)


def feed_links_in_page(data: bytes, *, base_url: str) -> list[str]:
    """Feeds an HTML page announces (`<link rel="alternate" type="application/rss+xml">`)."""
    try:
        page = lxml_html.fromstring(data)
    except (etree.ParserError, ValueError):
        return []
    links = []
    for link in page.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower()
        if "alternate" in rel and kind in ("application/rss+xml", "application/atom+xml") and link.get("href"):
            links.append(urljoin(base_url, link.get("href").strip()))
    return links


def _xml_root(data: bytes):
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
        return etree.fromstring(data.lstrip(), parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _read_sitemap(root, base_url: str) -> Listing:
    kind = etree.QName(root).localname
    entries = []
    for node in root:
        if not isinstance(node.tag, str):
            continue  # comments, processing instructions
        values = {etree.QName(child).localname: (child.text or "").strip()
                  for child in node.iter() if isinstance(child.tag, str)}
        loc = values.get("loc")
        if not loc:
            continue
        # A Google News sitemap gives the publication date; plain ones only lastmod.
        date = values.get("publication_date") or values.get("lastmod") or None
        entries.append(Entry(url=urljoin(base_url, loc), date=date, title=values.get("title") or None))
    return Listing(kind=kind, title=None, entries=entries)


def _entry_date(item) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = item.get(key)
        if value:
            # feedparser gives UTC struct_time; timegm reads it as UTC.
            return datetime.fromtimestamp(calendar.timegm(value), tz=timezone.utc).replace(tzinfo=None).isoformat()
    return None
