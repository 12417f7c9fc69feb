"""The nlp stage: one spaCy pass; sentences are exact, trimmed slices of the body."""
from __future__ import annotations

from dyadwatch.nlp import parse_article
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
