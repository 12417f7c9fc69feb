"""Where an event happened: the actors stage reads the places a sentence names (with their
gazetteer points), the events stage takes the one of the event's predicate. Real sentences from
examples/caucasus and the eval pages (shared/eval)."""
from __future__ import annotations

from datetime import datetime

import pytest

from dyadwatch import nlp
from dyadwatch.actors import load_dictionary, resolve_actors
from dyadwatch.events import code_events
from dyadwatch.records import Article, Place, content_id
from support import EXAMPLES


def analyse(text: str) -> tuple[list[Place], list]:
    article = Article(article_id=content_id(text), path="test", body=text, published=datetime(2025, 7, 4))
    parsed = nlp.parse_article(article)
    places: list[Place] = []
    mentions = resolve_actors(parsed, places=places)
    return places, code_events(parsed, mentions, places=places)


def located(text: str) -> set[tuple[str, str | None]]:
    return {(e.code, e.place) for e in analyse(text)[1]}


def test_the_actors_stage_gives_each_place_its_point_and_whether_it_is_told_as_a_location():
    places, _ = analyse("Armenian police detained dozens of demonstrators in Yerevan on April 18 as "
                        "protests continued over the election of former president Serzh Sargsyan.")
    yerevan = next(p for p in places if p.text == "Yerevan")
    assert (yerevan.name, yerevan.kind, yerevan.country, yerevan.locative) == ("Yerevan", "capital", "ARM", True)
    assert yerevan.lat == pytest.approx(40.18, abs=0.01) and yerevan.lon == pytest.approx(44.51, abs=0.01)
    # an adjective naming a country is no place
    assert not any(p.text == "Armenian" for p in places)


def test_a_town_phoenix_lists_as_a_name_of_its_country_keeps_its_own_point():
    places, _ = analyse("Armenian Prime Minister Nikol Pashinyan will travel to Moscow to take part in the "
                        "May 9 Victory Day celebrations.")
    moscow = next(p for p in places if p.text == "Moscow")
    assert (moscow.name, moscow.country, moscow.preposition) == ("Moscow", "RUS", "to")
    assert moscow.lat == pytest.approx(55.75, abs=0.01)


def test_an_event_takes_the_place_in_a_locative_phrase_of_its_predicate():
    text = ("Armenian police detained dozens of demonstrators in Yerevan on April 18 as protests continued "
            "over the election of former president Serzh Sargsyan.")
    events = analyse(text)[1]
    detained = next(e for e in events if e.code.startswith("17"))
    assert (detained.place, detained.place_country) == ("Yerevan", "ARM")
    assert detained.lat == pytest.approx(40.18, abs=0.01)


def test_a_country_in_a_locative_phrase_of_the_predicate_is_the_place():
    text = ("In what would appear to be a retaliatory show of force by Azerbaijan, groups of Russian nationals "
            "in Azerbaijan have been detained on accusations of drug trafficking and cybercrime.")
    assert ("173", "Azerbaijan") in located(text)


def test_a_country_named_as_a_side_is_not_the_place():
    text = "Azerbaijani lawmakers publicly accused Russia-linked groups of orchestrating cyberattacks."
    assert all(place is None for _, place in located(text))
    text = "Armenian officials are now openly advocating for blocking Russian television broadcasts into Armenia."
    assert all(place is None for _, place in located(text))


def test_a_destination_of_another_act_is_not_where_this_one_happened():
    text = ("On June 28, Azerbaijani officials summoned Russia's chargé d'affaires over the incident and the next "
            "day canceled a high-level parliamentary delegation visit to Moscow.")
    by_code = {e.code: e.place for e in analyse(text)[1]}
    assert by_code.get("114") is None  # summoned in Baku, not in Moscow


def test_a_region_and_the_border_of_a_country_from_the_gazetteer():
    places, _ = analyse("Azerbaijani forces shelled villages in Tavush near the border of Armenia.")
    by_text = {p.text: p for p in places}
    assert by_text["Tavush"].kind == "region" and by_text["Tavush"].locative
    assert by_text["Tavush"].lat == pytest.approx(40.88, abs=0.01)
    assert by_text["Armenia"].locative and by_text["Armenia"].preposition == "near"
    places, _ = analyse("Thousands of people rallied in Stepanakert on Saturday.")
    stepanakert = next(p for p in places if p.text == "Stepanakert")
    assert (stepanakert.country, stepanakert.kind, stepanakert.locative) == ("AZE", "town", True)


def test_the_examples_locate_their_visits(processed_db):
    import duckdb

    with duckdb.connect(str(processed_db), read_only=True) as db:
        rows = db.execute("SELECT code, place, place_country, lat, lon, evidence FROM events").fetchall()
    moscow = [r for r in rows if r[5].startswith("Armenian Prime Minister Nikol Pashinyan will travel to Moscow")]
    assert moscow and all(r[1:3] == ("Moscow", "RUS") and r[3] == pytest.approx(55.75, abs=0.01) for r in moscow)
    russia = [r for r in rows if r[5].startswith("Armenian Prime Minister Nikol Pashinyan has arrived in Russia")]
    assert russia and all(r[1] == "Russia" for r in russia)
    # every located event has a point; most events name no place
    assert all(r[3] is not None and r[4] is not None for r in rows if r[1])
    assert 0 < sum(1 for r in rows if r[1]) < len(rows)


def test_the_gazetteer_points_and_fips_codes_are_shipped():
    dictionary = load_dictionary()
    assert dictionary.countries["AZE"][:2] == ("Azerbaijan", "AJ")
    assert dictionary.countries["RUS"][1] == "RS"
    (entry,) = [e for e in dictionary.lookup("Stepanakert") if e.kind == "place"]
    assert entry.point == pytest.approx((39.8153, 46.7519))
