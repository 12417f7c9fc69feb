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
