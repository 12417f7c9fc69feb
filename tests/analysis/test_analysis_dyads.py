"""Dyad series: naming, periods, what counts, and the interval around the index."""
from __future__ import annotations

from dyadwatch.analysis import dyad_of, dyad_series


def _event(source, target, day, goldstein, quad, modality="asserted", **more):
    return {"source": source, "target": target, "date": day, "goldstein": goldstein,
            "quad_class": quad, "modality": modality, **more}


from support import store_with_events as _store_at


def _store(tmp_path, events):
    return _store_at(tmp_path / "dyads.duckdb", events)


def test_dyads_are_unordered_country_pairs():
    assert dyad_of("RUSGOV", "ARMGOV") == "ARM-RUS"
    assert dyad_of("ARM", "RUSMIL") == "ARM-RUS"
    assert dyad_of("ARMGOV", "ARMOPP") is None
    assert dyad_of("ARMGOV", None) is None
    assert dyad_of("ARMGOV", "IGOEURCSTO") == "ARM-IGOEURCSTO"
    assert dyad_of("ARMGOV", "RUSGOV", full_codes=True) == "ARMGOV-RUSGOV"


def test_monthly_series_counts_only_events_told_as_done(tmp_path):
    events = [_event("ARMGOV", "RUSGOV", "2026-02-03", 1.0, 1),
              _event("RUSGOV", "ARMGOV", "2026-02-20", -5.0, 3, modality="alleged"),
              _event("RUSGOV", "ARMGOV", "2026-02-21", 7.0, 2, modality="hypothetical"),
              _event("AZEGOV", "RUSGOV", "2026-03-01", -4.0, 4)]
    points = dyad_series(_store(tmp_path, events), by="month")
    assert [(p.dyad, p.period, p.events) for p in points] == [("ARM-RUS", "2026-02", 2), ("AZE-RUS", "2026-03", 1)]
    arm = points[0]
    assert arm.goldstein_sum == -4.0 and arm.index == -2.0
    assert arm.cooperation == 1 and arm.conflict == 1
    assert arm.low <= arm.index <= arm.high and arm.low < arm.high


def test_weeks_start_on_monday_and_one_dyad_can_be_asked_for(tmp_path):
    events = [_event("ARMGOV", "RUSGOV", "2026-02-05", 1.0, 1), _event("AZEGOV", "RUSGOV", "2026-02-05", -4.0, 4)]
    points = dyad_series(_store(tmp_path, events), by="week", dyad="rus-aze")
    assert [(p.dyad, p.period) for p in points] == [("AZE-RUS", "2026-02-02")]


def test_intervals_are_reproducible(tmp_path):
    events = [_event("ARMGOV", "RUSGOV", "2026-02-%02d" % d, float(d % 7) - 3, 1) for d in range(1, 20)]
    store = _store(tmp_path, events)
    assert dyad_series(store) == dyad_series(store)


def test_a_story_reported_twice_counts_once(tmp_path):
    """Two articles report one meeting (linked into a story by the real clustering); the same
    sentence of the first also tells a fight, which counts on its own."""
    said = "Armenian parliament speaker Simonyan met Russian foreign minister Lavrov in Moscow."
    one = _event("ARMLEG", "RUS", "2026-02-05", 1.9, 1, root="04", confidence=0.9, article_id="x", evidence=said)
    two = _event("ARMLEG", "RUS", "2026-02-06", 1.9, 1, root="04", confidence=0.7, article_id="y", evidence=said)
    other = _event("ARMLEG", "RUS", "2026-02-05", -10.0, 4, root="19", article_id="x", evidence=said)
    store = _store(tmp_path, [one, two, other])
    (story,) = [s for s in store.stored_stories() if len(s.article_ids) > 1]
    assert len(story.event_ids) == 3
    assert [(p.events, p.goldstein_sum) for p in dyad_series(store)] == [(2, -8.1)]
    assert dyad_series(store, count_reports=True)[0].events == 3


def test_trend_compares_the_last_period_with_the_one_before(tmp_path):
    from dyadwatch.analysis import dyad_trends

    events = [_event("ARMGOV", "RUSGOV", f"2026-01-{d:02d}", 4.0 + d % 2, 1) for d in range(1, 6)]
    events += [_event("ARMGOV", "RUSGOV", f"2026-02-{d:02d}", -6.0 - d % 2, 4) for d in range(1, 6)]
    (trend,) = dyad_trends(_store(tmp_path, events))
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
