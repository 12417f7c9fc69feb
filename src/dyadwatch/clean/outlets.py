"""Outlet names: a table of known outlets (domain → display name, with aliases).

Names found in text ("CIVILNET", "Caliber.az © 2026") and URL domains are
normalised through it; an unknown domain falls back to the bare domain.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from .tables import read_table

__all__ = ["OutletTable", "load_outlet_table", "default_outlets", "domain_of"]


def domain_of(url: str | None) -> str | None:
    """'https://www.themoscowtimes.com/2025/…' → 'themoscowtimes.com'."""
    if not url:
        return None
    if "://" not in url:
        url = "http://" + url
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    for prefix in ("www.", "m.", "amp.", "mobile.", "en.", "eng."):
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix):]
    return host.lower()


@dataclass
class OutletTable:
    by_domain: dict[str, str] = field(default_factory=dict)
    by_alias: dict[str, str] = field(default_factory=dict)  # casefolded name or alias → display name

    def add(self, domain: str, name: str, aliases: list[str]) -> None:
        domain = domain.lower()
        self.by_domain[domain] = name
        for alias in (name, domain, *aliases):
            if alias:
                self.by_alias[alias.casefold()] = name

    def name_for_domain(self, domain: str | None) -> str | None:
        """The display name of a domain (or of its parent domain); None when unknown."""
        while domain:
            if domain in self.by_domain:
                return self.by_domain[domain]
            _, _, domain = domain.partition(".")
            if "." not in domain:
                return None
        return None

    def name_for_url(self, url: str | None) -> str | None:
        """Display name for a URL's site; unknown sites fall back to the domain."""
        domain = domain_of(url)
        return self.name_for_domain(domain) or domain

    def normalise(self, name: str | None) -> str | None:
        """A name as written in text → the table's display name (or the name, tidied)."""
        if not name:
            return None
        name = name.strip(" .,:;–—-\"'“”«»")
        if not name:
            return None
        known = self.by_alias.get(name.casefold())
        if known:
            return known
        domain = domain_of(name) if "." in name and " " not in name else None
        if domain:
            return self.name_for_domain(domain) or name
        return name

    def is_known(self, name: str) -> bool:
        return name.strip(" .").casefold() in self.by_alias


def load_outlet_table(*extra_files: str | Path) -> OutletTable:
    """The shipped outlet table plus users' files of the same shape (later rows win)."""
    table = OutletTable()
    for source in ("outlets.tsv", *extra_files):
        for row in read_table(source):
            if len(row) < 2:
                continue
            aliases = row[2].split("|") if len(row) > 2 and row[2] else []
            table.add(row[0], row[1], aliases)
    return table


@lru_cache(maxsize=1)
def default_outlets() -> OutletTable:
    return load_outlet_table()
