"""The `dyadwatch` command: one verb per job, every listing in table/json/jsonl/csv."""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from dataclasses import asdict, replace
from enum import Enum
from pathlib import Path
from typing import Any, Callable, Iterator, List, Optional, TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .records import Quarantined, to_dict
from .report import HEADLINE_ARTICLES, HEADLINE_EVENTS, write_rows
from .store import DEFAULT_DB, open_store

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Evidence-linked political event data from raw news articles.")
err = Console(stderr=True, soft_wrap=True)  # messages stay one line, whatever the terminal width


class Fmt(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class Topic(str, Enum):
    politics = "politics"
    other = "other"


TopicOption = typer.Option(None, "--topic", help="Only articles (or their events) the relevance stage judged "
                           "of this topic.")


class Period(str, Enum):
    day = "day"
    week = "week"
    month = "month"


DbOption = typer.Option(Path(DEFAULT_DB), "--db", help="The DuckDB store.")
ActorsOption = typer.Option(None, "--actors", help="Your own actor table (TSV), loaded after the shipped ones; "
                            "repeatable. A dyadwatch-actors.tsv in the working directory is always loaded.")
PatternsOption = typer.Option(None, "--patterns", help="Your own verb/noun patterns: TSV with the columns of the "
                              "shipped events/data/dyadwatch_verbs.tsv (see the README, \"Your own dictionaries\"), "
                              "loaded after the shipped ones and winning where they disagree; repeatable. A "
                              "dyadwatch-patterns.tsv in the working directory is always loaded.")


def _actor_files(given: Optional[List[Path]]) -> list[Path]:
    from .actors import user_actor_files

    files = [*user_actor_files(), *(given or [])]
    missing = [str(p) for p in files if not p.is_file()]
    if missing:
        _fail(f"no such actor file: {', '.join(missing)}")
    return files


def _pattern_files(given: Optional[List[Path]]) -> list[Path]:
    from .events.patterns import user_pattern_files

    files = [*user_pattern_files(), *(given or [])]
    missing = [str(p) for p in files if not p.is_file()]
    if missing:
        _fail(f"no such pattern file: {', '.join(missing)}")
    return files


def _analyser(actors: Optional[List[Path]], patterns: Optional[List[Path]]):
    """The one analyser a command codes with, from the user's files (given and picked up from
    the working directory). A file that cannot be read as a table fails here, once, with its
    name, rather than on every record."""
    return _build_analyser(_actor_files(actors), _pattern_files(patterns))


def _engine_files(actors: Optional[List[Path]], patterns: Optional[List[Path]]) -> tuple[list[Path], list[Path]]:
    """The user's files for an engine, which builds the analyser itself when the first chunk
    comes, so that a rerun with nothing to do loads nothing. User files are built into one here
    all the same, so a bad table fails before the run starts, with its name; the engine then
    finds that analyser cached (its workers fork from this process)."""
    actor_files, pattern_files = _actor_files(actors), _pattern_files(patterns)
    if actor_files or pattern_files:
        _build_analyser(actor_files, pattern_files)
    return actor_files, pattern_files


def _build_analyser(actor_files: list[Path], pattern_files: list[Path]):
    from .pipeline import Analyser

    try:
        return Analyser.from_settings(actor_files=actor_files, pattern_files=pattern_files)
    except (OSError, ValueError, KeyError, UnicodeDecodeError) as exc:
        files = ", ".join(str(p) for p in [*actor_files, *pattern_files])
        reason = f"a row has no column {exc}" if isinstance(exc, KeyError) else f"{type(exc).__name__}: {exc}"
        _fail(f"cannot load the dictionaries{f' ({files})' if files else ''}: {reason}")


FormatOption = typer.Option(Fmt.table, "--format", "-f", help="Output format.")


@contextmanager
def _ctrl_c() -> Iterator[None]:
    """Ctrl-C met inside a DuckDB query surfaces as RuntimeError("Query interrupted"):
    make it the KeyboardInterrupt it is, so it stops a command the way Ctrl-C does."""
    try:
        yield
    except RuntimeError as exc:
        if str(exc) == "Query interrupted":
            raise KeyboardInterrupt from exc
        raise


def _fail(message: str) -> None:
    err.print(f"[red]error:[/red] {message}")
    raise typer.Exit(code=2)


def _open_read(db: Path, *, analyses: bool = False):
    """The store, read-only; with `analyses`, one whose stories and framing are stored."""
    try:
        store = open_store(db, read_only=True)
    except FileNotFoundError as exc:
        _fail(str(exc))
    except Exception as exc:  # a locked or corrupt file: say so, no traceback
        _fail(f"cannot open store {db}: {exc}")
    if analyses and store.analyses_missing():
        store.close()
        _fail(f"the store {db} was written by an older dyadwatch and holds no stored stories: run "
              f"`dyadwatch stories --rebuild --db {db}` once (or `dyadwatch process` on it)")
    return store


# A table is for reading: past this many rows it shows the first ones and says how to get all.
TABLE_ROWS = 200


WideOption = typer.Option(False, "--wide", help="Table: every column and every cell whole, however wide "
                          "(by default the table fits the terminal, long text cut to two lines).")


def _emit(rows: list[dict[str, Any]], fmt: Fmt, *, title: str, columns: list[str], wide: bool = False,
          wide_columns: list[str] | None = None, optional: tuple[str, ...] = (),
          for_people: Optional[Callable[[dict[str, Any]], dict[str, Any]]] = None) -> None:
    """Rows out. A table shows `columns` (`wide_columns` with --wide), each row first passed
    through `for_people` (names beside codes, counts); json, jsonl and csv carry the rows as they are."""
    shown = rows[:TABLE_ROWS] if fmt is Fmt.table else rows
    if fmt is Fmt.table:
        shown = [for_people(r) for r in shown] if for_people else shown
        columns = (wide_columns or columns) if wide else columns
    write_rows(shown, fmt=fmt.value, out=sys.stdout, title=title, columns=columns, optional=optional, wide=wide)
    if len(shown) < len(rows):
        err.print(f"{len(shown)} of {len(rows)} rows shown; every row: --format csv, json or jsonl")


# -- processing -----------------------------------------------------------------

class Engine(str, Enum):
    local = "local"
    dask = "dask"


def _outlet_rules(path: Optional[Path], outlet: Optional[str]):
    """`--outlet` and the outlets file (`--outlets`, else dyadwatch-outlets.tsv here), or a clear failure."""
    from .clean import USER_OUTLETS_FILE, load_outlet_rules

    if path is not None and not path.is_file():
        _fail(f"no such outlets file: {path}")
    if path is None and Path(USER_OUTLETS_FILE).is_file():
        path = Path(USER_OUTLETS_FILE)
    try:
        return load_outlet_rules(path, outlet=outlet)
    except ValueError as exc:
        _fail(str(exc))


@app.command()
def process(paths: List[Path] = typer.Argument(..., help="Files or directories: text, HTML, JSONL."),
            db: Path = DbOption, actors: Optional[List[Path]] = ActorsOption,
            patterns: Optional[List[Path]] = PatternsOption,
            workers: Optional[int] = typer.Option(None, "--workers", "-w", min=1,
                                                  help="Local worker processes (default: one per core)."),
            engine: Engine = typer.Option(Engine.local, help="local processes, or a running Dask cluster."),
            scheduler: Optional[str] = typer.Option(None, help="Dask scheduler address (with --engine dask), "
                                                    "e.g. tcp://127.0.0.1:8786."),
            force: bool = typer.Option(False, "--force", help="Process every file again, changed or not."),
            max_size: float = typer.Option(5.0, "--max-size", min=0.001,
                                           help="Largest single article in MB (bigger files are quarantined; "
                                                "JSONL dumps may be any size, the limit is per record)."),
            chunk_size: Optional[int] = typer.Option(None, "--chunk-size", min=1,
                                                     help="Articles per chunk: the unit of work and of commit "
                                                          "(default 16)."),
            partitions: Optional[Path] = typer.Option(
                None, "--partitions", help="Workers write each chunk as Parquet under this folder (one every "
                "worker reaches, e.g. a shared disk) and the store loads it from there."),
            keep_partitions: bool = typer.Option(False, "--keep-partitions",
                                                 help="Keep the Parquet partitions after loading them."),
            outlet: Optional[str] = typer.Option(None, "--outlet", help="The outlet of every file of this run "
                                                 "(over what the pages and the outlets file say)."),
            outlets: Optional[Path] = typer.Option(None, "--outlets", help="Rules naming the outlet of folders, "
                                                   "file patterns or URL hosts (default: dyadwatch-outlets.tsv "
                                                   "in the working directory, if there).")) -> None:
    """Read, clean, parse and code articles into the store.

    Idempotent and incremental: unchanged files are skipped, and an article's rows
    are replaced, never doubled. Exit status: 0 when every input was stored, 3 when
    some were quarantined (see `dyadwatch quarantine`), 2 when the run could not
    start, 130 when interrupted (run again to resume)."""
    from .pipeline import CHUNK_DOCUMENTS, DaskEngine, LocalEngine, default_workers, process_corpus
    from .store import StoreBusy

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        _fail(f"no such file or directory: {', '.join(missing)}")
    if engine is Engine.dask and not scheduler:
        _fail("--engine dask needs --scheduler ADDRESS (start one with `dask scheduler`)")
    actor_files, pattern_files = _engine_files(actors, patterns)
    outlet_rules = _outlet_rules(outlets, outlet)
    if engine is Engine.dask:
        runner = DaskEngine(scheduler=scheduler, actor_files=actor_files, pattern_files=pattern_files,
                            partitions=partitions, outlet_rules=outlet_rules)
    else:
        runner = LocalEngine(workers=workers or default_workers(), actor_files=actor_files,
                             pattern_files=pattern_files, partitions=partitions, outlet_rules=outlet_rules)
    try:
        store = open_store(db)
    except StoreBusy as exc:
        _fail(str(exc))
    try:
        with _ctrl_c(), store, runner, Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                     TimeElapsedColumn(), console=err) as progress:
            task = progress.add_task("processing files", total=None)
            summary = process_corpus(paths, store, engine=runner, force=force, max_bytes=int(max_size * 2**20),
                                     chunk_size=chunk_size or CHUNK_DOCUMENTS, keep_partitions=keep_partitions,
                                     on_planned=lambda n: progress.update(task, total=n),
                                     on_files_done=lambda n: progress.advance(task, n))
    except KeyboardInterrupt:
        err.print("[yellow]interrupted[/yellow]: what was committed is kept; run the same command to resume")
        raise typer.Exit(code=130)
    except OSError as exc:  # e.g. a Dask scheduler that cannot be reached
        _fail(f"{type(exc).__name__}: {exc}")
    skipped = f" ({summary.skipped} unchanged files skipped)" if summary.skipped else ""
    copies = f", {summary.duplicates} near-duplicate copies linked" if summary.duplicates else ""
    err.print(f"{summary.files} files{skipped}: {summary.articles} articles stored, {summary.events} events coded"
              f"{copies}, {summary.quarantined} quarantined"
              + (" (see `dyadwatch quarantine`)" if summary.quarantined else "") + f" → {db}")
    if summary.quarantined:
        raise typer.Exit(code=3)


