"""How the cost of the analysis layer grows with the store: the listings, the briefing,
the dashboard, and an incremental `process`, on stores of 1×, 20× and 200× a real corpus.

The stores:

- the base store is the five examples plus the extraction-dev pages, processed once
  (`dyadwatch process examples/caucasus EVAL/extraction-dev --workers 2`) and reused
  while it is newer than its inputs and than schema.sql;
- a store of scale k is a copy of the base file in which every table with an
  `article_id` column (found in information_schema, so tables added later come along),
  and the `files` table, gain k−1 copies of their rows, in SQL (INSERT … SELECT, seconds
  even at 200×). Copy c gets ids of its own (article_id, event_id, duplicate_of →
  md5(id || ':' || c) cut to the id's length), paths with a '#copy{c}' suffix, and dates
  (published, date) moved on by c × 35 days, so two copies' events dated to the day never
  meet in one story window (undated events, and dates known only to the month or year,
  can still join copies in one story), and MinHash signatures XORed with a hash of c, so
  `process` never links two copies as near-duplicates.
  Tables of stories (`stories`, `story_events`, and any that schema.sql says are
  derived) are not copied; when `dyadwatch stories --rebuild` exists it is run after
  the copying, and timed as "rebuild".

On each store it measures, each command in a subprocess with its output thrown away,
the wall time and the peak memory (ru_maxrss from wait4) of `dyads`, `dyads --trend`,
`stories`, `framing`, `events`, `actors`, `articles` and `report --out X.html`; then
`dyadwatch serve`: the time until GET / answers 200, the median of three requests to
every page and every GET route of /openapi.json (path parameters filled with real ids),
and the server's peak memory (VmHWM). Last, on the biggest store, `process --workers 1`
of 10 new text files, against the same 10 files into an empty store.

A command that runs past --timeout is killed and recorded as "timeout".
Results: printed as a table and written to bench/analysis_scale.json.

Run: `make bench` or `python bench/analysis_scale.py [--scales 1,20,200] [--quick]`.
"""
from __future__ import annotations

import argparse
import functools
import json
import multiprocessing
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import httpx

ROOT = Path(__file__).resolve().parents[1]
DYADWATCH = str(Path(sys.executable).with_name("dyadwatch"))
RESULTS = ROOT / "bench" / "analysis_scale.json"
SCHEMA = ROOT / "src" / "dyadwatch" / "store" / "schema.sql"

DAYS_APART = 35  # between two copies' dates: wider than any story window (days)
NOT_COPIED = {"stories", "story_events"}
ID_COLUMNS = {"article_id", "event_id", "duplicate_of"}
PATH_COLUMNS = {"path", "source_file"}
DATE_COLUMNS = {"published", "date"}
SIGNATURE_COLUMNS = {"signature"}  # MinHash values: changed per copy, so no copy near-duplicates another

COMMANDS = {
    "dyads": ["dyads"],
    "dyads --trend": ["dyads", "--trend"],
    "stories": ["stories"],
    "framing": ["framing"],
    "events": ["events"],
    "actors": ["actors"],
    "articles": ["articles"],
    "report": ["report", "--out", "{work}/report.html"],
}
PAGES = ["/", "/timeline", "/network", "/stories", "/articles", "/search?q=Armenia",
         "/dyads/{dyad}", "/stories/{story_id}", "/articles/{article_id}",
         "/outlets", "/map", "/?since=2026-01-01&until=2026-06-30", "/outlets?dyad={dyad}&since=2026-02-01&until=2026-02-28",
         "/stories?min_articles=2&actor=ARM", "/network?since=2026-01-01", "/map?actor=RUS",
         "/dyads/{dyad}?actor=RUS&since=2026-01-01", "/dyads/{dyad}?outlet=The+Moscow+Times",
         # every table's CSV (all rows, not one page)
         "/?format=csv&table=volume", "/?format=csv&table=dyads", "/outlets?format=csv&table=tone",
         "/outlets?format=csv&table=coverage", "/stories?format=csv", "/articles?format=csv",
         "/timeline?format=csv", "/map?format=csv", "/network?format=csv", "/dyads/{dyad}?format=csv&table=events"]
