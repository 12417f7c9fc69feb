"""What to call the source of an article when its outlet is unknown."""
from __future__ import annotations

from pathlib import PurePath
from typing import Any, Mapping
from urllib.parse import urlparse

__all__ = ["source_label", "safe_url"]


def source_label(article: Mapping[str, Any]) -> str:
    """The outlet's name; else the domain of its URL; else its file name. Never empty,
    so a story or a framing row always says where a report came from."""
    if article.get("outlet"):
        return str(article["outlet"])
    host = urlparse(article.get("url") or "").hostname
    if host:
        return host.removeprefix("www.")
    path = str(article.get("path") or article.get("article_id") or "unknown source")
    return PurePath(path.split("#", 1)[0]).name + (("#" + path.split("#", 1)[1]) if "#" in path else "")


def safe_url(url: str | None) -> str | None:
    """The URL if it is an http(s) link, else None (no javascript:, data:, file: links)."""
    if url and urlparse(url).scheme in ("http", "https") and urlparse(url).hostname:
        return url
    return None
