"""How close `process` runs to the bare parser, with one worker and with two.

Corpus: over 300 distinct real texts — the example articles, the extraction-dev
pages as saved HTML, the same pages flattened to text (what a naive scraper
keeps), their gold bodies as clean text, and the gold event sentences grouped ten
to a text. In one run it measures:

- the bare spaCy pipeline: `nlp.pipe` over the cleaned bodies (same model, same
  components as `process` uses);
- `dyadwatch process` in a subprocess with --workers 1 and --workers 2, each on a
  fresh store, words per second of stored article bodies, and the peak memory of
  the whole process tree (parent and workers, sampled). Memory is PSS: a page the
  forked workers share with the parent counts once, split between them (the sum
  of RSS, which counts shared pages in every process, is printed too).

`--repeat 3` writes every file three times, each copy with a line of its own, to
check that peak memory does not grow with the corpus.

Per language, words a second of English and of Russian news through the stages `process`
runs on each article after cleaning (the parse: spaCy for English, natasha for Russian; then
relevance, actors and events, through the same `Analyser`), in one process on one core, models
loaded and warmed before the clock starts: English on the gold bodies of extraction-dev, Russian
on the 122 articles of factru-dev (real Russian news). `--languages-only` measures only this.

These machines share their CPUs: the same run takes 10% longer from one minute
to the next, at times 30%. So the measurements are made in rounds (bare, 1 worker,
2 workers, then again), and each is reported at its best round, as `timeit`
does; every round's time is printed too.

Run: `make bench` or `python bench/throughput.py [--limit N] [--repeat N] [--languages-only]`.
"""
from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
if not EVAL.exists():
    EVAL = Path("/work/shared/eval")
DYADWATCH = Path(sys.executable).with_name("dyadwatch")


def build_corpus(folder: Path, *, limit: int | None = None) -> int:
    """Write the benchmark corpus into `folder`; returns the number of files."""
    from dyadwatch.clean.html import flatten_html  # the naive scraper's view of a page: one block a line

    count = 0

    def write(name: str, text: str) -> None:
        nonlocal count
        (folder / name).write_text(text, encoding="utf-8")
        count += 1

    for path in sorted((ROOT / "examples" / "caucasus").iterdir()):
        shutil.copy(path, folder / path.name)
        count += 1
    with open(EVAL / "extraction-dev.jsonl", encoding="utf-8") as lines:
        for record in map(json.loads, lines):
            html = gzip.open(EVAL / record["html_path"]).read().decode("utf-8", errors="replace")
            write(f"page-{record['id']}.html", html)
            write(f"flat-{record['id']}.txt", "\n".join(flatten_html(html)))
            write(f"gold-{record['id']}.txt", record["gold_body"])
    for name in ("events-dev.jsonl", "plover-dev.jsonl"):
        with open(EVAL / name, encoding="utf-8") as lines:
            sentences = [json.loads(line)["text"] for line in lines]
        for start in range(0, len(sentences), 10):
            write(f"sentences-{name.split('-')[0]}-{start:04d}.txt", "\n\n".join(sentences[start:start + 10]))
    if limit:
        for extra in sorted(folder.iterdir())[limit:]:
            extra.unlink()
        count = min(count, limit)
    return count


def repeat_corpus(folder: Path, times: int) -> int:
    """Add copies of every file, each with its own marker line, so none is a duplicate."""
    originals = sorted(folder.iterdir())
    for copy in range(2, times + 1):
        for path in originals:
            text = path.read_text(encoding="utf-8", errors="replace")
            marker = f"This is file copy number {copy} of the benchmark corpus."
            if "</body>" in text:
                text = text.replace("</body>", f"<p>{marker}</p></body>", 1)
            else:
                text = f"{text}\n\n{marker}\n"
            (folder / f"copy{copy}-{path.name}").write_text(text, encoding="utf-8")
    return len(originals) * times


def cleaned_bodies(folder: Path) -> list[str]:
    from dyadwatch.clean import NotAnArticle, clean_document
    from dyadwatch.ingest import read_inputs
    from dyadwatch.records import RawDocument

    bodies = []
    for raw in read_inputs([folder]):
        if isinstance(raw, RawDocument):
            try:
                bodies.append(clean_document(raw).body)
            except NotAnArticle:
                pass
    return bodies


