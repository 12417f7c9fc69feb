"""The event decision: for each frame, which event type (so which CAMEO code), or no event.

    load_decision_model(path=None) -> DecisionModel | None   the shipped model (or a user's)
    frame_features(frame) -> list[str]                        what the decision reads
    DecisionModel.decide(frame, ontology) -> Decision

The model is a multinomial logistic regression over a frame's features (the predicate's lemma,
the code the verb patterns propose, the roles and kinds of its arguments, the syntax around it,
the words of its phrase), trained by `make train` (events/training.py) on the gold data of
../shared/eval. Its classes are the event types the gold data is annotated with, the pairs
format's 15 PLOVER roots plus STATEMENT (CAMEO 01), and NONE. The patterns' code stands when the
model picks its type; otherwise the type's most frequent code in the training data does.

Two settings of the decision rule, chosen by cross-validation (bench/cross_validate.py): a bias
against NONE (a frame needs a little less evidence to be an event than the plain argmax asks), and
a margin by which another type must beat the one the patterns propose.

The weights are a JSON file (`data/decision_model.json`), read in plain Python: scoring a frame
is a few dictionary lookups, and loading needs no learning library.
"""
from __future__ import annotations

import gc
import json
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from ..records import Decision, Frame
from .ontology import Ontology
from .reasons import Reason

__all__ = ["DecisionModel", "load_decision_model", "frame_features", "type_of_code", "NONE", "MODEL_PATH",
           "TYPE_OF_GOLD"]

MODEL_PATH = Path(__file__).parent / "data" / "decision_model.json"
NONE = "NONE"
# gold type names (PLOVER 0.5b1 and 2021) as the model's classes
TYPE_OF_GOLD = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT",
                "CONCEDE": "YIELD", "RETREAT": "YIELD"}
SHOWN_FEATURES = 6
BARE_STATEMENT = "010"  # a report that something was said: what was said is the event


def type_of_code(code: str, ontology: Ontology) -> str | None:
    """The model's class for a CAMEO code: its PLOVER type as the gold names it."""
    info = ontology.get(code)
    if info is None:
        return None
    if info.root == "01":
        return "STATEMENT"
    if info.root == "08":
        return "YIELD"
    if info.plover is None:
        return None
    return TYPE_OF_GOLD.get(info.plover, info.plover)


def _proposed_type(code: str) -> str:
    from .ontology import load_ontology

    return type_of_code(code, load_ontology()) or "none"


def _kind(arguments: Sequence) -> str:
    if not arguments:
        return "none"
    codes = [a.code for a in arguments]
    if any(c and not c.startswith("---") for c in codes):
        return "named"
    if any(c for c in codes):
        return "role"
    return "object" if all(a.basis == "object" for a in arguments) else "open"


def frame_features(frame: Frame) -> dict[str, float]:
    """The features of a frame, each worth 1: "lemma=arrest", "proposed_root=17", "tgt=named", ...
    (The parser's context vector of the predicate was tried as 96 more: cross-validated, it
    changed no score by more than 0.006 and cost a sixth of the coder's time.)"""
    return dict.fromkeys(_named_features(frame), 1.0)


def _named_features(frame: Frame) -> list[str]:
    features = [f"lemma={frame.lemma}", f"pos={frame.pos}", f"entry={frame.entry}",
                f"proposed={frame.proposed}", f"proposed_root={frame.proposed[:2]}",
                f"pattern={'yes' if frame.pattern else 'no'}",
                f"src={_kind(frame.sources)}", f"tgt={_kind(frame.targets)}",
                f"how={frame.how.split(':')[0] or 'none'}", f"how={frame.how or 'none'}",
                f"lemma+proposed={frame.lemma}|{frame.proposed}", f"proposed_type={_proposed_type(frame.proposed)}"]
    for side, arguments in (("src", frame.sources), ("tgt", frame.targets)):
        for argument in arguments[:2]:
            code = argument.code or ""
            if len(code) > 3:
                features.append(f"{side}_role={code[3:6]}")
            elif code.startswith(("IGO", "NGO")):
                features.append(f"{side}_role=IGO")
            head = argument.text.split()[-1].lower() if argument.text else ""
            if head and argument.basis in ("open", "object"):
                features.append(f"{side}_head={head}")
    for fact in frame.context:
        features.append(fact)
        features.append(f"{frame.lemma}|{fact}")
    features.extend(f"w={w}" for w in frame.words)
    return features


