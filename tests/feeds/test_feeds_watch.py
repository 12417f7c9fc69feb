"""`dyadwatch watch`: passes on a schedule, a clean stop on Ctrl-C, and the dashboard
(`--serve`) showing the new articles after each pass."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

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


def _start_watcher(args: list[str], log: Path) -> subprocess.Popen:
    """`dyadwatch watch ARGS`, its output to `log`. With PYTHONFAULTHANDLER, a SIGABRT makes it
    write where each of its threads is to the log (`_stop_watcher` does, when it does not stop)."""
    with open(log, "w") as out:
        return subprocess.Popen([str(DYADWATCH), "watch", *args], stdout=out, stderr=subprocess.STDOUT, text=True,
                                preexec_fn=_hears_ctrl_c, env={**os.environ, "PYTHONFAULTHANDLER": "1"})


def _processes(started_by: int | None = None, naming: Path | None = None) -> list[int]:
    """The running processes that `started_by` started (a watcher's dashboard and pool workers),
    or whose command line names `naming` (a dashboard left behind by a watcher that is gone)."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            parent = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (proc / "cmdline").read_bytes().split(b"\0")
        except (OSError, IndexError, ValueError):  # gone meanwhile
            continue
        if parent == started_by or (naming is not None and str(naming).encode() in command):
            found.append(int(proc.name))
    return found


def _kill(pids: list[int]) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _stop_watcher(watcher: subprocess.Popen, log: Path, *, seconds: float) -> None:
    """Ctrl-C, then the watcher must be gone within `seconds`, with exit status 0. If it is not,
    the failure shows where it was stuck, and nothing it started is left running."""
    watcher.send_signal(signal.SIGINT)
    try:
        code = watcher.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        children = _processes(started_by=watcher.pid)
        watcher.send_signal(signal.SIGABRT)  # the fault handler writes every thread's stack, then it ends
        try:
            watcher.wait(timeout=10)
        finally:
            _kill([watcher.pid, *children])
        raise AssertionError(f"the watcher did not stop within {seconds:g} s of Ctrl-C; it was at:\n"
                             f"{log.read_text()[-6000:]}") from None
    assert code == 0, log.read_text()


def test_watch_runs_passes_and_stops_cleanly_on_ctrl_c(outlets, tmp_path):
    db = tmp_path / "w.duckdb"
    run_cli("sources", "add", f"{outlets.base}/atom.xml", "--db", str(db))
    log = tmp_path / "watch.log"
    watcher = _start_watcher(["--every", "1s", "--db", str(db), *FAST], log)
    try:
        # Two passes: the first stores the page, the second finds the feed unchanged.
        _wait_for(lambda: log.read_text().count("new page") >= 2, seconds=120, what="two passes")
        _stop_watcher(watcher, log, seconds=30)
    finally:
        if watcher.poll() is None:
            _kill([watcher.pid, *_processes(started_by=watcher.pid)])
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

    watcher = _start_watcher(["--every", "2s", "--serve", "--port", str(port), "--db", str(db), *FAST], log)
    try:
        assert _wait_for(articles, seconds=180, what="the dashboard after the first pass") == 1
        # The outlet publishes; after the next pass the dashboard, restarted, shows it.
        outlets.rss_items[:] = [("/news/all-in", "Tue, 17 Feb 2026 19:40:00 +0000")]
        # The store is free between passes (the dashboard reads a copy): a source can be added.
        run_cli("sources", "add", f"{outlets.base}/feed.rss", "--kind", "rss", "--db", str(db))
        _wait_for(lambda: (articles() or 0) >= 2, seconds=180, what="the new article on the dashboard")
        _stop_watcher(watcher, log, seconds=60)
        served_after = articles()
    finally:
        if watcher.poll() is None:  # its dashboard runs in a session of its own: Ctrl-C never reaches it
            _kill([watcher.pid, *_processes(started_by=watcher.pid)])
        _kill(_processes(naming=db.with_name(db.stem + ".live.duckdb")))  # a dashboard left behind
    assert served_after is None  # the dashboard stopped with the watcher
    assert "Traceback" not in log.read_text()
