"""Pronouns linked to the one person named just before them, and only then."""
from __future__ import annotations

from datetime import datetime

from dyadwatch.actors import resolve_actors
from dyadwatch.nlp import parse_article
from dyadwatch.records import Article, content_id


def mentions(text: str, day: str = "2025-07-04"):
    article = Article(article_id=content_id(text), path="test", body=text, published=datetime.fromisoformat(day))
    return resolve_actors(parse_article(article))


def test_he_and_his_stand_for_the_one_person_named_before():
    found = mentions("Russian Foreign Minister Sergey Lavrov arrived in Baku on Monday. "
                     "He said his government would not interfere.")
    he = next(m for m in found if m.text == "He")
    assert (he.code, he.actor_id, he.basis) == ("RUSGOV", "SERGEY_LAVROV", "coreference")
    his = next(m for m in found if m.text == "his")
    assert his.actor_id == "SERGEY_LAVROV"
    assert next(m for m in found if m.text == "government").code == "RUSGOV"  # "his government"


def test_a_pronoun_after_two_persons_is_left_alone():
    found = mentions("Pashinyan met Aliyev in Abu Dhabi. He said the talks went well.")
    assert not any(m.text == "He" for m in found)


def test_a_person_the_dictionary_does_not_know_makes_it_ambiguous_too():
    found = mentions("Speaker Alen Simonyan met John Kerry in Yerevan. He said the visit was useful.")
    assert not any(m.text == "He" for m in found)


def test_the_antecedent_must_be_within_two_sentences():
    found = mentions("Speaker Alen Simonyan criticised the Kremlin. The ministry did not reply. "
                     "Shops were closed. Traffic was light. He later added that talks would resume.")
    assert not any(m.text == "He" for m in found)
    found = mentions("Speaker Alen Simonyan criticised the Kremlin. In an interview, he added "
                     "that his party would respond.")
    he = next(m for m in found if m.text == "he")
    assert he.code == "ARMLEG" and he.actor_id == "ALEN_SIMONYAN"
