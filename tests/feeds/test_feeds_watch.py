"""`dyadwatch watch`: passes on a schedule, a clean stop on Ctrl-C, and the dashboard
(`--serve`) showing the new articles after each pass."""
from __future__ import annotations

import json
import signal
import socket
import subprocess
import time
import urllib.request

from support import DYADWATCH, run_cli

FAST = ["--delay", "0", "--timeout", "0.5", "--retries", "0", "--backoff", "0"]


def _wait_for(predicate, *, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _hears_ctrl_c() -> None:
    """A shell ignores SIGINT in what it starts in the background (`make test &`), and the child
    inherits that: give the watcher the terminal's Ctrl-C back, as a user's shell would."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_watch_runs_passes_and_stops_cleanly_on_ctrl_c(outlets, tmp_path):
    db = tmp_path / "w.duckdb"
    run_cli("sources", "add", f"{outlets.base}/atom.xml", "--db", str(db))
    log = tmp_path / "watch.log"
    with open(log, "w") as out:
        watcher = subprocess.Popen([str(DYADWATCH), "watch", "--every", "1s", "--db", str(db), *FAST],
                                   stdout=out, stderr=subprocess.STDOUT, text=True, preexec_fn=_hears_ctrl_c)
    try:
        # Two passes: the first stores the page, the second finds the feed unchanged.
        _wait_for(lambda: log.read_text().count("new page") >= 2, seconds=120, what="two passes")
        watcher.send_signal(signal.SIGINT)
        assert watcher.wait(timeout=30) == 0
    finally:
        if watcher.poll() is None:
            watcher.kill()
    text = log.read_text()
    assert "Traceback" not in text and "stopped" in text
    assert "1 new page," in text and "(1 not modified): 0 new pages" in text
    assert [e.path for e in outlets.log].count("/news/forum-visit") == 1


def test_watch_serve_shows_new_articles_on_the_dashboard(outlets, tmp_path):
    db = tmp_path / "live.duckdb"
    run_cli("sources", "add", f"{outlets.base}/atom.xml", "--db", str(db))
    port = _free_port()
    log = tmp_path / "watch.log"

    def articles() -> int | None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/articles", timeout=5) as answer:
                return json.load(answer)["total"]
        except OSError:
            return None

    with open(log, "w") as out:
        watcher = subprocess.Popen([str(DYADWATCH), "watch", "--every", "2s", "--serve", "--port", str(port),
                                    "--db", str(db), *FAST], stdout=out, stderr=subprocess.STDOUT, text=True,
                                   preexec_fn=_hears_ctrl_c)
    try:
        assert _wait_for(articles, seconds=180, what="the dashboard after the first pass") == 1
        # The outlet publishes; after the next pass the dashboard, restarted, shows it.
        outlets.rss_items[:] = [("/news/all-in", "Tue, 17 Feb 2026 19:40:00 +0000")]
        # The store is free between passes (the dashboard reads a copy): a source can be added.
        run_cli("sources", "add", f"{outlets.base}/feed.rss", "--kind", "rss", "--db", str(db))
        _wait_for(lambda: (articles() or 0) >= 2, seconds=180, what="the new article on the dashboard")
        watcher.send_signal(signal.SIGINT)
        assert watcher.wait(timeout=60) == 0
    finally:
        if watcher.poll() is None:
            watcher.kill()
    assert articles() is None  # the dashboard stopped with the watcher
    assert "Traceback" not in log.read_text()
