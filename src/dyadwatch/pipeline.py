"""Wiring the stages: files → RawDocument → Article → parse → Mentions + Events.

Each stage takes records and returns records; this module only connects them,
streams a corpus through them in chunks, and turns a failure on one document
into a quarantine entry, so a batch always goes on.

The stages after the parse are held by one `Analyser`, built once from settings (the user's
actor tables and pattern files, the decision model) and cached per settings, so `process`,
`code`, `explain` and `eval` code a sentence alike, and a worker builds it once, not once a
document. Only the settings travel to workers: they are small and picklable, the stages are
neither.

A corpus is cut into chunks of consecutive documents, in input order. The cut
does not depend on how many workers run, and everything a chunk's results depend
on is inside the chunk, so 1, 2 or N workers, local or on Dask, give the same
events. Chunks come back in input order, with at most a few in flight, so memory
does not grow with the corpus.
"""
from __future__ import annotations

import gc
import itertools
import os
from collections import deque
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from . import nlp
from .actors import ActorDictionary, load_dictionary, resolve_actors
from .clean import OutletRules, clean_documents, detect_language
from .analysis.update import update_analyses
from .clean.duplicates import body_signature
from .events import Ontology, PatternSet, code_events, explain_text, load_ontology, load_patterns
from .events.decisions import DecisionModel, load_decision_model
from .events.russian import code_russian
from .events.russian_table import PredicateTable, is_russian_table, load_russian_predicates
from .heap import keep_heap, release_free_heap
from .ingest import MAX_DOCUMENT_BYTES, iter_files, read_file
from .relevance import RelevanceModel, load_relevance_model
from .records import (Article, ParsedArticle, Place, ProcessedArticle, Quarantined, RawDocument, SourceFile,
                      as_datetime, content_id, to_dict)
from .store import Store
from .store.partitions import Partition, make_partition, remove_partition
from .store.search import fill_search_index

__all__ = ["Analyser", "Chunk", "ChunkResult", "CHUNK_DOCUMENTS", "process_documents", "process_chunk", "analyse_parsed",
           "analyse_text", "actors_record", "code_record", "plan_chunks", "LocalEngine", "DaskEngine", "default_workers", "process_corpus",
           "process_chunk_to_partition", "RunSummary"]

# Documents per chunk. nlp.pipe batches within a chunk, and a dozen documents already batch
# well; smaller chunks spread better, since the last chunk of a run has one worker to itself
# (a chunk is about five seconds of one core on news articles). Storing a chunk costs the
# main process a few hundredths of a second, so 16 keeps that small too.
CHUNK_DOCUMENTS = 16
# the languages with an event coder: English (None: too little text to tell, taken as English) by
# the verb patterns, Russian by the predicate table (events.russian)
ENGLISH_LANGUAGES = ("en", None)
CODED_LANGUAGES = (*ENGLISH_LANGUAGES, nlp.RUSSIAN)


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Analyser:
    """The stages after the parse, built once from settings: the actor dictionary, the pattern
    set, the ontology and the decision model (None: the patterns' codes stand).

    Every command that codes text goes through one of these, so a user's `--actors` and
    `--patterns` files change what `process`, `code`, `explain` and `eval` all see. Build it
    with `from_settings`, which returns the same instance for the same settings; the stages
    are shared and read-only. The settings it was built from are kept, for saying so and for
    sending to a worker (which builds its own from them)."""

    dictionary: ActorDictionary
    patterns: PatternSet
    ontology: Ontology
    decider: DecisionModel | None
    relevance: RelevanceModel | None = None
    russian: PredicateTable | None = None  # the Russian predicate table (None: the shipped one)
    actor_files: tuple[str, ...] = ()
    pattern_files: tuple[str, ...] = ()
    model_path: str | None = None

    @classmethod
    def from_settings(cls, *, actor_files: Sequence[str | Path] = (), pattern_files: Sequence[str | Path] = (),
                      model_path: str | Path | None = None) -> "Analyser":
        """The analyser for these settings, built on first use and cached: paths are made
        absolute first, so the same files named two ways give the same analyser, and a worker
        whose working directory differs still finds them. `model_path` None is the shipped
        model; a path with no file there gives no model (the patterns' codes)."""
        return _analyser(_absolute(actor_files), _absolute(pattern_files),
                         None if model_path is None else str(Path(model_path).resolve()))

    def analyse(self, parsed: ParsedArticle) -> ProcessedArticle:
        """Relevance, actors, then events from the actors and the parse, of one parsed article.
        A Russian article is coded by the Russian predicate table (the relevance model reads English
        words, so it is not asked); an article in another language is stored with its actors'
        mentions and no events."""
        article = parsed.article
        places: list[Place] = []
        mentions = resolve_actors(parsed, dictionary=self.dictionary, places=places)
        relevance = None
        if article.language in ENGLISH_LANGUAGES and self.relevance is not None:
            relevance = self.relevance.of(parsed, mentions)  # the words and the actors named
            article = replace(article, topic=relevance.topic, topic_score=relevance.score)
        if article.language in ENGLISH_LANGUAGES:
            events = code_events(parsed, mentions, patterns=self.patterns, ontology=self.ontology,
                                 decider=self.decider, relevance=relevance, places=places)
        elif article.language == nlp.RUSSIAN:
            events = code_russian(parsed, mentions, table=self.russian, ontology=self.ontology)
        else:
            events = []
        # stored and listed with whether it was coded, and why not (CODED_LANGUAGES have a coder)
        article = replace(article, coding="coded" if article.language in CODED_LANGUAGES else
                          f"not coded: no event pipeline for language {article.language!r}")
        return ProcessedArticle(article=article, sentences=parsed.sentences, mentions=mentions, events=events,
                                signature=body_signature(article.body))

    def analyse_text(self, text: str, *, published: date | datetime | str | None = None) -> ProcessedArticle:
        """Code a bare sentence or paragraph (the stateless `code` and `actors` commands).

        The text is taken as it is: no cleaning, since it is not a page. Russian text is told by
        its script and parsed by natasha; anything else is read as English, as before (a short
        English sentence is too little to tell its language by its words)."""
        language = nlp.RUSSIAN if detect_language(text) == nlp.RUSSIAN else None
        article = Article(article_id=content_id(text), path="-", body=text, published=as_datetime(published),
                          language=language)
        return self.analyse(nlp.parse_article(article))

    def explain(self, text: str, *, date: Any = None) -> dict:
        """What `dyadwatch explain` shows: the parse, the actors, every trigger and its fate,
        through these stages (see `dyadwatch.events.explain_text` for the shape)."""
        return explain_text(text, date=date, dictionary=self.dictionary, patterns=self.patterns,
                            ontology=self.ontology, decider=self.decider, relevance_model=self.relevance,
                            russian_table=self.russian)


