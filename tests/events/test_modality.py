"""Negated, hypothetical and intended events, and the events that stating an intention is.

The convention (docs and the CAMEO manual): an expressed intention is an asserted event of
its own kind (pledges and plans to cooperate are 03x AGREE, announced conflictual steps are
13x THREATEN), while the planned act itself is 'intended'. Appeals are 02x, demands 10x,
refusals 12x; lifting or halting something codes the end of it. Events that did not happen
("did not meet") are 'negated'; possible ones ("may meet", "if", "it is unclear whether")
are 'hypothetical'. A visit to a capital ("visit Moscow") may be coded to the country or to
its government, so visit targets are checked by country only. Only asserted events are
returned unless ``include_unrealized=True``.

These tests need the trained spaCy model (en_core_web_sm), loaded once per session.
"""

from __future__ import annotations

import pytest


def case(date: str, text: str, *expected: dict, id: str):
    return pytest.param(date, text, list(expected), id=id)


def want(**fields) -> dict:
    return fields


# --- negation ------------------------------------------------------------------------------------

NEGATED_CASES = [
    case(
        "2025-05-15",
        "Russian President Vladimir Putin did not meet Ukrainian President Volodymyr Zelensky "
        "in Istanbul on Thursday.",
        want(
            root="04",
            plover="CONSULT",
            source="RUSGOV",
            target="UKRGOV",
            date="2025-05-15",
            country="TUR",
            place="Istanbul",
            modality="negated",
        ),
        id="did-not-meet",
    ),
    case(
        "2024-03-04",
        "No talks were held between Serbia and Kosovo on Monday.",
        want(root="04", plover="CONSULT", source="SRB", target="XKX", date="2024-03-04", modality="negated"),
        id="no-talks-were-held",
    ),
    case(
        "2026-01-20",
        "North Korean leader Kim Jong Un has never visited Japan.",
        want(cameo="042", plover="CONSULT", source="PRKGOV", target="JPN", modality="negated"),
        id="never-visited",
    ),
    case(
        "2026-11-23",
        "Egypt denied on Monday that it had sent weapons to the Sudanese army.",
        want(root="07", plover="AID", source="EGY", target="SDNMIL", modality="negated"),
        id="denied-that-it-sent-weapons",
    ),
]


@pytest.mark.parametrize("date, text, expected", NEGATED_CASES)
def test_negated_events_are_coded_as_negated(date, text, expected, unrealized_coder, expect_event):
    events = unrealized_coder.code(text, date=date)
    for fields in expected:
        expect_event(events, **fields)


@pytest.mark.parametrize("date, text, expected", NEGATED_CASES)
def test_negated_events_are_not_asserted(date, text, expected, coder, expect_no_event):
    events = coder.code(text, date=date)
    for fields in expected:
        expect_no_event(
            events,
            root=fields.get("root") or fields["cameo"][:2],
            source=fields["source"],
            target=fields["target"],
        )


def test_refusing_to_meet_is_an_asserted_rejection(coder, expect_event, expect_no_event):
    events = coder.code(
        "Ukrainian President Volodymyr Zelensky refused on Friday to meet Hungarian Prime "
        "Minister Viktor Orban.",
        date="2024-08-02",
    )
    expect_event(events, cameo="125", plover="REJECT", source="UKRGOV", target="HUNGOV", date="2024-08-02")
    expect_no_event(events, root="04")


# --- hypotheticals --------------------------------------------------------------------------------

