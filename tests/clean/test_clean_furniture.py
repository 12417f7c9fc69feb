"""Each kind of furniture, from real lines of the example pages, around real article text."""
import pytest

from dyadwatch.clean import NotAnArticle, clean_document, find_repeated_lines
from dyadwatch.records import RawDocument, content_id

PROSE = [
    "Armenian Prime Minister Nikol Pashinyan will travel to Moscow to take part in the May 9 Victory Day "
    "celebrations, underscoring what he described as Armenia’s balanced foreign policy.",
    "Speaking in parliament on Wednesday, Pashinyan defended his upcoming Moscow visit against criticism "
    "that it could undermine Armenia’s growing ties with the West.",
    "Despite these tensions, Pashinyan stressed that cooperation with Russia remains part of Armenia’s "
    "foreign policy agenda.",
]


def raw(text: str, **extra) -> RawDocument:
    return RawDocument(doc_id=content_id(text), path="test.txt", kind="text", text=text, **extra)


def clean_around(furniture: str, *, where: str):
    lines = ([furniture] + PROSE) if where == "head" else (PROSE[:2] + [furniture] + PROSE[2:]) if where == "middle" \
        else (PROSE + [furniture])
    return clean_document(raw("\n\n".join(lines)))


@pytest.mark.parametrize("line,where", [
    ("twitter", "head"), ("telegram", "tail"), ("apple store", "head"), ("night_theme", "head"),
    ("WHAT ARE YOU LOOKING FOR ?", "head"), ("A+", "head"),
    ("Any use of materials is allowed only if there is a hyperlink to Caliber.az", "head"),
    ("Caliber.az © 2026. .", "head"), ("Views: 90", "tail"),
    ("share-lineLiked the story? Share it on social media!", "tail"), ("copy link", "tail"),
    ("Ссылка скопирована", "tail"), ("Follow us on Telegram", "tail"), ("loading", "tail"),
    ("Related article: Armenia Is Breaking Up With Russia – And Putin Can't Stop It", "middle"),
    ("Related article: <u>From Plane Crash to Deadly Arrests</u>: <u>What's Behind the Russia-Azerbaijan</u>", "middle"),
    ("Azerbaijani President Ilham Aliyev, Russian President Vladimir Putin, and Armenian President Nikol Pashinyan "
     "(left to right). **Sergei Bobylev / TASS**", "head"),
    ("The views expressed in opinion pieces do not necessarily reflect the position of The Moscow Times.", "tail"),
    ("Original url:", "tail"),
    ("https://www.themoscowtimes.com/2025/07/04/yerevan-and-baku-now-have-a-shared-enemy-in-moscow-a89687", "tail"),
    ("The post Pashinyan heads to Moscow as Aliyev snubs Victory Day celebrations appeared first on CIVILNET.", "tail"),
    ("Think about it…", "tail"),
])
def test_furniture_is_removed_and_kept_in_removed(line, where):
    article = clean_around(line, where=where)
    assert article.body == "\n\n".join(PROSE)
    assert line in article.removed


def test_latest_news_list_with_dates_is_removed_and_its_dates_ignored():
    listing = [
        "Latest news“Muslim NATO”: Turkey’s New Strategic Vector", "10.Jan.2026",
        "The Use of the “Oreshnik” Missile and a New Phase of Escalation Around Ukraine", "09.Jan.2026",
        "Solidarity Deferred: Croatia and Romania’s Dangerous Retreat", "08.Jan.2026",
    ]
    article = clean_document(raw("\n".join(PROSE + listing)))
    assert article.body == "\n\n".join(PROSE)
    assert article.removed == listing
    assert article.published is None  # a date from a list of other stories is not the article's


def test_leftover_markup_and_entities_are_stripped():
    text = "\n\n".join(["Baku’s State Prosecutor <u>announced</u> on July 1 that it had opened an **investigation** "
                       "into what a statement described as &quot;torture&quot; &amp; murder."] + PROSE)
    body = clean_document(raw(text)).body
    assert body.startswith("Baku’s State Prosecutor announced on July 1 that it had opened an investigation "
                           "into what a statement described as \"torture\" & murder.")


def test_lines_repeated_across_a_batch_are_furniture():
    footer = "Subscribe to our weekly digest of Caucasus politics"
    sidebar = "Editors choose Caucasus daily"
    raws = [raw("\n\n".join([sidebar, PROSE[i % 3], PROSE[(i + 1) % 3], footer]) + f"\n\nStory number {i}.")
            for i in range(3)]
    repeated = find_repeated_lines(raws)
    article = clean_document(raws[0], repeated_lines=repeated)
    assert sidebar not in article.body and sidebar in article.removed
    # Syndicated sentences shared by two documents are never taken for furniture.
    assert PROSE[0] in article.body


def test_nothing_but_furniture_is_not_an_article():
    with pytest.raises(NotAnArticle, match="no article text"):
        clean_document(raw("twitter\nfacebook\nViews: 90\nFollow us on Telegram\n"))
