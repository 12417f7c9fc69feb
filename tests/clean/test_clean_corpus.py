"""The five real articles of examples/caucasus: exact metadata, bodies from first to last sentence."""
from datetime import datetime
from pathlib import Path

import pytest

from dyadwatch.clean import clean_document, find_repeated_lines
from dyadwatch.ingest import read_inputs

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "caucasus"


@pytest.fixture(scope="module")
def articles():
    raws = list(read_inputs([EXAMPLES]))
    repeated = find_repeated_lines(raws)
    return {Path(raw.path).name[:3]: clean_document(raw, repeated_lines=repeated) for raw in raws}


EXPECTED = {
    "000": dict(title="Pashinyan heads to Moscow as Aliyev snubs Victory Day celebrations", author="Zhanna Avagyan",
                published=None, outlet="CivilNet", url=None,
                first="Armenian Prime Minister Nikol Pashinyan will travel to Moscow",
                last="observers see Aliyev’s absence as a clear political signal."),
    "001": dict(title="Yerevan and Baku Now Have a Shared Enemy in Moscow", author="Nicholas Castillo",
                published=datetime(2025, 7, 4), outlet="The Moscow Times",
                url="https://www.themoscowtimes.com/2025/07/04/yerevan-and-baku-now-have-a-shared-enemy-in-moscow-a89687",
                first="Having spent much of the last 35 years in conflict",
                last="Time will tell the extent to which Moscow chooses to pursue either course of action."),
    "002": dict(title="Pashinyan Visits Russia for Environmental Forum Amid Tense Relations Between Yerevan and Moscow",
                author=None, published=datetime(2026, 1, 14), outlet=None, url=None,
                first="Armenian Prime Minister Nikol Pashinyan has arrived in Russia to attend an environmental forum",
                last="provided both sides maintain a pragmatic approach."),
    "003": dict(title="A visit of “strategic courtesy” Symbolism over substance in Yerevan–Moscow ties", author=None,
                published=datetime(2026, 2, 7, 17, 0), outlet="Caliber.Az", url=None,
                first="The slow-burning crisis in Armenian–Russian relations",
                last="create a favourable backdrop for the planned reset."),
    "004": dict(title="Pashinyan goes all-in against Putin", author=None, published=datetime(2026, 2, 17, 19, 40),
                outlet=None, url=None,
                first="Armenian-Russian relations have entered a phase of systemic dismantling",
                last="aimed at irreversibly destroying institutional and value-based ties with Russia."),
}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_metadata_and_body_edges(articles, key):
    article, expected = articles[key], EXPECTED[key]
    for field in ("title", "author", "published", "outlet", "url"):
        assert getattr(article, field) == expected[field], field
    assert article.language == "en"
    assert article.body.startswith(expected["first"])
    assert article.body.endswith(expected["last"])


FURNITURE = [
    "twitter", "night_theme", "WHAT ARE YOU LOOKING FOR", "Caliber.az ©", "A+", "Views:", "Share it on social media",
    "copy link", "Ссылка скопирована", "Follow us on Telegram", "Analytical materials", "loading",
    "Latest news", "10.Jan.2026", "Oreshnik", "14 Jan 2026", "Related article", "Sergei Bobylev / TASS",
    "The views expressed", "Original url", "https://", "appeared first on", "By Zhanna", "By Nicholas",
    "Think about it", "<u>", "**", "July 04, 2025", "February 17 2026",
]


def test_no_furniture_left_in_any_body(articles):
    for key, article in articles.items():
        for piece in FURNITURE:
            assert piece not in article.body, (key, piece)


def test_removed_lines_are_kept_in_order(articles):
    removed = articles["003"].removed
    assert removed[:3] == ["twitter", "youtube", "instagram"]
    assert removed.index("Views: 90") < removed.index("Follow us on Telegram")
    assert "Latest news“Muslim NATO”: Turkey’s New Strategic Vector" in articles["002"].removed
    assert articles["000"].removed == [
        "By Zhanna Avagyan",
        "The post Pashinyan heads to Moscow as Aliyev snubs Victory Day celebrations appeared first on CIVILNET.",
    ]


def test_hard_wrapped_lines_are_rejoined(articles):
    body = articles["002"].body
    assert "The official agenda of the trip is stated as participation in an “international forum on environmental policy" in body
    assert "\nenvironmental policy" not in body
    # A paragraph broken inside a sentence ("summoned Russia's" / blank / "chargé d'affaires") is one paragraph.
    assert "summoned Russia's chargé d'affaires over the incident" in articles["001"].body


def test_markup_is_stripped_and_paragraphs_are_blank_line_separated(articles):
    body = articles["001"].body
    assert "deaths of two Azerbaijani citizens in Russian police custody" in body
    assert len(body.split("\n\n")) >= 20
    assert "\n\n\n" not in body
