"""Operation names and continents are not towns, so they cannot rewrite an actor's country."""

from __future__ import annotations


def test_an_operation_name_is_not_a_place_and_leaves_the_actors_their_country(coder):
    text = "Beninese troops and police attacked militants during Operation Mirador in the north."
    events = [e for e in coder.code(text, date="2024-03-04") if e.trigger.text == "attacked"]
    assert events
    for event in events:
        assert event.location is None or event.location.country != "BRA"
        assert event.source is not None and event.source.country == "BEN"


def test_a_continent_is_not_a_town(coder):
    text = "The United States sent food aid to Central America on Monday."
    events = coder.code(text, date="2024-03-04")
    assert events
    for event in events:
        assert event.location is None


def test_a_country_named_after_its_continent_is_still_that_country(coder):
    events = coder.code("South Africa sent soldiers to Mozambique on Monday.", date="2024-03-04")
    assert any(e.source and e.source.code.startswith("ZAF") for e in events)
