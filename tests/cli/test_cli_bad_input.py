"""Nothing lost, nothing doubled, nothing crashes: every bad input an analyst's folder
holds gets exactly one fate, and a run killed with SIGKILL resumes to the same store."""
from __future__ import annotations

import gzip
import json
import os
import re
import signal
import subprocess
from pathlib import Path

import duckdb

from support import DYADWATCH, EXAMPLES, copy_store, jsonl, run_cli

RUSSIAN = ("Министр иностранных дел России Сергей Лавров встретился в Москве с председателем "
           "Национального собрания Армении Аленом Симоняном. Стороны обсудили торговлю и безопасность.\n")


def _bad_corpus(root: Path) -> dict[str, str]:
    """A folder of every kind of bad input, beside good ones. Returns name → expected fate."""
    good = sorted(EXAMPLES.iterdir())
    fates = {}

    def put(name: str, data: bytes, fate: str) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        fates[name] = fate

    put("good one.txt", good[0].read_bytes(), "stored")
    put("новости/статья 1.txt", RUSSIAN.encode("cp1251"), "stored")
    put("新闻/文章.txt", good[1].read_bytes(), "stored")
    put("empty.txt", b"", "empty")
    put("blank.txt", b"   \n\n\t \n", "empty")
    put("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "PNG")
    put("scan.html", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 40, "PDF")
    put("bundle.txt", b"PK\x03\x04" + bytes(range(256)) * 40, "archive")
    put("noise.txt", bytes(range(32)) * 200, "binary")
    put("huge.txt", (good[2].read_text(encoding="utf-8") * 40).encode(), "too large")
    put("deep.html", b"<html><body>" + b"<div>" * 5000 + good[3].read_bytes() + b"</div>" * 5000 + b"</body></html>",
        "stored-or-quarantined")
    put("page.html.gz", b"\x1f\x8bnot really gzip", "gzip")
    lines = [json.dumps({"id": "r1", "text": good[4].read_text(encoding="utf-8")}),
             '{"id": "r2", "text": "half-written',
             json.dumps({"text": "no id here"}),
             json.dumps({"id": "r4", "text": "Russia and Armenia signed a gas agreement in Moscow on Monday, "
                                             "officials said after the talks."})]
    put("dump.jsonl", ("\n".join(lines) + "\n").encode(), "stored")
    os.symlink(root, root / "新闻" / "loop")  # a link loop
    os.symlink(root / "missing.txt", root / "dangling.txt")
    fates["dangling.txt"] = "broken symbolic link"
    return fates


def test_every_bad_input_gets_one_fate_and_the_good_ones_go_through(tmp_path):
    corpus = tmp_path / "in"
    fates = _bad_corpus(corpus)
    db = tmp_path / "bad.duckdb"
    result = run_cli("process", str(corpus), "--db", str(db), "--max-size", "0.1", check=False)
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr and "quarantined" in result.stderr
    quarantine = {Path(r["path"]).relative_to(corpus).as_posix(): r
                  for r in jsonl(run_cli("quarantine", "--db", str(db), "--format", "jsonl").stdout)}
    stored = {Path(a["path"]).relative_to(corpus).as_posix()
              for a in jsonl(run_cli("articles", "--db", str(db), "--format", "jsonl").stdout)}
    assert all(r["reason"].strip() and r["quarantined_at"] for r in quarantine.values())
    for name, fate in fates.items():
        if name == "dump.jsonl":
            continue
        if fate == "stored":
            assert name in stored, (name, quarantine.get(name))
        elif fate == "stored-or-quarantined":
            assert (name in stored) != (name in quarantine)
        else:
            assert name in quarantine and name not in stored, name
            assert fate.lower() in quarantine[name]["reason"].lower(), (name, quarantine[name]["reason"])
    # The JSONL dump: good lines stored, bad ones quarantined by line number.
    assert {"dump.jsonl#r1", "dump.jsonl#r4"} <= stored
    assert {"dump.jsonl:2", "dump.jsonl:3"} <= set(quarantine)
    # Nothing lost: every file is stored, quarantined, or (JSONL) both for different lines.
    files = {p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file() or p.is_symlink()}
    files -= {f for f in files if "/loop" in f}
    accounted = {n.split("#")[0].split(":")[0] for n in stored | set(quarantine)}
    assert files == accounted


def _corpus_of(n: int, folder: Path) -> None:
    folder.mkdir()
    originals = sorted(EXAMPLES.iterdir())
    for i in range(n):
        text = originals[i % len(originals)].read_text(encoding="utf-8")
        (folder / f"{i:03d}.txt").write_text(text + f"\n\nEdition {i}.\n", encoding="utf-8")


def _state(db: Path) -> dict:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
                for t in ("articles", "sentences", "mentions", "events", "files", "signatures")}