def _absolute(paths: Sequence[str | Path]) -> tuple[str, ...]:
    return tuple(str(Path(p).resolve()) for p in paths)


@lru_cache(maxsize=8)
def _analyser(actor_files: tuple[str, ...], pattern_files: tuple[str, ...], model_path: str | None) -> Analyser:
    # a user's pattern file is English verb patterns or a Russian predicate table, told by its header
    russian_files = tuple(p for p in pattern_files if is_russian_table(p))
    english_files = tuple(p for p in pattern_files if p not in russian_files)
    return Analyser(dictionary=load_dictionary(extra=actor_files), patterns=load_patterns(extra=english_files),
                    ontology=load_ontology(), decider=load_decision_model(model_path),
                    relevance=load_relevance_model(), russian=load_russian_predicates(extra=russian_files),
                    actor_files=actor_files, pattern_files=pattern_files, model_path=model_path)


def _analyser_for(analyser: Analyser | None, actor_files: Sequence[str | Path],
                  pattern_files: Sequence[str | Path]) -> Analyser:
    """The analyser given, or the one for these files; an analyser already holds its files,
    so giving both is a mistake, not a merge."""
    if analyser is None:
        return Analyser.from_settings(actor_files=actor_files, pattern_files=pattern_files)
    if actor_files or pattern_files:
        raise ValueError("give an analyser or actor/pattern files, not both (the analyser holds its files)")
    return analyser


def analyse_parsed(parsed: ParsedArticle, *, actor_files: Sequence[str | Path] = (),
                   pattern_files: Sequence[str | Path] = ()) -> ProcessedArticle:
    """The stages after the parse: actors, then events from the actors and the parse.

    `actor_files` and `pattern_files` are the user's own tables, loaded after the shipped ones."""
    return Analyser.from_settings(actor_files=actor_files, pattern_files=pattern_files).analyse(parsed)


def process_documents(raws: Iterable[RawDocument], *, actor_files: Sequence[str | Path] = (),
                      pattern_files: Sequence[str | Path] = (), outlet_rules: OutletRules | None = None
                      ) -> Iterator[ProcessedArticle | Quarantined]:
    """Clean, parse and code a batch of raw documents, in input order (quarantined ones first)."""
    analyser = Analyser.from_settings(actor_files=actor_files, pattern_files=pattern_files)
    articles: list[Article] = []
    for item in clean_documents(raws, outlet_rules=outlet_rules):
        if isinstance(item, Quarantined):
            yield item
        else:
            articles.append(item)
    for parsed in nlp.parse_articles(articles):
        try:
            yield analyser.analyse(parsed)
        except Exception as exc:
            yield Quarantined(path=parsed.article.path,
                              reason=f"could not code events: {type(exc).__name__}: {exc}")