# -- listings -------------------------------------------------------------------

@app.command()
def articles(db: Path = DbOption, fmt: Fmt = FormatOption, topic: Optional[Topic] = TopicOption,
             wide: bool = WideOption) -> None:
    """Stored articles: metadata, topic and whether events were coded (and why not) in a table; every
    field, the body too, in json, jsonl or csv."""
    wanted = topic.value if topic else None
    with _open_read(db) as store:
        rows = store.articles(topic=wanted, bodies=fmt is not Fmt.table)
    _emit(rows, fmt, title="articles", columns=["published", "outlet", "title", "topic", "coding", "path"],
          wide=wide, wide_columns=["article_id", "published", "outlet", "title", "topic", "language", "coding", "url",
                                   "path"])


@app.command()
def events(db: Path = DbOption, fmt: Fmt = FormatOption,
           modality: Optional[str] = typer.Option(None, help="Only events of this modality (asserted, alleged, negated, future, hypothetical)."),
           topic: Optional[Topic] = TopicOption, wide: bool = WideOption) -> None:
    """Coded events, each with the sentence it came from; the table names each code and says
    when an event did not happen as told ("not: provide aid", "may: arrest")."""
    from .report.listing import action_label

    with _open_read(db) as store:
        rows = store.events(modality=modality, topic=topic.value if topic else None)
    _emit(rows, fmt, title="events", columns=["date", "source", "action", "target", "outlet", "evidence"],
          optional=("outlet",), wide=wide, wide_columns=["date", "source", "action", "target", "modality", "goldstein", "outlet",
                                   "evidence", "event_id"],
          for_people=lambda e: {**e, "action": action_label(e["code"], e["modality"])})