def bare_parser(bodies: list[str]) -> float:
    from dyadwatch import nlp

    pipeline = nlp.load_pipeline()
    list(pipeline.pipe(bodies[:4]))  # warm up
    start = time.perf_counter()
    for _ in pipeline.pipe(bodies, batch_size=16):
        pass
    return time.perf_counter() - start


# Reading a process's PSS walks its page tables (about 14 ms of CPU for a worker, and the
# worker waits on its memory map meanwhile), and listing a process's children reads every
# process of the machine: sampling both five times a second took 4% of a core, which a
# two-worker run on two cores pays. RSS is nearly free: it is read every 0.2 s, the
# children are listed every 2 s, and PSS is read when the summed RSS passes its last
# high by 2%, at most once a second.
_RSS_EVERY, _CHILDREN_EVERY, _PSS_EVERY, _NEW_HIGH = 0.2, 2.0, 1.0, 1.02


def _peak_memory(proc: subprocess.Popen, peak: list[int], done: threading.Event) -> None:
    """Sample the tree's memory: peak[0] the sum of PSS, peak[1] the sum of RSS."""
    last_pss = last_children = 0.0
    pss_at_rss = 0  # the summed RSS when PSS was last read
    try:
        root = psutil.Process(proc.pid)
        tree = [root]
        while not done.is_set():
            now = time.monotonic()
            if now - last_children >= _CHILDREN_EVERY:
                tree, last_children = [root, *root.children(recursive=True)], now
            rss = 0
            for p in tree:
                try:
                    rss += p.memory_info().rss
                except psutil.Error:
                    pass
            peak[1] = max(peak[1], rss)
            if rss > _NEW_HIGH * pss_at_rss and now - last_pss >= _PSS_EVERY:
                last_pss, pss_at_rss = now, rss
                pss = 0
                for p in tree:
                    try:
                        pss += p.memory_full_info().pss
                    except psutil.Error:
                        pass
                peak[0] = max(peak[0], pss)
            time.sleep(_RSS_EVERY)
    except psutil.Error:
        pass


