"""Body extraction benchmark on the extraction-dev pages (gold article bodies).

Scores, with shingle precision/recall/F1 in the manner of the article-extraction
benchmark (word 4-gram multisets, per page, then averaged):
  html   our clean_document on the HTML page, next to raw trafilatura
  text   the page flattened to its visible text, one block a line (what a naive
         scraper saves), cleaned by our plain-text cleaner; "keep all" is the
         score of keeping every line.

F1 is that of the mean precision and mean recall (the benchmark's way); "page F1"
is the mean of per-page F1 scores, the stricter reading.

Usage: python bench/extraction.py [EVAL.jsonl] [--worst N] [--show ID]
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from dyadwatch.clean import NotAnArticle, clean_document, flatten_html
from dyadwatch.clean.html import trafilatura_extract
from dyadwatch.records import RawDocument, content_id

DEFAULT = Path("/work/shared/eval/extraction-dev.jsonl")
_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall((text or "").lower())
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def score(gold: str, predicted: str) -> tuple[float, float]:
    """(precision, recall) of predicted shingles against gold shingles."""
    g, p = shingles(gold), shingles(predicted)
    tp = sum((g & p).values())
    fp = sum(p.values()) - tp
    fn = sum(g.values()) - tp
    precision = tp / (tp + fp) if tp + fp else (1.0 if not g else 0.0)
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def summary(pairs: list[tuple[float, float]]) -> dict[str, float]:
    precision = sum(p for p, _ in pairs) / len(pairs)
    recall = sum(r for _, r in pairs) / len(pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def ours(text: str, kind: str, url: str | None) -> str:
    raw = RawDocument(doc_id=content_id(text), path="bench", kind=kind, text=text, url=url)
    try:
        return clean_document(raw).body
    except NotAnArticle:
        return ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("eval", nargs="?", default=str(DEFAULT))
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages per mode")
    parser.add_argument("--show", help="print our bodies for this page id")
    args = parser.parse_args()
    path = Path(args.eval)
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    results: dict[str, list[tuple[float, float]]] = {m: [] for m in ("trafilatura", "html", "keep all", "text")}
    per_page: dict[str, list[tuple[str, float]]] = {m: [] for m in results}
    started = time.time()
    for record in records:
        html = gzip.open(path.parent / record["html_path"]).read().decode("utf-8")
        gold = record["gold_body"]
        flat = "\n".join(flatten_html(html))
        extracted = trafilatura_extract(html, url=record.get("url"))
        bodies = {
            "trafilatura": (extracted or {}).get("text") or "",
            "html": ours(html, "html", record.get("url")),
            "keep all": flat,
            "text": ours(flat, "text", None),
        }
        for mode, body in bodies.items():
            p, r = score(gold, body)
            results[mode].append((p, r))
            per_page[mode].append((record["id"], 2 * p * r / (p + r) if p + r else 0.0))
        if args.show and record["id"].startswith(args.show):
            for mode in ("html", "text"):
                print(f"----- {mode}\n{bodies[mode]}\n")
            print("----- gold\n" + gold)
    elapsed = time.time() - started
    print(f"{len(records)} pages from {path.name} in {elapsed:.1f} s")
    print(f"{'mode':<28}{'precision':>10}{'recall':>10}{'F1':>8}{'page F1':>9}")
    labels = {"trafilatura": "HTML  trafilatura (raw)", "html": "HTML  dyadwatch",
              "keep all": "text  keep every line", "text": "text  dyadwatch"}
    for mode, pairs in results.items():
        s = summary(pairs)
        page_f1 = sum(f for _, f in per_page[mode]) / len(per_page[mode])
        print(f"{labels[mode]:<28}{s['precision']:>10.3f}{s['recall']:>10.3f}{s['f1']:>8.3f}{page_f1:>9.3f}")
    if args.worst:
        for mode in ("html", "text"):
            print(f"\nworst {mode}:")
            for page_id, f1 in sorted(per_page[mode], key=lambda x: x[1])[: args.worst]:
                print(f"  {page_id[:12]}  F1 {f1:.3f}")


if __name__ == "__main__":
    sys.exit(main())
