"""Keeping the store's analyses up to date: what `process` runs at the end of every run,
and `dyadwatch stories --rebuild` runs over everything.

The articles to redo are those stored, removed or linked as copies since the analyses
last saw them (a run killed before its update leaves them for the next one). For them:
stories are clustered again (analysis.stories) and their sentences framed
(analysis.framing); then they are marked as seen. Nothing else in the store is read
again, so the cost follows what changed, not the size of the store.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .framing import frame_sentences
from .stories import StoryOptions, update_stories

__all__ = ["AnalysisUpdate", "update_analyses"]


@dataclass(slots=True)
class AnalysisUpdate:
    articles: int  # articles redone
    stories: int  # stories written
    removed: int  # stored stories they replace
    sentences: int  # sentences framed


def update_analyses(store: Any, *, rebuild: bool = False, cues_path: str | None = None) -> AnalysisUpdate:
    changed = store.analysis_changes(rebuild=rebuild)
    if not changed:
        return AnalysisUpdate(articles=0, stories=0, removed=0, sentences=0)
    stories = update_stories(store, changed, rebuild=rebuild, options=StoryOptions(), cues_path=cues_path)
    sentences = frame_sentences(store, changed, rebuild=rebuild)
    sources, _ = store.story_article_labels(changed)
    store.mark_analysed(changed, sources, rebuild=rebuild)
    return AnalysisUpdate(articles=len(changed), stories=stories.stories, removed=stories.removed,
                          sentences=sentences)
