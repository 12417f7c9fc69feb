"""The loader: shipped tables and a user's file through the same code; dated codes."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from dyadwatch.actors import load_dictionary, resolve_actors, user_actor_files
from dyadwatch.actors.dictionary import ActorDictionary, name_keys, split_code
from dyadwatch.nlp import parse_article
from dyadwatch.records import Article


def test_shipped_tables_cover_the_known_gaps():
    d = load_dictionary()
    assert d.lookup("Nikol Pashinyan")[0].code_on(date(2025, 1, 1)) == "ARMGOV"
    assert d.lookup("CSTO")[0].code_on(None).startswith("IGO")
    assert d.lookup("Eurasian Economic Union")[0].code_on(None).startswith("IGO")
    assert d.lookup("International Criminal Court")[0].code_on(None).startswith("IGO")
    assert d.lookup("RIA Novosti")[0].code_on(None) == "RUSMED"
    assert d.lookup("Ilham Aliyev")[0].code_on(date(2002, 6, 1)) != "AZEGOV"


def test_office_dates_are_honoured():
    d = load_dictionary()
    lammy = d.lookup("Jeyhun Bayramov")[0]
    assert lammy.code_on(date(2019, 1, 1)) == "AZE"  # before office: the country only
    assert lammy.code_on(date(2021, 1, 1)) == "AZEGOV"
    assert d.lookup("Irakli Kobakhidze")[0].code_on(date(2025, 1, 1)) == "GEOGOV"


def test_user_file_extends_and_corrects(tmp_path):
    user = tmp_path / "dyadwatch-actors.tsv"
    user.write_text(
        "# my corrections\n"
        "ZANGEZUR_WATCH\tmedia\tARMMED\t\t\tZangezur Watch\n"
        "SERGEY_LAVROV\tperson\tRUSELI\t2030-01-01\t\tSergey Lavrov\n",
        encoding="utf-8")
    assert user_actor_files(tmp_path) == [user]
    d = load_dictionary(extra=[user])
    assert d is not load_dictionary()
    assert d.lookup("Zangezur Watch")[0].code_on(None) == "ARMMED"
    # the user's rows replace the shipped codes of the same actor
    assert d.lookup("Sergey Lavrov")[0].code_on(date(2025, 1, 1)) == "RUS"
    text = "Zangezur Watch reported that Lavrov left."
    parsed = parse_article(Article(article_id="u", path="u", body=text, published=datetime(2025, 1, 1)))
    assert [m.code for m in resolve_actors(parsed, dictionary=d)][0] == "ARMMED"


def test_bad_rows_are_reported_with_their_line(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("X\tperson\tARMGOV\t2020-13-01\t\tSomebody\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.tsv:1"):
        ActorDictionary().load_file(bad)


def test_names_and_codes_are_normalised():
    assert name_keys("Mazar-i-Sharif") == ("mazar", "i", "sharif")
    assert name_keys("U.S. State Department") == ("us", "state", "department")
    assert name_keys("Armenia’s") == ("armenia", "'s")
    assert split_code("ARMGOV") == ("ARM", "GOV")
    assert split_code("IGOEURCSTO") == (None, None)
    assert split_code("IGOUNOJUDICJ") == (None, "JUD")
    assert split_code("---COP") == (None, "COP")


def test_a_head_of_states_surname_alone_resolves_as_the_news_of_the_day_uses_it():
    # "Aliyev demanded an apology from Moscow": after the first mention, news names him by surname
    article = Article(article_id="aliyev", path="test", body="Aliyev demanded an apology from Moscow.",
                      published=datetime(2024, 12, 29))
    mentions = resolve_actors(parse_article(article), dictionary=load_dictionary())
    assert [(m.text, m.code) for m in mentions] == [("Aliyev", "AZEGOV"), ("Moscow", "RUSGOV")]