def run_process(folder: Path, workers: int, db: Path) -> tuple[float, list[int]]:
    """Seconds and peak bytes (PSS, RSS) of `dyadwatch process` on a fresh store."""
    peak, done = [0, 0], threading.Event()
    start = time.perf_counter()
    proc = subprocess.Popen([str(DYADWATCH), "process", str(folder), "--db", str(db), "--workers", str(workers)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    watcher = threading.Thread(target=_peak_memory, args=(proc, peak, done), daemon=True)
    watcher.start()
    _, stderr = proc.communicate()
    seconds = time.perf_counter() - start
    done.set()
    watcher.join()
    if proc.returncode not in (0, 3):
        sys.exit(f"process failed ({proc.returncode}): {stderr}")
    return seconds, peak


def stored_words(db: Path) -> tuple[int, int, int]:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT (SELECT count(*) FROM articles), "
                           "(SELECT coalesce(sum(len(string_split_regex(body, '\\s+'))), 0) FROM articles), "
                           "(SELECT count(*) FROM events)").fetchone()


# (name, file of ../shared/eval, its text field, language)
LANGUAGE_CORPORA = (("English", "extraction-dev.jsonl", "gold_body", "en"),
                    ("Russian", "factru-dev.jsonl", "text", "ru"))


def language_rate(path: Path, field: str, language: str, rounds: int) -> tuple[int, int, int, float, float]:
    """(articles, words, events, words a second and words a CPU second at the best round) of a
    corpus of one language, parsed and analysed as `process` does each article, in this process.
    CPU time counts every thread of the process: a library that computes on two threads (numpy's
    BLAS under natasha) shows as more CPU than wall time."""
    from dyadwatch import nlp
    from dyadwatch.pipeline import Analyser
    from dyadwatch.records import Article

    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = [Article(article_id=f"{language}{i}", path=str(i), body=r[field], language=language)
                for i, r in enumerate(records) if r.get(field)]
    analyser = Analyser.from_settings()
    for parsed in nlp.parse_articles(articles[:2]):  # load and warm the models
        analyser.analyse(parsed)
    words = sum(len(a.body.split()) for a in articles)
    best, cpu, events = float("inf"), float("inf"), 0
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        events = sum(len(analyser.analyse(parsed).events) for parsed in nlp.parse_articles(articles))
        seconds = time.perf_counter() - start
        if seconds < best:
            best, cpu = seconds, time.process_time() - start_cpu
    return len(articles), words, events, words / best, words / cpu


def language_report(rounds: int) -> None:
    rates = {}
    for name, file, field, language in LANGUAGE_CORPORA:
        articles, words, events, rates[name], per_cpu = language_rate(EVAL / file, field, language, rounds)
        share = f" ({rates[name] / rates['English']:.2f} of English; target >= 0.67)" if name != "English" else ""
        print(f"{name}: {articles} articles of {file}, {words:,} words, {events} events: "
              f"{rates[name]:8,.0f} words/s{share}, {per_cpu:,.0f} words a CPU second")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="Use only the first N files (quick check).")
    parser.add_argument("--repeat", type=int, default=1, help="Write every file N times (memory must stay flat).")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="Worker counts to run (default: 1 2).")
    parser.add_argument("--skip-bare", action="store_true", help="Do not time the bare parser.")
    parser.add_argument("--rounds", type=int, default=5, help="Rounds of measurements; the best is kept (default: 5).")
    parser.add_argument("--languages-only", action="store_true",
                        help="Only the words a second of English and of Russian news, one process.")
    parser.add_argument("--language-rounds", type=int, default=3,
                        help="Rounds of the per-language measurement; the best is kept (default: 3).")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in psutil.getloadavg())} on {psutil.cpu_count()} cores")
    print(f"per language (parse, relevance, actors, events; one process, best of {args.language_rounds}):")
    language_report(args.language_rounds)
    if args.languages_only:
        print(f"load average after: {' '.join(f'{x:.2f}' for x in psutil.getloadavg())}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        files = build_corpus(folder, limit=args.limit)
        if args.repeat > 1:
            files = repeat_corpus(folder, args.repeat)
        bodies = cleaned_bodies(folder)
        words = sum(len(b.split()) for b in bodies)
        print(f"corpus: {files} files, {len(bodies)} articles after cleaning, {words:,} words")
        bare_times: list[float] = []
        runs: dict[int, list[tuple[float, list[int]]]] = {w: [] for w in args.workers}
        stored: dict[int, tuple[int, int, int]] = {}
        for number in range(1, args.rounds + 1):
            if not args.skip_bare:
                bare_times.append(bare_parser(bodies))
                print(f"round {number}: bare spaCy pipeline (nlp.pipe): {bare_times[-1]:6.1f} s")
            for workers in args.workers:
                db = Path(tmp) / f"w{workers}-{number}.duckdb"
                runs[workers].append(run_process(folder, workers, db))
                stored[workers] = stored_words(db)
                print(f"round {number}: process --workers {workers}:       {runs[workers][-1][0]:6.1f} s")
        print("best of each:")
        bare_rate = None
        if bare_times:
            bare_rate = words / min(bare_times)
            print(f"bare spaCy pipeline (nlp.pipe): {min(bare_times):6.1f} s  {bare_rate:8,.0f} words/s")
        rates = {}
        for workers, measured in runs.items():
            seconds = min(t for t, _ in measured)
            pss = max(peak[0] for _, peak in measured)
            rss = max(peak[1] for _, peak in measured)
            articles, stored_count, events = stored[workers]
            rates[workers] = stored_count / seconds
            print(f"process --workers {workers}:       {seconds:6.1f} s  {rates[workers]:8,.0f} words/s  "
                  f"({articles} articles, {events} events; peak memory {pss / 2**20:,.0f} MB PSS, "
                  f"{rss / 2**20:,.0f} MB summed RSS)")
        if bare_rate and 1 in rates:
            print(f"process, 1 worker / bare parser: {rates[1] / bare_rate:.2f}  (target >= 0.80)")
        if 1 in rates and 2 in rates:
            print(f"process, 2 workers / 1 worker:   {rates[2] / rates[1]:.2f}  (target >= 1.70)")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in psutil.getloadavg())}")


if __name__ == "__main__":
    main()
