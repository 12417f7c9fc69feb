"""Near-duplicate articles: syndicated or re-scraped copies of one story.

A body becomes a MinHash signature over its word shingles; signatures that
agree on most positions belong to bodies that share most of their text. Copies
are linked to one canonical article (the earliest published), so later counts
see a story once per original, not once per copy. Two outlets' own reports of
the same event share names and phrases but few runs of several words, so they
stay apart: the story clustering of a later stage counts them.

Shingle size and threshold were chosen by measurement (bench/duplicates.py):
syndicated variants of 97 real articles (other furniture, another headline, a
paragraph dropped, typos, all of these at once) against every pair of different
articles, reports of the same event by two outlets, and articles quoting 40
words of another. Different articles never passed a Jaccard of 0.13 (5-word
shingles); edited copies fall to 0.4-0.7, so a bar of 0.8 would miss about one
copy in five. 5 words and 0.5 keep a wide margin on both sides.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

__all__ = ["body_signature", "link_near_duplicates", "band_shape", "confirmed_pairs", "canonical_links", "order_key",
           "shingles", "SHINGLE_WORDS", "SIGNATURE_PERMUTATIONS", "DEFAULT_THRESHOLD"]

SHINGLE_WORDS = 5
SIGNATURE_PERMUTATIONS = 128  # values in a stored signature
DEFAULT_THRESHOLD = 0.5
# Signatures are stored, so the hashing must never change under them: the
# permutation seed and scheme are fixed here rather than left to library defaults.
_SEED = 1
_SCHEME = "affine32"
# Chinese and Japanese are written without spaces: each ideograph or kana counts as
# a word there, so a shingle is a short run of characters; elsewhere a word is \w+.
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(f"[{_UNSPACED}]|[^\\W{_UNSPACED}]+")
# The LSH index only proposes candidates; each is confirmed by its estimated
# Jaccard. Proposing from a lower bar keeps pairs just above the threshold,
# which the banding alone would miss now and then.
_CANDIDATE_MARGIN = 0.15


def _words(body: str) -> list[str]:
    # NFKC folds typographic variants (ligatures, full-width forms); apostrophes and
    # dashes split words, so "Yerevan’s" and "Yerevan's" shingle alike.
    return _WORD.findall(unicodedata.normalize("NFKC", body).casefold())


def _text_words(body: str, size: int) -> list[str]:
    """The body's words, lines too short to hold a shingle left out: such lines are
    what furniture the cleaner missed looks like ("Share", "Latest news", "Photo: AFP"),
    and two short articles of one site must not link on their shared leftovers.
    A body made mostly of short lines (a list, a poem) keeps them all."""
    lines = [_words(line) for line in body.splitlines()]
    every = [word for line in lines for word in line]
    kept = [word for line in lines if len(line) >= size for word in line]
    return kept if 2 * len(kept) >= len(every) else every


def shingles(body: str, *, size: int = SHINGLE_WORDS) -> set[str]:
    """The set of `size`-word shingles of the normalised body (the whole body when shorter)."""
    words = _text_words(body, size)
    if not words:
        return set()
    if len(words) <= size:
        return {" ".join(words)}
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def body_signature(body: str, *, num_perm: int = SIGNATURE_PERMUTATIONS, shingle_words: int = SHINGLE_WORDS) -> list[int]:
    """MinHash values over the body's word shingles; [] for a body without words.

    Deterministic across processes and machines (SHA-1 based hashing, fixed seed
    and permutation scheme), so signatures can be stored and compared later.
    """
    grams = shingles(body, size=shingle_words)
    if not grams:
        return []
    sketch = MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME, permutations=_permutations(num_perm))
    sketch.update_batch([gram.encode("utf-8") for gram in grams])
    return sketch.hashvalues.tolist()


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> np.ndarray:
    # Drawn from the fixed seed: the same for every sketch, so made once.
    return MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME).permutations


def order_key(article_id: str, published: datetime | None) -> tuple:
    """Earliest published first, undated last, ties by id: the canonical article comes first."""
    if published is None:
        return (1, datetime.min, article_id)
    if published.tzinfo is not None:
        published = published.astimezone(timezone.utc).replace(tzinfo=None)
    return (0, published, article_id)


def link_near_duplicates(items: Iterable[tuple[str, datetime | None, Sequence[int]]], *,
                         threshold: float = DEFAULT_THRESHOLD) -> dict[str, str]:
    """{article_id: canonical_article_id} for every article that near-duplicates another.

    items are (article_id, published, signature) with signatures from
    `body_signature` (one num_perm for all). Two articles are linked when their
    estimated Jaccard similarity is at least `threshold`; links are transitive.
    The canonical article of a cluster is the earliest published (undated last,
    ties by id), so the answer does not depend on the order of the items.
    Articles with an empty signature (no words) are never linked.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    keys: dict[str, tuple] = {}
    values: dict[str, np.ndarray] = {}
    for article_id, published, signature in items:
        if article_id in keys:
            raise ValueError(f"article {article_id!r} given twice")
        keys[article_id] = order_key(article_id, published)
        if len(signature):
            values[article_id] = np.asarray(signature, dtype=np.uint64)
    if len(values) < 2:
        return {}
    num_perm = {len(v) for v in values.values()}
    if len(num_perm) > 1:
        raise ValueError(f"signatures of different lengths: {sorted(num_perm)}")
    (num_perm,) = num_perm

    index = MinHashLSH(threshold=max(0.05, threshold - _CANDIDATE_MARGIN), num_perm=num_perm)
    ids = sorted(values)
    # the permutations are passed although only the hash values are compared: MinHash
    # draws them anew otherwise, twice an article
    permutations = _permutations(num_perm)
    sketches = {article_id: MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME, hashvalues=values[article_id],
                                    permutations=permutations) for article_id in ids}
    for article_id in ids:
        index.insert(article_id, sketches[article_id])

    pairs = []
    for article_id in ids:
        for other in index.query(sketches[article_id]):
            if other > article_id and float(np.mean(values[article_id] == values[other])) >= threshold:
                pairs.append((article_id, other))
    return canonical_links(pairs, keys)


