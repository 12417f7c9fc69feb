"""The dashboard in headless Chromium (Debian's, driven by Playwright) against a real
uvicorn server over the processed examples: every page, the click-through from the
overview to the evidence, search, and hostile markup that must not run.

Screenshots go to a temporary folder; with DYADWATCH_SCREENSHOTS=DIR set, the overview
and a contested story are also written to DIR (that is how docs/screenshots/ is made)."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import urllib.request
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

PAGES = ["/", "/dyads/ARM-RUS", "/dyads/AZE-RUS?by=week", "/timeline", "/timeline?actor=AZE&since=2025-01-01",
         "/network", "/network?level=actor", "/stories", "/articles", "/search?q=Moscow+visit", "/docs",
         "/outlets", "/outlets?dyad=ARM-RUS&since=2026-02-01&until=2026-02-28", "/map", "/?since=2026-01-01",
         "/stories?min_articles=2", "/articles?outlet=CivilNet", "/network?actor=ARM"]
# The README's pictures (make screenshots).
README_SHOTS = ("overview", "story", "outlets", "map")
SHOT_NAMES = {"/": "overview", "/outlets": "outlets_all", "/outlets?dyad=ARM-RUS&since=2026-02-01&until=2026-02-28": "outlets"}


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
    if wanted and name in README_SHOTS:
        Path(wanted).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, Path(wanted) / path.name)
    return path


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_from_local_assets(page, server, screenshots, path):
    response = page.goto(server + path)
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    assert page.locator("h1, .swagger-ui .title").first.is_visible()
    name = SHOT_NAMES.get(path) or path.strip("/").replace("/", "_").replace("?", "_").replace("&", "_").replace("=", "-")
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


def _table(page, selector: str) -> list[list[str]]:
    return [row.locator("td").all_inner_texts() for row in page.locator(f"{selector} tbody tr").all()]


def _download(page, link) -> tuple[str, list[dict[str, str]]]:
    """Click a CSV link; the file's name and its rows as Python's csv module reads them."""
    with page.expect_download() as info:
        link.click()
    download = info.value
    text = Path(download.path()).read_text(encoding="utf-8")
    return download.suggested_filename, list(csv.DictReader(io.StringIO(text)))


def test_outlets_page_answers_how_much_each_outlet_wrote_about_a_dyad_in_a_month(page, server, screenshots):
    """How much did each outlet write about Armenia–Russia in February 2026, in what tone?"""
    page.goto(server + "/")
    page.click("header nav a:text-is('Outlets')")
    page.wait_for_url("**/outlets")
    form = page.locator("form.filters")
    form.locator("input[name=dyad]").fill("ARM-RUS")
    form.locator("input[name=since]").fill("2026-02-01")
    form.locator("input[name=until]").fill("2026-02-28")
    form.locator("button[type=submit]").click()
    page.wait_for_url("**/outlets?*dyad=ARM-RUS*")
    assert "since=2026-02-01" in page.url and "until=2026-02-28" in page.url
    # What the page must say, from the API: asserted ARM-RUS events of February, per outlet
    # (originals only, not undated history), and their mean Goldstein.
    events = _json(server + "/api/events?dyad=ARM-RUS&since=2026-02-01&until=2026-02-28&modality=asserted"
                            "&limit=5000")["events"]
    scores, articles = defaultdict(list), defaultdict(set)
    for e in events:
        if e["duplicate_of"] is None and e["date_basis"] != "background":
            scores[e["reported_by"]].append(e["goldstein"])
            articles[e["reported_by"]].add(e["article_id"])
    assert len(scores) >= 2, "two outlets report Armenia–Russia in February 2026 in the examples"
    row = page.locator("table.tone tbody tr[data-dyad='ARM-RUS']")
    assert page.locator("table.tone tbody tr").count() == 1  # the dyad filter leaves that dyad only
    for outlet, values in scores.items():
        cell = row.locator(f"td[data-outlet='{outlet}']")
        assert int(cell.locator(".events").inner_text()) == len(values), outlet
        assert int(cell.locator(".articles").inner_text()) == len(articles[outlet]), outlet
        assert float(cell.locator(".tone-value").inner_text()) == pytest.approx(sum(values) / len(values), abs=0.006)
    tones = {o: sum(v) / len(v) for o, v in scores.items()}
    assert max(tones.values()) - min(tones.values()) > 0.1, "their tone differs"
    # Coverage counts only February's articles.
    covered = {r[0]: int(r[1]) for r in _table(page, "table.coverage")}
    listed = _json(server + "/api/articles?limit=1000")["articles"]
    february = defaultdict(int)
    for a in listed:
        if a["published"] and "2026-02-01" <= a["published"][:10] <= "2026-02-28":
            february[a["source"]] += 1
    assert covered == dict(february)
    # The contested story and the outlets it is contested between.
    contested = [s for s in _json(server + "/api/stories") if s["contested"]]
    between = page.locator("table.contested td.between").all_inner_texts()
    assert len(between) == len([s for s in contested if "2026-02-01" <= (s["date"] or "") <= "2026-02-28"]) >= 1
    assert all(" vs " in b for b in between)
    _shot(page, screenshots, "outlets_question")
    _clean(page, server)


def test_filters_change_the_url_and_the_data_and_links_keep_them(page, server):
    page.goto(server + "/stories")
    everything = int(page.inner_text("#count").split()[0])
    page.fill("form.filters input[name=min_articles]", "2")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/stories?*min_articles=2*")
    several = int(page.inner_text("#count").split()[0])
    assert 1 <= several < everything
    assert page.locator("ul.stories li").count() == several
    assert page.locator("ul.stories .badge.single").count() == 0
    # Outlet and dates on the articles page; the nav carries them to the next page.
    page.goto(server + "/articles")
    page.select_option("form.filters select[name=outlet]", "CivilNet")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/articles?*outlet=CivilNet*")
    assert set(r[1] for r in _table(page, "table.articles")) == {"CivilNet"}
    page.click("header nav a:text-is('Timeline')")
    page.wait_for_url("**/timeline?*outlet=CivilNet*")
    assert page.input_value("header form.search input[name=q]") == ""  # the kept query is not a search
    outlets = page.locator("table.events tbody tr td:last-child").all_inner_texts()
    assert outlets and set(outlets) == {"CivilNet"}
    # A date range on the overview narrows its counts and its dyads.
    page.goto(server + "/")
    all_events = int(page.inner_text("#count").split("), ")[1].split()[0])
    page.fill("form.filters input[name=since]", "2026-01-01")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/?*since=2026-01-01*")
    since_2026 = int(page.inner_text("#count").split("), ")[1].split()[0])
    api = _json(server + "/api/events?since=2026-01-01&limit=5000")["total"]
    assert since_2026 == api < all_events
    assert "AZE-RUS" not in page.locator("table.dyads").inner_text() or since_2026 > 0
    _clean(page, server)


def test_csv_downloads_parse_and_match_the_tables(page, server):
    page.goto(server + "/outlets?dyad=ARM-RUS")
    name, rows = _download(page, page.locator("#coverage a.csv"))
    assert name == "dyadwatch-outlets-coverage.csv"
    assert [r["outlet"] for r in rows] == [r[0] for r in _table(page, "table.coverage")]
    name, rows = _download(page, page.locator("#tone a.csv"))
    assert rows and {r["dyad"] for r in rows} == {"ARM-RUS"}
    page.goto(server + "/timeline?actor=AZE")
    name, rows = _download(page, page.locator("#count a.csv"))
    total = _json(server + "/api/events?actor=AZE&limit=5000")["total"]
    assert len(rows) == total >= 1 and all("AZE" in r["source"] + r["target"] for r in rows)
    page.goto(server + "/stories?min_articles=2")
    name, rows = _download(page, page.locator("#count a.csv"))
    assert len(rows) == page.locator("ul.stories li").count() and all(int(r["articles"]) >= 2 for r in rows)
    for path, table in [("/", "dyads"), ("/", "volume"), ("/articles", "articles"), ("/network", "edges"),
                        ("/dyads/ARM-RUS", "series"), ("/map", "places")]:
        with urllib.request.urlopen(f"{server}{path}?format=csv&table={table}", timeout=30) as response:
            assert response.headers["Content-Type"].startswith("text/csv")
            assert f"-{table}.csv" in response.headers["Content-Disposition"]
            parsed = list(csv.reader(io.StringIO(response.read().decode("utf-8"))))
        assert parsed and len({len(r) for r in parsed}) == 1, (path, table)
    _clean(page, server)


def _centres(page, selector: str) -> list[float]:
    return [box["x"] + box["width"] / 2 for box in
            (p.bounding_box() for p in page.locator(selector).all())]


def test_dyad_chart_and_sparklines_are_on_a_time_axis(page, server):
    series = _json(server + "/api/dyads/ARM-RUS")["series"]
    assert len(series) >= 3
    page.goto(server + "/dyads/ARM-RUS")
    xs = _centres(page, "figure.chart svg .mark-symbol path")
    assert len(xs) == len(series)
    days = [date.fromisoformat(p["period"] + "-01") for p in series]
    # Distances between points follow the days between periods (an ordinal axis spaces them evenly).
    span_x, span_days = xs[-1] - xs[0], (days[-1] - days[0]).days
    for x, day in zip(xs, days):
        assert (x - xs[0]) / span_x == pytest.approx((day - days[0]).days / span_days, abs=0.02)
    page.goto(server + "/")
    spark = page.locator("table.dyads tr:has(a.dyad-link:text-is('ARM-RUS')) td.spark svg")
    labels = [t.strip() for t in spark.locator("text").all_text_contents()]
    assert series[0]["period"] in labels and series[-1]["period"] in labels and "0" in labels
    assert page.locator("#volume-chart svg .mark-rect path").count() >= 1
    _clean(page, server)


def test_map_renders_with_the_network_off(page, located_server, screenshots):
    attempted = []

    def local_only(route):
        host = route.request.url.split("/")[2] if "://" in route.request.url else ""
        if host.split(":")[0] == "127.0.0.1":
            route.continue_()
        else:
            attempted.append(route.request.url)
            route.abort()

    page.route("**/*", local_only)
    page.goto(located_server + "/")
    page.click("header nav a:text-is('Map')")
    page.wait_for_url("**/map")
    page.wait_for_load_state("networkidle")
    svg = page.locator("#map svg")
    assert svg.locator(".mark-shape path").count() > 150  # the countries of Natural Earth's 110m map
    points = svg.locator(".mark-symbol a")
    assert points.count() == 3
    assert page.inner_text("#count").startswith("7 of 8 events")
    rows = {r[0]: int(r[2]) for r in _table(page, "table.places")}
    assert rows == {"Yerevan": 3, "Moscow": 2, "Baku": 2}
    # The largest circle is Yerevan's, and it leads to Yerevan's events.
    sizes = [p.locator("path").bounding_box()["width"] for p in points.all()]
    biggest = points.nth(sizes.index(max(sizes)))
    _shot(page, screenshots, "map_located")
    biggest.locator("path").click()
    page.wait_for_url("**/timeline?*place=Yerevan*")
    assert page.inner_text("#count").startswith("3 events")
    assert attempted == [], attempted
    _clean(page, located_server)


def test_the_dyad_chart_follows_the_outlet_and_actor_filters(page, server):
    """The chart's points and the series table are the counted events that match the filters;
    each point lists exactly the events it counts, with the filters kept."""
    def chart_points() -> int:
        return page.locator("figure.chart svg a").count()

    def series_rows() -> dict[str, int]:
        return {r[0]: int(r[3]) for r in _table(page, "table.series")}

    page.goto(server + "/dyads/ARM-RUS")
    everything = series_rows()
    assert chart_points() == len(everything) >= 3
    for field, value in (("outlet", "The Moscow Times"), ("actor", "RUSGOV")):
        page.goto(server + "/dyads/ARM-RUS")
        if field == "outlet":
            page.select_option("form.filters select[name=outlet]", value)
        else:
            page.fill("form.filters input[name=actor]", value)
        page.click("form.filters button[type=submit]")
        page.wait_for_url(f"**/dyads/ARM-RUS?*{field}=*")
        rows = series_rows()
        assert rows and chart_points() == len(rows), field
        assert rows != everything and sum(rows.values()) < sum(everything.values()), field
        assert all(n <= everything[p] for p, n in rows.items()), field
        assert "count only what matches the filters" in page.inner_text("p.filtered")
        links = page.locator("figure.chart svg a").evaluate_all(
            "els => els.map(a => a.getAttribute('href') || a.getAttribute('xlink:href'))")
        assert len(links) == len(rows) and all(f"{field}=" in link for link in links), links
        for period, events in rows.items():  # a point's events: counted, and matching the filter
            page.locator(f"table.series a.period-link:text-is('{period}')").click()
            page.wait_for_url(f"**period={period}*{field}=*")
            assert page.inner_text("#events h2") == f"The {events} events behind {period}"
            shown = page.locator("#events table.events tbody tr").all_inner_texts()
            assert len(shown) == events and all(value in row for row in shown), (field, shown)
            page.go_back()
    _clean(page, server)


def test_event_places_reach_the_api_and_every_events_csv(located_server):
    """Where each event happened, in /api/events and in both events CSVs (timeline and dyad page)."""
    events = {e["event_id"]: e for e in _json(located_server + "/api/events?limit=5000")["events"]}
    assert sorted(e["place"] for e in events.values() if e["place"]) == ["Baku"] * 2 + ["Moscow"] * 2 + ["Yerevan"] * 3
    for path in ("/timeline?format=csv", "/dyads/ARM-RUS?format=csv&table=events"):
        with urllib.request.urlopen(located_server + path, timeout=30) as response:
            rows = list(csv.DictReader(io.StringIO(response.read().decode("utf-8"))))
        assert rows and any(r["place"] for r in rows), path
        for row in rows:
            event = events[row["event_id"]]
            assert (row["place"], row["place_country"]) == (event["place"] or "", event["place_country"] or ""), path
            assert row["lat"] == ("" if event["lat"] is None else str(event["lat"])), path
