"""Parties, armies, police forces and armed groups that news names often (data/actors/organizations.tsv).

A party's code follows who governs on the story's date; an army's or militia's acronym gives its
country and sector; aliases that belong to others too are not taken for them.

These tests need the trained spaCy model (en_core_web_sm), loaded once per session.
"""

from __future__ import annotations

import re

import pytest

import tidings


def codes_of(events: list[tidings.Event], text: str, name: str) -> set[str | None]:
    """The codes of the events' actors whose span covers ``name`` in ``text``."""
    spans = [match.span() for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
    return {
        actor.code
        for event in events
        for actor in (event.source, event.target)
        if actor is not None and any(actor.start < end and start < actor.end for start, end in spans)
    }


SENATE = "Senate Republicans accused the White House on Tuesday of stonewalling the inquiry."
BJP = "The BJP accused the Congress party of spreading lies about the farm laws on Sunday."


@pytest.mark.parametrize(
    "date, code",
    [
        pytest.param("2023-06-13", "USAOPP", id="biden-years-opposition"),
        pytest.param("2025-06-10", "USAGOV", id="second-trump-term-government"),
    ],
)
def test_a_party_is_government_or_opposition_by_the_story_date(coder, show, date, code):
    events = coder.code(SENATE, date=date)
    assert codes_of(events, SENATE, "Senate Republicans") == {code}, show(events)


def test_the_governing_party_accuses_the_opposition(coder, expect_event):
    events = coder.code(BJP, date="2021-01-17")
    expect_event(events, root="11", source="INDGOV", target="INDOPP")


def test_a_british_party_changes_sides_with_the_election(coder, show):
    text = "The Tories criticised the government's plan to raise taxes on Wednesday."
    before = coder.code(text, date="2023-10-04")
    after = coder.code(text, date="2025-10-08")
    assert codes_of(before, text, "Tories") == {"GBRGOV"}, show(before)
    assert codes_of(after, text, "Tories") == {"GBROPP"}, show(after)


def test_an_army_acronym_gives_country_and_sector(coder, expect_event):
    text = "FARDC soldiers clashed with M23 rebels near Goma on Sunday."
    events = coder.code(text, date="2024-02-12")
    expect_event(events, root="19", source="CODMIL", target="CODREB", symmetric=True)


def test_a_national_defence_force_attacks_an_armed_group(coder, expect_event):
    text = "The Kenya Defence Forces killed ten al-Shabaab fighters in Lamu County on Monday."
    events = coder.code(text, date="2024-03-05")
    expect_event(events, plover="ASSAULT", source="KENMIL", target="SOMREB")


@pytest.mark.parametrize(
    "date, code",
    [
        pytest.param("2003-04-02", "SDNREB", id="before-the-peace-deal-a-rebel-army"),
        pytest.param("2016-07-11", "SSDMIL", id="after-independence-the-army"),
    ],
)
def test_the_spla_was_rebel_army_then_national_army(coder, show, date, code):
    text = "SPLA fighters attacked a garrison near Malakal on Monday, killing six."
    events = coder.code(text, date=date)
    assert codes_of(events, text, "SPLA") == {code}, show(events)


def test_the_haqqani_network_governs_with_the_taliban_after_kabul_fell(coder, show):
    text = "The Haqqani network threatened journalists in Khost on Friday."
    assert codes_of(coder.code(text, date="2019-05-03"), text, "Haqqani network") == {"AFGREB"}
    events = coder.code(text, date="2023-05-05")
    assert codes_of(events, text, "Haqqani network") == {"AFGGOV"}, show(events)


def test_other_countries_democrats_are_not_the_us_party(coder, show):
    text = "Sweden's Social Democrats criticised the government over the budget on Tuesday."
    events = coder.code(text, date="2024-09-24")
    codes = codes_of(events, text, "Social Democrats")
    assert not any(code and code.startswith("USA") for code in codes), show(events)


def test_the_opposition_criticises_the_governing_party(coder, expect_event):
    text = "KMT lawmakers criticised the Democratic Progressive Party over the defence budget on Friday."
    events = coder.code(text, date="2024-12-13")
    expect_event(events, root="11", source="TWNOPP", target="TWNGOV")


def test_a_ministry_named_like_a_foreign_party_is_not_that_party(coder, show):
    text = "Pakistan's Ministry of Law and Justice rejected the petition on Monday."
    events = coder.code(text, date="2024-05-06")
    assert not any(
        actor is not None and (actor.code or "").startswith("POL")
        for event in events
        for actor in (event.source, event.target)
    ), show(events)
