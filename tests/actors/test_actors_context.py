"""Names whose actor depends on the words around them: a document named after a city, a town
two countries share, a diplomat of a country, a group whose name holds a common word."""
from __future__ import annotations

from dyadwatch.actors import resolve_actors
from dyadwatch.nlp import parse_article
from dyadwatch.records import Article, content_id


def codes(text: str) -> dict[str, str]:
    article = Article(article_id=content_id(text), path="test", body=text)
    return {m.text: m.code for m in resolve_actors(parse_article(article))}


def test_a_document_named_after_a_city_is_not_its_government():
    found = codes("Yerevan ratified the Rome Statute of the International Criminal Court.")
    assert "Rome" not in found and found["International Criminal Court"] == "IGOJUDICC"
    assert codes("Officials in Rome said the talks failed.")["Rome"] == "ITA"


def test_a_town_two_countries_share_follows_the_country_the_sentence_names():
    assert codes("Shells kept crashing into Tripoli, the north Lebanese port.")["Tripoli"] == "LBN"
    assert codes("Libyan forces advanced on Tripoli.")["Tripoli"].startswith("LBY")


def test_a_countrys_charge_d_affaires_is_its_government():
    assert codes("Azerbaijani officials summoned Russia's chargé d'affaires.")["Russia's chargé d'affaires"] == "RUSGOV"


def test_islamic_state_is_the_armed_group():
    assert codes("The United States struck an Islamic State target.")["Islamic State"] == "IMGREL"


def test_a_name_two_organisations_share_follows_the_country_the_article_names():
    # "Peoples Liberation Army" is China's army in the Phoenix tables and an alias of the Irish
    # National Liberation Army in their non-state table, which is loaded later
    assert codes("President Xi Jinping of China inspected the Peoples Liberation Army.")["Peoples Liberation Army"] == "CHNMIL"
    assert codes("The Irish National Liberation Army attacked a police station.")["Irish National Liberation Army"] == "WEUREB"


def test_a_role_whose_possessor_is_a_pronoun_takes_no_country_from_where_it_is():
    # "its ambassador from Moscow" is Armenia's ambassador, recalled from where he serves
    from datetime import datetime

    from dyadwatch.actors import load_dictionary, resolve_actors
    from dyadwatch.nlp import parse_article
    from dyadwatch.records import Article

    body = "Armenia recalled its ambassador from Moscow for consultations."
    mentions = resolve_actors(parse_article(Article(article_id="recall", path="test", body=body,
                                                    published=datetime(2024, 5, 1))),
                              dictionary=load_dictionary())
    ambassador = next(m for m in mentions if m.text == "ambassador")
    assert ambassador.country != "RUS"
    # a place phrase still gives a role with no possessor its country
    mentions = resolve_actors(parse_article(Article(article_id="rebels", path="test",
                                                    body="Rebels in Ivory Coast attacked a convoy.")),
                              dictionary=load_dictionary())
    assert next(m for m in mentions if m.text.lower().startswith("rebels")).country == "CIV"