QUERY_VALUES = {"q": "Armenia"}  # for a route's required query parameters
NEW_FILES = 10


# -- the stores -----------------------------------------------------------------

def base_store(work: Path, eval_dir: Path) -> Path:
    """The processed examples and extraction-dev pages: built once, reused while newer than
    its inputs and the store's schema (a new table must be in the copies too)."""
    base = work / "base.duckdb"
    inputs = [ROOT / "examples" / "caucasus", eval_dir / "extraction-dev"]
    newest_input = max(f.stat().st_mtime for f in [SCHEMA, *inputs[0].rglob("*"), *inputs[1].rglob("*")])
    if base.exists() and base.stat().st_mtime > newest_input:
        return base
    building = work / "base.building.duckdb"
    building.unlink(missing_ok=True)
    print(f"processing the base store into {base} …", flush=True)
    with open(work / "logs" / "base-process.log", "w") as log:
        done = subprocess.run([DYADWATCH, "process", *map(str, inputs), "--db", str(building), "--workers", "2"],
                              stdout=log, stderr=subprocess.STDOUT)
    if done.returncode not in (0, 3):  # 3: stored, some inputs quarantined
        sys.exit(f"processing the base store failed (exit {done.returncode}): see {log.name}")
    building.rename(base)
    return base


def derived_tables() -> set[str]:
    """Tables schema.sql documents as derived: in its "Derived tables" section (which runs to the
    next `-- ----` rule), or so called in the comment just above them."""
    derived, comment, in_section = set(), "", False
    for line in SCHEMA.read_text(encoding="utf-8").splitlines():
        if re.match(r"--\s*-{10}", line):
            in_section, comment = False, ""
        elif line.startswith("--"):
            in_section = in_section or re.match(r"--\s*derived tables", line, flags=re.IGNORECASE) is not None
            comment += line.lower()
        else:
            created = re.match(r"CREATE TABLE IF NOT EXISTS (\w+)", line, flags=re.IGNORECASE)
            if created and (in_section or "derived" in comment):
                derived.add(created.group(1))
            comment = ""
    return derived


def tables_to_copy(con: duckdb.DuckDBPyConnection) -> list[str]:
    """`files` and every table with an article_id column, except the stories and derived tables."""
    keyed = {name for (name,) in con.execute(
        "SELECT DISTINCT table_name FROM information_schema.columns "
        "WHERE table_schema = 'main' AND column_name = 'article_id'").fetchall()}
    return sorted((keyed | {"files"}) - NOT_COPIED - derived_tables())


def copied_value(column: str, sql_type: str) -> str:
    """The SQL giving copy `c`'s value of a column."""
    quoted = f'"{column}"'
    if column in ID_COLUMNS:
        return f"left(md5({quoted} || ':' || c), length({quoted}))"
    if column in PATH_COLUMNS:
        return f"{quoted} || '#copy' || c"
    if column in DATE_COLUMNS:
        return f"CAST({quoted} + to_days(CAST(c * {DAYS_APART} AS INTEGER)) AS {sql_type})"
    if column in SIGNATURE_COLUMNS:
        return f"list_transform({quoted}, h -> xor(h, hash(c) >> 32))"  # the values are 32-bit
    return quoted


def replicate(base: Path, store: Path, k: int) -> float:
    """Copy the base store to `store` with k−1 extra copies of every article's rows; returns seconds."""
    start = time.perf_counter()
    shutil.copyfile(base, store)
    if k > 1:
        con = duckdb.connect(str(store))
        con.execute("SET enable_progress_bar = false")
        con.execute("BEGIN")
        for table in tables_to_copy(con):
            columns = con.execute("SELECT column_name, data_type FROM information_schema.columns "
                                  "WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position",
                                  [table]).fetchall()
            names = ", ".join(f'"{name}"' for name, _ in columns)
            values = ", ".join(copied_value(name, sql_type) for name, sql_type in columns)
            con.execute(f'INSERT INTO "{table}" ({names}) SELECT {values} FROM "{table}", range(1, {k}) AS copies(c)')
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
        con.close()
    return time.perf_counter() - start


