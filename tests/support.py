"""Helpers for tests: run the real CLI in a subprocess, read JSON lines."""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "caucasus"
DYADWATCH = Path(sys.executable).with_name("dyadwatch")


def run_cli(*args: str, input: str | None = None, check: bool = True, cwd: Path | None = None
            ) -> subprocess.CompletedProcess:
    """Run `dyadwatch ARGS` as a user would, in a subprocess."""
    result = subprocess.run([str(DYADWATCH), *args], input=input, capture_output=True, text=True,
                            cwd=cwd, timeout=600)
    if check and result.returncode != 0:
        raise AssertionError(f"dyadwatch {' '.join(args)} failed ({result.returncode}):\n{result.stderr}")
    return result


def built_once(tmp_path_factory, name: str, build: Callable[[Path], None]) -> Path:
    """A folder `build` fills once per test run. With parallel workers, the first that asks
    builds it in the run's common temporary folder while the others wait for it; a build
    that fails is tried again by the next that asks. What is built must only be read, or copied."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        folder = tmp_path_factory.mktemp(name)
        build(folder)
        return folder
    root = tmp_path_factory.getbasetemp().parent  # one per run, shared by its workers
    folder, done = root / name, root / f"{name}.built"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            build(folder)
            done.touch()
    return folder


def copy_store(db: Path, to: Path) -> Path:
    """A copy of a store, with its write-ahead log if changes are not yet in the file."""
    shutil.copyfile(db, to)
    wal = db.with_name(db.name + ".wal")
    if wal.exists():
        shutil.copyfile(wal, to.with_name(to.name + ".wal"))
    return to


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def store_with_events(db, events, *, store=None):
    """A real store at `db` holding these events (one article each unless given), analysed as
    `process` does; with `store`, they are added to it."""
    import pyarrow as pa

    from dyadwatch.analysis import update_analyses
    from dyadwatch.store import open_store

    rows = []
    for n, e in enumerate(events):
        rows.append({"event_id": e.get("event_id", f"{db.stem}{n:03d}"), "article_id": e.get("article_id", f"a{n:03d}"),
                     "sentence_index": e.get("sentence_index", 0), "char_start": 0, "char_end": 10,
                     "evidence": e.get("evidence", f"Wordalpha{n} wordbeta{n} wordgamma{n}."), "date": e["date"],
                     "date_precision": "day", "date_basis": "explicit", "source": e["source"], "target": e["target"],
                     "code": e.get("root", "04") + "0", "root": e.get("root", "04"), "quad_class": e["quad_class"],
                     "goldstein": e["goldstein"], "modality": e["modality"], "confidence": e.get("confidence", 0.8),
                     "rule": "test"})
    ids = sorted({r["article_id"] for r in rows})
    articles = pa.table({"article_id": ids, "path": [f"{i}.txt" for i in ids], "body": ["text"] * len(ids), "title": ids,
                         "source_file": [f"{i}.txt" for i in ids], "duplicate_of": pa.array([None] * len(ids), pa.string())})
    events = pa.table({k: [r[k] for r in rows] for k in rows[0]})
    events = events.set_column(events.schema.get_field_index("date"), "date",
                               pa.array([__import__("datetime").date.fromisoformat(r["date"]) for r in rows]))
    store = store or open_store(db)
    store.write_tables({"articles": articles, "events": events})
    update_analyses(store)
    return store


def code_text(text: str, published=None) -> list:
    """Events of one text through the real spaCy pipeline, actor resolver and shipped decision
    model, as an article published on `published` (default 2025-07-04)."""
    from datetime import datetime

    from dyadwatch import nlp
    from dyadwatch.actors import resolve_actors
    from dyadwatch.events import code_events
    from dyadwatch.records import Article, content_id

    article = Article(article_id=content_id(text), path="test", body=text,
                      published=datetime(2025, 7, 4) if published is None else published)
    parsed = nlp.parse_article(article)
    return code_events(parsed, resolve_actors(parsed))
