"""One pass over the followed sources: read each feed, fetch its new pages, keep them.

A pass has three steps, so the slow one (the network) needs no hold on the store:

1. `plan_pass(store)`: the sources, each feed's validators (ETag, Last-Modified)
   and the pages already fetched. Works on a read-only store.
2. `harvest(plan, fetcher, pages_dir)`: conditional GET of each feed, then each
   page it lists that was not fetched before. The raw HTML of a pass's new pages
   is written to `pages_dir/<source>/<UTC time>.jsonl` as records
   {"id", "html", "url", "date", "lang"?, ...}: the pipeline's own JSONL input, so any
   pass can be redone offline with `dyadwatch process pages_dir`. "lang" is the source's
   declared language (`sources add --lang`), which the cleaner takes as the article's.
3. `record_pass(store, harvest)`: the fate of every URL into the `fetched` table.

`feeds.watch.run_pass` does the three and hands the pages folder to the
pipeline, whose incremental run processes only the new files. One bad feed or
page never stops the others: each failure is a row with its reason.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

from ..ingest.decoding import DecodeError, decode_bytes
from ..store import Store
from ..store.transactions import roll_back
from .entries import Entry, NotAFeed, read_listing
from .fetch import Fetched, PoliteFetcher
from .sources import Source, load_sources

__all__ = ["PassPlan", "Harvest", "SourceHarvest", "Failure", "plan_pass", "harvest", "record_pass",
           "pages_dir_for", "page_id", "MAX_ATTEMPTS", "MAX_NEW_PAGES"]

MAX_ATTEMPTS = 3  # passes a page failing for a passing reason (timeout, 5xx) is tried in
MAX_NEW_PAGES = 200  # pages fetched per source and pass: the newest first, the rest next pass
MAX_CHILD_SITEMAPS = 50
_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")

Progress = Callable[[str], None]


def pages_dir_for(db: str | Path) -> Path:
    """Where a store's fetched pages are kept by default: `<db stem>.pages` beside it."""
    db = Path(db).resolve()
    return db.with_name(db.stem + ".pages")


def page_id(url: str) -> str:
    """The record id of a page: a stable hash of the URL the feed listed."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class PassPlan:
    sources: list[Source]
    validators: dict[str, tuple[str | None, str | None]]  # feed url → (etag, last_modified)
    done: set[str]  # page URLs not to fetch again
    attempts: dict[str, int]  # page URL → passes tried so far (pages that failed and may be retried)
    retries: dict[str, list[Entry]]  # source name → its pages to try again, even if its feed is unchanged


@dataclass(slots=True)
class Failure:
    source: str
    url: str
    reason: str


@dataclass(slots=True)
class SourceHarvest:
    source: Source
    feed: str = "ok"  # ok, not modified, or why the feed failed
    kind: str | None = None  # as read this pass
    new_pages: int = 0
    failures: list[Failure] = field(default_factory=list)
    file: Path | None = None


@dataclass(slots=True)
class Harvest:
    started: datetime
    sources: list[SourceHarvest] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)  # for the `fetched` table

    @property
    def new_pages(self) -> int:
        return sum(s.new_pages for s in self.sources)

    @property
    def failures(self) -> list[Failure]:
        return [f for s in self.sources for f in s.failures]


def plan_pass(store: Store, *, only: Iterable[str] = ()) -> PassPlan:
    only = set(only)
    sources = [s for s in load_sources(store) if not only or s.name in only or s.url in only]
    validators = {url: (etag, modified) for url, etag, modified in store.con.execute(
        "SELECT url, etag, last_modified FROM fetched WHERE kind = 'feed'").fetchall()}
    done, attempts, retries = set(), {}, {}
    for url, source, retry, tried, listed in store.con.execute(
            "SELECT url, source, retry, attempts, listed_date FROM fetched WHERE kind = 'page' ORDER BY url").fetchall():
        if retry and tried < MAX_ATTEMPTS:
            attempts[url] = tried
            retries.setdefault(source, []).append(Entry(url=url, date=listed))
        else:
            done.add(url)
    return PassPlan(sources=sources, validators=validators, done=done, attempts=attempts, retries=retries)


def harvest(plan: PassPlan, fetcher: PoliteFetcher, pages_dir: str | Path, *, max_new: int = MAX_NEW_PAGES,
            on_progress: Progress | None = None) -> Harvest:
    """Fetch every source's feed and its new pages; write the pages; never raises for bad input."""
    result = Harvest(started=datetime.now(timezone.utc).replace(tzinfo=None))
    say = on_progress or (lambda text: None)
    for source in plan.sources:
        outcome = SourceHarvest(source=source)
        result.sources.append(outcome)
        try:
            entries = _read_feed(source, plan, fetcher, outcome, result, say)
            records = _fetch_pages(source, entries, plan, fetcher, outcome, result, max_new, say)
            if records:
                outcome.file = _write_pages(Path(pages_dir), source.name, records, result.started)
        except Exception as exc:  # a bug met on one source must not stop the others
            outcome.feed = f"unexpected error: {type(exc).__name__}: {exc}"
            outcome.failures.append(Failure(source.name, source.url, outcome.feed))
    return result


def _read_feed(source: Source, plan: PassPlan, fetcher: PoliteFetcher, outcome: SourceHarvest,
               result: Harvest, say: Progress) -> list[Entry]:
    say(f"{source.name}: reading {source.url}")
    listing_kind, entries = _read_listing(source, source.url, plan, fetcher, outcome, result)
    if listing_kind == "sitemapindex":
        children, entries = entries[:MAX_CHILD_SITEMAPS], []
        for child in children:
            _, found = _read_listing(source, child.url, plan, fetcher, outcome, result)
            entries.extend(found)
        outcome.kind = "sitemap"
    elif listing_kind:
        outcome.kind = "sitemap" if listing_kind == "urlset" else listing_kind
    # Newest first, so a cap on pages per pass takes the latest news; then the pages to try again.
    return sorted(entries, key=lambda e: e.date or "", reverse=True) + plan.retries.get(source.name, [])