@app.command()
def dyads(db: Path = DbOption, fmt: Fmt = FormatOption,
          dyad: Optional[str] = typer.Option(None, help="One dyad, e.g. ARM-RUS."),
          by: Period = typer.Option(Period.month, help="Period of the series."),
          full_codes: bool = typer.Option(False, "--full-codes", help="Pair full actor codes (ARMGOV-RUSGOV), not countries."),
          trend: bool = typer.Option(False, "--trend", help="One row per dyad instead: index over the whole span, "
                                     "slope, and the last period against the one before."),
          count_reports: bool = typer.Option(False, "--count-reports", help="Count every report; by default a "
                                             "happening reported by several articles (a story) counts once."),
          wide: bool = WideOption) -> None:
    """How each relation moves: events, Goldstein sum and mean, index with a bootstrap interval."""
    from .analysis import dyad_series, dyad_trends

    summarise = dyad_trends if trend else dyad_series
    with _open_read(db, analyses=True) as store:
        rows = [asdict(p) for p in summarise(store, by=by.value, dyad=dyad, full_codes=full_codes,
                                             count_reports=count_reports)]
    if trend:
        _emit(rows, fmt, title="dyad trends", columns=["dyad", "first", "last", "events", "index", "low", "high",
                                                        "slope", "direction"], wide=wide,
              wide_columns=["dyad", "first", "last", "events", "index", "low", "high", "slope", "previous_index",
                            "last_index", "direction"])
    else:
        _emit(rows, fmt, title="dyads", columns=["dyad", "period", "events", "cooperation", "conflict",
                                                 "goldstein_sum", "index", "low", "high"], wide=wide,
              wide_columns=["dyad", "period", "events", "cooperation", "conflict", "goldstein_sum",
                            "goldstein_mean", "index", "low", "high"])


@app.command()
def quarantine(db: Path = DbOption, fmt: Fmt = FormatOption) -> None:
    """Inputs that could not be processed, and why."""
    with _open_read(db) as store:
        rows = store.quarantine()
    _emit(rows, fmt, title="quarantine", columns=["path", "reason"])


