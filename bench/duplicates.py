"""Near-duplicate linking: syndicated variants of real articles vs different articles.

Originals: the bodies of the shared corpus articles (cleaned by dyadwatch) and the
gold bodies of the extraction-dev pages. From each, seeded variants a syndicating
or re-scraping site would produce:
  furniture   a few lines of another site's furniture left at top and bottom
  headline    another headline and a credit line in front
  dropped     one paragraph (or, in a one-paragraph body, one sentence) left out
  typos       about one word in 40 misspelt, quotes and dashes retyped
  edited      all of the above together
  truncated   only the first 60% of the paragraphs (a paywall or "read more" cut; reported apart,
              it is a judgement call whether a cut copy should link)
Negatives: every pair of different originals; the corpus pairs on the same events;
and "shared quote" pairs, article B with a 40-word passage of A pasted in.

Part 1 measures exact Jaccard of shingle sets for each shingle size, and recall and
false links at several thresholds. Part 2 runs the real `link_near_duplicates` over the pool
(originals + variants, shuffled) and prints pairwise precision and recall.

Usage: python bench/duplicates.py [--sizes 3,4,5,6,7] [--threshold T] [--seed N]
"""
from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
from datetime import datetime, timedelta
from pathlib import Path

from dyadwatch.clean import clean_document
from dyadwatch.clean.duplicates import DEFAULT_THRESHOLD, SHINGLE_WORDS, body_signature, link_near_duplicates, shingles
from dyadwatch.records import RawDocument, content_id

CORPUS = Path("/work/shared/corpus")
EXTRACTION = Path("/work/shared/eval/extraction-dev.jsonl")
KINDS = ("furniture", "headline", "dropped", "typos", "edited")
HARD = ("truncated",)
FURNITURE = [
    "Share this article", "Facebook Twitter Telegram WhatsApp Email", "Subscribe to our newsletter",
    "Read more:", "Photo: Reuters", "Follow us on Google News", "All rights reserved.",
    "Advertisement", "Sign up for our daily briefing", "Comments (0)", "Print", "Most read",
    "Views: 1,284", "Copy link", "Also read", "The opinions expressed are the author's own.",
]


def originals() -> dict[str, str]:
    bodies = {}
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        article = clean_document(RawDocument(doc_id=content_id(text), path=str(path), kind="text", text=text))
        bodies[f"corpus:{path.name[:3]}"] = article.body
    for line in EXTRACTION.open(encoding="utf-8"):
        record = json.loads(line)
        bodies[f"page:{record['id'][:10]}"] = record["gold_body"]
    return bodies


def paragraphs(body: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", body) if p.strip()]


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:] if rng.random() < 0.5 else word[:i] + word[i + 1:]


def variant(kind: str, body: str, other_headlines: list[str], rng: random.Random) -> str:
    paras = paragraphs(body)
    if kind == "furniture":
        top = rng.sample(FURNITURE, 3) + ["Latest news"] + rng.sample(other_headlines, 2)
        return "\n".join(top) + "\n\n" + body + "\n\n" + "\n".join(rng.sample(FURNITURE, 3))
    if kind == "headline":
        return rng.choice(other_headlines) + "\n" + "Photo credit: AFP / Getty Images" + "\n\n" + body
    if kind == "dropped":
        # A paragraph, when one is a small part of the body; else a sentence.
        total = len(body.split())
        small = [i for i in range(1, len(paras)) if len(paras[i].split()) <= total / 4]
        if small:
            del paras[rng.choice(small)]
            return "\n\n".join(paras)
        sentences = re.split(r"(?<=[.!?])\s+", body)
        if len(sentences) > 2:
            del sentences[rng.randrange(1, len(sentences))]
        return " ".join(sentences)
    if kind == "typos":
        words = body.split(" ")
        words = [typo(w, rng) if rng.random() < 1 / 40 else w for w in words]
        return " ".join(words).replace("’", "'").replace("“", '"').replace("”", '"').replace("—", " - ")
    if kind == "edited":
        text = body
        for step in ("dropped", "typos", "headline", "furniture"):
            text = variant(step, text, other_headlines, rng)
        return text
    if kind == "truncated":
        keep = max(1, int(len(paras) * 0.6))
        return "\n\n".join(paras[:keep]) + "\n\nContinue reading"
    raise ValueError(kind)