def _read_listing(source: Source, url: str, plan: PassPlan, fetcher: PoliteFetcher, outcome: SourceHarvest,
                  result: Harvest) -> tuple[str | None, list[Entry]]:
    etag, modified = plan.validators.get(url, (None, None))
    got = fetcher.get(url, etag=etag, last_modified=modified)
    row = _row(got, source=source.name, kind="feed", at=result.started)
    if got.not_modified or got.reason:
        # Keep the old validators, so the next request is conditional still.
        row["etag"] = got.etag or etag
        row["last_modified"] = got.last_modified or modified
    result.rows.append(row)
    if got.not_modified:
        if url == source.url:
            outcome.feed = "not modified"
        return None, []
    if got.reason:
        _feed_failed(outcome, source, url, got.reason)
        return None, []
    try:
        listing = read_listing(got.content, base_url=got.final_url or url)
    except NotAFeed as exc:
        row["reason"] = str(exc)
        _feed_failed(outcome, source, url, str(exc))
        return None, []
    return listing.kind, listing.entries


def _feed_failed(outcome: SourceHarvest, source: Source, url: str, reason: str) -> None:
    if url == source.url:
        outcome.feed = reason
    outcome.failures.append(Failure(source.name, url, reason))


def _fetch_pages(source: Source, entries: list[Entry], plan: PassPlan, fetcher: PoliteFetcher,
                 outcome: SourceHarvest, result: Harvest, max_new: int, say: Progress) -> list[dict]:
    records, seen = [], set()
    todo = [e for e in entries if e.url not in plan.done and not (e.url in seen or seen.add(e.url))]
    for number, entry in enumerate(todo[:max_new], 1):
        say(f"{source.name}: page {number}/{min(len(todo), max_new)} {entry.url}")
        got = fetcher.get(entry.url)
        plan.done.add(entry.url)  # listed by another source too: still fetched once
        tried = plan.attempts.get(entry.url, 0) + 1
        row = _row(got, source=source.name, kind="page", at=result.started, attempts=tried)
        row["listed_date"] = entry.date
        reason = got.reason
        text = None
        if reason is None:
            text, reason = _page_text(got)
            row["reason"] = reason
        if reason is not None:
            if got.retry and tried >= MAX_ATTEMPTS:
                reason = row["reason"] = f"{reason}; gave up after {tried} passes"
                row["retry"] = False
            outcome.failures.append(Failure(source.name, entry.url, reason))
        else:
            record_id = page_id(entry.url)
            row["record_id"] = record_id
            record = {"id": record_id, "html": text, "url": got.final_url or entry.url, "date": entry.date,
                      "listed_url": entry.url, "source": source.name, "title": entry.title,
                      "fetched_at": result.started.isoformat() + "Z"}
            if source.lang:  # the outlet's declared language travels with the page: the article's language
                record["lang"] = source.lang
            records.append(record)
            outcome.new_pages += 1
        result.rows.append(row)
    return records


def _page_text(got: Fetched) -> tuple[str | None, str | None]:
    """The page as text, or why it cannot be an article."""
    media = got.content_type.split(";")[0].strip().lower()
    if media not in _HTML_TYPES:
        return None, f"not a web page ({media})"
    try:
        # The page's own bytes decide (a charset the server declares is often wrong for old outlets).
        text, _ = decode_bytes(got.content)
    except DecodeError as exc:
        return None, f"cannot decode: {exc}"
    return text, None


def _write_pages(pages_dir: Path, source: str, records: list[dict], started: datetime) -> Path:
    folder = pages_dir / source
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{started.strftime('%Y%m%dT%H%M%S.%f')}Z.jsonl"
    partial = folder / f".{path.name}.part"  # hidden: a folder walk skips it until it is whole
    with open(partial, "w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    os.replace(partial, path)
    return path


def _row(got: Fetched, *, source: str, kind: str, at: datetime, attempts: int = 1) -> dict:
    return {"url": got.url, "source": source, "kind": kind, "final_url": got.final_url, "status": got.status,
            "etag": got.etag, "last_modified": got.last_modified, "fetched_at": at, "attempts": attempts,
            "reason": got.reason, "retry": bool(got.reason and got.retry), "file": None, "record_id": None,
            "listed_date": None}


_FETCHED_COLUMNS = ("url", "source", "kind", "final_url", "status", "etag", "last_modified", "fetched_at",
                    "attempts", "reason", "retry", "file", "record_id", "listed_date")


def record_pass(store: Store, result: Harvest) -> None:
    """Write the fate of every URL of the pass, and each source's kind as read, in one transaction."""
    files = {s.source.name: str(s.file) for s in result.sources if s.file}
    con = store.con
    con.begin()
    try:
        for row in result.rows:
            if row["record_id"]:
                row["file"] = files.get(row["source"])
            con.execute(f"INSERT OR REPLACE INTO fetched ({', '.join(_FETCHED_COLUMNS)}) "
                        f"VALUES ({', '.join('?' * len(_FETCHED_COLUMNS))})", [row[c] for c in _FETCHED_COLUMNS])
        for outcome in result.sources:
            if outcome.kind and outcome.kind != outcome.source.kind:
                con.execute("UPDATE sources SET kind = ? WHERE name = ?", [outcome.kind, outcome.source.name])
        con.commit()
    except BaseException:
        roll_back(con)
        raise