def process_chunk(documents: Sequence[RawDocument], actor_files: Sequence[str] = (),
                  pattern_files: Sequence[str] = (), outlet_rules: OutletRules | None = None
                  ) -> list[ProcessedArticle | Quarantined]:
    """The unit of work a worker runs: one chunk, start to finish."""
    keep_heap()
    results = list(process_documents(documents, actor_files=actor_files, pattern_files=pattern_files,
                                     outlet_rules=outlet_rules))
    release_free_heap()
    return results


def process_chunk_to_partition(documents: Sequence[RawDocument], actor_files: Sequence[str] = (),
                               pattern_files: Sequence[str] = (), folder: str | None = None,
                               outlet_rules: OutletRules | None = None) -> Partition:
    """The unit of work an engine runs: one chunk, start to finish, its results as the store's
    tables (written as Parquet into `folder` when given) rather than as records, so the
    conversion runs on the workers and little travels back."""
    results = process_chunk(documents, actor_files, pattern_files, outlet_rules)
    return make_partition([r for r in results if isinstance(r, ProcessedArticle)],
                          [r for r in results if isinstance(r, Quarantined)], folder=folder)


def analyse_text(text: str, *, published: date | datetime | str | None = None,
                 actor_files: Sequence[str | Path] = (), pattern_files: Sequence[str | Path] = ()) -> ProcessedArticle:
    """Code a bare sentence or paragraph (the stateless `code` and `actors` commands).

    The text is taken as it is: no cleaning, since it is not a page."""
    return Analyser.from_settings(actor_files=actor_files, pattern_files=pattern_files).analyse_text(
        text, published=published)


def _text_of(record: dict) -> str:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("record has no text")
    return text


def actors_record(record: dict, *, actor_files: Sequence[str | Path] = (), pattern_files: Sequence[str | Path] = (),
                  analyser: Analyser | None = None) -> dict:
    """The `dyadwatch actors --jsonl` contract: {"id", "text", "date"?} →
    {"id", "mentions": [{"text", "start", "end", "code", "country", "role"}]}, offsets into the text.

    Through `analyser`, or the one built from the files."""
    analyser = _analyser_for(analyser, actor_files, pattern_files)
    result = analyser.analyse_text(_text_of(record), published=record.get("date"))
    return {"id": record.get("id"), "mentions": [
        {"text": m.text, "start": m.char_start, "end": m.char_end, "code": m.code, "country": m.country,
         "role": m.role} for m in result.mentions]}


def code_record(record: dict, *, actor_files: Sequence[str | Path] = (), pattern_files: Sequence[str | Path] = (),
                analyser: Analyser | None = None) -> dict:
    """The `dyadwatch code --jsonl` contract: {"id", "text", "date"?} → {"id", "events": [Event...]}.

    Through `analyser`, or the one built from the files."""
    analyser = _analyser_for(analyser, actor_files, pattern_files)
    result = analyser.analyse_text(_text_of(record), published=record.get("date"))
    return {"id": record.get("id"), "events": [to_dict(e) for e in result.events]}


# -- streaming a corpus -----------------------------------------------------------

@dataclass(slots=True)
class Chunk:
    """Consecutive documents of the corpus, with the read failures met while
    gathering them and the files whose last document is in this chunk."""

    index: int
    documents: list[RawDocument] = field(default_factory=list)
    quarantined: list[Quarantined] = field(default_factory=list)
    files_done: list[SourceFile] = field(default_factory=list)


@dataclass(slots=True)
class ChunkResult:
    chunk: Chunk
    partition: Partition
    quarantined: list[Quarantined]  # read failures and processing failures together


def plan_chunks(files: Iterable[SourceFile], *, size: int = CHUNK_DOCUMENTS,
                max_bytes: int = MAX_DOCUMENT_BYTES) -> Iterator[Chunk]:
    """Read files one at a time and cut their documents into chunks of `size`.

    A file is done in the chunk that holds its last document, so a store that
    commits chunk by chunk knows which files are complete."""
    chunk = Chunk(index=0)
    for source in files:
        for item in read_file(Path(source.path), max_bytes=max_bytes):
            if isinstance(item, Quarantined):
                chunk.quarantined.append(item)
                continue
            if len(chunk.documents) == size:
                yield chunk
                chunk = Chunk(index=chunk.index + 1)
            chunk.documents.append(item)
        chunk.files_done.append(source)
    if chunk.documents or chunk.quarantined or chunk.files_done:
        yield chunk