@lru_cache(maxsize=4)
def band_shape(num_perm: int, *, threshold: float = DEFAULT_THRESHOLD) -> tuple[int, int]:
    """(bands, rows per band) of the LSH index `link_near_duplicates` builds: a store finds
    candidate copies by the same banding in SQL (two signatures that agree on a whole band)."""
    from datasketch.lsh import _optimal_param

    return _optimal_param(max(0.05, threshold - _CANDIDATE_MARGIN), num_perm, 0.5, 0.5)


def confirmed_pairs(candidates: Iterable[tuple[str, str, Sequence[int], Sequence[int]]], *,
                    threshold: float = DEFAULT_THRESHOLD) -> list[tuple[str, str]]:
    """The candidate pairs (id, id, signature, signature) whose estimated Jaccard reaches `threshold`."""
    return sorted((min(a, b), max(a, b)) for a, b, sa, sb in candidates
                  if len(sa) and len(sa) == len(sb)
                  and float(np.mean(np.asarray(sa, np.uint64) == np.asarray(sb, np.uint64))) >= threshold)


def canonical_links(pairs: Iterable[tuple[str, str]], keys: dict[str, tuple]) -> dict[str, str]:
    """{copy: canonical} over the groups the linked pairs make: the canonical article of a group is
    the first by `keys` (article id → order key; see `order_key`)."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    clusters: dict[str, list[str]] = {}
    for article_id in sorted(parent):
        clusters.setdefault(root(article_id), []).append(article_id)
    links: dict[str, str] = {}
    for members in clusters.values():
        canonical = min(members, key=keys.__getitem__)
        links.update({member: canonical for member in members if member != canonical})
    return links