class DecisionModel:
    """A trained decision: class weights per feature, a bias per class, and each type's usual code."""

    def __init__(self, *, classes: list[str], bias: list[float], weights: dict[str, list[float]],
                 default_codes: dict[str, str], none_bias: float = 0.0, proposal_margin: float = 0.0,
                 unproposed_threshold: float = 0.0, provenance: dict | None = None):
        self.classes = classes
        self.proposal_margin = proposal_margin
        self.unproposed_threshold = unproposed_threshold
        # added to NONE's score: below zero, a frame needs less evidence to be an event
        self.bias = [b + (none_bias if c == NONE else 0.0) for b, c in zip(bias, classes)]
        self.weights = weights
        self.default_codes = default_codes
        self.provenance = provenance or {}
        # the weights as one matrix, a row a feature: scoring a frame is one gather and one sum
        self._row = {feature: k for k, feature in enumerate(weights)}
        self._matrix = np.array(list(weights.values()), dtype=np.float64).reshape(len(weights), len(classes))
        self._bias = np.array(self.bias, dtype=np.float64)

    @classmethod
    def from_dict(cls, data: dict) -> "DecisionModel":
        return cls(classes=data["classes"], bias=data["bias"], weights=data["weights"],
                   default_codes=data["default_codes"], proposal_margin=data.get("proposal_margin", 0.0),
                   unproposed_threshold=data.get("unproposed_threshold", 0.0),
                   provenance=data.get("provenance"))

    def _contributions(self, features: dict[str, float]) -> tuple[list[str], np.ndarray]:
        """The known features and their weighted rows (feature value times weights)."""
        known = [f for f in features if f in self._row]
        values = np.array([features[f] for f in known], dtype=np.float64)
        return known, self._matrix[[self._row[f] for f in known]] * values[:, None]

    def probabilities(self, features: dict[str, float]) -> list[float]:
        return self._softmax(self._contributions(features)[1])

    def _softmax(self, contributions: np.ndarray) -> list[float]:
        scores = self._bias + contributions.sum(axis=0)
        exp = np.exp(scores - scores.max())
        return (exp / exp.sum()).tolist()

    def decide(self, frame: Frame, ontology: Ontology) -> Decision:
        known, contributions = self._contributions(frame_features(frame))
        probabilities = self._softmax(contributions)
        # the patterns' type stands unless another is likelier by the model's proposal margin
        proposed = type_of_code(frame.proposed, ontology)
        allowed = range(len(self.classes))
        if frame.proposed[:2] in GOVERNING_ROOTS and any(f.startswith("complement=") for f in frame.context):
            # "called on X to respect", "threatened to cut": the construction is the type (CAMEO codes
            # the appeal, intent, demand, refusal or threat, refined by the act); the model says whether
            allowed = [k for k in allowed if self.classes[k] in (NONE, proposed)]
        best = max(allowed,
                   key=lambda k: probabilities[k] + (self.proposal_margin if self.classes[k] == proposed else 0.0))
        chosen = self.classes[best]
        column = contributions[:, best]
        weighed = [(known[k], float(column[k])) for k in np.argsort(-np.abs(column), kind="stable")[:SHOWN_FEATURES]]
        confidence = round(probabilities[best], 3)
        if chosen == NONE or (proposed is None and confidence < self.unproposed_threshold):
            # (a verb no pattern codes is an event only when the model is sure of its type)
            return Decision(None, None, Reason.NO_EVENT, confidence, weighed)
        code = self._code_for(frame.proposed, chosen, ontology)
        if code == BARE_STATEMENT:
            return Decision(None, None, Reason.NO_EVENT, confidence, weighed)
        info = ontology.get(code)
        return Decision(code, info.plover if info else None, Reason.CODED, confidence, weighed)


    def _code_for(self, proposed: str, chosen: str, ontology: Ontology) -> str:
        """The code of the chosen type: the patterns' own when it is of that type, or the proposal
        read as announced, refused or threatened ("will travel": 042 as an intent, 036), else the
        type's most frequent code in the training data."""
        if type_of_code(proposed, ontology) == chosen:
            return proposed
        for kind in SHIFTS:
            shifted = ontology.shift(kind, proposed)
            if shifted and type_of_code(shifted, ontology) == chosen:
                return shifted
        return self.default_codes[chosen]


SHIFTS = ("intent", "reject", "threat")
# appeal, intent, demand, reject, threaten: acts that govern another act
GOVERNING_ROOTS = {"02", "03", "10", "12", "13"}


@lru_cache(maxsize=4)
def _load(path: str) -> DecisionModel | None:
    file = Path(path)
    if not file.exists():
        return None
    # the weights are tens of thousands of small lists that all live on: the cyclic collector
    # would walk them, and the rest of a busy process's heap, again and again for nothing
    collecting = gc.isenabled()
    gc.disable()
    try:
        return DecisionModel.from_dict(json.loads(file.read_text(encoding="utf-8")))
    finally:
        if collecting:
            gc.enable()


def load_decision_model(path: str | Path | None = None) -> DecisionModel | None:
    """The decision model at `path` (default: the shipped one), loaded once; None when there is
    no such file (the coder then keeps the patterns' codes)."""
    return _load(str(path or MODEL_PATH))