def _in_order(submit: Callable[[Chunk], object], collect: Callable[[object], Partition],
              chunks: Iterable[Chunk], window: int) -> Iterator[ChunkResult]:
    """Submit chunks with at most `window` in flight; yield results in input order."""
    pending: deque[tuple[Chunk, object]] = deque()
    for chunk in chunks:
        pending.append((chunk, submit(chunk)))
        if len(pending) >= window:
            yield _result(*_take(pending, collect))
    while pending:
        yield _result(*_take(pending, collect))


def _take(pending: deque, collect: Callable[[object], Partition]) -> tuple[Chunk, Partition]:
    chunk, handle = pending.popleft()
    return chunk, collect(handle)


def _result(chunk: Chunk, partition: Partition) -> ChunkResult:
    return ChunkResult(chunk=chunk, partition=partition, quarantined=chunk.quarantined + partition.quarantined)


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


# A pool worker is replaced after this many chunks: spaCy's string store only grows with
# every new word it sees, so a long-lived worker would grow with the corpus. A fresh one is
# forked from the loaded parent at once.
CHUNKS_PER_WORKER = 32
# Chunks in flight per worker: enough that a long chunk at the head of the queue does
# not leave the other workers idle while results are handed back in input order.
WINDOW_PER_WORKER = 4


class _Tasks:
    """What a chunk becomes on a worker: its results sent back, or, with `partitions`
    (a folder every worker reaches), a Parquet partition written there and only its
    description sent back. Each run writes into a folder of its own."""

    def __init__(self, actor_files: Sequence[str], pattern_files: Sequence[str],
                 partitions: str | Path | None, outlet_rules: OutletRules | None = None) -> None:
        self.actor_files = tuple(actor_files)
        self.pattern_files = tuple(pattern_files)
        self.outlet_rules = outlet_rules
        self.run_folder = None
        if partitions is not None:
            stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
            self.run_folder = Path(partitions).resolve() / f"run-{stamp}-{os.getpid()}"

    def of(self, chunk: Chunk) -> tuple[Callable, tuple]:
        folder = None if self.run_folder is None else str(self.run_folder / f"chunk-{chunk.index:06d}")
        return process_chunk_to_partition, (chunk.documents, self.actor_files, self.pattern_files, folder,
                                            self.outlet_rules)