def headline_like(body: str) -> str:
    words = body.split()[:9]
    return " ".join(words)[:80].rstrip(".,;:") if words else "News"


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="3,4,5,6,7")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    bodies = originals()
    ids = sorted(bodies)
    headlines = [headline_like(bodies[i]) for i in ids]
    variants: dict[str, tuple[str, str, str]] = {}  # variant id -> (original id, kind, text)
    for oid in ids:
        others = [h for i, h in zip(ids, headlines) if i != oid]
        for kind in KINDS + HARD:
            variants[f"{oid}~{kind}"] = (oid, kind, variant(kind, bodies[oid], others, rng))
    # A different article quoting 40 words of another: only into bodies of 300+ words,
    # where 40 words are a quote, not half the piece.
    long_ids = [i for i in ids if len(bodies[i].split()) >= 300]
    quote_pairs = []
    for a, b in zip(long_ids, long_ids[1:] + long_ids[:1]):
        words = bodies[a].split()
        start = rng.randrange(0, max(1, len(words) - 40))
        passage = " ".join(words[start:start + 40])
        paras = paragraphs(bodies[b])
        paras.insert(len(paras) // 2, f"As {headline_like(bodies[a])[:30]} reported: “{passage}”")
        quote_pairs.append((a, b, "\n\n".join(paras)))
    same_event = [("corpus:003", "corpus:004"), ("corpus:000", "corpus:002")]

    print(f"{len(ids)} originals, {len(variants)} variants, {len(ids) * (len(ids) - 1) // 2} different-article pairs\n")
    cuts = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
    print("Part 1: exact Jaccard of shingle sets, by shingle size k")
    print(f"{'k':>2}  {'min by kind: ' + ' '.join(KINDS) + ' | truncated':<62}{'max neg':>8}{'same-ev':>8}{'quote':>7}")
    recall_rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        sets = {oid: shingles(bodies[oid], size=size) for oid in ids}
        by_kind: dict[str, list[float]] = {kind: [] for kind in KINDS + HARD}
        for vid, (oid, kind, text) in variants.items():
            by_kind[kind].append(jaccard(sets[oid], shingles(text, size=size)))
        negatives = [jaccard(sets[a], sets[b]) for a, b in itertools.combinations(ids, 2)]
        same = [jaccard(sets[a], sets[b]) for a, b in same_event]
        quotes = [jaccard(sets[a], shingles(text, size=size)) for a, _, text in quote_pairs]
        positives = [j for kind in KINDS for j in by_kind[kind]]
        mins = " ".join(f"{min(by_kind[k]):.2f}" for k in KINDS) + " | " + f"{min(by_kind['truncated']):.2f}"
        print(f"{size:>2}  {mins:<62}{max(negatives):>8.3f}{max(same):>8.3f}{max(quotes):>7.3f}")
        recall = " ".join(f"{sum(j >= t for j in positives) / len(positives):.3f}" for t in cuts)
        false = " ".join(f"{sum(j >= t for j in negatives + quotes):>5}" for t in cuts)
        recall_rows.append(f"{size:>2}  recall {recall}   false links {false}")
    print(f"\nrecall of variants / false links among {len(ids) * (len(ids) - 1) // 2 + len(quote_pairs)} "
          f"negative pairs, at threshold {' '.join(str(t) for t in cuts)}")
    print("\n".join(recall_rows))

    print(f"\nPart 2: link_near_duplicates (k={SHINGLE_WORDS}, threshold {args.threshold}, MinHash 128)")
    base = datetime(2025, 1, 1)
    pool = [(oid, base + timedelta(days=i), bodies[oid], oid) for i, oid in enumerate(ids)]
    pool += [(vid, base + timedelta(days=400 + i), text, oid)
             for i, (vid, (oid, _, text)) in enumerate(variants.items())]
    # B with A's passage is a copy of B (its group), and must not link to A.
    pool += [(f"{b}~quotes-{a}", base + timedelta(days=900 + i), text, b)
             for i, (a, b, text) in enumerate(quote_pairs)]
    rng.shuffle(pool)
    truth = {item_id: group for item_id, _, _, group in pool}
    links = link_near_duplicates([(item_id, when, body_signature(text)) for item_id, when, text, _ in pool],
                                 threshold=args.threshold)
    canonical = {item_id: links.get(item_id, item_id) for item_id in truth}
    for kind in KINDS + HARD:
        members = [vid for vid, (_, k, _) in variants.items() if k == kind]
        linked = sum(canonical[vid] == variants[vid][0] for vid in members)
        print(f"  {kind:<10} linked to its original: {linked}/{len(members)}")
    wrong = [(i, c) for i, c in canonical.items() if truth[i] != truth.get(c)]
    print(f"  wrongly linked: {len(wrong)} {wrong[:5]}")
    # Pairwise precision/recall over the pool, the hard (truncated) kind left out.
    keep = [i for i in truth if not any(i.endswith(f"~{k}") for k in HARD)]
    tp = fp = fn = 0
    for a, b in itertools.combinations(keep, 2):
        same_pred = canonical[a] == canonical[b]
        same_true = truth[a] == truth[b]
        tp += same_pred and same_true
        fp += same_pred and not same_true
        fn += same_true and not same_pred
    print(f"  pairwise precision {tp / max(1, tp + fp):.3f}  recall {tp / max(1, tp + fn):.3f}"
          f"  ({tp} true pairs linked, {fp} false, {fn} missed; truncated copies left out)")


if __name__ == "__main__":
    sys.exit(main())
