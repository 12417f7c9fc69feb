"""A folder mixing English and Russian news, processed in one run (the CLI in a subprocess, a
real DuckDB file): each article parsed in its language, the Russian one's actors found in their
case forms and linked to the same actor ids as English names."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from support import run_cli

EXAMPLES = Path(__file__).parents[2] / "examples" / "caucasus"
FACTRU = Path(__file__).parents[3] / "shared" / "eval" / "factru-dev.jsonl"


@pytest.mark.skipif(not FACTRU.exists(), reason="needs ../shared/eval")
def test_one_run_codes_english_and_finds_russian_actors(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    shutil.copy(sorted(EXAMPLES.glob("*.txt"))[0], folder / "english.txt")
    article = next(json.loads(line) for line in FACTRU.read_text(encoding="utf-8").splitlines()
                   if "Эрдоган" in line and "Украин" in line)  # a Turkish-Ukrainian visit, 2011
    (folder / "russian.txt").write_text(article["text"], encoding="utf-8")
    db = tmp_path / "store.duckdb"
    run_cli("process", str(folder), "--db", str(db), "--workers", "1")
    with duckdb.connect(str(db), read_only=True) as con:
        languages = dict(con.execute("SELECT regexp_extract(path, '[a-z]+[.]txt$'), language FROM articles").fetchall())
        assert languages == {"english.txt": "en", "russian.txt": "ru"}
        russian = con.execute("SELECT m.text, m.code, m.actor_id FROM mentions m JOIN articles a USING (article_id) "
                              "WHERE a.language = 'ru'").fetchall()
        english_events = con.execute("SELECT count(*) FROM events e JOIN articles a USING (article_id) "
                                     "WHERE a.language = 'en'").fetchone()[0]
    codes = {code for _, code, _ in russian}
    assert {"UKR", "TUR"} <= {c[:3] for c in codes}
    # Эрдоган, in whatever case, is the English tables' Erdogan
    assert any(actor == "RECEP_TAYYIP_ERDOGAN" for _, _, actor in russian)
    assert english_events > 0


def test_the_stateless_actors_command_reads_russian_text():
    result = run_cli("actors", "Премьер-министр Армении Никол Пашинян провел переговоры с Путиным в Москве.",
                     "--date", "2024-05-01", "-f", "json")
    found = {(m["text"], m["code"]) for m in json.loads(result.stdout)["mentions"]}
    assert ("Премьер-министр Армении Никол Пашинян", "ARMGOV") in found
    assert ("Путиным", "RUSGOV") in found
