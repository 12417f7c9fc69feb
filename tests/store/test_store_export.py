"""Exports read back: Parquet and CSV by DuckDB, JSON lines by json, GDELT's 61 columns."""
from __future__ import annotations

import json

import duckdb

from dyadwatch.store import open_store
from dyadwatch.store.export import GDELT_COLUMNS

from support import jsonl, run_cli


def test_parquet_export_reads_back(processed_db, tmp_path):
    run_cli("export", "--db", str(processed_db), "--format", "parquet", "--out", str(tmp_path))
    with open_store(processed_db, read_only=True) as store:
        counts = store.counts()
    for table in ("articles", "sentences", "mentions", "events"):
        n = duckdb.sql(f"SELECT count(*) FROM '{tmp_path / (table + '.parquet')}'").fetchone()[0]
        assert n == counts[table]
    contested = duckdb.sql(f"SELECT outlets, contradictions[1].a.evidence FROM '{tmp_path / 'stories.parquet'}' "
                           "WHERE contested").fetchall()
    assert contested and all(len(outlets) >= 2 and evidence for outlets, evidence in contested)


def test_csv_and_jsonl_exports(processed_db, tmp_path):
    run_cli("export", "--db", str(processed_db), "--format", "csv", "--out", str(tmp_path / "csv"))
    run_cli("export", "--db", str(processed_db), "--format", "jsonl", "--out", str(tmp_path / "jsonl"))
    events_csv = duckdb.sql(f"SELECT event_id, code, evidence FROM read_csv('{tmp_path / 'csv' / 'events.csv'}')").fetchall()
    lines = (tmp_path / "jsonl" / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(events_csv) == len(lines) > 0
    assert {json.loads(line)["event_id"] for line in lines} == {row[0] for row in events_csv}
    stories = [json.loads(line) for line in (tmp_path / "jsonl" / "stories.jsonl").read_text().splitlines()]
    assert any(s["contested"] for s in stories)


def test_gdelt_layout(processed_db, tmp_path):
    run_cli("export", "--db", str(processed_db), "--format", "gdelt", "--out", str(tmp_path))
    assert (tmp_path / "gdelt_columns.txt").read_text().split() == list(GDELT_COLUMNS)
    assert len(GDELT_COLUMNS) == 61
    rows = [line.split("\t") for line in (tmp_path / "events.gdelt.tsv").read_text(encoding="utf-8").splitlines()]
    assert rows and all(len(r) == 61 for r in rows)
    col = {name: i for i, name in enumerate(GDELT_COLUMNS)}
    for r in rows:
        assert r[col["GLOBALEVENTID"]].isdigit() and r[col["EventRootCode"]] == r[col["EventCode"]][:2]
        assert r[col["QuadClass"]] in "1234" and -10 <= float(r[col["GoldsteinScale"]]) <= 10
        assert not r[col["SQLDATE"]] or (len(r[col["SQLDATE"]]) == 8 and r[col["SQLDATE"]].startswith(r[col["Year"]]))
    # DuckDB reads it as GDELT users do: tab-separated, no header, names from the column list.
    names = ", ".join(f"'{c}': 'VARCHAR'" for c in GDELT_COLUMNS)
    n = duckdb.sql(f"SELECT count(*) FROM read_csv('{tmp_path / 'events.gdelt.tsv'}', delim='\\t', header=false, "
                   f"columns={{{names}}})").fetchone()[0]
    assert n == len(rows)


def test_gdelt_action_geo_from_the_event_place(processed_db, tmp_path):
    """ActionGeo columns come from the event's place: a world city (type 4) or a country (type 1),
    GDELT's FIPS country codes (Russia RS, not ISO's RU), the gazetteer's point; empty when the
    sentence names no place."""
    run_cli("export", "--db", str(processed_db), "--format", "gdelt", "--out", str(tmp_path))
    col = {name: i for i, name in enumerate(GDELT_COLUMNS)}
    rows = [line.split("\t") for line in (tmp_path / "events.gdelt.tsv").read_text(encoding="utf-8").splitlines()]
    geo = {(r[col["ActionGeo_Type"]], r[col["ActionGeo_FullName"]], r[col["ActionGeo_CountryCode"]],
            r[col["ActionGeo_Lat"]], r[col["ActionGeo_Long"]]) for r in rows}
    assert ("4", "Moscow, Russia", "RS", "55.7520", "37.6178") in geo
    assert ("1", "Russia", "RS", "55.7520", "37.6178") in geo
    assert ("", "", "", "", "") in geo  # events whose sentence names no place
    with duckdb.connect(str(processed_db), read_only=True) as db:
        located = db.execute("SELECT count(*) FROM events WHERE place IS NOT NULL AND modality = 'asserted'"
                             ).fetchone()[0]
    assert sum(1 for r in rows if r[col["ActionGeo_Type"]]) == located > 0


def _exported(path, fmt):
    """Rows of one exported file, read back as its users would: DuckDB for Parquet, CSV and TSV,
    json for JSON lines."""
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    reader = f"'{path}'" if fmt == "parquet" else f"read_csv('{path}', delim='{',' if fmt == 'csv' else chr(9)}', header=true)"
    rel = duckdb.sql(f"SELECT * FROM {reader}")
    return [dict(zip(rel.columns, row)) for row in rel.fetchall()]


def test_every_format_carries_the_dyad_series_and_the_stories_members(processed_db, tmp_path):
    series = jsonl(run_cli("dyads", "--db", str(processed_db), "--format", "jsonl").stdout)
    trends = jsonl(run_cli("dyads", "--db", str(processed_db), "--format", "jsonl", "--trend").stdout)
    stories = jsonl(run_cli("stories", "--db", str(processed_db), "--format", "jsonl").stdout)
    members = {(s["story_id"], e) for s in stories for e in s["event_ids"]}
    assert series and trends and len(members) > len(stories) > 1
    for fmt in ("parquet", "csv", "jsonl", "gdelt"):
        out = tmp_path / fmt
        run_cli("export", "--db", str(processed_db), "--format", fmt, "--out", str(out))
        ext = "tsv" if fmt == "gdelt" else fmt
        dyads = _exported(out / f"dyads.{ext}", ext)
        assert [(r["dyad"], str(r["period"]), r["events"], float(r["index"])) for r in dyads] == \
            [(r["dyad"], r["period"], r["events"], r["index"]) for r in series], fmt
        assert [(r["dyad"], r["direction"]) for r in _exported(out / f"dyad_trends.{ext}", ext)] == \
            [(r["dyad"], r["direction"]) for r in trends], fmt
        rows = _exported(out / f"story_members.{ext}", ext)
        assert {(r["story_id"], r["event_id"]) for r in rows} == members and len(rows) == len(members), fmt
        by_event = {e["event_id"]: e for e in jsonl(run_cli("events", "--db", str(processed_db), "--format",
                                                            "jsonl").stdout)}
        assert all(by_event[r["event_id"]]["article_id"] == r["article_id"] for r in rows), fmt
        assert len(_exported(out / f"stories.{ext}", ext)) == len(stories), fmt