@app.command()
def report(db: Path = DbOption, out: Path = typer.Option(Path("briefing.html"), "--out", "-o",
                                                         help="FILE.html or FILE.md."),
           by: Period = typer.Option(Period.month),
           dyad: Optional[str] = typer.Option(None, help="Only this dyad, e.g. ARM-RUS."),
           headline_events: int = typer.Option(HEADLINE_EVENTS, "--headline-events", min=1, metavar="N",
                                               help="Headline a relation only when it rests on at least N "
                                                    "counted events (each happening once)."),
           headline_articles: int = typer.Option(HEADLINE_ARTICLES, "--headline-articles", min=1, metavar="N",
                                                 help="... and they come from at least N articles.")) -> None:
    """Write the briefing (HTML or Markdown, one self-contained file): each relation's state,
    its chart, the stories and what is contested, framing by outlet, and the sources. Relations
    with less evidence than --headline-events and --headline-articles are listed, not headlined."""
    from .report.briefing import write_briefing

    if out.suffix.lower() not in (".html", ".htm", ".md", ".markdown"):
        _fail(f"--out must end in .html or .md, got {out.name}")
    with _open_read(db, analyses=True) as store:
        path = write_briefing(store, out, by=by.value, dyad=dyad, headline_events=headline_events,
                              headline_articles=headline_articles)
    err.print(f"briefing written to {path}")


@app.command()
def stories(db: Path = DbOption, fmt: Fmt = FormatOption,
            dyad: Optional[str] = typer.Option(None, help="Only this dyad, e.g. ARM-RUS."),
            window: int = typer.Option(3, help="Days two dates may differ and still be one happening."),
            lookback: int = typer.Option(14, help="Days before its article an event dated only by the article may lie."),
            min_articles: int = typer.Option(1, "--min-articles", min=1, help="Only stories reported by at least "
                                             "this many articles (default 1: every story, single reports included)."),
            contested: bool = typer.Option(False, "--contested", help="Only stories whose reports contradict each other."),
            cues: Optional[Path] = typer.Option(None, "--cues", help="Your own contradiction cue table (TSV)."),
            rebuild: bool = typer.Option(False, "--rebuild", help="Recompute the stored stories and framing of "
                                         "the whole store (process keeps them up to date)."),
            wide: bool = WideOption) -> None:
    """Happenings reported across articles and outlets, and where the reports contradict each other.

    Stories are kept by `process`; with other --window, --lookback or --cues than the stored
    ones they are clustered anew (over the whole store: slower on a big one)."""
    from .analysis import StoryOptions, find_stories, update_analyses
    from .analysis.dyads import dyad_name

    if rebuild:
        with _open_write(db) as store:
            done = update_analyses(store, rebuild=True)
        err.print(f"{done.stories} stories over {done.articles} articles, {done.sentences} sentences framed → {db}")
        return
    options = StoryOptions(window_days=window, lookback_days=lookback, min_articles=min_articles)
    wanted = dyad_name(dyad)
    with _open_read(db, analyses=True) as store:
        if options == replace(StoryOptions(), min_articles=min_articles) and cues is None:
            found = store.stored_stories(dyad=wanted, min_articles=min_articles, contested=True if contested else None)
        else:
            found = [s for s in find_stories(store.events(), articles=store.articles(), mentions=store.mentions(),
                                             sentences=store.rows("SELECT article_id, sentence_index, text FROM sentences"),
                                             options=options, cues_path=str(cues) if cues else None)
                     if (wanted is None or s.dyad == wanted) and (s.contested or not contested)]
    rows = [to_dict(s) for s in found]
    _emit(rows, fmt, title=f"stories ({len(rows)}{f', reported by {min_articles}+ articles' if min_articles > 1 else ''})",
          columns=["date", "dyad", "title", "articles", "outlets", "contested"], wide=wide,
          wide_columns=["date", "dyad", "title", "articles", "outlets", "contested", "outlet_names", "story_id"],
          for_people=_story_for_people)


def _story_for_people(story: dict[str, Any]) -> dict[str, Any]:
    """A story's table row: how many articles and outlets report it, not their ids."""
    return {**story, "articles": len(story["article_ids"]), "outlets": len(story["outlets"]),
            "outlet_names": ", ".join(story["outlets"]), "contested": "contested" if story["contested"] else ""}


@app.command()
def framing(db: Path = DbOption, fmt: Fmt = FormatOption,
            full_codes: bool = typer.Option(False, "--full-codes", help="Actors by full code (ARMGOV), not country."),
            min_mentions: int = typer.Option(1, "--min-mentions", help="Leave out actors an outlet names less often."),
            terms: Optional[Path] = typer.Option(None, "--terms", help="Your own loaded-terms table (TSV)."),
            wide: bool = WideOption) -> None:
    """How each outlet frames each actor: mentions, tone, the events it attributes, loaded terms."""
    from .analysis import framing as framing_rows

    with _open_read(db, analyses=True) as store:
        rows = [asdict(r) for r in framing_rows(store, full_codes=full_codes, min_mentions=min_mentions,
                                                terms_path=str(terms) if terms else None)]
    from .report.listing import shares_text

    _emit(rows, fmt, title="framing", columns=["outlet", "actor", "mentions", "tone", "event_mix", "terms"], wide=wide,
          for_people=lambda r: {**r, "event_mix": shares_text(r["event_mix"]),
                                "terms": ", ".join(f"{t} {n}" for t, n in (r["terms"] or {}).items())})


