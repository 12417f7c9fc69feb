"""Stories across outlets, on the example corpus processed by the real pipeline."""
from __future__ import annotations

import pytest

from dyadwatch.analysis import StoryOptions, find_stories
from dyadwatch.store import open_store

from support import jsonl, run_cli


def _inputs(db):
    with open_store(db, read_only=True) as store:
        return dict(events=store.events(), articles=store.articles(), mentions=store.mentions(),
                    sentences=store.rows("SELECT article_id, sentence_index, text FROM sentences"))


def _article(inputs, word):
    """The id of the article whose body contains `word` (the tests never name file ids)."""
    found = [a["article_id"] for a in inputs["articles"] if word in a["body"]]
    assert len(found) == 1, word
    return found[0]


def test_the_speakers_visit_is_one_contested_story_from_two_outlets(processed_db):
    rows = jsonl(run_cli("stories", "--db", str(processed_db), "--format", "jsonl").stdout)
    assert rows and set(rows[0]) == {"story_id", "title", "dyad", "date", "article_ids", "event_ids", "outlets",
                                     "contested", "contradictions"}
    inputs = _inputs(processed_db)
    praised = _article(inputs, "constructive engagement")
    panned = _article(inputs, "failed visit")
    visit = [r for r in rows if {praised, panned} <= set(r["article_ids"])]
    assert len(visit) == 1
    story = visit[0]
    assert story["dyad"] == "ARM-RUS" and story["contested"] is True
    assert len(story["outlets"]) == 2 and all(story["outlets"])
    assert story["date"].startswith("2026-02")
    abouts = {c["about"].split(":")[0] for c in story["contradictions"]}
    assert {"meetings", "outcome"} <= abouts
    meeting = next(c for c in story["contradictions"] if c["about"].startswith("meetings"))
    sentences = {meeting["a"]["article_id"]: meeting["a"]["evidence"], meeting["b"]["article_id"]: meeting["b"]["evidence"]}
    assert "met with" in sentences[praised] and "absence of meetings" in sentences[panned]
    assert all(side["outlet"] for c in story["contradictions"] for side in (c["a"], c["b"]))


def test_stories_are_deterministic_and_ids_stable(processed_db):
    inputs = _inputs(processed_db)
    first = find_stories(**inputs)
    second = find_stories(**{k: list(reversed(v)) for k, v in inputs.items()})
    assert sorted(s.story_id for s in first) == sorted(s.story_id for s in second)
    assert all(len(set(s.event_ids)) == len(s.event_ids) for s in first)
    # Every event of a non-copy article is in exactly one story.
    ids = [i for s in first for i in s.event_ids]
    assert len(ids) == len(set(ids))


def test_a_narrow_date_window_keeps_far_apart_reports_apart(processed_db):
    inputs = _inputs(processed_db)
    strict = find_stories(**inputs, options=StoryOptions(lookback_days=0, window_days=0, min_articles=2))
    praised, panned = _article(inputs, "constructive engagement"), _article(inputs, "failed visit")
    assert not any({praised, panned} <= set(s.article_ids) for s in strict)


def test_a_report_of_staying_away_joins_the_undated_report_of_it(processed_db):
    """The rule behind 'one story from two articles': one named person, the same kind of act,
    one article undated. The second report is coded here as the coder should code it."""
    inputs = _inputs(processed_db)
    declined = next(e for e in inputs["events"] if "declined the same invitation" in e["evidence"]
                    and e["modality"] == "asserted")
    article = _article(inputs, "cancel his attendance")
    index, text = next((s["sentence_index"], s["text"]) for s in inputs["sentences"]
                       if s["article_id"] == article and "cancel his attendance" in s["text"])
    coded = {**declined, "event_id": "0" * 16, "article_id": article, "sentence_index": index, "evidence": text,
             "date": "2025-05-01", "date_precision": "month", "date_basis": "explicit", "source": "AZEGOV",
             "target": "RUS", "source_text": "Ilham Aliyev", "target_text": "Moscow", "code": "120", "root": "12"}
    stories = find_stories(**{**inputs, "events": inputs["events"] + [coded]})
    joined = [s for s in stories if "0" * 16 in s.event_ids]
    assert len(joined) == 1 and declined["event_id"] in joined[0].event_ids
    assert len(joined[0].article_ids) == 2 and not joined[0].contested


def test_staying_away_from_the_parade_is_one_story_from_two_articles(processed_db):
    inputs = _inputs(processed_db)
    with open_store(processed_db, read_only=True) as store:
        stories = store.stored_stories()
    cancelled, declined = _article(inputs, "cancel his attendance"), _article(inputs, "declined the same invitation")
    assert any({cancelled, declined} <= set(s.article_ids) and s.dyad == "AZE-RUS" for s in stories)