def store_size(store: Path) -> dict[str, float]:
    """Its articles, events and file size."""
    con = duckdb.connect(str(store), read_only=True)
    articles, events = (con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "events"))
    con.close()
    return {"articles": articles, "events": events, "file_mb": round(store.stat().st_size / 2**20, 1)}


def has_rebuild() -> bool:
    """Whether `dyadwatch stories` has --rebuild (stored stories rebuilt from scratch)."""
    shown = subprocess.run([DYADWATCH, "stories", "--help"], capture_output=True, text=True,
                           env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1"})
    return "--rebuild" in shown.stdout


# -- commands -------------------------------------------------------------------

@functools.cache
def launcher() -> ProcessPoolExecutor:
    """A small process of its own that starts the timed commands. Linux carries a process's peak
    RSS over fork and exec into ru_maxrss, so a command started from this process (grown by
    DuckDB and HTTP work) would report at least this process's peak as its own."""
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))


def run_timed(argv: list[str], *, timeout: float, log: Path) -> dict:
    """Run argv (stdout to /dev/null, stderr to `log`): status, seconds and its peak memory."""
    log.parent.mkdir(parents=True, exist_ok=True)
    return launcher().submit(spawn_and_wait, argv, timeout, log).result()


def spawn_and_wait(argv: list[str], timeout: float, log: Path) -> dict:
    """run_timed's work, in the launcher process."""
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ, setsid=True, file_actions=[
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, str(log), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)])
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.perf_counter() - start > timeout:
            os.killpg(pid, signal.SIGKILL)
            _, _, usage = os.wait4(pid, 0)
            return {"status": "timeout", "seconds": None, "peak_mb": round(usage.ru_maxrss / 1024, 1)}
        time.sleep(0.01)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    result = {"status": "ok" if code == 0 else f"exit {code}", "seconds": round(seconds, 2),
              "peak_mb": round(usage.ru_maxrss / 1024, 1)}  # ru_maxrss is KiB on Linux
    if code != 0:
        lines = log.read_text(errors="replace").strip().splitlines() or [""]
        result["error"] = next((line for line in lines if line.startswith("error")), lines[-1])[:300]
    return result


def time_commands(store: Path, work: Path, timeout: float) -> dict[str, dict]:
    """Each listing and the briefing, on the store."""
    results = {}
    for name, args in COMMANDS.items():
        argv = [DYADWATCH, *(a.format(work=work) for a in args), "--db", str(store)]
        log = work / "logs" / f"{store.stem}-{re.sub(r'[^a-z]+', '-', name)}.err"
        results[name] = run_timed(argv, timeout=timeout, log=log)
        print(f"  {name:<14} {cell(results[name])}", flush=True)
    return results


# -- the server -----------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(client: httpx.Client, server: subprocess.Popen, timeout: float) -> float | None:
    """Seconds until GET / answers 200 (polled every 0.1 s); None if it never does within `timeout`."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout and server.poll() is None:
        try:
            if client.get("/").status_code == 200:
                return round(time.perf_counter() - start, 2)
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    return None


def path_values(client: httpx.Client) -> dict[str, str | None]:
    """Real values for the routes' path parameters: an article, a story, a dyad."""
    articles = client.get("/api/articles", params={"limit": 1}).json()["articles"]
    stories = client.get("/api/stories").json()
    dyads = [d["dyad"] for d in client.get("/api/dyads").json()]
    return {"article_id": articles[0]["article_id"] if articles else None,
            "story_id": stories[0]["story_id"] if stories else None,
            "dyad": "ARM-RUS" if "ARM-RUS" in dyads else (dyads[0] if dyads else None)}


def routes(client: httpx.Client) -> list[str]:
    """The pages, and every GET route of the API with its required query parameters filled in."""
    found = list(PAGES)
    for path, operations in client.get("/openapi.json").json()["paths"].items():
        if "get" not in operations:
            continue
        required = [p["name"] for p in operations["get"].get("parameters", [])
                    if p["in"] == "query" and p.get("required")]
        query = "&".join(f"{name}={QUERY_VALUES[name]}" for name in required if name in QUERY_VALUES)
        found.append(f"{path}?{query}" if query else path)
    return found