HYPOTHETICAL_CASES = [
    case(
        "2026-01-20",
        "US President Donald Trump may meet North Korean leader Kim Jong Un at the border next month.",
        want(root="04", plover="CONSULT", source="USAGOV", target="PRKGOV", modality="hypothetical"),
        id="may-meet",
    ),
    case(
        "2026-01-20",
        "Chinese President Xi Jinping could visit Moscow in the spring, a Kremlin aide said.",
        want(cameo="042", plover="CONSULT", source="CHNGOV", target="RUS*", modality="hypothetical"),
        id="could-visit",
    ),
    case(
        "2023-06-19",
        "It is still unclear whether Blinken will meet Chinese President Xi Jinping before he "
        "leaves Beijing.",
        want(root="04", plover="CONSULT", source="USAGOV", target="CHNGOV", modality="hypothetical"),
        id="unclear-whether",
    ),
    case(
        "2025-09-18",
        "If Russia attacks Estonia, the alliance will respond with force, NATO Secretary "
        "General Mark Rutte said on Thursday.",
        want(root="19", plover="ASSAULT", source="RUS", target="EST", modality="hypothetical"),
        id="if-attacks",
    ),
    case(
        "2023-11-20",
        "Should Hamas free the hostages, Israel would halt its offensive in Gaza.",
        want(root="08", plover="RETREAT", source="ISR", target="PSE", modality="hypothetical"),
        id="should-then-would",
    ),
    case(
        "2024-10-07",
        "Japanese Prime Minister Shigeru Ishiba is likely to visit Seoul later this month.",
        want(cameo="042", plover="CONSULT", source="JPNGOV", target="KOR*", modality="hypothetical"),
        id="likely-to-visit",
    ),
]


@pytest.mark.parametrize("date, text, expected", HYPOTHETICAL_CASES)
def test_possible_events_are_hypothetical(date, text, expected, unrealized_coder, expect_event):
    events = unrealized_coder.code(text, date=date)
    for fields in expected:
        expect_event(events, **fields)


@pytest.mark.parametrize("date, text, expected", HYPOTHETICAL_CASES)
def test_possible_events_are_not_asserted(date, text, expected, coder, expect_no_event):
    events = coder.code(text, date=date)
    for fields in expected:
        expect_no_event(
            events,
            root=fields.get("root") or fields["cameo"][:2],
            source=fields["source"],
            target=fields["target"],
        )


def test_a_conditional_intention_reported_by_its_holder_is_still_stated(coder, expect_event):
    events = coder.code(
        "Houthi leaders said on Monday they would meet the UN envoy if he guaranteed their safety.",
        date="2024-06-17",
    )
    expect_event(events, root="03", plover="AGREE", source="YEMREB", target="IGOUNO")


def test_warning_that_someone_else_could_strike_is_no_threat(coder, expect_no_event):
    events = coder.code(
        "Israel could strike Iranian nuclear sites within weeks, analysts warned on Monday.",
        date="2024-10-07",
    )
    expect_no_event(events, root="13")
    expect_no_event(events, root="19")


def test_could_impose_sanctions_asserts_no_sanctions(coder, expect_no_event):
    text = (
        "The European Union could impose sanctions on Georgian officials over the crackdown on "
        "protesters, EU foreign policy chief Kaja Kallas said on Monday."
    )
    events = coder.code(text, date="2025-06-16")
    expect_no_event(events, root="16", source="IGOEUREEC")
    expect_no_event(events, cameo="163", source="IGOEUREEC")


# --- intentions: asserted 03x/13x for the statement, 'intended' for the planned act --------------

