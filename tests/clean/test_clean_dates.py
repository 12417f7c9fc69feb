"""Each dateline shape news pages use, and what is not a dateline."""
from datetime import datetime

import pytest

from dyadwatch.clean import dateline, find_date
from dyadwatch.clean.dates import parse_given_date


@pytest.mark.parametrize("line,expected", [
    ("July 04, 2025", datetime(2025, 7, 4)),
    ("07 February 2026 17:00", datetime(2026, 2, 7, 17, 0)),
    ("February 17 2026, 19:40", datetime(2026, 2, 17, 19, 40)),
    ("14 Jan 2026", datetime(2026, 1, 14)),
    ("10.Jan.2026", datetime(2026, 1, 10)),
    ("Published: Monday, July 4, 2025 at 7:40 pm EST", datetime(2025, 7, 4, 19, 40)),
    ("Updated Feb. 3, 2026 12:05 a.m.", datetime(2026, 2, 3, 0, 5)),
    ("2026-02-07T17:00:00+04:00", datetime(2026, 2, 7, 17, 0)),
    ("07.02.2026 17:00", datetime(2026, 2, 7, 17, 0)),
    ("7 февраля 2026 г.", datetime(2026, 2, 7)),
    ("12/25/2025", datetime(2025, 12, 25)),
    ("1st of March 2024", datetime(2024, 3, 1)),
])
def test_dateline_shapes(line, expected):
    assert dateline(line) == expected


@pytest.mark.parametrize("line", [
    "Caliber.az © 2026. .",
    "On June 28, Azerbaijani officials summoned Russia's chargé d'affaires over the incident",
    "Armenia remains reliant on Russia for trade and energy since 2020.",
    "February 31 2026",
])
def test_not_datelines(line):
    assert dateline(line) is None


def test_date_inside_a_sentence_is_found_but_is_not_a_dateline():
    line = "Baku's State Prosecutor announced on July 1, 2025 that it had opened an investigation."
    assert find_date(line) == datetime(2025, 7, 1)
    assert dateline(line) is None


def test_given_dates_from_jsonl():
    assert parse_given_date("2025-05-07") == datetime(2025, 5, 7)
    assert parse_given_date("2025-05-07T10:00:00Z") == datetime(2025, 5, 7, 10, 0)
    assert parse_given_date("May 7, 2025") == datetime(2025, 5, 7)
    assert parse_given_date("soon") is None
