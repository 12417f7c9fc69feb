"""Cross-validated accuracy of the event coder: the figures that predict held-out scores.

    .venv/bin/python bench/cross_validate.py [--folds 5] [--seed 19] [--c 0.5] [--json FILE]

The gold sentences of pairs-dev, plover-dev and events-dev (and the non-political pages of
extraction-dev, which teach "no event") are de-duplicated by text across files, then cut into
folds (scikit-learn's KFold over the distinct sentences, shuffled with a fixed seed). For each
fold, the decision model is trained on the other folds only and the coder, with that model,
codes the fold's sentences, scored as `dyadwatch eval events` scores (events/evaluate.py). Every
sentence is parsed and its frames found once: neither depends on the model.

Printed: each score as the mean over folds with its standard deviation, the score pooled over
all folds' predictions, and the plain dev figure (trained on everything, scored on the same
sentences: a figure tuned on, shown for contrast). On the non-political pages: events a page,
and the share of pages with an asserted event.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import replace
from collections import defaultdict
from pathlib import Path

from dyadwatch.events import load_ontology
from dyadwatch.events.evaluate import counted, score_gold
from dyadwatch.gold import PAGE_KINDS
from dyadwatch.events.training import C, DEFAULT_EVAL_DIR, NONE_BIAS, PROPOSAL_MARGIN, fit, frames_of, labelled, load_gold, parse_gold
from dyadwatch.pipeline import Analyser
from dyadwatch.records import TOLD_AS_DONE
from dyadwatch.relevance import training as relevance_training

SCORES = {  # (gold kind, score name, measure) -> the name printed
    ("pairs", "pairs found", "recall"): "pairs: gold pairs found",
    ("pairs", "pairs found with type", "recall"): "pairs: found with the right type",
    ("pairs", "pairs type", "f1"): "pairs: type F1",
    ("plover", "PLOVER type", "f1"): "PLOVER type F1",
    ("plover", "PLOVER type + actors", "f1"): "PLOVER type + actors F1",
    ("events", "CAMEO root (real-world)", "f1"): "CAMEO root F1 (real-world)",
    ("events", "CAMEO root + actors (real-world)", "f1"): "CAMEO root + actors F1 (real-world)",
    ("events", "CAMEO root (unit tests)", "f1"): "CAMEO root F1 (PETRARCH unit tests)",
}
TARGETS = {"pairs: found with the right type": 0.65, "pairs: type F1": 0.72, "PLOVER type F1": 0.72,
           "PLOVER type + actors F1": 0.55, "CAMEO root + actors F1 (real-world)": 0.55}


def folds_of(items, folds: int, seed: int) -> list[int]:
    """The fold of each item: its sentence's, so one text never sits on both sides."""
    from sklearn.model_selection import KFold

    keys = sorted({item.key for item in items})
    fold_of_key = {}
    for k, (_, test) in enumerate(KFold(n_splits=folds, shuffle=True, random_state=seed).split(keys)):
        for j in test:
            fold_of_key[keys[j]] = k
    return [fold_of_key[item.key] for item in items]


def code_with(model, items, relevance=None) -> dict[str, list]:
    """The counted events of each item, coded by the pipeline's own Analyser with this fold's
    decision and relevance models (the shipped dictionary, patterns and ontology)."""
    shipped = Analyser.from_settings()
    analyser = replace(shipped, decider=model, relevance=relevance)
    return {item.record["id"]: counted(analyser.analyse(item.parsed).events)
            for item in items}


def score(items, coded) -> dict[str, float]:
    """Every score of SCORES over `items` (by gold kind), plus the non-political page counts."""
    out = {}
    by_kind = defaultdict(list)
    for item in items:
        by_kind[item.kind].append(item)
    for kind, group in by_kind.items():
        if kind in PAGE_KINDS:
            name = "non-political" if kind == "nonpolitical" else "political (not annotated)"
            events = [coded[i.record["id"]] for i in group]
            out[f"{name}: events a page"] = sum(map(len, events)) / len(group)
            # an event told as done, by the writer or by a speaker (alleged), is what a page "has"
            out[f"{name}: pages with an asserted event"] = \
                sum(any(e.modality in TOLD_AS_DONE for e in page) for page in events) / len(group)
            if kind == "nonpolitical":
                out["non-political: asserted events of roots 14-20"] = sum(
                    e.modality in TOLD_AS_DONE and "14" <= e.root <= "20" for page in events for e in page)
            continue
        result = score_gold([i.record for i in group], coded)
        for (score_kind, name, measure), label in SCORES.items():
            if score_kind == kind:
                s = result.score(name)
                out[label] = getattr(s, measure)
                out[label + " [tp fp fn]"] = (s.tp, s.fp, s.fn)
    return out


