"""Same input, same events: one worker, a local pool, and a real Dask cluster on 127.0.0.1."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from support import EXAMPLES, jsonl, run_cli

BIN = Path(sys.executable).parent


def _events(db: Path) -> list[dict]:
    return jsonl(run_cli("events", "--db", str(db), "--format", "jsonl").stdout)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def one_worker_events(tmp_path_factory) -> list[dict]:
    db = tmp_path_factory.mktemp("w1") / "one.duckdb"
    run_cli("process", str(EXAMPLES), "--db", str(db), "--workers", "1")
    return _events(db)


def test_two_local_workers_give_the_same_events(one_worker_events, tmp_path):
    db = tmp_path / "two.duckdb"
    run_cli("process", str(EXAMPLES), "--db", str(db), "--workers", "2")
    assert _events(db) == one_worker_events and one_worker_events


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory):
    """A real scheduler and two single-threaded workers, as the README tells users to start them."""
    tmp_path = tmp_path_factory.mktemp("cluster")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = [subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--dashboard-address", ":0", "--no-show"], cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        for _ in range(2):
            procs.append(subprocess.Popen([str(BIN / "dask"), "worker", address, "--nthreads", "1",
                                           "--host", "127.0.0.1", "--dashboard-address", ":0"], cwd=tmp_path,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        from distributed import Client

        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def test_dask_engine_gives_the_same_events(one_worker_events, dask_cluster, tmp_path):
    db = tmp_path / "dask.duckdb"
    run_cli("process", str(EXAMPLES), "--db", str(db), "--engine", "dask", "--scheduler", dask_cluster)
    assert _events(db) == one_worker_events


def test_dask_workers_write_parquet_partitions_that_the_store_loads(one_worker_events, dask_cluster, tmp_path):
    db, parts = tmp_path / "dask.duckdb", tmp_path / "parts"
    run_cli("process", str(EXAMPLES), "--db", str(db), "--engine", "dask", "--scheduler", dask_cluster,
            "--partitions", str(parts), "--chunk-size", "2")
    assert _events(db) == one_worker_events
    assert list(parts.iterdir()) == []  # each partition is removed once it is in the store


def test_kept_partitions_are_queried_in_place(one_worker_events, tmp_path):
    db, parts = tmp_path / "local.duckdb", tmp_path / "parts"
    run_cli("process", str(EXAMPLES), "--db", str(db), "--workers", "2", "--partitions", str(parts),
            "--keep-partitions", "--chunk-size", "2")
    assert _events(db) == one_worker_events
    (run,) = parts.iterdir()
    assert len(list(run.iterdir())) == 3  # five articles in chunks of two
    in_place = duckdb.sql(f"SELECT event_id FROM read_parquet('{parts}/**/events.parquet') ORDER BY event_id")
    assert [row[0] for row in in_place.fetchall()] == sorted(e["event_id"] for e in one_worker_events)


def test_dask_engine_without_a_scheduler_is_a_message(tmp_path):
    result = run_cli("process", str(EXAMPLES), "--db", str(tmp_path / "x.duckdb"), "--engine", "dask", check=False)
    assert result.returncode == 2 and "--scheduler" in result.stderr
