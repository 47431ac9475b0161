"""Relative dates count from the dateline's day; a weekday with its night is that day; durations are not dates."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("published", "expected"),
    [("2024-03-04", "2024-03-03"), ("2024-03-06", "2024-03-03")],  # on the day, and filed two days later
)
def test_a_weekday_counts_back_from_the_dateline_s_date(coder, published, expected):
    text = "NAIROBI, March 4 - Kenyan police arrested 20 protesters outside parliament on Sunday."
    (event,) = [e for e in coder.code(text, date=published) if e.trigger.text == "arrested"]
    assert (event.date, event.date_precision) == (expected, "day")


def test_saturday_night_is_saturday(coder):
    text = "Kenyan police arrested 20 protesters outside parliament on Saturday night."
    (event,) = [e for e in coder.code(text, date="2024-03-04") if e.trigger.text == "arrested"]
    assert (event.date, event.date_precision) == ("2024-03-02", "day")


@pytest.mark.parametrize(
    "text",
    [
        "Kenya will sign a trade agreement with Ethiopia in five years.",
        "Kenyan police detained the opposition leader for two weeks.",
    ],
)
def test_a_duration_is_not_a_date(coder, text):
    events = coder.code(text, date="2024-03-04")
    assert events
    assert {(e.date, e.date_precision) for e in events} == {("2024-03-04", "day")}


def test_a_count_of_weeks_ago_is_still_a_date(coder):
    events = coder.code("Kenyan police detained the opposition leader two weeks ago.", date="2024-03-04")
    assert {(e.date, e.date_precision) for e in events} == {("2024-02-19", "week")}