class ExportFormat(str, Enum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"
    gdelt = "gdelt"


@app.command()
def export(db: Path = DbOption, fmt: ExportFormat = typer.Option(ExportFormat.parquet, "--format", "-f"),
           out: Path = typer.Option(..., "--out", "-o", help="Directory to write into."),
           by: Period = typer.Option(Period.month, help="Period of the exported dyad series.")) -> None:
    """Write the store's tables, the stories with their members (story_members: one row per
    event) and the dyad series and trends as Parquet, CSV or JSON lines; or the events in the
    GDELT 2.0 event table's layout with the stories, members and dyads as TSV beside them."""
    from .analysis import dyad_series, dyad_trends
    from .analysis.dyads import DyadPoint, DyadTrend
    from .store.export import export_store

    with _open_read(db, analyses=True) as store:
        analyses = {"dyads": (DyadPoint, dyad_series(store, by=by.value)),
                    "dyad_trends": (DyadTrend, dyad_trends(store, by=by.value))}
        written = export_store(store, out, fmt=fmt.value, tables=analyses)
    for path in written:
        err.print(f"wrote {path}")


# -- web dashboard --------------------------------------------------------------

@app.command()
def serve(db: Path = DbOption,
          host: str = typer.Option("127.0.0.1", help="Address to listen on. Anything but loopback needs --token."),
          port: int = typer.Option(8000, min=1, max=65535, help="Port to listen on."),
          token: Optional[str] = typer.Option(None, envvar="DYADWATCH_TOKEN",
                                              help="Require this token on every request (Authorization: Bearer T, "
                                                   "or ?token=T once in a browser).")) -> None:
    """The dashboard and JSON API (read-only on the store; stop it before `process` writes the same store)."""
    from .web import check_bind, serve as run_server

    try:
        check_bind(host, token)
    except ValueError as exc:
        _fail(str(exc))
    _open_read(db, analyses=True).close()
    try:
        run_server(db, host=host, port=port, token=token)
    except Exception as exc:  # a store locked by a writer, or a port in use: say so, no traceback
        _fail(f"cannot serve {db}: {exc}")


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
    analyser = _analyser(actor_tables, None)
    from .pipeline import actors_record

    _stateless(text, jsonl, date, lambda record: actors_record(record, analyser=analyser))


@app.command()
def code(text: Optional[str] = typer.Argument(None, help="A sentence or paragraph."),
         jsonl: Optional[str] = typer.Option(None, "--jsonl", help="JSONL of {id, text, date?}; '-' is stdin."),
         date: Optional[str] = typer.Option(None, "--date", help="The text's date, YYYY-MM-DD."),
         actor_tables: Optional[List[Path]] = ActorsOption,
         pattern_files: Optional[List[Path]] = PatternsOption) -> None:
    """Sentences → events as JSON lines."""
    analyser = _analyser(actor_tables, pattern_files)
    from .pipeline import code_record

    _stateless(text, jsonl, date, lambda record: code_record(record, analyser=analyser))


def _stateless(text: Optional[str], jsonl: Optional[str], date: Optional[str],
               handle: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
    if jsonl:
        _run_jsonl(jsonl, handle)
    elif text:
        if date:
            _check_date(date)
        _run_single({"id": None, "text": text, "date": date}, handle)
    else:
        _fail("give a TEXT argument or --jsonl FILE")


def _check_date(value: str) -> None:
    from datetime import date as _date

    try:
        _date.fromisoformat(value)
    except ValueError:
        _fail(f"--date must be YYYY-MM-DD, got {value!r}")


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
def eval_actors(file: Path = typer.Argument(..., help="PLOVER-style JSONL (events with source_text/target_text "
                                             "and gold codes), or factRuEval-style JSONL (articles with entities)."),
                misses: int = typer.Option(0, help="Also list the first N actors resolved wrongly."),
                actor_tables: Optional[List[Path]] = ActorsOption, fmt: Fmt = FormatOption) -> None:
    """Actors: is the mention over each gold actor's words resolved to the gold country? On a
    file of articles with named entities (Russian news, factRuEval's layout): are the gold people,
    organisations and places found (recall, precision: a found name overlapping a gold one)?"""
    from .actors import evaluate_actors, evaluate_entities, is_entity_file, load_dictionary

    _eval_file(file)
    try:
        if is_entity_file(file):
            found = evaluate_entities(file, dictionary=load_dictionary(extra=_actor_files(actor_tables))).as_dict()
            _emit([{k: v for k, v in found.items() if k != "by_type"}], fmt, title="named entities",
                  columns=["records", "gold", "recall", "predicted", "precision", "coded", "coded_share"])
            _emit([{"type": t, **v} for t, v in found["by_type"].items()], fmt, title="recall by gold type",
                  columns=["type", "gold", "recall"])
            return
    except (ValueError, KeyError, OSError) as exc:
        _fail(f"cannot evaluate {file}: {exc}")
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


@eval_app.command("events")
def eval_events(file: Path = typer.Argument(..., help="Gold JSONL: CAMEO (events-dev style) or PLOVER (plover-dev style)."),
                limit: Optional[int] = typer.Option(None, help="Score only the first N records."),
                wrong: int = typer.Option(0, help="Also list the first N sentences it got wrong."),
                actor_tables: Optional[List[Path]] = ActorsOption,
                pattern_files: Optional[List[Path]] = PatternsOption, fmt: Fmt = FormatOption) -> None:
    """Events: precision, recall and F1 for the type alone and with both actors' countries,
    a confusion table by type, and the sentences it got wrong."""
    from .events import evaluate_events

    _eval_file(file)
    analyser = _analyser(actor_tables, pattern_files)
    try:
        scores = evaluate_events(file, limit=limit, analyser=analyser)
    except (ValueError, KeyError, OSError) as exc:
        _fail(f"cannot evaluate {file}: {exc}")
    _emit([s.as_dict() for s in scores.scores], fmt,
          title=f"{scores.scheme}: {scores.records} records, {scores.seconds:.1f} s",
          columns=["score", "precision", "recall", "f1", "tp", "fp", "fn"])
    confusion = [{"gold": gold, "predicted": predicted, "sentences": n}
                 for (gold, predicted), n in scores.confusion.most_common()]
    if confusion:
        _emit(confusion, fmt, title="missed types: what was predicted instead", columns=["gold", "predicted", "sentences"])
    if wrong:
        _emit(scores.wrong[:wrong], fmt, title="sentences got wrong", columns=["id", "text", "gold", "predicted"])


def _trigger_row(step: dict) -> dict:
    """One trigger of `explain` as a table row: its frame's sides, the decision, its reason and the
    features that weighed most for it."""
    frame = step.get("frame") or {}
    sides = " + ".join(a["text"] for a in frame.get("sources", [])) or "-"
    sides += " -> " + (" + ".join(a["text"] for a in frame.get("targets", [])) or "-")
    return {"trigger": step["trigger"], "entry": step["entry"], "proposed": step["code"],
            "pattern": step["pattern"], "sides": sides if frame else "", "reason": step.get("reason"),
            "decision": step["decision"], "decided": step.get("decided"), "confidence": step.get("confidence"),
            "features": "; ".join(f"{name} {weight:+.2f}" for name, weight in step.get("features") or [])}


@app.command()
def explain(text: str = typer.Argument(..., help="A sentence or paragraph."),
            date: Optional[str] = typer.Option(None, "--date", help="The text's date, YYYY-MM-DD."),
            fmt: Fmt = typer.Option(Fmt.table, "--format", "-f", help="table (for people) or json."),
            actor_tables: Optional[List[Path]] = ActorsOption,
            pattern_files: Optional[List[Path]] = PatternsOption) -> None:
    """Why a sentence gives the events it gives: the parse, the actors, each pattern and its fate."""
    if date:
        _check_date(date)
    result = _analyser(actor_tables, pattern_files).explain(text, date=date)
    if fmt is not Fmt.table:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2 if fmt is Fmt.json else None) + "\n")
        return
    out = Console(soft_wrap=True)
    if result.get("topic"):
        out.print(f"topic: {result['topic']} (P(political) {result['topic_score']:.2f})", markup=False)
    for sentence in result["sentences"]:
        out.rule(f"sentence {sentence['index']}")
        out.print(sentence["text"], markup=False)
        if sentence.get("political") is not None:
            out.print(f"P(political) of the sentence: {sentence['political']:.2f}", markup=False)
        write_rows([{"i": t["i"], "text": t["text"], "lemma": t["lemma"], "pos": t["pos"], "dep": t["dep"],
                     "head": t["head"]} for t in sentence["tokens"]], fmt="table", out=sys.stdout, title="parse")
        write_rows(sentence["mentions"], fmt="table", out=sys.stdout, title="actors",
                   columns=["text", "code", "start", "end"])
        write_rows([_trigger_row(t) for t in sentence["triggers"]], fmt="table", out=sys.stdout,
                   title="frames, decisions and why")
        write_rows(sentence["events"], fmt="table", out=sys.stdout, title="events",
                   columns=["source", "code", "target", "modality", "date", "confidence", "rule"])
        for event in sentence["events"]:  # where it happened, when the sentence names the place
            if event.get("place"):
                place = ", ".join(p for p in (event["place"], event.get("place_country")) if p)
                point = f" ({event['lat']:.4f}, {event['lon']:.4f})" if event.get("lat") is not None \
                    and event.get("lon") is not None else ""
                out.print(f"where: {place}{point}, for {event['source'] or '-'} {event['code']} "
                          f"{event['target'] or '-'}", markup=False)


