"""Training the event decision from the gold data of ../shared/eval (`make train`).

    python -m dyadwatch.events.training [--eval DIR] [--out FILE]

    load_gold(eval_dir) -> list[GoldItem]          every gold sentence (and non-political page), parsed once
    frames_of(items) -> list[list[(Frame, Decision)]]  the frames the coder finds in each, before any decision
    labelled(item, frames) -> [(features, label)]    each frame labelled with the gold type it codes, or NONE
    fit(examples, ontology) -> DecisionModel         scikit-learn's logistic regression, written as plain weights

What is learned from what:
- pairs-dev (sentences with gold source text, target text and PLOVER root), plover-dev (PLOVER
  events with their actors' words and codes) and the real-world records of events-dev (CAMEO
  codes with actor codes): a frame is labelled with a gold event's type when its sides match the
  gold's (a shared content word, or the same country code), NONE when it matches none;
- the pages of extraction-dev listed in nonpolitical-dev.json (sport, markets, gadgets...):
  every frame is NONE, so that a game's "beat" or a market's "attack" is learned as no event.
PETRARCH's unit-test records name invented countries no dictionary holds, so their sides cannot
be matched; they are scored, not learned from.

Same data, same weights: the solver is deterministic, features are sorted, weights rounded.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from ..gold import DEFAULT_EVAL_DIR, GoldItem, load_gold, parse_gold, sentence_key
from ..records import Decision, Frame
from .decisions import MODEL_PATH, NONE, TYPE_OF_GOLD, DecisionModel, frame_features, type_of_code
from .ontology import Ontology, load_ontology

__all__ = ["GoldItem", "load_gold", "parse_gold", "frames_of", "labelled", "fit", "train", "DEFAULT_EVAL_DIR",
           "C", "sentence_key"]

# inverse regularisation strength of the logistic regression (scikit-learn's C)
C = 0.5
# added to the NONE class's score after fitting (chosen by cross-validation, bench/cross_validate.py)
NONE_BIAS = -1.0
# by how much another type's probability must beat the patterns' proposed type (same bench)
PROPOSAL_MARGIN = 0.2
# how sure the model must be of the type of a verb no pattern codes (same bench)
UNPROPOSED_THRESHOLD = 0.5
WEIGHT_DIGITS = 4


def frames_of(items: Iterable[GoldItem]) -> list[list[tuple[Frame, Decision, list]]]:
    """The frames that reach the decision in each item, with the events each gives under the
    patterns' code (no model applied)."""
    from .coder import code_events

    out = []
    for item in items:
        frames: list[tuple[Frame, Decision, list]] = []
        code_events(item.parsed, item.mentions, decider=None, frames=frames)
        out.append(frames)
    return out


# -- labels --------------------------------------------------------------------------------

def _words(text: str | None) -> set[str]:
    from ..nlp import content_words

    return content_words(text)


# the pairs data's words for a side it does not name ("a recipient", "an actor")
PLACEHOLDER_WORDS = {"recipient", "actor"}


def _side_matches(arguments, gold_text: str | None, gold_code: str | None) -> bool:
    """Whether one of `arguments` (with .text and .code) is the gold side."""
    from .evaluate import ANY, actor_key

    if gold_text and _words(gold_text) <= PLACEHOLDER_WORDS:
        gold_text = None
    if not gold_text and actor_key(gold_code) == ANY:
        return True  # the gold says nothing of this side
    if gold_text and any(_words(a.text) & _words(gold_text) for a in arguments):
        return True
    key = actor_key(gold_code)
    return key != ANY and any(actor_key(a.code) == key for a in arguments)


def gold_type(event: dict, ontology: Ontology) -> str | None:
    """The model's class for a gold event of any of the three formats."""
    if "plover" in event:
        return TYPE_OF_GOLD.get(event["plover"], event["plover"])
    code = str(event.get("code", ""))
    if code in ontology:
        return type_of_code(code, ontology)
    if code.isupper():
        return TYPE_OF_GOLD.get(code, code)
    return None


@dataclass
class _Side:
    text: str | None
    code: str | None


def _pairings(frame: Frame, events: list) -> list[tuple[list, list]]:
    """The (sources, targets) a frame offers: its own sides, and those of each event it gave
    (after CAMEO's conventions: "Japan and Australia agreed" is each with the other)."""
    out = [(frame.sources, frame.targets)]
    for event in events:
        out.append(([_Side(event.source_text, event.source)], [_Side(event.target_text, event.target)]))
    return out


def _matches(frame: Frame, events: list, gold: dict, label: str) -> bool:
    source_text, target_text = gold.get("source_text"), gold.get("target_text")
    source_code, target_code = gold.get("source"), gold.get("target")
    for sources, targets in _pairings(frame, events):
        if not sources and not targets:
            continue
        if _side_matches(sources, source_text, source_code) and _side_matches(targets, target_text, target_code):
            return True
        if label in ("CONSULT", "COOPERATE") and _side_matches(sources, target_text, target_code) and \
                _side_matches(targets, source_text, source_code):
            return True
    return False


def _matches_one_side(frame: Frame, events: list, gold: dict) -> bool:
    source_text = gold.get("source_text")
    return bool(source_text) and any(sources and _side_matches(sources, source_text, gold.get("source"))
                                     for sources, _ in _pairings(frame, events))


