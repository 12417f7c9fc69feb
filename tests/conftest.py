"""Shared fixtures: the example corpus processed into a real DuckDB file by the real CLI.

`make test` runs the tests in parallel processes (pytest-xdist); what a session builds once
is built once per run, by the first worker that needs it (`built_once`)."""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import pytest

from support import EXAMPLES, ROOT, built_once, run_cli


def pytest_configure(config) -> None:
    """The compiled actor tables go to a cache of this checkout's own, for every process the
    tests start. In the user's cache (~/.cache/dyadwatch) a run of another checkout replaces
    them (its tables have another key), and each dyadwatch command then builds them again."""
    cache = Path(tempfile.gettempdir()) / f"dyadwatch-tests-{os.getuid()}" / hashlib.sha256(
        str(ROOT).encode()).hexdigest()[:12]
    cache.mkdir(parents=True, exist_ok=True)
    os.environ["XDG_CACHE_HOME"] = str(cache)


@pytest.fixture(scope="session")
def processed_db(tmp_path_factory) -> Path:
    """The five example articles processed into a fresh store (once per test run). Shared by
    every test, so read only: a test that writes works on a copy (`copy_store`)."""
    folder = built_once(tmp_path_factory, "store",
                        lambda folder: run_cli("process", str(EXAMPLES), "--db", str(folder / "examples.duckdb")))
    return folder / "examples.duckdb"