# -- following outlets ------------------------------------------------------------

sources_app = typer.Typer(no_args_is_help=True, help="The outlets followed: RSS/Atom feeds and sitemaps.")
app.add_typer(sources_app, name="sources")


def _open_write(db: Path, *, wait: float = 30.0):
    """The store for writing; if a pass of `watch` holds it, wait (a pass is short)."""
    import time

    from .store import StoreBusy

    deadline = time.monotonic() + wait
    while True:
        try:
            return open_store(db)
        except StoreBusy as exc:
            if time.monotonic() > deadline:
                _fail(str(exc))
            time.sleep(0.5)


@sources_app.command("add")
def sources_add(url: str = typer.Argument(..., help="A feed (RSS, Atom), a sitemap, or a page that announces a feed."),
                name: Optional[str] = typer.Option(None, "--name", help="Short name (lower case, digits, dashes); "
                                                   "default: from the feed's title."),
                lang: Optional[str] = typer.Option(None, "--lang", help="The language the outlet writes in, e.g. ru."),
                kind: Optional[str] = typer.Option(None, "--kind", help="rss, atom or sitemap: add it without "
                                                   "looking at it first (e.g. offline)."),
                timeout: float = typer.Option(20.0, "--timeout", min=0.01, help="Seconds to wait for the URL."),
                db: Path = DbOption) -> None:
    """Follow an outlet. The URL is read once to learn its kind and name."""
    from .feeds import FetchOptions, PoliteFetcher, SourceError, add_source, discover
    from .feeds.sources import source_language

    try:
        lang = source_language(lang)  # said before the URL is read
    except SourceError as exc:
        _fail(str(exc))
    title = None
    if kind is None:
        with PoliteFetcher(options=FetchOptions(timeout=timeout, retries=1, backoff=0.5)) as fetcher:
            try:
                url, kind, title = discover(url, fetcher)
            except SourceError as exc:
                _fail(f"{exc} (give --kind rss|atom|sitemap to add it anyway)")
    with _open_write(db) as store:
        try:
            source = add_source(store, url, kind=kind, name=name, title=title, lang=lang)
        except SourceError as exc:
            _fail(str(exc))
    err.print(f"following {source.name} ({source.kind}): {source.url}")


