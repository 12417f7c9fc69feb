"""Partitions: how workers hand a chunk's results to the store, as columnar tables.

By default a worker sends the tables back. With `process --partitions DIR`
(for clusters), a worker writes each chunk's tables as Parquet
files in a folder of its own under DIR (a disk every worker and the store owner
reach), and sends back only a small `Partition` naming it: the records never
travel through the scheduler. The store loads a partition in the same
transaction as the input files it completes. Before that, or after it with
`--keep-partitions`, the folder is plain Parquet that DuckDB queries in place:

    SELECT code, count(*) FROM read_parquet('DIR/**/events.parquet') GROUP BY code
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import pyarrow as pa
import pyarrow.parquet as pq

from ..records import ProcessedArticle, Quarantined
from .tables import record_tables

__all__ = ["Partition", "make_partition", "read_partition", "remove_partition"]


@dataclass(slots=True)
class Partition:
    """One chunk's results as store tables: held in `tables`, or written as Parquet in `folder`
    (a file per non-empty table). Either way a worker sends back only this, and what it holds
    is columnar: cheap to send, and the store takes each table in one statement."""

    articles: int
    events: int
    quarantined: list[Quarantined] = field(default_factory=list)  # few and small: sent back as they are
    tables: dict[str, pa.Table] | None = None
    folder: str | None = None


def make_partition(processed: Sequence[ProcessedArticle], quarantined: Sequence[Quarantined] = (), *,
                   folder: str | Path | None = None) -> Partition:
    """A chunk's results as tables; with `folder`, written there (created if missing).

    Files are written under a temporary name and renamed, so a reader never sees half a file."""
    tables = {name: table for name, table in record_tables(processed).items() if table.num_rows}
    partition = Partition(articles=len(processed), events=sum(len(p.events) for p in processed),
                          quarantined=list(quarantined))
    if folder is None:
        partition.tables = tables
        return partition
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        partial = folder / f".{name}.parquet.partial"
        pq.write_table(table, partial)
        os.replace(partial, folder / f"{name}.parquet")
    partition.folder = str(folder)
    return partition


def read_partition(partition: Partition) -> dict[str, pa.Table]:
    """The partition's tables by store table name (a table with no rows may be missing)."""
    if partition.folder is None:
        return partition.tables or {}
    return {path.name.removesuffix(".parquet"): pq.read_table(path)
            for path in sorted(Path(partition.folder).glob("*.parquet"))}


def remove_partition(partition: Partition) -> None:
    """Remove a partition's folder, if it has one; the run's folder goes with its last one."""
    if partition.folder is None:
        return
    shutil.rmtree(partition.folder, ignore_errors=True)
    try:
        os.rmdir(Path(partition.folder).parent)
    except OSError:  # other chunks of the run are still there
        pass
