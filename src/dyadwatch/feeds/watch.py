"""Passes over the sources into the store, once (`fetch`) or on a schedule (`watch`).

This is the top of the feeds package: it wires a pass (feeds.poll) to the
pipeline. DuckDB lets one process write a file and nobody else open it
meanwhile, so the store is held only while a pass runs, never while it waits.
With a dashboard (`watch --serve`), the dashboard runs as a child process
(`dyadwatch serve`) on a copy of the store, refreshed and restarted after each
pass that stored something, so it shows the new articles and stories.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..store import open_store
from .fetch import FetchOptions, PoliteFetcher
from .poll import MAX_NEW_PAGES, Failure, Harvest, harvest, plan_pass, record_pass

__all__ = ["PassOptions", "PassSummary", "run_pass", "watch", "parse_interval", "DashboardProcess"]


@dataclass(slots=True, frozen=True)
class PassOptions:
    pages_dir: Path
    fetch: FetchOptions = FetchOptions()
    max_new: int = MAX_NEW_PAGES
    only: tuple[str, ...] = ()  # source names or URLs; empty: all


@dataclass(slots=True)
class PassSummary:
    sources: int = 0
    not_modified: int = 0  # feeds that answered 304
    new_pages: int = 0
    failures: list[Failure] = field(default_factory=list)
    articles: int = 0  # stored by the pipeline this pass
    events: int = 0
    quarantined: int = 0


def run_pass(db: str | Path, *, engine, options: PassOptions,
             on_progress: Callable[[str], None] | None = None) -> PassSummary:
    """One pass: read the feeds, fetch new pages, keep them, process them into the store.

    Raises StoreBusy when another process holds the store (nothing is fetched then)."""
    with open_store(db) as store:
        got = _harvest(plan_pass(store, only=options.only), options, on_progress)
        return _write(store, got, options, engine, on_progress)


def _harvest(plan, options: PassOptions, on_progress) -> Harvest:
    with PoliteFetcher(options=options.fetch) as fetcher:
        return harvest(plan, fetcher, options.pages_dir, max_new=options.max_new, on_progress=on_progress)


def _write(store, got: Harvest, options: PassOptions, engine, on_progress) -> PassSummary:
    from ..pipeline import process_corpus

    record_pass(store, got)
    summary = PassSummary(sources=len(got.sources), new_pages=got.new_pages, failures=got.failures,
                          not_modified=sum(1 for s in got.sources if s.feed == "not modified"))
    pages_dir = options.pages_dir.resolve()
    if pages_dir.is_dir():
        if on_progress:
            on_progress("processing new pages")
        # Incremental: page files processed before are skipped, so only this pass's are read.
        run = process_corpus([pages_dir], store, engine=engine)
        summary.articles, summary.events, summary.quarantined = run.articles, run.events, run.quarantined
    return summary


def watch(db: str | Path, *, every: float, engine, options: PassOptions,
          dashboard: "DashboardProcess | None" = None, passes: int | None = None,
          on_pass: Callable[[PassSummary], None] = lambda s: None,
          on_skipped: Callable[[str], None] = lambda reason: None,
          on_progress: Callable[[str], None] | None = None) -> None:
    """Run a pass every `every` seconds (counted from the start of the last one)
    until interrupted, or `passes` times. A pass that finds the store busy is skipped.
    The dashboard, if any, is refreshed after each pass that stored something."""
    from ..store import StoreBusy

    done = 0
    while True:
        started = time.monotonic()
        try:
            summary = run_pass(db, engine=engine, options=options, on_progress=on_progress)
        except StoreBusy as exc:
            on_skipped(str(exc))
        else:
            if dashboard is not None and (summary.articles or summary.quarantined or not dashboard.running):
                dashboard.refresh()
            on_pass(summary)
        done += 1
        if passes is not None and done >= passes:
            return
        time.sleep(max(0.0, every - (time.monotonic() - started)))


_INTERVAL_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([smh])", re.IGNORECASE)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600}


def parse_interval(text: str) -> float:
    """'15m', '30s', '1h', '1h30m' → seconds. Raises ValueError for anything else."""
    cleaned = text.strip().lower()
    parts = _INTERVAL_PART.findall(cleaned)
    if not parts or _INTERVAL_PART.sub("", cleaned).strip():
        raise ValueError(f"not an interval: {text!r} (use a number with s, m or h: 30s, 15m, 1h)")
    seconds = sum(float(n) * _UNIT_SECONDS[u] for n, u in parts)
    if seconds < 1:
        raise ValueError(f"interval {text!r} is shorter than a second")
    return seconds


class DashboardProcess:
    """`dyadwatch serve` as a child process, on a snapshot of the store.

    The dashboard holds its store open for as long as it runs, and DuckDB lets no
    process write a file another one holds. So it reads a copy (`snapshot`), made
    after a pass has written and closed the store; `refresh` replaces the copy
    and restarts the server on it. The store itself stays free between passes
    for `sources add`, the listings, or `process`. Its output goes to `log`."""

    def __init__(self, db: str | Path, *, snapshot: Path, host: str, port: int, token: str | None, log: Path,
                 ready_timeout: float = 60.0) -> None:
        self.db, self.snapshot = Path(db), Path(snapshot)
        self.host, self.port, self.token = host, port, token
        self.log = log
        self.ready_timeout = ready_timeout
        self._process: subprocess.Popen | None = None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    def refresh(self) -> None:
        """Copy the store (closed by its writer) to the snapshot, and (re)start the server on it."""
        from ..store import StoreBusy

        if not self.db.exists():
            return
        partial = self.snapshot.with_name(f".{self.snapshot.name}.part")
        try:
            # Held open while copied, so no other process writes it meanwhile.
            with open_store(self.db, read_only=True):
                shutil.copyfile(self.db, partial)
        except StoreBusy:
            return  # someone is writing it: the next pass refreshes
        os.replace(partial, self.snapshot)  # a running server keeps reading the old copy until it stops
        self.stop()
        self.start()

    def start(self) -> None:
        if self.running or not self.snapshot.exists():
            return
        env = dict(os.environ)
        if self.token:
            env["DYADWATCH_TOKEN"] = self.token
        command = [sys.executable, "-c", "from dyadwatch.cli import main; main()", "serve",
                   "--db", str(self.snapshot), "--host", self.host, "--port", str(self.port)]
        with open(self.log, "ab") as log:
            self._process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env,
                                             stdin=subprocess.DEVNULL, start_new_session=True)
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.ready_timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"the dashboard stopped at start (exit {self._process.returncode}); "
                                   f"see {self.log}")
            try:
                with socket.create_connection((self.host, self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"the dashboard did not start within {self.ready_timeout:g} s; see {self.log}")

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGINT)  # uvicorn shuts down cleanly on SIGINT
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
