"""Framing by outlet and actor on the processed examples."""
from __future__ import annotations

from dyadwatch.analysis import framing, source_label
from dyadwatch.analysis.framing import tone
from dyadwatch.store import open_store

from support import jsonl, run_cli


def test_framing_covers_every_named_outlet(processed_db):
    rows = jsonl(run_cli("framing", "--db", str(processed_db), "--format", "jsonl").stdout)
    assert rows and set(rows[0]) == {"outlet", "actor", "mentions", "tone", "event_mix", "terms"}
    with open_store(processed_db, read_only=True) as store:
        named = {a["outlet"] for a in store.articles() if a["outlet"] and not a["duplicate_of"]}
        labels = {source_label(a) for a in store.articles() if not a["duplicate_of"]}
    assert named and named <= {r["outlet"] for r in rows}
    # Articles without a named outlet still appear, under their domain or file name.
    assert labels == {r["outlet"] for r in rows}
    for row in rows:
        assert -1 <= row["tone"] <= 1 and row["mentions"] >= 1
        assert not row["event_mix"] or abs(sum(row["event_mix"].values()) - 1) < 0.01


def test_loaded_terms_are_attributed_to_the_actors_in_their_sentences(processed_db):
    with open_store(processed_db, read_only=True) as store:
        rows = framing(store)
        outlet = next(a["outlet"] for a in store.articles() if "carrying out the ethnic cleansing" in a["body"])
    terms = {r.actor: r.terms for r in rows if r.outlet == outlet}
    assert terms["AZE"].get("ethnic cleansing") == 1


def test_tone_reads_the_sentence():
    assert tone("The talks were a great success and a warm, friendly meeting.") > 0.3
    assert tone("The brutal attack killed dozens and caused terrible suffering.") < -0.3


def test_russian_tone_reads_the_sentence_by_its_words_normal_forms():
    assert tone("Москва резко осудила провокационные действия Киева", "ru") < -0.3
    assert tone("стороны высоко оценили плодотворное сотрудничество", "ru") > 0.3
    # the lexicon has "осудить" and "оценить": any form of them counts
    assert tone("Москва осуждает Киев", "ru") < 0 < tone("стороны оценят сотрудничество", "ru")


def test_a_russian_negation_flips_the_next_word():
    assert tone("стороны оценили сотрудничество", "ru") > 0 > tone("стороны не оценили сотрудничество", "ru")
    assert tone("Москва осудила решение", "ru") < 0 < tone("Москва не осудила решение", "ru")
    # "не только": the negation falls on a word without valence, so nothing flips
    assert tone("Москва не только осудила решение", "ru") < 0


def test_english_tone_is_vaders_whatever_the_language_column_says():
    sentence = "The brutal attack killed dozens and caused terrible suffering."
    assert tone(sentence) == tone(sentence, "en") == tone(sentence, None)


def test_a_russian_article_is_framed_with_the_russian_lexicon(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "russian.txt").write_text(
        "Москва осудила действия Киева\n\n"
        "Министерство иностранных дел России резко осудило провокационные действия Украины на границе.\n\n"
        "Армения и Россия высоко оценили плодотворное сотрудничество двух стран.\n", encoding="utf-8")
    db = tmp_path / "store.duckdb"
    run_cli("process", str(folder), "--db", str(db), "--workers", "1")
    with open_store(db, read_only=True) as store:
        assert {a["language"] for a in store.articles()} == {"ru"}
    rows = {r["actor"]: r for r in jsonl(run_cli("framing", "--db", str(db), "--format", "jsonl").stdout)}
    # UKR is named only in the hostile sentence, ARM only in the warm one; RUS in both
    assert rows["UKR"]["tone"] < -0.3 and rows["ARM"]["tone"] > 0.3
    assert rows["UKR"]["tone"] < rows["RUS"]["tone"] < rows["ARM"]["tone"]
