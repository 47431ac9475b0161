"""Dating events relative to the story's publication date.

"on Monday" in a story published on a Monday is that day and "on Sunday" the day before;
"last week", "in February" and "last year" are a week, a month and a year, dated by their
first day (a Monday, the 1st, January 1). Periods ("since 2019", "for seven hours") are not
dates; without a time expression an event takes the publication date.

These tests need the trained spaCy model (en_core_web_sm), loaded once per session.
"""

from __future__ import annotations

import pytest

MONDAY = "2026-11-23"
SUNDAY = "2026-11-29"


def case(date: str, text: str, *expected: dict, id: str):
    return pytest.param(date, text, list(expected), id=id)


def want(**fields) -> dict:
    return fields


DATE_CASES = [
    case(
        MONDAY,
        "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in Arusha on " "Monday.",
        want(
            cameo="040",
            source="KENGOV",
            target="TZAGOV",
            date="2026-11-23",
            precision="day",
            country="TZA",
            place="Arusha",
            symmetric=True,
        ),
        id="on-monday-in-a-monday-story",
    ),
    case(
        MONDAY,
        "Ethiopia and Somalia restored diplomatic relations on Sunday.",
        want(
            root="05",
            plover="SUPPORT",
            source="ETH",
            target="SOM",
            date="2026-11-22",
            precision="day",
            symmetric=True,
        ),
        id="on-sunday-is-the-day-before",
    ),
    case(
        MONDAY,
        "South Korea expelled a Russian diplomat on Friday.",
        want(root="16", plover="SANCTION", source="KOR", target="RUSGOV", date="2026-11-20", precision="day"),
        id="on-friday-is-the-previous-friday",
    ),
    case(
        MONDAY,
        "Indonesian President Prabowo Subianto visited Canberra last week.",
        want(cameo="042", source="IDNGOV", target="AUS*", date="2026-11-16", precision="week", country="AUS"),
        id="last-week",
    ),
    case(
        MONDAY,
        "Kenya and Somalia signed a border security pact in February.",
        want(cameo="057", source="KEN", target="SOM", date="2026-02-01", precision="month", symmetric=True),
        id="in-february",
    ),
    case(
        MONDAY,
        "Senegal and Mauritania signed a gas-sharing accord in December.",
        want(cameo="057", source="SEN", target="MRT", date="2025-12-01", precision="month", symmetric=True),
        id="in-december-of-the-previous-year",
    ),
    case(
        "2025-09-18",
        "Indian Prime Minister Narendra Modi visited Kyiv last year.",
        want(cameo="042", source="INDGOV", target="UKR*", date="2024-01-01", precision="year", country="UKR"),
        id="last-year",
    ),
    case(
        MONDAY,
        "Sudanese army drones struck a Rapid Support Forces fuel depot in Nyala three days ago, "
        "witnesses said.",
        want(
            root="19",
            plover="ASSAULT",
            source="SDNMIL",
            target="SDNREB",
            date="2026-11-20",
            precision="day",
            country="SDN",
        ),
        id="three-days-ago",
    ),
    case(
        MONDAY,
        "Moroccan police arrested 12 suspected Islamic State members in Casablanca yesterday.",
        want(
            cameo="173",
            source="MARCOP",
            target="IMGMOSISI",
            date="2026-11-22",
            precision="day",
            country="MAR",
            place="Casablanca",
        ),
        id="yesterday",
    ),
    case(
        MONDAY,
        "Mali expelled the Algerian ambassador last month.",
        want(
            root="16", plover="SANCTION", source="MLI", target="DZAGOV", date="2026-10-01", precision="month"
        ),
        id="last-month",
    ),
    case(
        MONDAY,
        "Pakistani and Afghan officials held talks in Istanbul earlier this month.",
        want(
            root="04",
            source="PAKGOV",
            target="AFGGOV",
            date="2026-11-01",
            precision="month",
            country="TUR",
            symmetric=True,
        ),
        id="earlier-this-month",
    ),
    case(
        MONDAY,
        "Serbia and Kosovo resumed talks in Brussels on March 3.",
        want(
            root="04",
            source="SRB",
            target="XKX",
            date="2026-03-03",
            precision="day",
            country="BEL",
            place="Brussels",
            symmetric=True,
        ),
        id="on-march-3",
    ),
    case(
        MONDAY,
        "Greece and Turkey held talks in Athens on 12 October 2025.",
        want(
            root="04",
            source="GRC",
            target="TUR",
            date="2025-10-12",
            precision="day",
            country="GRC",
            place="Athens",
            symmetric=True,
        ),
        id="on-12-october-2025",
    ),
    case(
        MONDAY,
        "Vietnam and the Philippines signed a coast guard cooperation agreement.",
        want(cameo="057", source="VNM", target="PHL", date="2026-11-23", precision="day", symmetric=True),
        id="no-time-expression-is-the-publication-date",
    ),
    case(
        MONDAY,
        "Turkish troops have occupied parts of northern Syria since 2019.",
        want(cameo="192", source="TURMIL", target="SYR*", date="2026-11-23", precision="day", country="SYR"),
        id="since-2019-is-no-date",
    ),
    case(
        "2023-06-19",
        "Blinken and Qin Gang held talks for seven hours, the State Department said.",
        want(root="04", source="USAGOV", target="CHNGOV", date="2023-06-19", precision="day", symmetric=True),
        id="for-seven-hours-is-no-date",
    ),
    case(
        SUNDAY,
        "Saudi Crown Prince Mohammed bin Salman received Syrian President Ahmed al-Sharaa in Riyadh "
        "on Sunday.",
        want(
            cameo="043",
            source="SAUGOV",
            target="SYRGOV",
            date="2026-11-29",
            precision="day",
            country="SAU",
            place="Riyadh",
        ),
        id="on-sunday-in-a-sunday-story",
    ),
    case(
        SUNDAY,
        "Houthi rebels fired a ballistic missile at Israel on Saturday.",
        want(root="19", plover="ASSAULT", source="YEMREB", target="ISR", date="2026-11-28", precision="day"),
        id="on-saturday-in-a-sunday-story",
    ),
]


