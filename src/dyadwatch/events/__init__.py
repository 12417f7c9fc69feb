"""The events stage: who did what to whom, when, and how sure.

    load_ontology()            the CAMEO code table (names, Goldstein, quad class, PLOVER)
    load_patterns(extra=...)   the verb and noun patterns (shipped files + user files)
    user_pattern_files()       the user's pattern file in the working directory (dyadwatch-patterns.tsv)
    code_events(parsed, mentions)   Event records for one parsed article, in three passes:
                               triggers + frames (triggers.py, frames.py) -> a learned decision per
                               frame (decisions.py, numbered reasons in reasons.py) -> CAMEO's
                               conventions, modality and date (conventions.py)
    evaluate_events(path)      scores against gold JSONL (PLOVER, CAMEO or pairs format)
    explain_text(text)         the parse, actors, frames and why each was or was not coded
    python -m dyadwatch.events.training   trains the decision model (`make train`)

The stages are wired together in `dyadwatch.pipeline.Analyser`; the functions here take
them as parameters, so that this package never imports the pipeline above it.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

from .ontology import CameoCode, Ontology, load_ontology

# The coder's parts are imported when first asked for: the code table alone (a briefing,
# the dashboard) should cost neither the NLP libraries' import nor the coder's word tables.
_CODING = {"code_events": ".coder", "evaluate_events": ".evaluate", "EventScores": ".evaluate",
           "explain_text": ".explain", "resolve_date": ".dates", "modality_of": ".modality",
           "PatternSet": ".patterns", "load_patterns": ".patterns", "user_pattern_files": ".patterns"}


def __getattr__(name: str) -> Any:
    if name in _CODING:
        return getattr(import_module(_CODING[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["load_ontology", "load_patterns", "code_events", "evaluate_events", "EventScores", "explain_text",
           "Ontology", "CameoCode", "PatternSet", "resolve_date", "modality_of", "user_pattern_files"]