def pooled(parts: list[dict]) -> dict[str, float]:
    """Scores over all folds' predictions at once, from the summed counts."""
    out = {}
    for label in {k for p in parts for k in p if k.endswith("[tp fp fn]")}:
        tp, fp, fn = (sum(p[label][i] for p in parts if label in p) for i in range(3))
        name = label[:-len(" [tp fp fn]")]
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        if "found" in name:
            out[name] = recall
        else:
            out[name] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            out[name + " (P/R)"] = (precision, recall)
    return out


def relevance_of(items, args):
    return relevance_training.fit(relevance_training.examples_of(items), c=args.relevance_c,
                                  article_threshold=args.article_threshold,
                                  sentence_threshold=args.sentence_threshold)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="k-fold cross-validation of the event decision")
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--c", type=float, default=C)
    parser.add_argument("--none-bias", type=float, default=NONE_BIAS)
    parser.add_argument("--margin", type=float, default=PROPOSAL_MARGIN, help="the proposal margin")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--no-relevance", action="store_true", help="code every article and sentence")
    parser.add_argument("--relevance-c", type=float, default=relevance_training.C)
    parser.add_argument("--article-threshold", type=float, default=relevance_training.ARTICLE_THRESHOLD)
    parser.add_argument("--sentence-threshold", type=float, default=relevance_training.SENTENCE_THRESHOLD)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    ontology = load_ontology()
    items = parse_gold(load_gold(args.eval, pages=PAGE_KINDS))
    frames = frames_of(items)
    examples = [labelled(item, f, ontology) if item.learnable else [] for item, f in zip(items, frames)]
    fold_of = folds_of(items, args.folds, args.seed)
    parts = []
    for k in range(args.folds):
        train = [e for item_examples, fold in zip(examples, fold_of) if fold != k for e in item_examples]
        model = fit(train, ontology, c=args.c, none_bias=args.none_bias, proposal_margin=args.margin)
        relevance = None if args.no_relevance else relevance_of([i for i, fold in zip(items, fold_of) if fold != k], args)
        held_out = [item for item, fold in zip(items, fold_of) if fold == k]
        parts.append(score(held_out, code_with(model, held_out, relevance)))
    dev_model = fit([e for item_examples in examples for e in item_examples], ontology, c=args.c,
                    none_bias=args.none_bias, proposal_margin=args.margin)
    dev = score(items, code_with(dev_model, items, None if args.no_relevance else relevance_of(items, args)))
    together = pooled(parts)
    names = [n for n in dict.fromkeys(k for p in parts for k in p) if not n.endswith("]")]
    print(f"{len(items)} items, {len({i.key for i in items})} distinct texts, {args.folds} folds (seed {args.seed}), "
          f"relevance {'off' if args.no_relevance else f'C={args.relevance_c}, thresholds {args.article_threshold}/{args.sentence_threshold}'}, "
          f"C={args.c}, NONE bias {args.none_bias}, proposal margin {args.margin}, {time.perf_counter() - started:.0f} s\n")
    print(f"{'score':44s} {'cross-validated':>17s} {'pooled':>7s} {'dev (tuned on)':>15s} {'target':>7s}")
    figures = {}
    for name in names:
        values = [p[name] for p in parts if name in p]
        mean, spread = statistics.mean(values), statistics.pstdev(values)
        figures[name] = {"mean": round(mean, 3), "sd": round(spread, 3), "pooled": round(together.get(name, mean), 3),
                         "dev": round(dev[name], 3), "folds": [round(v, 3) for v in values]}
        target = TARGETS.get(name)
        if name + " (P/R)" in together:
            target = f"{target or ''}  (pooled P {together[name + ' (P/R)'][0]:.2f} R {together[name + ' (P/R)'][1]:.2f})"
        print(f"{name:44s} {mean:9.3f} ± {spread:.3f} {together.get(name, mean):7.3f} {dev[name]:15.3f} "
              f"{target if target else '':>7}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
