"""Exports: the store's tables as Parquet, CSV or JSON lines for pandas, R or DuckDB, and
the events in the GDELT 2.0 event table's layout for GDELT workflows.

Parquet, CSV and JSON lines are written by DuckDB's own COPY (no extra package): one file
per table (articles, sentences, mentions, events) plus stories.jsonl|csv|parquet as
analysis.stories keeps them (their members as lists), story_members (one row per event of a
story: story_id, event_id, article_id, sentence_index, ...) and the analyses the caller hands
in (`tables`: the dyad series and trends). Bookkeeping columns (when a run stored a row) are
left out.

The GDELT layout (`events.gdelt.tsv`) has GDELT 2.0's 61 event columns in GDELT's order,
tab-separated with no header line, like GDELT's own files (`gdelt_columns.txt` lists the
names). Filled where we have the value, empty otherwise:
- GLOBALEVENTID: our event id (16 hex digits) read as an integer, first 15 digits (fits in
  a signed 64-bit integer); SQLDATE/MonthYear/Year/FractionDate: the event's date;
- Actor1/2Code, Name (the words of the sentence), CountryCode, Type1Code (the role);
- IsRootEvent: 1 for an event of an article's first sentence;
- EventCode, EventBaseCode, EventRootCode, QuadClass, GoldsteinScale;
- NumMentions/NumSources/NumArticles: reports, outlets and articles of the event's story;
- DATEADDED: the article's publication time (YYYYMMDDHHMMSS); SOURCEURL: its URL, else its path.
- ActionGeo_*: the event's place (the gazetteer's, see actors/): Type 1 country, 2 US state,
  3 US city, 4 world city, 5 world region; FullName "Place, Country"; CountryCode the country's
  FIPS 10-4 code as GDELT writes it (Armenia AM, Azerbaijan AJ, Russia RS); Lat, Long; FeatureID
  the FIPS code for a country (as GDELT), else empty; ADM1/ADM2 codes empty.
AvgTone and the actors' geography columns stay empty: we compute neither GDELT's tone nor where
an actor is.
Negated, planned and hypothetical events are left out: GDELT records happenings. Beside the
GDELT file, the stories, their members and the caller's tables are written as tab-separated
files with a header line (stories.tsv, story_members.tsv, dyads.tsv, ...), lists as JSON text.
"""
from __future__ import annotations

import csv
import json
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from dataclasses import fields
from typing import Any, Literal, Mapping, Sequence

from ..records import TOLD_AS_DONE

__all__ = ["export_store", "GDELT_COLUMNS", "gdelt_rows"]

ExportFormat = Literal["parquet", "csv", "jsonl", "gdelt"]

_TABLES = ("articles", "sentences", "mentions", "events")
_BOOKKEEPING = {"stored_at", "quarantined_at"}

_ACTOR_COLUMNS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                  "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO_COLUMNS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR_COLUMNS), *(f"Actor2{c}" for c in _ACTOR_COLUMNS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO_COLUMNS), *(f"Actor2Geo_{c}" for c in _GEO_COLUMNS),
    *(f"ActionGeo_{c}" for c in _GEO_COLUMNS),
    "DATEADDED", "SOURCEURL",
)


def _columns(store: Any, table: str) -> list[str]:
    names = [r[0] for r in store.con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [table]).fetchall()]
    return [n for n in names if n not in _BOOKKEEPING]


# One row per event of a stored story: the flat form of a story's members.
_MEMBERS = ("SELECT se.story_id, se.event_id, se.article_id, e.sentence_index, e.date, e.source, e.target, "
            "e.code, e.modality, e.evidence FROM story_events se JOIN stories s USING (story_id) "
            "JOIN events e USING (event_id) ORDER BY se.story_id, se.event_id")
_OPTIONS = {"parquet": "FORMAT PARQUET", "csv": "FORMAT CSV, HEADER", "jsonl": "FORMAT JSON",
            "tsv": "FORMAT CSV, HEADER, DELIMITER '\t'"}


