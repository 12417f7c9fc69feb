"""Parquet partitions: what a worker writes is what the store would have taken directly."""
from __future__ import annotations

from dataclasses import replace

import duckdb

from dyadwatch.pipeline import analyse_text
from dyadwatch.records import Quarantined, SourceFile
from dyadwatch.store import open_store
from dyadwatch.store.partitions import make_partition, read_partition, remove_partition

TEXT = ("Azerbaijani officials summoned Russia's chargé d'affaires on Monday.\n\n"
        "Armenian Prime Minister Nikol Pashinyan did not travel to Moscow for the Victory Day parade.")


def _article():
    processed = analyse_text(TEXT, published="2025-07-04")
    return replace(processed, article=replace(processed.article, path="/corpus/a.txt", outlet="Example"))


def _everything(db) -> dict[str, list]:
    with open_store(db, read_only=True) as store:
        return {"articles": [{k: v for k, v in a.items() if k != "stored_at"} for a in store.articles()],
                "events": store.events(), "mentions": store.mentions(),
                "quarantine": [(q["path"], q["reason"]) for q in store.quarantine()],
                "counts": store.counts(), "signatures": store.signatures()[2].tolist()}


def test_a_loaded_partition_stores_what_write_chunk_stores(tmp_path):
    processed = _article()
    assert processed.events and processed.mentions  # a real article, not an empty one
    failed = [Quarantined("/corpus/b.html", "no article text left after cleaning")]
    done = [SourceFile("/corpus/a.txt", 10, 1), SourceFile("/corpus/b.html", 20, 2)]
    with open_store(tmp_path / "direct.duckdb") as store:
        store.write_chunk([processed], failed, done)
    on_disk = make_partition([processed], failed, folder=tmp_path / "parts" / "run-1" / "chunk-000000")
    in_memory = make_partition([processed], failed)
    for name, partition in (("disk", on_disk), ("memory", in_memory)):
        assert (partition.articles, partition.events) == (1, len(processed.events))
        assert sorted(read_partition(partition)) == ["articles", "events", "mentions", "sentences", "signatures"]
        with open_store(tmp_path / f"{name}.duckdb") as store:
            store.load_partition(partition, partition.quarantined, done)
        assert _everything(tmp_path / f"{name}.duckdb") == _everything(tmp_path / "direct.duckdb")


def test_partitions_are_queried_in_place_and_removed_with_their_run_folder(tmp_path):
    run = tmp_path / "parts" / "run-1"
    first = make_partition([_article()], folder=run / "chunk-000000")
    second = make_partition([], [Quarantined("/corpus/c.txt", "empty")], folder=run / "chunk-000001")
    count = duckdb.sql(f"SELECT count(*) FROM read_parquet('{tmp_path}/parts/**/events.parquet')").fetchone()[0]
    assert count == first.events > 0
    assert list((run / "chunk-000001").iterdir()) == []  # a chunk with no articles writes no table
    remove_partition(first)
    assert run.exists() and not (run / "chunk-000000").exists()
    remove_partition(second)
    assert not run.exists() and (tmp_path / "parts").exists()
