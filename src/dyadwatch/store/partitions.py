"""Parquet partitions: how workers on a cluster hand their results to the store.

With `process --partitions DIR`, a worker writes each chunk's tables as Parquet
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

__all__ = ["Partition", "write_partition", "read_partition", "remove_partition"]


@dataclass(slots=True)
class Partition:
    """One chunk's results on disk: `folder` holds a Parquet file per non-empty store table."""

    folder: str
    articles: int
    events: int
    quarantined: list[Quarantined] = field(default_factory=list)  # few and small: sent back as they are


def write_partition(folder: str | Path, processed: Sequence[ProcessedArticle],
                    quarantined: Sequence[Quarantined] = ()) -> Partition:
    """Write a chunk's tables into `folder` (created; an older one of the same name is replaced).

    Files are written under a temporary name and renamed, so a reader never sees half a file."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in record_tables(processed).items():
        if table.num_rows:
            partial = folder / f".{name}.parquet.partial"
            pq.write_table(table, partial)
            os.replace(partial, folder / f"{name}.parquet")
    return Partition(folder=str(folder), articles=len(processed), events=sum(len(p.events) for p in processed),
                     quarantined=list(quarantined))


def read_partition(partition: Partition) -> dict[str, pa.Table]:
    """The partition's tables by store table name (a table with no rows has no file)."""
    return {path.name.removesuffix(".parquet"): pq.read_table(path)
            for path in sorted(Path(partition.folder).glob("*.parquet"))}


def remove_partition(partition: Partition) -> None:
    """Remove a loaded partition; the run's folder goes with its last one."""
    shutil.rmtree(partition.folder, ignore_errors=True)
    try:
        os.rmdir(Path(partition.folder).parent)
    except OSError:  # other chunks of the run are still there
        pass
