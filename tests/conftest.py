"""Shared fixtures: the example corpus processed into a real DuckDB file by the real CLI."""
from __future__ import annotations

from pathlib import Path

import pytest

from support import EXAMPLES, run_cli


@pytest.fixture(scope="session")
def processed_db(tmp_path_factory) -> Path:
    """The five example articles processed into a fresh store (once per test session)."""
    db = tmp_path_factory.mktemp("store") / "examples.duckdb"
    run_cli("process", str(EXAMPLES), "--db", str(db))
    return db
