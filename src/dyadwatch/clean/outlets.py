"""Outlet names: a table of known outlets (domain → display name, with aliases), and the
user's rules naming the outlet of a run's files (`--outlet`, dyadwatch-outlets.tsv).

Names found in text ("CIVILNET", "Caliber.az © 2026") and URL domains are
normalised through the table; an unknown domain falls back to the bare domain.

A page's own site name (og:site_name and the like) is not always its outlet's
(`site_name_is_outlet`): a share service's ("Digg", not_outlets.tsv) is one only on that
service's own site, and a single common word written as a word, not as a brand ("Hosted",
"Experience": common_words.txt), only when it names the page's site (Wired on wired.com).

Which outlet an article gets, first that answers: `process --outlet NAME` > the outlets file's
first matching rule > what the page says (metadata) > the known domain table > none.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from fnmatch import fnmatch
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from tld import get_tld

from .tables import read_table

__all__ = ["OutletTable", "load_outlet_table", "default_outlets", "domain_of", "OutletRule", "OutletRules",
           "load_outlet_rules", "USER_OUTLETS_FILE", "site_name_is_outlet"]

# The user's outlet rules, looked for in the working directory (`process --outlets FILE` names another).
USER_OUTLETS_FILE = "dyadwatch-outlets.tsv"
_RULE_KINDS = ("folder", "file", "host")


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


@lru_cache(maxsize=1)
def _not_outlets() -> frozenset[str]:
    return frozenset(row[0].casefold() for row in read_table("not_outlets.tsv") if row and row[0])


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    return frozenset(row[0] for row in read_table("common_words.txt") if row and row[0])


_WORD = re.compile(r"[^\W\d_]+")  # letters only


def _site_label(url: str | None) -> str | None:
    """The name a site registers under its public suffix: 'ap' for hosted.ap.org, 'express'
    for www.express.co.uk."""
    if not url:
        return None
    found = get_tld(url if "://" in url else "http://" + url, as_object=True, fail_silently=True)
    return found.domain.casefold() if found and found.domain else None


def _names_site(name: str, url: str | None) -> bool:
    """Whether a name is the page's site's own ('Digg' on digg.com, 'Mint' on livemint.com)."""
    label, key = _site_label(url), re.sub(r"[\W_]+", "", name.casefold())
    return bool(label and key and key in label)


def site_name_is_outlet(name: str, url: str | None, outlets: OutletTable) -> bool:
    """Whether the site name a page gives (og:site_name, twitter:site, application-name, as
    trafilatura reads them) names the outlet of a page at `url`. A name the outlet table knows
    always does; a share service's or a social network's (not_outlets.tsv) only on its own site;
    a single common word written as a word is written ("Hosted", "experience"; not "CNN" nor
    "AppleInsider"), only when it names the page's site ("Wired" on wired.com)."""
    name = name.strip().lstrip("@")
    if not name:
        return False
    if outlets.is_known(name) or _names_site(name, url):
        return True
    if name.casefold() in _not_outlets():
        return False
    common = _WORD.fullmatch(name) is not None and name in (name.lower(), name.capitalize()) \
        and name.lower() in _common_words()
    return not common


@dataclass(frozen=True, slots=True)
class OutletRule:
    """One row of an outlets file: files under a folder, files matching a glob pattern, or pages
    whose URL is on a host, are by `outlet`. `base` is the file's folder (patterns are relative to it)."""

    kind: str  # folder | file | host
    pattern: str  # a folder: absolute; a host: lower case
    outlet: str
    base: str


@dataclass(frozen=True, slots=True)
class OutletRules:
    """Who wrote a run's files, as the user said: `outlet` for every file (`--outlet`), else the
    first rule that matches. Plain data: it travels to the workers with the chunks."""

    outlet: str | None = None
    rules: tuple[OutletRule, ...] = ()

    def outlet_for(self, path: str, url: str | None) -> str | None:
        """The outlet the user names for an input (a JSONL record's path is FILE#ID), or None."""
        if self.outlet:
            return self.outlet
        if not self.rules:
            return None
        file = os.path.abspath(path.split("#", 1)[0])
        try:
            host = (urlsplit(url).hostname or "").lower() if url else ""
        except ValueError:
            host = ""
        for rule in self.rules:
            if rule.kind == "folder":
                if file.startswith(rule.pattern.rstrip(os.sep) + os.sep):
                    return rule.outlet
            elif rule.kind == "file":
                relative = os.path.relpath(file, rule.base)
                if any(fnmatch(candidate, rule.pattern) for candidate in (os.path.basename(file), relative, file)):
                    return rule.outlet
            elif host and (host == rule.pattern or host.endswith("." + rule.pattern)):
                return rule.outlet
        return None


def load_outlet_rules(path: str | Path | None = None, *, outlet: str | None = None) -> OutletRules:
    """The rules of an outlets file (see the README, "Naming outlets"), with `outlet` over them
    all. Raises ValueError naming the file and line of a bad row."""
    if outlet is not None and not outlet.strip():
        raise ValueError("--outlet needs a name")
    rules = []
    if path is not None:
        path = Path(path)
        base = str(path.resolve().parent)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"{path}: cannot read: {exc}") from None
        for number, line in enumerate(lines, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            fields = [f.strip() for f in line.split("\t")]
            if len(fields) != 3 or not all(fields):
                raise ValueError(f"{path}:{number}: expected three tab-separated fields: kind (folder, file or "
                                 f"host), pattern, outlet name; got {line.strip()!r}")
            kind, pattern, name = fields
            kind = kind.lower()
            if kind not in _RULE_KINDS:
                raise ValueError(f"{path}:{number}: unknown kind {fields[0]!r} (folder, file or host)")
            if kind == "folder":
                pattern = os.path.abspath(os.path.join(base, os.path.expanduser(pattern)))
            elif kind == "host":
                pattern = pattern.lower().removeprefix("http://").removeprefix("https://").strip("/")
                if "/" in pattern or "." not in pattern:
                    raise ValueError(f"{path}:{number}: {fields[1]!r} is not a URL host (e.g. civilnet.am)")
            rules.append(OutletRule(kind, pattern, name, base))
    return OutletRules(outlet=outlet.strip() if outlet else None, rules=tuple(rules))