def time_route(client: httpx.Client, url: str) -> dict:
    """Median of three GETs."""
    times, status = [], None
    for _ in range(3):
        start = time.perf_counter()
        try:
            status = client.get(url).status_code
        except httpx.TimeoutException:
            return {"status": "timeout", "seconds": None}
        times.append(time.perf_counter() - start)
    return {"status": status, "seconds": round(statistics.median(times), 3)}


def peak_rss_mb(pid: int) -> float | None:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return None


def measure_server(store: Path, work: Path, timeout: float) -> dict:
    """Start-up time, each route's median time and the peak memory of `dyadwatch serve` on the store."""
    port = free_port()
    with open(work / "logs" / f"{store.stem}-serve.err", "w") as log:
        server = subprocess.Popen([DYADWATCH, "serve", "--db", str(store), "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=log)
    result: dict = {"status": "ok", "startup_s": None, "peak_mb": None, "routes": {}}
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=timeout) as client:
            result["startup_s"] = wait_until_up(client, server, timeout)
            if result["startup_s"] is None:
                result["status"] = "timeout" if server.poll() is None else f"exit {server.returncode}"
                return result
            print(f"  serve start-up {result['startup_s']:.2f} s", flush=True)
            values = path_values(client)
            for route in routes(client):
                missing = [name for name in re.findall(r"{(\w+)}", route) if not values.get(name)]
                result["routes"][route] = (time_route(client, route.format(**values)) if not missing else
                                           {"status": f"no {missing[0]} to ask for", "seconds": None})
    finally:
        if server.poll() is None:
            result["peak_mb"] = peak_rss_mb(server.pid)
        server.send_signal(signal.SIGINT)  # uvicorn shuts down cleanly on SIGINT
        try:
            result["exit"] = server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            result["exit"] = "killed"
    return result


# -- one store ------------------------------------------------------------------

def measure_store(base: Path, store: Path, k: int, work: Path, timeout: float, *, rebuild: bool,
                  server_only: bool = False) -> dict:
    """Build the k× store, then time the stories rebuild (if any), the commands and the server on it."""
    print(f"\n{k}× store", flush=True)
    seconds = replicate(base, store, k)
    size = store_size(store)
    print(f"  replicated in {seconds:.2f} s: {size}", flush=True)
    return {
        "replicate_s": round(seconds, 2),
        "size": size,
        "rebuild": run_timed([DYADWATCH, "stories", "--rebuild", "--db", str(store)], timeout=timeout,
                             log=work / "logs" / f"{store.stem}-rebuild.err") if rebuild else None,
        "commands": {} if server_only else time_commands(store, work, timeout),
        "server": measure_server(store, work, timeout),
    }


# -- incremental process --------------------------------------------------------

def write_new_files(folder: Path, eval_dir: Path) -> None:
    """Ten extraction-dev bodies, each with its first line changed so its content hash is new."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    with open(eval_dir / "extraction-dev.jsonl", encoding="utf-8") as lines:
        records = [json.loads(line) for _, line in zip(range(NEW_FILES), lines)]
    for number, record in enumerate(records):
        first, _, rest = record["gold_body"].partition("\n")
        (folder / f"new-{number:02d}.txt").write_text(f"Update: {first}\n{rest}", encoding="utf-8")


def measure_incremental(store: Path, work: Path, eval_dir: Path, timeout: float) -> dict:
    """`process --workers 1` of 10 new files into the store, and into an empty store."""
    folder, empty = work / "new-files", work / "empty.duckdb"
    write_new_files(folder, eval_dir)
    empty.unlink(missing_ok=True)
    results: dict = {"files": NEW_FILES, "store": store.stem}
    for name, target in (("into_store", store), ("into_empty_store", empty)):
        argv = [DYADWATCH, "process", str(folder), "--db", str(target), "--workers", "1"]
        results[name] = run_timed(argv, timeout=timeout, log=work / "logs" / f"process-{target.stem}.err")
        print(f"  process {NEW_FILES} new files into {target.stem}: {cell(results[name])}", flush=True)
    return results


# -- the report -----------------------------------------------------------------

def cell(result: dict) -> str:
    if result["status"] == "timeout":
        return "timeout"
    if result["status"] != "ok":
        return result["status"]
    return f"{result['seconds']:.2f} s {result['peak_mb']:.0f} MB"


def print_table(stores: dict[str, dict]) -> None:
    scales = list(stores)
    rows = [("articles / events", [f"{s['size']['articles']} / {s['size']['events']}" for s in stores.values()]),
            ("store file", [f"{s['size']['file_mb']} MB" for s in stores.values()]),
            ("replicate", [f"{s['replicate_s']:.2f} s" for s in stores.values()])]
    if any(s["rebuild"] for s in stores.values()):
        rows.append(("rebuild", [cell(s["rebuild"]) if s["rebuild"] else "-" for s in stores.values()]))
    rows += [(name, [cell(s["commands"][name]) for s in stores.values()]) for name in COMMANDS
             if all(name in s["commands"] for s in stores.values())]
    rows.append(("serve start-up", [f"{s['server']['startup_s']:.2f} s" if s["server"]["status"] == "ok"
                                     else s["server"]["status"] for s in stores.values()]))
    rows.append(("serve peak", [f"{s['server']['peak_mb']:.0f} MB" if s["server"]["peak_mb"] else "-"
                                for s in stores.values()]))
    for route in dict.fromkeys(r for s in stores.values() for r in s["server"]["routes"]):
        rows.append((f"GET {route}", [route_cell(s["server"]["routes"].get(route)) for s in stores.values()]))
    width = max(len(name) for name, _ in rows)
    print(f"\n{'':<{width}}  " + "".join(f"{scale + '×':>18}" for scale in scales))
    for name, cells in rows:
        print(f"{name:<{width}}  " + "".join(f"{c:>18}" for c in cells))


def route_cell(result: dict | None) -> str:
    if result is None:
        return "-"
    if result["status"] != 200:
        return str(result["status"])[:18]
    return f"{result['seconds']:.3f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,20,200", help="Store sizes, in copies of the base corpus.")
    parser.add_argument("--quick", action="store_true", help="Scales 1 and 20 only (for development).")
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval", help="The shared eval folder.")
    parser.add_argument("--work", type=Path, default=ROOT / "out" / "bench-scale", help="Where the stores go.")
    parser.add_argument("--timeout", type=float, default=300, help="Seconds any one command may take.")
    parser.add_argument("--server-only", action="store_true",
                        help="Only the server's pages and routes (no listings, no incremental process); "
                             "written to bench/analysis_scale_pages.json.")
    args = parser.parse_args()
    scales = [1, 20] if args.quick else [int(s) for s in args.scales.split(",")]
    work = args.work.resolve()
    (work / "logs").mkdir(parents=True, exist_ok=True)

    base = base_store(work, args.eval.resolve())
    rebuild = has_rebuild()
    stores = {str(k): measure_store(base, work / f"scale-{k}.duckdb", k, work, args.timeout, rebuild=rebuild,
                                    server_only=args.server_only)
              for k in scales}
    if args.server_only:
        print_table(stores)
        pages = RESULTS.with_name("analysis_scale_pages.json")
        pages.write_text(json.dumps({"date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                                     "cores": os.cpu_count(), "scales": scales, "stores": stores}, indent=2) + "\n",
                         encoding="utf-8")
        print(f"written to {pages.relative_to(ROOT)}")
        return
    incremental = measure_incremental(work / f"scale-{max(scales)}.duckdb", work, args.eval.resolve(), args.timeout)

    print_table(stores)
    print(f"\nprocess {NEW_FILES} new files into {incremental['store']}: {cell(incremental['into_store'])}; "
          f"into an empty store: {cell(incremental['into_empty_store'])}")
    RESULTS.write_text(json.dumps({
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "scales": scales,
        "timeout_s": args.timeout,
        "stores": stores,
        "incremental_process": incremental,
    }, indent=2) + "\n", encoding="utf-8")
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
