"""Dyad series: naming, periods, what counts, and the interval around the index."""
from __future__ import annotations

from dyadwatch.analysis import dyad_of, dyad_series


def _event(source, target, day, goldstein, quad, modality="asserted"):
    return {"source": source, "target": target, "date": day, "goldstein": goldstein,
            "quad_class": quad, "modality": modality}


def test_dyads_are_unordered_country_pairs():
    assert dyad_of("RUSGOV", "ARMGOV") == "ARM-RUS"
    assert dyad_of("ARM", "RUSMIL") == "ARM-RUS"
    assert dyad_of("ARMGOV", "ARMOPP") is None
    assert dyad_of("ARMGOV", None) is None
    assert dyad_of("ARMGOV", "IGOEURCSTO") == "ARM-IGOEURCSTO"
    assert dyad_of("ARMGOV", "RUSGOV", full_codes=True) == "ARMGOV-RUSGOV"


def test_monthly_series_counts_only_asserted_events():
    events = [_event("ARMGOV", "RUSGOV", "2026-02-03", 1.0, 1),
              _event("RUSGOV", "ARMGOV", "2026-02-20", -5.0, 3),
              _event("RUSGOV", "ARMGOV", "2026-02-21", 7.0, 2, modality="hypothetical"),
              _event("AZEGOV", "RUSGOV", "2026-03-01", -4.0, 4)]
    points = dyad_series(events, by="month")
    assert [(p.dyad, p.period, p.events) for p in points] == [("ARM-RUS", "2026-02", 2), ("AZE-RUS", "2026-03", 1)]
    arm = points[0]
    assert arm.goldstein_sum == -4.0 and arm.index == -2.0
    assert arm.cooperation == 1 and arm.conflict == 1
    assert arm.low <= arm.index <= arm.high and arm.low < arm.high


def test_weeks_start_on_monday_and_one_dyad_can_be_asked_for():
    events = [_event("ARMGOV", "RUSGOV", "2026-02-05", 1.0, 1), _event("AZEGOV", "RUSGOV", "2026-02-05", -4.0, 4)]
    points = dyad_series(events, by="week", dyad="rus-aze")
    assert [(p.dyad, p.period) for p in points] == [("AZE-RUS", "2026-02-02")]


def test_intervals_are_reproducible():
    events = [_event("ARMGOV", "RUSGOV", "2026-02-%02d" % d, float(d % 7) - 3, 1) for d in range(1, 20)]
    assert dyad_series(events) == dyad_series(events)


def test_a_story_reported_twice_counts_once():
    from dyadwatch.records import Story

    one = {"event_id": "a", "source": "ARMLEG", "target": "RUS", "date": "2026-02-05", "goldstein": 1.9,
           "quad_class": 1, "modality": "asserted", "root": "04", "confidence": 0.9}
    two = {**one, "event_id": "b", "date": "2026-02-10", "confidence": 0.7}
    other = {**one, "event_id": "c", "root": "19", "goldstein": -10.0, "quad_class": 4}
    story = Story(story_id="s", title="", dyad="ARM-RUS", date=None, article_ids=["x", "y"],
                  event_ids=["a", "b", "c"], outlets=["X", "Y"])
    counted = dyad_series([one, two, other], stories=[story])
    assert [(p.events, p.goldstein_sum) for p in counted] == [(2, -8.1)]
    assert dyad_series([one, two, other])[0].events == 3


def test_trend_compares_the_last_period_with_the_one_before():
    from dyadwatch.analysis import dyad_trends

    events = [_event("ARMGOV", "RUSGOV", f"2026-01-{d:02d}", 4.0 + d % 2, 1) for d in range(1, 6)]
    events += [_event("ARMGOV", "RUSGOV", f"2026-02-{d:02d}", -6.0 - d % 2, 4) for d in range(1, 6)]
    (trend,) = dyad_trends(events)
    assert (trend.dyad, trend.first, trend.last, trend.events) == ("ARM-RUS", "2026-01", "2026-02", 10)
    assert trend.direction == "worse" and trend.change < 0 and trend.slope < 0
    assert trend.low <= trend.index <= trend.high


def test_dyads_on_the_examples(processed_db):
    from support import jsonl, run_cli

    rows = jsonl(run_cli("dyads", "--db", str(processed_db), "--format", "jsonl").stdout)
    assert rows and all(list(r) == ["dyad", "period", "events", "goldstein_sum", "goldstein_mean", "cooperation",
                                    "conflict", "index", "low", "high"] for r in rows)
    every = jsonl(run_cli("dyads", "--db", str(processed_db), "--format", "jsonl", "--count-reports").stdout)
    assert sum(r["events"] for r in rows) <= sum(r["events"] for r in every)
    trends = jsonl(run_cli("dyads", "--db", str(processed_db), "--format", "jsonl", "--trend", "--dyad", "RUS-ARM").stdout)
    assert [t["dyad"] for t in trends] == ["ARM-RUS"]
    assert trends[0]["index"] < 0 and trends[0]["low"] <= trends[0]["index"] <= trends[0]["high"]
