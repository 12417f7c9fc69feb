"""The full briefing: every section, charts inline, citations, Markdown twin, one dyad."""
from __future__ import annotations

import re

from support import run_cli

SECTIONS = ("headlines", "relations", "timeline", "stories", "contested", "corroborated", "framing", "events", "sources")


def test_html_briefing_has_every_section_and_cites_its_sources(processed_db, tmp_path):
    out = tmp_path / "b.html"
    run_cli("report", "--db", str(processed_db), "--out", str(out))
    html = out.read_text(encoding="utf-8")
    for section in SECTIONS:
        assert f'id="{section}"' in html, section
    assert html.count("<svg") >= 3  # one chart per dyad at least twice, plus the timeline
    assert not re.search(r'(src|href)="(https?:)?//[^"]*\.(js|css|png|svg|woff2?)"', html)
    assert "<script" not in html
    # Contested story: both sentences side by side, each with a citation to a listed source.
    contested = html[html.index('id="contested"'):html.index('id="corroborated"')]
    assert "absence of meetings" in contested and "met with" in contested
    for target in set(re.findall(r'href="#article-([0-9a-f]+)"', html)):
        assert f'id="article-{target}"' in html


def test_markdown_briefing_and_one_dyad(processed_db, tmp_path):
    out = tmp_path / "b.md"
    run_cli("report", "--db", str(processed_db), "--out", str(out), "--dyad", "RUS-ARM")
    md = out.read_text(encoding="utf-8")
    for heading in ("## Headlines", "## Relations", "## Timeline", "## Stories across outlets", "### Contested",
                    "## Framing by outlet", "## Sources"):
        assert heading in md, heading
    assert "### ARM-RUS" in md and "### AZE-RUS" not in md
    assert md.count("](data:image/svg+xml;base64,") >= 2
    assert not re.search(r"!\[[^\]]*\]\(https?:", md)
    bad = run_cli("report", "--db", str(processed_db), "--out", str(tmp_path / "b.pdf"), check=False)
    assert bad.returncode != 0


def test_markdown_escapes_stored_text(tmp_path):
    from datetime import datetime

    from dyadwatch.records import Article, ProcessedArticle
    from dyadwatch.report.briefing import render_markdown
    from dyadwatch.store import open_store

    db = tmp_path / "hostile.duckdb"
    with open_store(db) as store:
        store.write_chunk([ProcessedArticle(Article(article_id="x", path="x.html", body="text",
                                                    title="<script>alert(1)</script> [click](javascript:alert(1))",
                                                    url="javascript:alert(1)", published=datetime(2025, 1, 1)), [])])
    with open_store(db, read_only=True) as store:
        md = render_markdown(store)
    assert "<script>" not in md and "](javascript:" not in md and "<javascript:" not in md
