"""Event dates: explicit, relative to the article date, or the article date itself."""
from __future__ import annotations

from datetime import datetime

from dyadwatch.events.dates import find_dates, resolve_date

ARTICLE = datetime(2025, 7, 4)  # a Friday


def test_explicit_day_takes_the_year_of_the_article():
    found = resolve_date("On June 28, Azerbaijani officials summoned Russia's chargé d'affaires", ARTICLE)
    assert (found.date, found.precision, found.basis) == ("2025-06-28", "day", "explicit")


def test_explicit_forms_with_year_and_month_only():
    assert resolve_date("It was signed on 07 February 2026.", ARTICLE).date == "2026-02-07"
    month = resolve_date("The talks collapsed in December 2024.", ARTICLE)
    assert (month.date, month.precision, month.basis) == ("2024-12-01", "month", "explicit")


def test_a_date_later_in_the_year_than_the_article_is_last_year_unless_announced():
    assert resolve_date("the crash on December 25", ARTICLE).date == "2024-12-25"
    assert resolve_date("He will travel on May 9", ARTICLE, future=True).date == "2026-05-09"


def test_the_modal_may_is_not_a_month():
    assert resolve_date("Armenia may suspend its membership.", ARTICLE).basis == "article"


def test_relative_expressions_count_from_the_article_date():
    wednesday = resolve_date("Speaking in parliament on Wednesday, Pashinyan defended his visit", ARTICLE)
    assert (wednesday.date, wednesday.basis) == ("2025-07-02", "relative")
    assert resolve_date("Officials said yesterday", ARTICLE).date == "2025-07-03"
    assert resolve_date("They met last week", ARTICLE).date == "2025-06-27"
    earlier = resolve_date("Baku protested earlier this month", ARTICLE)
    assert (earlier.date, earlier.precision) == ("2025-07-01", "month")


def test_the_next_day_counts_from_the_date_told_before_it():
    text = "On June 28, officials summoned the envoy and the next day canceled a visit to Moscow."
    dates = find_dates(text, ARTICLE)
    assert [(d.date, d.basis) for d in dates] == [("2025-06-28", "explicit"), ("2025-06-29", "relative")]
    # the date nearest the trigger wins
    assert resolve_date(text, ARTICLE, near=text.index("canceled")).date == "2025-06-29"
    assert resolve_date(text, ARTICLE, near=text.index("summoned")).date == "2025-06-28"


def test_without_a_date_in_the_sentence_the_article_date_is_used_and_said_so():
    found = resolve_date("Yerevan has accused Moscow of abandoning its commitments.", ARTICLE)
    assert (found.date, found.precision, found.basis) == ("2025-07-04", "day", "article")
    nothing = resolve_date("Yerevan has accused Moscow on Wednesday.", None)
    assert (nothing.date, nothing.precision, nothing.basis) == (None, None, None)
