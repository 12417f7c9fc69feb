"""Throughput of the whole pipeline (read → clean → parse → actors → events → store),
and how much of it is the parse. Input: the example corpus, repeated with a marker so
every copy is a distinct article."""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from dyadwatch import nlp
from dyadwatch.ingest import read_inputs
from dyadwatch.pipeline import process_documents
from dyadwatch.records import RawDocument, content_id
from dyadwatch.store import open_store

ROOT = Path(__file__).resolve().parents[1]


def corpus(copies: int) -> list[RawDocument]:
    originals = [r for r in read_inputs([ROOT / "examples" / "caucasus"]) if isinstance(r, RawDocument)]
    docs = []
    for n in range(copies):
        for raw in originals:
            text = raw.text + f"\n\n(copy {n})\n"
            docs.append(RawDocument(doc_id=content_id(text), path=f"{raw.path}#{n}", kind=raw.kind, text=text))
    return docs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=8)
    args = parser.parse_args()
    docs = corpus(args.copies)
    nlp.load_pipeline()
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "bench.duckdb") as store:
        start = time.perf_counter()
        words = events = 0
        for result in process_documents(docs):
            if hasattr(result, "article"):
                store.write_article(result.article, result.sentences, result.mentions, result.events)
                words += len(result.article.body.split())
                events += len(result.events)
        total = time.perf_counter() - start
    bodies = [r.article.body for r in process_documents(docs[:len(docs) // args.copies]) if hasattr(r, "article")]
    start = time.perf_counter()
    for _ in range(args.copies):
        list(nlp.load_pipeline().pipe(bodies))
    parse_only = time.perf_counter() - start
    print(f"articles: {len(docs)}  words: {words}  events: {events}")
    print(f"pipeline: {total:.2f} s  = {len(docs) / total:.1f} articles/s, {words / total:,.0f} words/s (1 process)")
    print(f"parse alone: {parse_only:.2f} s  → parsing is {100 * parse_only / total:.0f}% of the pipeline")


if __name__ == "__main__":
    main()
