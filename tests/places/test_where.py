"""Placing events: the location the sentence puts the event in, else the wire dateline.

A city resolves to itself and its country ("in Geneva" is Geneva, CHE), a venue to the city
that names it ("at Beijing's Diaoyutai State Guesthouse" is Beijing), countries and regions to
themselves (Bali is the Indonesian province). A sentence without a place takes the story's
dateline; without either the event has no location. Unnamed police and protesters take the
country of the place.

These tests need the trained spaCy model (en_core_web_sm), loaded once per session.
"""

from __future__ import annotations

import pytest


def case(date: str, text: str, *expected: dict, id: str):
    return pytest.param(date, text, list(expected), id=id)


def want(**fields) -> dict:
    return fields


PLACE_CASES = [
    case(
        "2026-03-10",
        "US and Iranian negotiators held talks in Geneva on Tuesday.",
        want(
            root="04",
            source="USAGOV",
            target="IRNGOV",
            date="2026-03-10",
            country="CHE",
            place="Geneva",
            symmetric=True,
        ),
        id="in-geneva",
    ),
    case(
        "2025-03-24",
        "Chinese Foreign Minister Wang Yi met Russian Foreign Minister Sergey Lavrov at "
        "Beijing's Diaoyutai State Guesthouse on Monday.",
        want(
            cameo="040",
            source="CHNGOV",
            target="RUSGOV",
            date="2025-03-24",
            country="CHN",
            place="Beijing",
            symmetric=True,
        ),
        id="venue-named-after-its-city",
    ),
    case(
        "2023-06-19",
        "Chinese President Xi Jinping and US President Joe Biden met in Bali last year.",
        want(
            root="04",
            source="CHNGOV",
            target="USAGOV",
            date="2022-01-01",
            precision="year",
            country="IDN",
            place="Bali",
            symmetric=True,
        ),
        id="bali-is-an-indonesian-province",
    ),
    case(
        "2024-05-14",
        "US Secretary of State Antony Blinken visited Ukraine on Tuesday.",
        want(cameo="042", source="USAGOV", target="UKR", date="2024-05-14", country="UKR", place="Ukraine"),
        id="a-country-is-its-own-place",
    ),
    case(
        "2025-06-16",
        "The Sudanese army shelled Rapid Support Forces positions in Darfur on Sunday.",
        want(cameo="194", source="SDNMIL", target="SDNREB", date="2025-06-15", country="SDN"),
        id="a-region-is-in-its-country",
    ),
    case(
        "2024-03-04",
        "Israeli tanks shelled Khan Younis in the Gaza Strip on Monday.",
        want(cameo="194", source="ISR*", target="PSE*", date="2024-03-04", country="PSE"),
        id="gaza-strip",
    ),
    case(
        "2024-05-06",
        "French President Emmanuel Macron hosted Chinese President Xi Jinping at the Elysee "
        "Palace on Monday.",
        want(cameo="043", source="FRAGOV", target="CHNGOV", date="2024-05-06", country="FRA"),
        id="a-seat-of-government-is-in-its-country",
    ),
    case(
        "2024-02-17",
        "Blinken met Wang Yi on the sidelines of the Munich Security Conference on Friday.",
        want(
            cameo="040",
            source="USAGOV",
            target="CHNGOV",
            date="2024-02-16",
            country="DEU",
            place="Munich",
            symmetric=True,
        ),
        id="conference-named-after-its-city",
    ),
    case(
        "2026-11-23",
        "Kenyan President William Ruto flew from Nairobi to Addis Ababa on Monday for talks "
        "with Ethiopian Prime Minister Abiy Ahmed.",
        want(
            cameo="042", source="KENGOV", target="ETH*", date="2026-11-23", country="ETH", place="Addis Ababa"
        ),
        id="a-visit-is-placed-at-its-destination",
    ),
    case(
        "2026-11-23",
        "ADDIS ABABA, Nov 23 - Ethiopia and Eritrea agreed on Monday to reopen their border "
        "crossings, officials said.",
        want(
            root="03",
            plover="AGREE",
            source="ETH",
            target="ERI",
            date="2026-11-23",
            country="ETH",
            place="Addis Ababa",
            symmetric=True,
        ),
        id="the-dateline-when-the-sentence-has-no-place",
    ),
    case(
        "2026-11-23",
        "GENEVA, Nov 23 - Armenian and Azerbaijani negotiators met in Doha on Monday, the "
        "Swiss foreign ministry said.",
        want(
            cameo="040",
            source="ARMGOV",
            target="AZEGOV",
            date="2026-11-23",
            country="QAT",
            place="Doha",
            symmetric=True,
        ),
        id="the-sentence-place-beats-the-dateline",
    ),
    case(
        "2024-08-06",
        "Police arrested 30 protesters in Lagos on Tuesday.",
        want(cameo="173", source="NGACOP", target="NGAOPP", date="2024-08-06", country="NGA", place="Lagos"),
        id="unnamed-police-take-the-country-of-the-place",
    ),
    case(
        "2025-06-16",
        "Libyan government forces clashed with a rival militia in Tripoli on Sunday.",
        want(root="19", source="LBY*", target="LBY*", date="2025-06-15", country="LBY", place="Tripoli"),
        id="an-ambiguous-city-by-the-countries-in-the-story",
    ),
    case(
        "2007-05-28",
        "Three US soldiers were killed by a roadside bomb outside of the Iraqi city of Basra on Sunday.",
        want(root="19", target="USAMIL", date="2007-05-27", country="IRQ", place="Basrah"),
        id="outside-of-a-city-and-not-the-victims-country",
    ),
    case(
        "2014-07-18",
        "A Ukrainian military transport plane was shot down over eastern Ukraine on Thursday by a "
        "missile fired by separatist rebels.",
        want(root="19", target="UKRMIL", country="UKR", place="Ukraine"),
        id="shot-down-over-a-country",
    ),
    case(
        "2025-06-16",
        "Japan criticised China on Monday over its growing military spending.",
        want(cameo="111", source="JPN", target="CHN", date="2025-06-16", country=None),
        id="no-place-and-no-dateline",
    ),
]