INTENTION_CASES = [
    case(
        "2025-01-19",
        "Israel agreed on Sunday to release 90 Palestinian prisoners in the first phase of "
        "the ceasefire deal.",
        want(cameo="0353", plover="AGREE", source="ISR", target="PSE*", date="2025-01-19"),
        want(cameo="0841", plover="RETREAT", source="ISR", target="PSE*", modality="intended"),
        id="agreed-to-release",
    ),
    case(
        "2024-06-25",
        "Indian Prime Minister Narendra Modi will visit Moscow next month, the Kremlin said on Tuesday.",
        want(cameo="036", plover="AGREE", source="INDGOV", target="RUS*", date="2024-06-25", precision="day"),
        want(
            cameo="042",
            plover="CONSULT",
            source="INDGOV",
            target="RUS*",
            date="2024-07-01",
            precision="month",
            modality="intended",
        ),
        id="will-visit",
    ),
    case(
        "2026-01-20",
        "Japanese Prime Minister Sanae Takaichi plans to visit Washington in March.",
        want(cameo="036", plover="AGREE", source="JPNGOV", target="USA*", date="2026-01-20"),
        want(
            cameo="042",
            plover="CONSULT",
            source="JPNGOV",
            target="USA*",
            date="2026-03-01",
            precision="month",
            country="USA",
            modality="intended",
        ),
        id="plans-to-visit",
    ),
    case(
        "2025-03-24",
        "Brazilian President Luiz Inacio Lula da Silva said on Monday he hopes to meet "
        "Chinese President Xi Jinping in Beijing in May.",
        want(cameo="036", plover="AGREE", source="BRAGOV", target="CHNGOV", date="2025-03-24"),
        want(
            root="04",
            plover="CONSULT",
            source="BRAGOV",
            target="CHNGOV",
            date="2025-05-01",
            precision="month",
            country="CHN",
            modality="intended",
        ),
        id="hopes-to-meet",
    ),
    case(
        "2024-09-12",
        "Germany promised on Thursday to deliver two more Patriot air defence systems to Ukraine.",
        want(cameo="0332", plover="AGREE", source="DEU", target="UKR", date="2024-09-12"),
        want(root="07", plover="AID", source="DEU", target="UKR", modality="intended"),
        id="promised-to-deliver-weapons",
    ),
    case(
        "2025-09-18",
        "The United States will impose new sanctions on Iran, Treasury Secretary Scott "
        "Bessent said on Thursday.",
        want(cameo="1312", plover="THREATEN", source="USA*", target="IRN", date="2025-09-18"),
        want(cameo="163", plover="COERCE", source="USA*", target="IRN", modality="intended"),
        id="will-impose-sanctions",
    ),
]


@pytest.mark.parametrize("date, text, expected", INTENTION_CASES)
def test_stated_intentions_are_asserted_and_the_planned_act_intended(
    date, text, expected, unrealized_coder, expect_event
):
    events = unrealized_coder.code(text, date=date)
    for fields in expected:
        expect_event(events, **fields)


@pytest.mark.parametrize("date, text, expected", INTENTION_CASES)
def test_planned_acts_are_not_asserted(date, text, expected, coder, expect_no_event):
    events = coder.code(text, date=date)
    for fields in expected:
        if fields.get("modality") == "intended":
            expect_no_event(
                events,
                root=fields.get("root") or fields["cameo"][:2],
                source=fields["source"],
                target=fields["target"],
            )


def test_scheduled_then_delayed_visit_is_not_asserted(coder, expect_no_event):
    events = coder.code(
        "Blinken was originally scheduled to visit China in February, but his trip was "
        "delayed by the discovery of a Chinese spy balloon.",
        date="2023-06-19",
    )
    expect_no_event(events, root="04")


# --- appeals, demands, refusals and endings (more in test_events.py: 1053, 085, 0813, 165, 1622) ----

FRAMED_CASES = [
    case(
        "2024-03-03",
        "The Arab League called on Israel on Sunday to withdraw its forces from Gaza.",
        want(cameo="0256", plover="REQUEST", source="IGOMEAARL", target="ISR", date="2024-03-03"),
        id="called-on-to-withdraw",
    ),
    case(
        "2025-02-18",
        "EU foreign policy chief Kaja Kallas urged Serbia and Kosovo on Tuesday to resume negotiations.",
        want(cameo="026", plover="REQUEST", source="IGOEUREEC", target="SRB", date="2025-02-18"),
        want(cameo="026", plover="REQUEST", source="IGOEUREEC", target="XKX", date="2025-02-18"),
        id="urged-to-resume-negotiations",
    ),
    case(
        "2025-11-20",
        "Venezuela refused on Thursday to release the detained opposition politicians.",
        want(root="12", plover="REJECT", source="VEN", target="VENOPP", date="2025-11-20"),
        id="refused-to-release",
    ),
    case(
        "2026-11-27",
        "Egypt ended its mediation between Ethiopia and Sudan on Friday.",
        want(cameo="165", plover="SANCTION", source="EGY", target="ETH", date="2026-11-27"),
        want(cameo="165", plover="SANCTION", source="EGY", target="SDN", date="2026-11-27"),
        id="ended-mediation",
    ),
    case(
        "2026-11-27",
        "Israel eased its blockade of the Gaza Strip on Friday.",
        want(root="08", source="ISR", target="PSE*", date="2026-11-27"),
        id="eased-blockade",
    ),
    case(
        "2026-11-27",
        "Pakistan's military demanded on Friday that Afghanistan's Taliban government hand "
        "over militant commanders.",
        want(root="10", plover="REQUEST", source="PAKMIL", target="AFGGOV", date="2026-11-27"),
        id="demanded-hand-over",
    ),
]


