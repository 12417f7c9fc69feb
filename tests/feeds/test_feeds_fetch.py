"""`dyadwatch fetch` against a real HTTP server: exactly the allowed new articles, once;
every failure recorded with its reason; a second pass asks conditionally and fetches nothing."""
from __future__ import annotations

import json

import duckdb
import pytest

from support import jsonl, run_cli

# Small timeouts keep the test fast; the slow page takes longer than two tries.
FAST = ["--delay", "0", "--timeout", "0.5", "--retries", "1", "--backoff", "0.01"]
GOOD_PAGES = {"/news/all-in", "/old/shared-enemy", "/news/strategic-courtesy", "/ru/victory-day",
              "/news/forum-visit"}


def _add_sources(outlets, db) -> None:
    run_cli("sources", "add", f"{outlets.base}/feed.rss", "--name", "test-outlet", "--lang", "en", "--db", str(db))
    run_cli("sources", "add", f"{outlets.base}/atom.xml", "--db", str(db))
    run_cli("sources", "add", f"{outlets.base}/sitemap.xml", "--name", "sitemap", "--lang", "en", "--db", str(db))
    refused = run_cli("sources", "add", f"{outlets.base}/broken.rss", "--db", str(db), check=False)
    assert refused.returncode == 2 and "broken feed" in refused.stderr
    run_cli("sources", "add", f"{outlets.base}/broken.rss", "--name", "broken", "--kind", "rss", "--db", str(db))


def _fetched(db) -> dict[str, dict]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        cursor = con.execute("SELECT * FROM fetched")
        names = [d[0] for d in cursor.description]
        return {row[0]: dict(zip(names, row)) for row in cursor.fetchall()}
    finally:
        con.close()


def _page_gets(outlets, path: str) -> list[int]:
    return [entry.status for entry in outlets.requests(path)]