def _same_as_rebuild(store, tmp_path):
    """The stored stories equal those a full rebuild of a copy of the store makes."""
    import shutil

    from dyadwatch.analysis import update_analyses

    kept = store.stored_stories()
    store.con.execute("CHECKPOINT")
    shutil.copy(store.path, tmp_path / "rebuilt.duckdb")
    with open_store(tmp_path / "rebuilt.duckdb") as copy:
        update_analyses(copy, rebuild=True)
        assert copy.stored_stories() == kept
    return kept


def test_a_new_article_joins_an_old_story_as_a_rebuild_would(tmp_path):
    """The speaker's visit: first one outlet's report, then the other's in a second run."""
    from support import EXAMPLES

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    first = [p for p in sorted(EXAMPLES.iterdir()) if "failed visit" not in p.read_text(encoding="utf-8")]
    for path in first:
        (corpus / path.name).write_bytes(path.read_bytes())
    db = tmp_path / "store.duckdb"
    run_cli("process", str(corpus), "--db", str(db))
    with open_store(db, read_only=True) as store:
        before = {s.story_id for s in store.stored_stories()}
        assert not any(s.contested for s in store.stored_stories())
    later = next(p for p in EXAMPLES.iterdir() if "failed visit" in p.read_text(encoding="utf-8"))
    (corpus / later.name).write_bytes(later.read_bytes())
    run_cli("process", str(corpus), "--db", str(db))
    with open_store(db) as store:
        stories = _same_as_rebuild(store, tmp_path)
    visit = [s for s in stories if s.contested]
    assert len(visit) == 1 and len(visit[0].outlets) == 2 and visit[0].dyad == "ARM-RUS"
    assert visit[0].story_id not in before  # the old story grew: a new id, the old one gone


def test_a_new_report_links_two_stories_into_one_as_a_rebuild_would(tmp_path):
    """Two reports that share too few words to be one story, and a third that shares enough
    with each: the third, arriving later, makes them one story."""
    from support import store_with_events

    def event(article, text, day):
        return {"article_id": article, "source": "ARMGOV", "target": "RUSGOV", "date": day, "goldstein": 1.0,
                "quad_class": 1, "modality": "asserted", "root": "04", "evidence": text}

    east = "Pashinyan met Lavrov in Moscow on energy prices and the gas pipeline."
    west = "The Armenian delegation discussed railway tariffs and border crossings."
    both = "Pashinyan met Lavrov on gas pipeline prices, railway tariffs and border crossings."
    store = store_with_events(tmp_path / "two.duckdb", [event("x", east, "2026-03-02"),
                                                        event("y", west, "2026-03-03")])
    assert [len(s.article_ids) for s in store.stored_stories()] == [1, 1]
    store_with_events(tmp_path / "three.duckdb", [event("z", both, "2026-03-02")], store=store)
    stories = _same_as_rebuild(store, tmp_path)
    assert [sorted(s.article_ids) for s in stories] == [["x", "y", "z"]]
    store.close()


# One meeting as an Armenian outlet tells it in English and a Russian one in Russian: no word in common.
MEETING_EN = "Armenian Prime Minister Nikol Pashinyan met Russian President Vladimir Putin in Moscow on Tuesday."
MEETING_RU = ("Премьер-министр Армении Никол Пашинян во вторник встретился в Москве с президентом России "
              "Владимиром Путиным.")
# ... and what each report says next (an article of one line reads as a headline to the cleaner)
AFTER_EN = "The two leaders discussed bilateral relations and the situation in the South Caucasus, the Kremlin said."
AFTER_RU = "Стороны обсудили двусторонние отношения и ситуацию в Закавказье, сообщили в Кремле."


def _report(folder, name, text, url):
    """An article as a crawler's JSONL record, published on Wednesday 2026-02-11."""
    import json

    (folder / f"{name}.jsonl").write_text(json.dumps({"id": name, "text": text, "url": url, "date": "2026-02-11"},
                                                     ensure_ascii=False) + "\n", encoding="utf-8")


