"""extract_record (the `dyadwatch extract --jsonl` contract), HTML pages, and outlet names."""
from datetime import datetime
from pathlib import Path

from dyadwatch.clean import clean_document, extract_record, load_outlet_table
from dyadwatch.records import RawDocument, content_id

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "caucasus"
KEYS = {"id", "title", "author", "published", "outlet", "url", "language", "body", "removed"}

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Pashinyan goes all-in against Putin | Example News</title></head><body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/world">World</a></nav>
<article><h1>Pashinyan goes all-in against Putin</h1>
<p class="byline">By Anna Petrosyan</p><time datetime="2026-02-17T19:40:00">February 17 2026, 19:40</time>
<p>Armenian-Russian relations have entered a phase of systemic dismantling of the old strategic partnership,
marked by Yerevan’s sharp turn toward open confrontation.</p>
<p>The recent failed visit of Armenian National Assembly Speaker Alen Simonyan to Russia became an important
signal of this transformation, as Moscow used the visit to display its attitude toward Armenia’s authorities.</p>
<p>Related article: Armenia Is Breaking Up With Russia</p>
<p>Thus, we are witnessing the finalization of dismantling the regional security architecture through open
confrontation with Russia.</p></article>
<footer><p>© 2026 Example News. All rights reserved.</p><a href="/privacy">Privacy Policy</a></footer>
</body></html>"""


def test_text_record_gives_every_field():
    text = (EXAMPLES / "004_baccdb6574d61fde.txt").read_text(encoding="utf-8")
    out = extract_record({"id": "r1", "text": text})
    assert set(out) == KEYS
    assert out["id"] == "r1"
    assert out["title"] == "Pashinyan goes all-in against Putin"
    assert out["published"] == "2026-02-17T19:40:00"
    assert out["language"] == "en"
    assert out["removed"] == ["Pashinyan goes all-in against Putin", "February 17 2026, 19:40", "Think about it…"]


def test_given_url_and_date_win_and_name_the_outlet():
    text = (EXAMPLES / "004_baccdb6574d61fde.txt").read_text(encoding="utf-8")
    out = extract_record({"id": 5, "text": text, "url": "https://www.civilnet.am/news/1", "date": "2026-02-18"})
    assert out["url"] == "https://www.civilnet.am/news/1"
    assert out["outlet"] == "CivilNet"
    assert out["published"] == "2026-02-18T00:00:00"


def test_html_record():
    out = extract_record({"id": "h", "html": PAGE, "url": "https://www.themoscowtimes.com/2026/02/17/x"})
    assert set(out) == KEYS
    assert out["title"] == "Pashinyan goes all-in against Putin"
    assert out["outlet"] == "The Moscow Times"
    assert out["published"].startswith("2026-02-17")
    assert out["body"].startswith("Armenian-Russian relations have entered a phase")
    assert out["body"].endswith("open confrontation with Russia.")
    assert "Related article" not in out["body"] and "Privacy Policy" not in out["body"]
    assert "Privacy Policy" in out["removed"]
    assert "\n\n" in out["body"]


def test_bad_records_give_an_error():
    assert extract_record({"id": 1})["error"]
    assert extract_record({"id": 2, "text": "twitter\nfacebook"}) == {"id": 2, "error": "no article text left after cleaning"}


def test_users_extend_the_outlet_table(tmp_path):
    extra = tmp_path / "my_outlets.tsv"
    extra.write_text("# domain\tname\taliases\nexample-news.org\tExample News\tEXNEWS\n", encoding="utf-8")
    table = load_outlet_table(extra)
    assert table.name_for_url("https://www.example-news.org/a/1") == "Example News"
    assert table.normalise("EXNEWS") == "Example News"
    assert table.name_for_url("https://civilnet.am/x") == "CivilNet"  # shipped rows stay
    assert table.name_for_url("https://unknown-site.io/a") == "unknown-site.io"
    text = (EXAMPLES / "003_e65edd7e38db7478.txt").read_text(encoding="utf-8")
    doc = RawDocument(doc_id=content_id(text), path="x.txt", kind="text", text=text,
                      url="https://example-news.org/story")
    article = clean_document(doc, outlets=table)
    assert article.outlet == "Caliber.Az"  # the page's own copyright line names it
    assert article.published == datetime(2026, 2, 7, 17, 0)
