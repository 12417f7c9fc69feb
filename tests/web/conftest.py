"""Fixtures of the web tests: stores (the examples, and a hostile one built through
`process`), the app over them, a real uvicorn server on a free port, and Debian's
headless Chromium driven by Playwright."""
from __future__ import annotations

import json
import socket
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

from dyadwatch.records import Article, Event, ProcessedArticle, Sentence
from dyadwatch.store import open_store

from support import built_once, copy_store, run_cli, store_with_events

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]

# Markup a scraped page may carry. If any of it ran, it would set window.__dw_pwned or open a dialog.
SCRIPT = '<script>window.__dw_pwned = "script"; alert(1)</script>'
IMG = '<img src=x onerror="window.__dw_pwned = \'img\'; alert(2)">'
HOSTILE_TEXT = f"""Armenia and Russia {SCRIPT} sign accord

By Staff Reporter {IMG}

YEREVAN, March 3, 2026 — Armenian Prime Minister Nikol Pashinyan met Russian President Vladimir Putin in Moscow on Monday, the government said.

Azerbaijan accused Russia of meddling in the region, the ministry said on March 1, 2026.
"""
HOSTILE_HTML = """<html><head><title>Talks &lt;script&gt;window.__dw_pwned="html"&lt;/script&gt; in Moscow</title></head>
<body><article><h1>Talks &lt;script&gt;window.__dw_pwned="html"&lt;/script&gt; in Moscow</h1>
<p>YEREVAN, March 5, 2026 — Armenian Foreign Minister Ararat Mirzoyan met Russian Foreign Minister Sergey Lavrov in Moscow on Thursday &lt;img src=x onerror="window.__dw_pwned='html-img'"&gt;, the ministry said.</p>
<p>Russia criticised Armenia over its trade policy on March 4, 2026, officials said, in a long statement that the press service published the same evening.</p>
</article></body></html>
"""
# A body whose evidence itself holds markup: the highlighting must escape each piece.
MARKUP_BODY = f"Russia {SCRIPT} criticised Armenia {IMG} on May 2, 2026, officials said."


@pytest.fixture(scope="session")
def web_db(processed_db, tmp_path_factory) -> Path:
    """A copy of the processed examples: the server holds its file open read-only, which
    would block other tests that write the shared store."""
    return copy_store(processed_db, tmp_path_factory.mktemp("web") / "examples.duckdb")


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory) -> Path:
    """Hostile articles fed through `dyadwatch process` (text, HTML, JSONL with a javascript: URL),
    plus one article written straight to the store whose event evidence contains markup.
    Built once per run, then only read."""
    return built_once(tmp_path_factory, "hostile", _build_hostile) / "hostile.duckdb"


def _build_hostile(root: Path) -> None:
    folder = root / "in"
    folder.mkdir()
    (folder / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (folder / "hostile.html").write_text(HOSTILE_HTML, encoding="utf-8")
    record = {"id": "js-url", "url": "javascript:window.__dw_pwned='url'",
              "text": f"Moscow {SCRIPT} summit\n\nRussia threatened Azerbaijan with sanctions on April 2, 2026, "
                      "the foreign ministry said in Baku on Thursday."}
    (folder / "feed.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = root / "hostile.duckdb"
    run_cli("process", str(folder), "--db", str(db))
    evidence = MARKUP_BODY
    event = Event(event_id="ev0markup", article_id="markup0000000001", sentence_index=0, char_start=0,
                  char_end=len(evidence), evidence=evidence, date="2026-05-02", date_precision="day",
                  date_basis="explicit", source="RUS", target="ARM", source_text="Russia", target_text="Armenia",
                  code="111", root="11", quad_class=3, goldstein=-2.0, plover="ACCUSE", modality="asserted",
                  speaker=None, confidence=0.9, rule="test")
    article = Article(article_id="markup0000000001", path="markup.txt", body=MARKUP_BODY,
                      title=f"Markup {IMG}", outlet=f"Outlet {SCRIPT}", published=datetime(2026, 5, 2),
                      removed=[f"Share {SCRIPT}"])
    with open_store(db) as store:
        store.write_chunk([ProcessedArticle(article, [Sentence("markup0000000001", 0, 0, len(evidence), evidence)],
                                            [], [event])])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RunningServer:
    """uvicorn serving an app in a thread, on 127.0.0.1 and a free port."""

    def __init__(self, app) -> None:
        import uvicorn

        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


@pytest.fixture(scope="session")
def server(web_db):
    from dyadwatch.web import create_app

    running = RunningServer(create_app(web_db))
    yield running.url
    running.stop()


@pytest.fixture(scope="session")
def hostile_server(hostile_db):
    from dyadwatch.web import create_app

    running = RunningServer(create_app(hostile_db))
    yield running.url
    running.stop()


def _ensure_chromium() -> None:
    """Debian's chromium, which `make test` installs when missing (saying so); a bare pytest run
    without it fails with the command to run, rather than installing anything behind the user's back."""
    if not CHROMIUM.exists():
        pytest.fail("the browser tests need Debian's chromium at /usr/bin/chromium: "
                    "run `make chromium` or `apt-get install -y chromium`")


@pytest.fixture(scope="session")
def browser():
    _ensure_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh page that records console errors, dialogs and every request's host."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = []  # console errors, failed requests, dialogs
    page.hosts = set()
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
    # a request the page's own navigation cancels (a favicon still loading on a click) is no failure
    page.on("requestfailed", lambda r: r.failure != "net::ERR_ABORTED" and page.problems.append(f"failed: {r.url}"))
    page.on("request", lambda r: page.hosts.add(r.url.split("/")[2] if "://" in r.url else r.url))

    def on_dialog(dialog):
        page.problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page
    context.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="session")
def located_server(tmp_path_factory):
    """A store whose events have places (as the pipeline will write them), served."""
    from dyadwatch.web import create_app

    db = tmp_path_factory.mktemp("map") / "located.duckdb"
    events = [{"date": "2026-03-0%d" % (n % 5 + 1), "source": "ARMGOV", "target": "RUSGOV", "quad_class": 1,
               "goldstein": 3.0, "modality": "asserted"} for n in range(5)]
    events += [{"date": "2026-03-10", "source": "AZEGOV", "target": "RUSGOV", "quad_class": 4, "goldstein": -5.0,
                "modality": "asserted"} for _ in range(2)]
    events.append({"date": "2026-03-11", "source": "ARMGOV", "target": "AZEGOV", "quad_class": 1,
                   "goldstein": 1.0, "modality": "asserted"})
    store = store_with_events(db, events)
    places = {"Yerevan": ("ARM", 40.18, 44.51), "Moscow": ("RUS", 55.75, 37.62), "Baku": ("AZE", 40.41, 49.87)}
    where = ["Yerevan"] * 3 + ["Moscow"] * 2 + ["Baku"] * 2 + [None]
    for (event_id,), place in zip(store.con.execute("SELECT event_id FROM events ORDER BY event_id").fetchall(), where):
        if place:
            country, lat, lon = places[place]
            store.con.execute("UPDATE events SET place = ?, place_country = ?, lat = ?, lon = ? WHERE event_id = ?",
                              [place, country, lat, lon, event_id])
    store.close()
    running = RunningServer(create_app(db))
    yield running.url
    running.stop()