@sources_app.command("list")
def sources_list(db: Path = DbOption, fmt: Fmt = FormatOption) -> None:
    """The sources, with pages kept, pages failed, and how the last read of each feed went."""
    from .feeds import list_sources

    with _open_read(db) as store:
        try:
            rows = list_sources(store)
        except Exception:  # a store made before sources existed has no such table
            rows = []
    _emit(rows, fmt, title="sources", columns=["name", "kind", "lang", "pages", "failed", "checked_at", "feed", "url"],
          optional=("checked_at", "feed"))


@sources_app.command("remove")
def sources_remove(source: str = typer.Argument(..., help="The source's name or URL."), db: Path = DbOption) -> None:
    """Stop following a source (its pages, articles and events stay in the store)."""
    from .feeds import SourceError, remove_source

    with _open_write(db) as store:
        try:
            removed = remove_source(store, source)
        except SourceError as exc:
            _fail(str(exc))
    err.print(f"no longer following {removed.name}: {removed.url}")


@sources_app.command("import")
def sources_import(file: Path = typer.Argument(..., help="An OPML file (as feed readers export)."),
                   lang: Optional[str] = typer.Option(None, "--lang", help="Language of all its outlets."),
                   db: Path = DbOption) -> None:
    """Follow every feed of an OPML file (kinds are learned on the first fetch)."""
    from .feeds import SourceError, import_opml

    if not file.is_file():
        _fail(f"no such file: {file}")
    with _open_write(db) as store:
        try:
            added, skipped = import_opml(store, file, lang=lang)
        except SourceError as exc:
            _fail(str(exc))
    for source in added:
        err.print(f"following {source.name}: {source.url}")
    for note in skipped:
        err.print(f"[yellow]skipped[/yellow]: {note}")
    err.print(f"{len(added)} sources added, {len(skipped)} skipped")


PagesOption = typer.Option(None, "--pages", help="Where fetched pages are kept (JSONL; default: <db stem>.pages "
                           "beside the store). `dyadwatch process` on it redoes everything offline.")
DelayOption = typer.Option(1.0, "--delay", min=0.0, help="Seconds between two requests to one host "
                           "(robots.txt may ask for more).")
TimeoutOption = typer.Option(20.0, "--timeout", min=0.01, help="Seconds to wait for a server.")
RetriesOption = typer.Option(2, "--retries", min=0, help="Tries again after a server error or a timeout.")
BackoffOption = typer.Option(1.0, "--backoff", min=0.0, help="Seconds before the first retry (doubles each time).")
MaxNewOption = typer.Option(200, "--max-new", min=1, help="New pages per source and pass, newest first.")
SourceOption = typer.Option(None, "--source", "-s", help="Only this source (name or URL); repeatable.")
FetchWorkersOption = typer.Option(1, "--workers", "-w", min=1, help="Local worker processes for the pipeline.")


def _pass_setup(db: Path, pages: Optional[Path], delay: float, timeout: float, retries: int, backoff: float,
                max_new: int, only: Optional[List[str]], workers: int, actors: Optional[List[Path]],
                patterns: Optional[List[Path]]):
    from .feeds import FetchOptions, PassOptions, pages_dir_for
    from .pipeline import LocalEngine

    options = PassOptions(pages_dir=(pages or pages_dir_for(db)).resolve(), max_new=max_new, only=tuple(only or ()),
                          fetch=FetchOptions(delay=delay, timeout=timeout, retries=retries, backoff=backoff))
    actor_files, pattern_files = _engine_files(actors, patterns)
    return options, LocalEngine(workers=workers, actor_files=actor_files, pattern_files=pattern_files)


def _pass_progress(progress: Progress, task) -> Callable[[str], None]:
    return lambda text: progress.update(task, description=text[:100])


def _report_pass(summary, db: Path, *, label: str = "") -> None:
    for failure in summary.failures:
        err.print(f"[yellow]failed[/yellow] {failure.source}: {failure.url}: {failure.reason}", markup=True,
                  highlight=False)
    def count(n: int, what: str) -> str:
        return f"{n} {what}{'' if n == 1 else 's'}"

    unchanged = f" ({summary.not_modified} not modified)" if summary.not_modified else ""
    err.print(f"{label}{count(summary.sources, 'source')}{unchanged}: {count(summary.new_pages, 'new page')}, "
              f"{count(len(summary.failures), 'failure')}; {count(summary.articles, 'article')} stored, "
              f"{count(summary.events, 'event')} coded, {summary.quarantined} quarantined → {db}", highlight=False)


