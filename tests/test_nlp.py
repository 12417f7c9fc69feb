"""The nlp stage: one spaCy pass; sentences are exact, trimmed slices of the body."""
from __future__ import annotations

from dyadwatch.nlp import parse_article, parse_text
from dyadwatch.records import Article

BODY = ('Baku\'s State Prosecutor announced on July 1 that it had opened an investigation into the '
        '"torture and murder with extreme cruelty of citizens of the Republic of Azerbaijan."\n\n'
        'In what would appear to be a retaliatory show of force by Azerbaijan, groups of Russian nationals '
        'in Azerbaijan have been detained on accusations of drug trafficking.\n'
        'Latest news')


def test_sentences_are_exact_slices_and_paragraphs_end_them():
    parsed = parse_article(Article(article_id="x", path="-", body=BODY))
    texts = [s.text for s in parsed.sentences]
    assert texts[0].endswith('Azerbaijan."')
    assert texts[1].startswith("In what would appear")
    assert texts[-1] == "Latest news"
    for s in parsed.sentences:
        assert BODY[s.char_start:s.char_end] == s.text == s.text.strip()
    assert [s.index for s in parsed.sentences] == list(range(len(texts)))
    assert parsed.doc.text == BODY


def test_articles_come_back_in_input_order_and_parse_as_they_would_alone():
    from dyadwatch.nlp import parse_articles

    bodies = [BODY, "Russia protested.", BODY + "\n\nArmenia and Russia signed an accord on Tuesday.",
              "Azerbaijan detained Russian nationals.", "Latest news"]
    articles = [Article(article_id=str(i), path="-", body=body) for i, body in enumerate(bodies)]
    alone = [parse_article(article).doc for article in articles]
    for budget in (300, 100_000):  # several batches, then one batch of long and short together
        together = list(parse_articles(articles, batch_chars=budget))
        assert [p.article.article_id for p in together] == [a.article_id for a in articles]
        for parsed, doc in zip(together, alone):
            assert parsed.doc.text == doc.text
            assert [(t.tag_, t.dep_, t.head.i, t.ent_type_, t.lemma_) for t in parsed.doc] == \
                [(t.tag_, t.dep_, t.head.i, t.ent_type_, t.lemma_) for t in doc]


def test_a_wire_dateline_is_a_sentence_of_its_own_and_never_a_side():
    """Real ledes of the gold data: the place before the dash said where, not who acted."""
    from dyadwatch.pipeline import analyse_text

    body = ("ISLAMABAD -- Pakistani Prime Minister Yousaf Raza Gilani said on Monday that he has rejected a "
            "request from his British counterpart Gordon Brown.\n"
            "BELGRADE, Serbia - Dozens of Serbian high school students have staged a sit-down protest.\n"
            "Russia - Armenia relations have cooled.")
    parsed = parse_article(Article(article_id="d", path="-", body=body))
    texts = [s.text for s in parsed.sentences]
    assert texts[:2] == ["ISLAMABAD --", "Pakistani Prime Minister Yousaf Raza Gilani said on Monday that he has "
                                         "rejected a request from his British counterpart Gordon Brown."]
    assert "BELGRADE, Serbia -" in texts and "Dozens of Serbian high school students have staged a sit-down protest." in texts
    assert "Russia - Armenia relations have cooled." in texts  # a dash between two names is no dateline
    events = analyse_text(body).events
    assert events and not any("ISLAMABAD" in (e.source_text or "") or "BELGRADE" in (e.source_text or "")
                              for e in events)
    assert any(e.source_text and "Gilani" in e.source_text and e.root == "12" for e in events)


def test_lemmas_the_model_gets_wrong_are_fixed_from_data():
    """data/lemma_fixes.tsv: "hopes" is not "hop", so "hoped to meet" is an intent, not a meeting."""
    doc = parse_text("Georgia hoped to join NATO and is hoping for talks. The rabbit hops.")
    assert [(t.lower_, t.lemma_) for t in doc if t.lower_.startswith("hop")] == [
        ("hoped", "hope"), ("hoping", "hope"), ("hops", "hop")]