def export_store(store: Any, out_dir: str | Path, *, fmt: ExportFormat = "parquet",
                 tables: Mapping[str, tuple[type, Sequence[Any]]] | None = None) -> list[Path]:
    """Write the export into `out_dir` (created if needed); the paths written. `tables` are
    analyses to write beside the store's own, by file name: (dataclass, its rows), e.g.
    {"dyads": (DyadPoint, dyad_series(store))}."""
    from ..records import to_dict

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stories = store.stored_stories()
    if fmt not in ("parquet", "csv", "jsonl", "gdelt"):
        raise ValueError(f"unknown export format {fmt!r} (parquet, csv, jsonl, gdelt)")
    written = _write_gdelt(store, out, stories) if fmt == "gdelt" else []
    ext = "tsv" if fmt == "gdelt" else fmt
    options = _OPTIONS[ext]
    for table in _TABLES if fmt != "gdelt" else ():
        path = out / f"{table}.{fmt}"
        columns = ", ".join(f'"{c}"' for c in _columns(store, table))
        store.con.execute(f"COPY (SELECT {columns} FROM {table} ORDER BY ALL) TO '{_sql_path(path)}' ({options})")
        written.append(path)
    for name, (kind, rows) in (tables or {}).items():
        written.append(_write_records(store, out / f"{name}.{ext}", [f.name for f in fields(kind)], rows, options))
    path = out / f"story_members.{ext}"
    store.con.execute(f"COPY ({_MEMBERS}) TO '{_sql_path(path)}' ({options})")
    written.append(path)
    path = out / f"stories.{ext}"
    rows = [to_dict(s) for s in stories]
    if fmt == "jsonl":
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    else:
        import pyarrow as pa

        table = pa.Table.from_pylist(rows, schema=_story_schema(pa)) if rows else _story_schema(pa).empty_table()
        if ext in ("csv", "tsv"):
            # Nested fields (lists, contradictions) as JSON text in CSV cells.
            table = pa.table({n: ([json.dumps(v, ensure_ascii=False) for v in table.column(n).to_pylist()]
                                  if isinstance(table.schema.field(n).type, (pa.ListType,)) else table.column(n))
                              for n in table.column_names})
        store.con.register("_stories", table)
        try:
            store.con.execute(f"COPY (SELECT * FROM _stories) TO '{_sql_path(path)}' ({options})")
        finally:
            store.con.unregister("_stories")
    written.append(path)
    return written


def _write_records(store: Any, path: Path, columns: list[str], rows: Sequence[Any], options: str) -> Path:
    """Dataclass rows through DuckDB's COPY, in the columns' order."""
    import pyarrow as pa

    table = pa.table({c: [getattr(r, c) for r in rows] if rows else pa.array([], pa.string()) for c in columns})
    store.con.register("_records", table)
    try:
        store.con.execute(f"COPY (SELECT * FROM _records) TO '{_sql_path(path)}' ({options})")
    finally:
        store.con.unregister("_records")
    return path


