"""Article metadata read from the cleaned blocks of a plain-text page.

Only what the text states is taken; everything else stays None (a guess is
worse than nothing). Dates come from standalone datelines and bylines, never
from a list of other stories.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from .lines import is_title_candidate
from .outlets import OutletTable, domain_of
from .text import Block

__all__ = ["Metadata", "text_metadata", "outlet_from_lines", "is_footer_line"]

_APPEARED_FIRST = re.compile(r"^The post (?P<title>.+?) appeared first on (?P<outlet>.+?)\.?\s*$", re.IGNORECASE)
_OUTLET_NAME = r"[A-Z0-9][\w.&'’-]*(?:\s+[A-Z0-9][\w.&'’-]*){0,4}"
_COPYRIGHT_BEFORE = re.compile(r"(?P<name>" + _OUTLET_NAME + r")\s*(?:©|\(c\)|copyright)\s*(?:\d{4}|$)", re.IGNORECASE)
_COPYRIGHT_AFTER = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*(?P<name>" + _OUTLET_NAME + r")", re.IGNORECASE
)
_VIEWS_OF = re.compile(r"(?:position|views|opinion)s? of (?P<name>(?:the\s+)?" + _OUTLET_NAME + r")\s*\.?\s*$", re.IGNORECASE)
_HYPERLINK_TO = re.compile(r"(?:hyperlink|link|reference) to (?P<name>[\w-]+(?:\.[\w-]+)+)", re.IGNORECASE)
_NOT_NAMES = {"all rights reserved", "all right reserved", "all", "the", "rights"}
# A word one of the four patterns above needs: lines without one are passed over at once.
_OUTLET_HINT = re.compile(r"©|\(c\)|copyright|position|views|opinion|hyperlink|link|reference", re.IGNORECASE)


@dataclass(slots=True)
class Metadata:
    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    outlet: str | None = None
    url: str | None = None


def _clean_name(name: str) -> str | None:
    name = re.sub(r"\s*(all rights? reserved|\.\s*\.?)\s*$", "", name.strip(), flags=re.IGNORECASE).strip(" .,")
    return name if name and name.casefold() not in _NOT_NAMES else None


def outlet_from_lines(lines: list[str], outlets: OutletTable) -> str | None:
    """A known outlet named by a copyright line, an opinion disclaimer or a reuse notice. A name
    the outlet table does not know is not taken: footers name networks, agencies, printers and
    web designers as often as the outlet ("EnterMedia.co.kr. All right reserved")."""
    lines = [line for line in lines if _OUTLET_HINT.search(line)]
    for pattern in (_COPYRIGHT_BEFORE, _COPYRIGHT_AFTER, _VIEWS_OF, _HYPERLINK_TO):
        for line in lines:
            match = pattern.search(line)
            if match:
                name = _clean_name(match.group("name"))
                if name and _known(name, outlets):
                    return outlets.normalise(name)
    return None


_FOOTER = re.compile(r"©|\(c\)|copyright|all rights? reserved", re.IGNORECASE)


def is_footer_line(text: str) -> bool:
    """A copyright or rights line ("Copyright 2014", "EnterMedia.co.kr. All right reserved"):
    not an outlet's name unless the outlet table knows the name in it."""
    return bool(_FOOTER.search(text))


def _known(name: str, outlets: OutletTable) -> bool:
    """Whether the outlet table knows a name, as an alias or as a domain ("Caliber.az")."""
    if outlets.is_known(name):
        return True
    domain = domain_of(name) if "." in name and " " not in name else None
    return domain is not None and outlets.name_for_domain(domain) is not None


def text_metadata(blocks: list[Block], *, outlets: OutletTable) -> Metadata:
    meta = Metadata()
    body_index = [i for i, b in enumerate(blocks) if b.in_body]
    first = body_index[0] if body_index else len(blocks)
    last = body_index[-1] if body_index else len(blocks)
    header, footer = blocks[:first], blocks[last + 1:]
    outside = [b for b in blocks if not b.in_body]

    syndicated = None
    for block in outside:
        match = _APPEARED_FIRST.match(block.text)
        if match:
            syndicated = match
    if syndicated:
        meta.title = syndicated.group("title").strip()
    else:
        for block in reversed(header):
            if block.kind in ("short", "text") and is_title_candidate(block.text):
                meta.title = block.text.strip()
                break

    bylines = [b for b in header + footer if b.kind == "byline"]
    # A byline can also open the body region's edge ("By X" right above the first paragraph).
    if bylines:
        meta.author = bylines[0].author
    dates = [b.date for b in header if b.kind == "date"]
    dates += [b.date for b in bylines if b.date]
    dates += [b.date for b in footer if b.kind == "date"]
    meta.published = dates[0] if dates else None

    urls = [b.url for b in outside if b.kind == "url" and b.url]
    meta.url = urls[0] if urls else None
    if meta.url and not meta.url.startswith("http"):
        meta.url = "http://" + meta.url

    if syndicated:
        meta.outlet = outlets.normalise(syndicated.group("outlet"))
    elif meta.url and outlets.name_for_domain(domain_of(meta.url)):
        meta.outlet = outlets.name_for_domain(domain_of(meta.url))
    else:
        meta.outlet = outlet_from_lines([b.text for b in outside], outlets)
        if not meta.outlet:
            # A sign-off: a known outlet's name standing alone after the article.
            for block in footer:
                if block.words <= 4 and outlets.is_known(block.text):
                    meta.outlet = outlets.normalise(block.text)
                    break
        if not meta.outlet and meta.url:
            meta.outlet = outlets.name_for_url(meta.url)
    return meta
