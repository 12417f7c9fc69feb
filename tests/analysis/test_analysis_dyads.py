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