def _story_schema(pa: Any) -> Any:
    side = pa.struct([("article_id", pa.string()), ("outlet", pa.string()), ("evidence", pa.string())])
    return pa.schema([("story_id", pa.string()), ("title", pa.string()), ("dyad", pa.string()),
                      ("date", pa.string()), ("article_ids", pa.list_(pa.string())),
                      ("event_ids", pa.list_(pa.string())), ("outlets", pa.list_(pa.string())),
                      ("contested", pa.bool_()),
                      ("contradictions", pa.list_(pa.struct([("about", pa.string()), ("a", side), ("b", side)])))])


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def gdelt_rows(events: list[dict[str, Any]], articles: list[dict[str, Any]], stories: list[Any]) -> list[list[str]]:
    """Events told as done (asserted or alleged) as rows of GDELT 2.0's event table (strings; '' where we have no value)."""
    by_article = {a["article_id"]: a for a in articles}
    story_of: dict[str, Any] = {}
    for story in stories:
        for event_id in story.event_ids:
            story_of[event_id] = story
    rows = []
    for e in events:
        if e.get("modality") not in TOLD_AS_DONE or e.get("duplicate_of"):
            continue
        article = by_article.get(e["article_id"], {})
        row = dict.fromkeys(GDELT_COLUMNS, "")
        row["GLOBALEVENTID"] = str(int(e["event_id"][:15], 16))
        if e.get("date"):
            day = date.fromisoformat(str(e["date"])[:10])
            row["SQLDATE"] = day.strftime("%Y%m%d")
            row["MonthYear"] = day.strftime("%Y%m")
            row["Year"] = str(day.year)
            row["FractionDate"] = f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}"
        for n, side in ((1, "source"), (2, "target")):
            code = e.get(side)
            if not code:
                continue
            row[f"Actor{n}Code"] = code
            row[f"Actor{n}Name"] = (e.get(f"{side}_text") or "").upper()
            if not code.startswith(("IGO", "NGO", "MNC", "---")):
                row[f"Actor{n}CountryCode"] = code[:3]
                if len(code) >= 6:
                    row[f"Actor{n}Type1Code"] = code[3:6]
            elif code.startswith(("IGO", "NGO", "MNC")):
                row[f"Actor{n}Type1Code"] = code[:3]
        row["IsRootEvent"] = "1" if e["sentence_index"] == 0 else "0"
        row["EventCode"] = e["code"]
        row["EventBaseCode"] = e["code"][:3]
        row["EventRootCode"] = e["root"]
        row["QuadClass"] = str(e["quad_class"])
        row["GoldsteinScale"] = f"{float(e['goldstein']):g}"
        story = story_of.get(e["event_id"])
        if story is not None:
            row["NumMentions"] = str(len(story.event_ids))
            row["NumSources"] = str(len(story.outlets))
            row["NumArticles"] = str(len(story.article_ids))
        else:
            row["NumMentions"] = row["NumSources"] = row["NumArticles"] = "1"
        published = article.get("published") or e.get("article_published")
        if published:
            row["DATEADDED"] = datetime.fromisoformat(str(published)).strftime("%Y%m%d%H%M%S")
        row["SOURCEURL"] = article.get("url") or article.get("path") or ""
        row.update(_action_geo(e))
        rows.append([_clean(row[c]) for c in GDELT_COLUMNS])
    return rows


_GDELT_GEO_TYPES = {("country", False): "1", ("region", True): "2", ("town", True): "3",
                    ("town", False): "4", ("region", False): "5"}


def _action_geo(event: dict[str, Any]) -> dict[str, str]:
    """GDELT's ActionGeo columns from the event's place ({} when it has none)."""
    return dict(_place_geo(event.get("place"), event.get("place_country"), event.get("lat"), event.get("lon")))


@lru_cache(maxsize=4096)  # a year of events names a few thousand places
def _place_geo(place: str | None, country: str | None, lat: float | None, lon: float | None
               ) -> tuple[tuple[str, str], ...]:
    from ..actors.geo import country_name, fips_code, place_kind

    if not place or not country:
        return ()
    kind = place_kind(place, country)
    fips = fips_code(country) or ""
    nation = country_name(country) or country
    geo = {"ActionGeo_Type": _GDELT_GEO_TYPES.get((kind, country == "USA"), "1"),
           "ActionGeo_FullName": place if kind == "country" else f"{place}, {nation}",
           "ActionGeo_CountryCode": fips, "ActionGeo_FeatureID": fips if kind == "country" else ""}
    if lat is not None and lon is not None:
        geo["ActionGeo_Lat"], geo["ActionGeo_Long"] = f"{float(lat):.4f}", f"{float(lon):.4f}"
    return tuple(geo.items())


def _clean(value: str) -> str:
    return value.replace("\t", " ").replace("\n", " ").replace("\r", " ")


def _write_gdelt(store: Any, out: Path, stories: list[Any]) -> list[Path]:
    path = out / "events.gdelt.tsv"
    rows = gdelt_rows(store.events(), store.articles(), stories)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar=None, lineterminator="\n")
        writer.writerows(rows)
    names = out / "gdelt_columns.txt"
    names.write_text("\n".join(GDELT_COLUMNS) + "\n", encoding="utf-8")
    return [path, names]
