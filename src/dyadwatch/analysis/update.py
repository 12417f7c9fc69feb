"""Keeping the store's analyses up to date: what `process` runs at the end of every run,
and `dyadwatch stories --rebuild` runs over everything.

First the articles stored since the analyses last saw them are compared with every stored
article for near-duplicates (clean.duplicates: LSH band keys kept in the store, the estimated
Jaccard confirms), and the copy groups are made anew from every stored pair. Then the
articles to redo are those stored, removed or linked as copies since the last update (a run
killed before its update leaves them for the next one): their stories are clustered again
(analysis.stories) and their sentences framed (analysis.framing); then they are marked as
seen. Nothing else in the store is read again, so the cost follows what changed, not the
size of the store.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .framing import frame_sentences
from .stories import StoryOptions, update_stories

__all__ = ["AnalysisUpdate", "update_analyses", "link_copies"]


@dataclass(slots=True)
class AnalysisUpdate:
    articles: int  # articles redone
    stories: int  # stories written
    removed: int  # stored stories they replace
    sentences: int  # sentences framed


def update_analyses(store: Any, *, rebuild: bool = False, cues_path: str | None = None) -> AnalysisUpdate:
    new = store.article_ids() if rebuild else store.unanalysed_articles()
    if new:
        link_copies(store, new)
    changed = store.analysis_changes(rebuild=rebuild)
    if not changed:
        return AnalysisUpdate(articles=0, stories=0, removed=0, sentences=0)
    stories = update_stories(store, changed, rebuild=rebuild, options=StoryOptions(), cues_path=cues_path)
    sentences = frame_sentences(store, changed, rebuild=rebuild)
    sources, _ = store.story_article_labels(changed)
    store.mark_analysed(changed, sources, rebuild=rebuild)
    return AnalysisUpdate(articles=len(changed), stories=stories.stories, removed=stories.removed,
                          sentences=sentences)


def link_copies(store: Any, new: list[str]) -> None:
    """Compare the `new` articles with every stored one, keep the confirmed copy pairs, and link
    each copy to the earliest article of its group."""
    from ..clean.duplicates import canonical_links, confirmed_pairs, order_key  # datasketch: only when writing

    store.fill_signature_bands()  # a store written before the band keys: once
    store.replace_duplicate_pairs(new, confirmed_pairs(store.signature_candidates(new)))
    pairs, published = store.duplicate_pairs()
    store.set_duplicates(canonical_links(pairs, {i: order_key(i, day) for i, day in published.items()}))
