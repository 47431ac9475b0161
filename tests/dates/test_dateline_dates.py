"""Relative dates in wire copy: the dateline's day, nights and durations."""

from __future__ import annotations


def dates(coder, text, published):
    return [(e.trigger.text, e.date, e.date_precision) for e in coder.code(text, date=published)]


def test_yesterday_is_told_from_the_dateline_when_the_story_was_filed_before_it_was_published(coder):
    # Filed on Saturday 2 March, published on Monday 4 March.
    text = (
        "Kenyan police break up protest\n\n"
        "NAIROBI, March 2 (Reuters) - Kenyan police arrested dozens of protesters yesterday in the capital."
    )
    assert ("arrested", "2024-03-01", "day") in dates(coder, text, "2024-03-04")


def test_a_dateline_without_an_agency_dates_the_story_too(coder):
    text = (
        "Kenyan police break up protest\n\n"
        "NAIROBI, March 2 - Kenyan police arrested dozens of protesters yesterday in the capital."
    )
    assert ("arrested", "2024-03-01", "day") in dates(coder, text, "2024-03-04")


def test_a_dateline_with_its_year_dates_a_story_that_has_no_publication_date(coder):
    text = (
        "Kenyan police break up protest\n\n"
        "NAIROBI, March 4, 2024 - Kenyan police arrested dozens of protesters on Sunday in the capital."
    )
    assert ("arrested", "2024-03-03", "day") in dates(coder, text, None)


def test_saturday_night_is_saturday(coder):
    text = "Kenyan police arrested dozens of protesters on Saturday night in Mombasa."
    assert ("arrested", "2024-03-02", "day") in dates(coder, text, "2024-03-04")


def test_a_duration_is_no_date(coder, unrealized_coder):
    text = "Kenya will sign a trade agreement with Ethiopia in five years, officials said."
    found = dates(unrealized_coder, text, "2024-03-04")
    assert found and all(precision != "year" for _, _, precision in found), found
    held = dates(coder, "Kenyan police detained the protesters for two weeks.", "2024-03-04")
    assert held == [("detained", "2024-03-04", "day")]
