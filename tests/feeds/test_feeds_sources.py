"""Sources through the command line: OPML import, add, list, remove, on a real store."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyadwatch.feeds import parse_interval, read_opml

from support import run_cli

OPML = Path(__file__).parent / "fixtures" / "outlets.opml"


def _listing(db) -> dict[str, dict]:
    return {s["name"]: s for s in json.loads(run_cli("sources", "list", "--db", str(db), "--format", "json").stdout)}


def test_opml_outlines_are_read_however_nested():
    found = read_opml(OPML)
    assert [url for url, _, _ in found] == ["https://armenianweekly.com/feed/", "https://caliber.az/rss",
                                            "https://www.themoscowtimes.com/rss/news",
                                            "https://example.org/news-sitemap.xml"]
    assert [kind for _, _, kind in found] == ["feed", "feed", "feed", "sitemap"]


def test_import_add_list_remove(tmp_path):
    db = tmp_path / "s.duckdb"
    imported = run_cli("sources", "import", str(OPML), "--lang", "en", "--db", str(db))
    assert "4 sources added, 0 skipped" in imported.stderr
    listing = _listing(db)
    assert set(listing) == {"armenian-weekly", "caliber", "the-moscow-times", "news-sitemap"}
    assert all(s["feed"] == "not fetched yet" and s["pages"] == 0 and s["lang"] == "en" for s in listing.values())

    # Importing again adds nothing and says why.
    again = run_cli("sources", "import", str(OPML), "--db", str(db))
    assert "0 sources added, 4 skipped" in again.stderr and "already followed" in again.stderr

    # Added with an explicit kind, nothing is fetched (offline).
    run_cli("sources", "add", "https://oc-media.org/feed/", "--kind", "rss", "--name", "oc-media", "--lang", "ru",
            "--db", str(db))
    assert _listing(db)["oc-media"] == {**_listing(db)["oc-media"], "kind": "rss", "lang": "ru",
                                        "url": "https://oc-media.org/feed/"}
    clash = run_cli("sources", "add", "https://other.example/feed", "--kind", "rss", "--name", "oc-media",
                    "--db", str(db), check=False)
    assert clash.returncode == 2 and "exists already" in clash.stderr
    bad_name = run_cli("sources", "add", "https://other.example/feed", "--kind", "rss", "--name", "OC Media",
                       "--db", str(db), check=False)
    assert bad_name.returncode == 2 and "'oc-media'" in bad_name.stderr

    run_cli("sources", "remove", "caliber", "--db", str(db))
    run_cli("sources", "remove", "https://www.themoscowtimes.com/rss/news", "--db", str(db))
    assert set(_listing(db)) == {"armenian-weekly", "news-sitemap", "oc-media"}
    missing = run_cli("sources", "remove", "caliber", "--db", str(db), check=False)
    assert missing.returncode == 2 and "no source named 'caliber'" in missing.stderr

    table = run_cli("sources", "list", "--db", str(db)).stdout
    assert "armenian-weekly" in table and "oc-media" in table


def test_an_unreachable_url_is_not_added(tmp_path):
    db = tmp_path / "s.duckdb"
    # Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    refused = run_cli("sources", "add", "http://127.0.0.1:9/feed", "--timeout", "1", "--db", str(db), check=False)
    assert refused.returncode == 2 and "cannot read" in refused.stderr and "--kind" in refused.stderr


@pytest.mark.parametrize("text, seconds", [("15m", 900), ("30s", 30), ("1h", 3600), ("1h30m", 5400),
                                           ("0.5m", 30), ("2H", 7200)])
def test_intervals(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["15", "m", "15x", "", "0s", "15 minutes"])
def test_bad_intervals(text):
    with pytest.raises(ValueError):
        parse_interval(text)