class LocalEngine:
    """Chunks processed by a pool of local worker processes, one worker included.

    Pool workers are forked after the spaCy pipeline and the analyser (actor tables,
    patterns, decision model) are loaded, so each starts at once, finds the analyser
    for its settings already built, and shares their memory pages.
    This process only reads files and writes the store, while the workers compute;
    a single worker is a pool of one for that reason, and so that it too is
    replaced every CHUNKS_PER_WORKER chunks rather than growing with the corpus."""

    def __init__(self, *, workers: int, actor_files: Sequence[str | Path] = (),
                 pattern_files: Sequence[str | Path] = (), partitions: str | Path | None = None,
                 outlet_rules: OutletRules | None = None) -> None:
        self.workers = max(1, workers)
        self.outlet_rules = outlet_rules
        self.actor_files = tuple(str(p) for p in actor_files)
        self.pattern_files = tuple(str(p) for p in pattern_files)
        self.partitions = partitions
        self._pool = None

    def __enter__(self) -> "LocalEngine":
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.terminate() if exc[0] else self._pool.close()
            self._pool.join()

    def _load(self) -> None:
        # Everything the chunks use is loaded here once (a short text warms every table),
        # then frozen: the garbage collector no longer walks those millions of objects on
        # each full collection, and in forked workers their memory pages stay shared
        # instead of being copied into each. The collector is off while loading, and there
        # is no collection before the freeze: loading leaves little garbage, and passes over
        # everything loaded cost half a second.
        gc.disable()
        try:
            analyse_text("Russia's foreign minister met his Armenian counterpart in Moscow.",
                         actor_files=self.actor_files, pattern_files=self.pattern_files)
        finally:
            gc.freeze()
            gc.enable()

    def run(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        chunks = iter(chunks)
        first = next(chunks, None)
        if first is None:  # loading waits for the first chunk, so a rerun with nothing to do costs nothing
            return
        chunks = itertools.chain([first], chunks)
        tasks = _Tasks(self.actor_files, self.pattern_files, self.partitions, self.outlet_rules)
        self._load()
        import multiprocessing

        self._pool = multiprocessing.get_context("fork").Pool(self.workers, maxtasksperchild=CHUNKS_PER_WORKER)
        yield from _in_order(lambda c: self._pool.apply_async(*tasks.of(c)), lambda handle: handle.get(),
                             chunks, window=WINDOW_PER_WORKER * self.workers)


class DaskEngine:
    """Chunks processed on a running dask.distributed cluster. Each worker process
    loads the spaCy pipeline and builds the analyser for the run's settings once (both
    are cached in the worker) and keeps them. The user's files are sent as absolute
    paths, which every worker must reach."""

    def __init__(self, *, scheduler: str, actor_files: Sequence[str | Path] = (),
                 pattern_files: Sequence[str | Path] = (), partitions: str | Path | None = None,
                 outlet_rules: OutletRules | None = None) -> None:
        self.scheduler = scheduler
        self.outlet_rules = outlet_rules
        self.actor_files = tuple(str(Path(p).resolve()) for p in actor_files)
        self.pattern_files = tuple(str(Path(p).resolve()) for p in pattern_files)
        self.partitions = partitions
        self._client = None

    def __enter__(self) -> "DaskEngine":
        from distributed import Client

        self._client = Client(self.scheduler, timeout="20s")
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()

    @property
    def workers(self) -> int:
        return max(1, sum(w.get("nthreads", 1) for w in self._client.scheduler_info()["workers"].values()))

    def run(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        client = self._client
        tasks = _Tasks(self.actor_files, self.pattern_files, self.partitions, self.outlet_rules)

        def submit(chunk: Chunk):
            task, args = tasks.of(chunk)
            return client.submit(task, *args, pure=False)  # two chunks with equal content are still two tasks

        yield from _in_order(submit, lambda future: future.result(), chunks, window=2 * self.workers)


@dataclass(slots=True)
class RunSummary:
    files: int = 0  # input files found
    skipped: int = 0  # unchanged since they were processed
    articles: int = 0
    events: int = 0
    quarantined: int = 0
    duplicates: int = 0  # articles linked to an earlier copy, over the whole store
    stories: int = 0  # stories written or rewritten by this run


def process_corpus(paths: Iterable[str | Path], store: Store, *, engine: LocalEngine | DaskEngine,
                   force: bool = False, max_bytes: int = MAX_DOCUMENT_BYTES, chunk_size: int = CHUNK_DOCUMENTS,
                   keep_partitions: bool = False,
                   on_planned: Callable[[int], None] | None = None,
                   on_files_done: Callable[[int], None] | None = None) -> RunSummary:
    """Process files and folders into the store, chunk by chunk.

    Files whose size and modification time match a completed earlier run are
    skipped (unless `force`). Each chunk is committed with the files it completes,
    so a run killed at any point resumes where it stopped. A chunk a worker wrote
    as a Parquet partition is loaded, then removed unless `keep_partitions`."""
    started = datetime.now()
    summary = RunSummary()
    known = {} if force else store.known_files()
    todo: list[SourceFile] = []
    unreadable: list[Quarantined] = []
    for item in iter_files(paths):
        if isinstance(item, Quarantined):
            unreadable.append(item)
            continue
        summary.files += 1
        try:
            stat = item.stat()
        except OSError as exc:
            unreadable.append(Quarantined(str(item), f"cannot read: {exc.strerror or exc}"))
            continue
        source = SourceFile(path=str(item), size=stat.st_size, mtime_ns=stat.st_mtime_ns)
        if known.get(source.path) == (source.size, source.mtime_ns):
            summary.skipped += 1
        else:
            todo.append(source)
    if unreadable:
        store.write_chunk([], unreadable, run_started=started)
        summary.quarantined += len(unreadable)
    if on_planned:
        on_planned(len(todo))
    for result in engine.run(plan_chunks(todo, size=chunk_size, max_bytes=max_bytes)):
        store.load_partition(result.partition, result.quarantined, result.chunk.files_done, run_started=started)
        summary.articles += result.partition.articles
        summary.events += result.partition.events
        if not keep_partitions:
            remove_partition(result.partition)
        summary.quarantined += len(result.quarantined)
        if on_files_done:
            on_files_done(len(result.chunk.files_done))
    fill_search_index(store.con)  # a store written before the search postings: index its articles once
    # Copies, stories and framing for what this run (or an interrupted one before it) changed.
    summary.stories = update_analyses(store).stories
    summary.duplicates = store.duplicate_count()
    return summary
