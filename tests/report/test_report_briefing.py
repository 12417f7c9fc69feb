"""The briefing: its sections, inline charts, no remote asset, and stored text escaped."""
from __future__ import annotations

import re
import shutil
from datetime import datetime

from dyadwatch.records import Article, ProcessedArticle
from dyadwatch.report.briefing import render_briefing
from dyadwatch.store import open_store

from support import run_cli


def test_briefing_from_the_examples(processed_db, tmp_path):
    out = tmp_path / "briefing.html"
    run_cli("report", "--db", str(processed_db), "--out", str(out))
    html = out.read_text(encoding="utf-8")
    for section in ("relations", "events", "articles"):
        assert f'id="{section}"' in html
    assert 'id="dyad-ARM-RUS"' in html
    assert html.count("<svg") >= 1
    # Nothing is fetched from elsewhere: no script, stylesheet, image or font by URL.
    assert not re.search(r'<(script|img|link|iframe)[^>]+(src|href)="(https?:)?//', html)
    assert "@import" not in html and "url(http" not in html


def test_stored_markup_is_escaped(tmp_path):
    db = tmp_path / "hostile.duckdb"
    with open_store(db) as store:
        store.write_chunk([ProcessedArticle(Article(article_id="x", path="x.html", body="text",
                                                    title="<script>alert(1)</script>", url="javascript:alert(1)",
                                                    published=datetime(2025, 1, 1)), [])])
    with open_store(db, read_only=True) as store:
        html = render_briefing(store)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript:' not in html