def _without_times(state: dict) -> dict:
    return {t: [tuple(v for v in row if not hasattr(v, "microsecond")) for row in rows] for t, rows in state.items()}


def _kill_once_some_files_are_done(command: list[str]) -> None:
    """Run `command` (a `process`) and SIGKILL it as soon as its progress bar counts some of its
    files done, but not all: the kill lands while a later chunk is being processed or
    committed. Watching the progress, not the clock, catches the run mid-way however busy the
    machine is (a run timed alone takes longer beside other tests)."""
    env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": "120"}  # the progress bar, though not on a terminal
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    shown = b""
    try:
        while chunk := os.read(proc.stderr.fileno(), 65536):
            shown += chunk
            if any(0 < int(done) < int(todo) for done, todo in re.findall(rb"(\d+)/(\d+)", shown)):
                break
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stderr.close()


def test_a_run_killed_with_sigkill_resumes_to_the_same_store(tmp_path):
    corpus = tmp_path / "corpus"
    _corpus_of(16, corpus)
    clean_db = tmp_path / "clean.duckdb"
    run_cli("process", str(corpus), "--db", str(clean_db), "--workers", "1", "--chunk-size", "2")
    expected = _without_times(_state(clean_db))

    db = tmp_path / "killed.duckdb"
    killed_mid_run = False
    for _ in range(3):
        _kill_once_some_files_are_done([str(DYADWATCH), "process", str(corpus), "--db", str(db), "--workers", "1",
                                        "--chunk-size", "2"])
        done = len(_state(db)["files"]) if db.exists() else 0
        if 0 < done < 16:
            killed_mid_run = True
            break
    assert killed_mid_run, "never caught the run between two commits"
    run_cli("process", str(corpus), "--db", str(db), "--workers", "1", "--chunk-size", "2")
    after = _without_times(_state(db))
    assert after == expected
    assert len({row[0] for row in after["articles"]}) == len(after["articles"]) == 16


def test_a_second_writer_is_refused_with_a_message(tmp_path, processed_db):
    db = copy_store(processed_db, tmp_path / "busy.duckdb")  # a processed store, as a user's would be
    holder = subprocess.Popen([str(Path(DYADWATCH).with_name("python")), "-c",
                               f"import duckdb, time; c = duckdb.connect({str(db)!r}); print('ready', flush=True); "
                               "time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        result = run_cli("process", str(EXAMPLES), "--db", str(db), check=False)
        assert result.returncode == 2 and "in use by another process" in result.stderr
        listing = run_cli("events", "--db", str(db), check=False)
        assert listing.returncode == 2 and "Traceback" not in listing.stderr
    finally:
        holder.kill()
        holder.wait()


def test_a_store_from_before_stored_stories_says_how_to_upgrade(tmp_path, processed_db):
    """An older store (no analysis tables) read by a listing: a clear message, then one
    `stories --rebuild` makes it whole with the stories a fresh store has."""
    db = copy_store(processed_db, tmp_path / "old.duckdb")
    with duckdb.connect(str(db)) as con:
        for table in ("framed_sentences", "stories", "story_events", "analysed_articles"):
            con.execute(f"DROP TABLE {table}")
    failed = run_cli("dyads", "--db", str(db), check=False)
    assert failed.returncode == 2 and "Traceback" not in failed.stderr
    assert "stories --rebuild" in failed.stderr
    run_cli("stories", "--rebuild", "--db", str(db))
    fresh = run_cli("stories", "--db", str(processed_db), "--format", "json").stdout
    assert run_cli("stories", "--db", str(db), "--format", "json").stdout == fresh
