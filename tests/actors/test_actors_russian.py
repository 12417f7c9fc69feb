"""Russian text: natasha's parse behind the same records, and the same actor ids in Russian.

The sentences are real news, from factRuEval-2016's devset (../shared/eval/factru-dev.jsonl)."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from dyadwatch.actors import load_dictionary, resolve_actors
from dyadwatch.nlp import parse_articles, parse_russian
from dyadwatch.records import Article

from support import run_cli

FACTRU = Path(__file__).parents[3] / "shared" / "eval" / "factru-dev.jsonl"


def mentions(text: str, *, published: str = "2010-01-11", extra=()) -> list[tuple[str, str, str | None]]:
    article = Article(article_id="t", path="-", body=text, language="ru", published=datetime.fromisoformat(published))
    parsed = next(parse_articles([article]))
    return [(m.text, m.code, m.actor_id) for m in resolve_actors(parsed, dictionary=load_dictionary(extra=extra))]


def test_a_russian_parse_is_a_doc_over_the_very_text_with_ud_relations():
    text = "  Барак Обама принимает в Белом доме своего французского коллегу Николя Саркози.\n\nОбама выступал."
    doc = parse_russian(text)
    assert doc.text == text  # offsets are the body's own
    relations = {t.text: (t.dep_, t.head.text) for t in doc if not t.is_space and t.sent.start == 0}
    assert relations["принимает"][0] == "ROOT" and relations["Барак"] == ("nsubj", "принимает")
    assert relations["доме"] == ("obl", "принимает") and relations["в"] == ("case", "доме")
    assert [(e.text, e.label_) for e in doc.ents][:1] == [("Барак Обама", "PERSON")]
    assert len(list(doc.sents)) == 2
    assert next(t for t in doc if t.text == "доме").lemma_ == "дом"


def test_every_case_form_of_a_country_resolves_to_it():
    found = mentions("Динамика хозяйственных отношений в 2010 году между Украиной и Казахстаном позволила "
                     "аналитикам заявлять о том, что страны строят отношения. Украина и Турция создали "
                     "Стратегический совет.")
    assert [(text, code) for text, code, _ in found] == [
        ("Украиной", "UKR"), ("Казахстаном", "KAZ"), ("Украина", "UKR"), ("Турция", "TUR")]


def test_a_title_with_its_country_in_the_genitive_and_the_holders_name_is_one_actor_on_that_day():
    found = mentions("Во вторник премьер-министр Турции Реджеп Тайип Эрдоган, в ходе визита в Украину "
                     "договорился с президентом Виктором Януковичем о начале нового этапа сотрудничества.")
    assert found[0] == ("премьер-министр Турции Реджеп Тайип Эрдоган", "TURGOV", "RECEP_TAYYIP_ERDOGAN")
    assert ("Украину", "UKR", "UKRAINE") in found


def test_a_country_adjective_before_a_role_gives_the_role_its_country():
    found = mentions("Барак Обама принимает в Белом доме своего французского коллегу Николя Саркози, "
                     "заявил российский президент.")
    assert ("российский президент", "RUSGOV", None) in found


def test_a_users_table_may_give_russian_names_to_an_actor_with_its_dated_codes(tmp_path):
    table = tmp_path / "mine.tsv"
    table.write_text("NIKOL_PASHINYAN\tperson\t\t\t\tНикол Пашинян|Пашинян\n", encoding="utf-8")
    # the English table's dates decide: an opposition MP in 2016, the prime minister in 2020
    def code_of_pashinyan(published):
        return next(code for text, code, _ in mentions("Журналисты спросили Пашиняна о выборах.", published=published,
                                                       extra=[table]) if text == "Пашиняна")
    assert code_of_pashinyan("2016-05-01") == "ARMOPP"
    assert code_of_pashinyan("2020-05-01") == "ARMGOV"


@pytest.mark.skipif(not FACTRU.exists(), reason="needs ../shared/eval")
def test_eval_actors_scores_named_entities_of_russian_news(tmp_path):
    lines = FACTRU.read_text(encoding="utf-8").splitlines()[:12]
    gold = tmp_path / "factru-slice.jsonl"
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("eval", "actors", str(gold), "-f", "json")
    row = json.JSONDecoder().raw_decode(result.stdout.strip())[0][0]  # the first table: the totals
    assert row["records"] == 12
    assert row["recall"] >= 0.8 and row["precision"] >= 0.75
    assert 0 < row["coded"] < row["gold"]


def test_one_who_speaks_for_a_body_is_of_the_body_and_a_ministers_country_may_follow_his_portfolio():
    found = mentions("Об этом сообщил официальный представитель Следственного комитета при прокуратуре Владимир Маркин. "
                     "Министр финансов РФ Алексей Кудрин сообщил, что правительство одобрило проект постановления.")
    codes = {text: code for text, code, _ in found}
    assert codes["официальный представитель Следственного комитета"] == "RUSJUD"
    assert codes["Министр финансов РФ"] == "RUSGOV"


def test_bare_cyrillic_text_is_read_as_russian():
    from dyadwatch.clean import detect_language

    assert detect_language("Министр финансов РФ Алексей Кудрин.") == "ru"
    assert detect_language("Лавров, Мирзоян") == "ru"
    assert detect_language("Lavrov met Mirzoyan") is None


def test_a_common_word_that_is_a_form_of_a_name_is_no_actor():
    # from a cookery page: "того" is no Togo, "чили" no Chile, "после" (after) no ambassador
    found = mentions("После того, как перец чили обжарят, добавляют армянские специи.")
    assert [(text, code) for text, code, _ in found] == [("армянские", "ARM")]