@pytest.mark.parametrize("date, text, expected", DATE_CASES)
def test_events_are_dated_relative_to_the_publication_date(date, text, expected, coder, expect_event):
    events = coder.code(text, date=date)
    for fields in expected:
        expect_event(events, **fields)


def test_a_future_visit_next_week_is_dated_to_that_week(unrealized_coder, expect_event):
    events = unrealized_coder.code("Kenyan President William Ruto will visit Beijing next week.", date=MONDAY)
    expect_event(
        events,
        cameo="042",
        source="KENGOV",
        target="CHN*",
        date="2026-11-30",
        precision="week",
        modality="intended",
    )


def test_a_time_expression_dates_only_its_own_event(coder, expect_event):
    text = (
        "Blinken met Chinese Foreign Minister Qin Gang on Sunday. On Monday he held talks with Wang Yi, "
        "China's top diplomat."
    )
    events = coder.code(text, date="2023-06-19")
    first = [event for event in events if event.sentence_index == 0]
    second = [event for event in events if event.sentence_index == 1]
    expect_event(first, root="04", source="USAGOV", target="CHNGOV", date="2023-06-18")
    expect_event(second, root="04", source="USAGOV", target="CHNGOV", date="2023-06-19")


def test_a_date_inside_a_recalled_event_is_not_the_reported_events(coder, expect_event):
    events = coder.code(
        "Britain has advised against all travel to Tunisia after the beach shooting last week.",
        date="2015-07-09",
    )
    expect_event(events, root="16", source="GBR", target="TUN", date="2015-07-09", precision="day")


def test_without_a_publication_date_a_relative_expression_gives_no_date(coder, expect_event):
    events = coder.code("Kenya and Somalia signed a border security pact on Monday.")
    expect_event(events, cameo="057", source="KEN", target="SOM", date=None)