@pytest.mark.parametrize("date, text, expected", FRAMED_CASES)
def test_framing_verbs_recode_the_event_they_frame(date, text, expected, coder, expect_event):
    events = coder.code(text, date=date)
    for fields in expected:
        expect_event(events, **fields)


def test_lifted_sanctions_are_not_coded_as_imposing_them(coder, expect_no_event):
    events = coder.code(
        "The United States lifted sanctions on Syria's central bank on Thursday.", date="2025-09-18"
    )
    expect_no_event(events, cameo="163")


def test_appeal_does_not_assert_the_appealed_for_act(coder, expect_no_event):
    events = coder.code(
        "The Arab League called on Israel on Sunday to withdraw its forces from Gaza.", date="2024-03-03"
    )
    expect_no_event(events, root="08", source="ISR*")


def test_a_claim_is_an_accusation_and_what_is_claimed_stays_unconfirmed(
    coder, unrealized_coder, expect_event, expect_no_event
):
    text = "Moscow claimed on Friday that Ukrainian forces had shelled the Zaporizhzhia nuclear plant."
    events = coder.code(text, date="2022-08-12")
    expect_event(events, root="11", plover="ACCUSE", source="RUS*", target="UKRMIL")
    expect_no_event(events, root="19")
    expect_event(unrealized_coder.code(text, date="2022-08-12"), root="19", modality="hypothetical")


def test_claiming_responsibility_is_not_doubt(unrealized_coder, expect_no_event):
    events = unrealized_coder.code(
        "The Pakistani Taliban claimed responsibility for the bombing of a police station in Peshawar.",
        date="2023-01-31",
    )
    expect_no_event(events, modality="hypothetical")


def test_a_state_claiming_its_own_gains_accuses_no_one(coder, expect_no_event):
    events = coder.code("Russia claimed its forces captured the village of Pisky.", date="2022-08-25")
    expect_no_event(events, root="11")


def test_a_past_clause_under_a_future_one_states_its_own_fact(coder):
    text = "The choir will have to sing from afar after its members were denied visas by Canada."
    events = coder.code(text, date="2023-03-01")
    assert [(e.cameo, e.modality, e.source.code) for e in events] == [("160", "asserted", "CAN")]


def test_a_clause_in_the_present_under_a_future_one_is_still_to_come(unrealized_coder):
    text = "The two foreign ministers will sign the accord after they meet in Vienna."
    events = unrealized_coder.code(text, date="2023-03-01")
    assert not any(e.modality == "asserted" and e.cameo_root == "05" for e in events)


def test_a_conviction_establishes_the_act_an_accusation_only_alleges(unrealized_coder):
    convicted = unrealized_coder.code(
        "A court in Kigali convicted two militia leaders of torturing prisoners.", date="2023-03-01"
    )
    accused = unrealized_coder.code(
        "Amnesty accused two militia leaders of torturing prisoners.", date="2023-03-01"
    )
    assert {e.modality for e in convicted if e.cameo_root == "18"} == {"asserted"}
    assert {e.modality for e in accused if e.cameo_root == "18"} == {"hypothetical"}


@pytest.mark.parametrize(
    "text",
    [
        "Egyptian police arrested dozens of activists in anticipation of mass protests on Friday.",
        "Troops were deployed in Jos amid fears of clashes between the two communities.",
    ],
)
def test_events_anticipated_or_feared_have_not_happened(coder, text):
    events = coder.code(text, date="2023-03-01")
    assert not any(e.plover_type in ("PROTEST", "ASSAULT") for e in events), [
        (e.cameo, e.trigger.text) for e in events
    ]