def test_fetch_gets_each_allowed_article_once_and_records_every_failure(outlets, tmp_path):
    db = tmp_path / "watch.duckdb"
    _add_sources(outlets, db)
    outlets.clear()

    first = run_cli("fetch", "--db", str(db), *FAST, check=False)
    assert first.returncode == 3, first.stderr  # some pages failed: said in the exit status
    assert "5 new pages" in first.stderr and "5 articles stored" in first.stderr

    # Each good page was fetched, and answered 200, exactly once (the redirect: one 301, one 200).
    for path in GOOD_PAGES - {"/old/shared-enemy", "/news/strategic-courtesy"}:
        assert _page_gets(outlets, path) == [200], path
    assert _page_gets(outlets, "/old/shared-enemy") == [301]
    assert _page_gets(outlets, "/news/shared-enemy") == [200]
    assert _page_gets(outlets, "/news/strategic-courtesy") == [500, 200]  # retried within the pass
    assert _page_gets(outlets, "/private/secret") == []  # robots.txt forbids it: never asked
    assert len(_page_gets(outlets, "/robots.txt")) == 1
    assert all(e.user_agent.startswith("dyadwatch/") for e in outlets.log)

    rows = _fetched(db)
    base = outlets.base
    kept = {url.removeprefix(base) for url, row in rows.items() if row["kind"] == "page" and row["reason"] is None}
    assert kept == GOOD_PAGES
    assert rows[f"{base}/old/shared-enemy"]["final_url"] == f"{base}/news/shared-enemy"
    assert "404" in rows[f"{base}/news/missing"]["reason"] and not rows[f"{base}/news/missing"]["retry"]
    assert rows[f"{base}/private/secret"]["reason"] == "disallowed by robots.txt"
    assert "timed out" in rows[f"{base}/news/slow"]["reason"] and rows[f"{base}/news/slow"]["retry"]
    assert rows[f"{base}/broken.rss"]["reason"].startswith("broken feed")
    for failed in ("/news/missing", "/private/secret", "/news/slow", "/broken.rss"):
        assert f"{base}{failed}" in first.stderr  # the pass's summary names each failure

    # The pipeline stored and coded them; the page's final URL and the feed's date came along.
    articles = {a["url"]: a for a in jsonl(run_cli("articles", "--db", str(db), "--format", "jsonl").stdout)}
    assert set(articles) == {f"{base}{p}" for p in GOOD_PAGES - {"/old/shared-enemy"}} | {f"{base}/news/shared-enemy"}
    events = jsonl(run_cli("events", "--db", str(db), "--format", "jsonl").stdout)
    assert len(events) >= 5
    assert articles[f"{base}/news/all-in"]["published"].startswith("2026-02-17")
    # The Windows-1251 page decoded right: its curly quotes and dashes survive.
    victory = json.loads(run_cli("articles", "--db", str(db), "--format", "json").stdout)
    body = next(a["body"] for a in victory if a["url"] == f"{base}/ru/victory-day")
    assert "“balanced and balancing”" in body and "policy—even" in body

    # The raw HTML is kept beside the store, one JSONL file per source and pass.
    pages = sorted((tmp_path / "watch.pages").rglob("*.jsonl"))
    assert {p.parent.name for p in pages} == {"test-outlet", "second-outlet", "sitemap"}
    records = [json.loads(line) for p in pages for line in p.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 5 and all(r["html"].lstrip().startswith("<!DOCTYPE html>") for r in records)

    listing = {s["name"]: s for s in json.loads(run_cli("sources", "list", "--db", str(db), "--format", "json").stdout)}
    # Sources are read by name: the sitemap fetched the page both it and the RSS feed list.
    assert (listing["sitemap"]["pages"], listing["test-outlet"]["pages"], listing["test-outlet"]["failed"]) == (2, 2, 3)
    assert listing["second-outlet"]["kind"] == "atom" and listing["sitemap"]["kind"] == "sitemap"
    assert listing["broken"]["feed"].startswith("broken feed")

    # Second pass: every feed asked conditionally and answered 304; no page fetched again.
    outlets.clear()
    second = run_cli("fetch", "--db", str(db), *FAST, check=False)
    assert "0 new pages" in second.stderr and "3 not modified" in second.stderr, second.stderr
    assert [(e.status, e.if_none_match is not None) for e in outlets.requests("/feed.rss")] == [(304, True)]
    assert [(e.status, e.if_none_match is not None) for e in outlets.requests("/atom.xml")] == [(304, True)]
    assert [(e.status, e.if_modified_since is not None) for e in outlets.requests("/sitemap.xml")] == [(304, True)]
    asked_again = {e.path for e in outlets.log} - {"/feed.rss", "/atom.xml", "/sitemap.xml", "/broken.rss",
                                                   "/robots.txt"}
    assert asked_again == {"/news/slow"}  # only the page that timed out is tried again
    assert len(jsonl(run_cli("articles", "--db", str(db), "--format", "jsonl").stdout)) == 5
    assert _fetched(db)[f"{base}/news/slow"]["attempts"] == 2

    # A new item in the feed: the next pass fetches exactly that page.
    outlets.rss_items.insert(0, ("/news/republished/forum-visit", "Wed, 18 Feb 2026 10:00:00 +0000"))
    outlets.clear()
    third = run_cli("fetch", "--db", str(db), *FAST, "--source", "test-outlet", check=False)
    assert "1 source:" in third.stderr and "1 new page," in third.stderr
    assert [e.path for e in outlets.log if e.path.startswith("/news/")] == [
        "/news/republished/forum-visit", "/news/slow", "/news/slow"]  # slow: two tries, each given up
    rows = _fetched(db)
    assert rows[f"{base}/news/republished/forum-visit"]["reason"] is None
    assert "gave up after 3 passes" in rows[f"{base}/news/slow"]["reason"] and not rows[f"{base}/news/slow"]["retry"]


def test_pages_folder_redoes_the_run_offline(outlets, tmp_path):
    db = tmp_path / "live.duckdb"
    pages = tmp_path / "kept"
    run_cli("sources", "add", f"{outlets.base}/atom.xml", "--db", str(db))
    run_cli("fetch", "--db", str(db), "--pages", str(pages), *FAST)
    live = jsonl(run_cli("events", "--db", str(db), "--format", "jsonl").stdout)
    offline_db = tmp_path / "offline.duckdb"
    run_cli("process", str(pages), "--db", str(offline_db))
    offline = jsonl(run_cli("events", "--db", str(offline_db), "--format", "jsonl").stdout)
    assert live and [e["event_id"] for e in live] == [e["event_id"] for e in offline]


def test_a_page_that_announces_its_feed_adds_the_feed(outlets, tmp_path):
    db = tmp_path / "s.duckdb"
    added = run_cli("sources", "add", f"{outlets.base}/home", "--db", str(db))
    assert f"{outlets.base}/feed.rss" in added.stderr and "(rss)" in added.stderr
    again = run_cli("sources", "add", f"{outlets.base}/feed.rss", "--db", str(db), check=False)
    assert again.returncode == 2 and "already followed" in again.stderr


def _languages(db) -> dict[str, str]:
    """path of the page on the server → the stored article's language."""
    return {a["url"].split("/", 3)[-1]: a["language"]
            for a in jsonl(run_cli("articles", "--db", str(db), "--format", "jsonl").stdout)}


def test_an_outlets_declared_language_is_its_articles_language(outlets, tmp_path):
    # The brief's text alone ("Стартовал международный конкурс The Best of Blogs.") is read as
    # English by its words; the outlet is declared Russian, so both its pages are Russian articles.
    declared = tmp_path / "declared.duckdb"
    run_cli("sources", "add", f"{outlets.base}/ru/feed.rss", "--name", "russian-outlet", "--lang", "RU",
            "--db", str(declared))
    listing = json.loads(run_cli("sources", "list", "--db", str(declared), "--format", "json").stdout)
    assert [s["lang"] for s in listing] == ["ru"]  # stored as its ISO 639-1 code
    fetched = run_cli("fetch", "--db", str(declared), *FAST)
    assert "2 new pages" in fetched.stderr and "2 articles stored" in fetched.stderr
    assert _languages(declared) == {"ru/news/obama-sarkozy": "ru", "ru/news/best-of-blogs": "ru"}
    # The language travels in the kept pages, so an offline rerun of them says the same.
    records = [json.loads(line) for p in (tmp_path / "declared.pages").rglob("*.jsonl")
               for line in p.read_text(encoding="utf-8").splitlines()]
    assert [r["lang"] for r in records] == ["ru", "ru"]
    offline = tmp_path / "offline.duckdb"
    run_cli("process", str(tmp_path / "declared.pages"), "--db", str(offline))
    assert _languages(offline) == _languages(declared)
    # Parsed as Russian: the article's actors are found in their case forms (Афганистане, Франции).
    with duckdb.connect(str(declared), read_only=True) as con:
        codes = {r[0] for r in con.execute("SELECT m.code FROM mentions m JOIN articles a USING (article_id) "
                                           "WHERE a.url LIKE '%obama-sarkozy'").fetchall()}
    assert {"FRA", "AFG", "PAK"} <= {c[:3] for c in codes}

    # The same feed followed with no declared language: each page's language is detected.
    detected = tmp_path / "detected.duckdb"
    run_cli("sources", "add", f"{outlets.base}/ru/feed.rss", "--db", str(detected))
    run_cli("fetch", "--db", str(detected), *FAST)
    assert _languages(detected) == {"ru/news/obama-sarkozy": "ru", "ru/news/best-of-blogs": "en"}


@pytest.mark.parametrize("command", [["sources", "add", "{base}/ru/feed.rss"],
                                     ["sources", "add", "{base}/ru/feed.rss", "--kind", "rss"]])
def test_a_language_that_is_no_code_is_refused_before_anything_is_read(outlets, tmp_path, command):
    db = tmp_path / "s.duckdb"
    refused = run_cli(*[part.format(base=outlets.base) for part in command], "--lang", "Russian", "--db", str(db),
                      check=False)
    assert refused.returncode == 2 and "'Russian' is not a language code" in refused.stderr, refused.stderr
    assert "Traceback" not in refused.stderr
    assert outlets.requests("/ru/feed.rss") == []
