"""The briefing: its sections, inline charts, no remote asset, and stored text escaped."""
from __future__ import annotations

import re
import shutil
from datetime import datetime

from dyadwatch.records import Article, Event, ProcessedArticle
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
    from dyadwatch.analysis import update_analyses

    db = tmp_path / "hostile.duckdb"
    body = "Armenia met Russia."
    event = Event(event_id="e", article_id="x", sentence_index=0, char_start=0, char_end=len(body), evidence=body,
                  date="2025-01-01", date_precision="day", date_basis="explicit", source="ARM", target="RUS",
                  source_text="Armenia", target_text="Russia", code="040", root="04", quad_class=1, goldstein=1.0,
                  plover="CONSULT", modality="asserted", speaker=None, confidence=0.9, rule="test")
    with open_store(db) as store:
        store.write_chunk([ProcessedArticle(Article(article_id="x", path="x.html", body=body,
                                                    title="<script>alert(1)</script>", url="javascript:alert(1)",
                                                    published=datetime(2025, 1, 1)), [], events=[event])])
        update_analyses(store)  # as `process` does: the cited article is the hostile one
    with open_store(db, read_only=True) as store:
        html = render_briefing(store)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript:' not in html