def labelled(item: GoldItem, frames: list[tuple[Frame, Decision, list]], ontology: Ontology
             ) -> list[tuple[dict[str, float], str]]:
    """Each frame's features with its label: the type of the gold event it matches, else NONE."""
    golds = [(event, gold_type(event, ontology)) for event in item.record.get("events", [])]
    golds = [(event, label) for event, label in golds if label]
    if item.record.get("events") and not golds:
        return []  # only codes outside CAMEO (PETRARCH's test-only codes): nothing to learn
    labels = [next((label for gold, label in golds if _matches(frame, events, gold, label)), NONE)
              for frame, _, events in frames]
    if item.kind in PARTLY_ANNOTATED:
        # a gold pair no frame finds whole still tells the type of the frame that has one of its sides
        for gold, label in golds:
            if label in labels:
                continue
            for k, (frame, _, events) in enumerate(frames):
                if labels[k] == NONE and _matches_one_side(frame, events, gold):
                    labels[k] = label
                    break
    out = []
    for (frame, _, events), label in zip(frames, labels):
        if label == NONE and item.kind in PARTLY_ANNOTATED:
            continue  # not every event of these sentences is annotated: an unmatched frame may be one
        out.append((frame_features(frame), label))
    return out


# gold whose sentences have only some of their events annotated (pairs: one pair a sentence)
PARTLY_ANNOTATED = {"pairs"}


# -- fitting ---------------------------------------------------------------------------------

def fit(examples: Sequence[tuple[dict[str, float], str]], ontology: Ontology, *, c: float = C,
        none_bias: float = NONE_BIAS, proposal_margin: float = PROPOSAL_MARGIN,
        provenance: dict | None = None) -> DecisionModel:
    """A multinomial logistic regression (scikit-learn, lbfgs) over the frames' features."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer(sort=True)
    x = vectorizer.fit_transform([features for features, _ in examples])
    y = [label for _, label in examples]
    model = LogisticRegression(C=c, max_iter=5000, tol=1e-6)
    model.fit(x, y)
    classes = [str(c) for c in model.classes_]
    coef = np.round(model.coef_, WEIGHT_DIGITS)
    if len(classes) == 2:  # scikit-learn keeps one row for two classes
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        bias = [round(-float(model.intercept_[0]) / 2, WEIGHT_DIGITS), round(float(model.intercept_[0]) / 2, WEIGHT_DIGITS)]
    else:
        bias = [round(float(b), WEIGHT_DIGITS) for b in model.intercept_]
    weights = {}
    for j, name in enumerate(vectorizer.get_feature_names_out()):
        column = [float(v) for v in coef[:, j]]
        if max(abs(v) for v in column) >= 10 ** -WEIGHT_DIGITS:
            weights[str(name)] = column
    return DecisionModel(classes=classes, bias=bias, weights=weights, none_bias=none_bias,
                         proposal_margin=proposal_margin, unproposed_threshold=UNPROPOSED_THRESHOLD,
                         default_codes=_default_codes(examples, classes, ontology), provenance=provenance)


def _default_codes(examples: Sequence[tuple[dict[str, float], str]], classes: list[str], ontology: Ontology
                   ) -> dict[str, str]:
    """Each type's most frequent proposed code among the frames labelled with it; else the
    lowest CAMEO root of that type ("040" for CONSULT)."""
    from collections import Counter

    counts: dict[str, Counter] = {}
    for features, label in examples:
        proposed = next(f.split("=", 1)[1] for f in features if f.startswith("proposed="))
        if type_of_code(proposed, ontology) == label:
            counts.setdefault(label, Counter())[proposed] += 1
    out = {}
    for label in classes:
        if label == NONE:
            continue
        if label in counts:
            out[label] = min(counts[label].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        else:
            roots = sorted(c.code for c in ontology if len(c.code) == 2 and type_of_code(c.code, ontology) == label)
            out[label] = roots[0] + "0" if roots else "010"
    return out


def train(eval_dir: str | Path = DEFAULT_EVAL_DIR, *, limit: int | None = None, c: float = C
          ) -> tuple[DecisionModel, dict]:
    """Train on every gold file of `eval_dir`; returns the model and counts for the provenance."""
    ontology = load_ontology()
    items = parse_gold(load_gold(eval_dir, limit=limit))
    examples = []
    for item, frames in zip(items, frames_of(items)):
        if item.learnable:
            examples.extend(labelled(item, frames, ontology))
    counts = {"items": len(items), "frames": len(examples),
              "labelled": sum(label != NONE for _, label in examples)}
    provenance = {"trained_by": "python -m dyadwatch.events.training", "learner": "scikit-learn LogisticRegression",
                  "C": c, "none_bias": NONE_BIAS, "proposal_margin": PROPOSAL_MARGIN, "data": sorted({i.kind for i in items}), **counts,
                  "notice": "trained on ../shared/eval (see events/data/NOTICE.md)"}
    return fit(examples, ontology, c=c, provenance=provenance), counts


def save(model: DecisionModel, path: str | Path = MODEL_PATH) -> None:
    data = {"provenance": model.provenance, "classes": model.classes, "bias": model.bias,
            "proposal_margin": model.proposal_margin, "unproposed_threshold": model.unproposed_threshold,
            "default_codes": dict(sorted(model.default_codes.items())),
            "weights": dict(sorted(model.weights.items()))}
    Path(path).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n",
                          encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Train the event decision model from gold data.")
    parser.add_argument("--eval", default=str(DEFAULT_EVAL_DIR), help="folder with the gold files")
    parser.add_argument("--out", default=str(MODEL_PATH), help="where to write the model (JSON)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N records of each file")
    args = parser.parse_args(argv)
    model, counts = train(args.eval, limit=args.limit)
    save(model, args.out)
    print(f"{args.out}: {len(model.weights)} features, {len(model.classes)} classes, "
          f"{counts['frames']} frames ({counts['labelled']} with a type) from {counts['items']} items",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