def _english_then_russian(tmp_path):
    """The English report processed, then, in a second run, the Russian one (a new article
    meets the stored stories): the store and the two article ids (English, Russian)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    db = tmp_path / "store.duckdb"
    _report(corpus, "armenpress", f"{MEETING_EN} {AFTER_EN}", "https://armenpress.am/eng/news/1")
    run_cli("process", str(corpus), "--db", str(db), "--workers", "1")
    _report(corpus, "tass", f"{MEETING_RU} {AFTER_RU}", "https://tass.ru/politika/1")
    run_cli("process", str(corpus), "--db", str(db), "--workers", "1")
    with open_store(db, read_only=True) as store:
        ids = {a["path"].rsplit("#", 1)[-1]: a["article_id"] for a in store.articles()}
        assert {a["language"] for a in store.articles()} == {"en", "ru"}
    return db, ids["armenpress"], ids["tass"]


def _russian_meeting(english: dict, article_id: str, **changes) -> dict:
    """The Russian report's event as the coder should code it: Pashinyan (ARMGOV) meets (040)
    Putin (RUSGOV) on Tuesday."""
    from dyadwatch.records import Event

    event = {**english, "article_id": article_id, "sentence_index": 0, "char_start": 0, "char_end": len(MEETING_RU),
             "evidence": MEETING_RU, "source_text": "Премьер-министр Армении Никол Пашинян",
             "target_text": "президентом России Владимиром Путиным", "rule": "test: as the coder should code it",
             **changes}
    event["event_id"] = Event.make_id(article_id, 0, event["code"], event["source"], event["target"], 0)
    return event


def test_a_russian_report_joins_the_english_story_of_the_same_meeting(tmp_path):
    """The story logic on the store: the English event as the pipeline coded it, the Russian
    article as the pipeline stored it (its actors found in Russian), its event as the coder
    should code it. Linked by dyad, day and root across the languages, by the incremental
    update as a rebuild would; same-language reports still need shared words."""
    from dyadwatch.analysis import update_analyses
    from dyadwatch.store.tables import EVENT_COLUMNS

    db, english_id, russian_id = _english_then_russian(tmp_path)
    with open_store(db) as store:
        english = [e for e in store.events() if e["article_id"] == english_id and e["sentence_index"] == 0]
        assert [(e["source"], e["root"], e["target"], e["date"]) for e in english] == [
            ("ARMGOV", "04", "RUSGOV", "2026-02-10")]
        named = {(m["code"], m["actor_id"]) for m in store.mentions() if m["article_id"] == russian_id}
        assert {("ARMGOV", "NIKOL_PASHINYAN"), ("RUSGOV", "VLADIMIR_PUTIN")} <= named
        # whatever the Russian coder makes of it, the event here is the one it should make
        russian = _russian_meeting({k: english[0][k] for k in EVENT_COLUMNS}, russian_id)
        store.con.execute("DELETE FROM events WHERE article_id = ?", [russian_id])
        store.con.execute(f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) VALUES "
                          f"({', '.join('?' * len(EVENT_COLUMNS))})", [russian[c] for c in EVENT_COLUMNS])
        store.con.execute("UPDATE articles SET stored_at = stored_at + INTERVAL 1 SECOND WHERE article_id = ?",
                          [russian_id])  # stored again: the next update reclusters it
        update_analyses(store)
        stories = _same_as_rebuild(store, tmp_path)
    joined = [s for s in stories if russian["event_id"] in s.event_ids]
    assert len(joined) == 1 and sorted(joined[0].article_ids) == sorted([english_id, russian_id])
    assert joined[0].dyad == "ARM-RUS" and len(joined[0].outlets) == 2

    # What keeps other happenings apart, by the same rule (in memory, over the same store).
    inputs = _inputs(db)
    others = [e for e in inputs["events"] if e["article_id"] != russian_id]

    def together(**changes) -> bool:
        event = _russian_meeting({k: english[0][k] for k in EVENT_COLUMNS}, russian_id, **changes)
        found = find_stories(**{**inputs, "events": others + [event]})
        return any({english_id, russian_id} <= set(s.article_ids) for s in found)

    assert together()
    assert together(date="2026-02-12", date_basis="article")  # the article's day: two days on
    assert not together(date="2026-02-20")  # ten days later: another meeting
    assert not together(date="2026-02-01", date_precision="month")  # "in February": not one day
    assert not together(code="190", root="19", quad_class=4, goldstein=-10.0)  # a fight is no meeting
    assert not together(target="AZEGOV")  # another dyad
    # An English report of it in other words would still have to share them (same language: TF-IDF).
    english_other = {**english[0], "article_id": russian_id, "event_id": "e" * 16,
                     "evidence": "Talks between the two leaders covered energy prices and the gas pipeline."}
    assert not any({english_id, russian_id} <= set(s.article_ids) for s in find_stories(
        **{**inputs, "articles": [{**a, "language": "en"} for a in inputs["articles"]],
           "events": others + [english_other]}))


def test_an_english_and_a_russian_report_of_one_meeting_are_one_story(tmp_path):
    """Both reports coded by the pipeline (the Russian one by the Russian coder) and joined
    into one story by `process`, through the CLI."""
    db, english_id, russian_id = _english_then_russian(tmp_path)
    with open_store(db, read_only=True) as store:
        russian = [(e["source"], e["root"], e["target"]) for e in store.events() if e["article_id"] == russian_id]
    assert ("ARMGOV", "04", "RUSGOV") in russian, f"the Russian meeting is not coded: {russian}"
    stories = jsonl(run_cli("stories", "--db", str(db), "--format", "jsonl").stdout)
    joined = [s for s in stories if {english_id, russian_id} <= set(s["article_ids"])]
    assert len(joined) == 1 and joined[0]["dyad"] == "ARM-RUS" and len(joined[0]["outlets"]) == 2