@pytest.mark.parametrize("date, text, expected", PLACE_CASES)
def test_events_are_placed_where_the_sentence_puts_them(date, text, expected, coder, expect_event):
    events = coder.code(text, date=date)
    for fields in expected:
        expect_event(events, **fields)


def test_a_place_carries_coordinates_and_a_geonames_id(coder, expect_event):
    events = coder.code("US and Iranian negotiators held talks in Geneva on Tuesday.", date="2026-03-10")
    event = expect_event(events, root="04", country="CHE", place="Geneva")
    assert event.location.text == "Geneva"
    assert event.location.geonameid is not None
    assert 46.0 < event.location.lat < 46.4 and 6.0 < event.location.lon < 6.3


def test_an_addressee_is_not_a_location(coder, expect_event):
    events = coder.code(
        "Japanese Prime Minister Fumio Kishida expressed condolences to Turkey on Monday.", date="2023-02-06"
    )
    expect_event(events, cameo="018", source="JPNGOV", target="TUR", country=None)


def test_a_generic_word_in_a_venue_name_is_no_town(coder, expect_no_event):
    # GeoNames has towns called University (Florida) and Hall (Austria); neither is meant here.
    events = coder.code(
        "Police detained dozens of students at Bogazici University on Monday.", date="2021-02-02"
    )
    expect_no_event(events, country="USA")
    expect_no_event(events, country="AUT")


@pytest.mark.parametrize(
    ("text", "place", "country", "precision"),
    [
        # a village the gazetteer does not know keeps its name and the country around it
        (
            "Gunmen killed four farmers in Tumbaruwa, a village in Nigeria's Zamfara state.",
            "Tumbaruwa",
            "NGA",
            "unresolved",
        ),
        # the most specific place the text gives, whatever the tagger called the name
        (
            "Three civilians were killed on Monday in shelling on the village of Kafr Nabudah in northern "
            "Syria.",
            "Kafr Nabudah",
            "SYR",
            "unresolved",
        ),
        (
            "Dozens of people were killed in fighting in Syria's Aleppo province on Friday.",
            "Aleppo",
            "SYR",
            None,
        ),
        # the namesake in the country the story is about, not a bigger one on another continent
        (
            "Israeli troops raided a refugee camp in Bethlehem in the occupied West Bank on Tuesday.",
            "Bethlehem",
            "PSE",
            "city",
        ),
    ],
)
def test_the_most_specific_place_is_kept_even_when_unknown(coder, text, place, country, precision):
    events = coder.code(text, date="2021-05-03")
    assert events
    located = events[0].location
    assert located is not None and place in located.text, events[0]
    assert located.country == country
    if precision:
        assert located.precision == precision
    if precision == "unresolved":
        assert located.lat is None and located.lon is None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # the "of" place of a place noun is narrower than the city named on the noun
        ("In the east Kabul district of Qasaba, a car bomb killed three policemen on Sunday.", "Qasaba"),
        # a name set beside "the capital" is placed like the capital
        ("A journalist was shot dead on Friday in the economic capital, Lagos.", "Lagos"),
        # names the small tagger takes for people or organisations, after a place preposition
        ("Iraqi troops captured two insurgents hiding on a farm in Al-Mashahda on Tuesday.", "Al-Mashahda"),
        ("Insurgents bombed a police post at Tarin Kot on Wednesday.", "Tarin Kot"),
    ],
)
def test_the_place_a_preposition_introduces_is_kept_whatever_the_tagger_called_it(coder, text, place):
    events = coder.code(text, date="2021-05-03")
    located = [e.location for e in events if e.location is not None]
    assert located and all(place in p.text for p in located), [(e.trigger.text, e.location) for e in events]


@pytest.mark.parametrize(
    "text",
    [
        "Protesters rallied at the UN on Monday against the war.",
        "Students protested at Harvard University on Monday against the war.",
    ],
)
def test_an_institution_after_a_preposition_is_no_unknown_town(coder, text):
    events = coder.code(text, date="2021-05-03")
    assert all(e.location is None or e.location.precision != "unresolved" for e in events), [
        (e.trigger.text, e.location) for e in events
    ]


def test_a_country_named_on_a_convoy_says_whose_it_is_not_where(coder):
    events = coder.code(
        "A roadside bomb exploded near a U.S. convoy outside the town of Baiji on Monday, "
        "killing two soldiers.",
        date="2021-05-03",
    )
    located = [e.location for e in events if e.location is not None]
    assert located and all("Baiji" in p.text for p in located), [
        (e.trigger.text, e.location) for e in events
    ]


def test_a_country_named_on_its_capital_is_where(coder):
    events = coder.code(
        "Thousands of students marched through the Kenya capital on Sunday.", date="2021-05-03"
    )
    assert any(e.location is not None and e.location.country == "KEN" for e in events), [
        (e.trigger.text, e.location) for e in events
    ]
