"""How much a shared word says that two sentences report one happening: a fixed IDF table.

Stories link two reports whose sentences are alike (TF-IDF cosine). The inverse document
frequencies come from a shipped table rather than from the store, so the similarity of two
sentences never changes when other articles arrive: `process` can update the stored
stories for the new articles alone and get what a full rebuild gets.

The table (data/word_weights.tsv) is counted over the sentences of news text in
../shared/eval: the gold bodies of the extraction pages (MIT, Scrapinghub), the
CAMEO-coded sentences of events-dev (MIT, Open Event Data) and the news sentences of
pairs-dev (Hu et al., ACL 2024, snowood1/Zero-Shot-PLOVER). Political sentences matter:
without them "Russia" or "visit" would weigh like a rare name. Words seen in fewer than
MIN_DOCUMENTS sentences are left out; they, like words never seen, weigh the most.

    python -m dyadwatch.analysis.word_weights [--eval DIR]    (run by `make train`)
"""
from __future__ import annotations

import argparse
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from ..clean.tables import stopwords
from .tables import DATA_DIR, words

__all__ = ["WordWeights", "word_weights", "content_words", "build", "WEIGHTS_PATH"]

WEIGHTS_PATH = DATA_DIR / "word_weights.tsv"
MIN_DOCUMENTS = 2
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def content_words(text: str) -> list[str]:
    """The words of a sentence that can tell one happening from another (no function words,
    no numbers, nothing under three letters)."""
    stop = stopwords().get("en", frozenset())
    return [w for w in words(text) if len(w) > 2 and w not in stop and not w.isdigit()]


@dataclass(frozen=True, slots=True)
class WordWeights:
    idf: dict[str, float]
    unseen: float  # the weight of a word the table does not hold

    def vector(self, text: str) -> dict[str, float]:
        """The sentence as a unit-length TF-IDF vector."""
        counts = Counter(content_words(text))
        vec = {w: c * self.idf.get(w, self.unseen) for w, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {w: v / norm for w, v in vec.items()}


@lru_cache(maxsize=4)
def word_weights(path: str | Path | None = None) -> WordWeights:
    lines = Path(path or WEIGHTS_PATH).read_text(encoding="utf-8").splitlines()
    documents = next(int(line.split("=", 1)[1]) for line in lines if line.startswith("# documents="))
    idf = {}
    for line in lines:
        if line and not line.startswith("#"):
            word, df = line.split("\t")
            idf[word] = _idf(documents, int(df))
    return WordWeights(idf=idf, unseen=_idf(documents, 0))


def _idf(documents: int, df: int) -> float:
    return math.log((1 + documents) / (1 + df)) + 1


def _sentences(eval_dir: Path) -> Iterable[str]:
    for line in (eval_dir / "extraction-dev.jsonl").read_text(encoding="utf-8").splitlines():
        body = json.loads(line).get("gold_body") or ""
        yield from (s for s in _SENTENCE_END.split(body) if s.strip())
    for name in ("events-dev.jsonl", "pairs-dev.jsonl"):
        for line in (eval_dir / name).read_text(encoding="utf-8").splitlines():
            yield json.loads(line)["text"]


def build(eval_dir: Path, out: Path = WEIGHTS_PATH) -> int:
    """Count document frequencies over the news sentences of `eval_dir`; returns the words kept."""
    documents = 0
    df: Counter[str] = Counter()
    for sentence in _sentences(eval_dir):
        documents += 1
        df.update(set(content_words(sentence)))
    kept = sorted((w, n) for w, n in df.items() if n >= MIN_DOCUMENTS)
    header = ["# Sentence frequencies of words in news text, for the story similarity (analysis/word_weights.py).",
              "# Counted from ../shared/eval: extraction-dev gold bodies (MIT, (c) 2020 Scrapinghub,",
              "# scrapinghub/article-extraction-benchmark), events-dev sentences (MIT, Open Event Data) and",
              "# pairs-dev sentences (Hu et al., ACL 2024, snowood1/Zero-Shot-PLOVER, research data).",
              f"# documents={documents}", "# word\tsentences"]
    out.write_text("\n".join(header + [f"{w}\t{n}" for w, n in kept]) + "\n", encoding="utf-8")
    return len(kept)


if __name__ == "__main__":
    from ..gold import DEFAULT_EVAL_DIR

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL_DIR)
    args = parser.parse_args()
    print(f"{build(args.eval)} words → {WEIGHTS_PATH}")
