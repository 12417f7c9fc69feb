"""Property-based tests (hypothesis): arbitrary input never raises, and outputs keep
their invariants. Each stage gets text no test author would think of."""
from __future__ import annotations

import json
from datetime import date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.clean import NotAnArticle, clean_document
from dyadwatch.events import load_ontology
from dyadwatch.events.dates import resolve_date
from dyadwatch.ingest import decode_bytes, DecodeError
from dyadwatch.ingest.readers import read_jsonl_text
from dyadwatch.pipeline import analyse_text
from dyadwatch.records import Quarantined, RawDocument, content_id

# Words that make the stages work: actors, verbs, dates, negation, markup, furniture.
WORDS = ["Russia", "Armenia", "Azerbaijan's", "Lavrov", "Pashinyan", "the Kremlin", "Yerevan", "police",
         "met", "accused", "will", "not", "visit", "refused", "to", "arrested", "on", "June", "28", "2025",
         "Wednesday", "last", "week", "said", "that", "may", ",", ".", '"', "“", "—", "\n", "\n\n", "<u>", "**",
         "&amp;", "Share", "Latest news", "©", "By", "Original url:", "https://example.org/a", "12.Jan.2026"]
texts = st.one_of(st.text(max_size=400), st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join))
days = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)))
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(text=texts, kind=st.sampled_from(["text", "html"]))
def test_the_cleaner_never_raises_and_keeps_every_line_somewhere(text, kind):
    raw = RawDocument(doc_id=content_id(text), path="x", kind=kind, text=text)
    try:
        article = clean_document(raw)
    except NotAnArticle as exc:
        assert str(exc)
        return
    assert article.body.strip() and article.article_id == raw.doc_id
    assert all(isinstance(line, str) for line in article.removed)
    assert article.published is None or isinstance(article.published, datetime)


@FAST
@given(text=texts, published=days, near=st.one_of(st.none(), st.integers(0, 400)))
def test_the_date_resolver_never_raises_and_gives_iso_dates(text, published, near):
    when = resolve_date(text, published, near=near)
    if when.date is not None:
        date.fromisoformat(when.date)
        assert when.precision in ("day", "month", "year") and when.basis in ("explicit", "relative", "article")
    else:
        assert published is None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts.filter(lambda t: t.strip()), published=days)
def test_the_coder_keeps_its_invariants(text, published):
    result = analyse_text(text, published=published)
    ontology = load_ontology()
    body = result.article.body
    for mention in result.mentions:
        assert body[mention.char_start:mention.char_end] == mention.text
    for event in result.events:
        assert body[event.char_start:event.char_end] == event.evidence
        assert ontology.get(event.code) is not None and event.root == event.code[:2]
        assert event.modality in ("asserted", "alleged", "negated", "future", "hypothetical")
        assert 0.0 <= event.confidence <= 1.0 and -10 <= event.goldstein <= 10
    assert len({e.event_id for e in result.events}) == len(result.events)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=2000))
def test_decoding_either_decodes_or_says_why(data):
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as exc:
        assert str(exc)
    else:
        assert isinstance(text, str) and encoding


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(st.one_of(
    st.text(max_size=80),
    st.fixed_dictionaries({"id": st.one_of(st.text(max_size=8), st.integers(), st.none()),
                           "text": st.one_of(st.text(max_size=80), st.none(), st.integers())}).map(json.dumps),
    st.fixed_dictionaries({"id": st.text(min_size=1, max_size=8), "html": st.text(max_size=80)}).map(json.dumps)),
    max_size=12))
def test_the_jsonl_reader_gives_each_line_one_fate(lines):
    text = "\n".join(line.replace("\n", " ") for line in lines)
    results = list(read_jsonl_text(text, "dump.jsonl"))
    assert len(results) == sum(1 for line in text.split("\n") if line.strip())
    for item in results:
        assert isinstance(item, (RawDocument, Quarantined))
        if isinstance(item, Quarantined):
            assert item.reason and item.path.startswith("dump.jsonl")


@settings(max_examples=60, deadline=None)
@given(html=st.lists(st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<script>", "</script>", "<!--", "-->",
                                      "<html>", "<body>", "<a href='x'>", "</a>", "&amp;", "&#0;", "<![CDATA[",
                                      "Russia accused Armenia of violating the ceasefire on Monday.", "\x00",
                                      "<meta charset='koi8-r'>", "<table><tr><td>"]), max_size=80).map("".join))
def test_the_html_path_never_raises(html):
    raw = RawDocument(doc_id=content_id(html), path="page.html", kind="html", text=html)
    try:
        clean_document(raw)
    except NotAnArticle as exc:
        assert str(exc)
