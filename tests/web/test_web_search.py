"""Search over the postings `dyadwatch process` keeps in the store: real example articles
processed by the CLI, found by their words, ranked by BM25, kept in step when an article
changes, and a store written before the postings existed (searched in memory until the next
`process` indexes it)."""
from __future__ import annotations

import math
import shutil
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from dyadwatch.store import open_store
from dyadwatch.store.search import B, K1
from dyadwatch.web import create_app
from dyadwatch.web.search import SearchIndex

from support import EXAMPLES, run_cli

# Three real articles: 000's title says "Victory Day" (its body 3 times), 001's body says it
# 3 times too; 004's title names Putin, 000's body does once.
FILES = ["000_265bb5512f582eec.txt", "001_06b957513f3cc91e.txt", "004_baccdb6574d61fde.txt"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("search")
    folder = root / "in"
    folder.mkdir()
    for name in FILES:
        shutil.copyfile(EXAMPLES / name, folder / name)
    db = root / "search.duckdb"
    run_cli("process", str(folder), "--db", str(db))
    return folder, db


def _ids(db: Path) -> dict[str, str]:
    """File name → article id."""
    with open_store(db, read_only=True) as store:
        return {Path(p).name: a for a, p in store.con.execute("SELECT article_id, path FROM articles").fetchall()}


def _search(db: Path, query: str, limit: int = 20) -> tuple[str, list[dict]]:
    with open_store(db, read_only=True) as store:
        index = SearchIndex(store.con)
        return index.kind, index.search(query, limit=limit)


def test_process_writes_postings_for_every_article(corpus):
    _, db = corpus
    with open_store(db, read_only=True) as store:
        con = store.con
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
        assert con.execute("SELECT count(*) FROM search_docs").fetchone()[0] == 3
        assert con.execute("SELECT count(*) FROM articles ANTI JOIN search_docs USING (article_id)").fetchone()[0] == 0
        # one row per article and term; a document's length is the sum of its terms' counts
        assert con.execute("SELECT count(*) FROM (SELECT article_id, term FROM search_terms "
                           "GROUP BY ALL HAVING count(*) > 1)").fetchone()[0] == 0
        assert con.execute("SELECT bool_and(d.length = t.total) FROM search_docs d JOIN "
                           "(SELECT article_id, sum(tf) AS total FROM search_terms GROUP BY ALL) t "
                           "USING (article_id)").fetchone()[0]
        # stemmed, lower-cased, common words left out: 004's title "... against Putin"
        terms = {t for (t,) in con.execute("SELECT term FROM search_terms").fetchall()}
        assert {"putin", "celebr", "pashinyan"} <= terms
        assert not {"the", "against", "Putin", ""} & terms


def test_a_word_of_the_body_finds_its_article(corpus):
    _, db = corpus
    ids = _ids(db)
    kind, hits = _search(db, "custody")  # in 001's body ("police custody"), nowhere else
    assert kind == "store"
    assert [h["article_id"] for h in hits] == [ids["001_06b957513f3cc91e.txt"]]
    # stemming: 004 says "dismantling", the query "dismantled"
    assert ids["004_baccdb6574d61fde.txt"] in {h["article_id"] for h in _search(db, "dismantled")[1]}
    assert _search(db, "zzzyzzx")[1] == []
    assert _search(db, "the of and")[1] == []  # only common words: nothing to rank by


def test_a_title_hit_ranks_first(corpus):
    _, db = corpus
    ids = _ids(db)
    # "Putin" is 004's title word (its body never says it); 000's body says it once
    hits = _search(db, "Putin")[1]
    assert hits[0]["article_id"] == ids["004_baccdb6574d61fde.txt"]
    assert ids["000_265bb5512f582eec.txt"] in {h["article_id"] for h in hits}
    # both bodies say "Victory" 3 times, only 000's title does too
    hits = _search(db, "victory")[1]
    assert [h["article_id"] for h in hits[:2]] == [ids["000_265bb5512f582eec.txt"], ids["001_06b957513f3cc91e.txt"]]
    assert hits[0]["score"] > hits[1]["score"] > 0


def test_scores_are_bm25_over_the_postings(corpus):
    """The SQL's scores equal BM25 worked out here from the rows it ranks."""
    _, db = corpus
    with open_store(db, read_only=True) as store:
        con = store.con
        docs = dict(con.execute("SELECT article_id, length FROM search_docs").fetchall())
        postings = con.execute("SELECT article_id, term, tf FROM search_terms "
                               "WHERE term IN ('moscow', 'victori', 'pashinyan')").fetchall()
    n, avgdl = len(docs), sum(docs.values()) / len(docs)
    df = {t: sum(1 for _, term, _ in postings if term == t) for t in ("moscow", "victori", "pashinyan")}
    expected: dict[str, float] = {}
    for article, term, tf in postings:
        idf = math.log((n - df[term] + 0.5) / (df[term] + 0.5) + 1)
        expected[article] = expected.get(article, 0.0) + idf * tf * (K1 + 1) / (
            tf + K1 * (1 - B + B * docs[article] / avgdl))
    hits = _search(db, "Moscow victories Pashinyan's")[1]
    assert {h["article_id"]: h["score"] for h in hits} == pytest.approx(expected, abs=1e-4)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_the_api_answers_from_the_store(corpus):
    _, db = corpus
    with TestClient(create_app(db)) as client:
        result = client.get("/api/search", params={"q": "custody"}).json()
        assert result["engine"] == "store"
        assert [r["article_id"] for r in result["results"]] == [_ids(db)["001_06b957513f3cc91e.txt"]]
        assert any(match and text == "custody" for text, match in result["results"][0]["snippet_pieces"])
        page = client.get("/search", params={"q": "Victory"}).text
        assert "substring search" not in page


def test_a_changed_article_replaces_its_postings(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    article = folder / "002.txt"
    text = (EXAMPLES / "002_5a73aa714b079444.txt").read_text(encoding="utf-8")
    assert "Siberia" in text and "Kamchatka" not in text
    article.write_text(text, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    run_cli("process", str(folder), "--db", str(db))
    (old_id,) = _ids(db).values()
    assert [h["article_id"] for h in _search(db, "Siberia")[1]] == [old_id]
    with open_store(db, read_only=True) as store:
        rows = store.con.execute("SELECT count(*), sum(tf) FROM search_terms").fetchone()

    # the same article stored again (--force): its postings are replaced, not doubled
    run_cli("process", str(folder), "--db", str(db), "--force")
    with open_store(db, read_only=True) as store:
        assert store.con.execute("SELECT count(*), sum(tf) FROM search_terms").fetchone() == rows
        assert store.con.execute("SELECT count(*) FROM search_docs").fetchone()[0] == 1

    # edited: a new content hash, the old article and its postings gone
    article.write_text(text.replace("Siberia", "Kamchatka"), encoding="utf-8")
    run_cli("process", str(folder), "--db", str(db))
    (new_id,) = _ids(db).values()
    assert new_id != old_id
    assert _search(db, "Siberia")[1] == []
    assert [h["article_id"] for h in _search(db, "Kamchatka")[1]] == [new_id]
    with open_store(db, read_only=True) as store:
        con = store.con
        assert con.execute("SELECT list(DISTINCT article_id) FROM search_terms").fetchone()[0] == [new_id]
        assert con.execute("SELECT list(article_id) FROM search_docs").fetchone()[0] == [new_id]


def test_a_store_without_postings_is_searched_in_memory_until_processed(corpus, tmp_path):
    folder, db = corpus
    old = tmp_path / "old.duckdb"
    shutil.copyfile(db, old)
    wal = db.with_name(db.name + ".wal")
    if wal.exists():
        shutil.copyfile(wal, old.with_name(old.name + ".wal"))
    # what a store written before the search tables looks like
    con = duckdb.connect(str(old))
    con.execute("DROP TABLE search_terms")
    con.execute("DROP TABLE search_docs")
    con.close()
    kind, before = _search(old, "Victory")
    assert kind == "fts"
    ids = _ids(old)
    assert before[0]["article_id"] == ids["000_265bb5512f582eec.txt"]

    # the files are unchanged, so nothing is processed again, but every article gets its postings
    run_cli("process", str(folder), "--db", str(old))
    kind, after = _search(old, "Victory")
    assert kind == "store"
    assert [h["article_id"] for h in after] == [h["article_id"] for h in before]
    with open_store(old, read_only=True) as store:
        assert store.con.execute("SELECT count(*) FROM search_docs").fetchone()[0] == 3
