"""Operation names and regions of several countries are no towns, and a place never changes an
actor's country against the text."""

from __future__ import annotations


def test_an_operation_named_after_a_word_that_is_also_a_town_is_no_place(coder):
    events = coder.code(
        "Beninese troops and police killed 12 militants during Operation Mirador in the north on Friday.",
        date="2024-03-04",
    )
    assert events
    for event in events:
        assert event.location is None or event.location.country != "BRA", event.location
        assert event.source.country == "BEN", event.source


def test_the_country_the_sentence_names_beats_the_country_of_the_place(coder):
    # Mirador is also a town in Brazil: the place may be wrong, the police are still Beninese.
    events = coder.code(
        "Beninese police arrested 30 suspects and police in Mirador on Friday.", date="2024-03-04"
    )
    assert events
    assert {e.source.code for e in events if e.source is not None} <= {"BENCOP"}


def test_a_region_of_several_countries_is_no_town(coder):
    events = coder.code("Police arrested 30 protesters in Central America on Friday.", date="2024-03-04")
    assert events
    for event in events:
        assert event.location is not None and event.location.text == "Central America"
        assert event.location.country is None and event.location.lat is None
        assert event.location.precision == "unresolved"


def test_a_continent_is_no_town(coder):
    events = coder.code("Police arrested 30 protesters in Europe on Friday.", date="2024-03-04")
    assert [e.location.country for e in events] == [None]


def test_the_country_inside_a_region_s_name_is_no_actor(coder):
    # "America" is the United States, "South America" and "Latin American" leaders are not.
    events = coder.code(
        "Latin American leaders condemned the coup on Friday, and ministers of South America met in Lima.",
        date="2024-03-04",
    )
    assert all("USA" not in (e.source.code or "") for e in events if e.source is not None)
    us = coder.code("America and China agreed to resume talks on Friday.", date="2024-03-04")
    assert {e.source.code for e in us} >= {"USA"}