@app.command()
def fetch(db: Path = DbOption, pages: Optional[Path] = PagesOption, delay: float = DelayOption,
          timeout: float = TimeoutOption, retries: int = RetriesOption, backoff: float = BackoffOption,
          max_new: int = MaxNewOption, source: Optional[List[str]] = SourceOption,
          workers: int = FetchWorkersOption, actors: Optional[List[Path]] = ActorsOption,
          patterns: Optional[List[Path]] = PatternsOption) -> None:
    """One pass: read every source, fetch the new pages, keep them, and process them into the store.

    Politely: robots.txt, a delay per host, conditional requests, a clear user agent.
    Exit status: 0 when everything worked, 3 when some feed or page failed or was
    quarantined (each with its reason; see `sources list`), 2 when it could not start."""
    from .feeds import run_pass
    from .store import StoreBusy

    options, engine = _pass_setup(db, pages, delay, timeout, retries, backoff, max_new, source, workers, actors,
                                  patterns)
    try:
        with _ctrl_c(), engine, Progress(TextColumn("{task.description}"), console=err, transient=True) as progress:
            task = progress.add_task("starting", total=None)
            summary = run_pass(db, engine=engine, options=options, on_progress=_pass_progress(progress, task))
    except StoreBusy as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        err.print("[yellow]interrupted[/yellow]: what was committed is kept; run again to go on")
        raise typer.Exit(code=130)
    _report_pass(summary, db)
    if not summary.sources:
        err.print("no sources to read: follow one with `dyadwatch sources add URL`")
    if summary.failures or summary.quarantined:
        raise typer.Exit(code=3)


@app.command()
def watch(db: Path = DbOption, every: str = typer.Option("15m", "--every", help="Time between passes: 30s, 15m, 1h."),
          serve: bool = typer.Option(False, "--serve", help="Also run the dashboard, on a copy of the store "
                                     "(<db stem>.live.duckdb) refreshed after each pass that stored something."),
          host: str = typer.Option("127.0.0.1", help="Dashboard address (with --serve)."),
          port: int = typer.Option(8000, min=1, max=65535, help="Dashboard port (with --serve)."),
          token: Optional[str] = typer.Option(None, envvar="DYADWATCH_TOKEN", help="Dashboard token (with --serve)."),
          passes: Optional[int] = typer.Option(None, "--passes", min=1, help="Stop after this many passes."),
          pages: Optional[Path] = PagesOption, delay: float = DelayOption, timeout: float = TimeoutOption,
          retries: int = RetriesOption, backoff: float = BackoffOption, max_new: int = MaxNewOption,
          source: Optional[List[str]] = SourceOption, workers: int = FetchWorkersOption,
          actors: Optional[List[Path]] = ActorsOption, patterns: Optional[List[Path]] = PatternsOption) -> None:
    """Fetch every --every until stopped (Ctrl-C). The store is held only while a pass runs."""
    from datetime import datetime

    from .feeds import DashboardProcess, parse_interval, watch as watch_loop

    try:
        seconds = parse_interval(every)
    except ValueError as exc:
        _fail(str(exc))
    dashboard = None
    if serve:
        from .web import check_bind

        try:
            check_bind(host, token)
        except ValueError as exc:
            _fail(str(exc))
        dashboard = DashboardProcess(db, snapshot=db.resolve().with_name(db.stem + ".live.duckdb"), host=host,
                                     port=port, token=token, log=db.resolve().with_name(db.stem + ".serve.log"))
    options, engine = _pass_setup(db, pages, delay, timeout, retries, backoff, max_new, source, workers, actors,
                                  patterns)
    err.print(f"watching every {every}" + (f"; dashboard at {dashboard.url}" if dashboard else "")
              + " (Ctrl-C to stop)")
    try:
        with _ctrl_c(), engine:
            if dashboard:
                dashboard.refresh()  # what the store holds already, before the first pass
            watch_loop(db, every=seconds, engine=engine, options=options, dashboard=dashboard, passes=passes,
                       on_pass=lambda s: _report_pass(s, db, label=f"{datetime.now():%H:%M:%S} "),
                       on_skipped=lambda reason: err.print(f"[yellow]pass skipped[/yellow]: {reason}"),
                       on_progress=None)
    except KeyboardInterrupt:
        err.print("stopped")
    except RuntimeError as exc:  # the dashboard could not start
        _fail(str(exc))
    finally:
        if dashboard:
            dashboard.stop()


def main() -> None:
    """The `dyadwatch` entry point: no traceback reaches the user unless asked for
    (DYADWATCH_DEBUG=1); an unexpected failure is one line and exit status 1."""
    import os

    try:
        app()
    except Exception as exc:
        if os.environ.get("DYADWATCH_DEBUG"):
            raise
        err.print(f"[red]error:[/red] unexpected {type(exc).__name__}: {exc}\n"
                  "(this is a bug in dyadwatch; run with DYADWATCH_DEBUG=1 for the traceback)")
        sys.exit(1)
