"""The dashboard in headless Chromium (Debian's, driven by Playwright) against a real
uvicorn server over the processed examples: every page, the click-through from the
overview to the evidence, search, and hostile markup that must not run.

Screenshots go to a temporary folder; with DYADWATCH_SCREENSHOTS=DIR set, the overview
and a contested story are also written to DIR (that is how docs/screenshots/ is made)."""
from __future__ import annotations

import json
import os
import shutil
import urllib.request
from pathlib import Path

import pytest

PAGES = ["/", "/dyads/ARM-RUS", "/dyads/AZE-RUS?by=week", "/timeline", "/timeline?actor=AZE&since=2025-01-01",
         "/network", "/network?level=actor", "/stories", "/articles", "/search?q=Moscow+visit", "/docs"]


def _json(url: str):
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


def _clean(page, server) -> None:
    """Nothing failed, nothing was fetched from anywhere but our server."""
    assert page.problems == [], page.problems
    assert page.hosts <= {server.split("//")[1]}, page.hosts


def _shot(page, folder: Path, name: str) -> Path:
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    wanted = os.environ.get("DYADWATCH_SCREENSHOTS")
    if wanted and name in ("overview", "story"):
        Path(wanted).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, Path(wanted) / path.name)
    return path


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_from_local_assets(page, server, screenshots, path):
    response = page.goto(server + path)
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    assert page.locator("h1, .swagger-ui .title").first.is_visible()
    name = "overview" if path == "/" else path.strip("/").replace("/", "_").replace("?", "_").replace("&", "_")
    assert _shot(page, screenshots, name).stat().st_size > 5000
    _clean(page, server)


def test_swagger_ui_runs_offline(page, server):
    page.goto(server + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20000)
    assert page.locator(".swagger-ui .opblock").count() >= 6
    assert "/api/events" in page.inner_text(".swagger-ui")
    _clean(page, server)


def test_click_through_overview_dyad_event_article(page, server, screenshots):
    page.goto(server + "/")
    page.click("a.dyad-link:text-is('ARM-RUS')")
    page.wait_for_url("**/dyads/ARM-RUS")
    points = page.locator("figure.chart svg a")
    assert points.count() == page.locator("table.series tbody tr").count() >= 2
    # A point of the chart leads to the events behind it: as many as the series counted.
    points.last.click()
    page.wait_for_url("**period=*")
    period = page.url.split("period=")[1].split("#")[0]
    row = page.locator("table.series tr.current")
    assert row.locator("td").first.inner_text() == period
    counted = int(row.locator("td").nth(3).inner_text())
    rows = page.locator("#events table.events tbody tr")
    assert rows.count() == counted >= 1
    _shot(page, screenshots, "dyad_period")
    # An event leads to its article, its evidence highlighted and its code shown.
    link = rows.first.locator("a.event-link")
    evidence = link.inner_text().strip()
    code = rows.first.locator("td").nth(2).locator("code").inner_text()
    link.click()
    page.wait_for_url("**/articles/*#ev-*")
    event_id = page.url.split("#ev-")[1]
    marks = page.locator(f"mark.evidence[data-events~='{event_id}']")
    assert marks.count() >= 1
    assert " ".join("".join(marks.all_inner_texts()).split()) == " ".join(evidence.split())
    page.wait_for_selector("mark.evidence.focus")  # our script lights up every piece of it
    assert page.locator(f"a.code-badge[href='#event-{event_id}']").inner_text() == code
    assert page.locator(f"#event-{event_id} code").first.inner_text() == code
    # The removed boilerplate is there, behind a toggle.
    removed = page.locator("details#removed")
    assert removed.get_attribute("open") is None
    items = removed.locator("li")
    if items.count():
        assert not items.first.is_visible()
        removed.locator("summary").click()
        assert items.first.is_visible()
    _shot(page, screenshots, "article")
    _clean(page, server)


def test_search_from_the_header(page, server, screenshots):
    page.goto(server + "/network")
    page.fill("header form.search input[name=q]", "Lavrov")
    page.press("header form.search input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Lavrov")
    results = page.locator("ol.results li.result")
    assert results.count() >= 1
    marked = page.locator("p.snippet mark").all_inner_texts()
    assert marked and all(m.lower().startswith("lavrov") for m in marked)
    _shot(page, screenshots, "search")
    results.first.locator("a").first.click()
    page.wait_for_url("**/articles/*")
    assert "lavrov" in page.inner_text("#body").lower()
    _clean(page, server)


def test_timeline_filters_and_network_edges(page, server):
    page.goto(server + "/timeline")
    page.fill("form.filters input[name=actor]", "AZE")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/timeline?*actor=AZE*")
    cells = page.locator("table.events tbody tr td:nth-child(2)").all_inner_texts()
    assert cells and all("AZE" in c for c in cells)
    page.goto(server + "/network")
    edge = page.locator("svg.network a.edge[href='/dyads/ARM-RUS']")
    assert edge.count() == 1
    edge.click()
    page.wait_for_url("**/dyads/ARM-RUS")
    _clean(page, server)


def test_story_reports_side_by_side_with_contradictions(page, server, screenshots):
    stories = _json(server + "/api/stories")
    contested = [s for s in stories if s["contested"]]
    assert contested, "the examples hold a contested story (the speaker's visit to Moscow)"
    story = contested[0]
    page.goto(server + "/")
    page.click(f"a[href='/stories/{story['story_id']}']")
    page.wait_for_url(f"**/stories/{story['story_id']}")
    assert page.locator("article.report").count() == len(story["article_ids"]) >= 2
    assert page.locator(".contradiction").count() == len(story["contradictions"])
    text = page.inner_text("section.reports")
    for contradiction in story["contradictions"]:
        for side in ("a", "b"):
            assert " ".join(contradiction[side]["evidence"].split()) in " ".join(text.split())
    assert page.locator("p.report-sentence.contra").count() >= 2
    _shot(page, screenshots, "story")
    _clean(page, server)


def test_hostile_markup_never_runs(page, hostile_server, screenshots):
    articles = _json(hostile_server + "/api/articles")["articles"]
    assert len(articles) == 4
    for path in ["/", "/articles", "/timeline", "/search?q=script+window", "/stories",
                 *(f"/articles/{a['article_id']}" for a in articles)]:
        page.goto(hostile_server + path)
        page.wait_for_load_state("networkidle")
        page.mouse.move(300, 300)
        assert page.evaluate("window.__dw_pwned") is None, path
        assert page.locator("main script, main img").count() == 0, path
    page.goto(hostile_server + "/articles/markup0000000001")
    body = page.inner_text("#body")
    assert '<script>window.__dw_pwned = "script"; alert(1)</script>' in body
    assert "onerror=" in body  # shown as the text it is
    assert page.locator("mark.evidence").count() >= 1
    assert "<script>" in page.inner_text("h1") or "<img" in page.inner_text("h1")
    _shot(page, screenshots, "hostile")
    assert not any(p.startswith("dialog") for p in page.problems), page.problems
