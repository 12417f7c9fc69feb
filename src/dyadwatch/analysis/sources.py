"""What to call the source of an article when its outlet is unknown."""
from __future__ import annotations

import re
from typing import Any, Mapping
from urllib.parse import urlparse

__all__ = ["source_label", "safe_url", "UNKNOWN_OUTLET"]

# What a report whose outlet nobody said is shown as: a file name or a hash is no outlet.
UNKNOWN_OUTLET = "unknown outlet"
# An outlet stored by an older run that is really a file name, a hash or a footer line
_NOT_AN_OUTLET = re.compile(r"(?i)^[0-9a-f]{16,}$|\.(?:txt|html?|jsonl?|gz|xml|md)$|all rights? reserved|^\d+_[0-9a-f]{8,}")


def source_label(article: Mapping[str, Any]) -> str:
    """The outlet's name; else the host of its URL; else "unknown outlet". Never empty, so a
    story or a framing row always says where a report came from; never a file name or a hash."""
    outlet = str(article.get("outlet") or "").strip()
    if outlet and not _NOT_AN_OUTLET.search(outlet):
        return outlet
    try:
        host = urlparse(article.get("url") or "").hostname
    except ValueError:
        host = None
    if host:
        return host.removeprefix("www.")
    return UNKNOWN_OUTLET


def safe_url(url: str | None) -> str | None:
    """The URL if it is an http(s) link, else None (no javascript:, data:, file: links)."""
    if url and urlparse(url).scheme in ("http", "https") and urlparse(url).hostname:
        return url
    return None
