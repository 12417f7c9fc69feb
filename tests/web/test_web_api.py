"""The JSON API over the processed examples: contracts, filters, search, and bad
parameters answered with 400/422 and a message, never a 500."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from dyadwatch.analysis.dyads import dyad_of
from dyadwatch.web import create_app

from support import jsonl, run_cli


@pytest.fixture(scope="module")
def client(web_db):
    with TestClient(create_app(web_db)) as client:
        yield client


@pytest.fixture(scope="module")
def all_events(client):
    body = client.get("/api/events", params={"limit": 5000}).json()
    assert body["total"] == len(body["events"]) > 0
    return body["events"]


def test_articles_and_one_article(client):
    listing = client.get("/api/articles").json()
    assert listing["total"] == 5 and len(listing["articles"]) == 5
    for row in listing["articles"]:
        article = client.get(f"/api/articles/{row['article_id']}").json()
        assert article["title"] == row["title"] and isinstance(article["removed"], list)
        assert article["events"], "every example article yields events"
        for event in article["events"]:
            assert article["body"][event["char_start"]:event["char_end"]] == event["evidence"]
    assert client.get("/api/articles/0000000000000000").status_code == 404


def test_event_filters_select_exactly_the_matching_events(client, all_events):
    def fetch(**params):
        response = client.get("/api/events", params={**params, "limit": 5000})
        assert response.status_code == 200, response.text
        return response.json()["events"]

    cases = {
        "dyad": ("RUS-ARM", lambda e: dyad_of(e["source"], e["target"]) == "ARM-RUS"),
        "actor": ("arm", lambda e: any((c or "").startswith("ARM") for c in (e["source"], e["target"]))),
        "root": ("04", lambda e: e["root"] == "04"),
        "code": ("11", lambda e: e["code"].startswith("11")),
        "outlet": ("Caliber.Az", lambda e: e["outlet"] == "Caliber.Az"),
        "modality": ("future", lambda e: e["modality"] == "future"),
    }
    for name, (value, wanted) in cases.items():
        got = fetch(**{name: value})
        expected = [e["event_id"] for e in all_events if wanted(e)]
        assert got and sorted(e["event_id"] for e in got) == sorted(expected), name
    dated = [e for e in all_events if e["date"]]
    since = sorted(e["date"] for e in dated)[len(dated) // 2]
    got = fetch(since=since, until="2026-12-31")
    assert got and all((e["date"] or e["article_published"][:10]) >= since for e in got)
    assert len(got) < len(all_events)


def test_dyads_agree_with_the_command_line(client, web_db):
    api = {(d["dyad"], p["period"]): p for d in client.get("/api/dyads").json() for p in d["series"]}
    cli = {(r["dyad"], r["period"]): r for r in jsonl(run_cli("dyads", "--db", str(web_db), "--format", "jsonl").stdout)}
    assert api.keys() == cli.keys() and api
    for key, point in api.items():
        assert point["events"] == cli[key]["events"] and point["index"] == pytest.approx(cli[key]["index"])
    one = client.get("/api/dyads/RUS-ARM").json()
    assert one["dyad"] == "ARM-RUS" and one["series"]


def test_stories_contested_first_with_their_events(client):
    stories = client.get("/api/stories").json()
    assert stories
    flags = [s["contested"] for s in stories]
    assert flags == sorted(flags, reverse=True), "contested stories come first"
    story = client.get(f"/api/stories/{stories[0]['story_id']}").json()
    assert {e["event_id"] for e in story["events"]} == set(stories[0]["event_ids"])
    assert client.get("/api/stories", params={"contested": "true"}).json() == [s for s in stories if s["contested"]]


def test_search_ranks_articles_that_contain_the_words(client):
    result = client.get("/api/search", params={"q": "Lavrov"}).json()
    assert result["engine"] == "store"  # the postings `process` wrote, not an index built at start-up
    assert result["results"]
    for hit in result["results"]:
        body = client.get(f"/api/articles/{hit['article_id']}").json()["body"]
        assert "lavrov" in (body + hit["title"]).lower()
        if "lavrov" in body.lower():  # the snippet is cut around the word and marks it
            marked = [text for text, match in hit["snippet_pieces"] if match]
            assert marked and all(text.lower().startswith("lavrov") for text in marked)
            assert hit["snippet"] == "".join(text for text, _ in hit["snippet_pieces"])
    # Stemming: "visits" finds articles that only say "visit".
    assert client.get("/api/search", params={"q": "visits"}).json()["results"]
    assert client.get("/api/search", params={"q": "zzzyzzx"}).json()["results"] == []


@pytest.mark.parametrize("url, status", [
    ("/api/events?since=yesterday", 422),
    ("/api/events?until=2026-13-01", 422),
    ("/api/events?since=2026-02-01&until=2026-01-01", 400),
    ("/api/events?root=21", 422),
    ("/api/events?code=4x", 422),
    ("/api/events?dyad=ARM", 422),
    ("/api/events?dyad=ARM-ARM", 422),
    ("/api/events?actor=%27%3B%20DROP%20TABLE%20events%3B--", 422),
    ("/api/events?modality=maybe", 422),
    ("/api/events?limit=0", 422),
    ("/api/events?limit=lots", 422),
    ("/api/dyads?by=year", 422),
    ("/api/dyads/ARM", 422),
    ("/api/search", 422),
    ("/api/search?q=", 422),
    ("/api/search?q=" + "x" * 300, 422),
    ("/api/articles/%3Cscript%3E", 422),
    ("/api/articles?offset=-1", 422),
    ("/api/network?level=galaxy", 422),
    ("/api/stories/nope", 404),
    ("/timeline?since=never", 422),
    ("/dyads/not-a-dyad-at-all-really", 422),
    ("/articles/%27%20OR%201%3D1", 422),
])
def test_bad_parameters_get_a_message_not_a_crash(client, url, status):
    response = client.get(url)
    assert response.status_code == status, response.text
    if url.startswith("/api/"):
        assert response.json()["message"]
    else:
        assert "<h1>" in response.text and "error-message" in response.text


def test_a_filter_value_is_data_not_sql(client):
    # Parameterised: a quote in an outlet name is matched literally, and the table is still there.
    response = client.get("/api/events", params={"outlet": "x' OR '1'='1"})
    assert response.status_code == 200 and response.json()["events"] == []
    assert client.get("/api/events").json()["total"] > 0


def test_openapi_and_local_docs(client):
    schema = client.get("/openapi.json").json()
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/events", "/api/dyads", "/api/stories",
                 "/api/search"):
        assert path in schema["paths"], path
    events = {p["name"] for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    assert {"dyad", "actor", "root", "outlet", "since", "until"} <= events
    docs = client.get("/docs")
    assert docs.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', docs.text)
    assert assets and all(a.startswith("/") for a in assets), assets
    for asset in assets:
        assert client.get(asset).status_code == 200, asset


@pytest.mark.parametrize("path", ["/", "/dyads/ARM-RUS", "/timeline", "/network", "/network?level=actor",
                                  "/stories", "/articles", "/search?q=Moscow", "/docs"])
def test_pages_load_only_local_assets(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "default-src 'self'" in response.headers["content-security-policy"]
    # No script, stylesheet, image, font or frame from elsewhere (links to sources are fine).
    assert not re.search(r'<(script|img|link|iframe|source|video|audio)\b[^>]*(src|href)="(https?:)?//', response.text)
    assert "@import" not in response.text and "url(http" not in response.text


def test_stories_min_articles_and_filters(client):
    every = client.get("/api/stories").json()
    several = client.get("/api/stories", params={"min_articles": 2}).json()
    assert several and len(several) < len(every)
    assert all(len(s["article_ids"]) >= 2 for s in several)
    arm = client.get("/api/stories", params={"actor": "ARM", "min_articles": 2}).json()
    assert arm and {s["story_id"] for s in arm} <= {s["story_id"] for s in several}
    assert len(arm) < len(several)


@pytest.mark.parametrize("path", ["/timeline?format=xls", "/stories?format=csv&table=tone", "/outlets?since=2026-13-01",
                                  "/map?since=2026-03-01&until=2026-02-01", "/stories?min_articles=0"])
def test_bad_table_parameters_get_a_message_not_a_500(client, path):
    response = client.get(path)
    assert response.status_code in (400, 422)
    assert "text/html" in response.headers["content-type"]


def test_csv_is_text_csv_with_a_name_and_the_filtered_rows(client):
    response = client.get("/articles", params={"outlet": "CivilNet", "format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="dyadwatch-articles-articles.csv"'
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows and {r["outlet"] for r in rows} == {"CivilNet"}
    api = client.get("/api/articles", params={"outlet": "CivilNet"}).json()
    assert len(rows) == len(api["articles"])


def _csv_rows(response) -> list[dict[str, str]]:
    import csv
    import io

    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert int(response.headers["content-length"]) == len(response.content)
    return list(csv.DictReader(io.StringIO(response.text)))


def test_the_events_csv_is_every_matching_event_in_the_timeline_order(client, all_events):
    """DuckDB writes the big CSVs itself: the same columns, rows and order as the events the API lists."""
    from dyadwatch.web.pages import _CSV

    rows = _csv_rows(client.get("/timeline", params={"format": "csv", "table": "events"}))
    assert tuple(rows[0]) == _CSV["events"]
    assert [r["event_id"] for r in rows] == [e["event_id"] for e in all_events]
    by_id = {e["event_id"]: e for e in all_events}
    for row in rows:
        event = by_id[row["event_id"]]
        assert row["evidence"] == event["evidence"] and row["date"] == (event["date"] or "")
        assert float(row["goldstein"]) == event["goldstein"] and row["reported_by"] == event["reported_by"]
        assert row["place"] == (event["place"] or "")
    filtered = _csv_rows(client.get("/timeline", params={"format": "csv", "actor": "ARM", "since": "2026-01-01"}))
    expected = client.get("/api/events", params={"actor": "ARM", "since": "2026-01-01", "limit": 5000}).json()
    assert filtered and [r["event_id"] for r in filtered] == [e["event_id"] for e in expected["events"]]
    stories = _csv_rows(client.get("/stories", params={"format": "csv", "min_articles": 2}))
    listed = client.get("/api/stories", params={"min_articles": 2}).json()
    assert stories and [r["story_id"] for r in stories] == [s["story_id"] for s in listed]
    assert [r["outlets"] for r in stories] == ["; ".join(s["outlets"]) for s in listed]


def test_a_csv_cell_a_spreadsheet_would_run_is_quoted_and_no_file_is_left(tmp_path, monkeypatch):
    import tempfile

    from support import store_with_events

    evidence = ['=HYPERLINK("http://evil.example","click")', "@SUM(A1)", "+7 troops", "Russia met Armenia."]
    store = store_with_events(tmp_path / "formula.duckdb", [
        {"date": f"2026-03-0{n + 1}", "source": "RUSGOV", "target": "ARMGOV", "quad_class": 1, "goldstein": 1.0,
         "modality": "asserted", "evidence": text} for n, text in enumerate(evidence)])
    store.close()
    # The download's file goes to a temporary folder of this test's own: the one of the machine
    # also holds the downloads of tests running beside it, in other processes.
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    untouched = temp.stat().st_mtime_ns
    with TestClient(create_app(tmp_path / "formula.duckdb")) as formula:
        rows = _csv_rows(formula.get("/timeline", params={"format": "csv"}))
        assert sorted(r["evidence"] for r in rows) == sorted(["'" + t for t in evidence[:3]] + [evidence[3]])
        assert _csv_rows(formula.get("/stories", params={"format": "csv"}))
    assert temp.stat().st_mtime_ns != untouched, "the downloads were not written to the temporary folder"
    assert list(temp.iterdir()) == []
