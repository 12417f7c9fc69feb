"""The `dyadwatch` command: one verb per job, every listing in table/json/jsonl/csv."""
from __future__ import annotations

import json
import sys
from dataclasses import asdict
from enum import Enum
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, List, Optional, TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .records import Quarantined, to_dict
from .report import write_rows
from .store import DEFAULT_DB, open_store

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Evidence-linked political event data from raw news articles.")
err = Console(stderr=True)


class Fmt(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class Period(str, Enum):
    day = "day"
    week = "week"
    month = "month"


DbOption = typer.Option(Path(DEFAULT_DB), "--db", help="The DuckDB store.")
ActorsOption = typer.Option(None, "--actors", help="Your own actor table (TSV), loaded after the shipped ones; "
                            "repeatable. A dyadwatch-actors.tsv in the working directory is always loaded.")


def _actor_files(given: Optional[List[Path]]) -> list[Path]:
    from .actors import user_actor_files

    files = [*user_actor_files(), *(given or [])]
    missing = [str(p) for p in files if not p.is_file()]
    if missing:
        _fail(f"no such actor file: {', '.join(missing)}")
    return files
FormatOption = typer.Option(Fmt.table, "--format", "-f", help="Output format.")


def _fail(message: str) -> None:
    err.print(f"[red]error:[/red] {message}")
    raise typer.Exit(code=2)


def _open_read(db: Path):
    try:
        return open_store(db, read_only=True)
    except FileNotFoundError as exc:
        _fail(str(exc))
    except Exception as exc:  # a locked or corrupt file: say so, no traceback
        _fail(f"cannot open store {db}: {exc}")


def _emit(rows: list[dict[str, Any]], fmt: Fmt, *, title: str, columns: list[str]) -> None:
    write_rows(rows, fmt=fmt.value, out=sys.stdout, title=title, columns=columns)


# -- processing -----------------------------------------------------------------

@app.command()
def process(paths: List[Path] = typer.Argument(..., help="Files or directories: text, HTML, JSONL."),
            db: Path = DbOption, actors: Optional[List[Path]] = ActorsOption) -> None:
    """Read, clean, parse and code articles into the store (idempotent: same input, same rows)."""
    from .ingest import read_inputs
    from .clean.duplicates import link_near_duplicates
    from .pipeline import process_documents

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        _fail(f"no such file or directory: {', '.join(missing)}")
    actor_files = _actor_files(actors)
    stored = quarantined = events = 0
    with open_store(db) as store, Progress(TextColumn("{task.description}"), BarColumn(),
                                           MofNCompleteColumn(), TimeElapsedColumn(), console=err) as progress:
        raws = []
        for item in read_inputs(paths):
            if isinstance(item, Quarantined):
                store.write_quarantined(item)
                quarantined += 1
            else:
                raws.append(item)
        task = progress.add_task("processing articles", total=len(raws))
        for result in process_documents(raws, actor_files=actor_files):
            if isinstance(result, Quarantined):
                store.write_quarantined(result)
                quarantined += 1
            else:
                store.write_article(result.article, result.sentences, result.mentions, result.events,
                                    signature=result.signature)
                stored += 1
                events += len(result.events)
            progress.advance(task)
        # Over the whole store, so copies link across runs whatever order they came in.
        links = link_near_duplicates(store.signatures())
        store.set_duplicates(links)
    copies = f", {len(links)} near-duplicate copies linked" if links else ""
    err.print(f"{stored} articles stored, {events} events coded{copies}, {quarantined} quarantined"
              + (" (see `dyadwatch quarantine`)" if quarantined else "") + f" → {db}")


# -- listings -------------------------------------------------------------------

@app.command()
def articles(db: Path = DbOption, fmt: Fmt = FormatOption) -> None:
    """Stored articles with their metadata."""
    with _open_read(db) as store:
        rows = store.articles()
    _emit(rows, fmt, title="articles", columns=["article_id", "published", "outlet", "title", "author", "path"])


@app.command()
def events(db: Path = DbOption, fmt: Fmt = FormatOption,
           modality: Optional[str] = typer.Option(None, help="Only events of this modality (asserted, negated, future, hypothetical).")) -> None:
    """Coded events, each with the sentence it came from."""
    with _open_read(db) as store:
        rows = store.events(modality=modality)
    _emit(rows, fmt, title="events",
          columns=["date", "source", "code", "target", "modality", "goldstein", "outlet", "evidence"])


@app.command()
def dyads(db: Path = DbOption, fmt: Fmt = FormatOption,
          dyad: Optional[str] = typer.Option(None, help="One dyad, e.g. ARM-RUS."),
          by: Period = typer.Option(Period.month, help="Period of the series."),
          full_codes: bool = typer.Option(False, "--full-codes", help="Pair full actor codes (ARMGOV-RUSGOV), not countries.")) -> None:
    """How each relation moves: events, Goldstein sum and mean, index with a bootstrap interval."""
    from .analysis import dyad_series

    with _open_read(db) as store:
        rows = [asdict(p) for p in dyad_series(store.events(), by=by.value, dyad=dyad, full_codes=full_codes)]
    _emit(rows, fmt, title="dyads", columns=["dyad", "period", "events", "cooperation", "conflict",
                                             "goldstein_sum", "index", "low", "high"])


@app.command()
def quarantine(db: Path = DbOption, fmt: Fmt = FormatOption) -> None:
    """Inputs that could not be processed, and why."""
    with _open_read(db) as store:
        rows = store.quarantine()
    _emit(rows, fmt, title="quarantine", columns=["path", "reason"])


@app.command()
def report(db: Path = DbOption, out: Path = typer.Option(Path("briefing.html"), "--out", "-o"),
           by: Period = typer.Option(Period.month)) -> None:
    """Write the HTML briefing: each relation's state, its chart, and the evidence."""
    from .report.briefing import write_briefing

    with _open_read(db) as store:
        path = write_briefing(store, out, by=by.value)
    err.print(f"briefing written to {path}")


# -- stateless tools ------------------------------------------------------------

def _jsonl_records(source: str) -> Iterator[dict[str, Any] | str]:
    """Records of a JSONL file ('-' = standard input); a bad line yields its error text."""
    handle: TextIO = sys.stdin if source == "-" else open(source, encoding="utf-8")
    try:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError("not a JSON object")
                yield record
            except ValueError as exc:
                yield f"line {number}: {exc}"
    finally:
        if handle is not sys.stdin:
            handle.close()


def _run_jsonl(source: str, handle: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
    if source != "-" and not Path(source).exists():
        _fail(f"no such file: {source}")
    for record in _jsonl_records(source):
        if isinstance(record, str):
            out = {"id": None, "error": f"not valid JSON ({record})"}
        else:
            try:
                out = handle(record)
            except Exception as exc:  # one bad record never stops the stream
                out = {"id": record.get("id"), "error": f"{type(exc).__name__}: {exc}"}
        sys.stdout.write(json.dumps(out, ensure_ascii=False, default=str) + "\n")
        sys.stdout.flush()


@app.command()
def extract(files: List[Path] = typer.Argument(None, help="Files or directories to extract."),
            jsonl: Optional[str] = typer.Option(None, "--jsonl", help="JSONL of {id, text|html, url?}; '-' is stdin.")) -> None:
    """Documents → cleaned articles as JSON lines (title, author, published, outlet, url, language, body, removed)."""
    from .clean import extract_record
    from .ingest import read_inputs
    from .clean import clean_document, NotAnArticle

    if jsonl:
        _run_jsonl(jsonl, extract_record)
        return
    if not files:
        _fail("give files or --jsonl FILE")
    for item in read_inputs(files):
        if isinstance(item, Quarantined):
            out = {"id": item.path, "error": item.reason}
        else:
            try:
                article = clean_document(item)
                out = {"id": item.path, **_article_fields(article)}
            except NotAnArticle as exc:
                out = {"id": item.path, "error": str(exc)}
        sys.stdout.write(json.dumps(out, ensure_ascii=False, default=str) + "\n")


def _article_fields(article) -> dict[str, Any]:
    data = to_dict(article)
    return {k: data[k] for k in ("title", "author", "published", "outlet", "url", "language", "body", "removed")}


def _text_record(record: dict[str, Any], actor_files: list[Path]):
    from .pipeline import analyse_text

    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("record has no text")
    return analyse_text(text, published=record.get("date"), actor_files=actor_files)


def _actors_out(record: dict[str, Any], actor_files: list[Path]) -> dict[str, Any]:
    result = _text_record(record, actor_files)
    return {"id": record.get("id"), "mentions": [
        {"text": m.text, "start": m.char_start, "end": m.char_end, "code": m.code, "country": m.country,
         "role": m.role} for m in result.mentions]}


def _code_out(record: dict[str, Any], actor_files: list[Path]) -> dict[str, Any]:
    result = _text_record(record, actor_files)
    return {"id": record.get("id"), "events": [to_dict(e) for e in result.events]}


@app.command()
def actors(text: Optional[str] = typer.Argument(None, help="A sentence or paragraph (stateless)."),
           jsonl: Optional[str] = typer.Option(None, "--jsonl", help="JSONL of {id, text, date?}; '-' is stdin."),
           date: Optional[str] = typer.Option(None, "--date", help="The text's date, YYYY-MM-DD (roles are dated)."),
           actor_tables: Optional[List[Path]] = ActorsOption,
           db: Path = DbOption, fmt: Fmt = FormatOption) -> None:
    """Actors: with TEXT or --jsonl, text → mentions with codes and offsets (JSON lines);
    otherwise the store's actors with their mention counts."""
    if text is None and jsonl is None:
        with _open_read(db) as store:
            rows = store.actor_counts()
        _emit(rows, fmt, title="actors", columns=["code", "country", "role", "mentions", "articles", "names"])
        return
    files = _actor_files(actor_tables)
    _stateless(text, jsonl, date, lambda record: _actors_out(record, files))


@app.command()
def code(text: Optional[str] = typer.Argument(None, help="A sentence or paragraph."),
         jsonl: Optional[str] = typer.Option(None, "--jsonl", help="JSONL of {id, text, date?}; '-' is stdin."),
         date: Optional[str] = typer.Option(None, "--date", help="The text's date, YYYY-MM-DD."),
         actor_tables: Optional[List[Path]] = ActorsOption) -> None:
    """Sentences → events as JSON lines."""
    files = _actor_files(actor_tables)
    _stateless(text, jsonl, date, lambda record: _code_out(record, files))


def _stateless(text: Optional[str], jsonl: Optional[str], date: Optional[str],
               handle: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
    if jsonl:
        _run_jsonl(jsonl, handle)
    elif text:
        if date:
            try:
                from datetime import date as _date
                _date.fromisoformat(date)
            except ValueError:
                _fail(f"--date must be YYYY-MM-DD, got {date!r}")
        _run_single({"id": None, "text": text, "date": date}, handle)
    else:
        _fail("give a TEXT argument or --jsonl FILE")


def _run_single(record: dict[str, Any], handle: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
    try:
        out = handle(record)
    except ValueError as exc:
        _fail(str(exc))
    sys.stdout.write(json.dumps(out, ensure_ascii=False, default=str) + "\n")


# -- evaluation -----------------------------------------------------------------

eval_app = typer.Typer(no_args_is_help=True, help="Score a stage against gold data (JSONL).")
app.add_typer(eval_app, name="eval")


def _eval_file(path: Path) -> Path:
    if not path.is_file():
        _fail(f"no such file: {path}")
    return path


@eval_app.command("extraction")
def eval_extraction(file: Path = typer.Argument(..., help="JSONL of {id, url, html_path|html, gold_body}."),
                    limit: Optional[int] = typer.Option(None, help="Score only the first N pages."),
                    worst: int = typer.Option(0, help="Also list the N worst pages of plain-text mode."),
                    fmt: Fmt = FormatOption) -> None:
    """Article bodies: shingle precision, recall and F1 for HTML and flattened-text input, beside trafilatura."""
    from .clean.evaluate import evaluate_extraction

    _eval_file(file)
    try:
        with Progress(TextColumn("scoring pages"), BarColumn(), MofNCompleteColumn(), console=err) as progress:
            task = progress.add_task("pages", total=None)
            scores = evaluate_extraction(file, limit=limit,
                                         progress=lambda done, total: progress.update(task, completed=done, total=total))
    except (ValueError, KeyError, OSError) as exc:
        _fail(f"cannot evaluate {file}: {exc}")
    rows = [{"mode": m.label.strip(), "precision": round(m.precision, 3), "recall": round(m.recall, 3),
             "f1": round(m.f1, 3), "page_f1": round(m.page_f1, 3)} for m in scores.modes]
    _emit(rows, fmt, title=f"extraction: {scores.pages} pages, {scores.seconds:.1f} s",
          columns=["mode", "precision", "recall", "f1", "page_f1"])
    if worst:
        _emit([asdict(r) for r in scores.worst("text", worst)], fmt, title="worst pages (plain text)",
              columns=["page_id", "url", "precision", "recall", "f1"])


@eval_app.command("actors")
def eval_actors(file: Path = typer.Argument(..., help="PLOVER-style JSONL: events with source_text/target_text and gold codes."),
                misses: int = typer.Option(0, help="Also list the first N actors resolved wrongly."),
                actor_tables: Optional[List[Path]] = ActorsOption, fmt: Fmt = FormatOption) -> None:
    """Actors: is the mention over each gold actor's words resolved to the gold country?"""
    from .actors import evaluate_actors, load_dictionary

    _eval_file(file)
    try:
        scores = evaluate_actors(file, dictionary=load_dictionary(extra=_actor_files(actor_tables)))
    except (ValueError, KeyError, OSError) as exc:
        _fail(f"cannot evaluate {file}: {exc}")
    rows = [{"records": scores.records, "actors": scores.total, "right_country": scores.right,
             "accuracy": round(scores.accuracy, 3), "with_mention": scores.with_mention,
             "coverage": round(scores.coverage, 3)}]
    _emit(rows, fmt, title="actors", columns=list(rows[0]))
    if misses:
        _emit([asdict(m) for m in scores.misses[:misses]], fmt, title="misses",
              columns=["record_id", "words", "gold", "predicted", "mention"])


def main() -> None:  # pragma: no cover - entry point
    app()
