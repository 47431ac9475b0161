"""Event coding: every CAMEO root and PLOVER type from realistic news sentences.

Each case is one sentence with its story date and the events a careful human coder takes
from it: the CAMEO code (the root where a finer code would be a matter of judgement), the
PLOVER type, the source and target actor codes, the date and its precision, and the place.
An actor written ``"KEN*"`` may carry any sector of that country; ``None`` means no actor
(no target) or no location; a field left out is not checked. Symmetric events (meetings,
signings, clashes) must be coded in both directions.

These tests need the trained spaCy model (en_core_web_sm), loaded once per session.
"""

from __future__ import annotations

import pytest

import tidings


def case(date: str, text: str, *expected: dict, id: str, parser_fails: str | None = None):
    """A test case; ``parser_fails`` names a known misparse of the small English model."""
    marks = (
        [pytest.mark.xfail(reason=f"en_core_web_sm misparses this sentence: {parser_fails}", strict=True)]
        if parser_fails
        else []
    )
    return pytest.param(date, text, list(expected), id=id, marks=marks)


def want(**fields) -> dict:
    return fields


# One or more cases for each of the 20 CAMEO roots; together they cover the 16 PLOVER types.
ROOT_CASES = [
    # --- 01 public statements (no PLOVER type)
    case(
        "2023-02-06",
        "Japanese Prime Minister Fumio Kishida expressed condolences to Turkey on Monday "
        "after a powerful earthquake killed thousands of people.",
        want(
            cameo="018",
            plover=None,
            source="JPNGOV",
            target="TUR",
            date="2023-02-06",
            precision="day",
            country=None,
        ),
        id="01-condolences",
    ),
    case(
        "2024-10-07",
        "The Kremlin on Monday declined to comment on reports of an imminent cabinet reshuffle.",
        want(
            cameo="011",
            plover=None,
            source="RUSGOV",
            target=None,
            date="2024-10-07",
            precision="day",
            country=None,
        ),
        id="01-declined-to-comment",
    ),
    # --- 02 appeals
    case(
        "2023-03-15",
        "UN Secretary-General Antonio Guterres on Wednesday urged Russia and Ukraine to resume peace talks.",
        want(cameo="026", plover="REQUEST", source="IGOUNO", target="RUS", date="2023-03-15", country=None),
        want(cameo="026", plover="REQUEST", source="IGOUNO", target="UKR", date="2023-03-15", country=None),
        id="02-urged-to-resume-talks",
    ),
    case(
        "2022-08-30",
        "Pakistan on Tuesday appealed to the International Monetary Fund for emergency loans "
        "after floods submerged a third of the country.",
        want(
            cameo="0231",
            plover="REQUEST",
            source="PAK",
            target="IGOBUSIMF",
            date="2022-08-30",
            precision="day",
            country=None,
        ),
        id="02-appealed-for-loans",
    ),
    # --- 03 expressions of intent
    case(
        "2026-03-10",
        "Germany pledged 300 million euros in humanitarian aid for Sudan on Tuesday at a "
        "donor conference in London.",
        want(
            cameo="0333",
            plover="AGREE",
            source="DEU",
            target="SDN",
            date="2026-03-10",
            precision="day",
            country="GBR",
            place="London",
        ),
        id="03-pledged-humanitarian-aid",
    ),
    case(
        "2025-11-20",
        "Turkish President Recep Tayyip Erdogan offered on Thursday to mediate between Russia and Ukraine.",
        want(cameo="039", plover="AGREE", source="TURGOV", target="RUS", date="2025-11-20", country=None),
        want(cameo="039", plover="AGREE", source="TURGOV", target="UKR", date="2025-11-20", country=None),
        id="03-offered-to-mediate",
    ),
    # --- 04 consultations
    case(
        "2023-06-19",
        "US Secretary of State Antony Blinken met Chinese Foreign Minister Qin Gang in Beijing on Sunday.",
        want(
            cameo="040",
            plover="CONSULT",
            source="USAGOV",
            target="CHNGOV",
            date="2023-06-18",
            precision="day",
            country="CHN",
            place="Beijing",
            symmetric=True,
        ),
        id="04-met",
    ),
    case(
        "2023-06-21",
        "Indian Prime Minister Narendra Modi arrived in Washington on Wednesday for a state visit.",
        want(
            cameo="042",
            plover="CONSULT",
            source="INDGOV",
            target="USA",
            date="2023-06-21",
            country="USA",
            place="Washington",
        ),
        id="04-arrived-for-visit",
    ),
    case(
        "2024-11-21",
        "Turkish President Recep Tayyip Erdogan telephoned Russian President Vladimir Putin "
        "on Thursday to discuss a prisoner exchange.",
        want(
            cameo="041", plover="CONSULT", source="TURGOV", target="RUSGOV", date="2024-11-21", country=None
        ),
        id="04-telephoned",
    ),
    case(
        "2025-01-14",
        "Egyptian President Abdel Fattah al-Sisi hosted Jordan's King Abdullah II in Cairo on Tuesday.",
        want(
            cameo="043",
            plover="CONSULT",
            source="EGYGOV",
            target="JORGOV",
            date="2025-01-14",
            country="EGY",
            place="Cairo",
        ),
        id="04-hosted",
        parser_fails="it tags 'hosted' as an adjective of 'Jordan'",
    ),
    case(
        "2026-11-23",
        "Armenia and Azerbaijan negotiated the final text of a peace treaty in Abu Dhabi on Monday.",
        want(
            cameo="046",
            plover="CONSULT",
            source="ARM",
            target="AZE",
            date="2026-11-23",
            country="ARE",
            place="Abu Dhabi",
            symmetric=True,
        ),
        id="04-negotiated",
    ),
    # --- 05 diplomatic cooperation
    case(
        "2025-11-20",
        "French President Emmanuel Macron praised Kenya on Thursday for its leadership of the "
        "multinational security mission.",
        want(cameo="051", plover="SUPPORT", source="FRAGOV", target="KEN", date="2025-11-20", country=None),
        id="05-praised",
    ),
    case(
        "2026-05-06",
        "Japan and Vietnam signed a defence equipment transfer agreement in Hanoi on Wednesday.",
        want(
            cameo="057",
            plover="SUPPORT",
            source="JPN",
            target="VNM",
            date="2026-05-06",
            country="VNM",
            place="Hanoi",
            symmetric=True,
        ),
        id="05-signed-agreement",
    ),
    case(
        "2025-06-16",
        "German Chancellor Friedrich Merz apologised to Namibia on Monday for colonial-era atrocities.",
        want(cameo="055", plover="SUPPORT", source="DEUGOV", target="NAM", date="2025-06-16", country=None),
        id="05-apologised",
    ),
    # --- 06 material cooperation
    case(
        "2026-02-11",
        "Colombia extradited a suspected leader of the Clan del Golfo to the United States on Wednesday.",
        want(cameo="063", plover="COOPERATE", source="COL", target="USA", date="2026-02-11"),
        id="06-extradited",
    ),
    case(
        "2024-09-12",
        "India and Japan held joint naval exercises off Visakhapatnam on Thursday.",
        want(
            cameo="062",
            plover="COOPERATE",
            source="IND",
            target="JPN",
            date="2024-09-12",
            country="IND",
            symmetric=True,
        ),
        id="06-joint-exercises",
    ),
    # --- 07 aid
    case(
        "2023-02-08",
        "Japan provided $5.5 million in emergency aid to Turkey on Wednesday.",
        want(root="07", plover="AID", source="JPN", target="TUR", date="2023-02-08", precision="day"),
        id="07-provided-aid",
    ),
    case(
        "2024-09-12",
        "Germany granted asylum on Thursday to a Russian journalist who had criticised the war.",
        want(cameo="075", plover="AID", source="DEU", target="RUSMED", date="2024-09-12", country=None),
        id="07-granted-asylum",
    ),
    # --- 08 yielding: CONCEDE (080-083) and RETREAT (084-087)
    case(
        "2024-06-26",
        "The Kenyan government accepted the protesters' demands on Wednesday and withdrew the finance bill.",
        want(
            cameo="083", plover="CONCEDE", source="KENGOV", target="KENOPP", date="2024-06-26", country=None
        ),
        id="08-accepted-demands",
    ),
    case(
        "2026-11-27",
        "Mongolia's prime minister resigned on Friday after weeks of anti-corruption protests.",
        want(cameo="0831", plover="CONCEDE", source="MNGGOV", target=None, date="2026-11-27", country=None),
        id="08-resigned",
    ),
    case(
        "2025-09-18",
        "Russia released a detained American journalist on Thursday.",
        want(cameo="0841", plover="RETREAT", source="RUS", target="USAMED", date="2025-09-18", country=None),
        id="08-released",
    ),
    case(
        "2025-09-18",
        "The United States lifted sanctions on Syria's central bank on Thursday.",
        want(cameo="085", plover="RETREAT", source="USA", target="SYR*", date="2025-09-18", country=None),
        id="08-lifted-sanctions",
    ),
    case(
        "2025-01-14",
        "Bangladesh's interim government lifted the nationwide curfew on Tuesday.",
        want(cameo="0813", plover="RETREAT", source="BGDGOV", target=None, date="2025-01-14", country=None),
        id="08-lifted-curfew",
    ),
    case(
        "2026-11-23",
        "Thailand and Cambodia declared a ceasefire along their disputed border on Monday.",
        want(cameo="0871", plover="RETREAT", source="THA", target="KHM", date="2026-11-23", symmetric=True),
        id="08-declared-ceasefire",
    ),
    # --- 09 investigation
    case(
        "2026-02-11",
        "The International Criminal Court opened an investigation on Wednesday into alleged "
        "war crimes by Russian forces.",
        want(
            root="09", plover="ACCUSE", source="IGOJUDICC", target="RUSMIL", date="2026-02-11", country=None
        ),
        id="09-opened-investigation",
    ),
    # --- 10 demands
    case(
        "2024-03-04",
        "Iran demanded on Monday that the United States release $6 billion in frozen Iranian assets.",
        want(cameo="1053", plover="REQUEST", source="IRN", target="USA", date="2024-03-04", country=None),
        id="10-demanded-release",
    ),
    case(
        "2024-09-12",
        "Ukrainian President Volodymyr Zelensky demanded on Thursday that Russia withdraw its "
        "troops from the Zaporizhzhia nuclear plant.",
        want(cameo="1056", plover="REQUEST", source="UKRGOV", target="RUS*", date="2024-09-12"),
        id="10-demanded-withdrawal",
    ),
    # --- 11 disapproval and accusation
    case(
        "2024-11-21",
        "Chinese Foreign Ministry spokeswoman Mao Ning criticised the United States on "
        "Thursday for approving new arms sales to Taiwan.",
        want(cameo="111", plover="ACCUSE", source="CHNGOV", target="USA", date="2024-11-21", country=None),
        id="11-criticised",
    ),
    case(
        "2023-10-16",
        "Ukraine accused Russia on Monday of war crimes against civilians.",
        want(cameo="1124", plover="ACCUSE", source="UKR", target="RUS", date="2023-10-16", country=None),
        id="11-accused-of-war-crimes",
    ),
    # --- 12 rejection
    case(
        "2024-03-04",
        "Serbia refused on Monday to recognise Kosovo's independence.",
        want(root="12", plover="REJECT", source="SRB", target="XKX", date="2024-03-04", country=None),
        id="12-refused-to-recognise",
    ),
    case(
        "2025-11-20",
        "Hamas rejected an Israeli truce proposal on Thursday.",
        want(root="12", plover="REJECT", source="PSEREB", target="ISR", date="2025-11-20", country=None),
        id="12-rejected-proposal",
    ),
    case(
        "2024-03-04",
        "Russia vetoed a UN Security Council resolution on Monday.",
        want(cameo="129", plover="REJECT", source="RUS", target="IGOUNO", date="2024-03-04"),
        id="12-vetoed",
    ),
    # --- 13 threats
    case(
        "2024-03-04",
        "North Korea threatened on Monday to attack US military bases.",
        want(root="13", plover="THREATEN", source="PRK", target="USAMIL", date="2024-03-04", country=None),
        id="13-threatened-to-attack",
    ),
    case(
        "2025-09-18",
        "The United States will impose new sanctions on Iran, Treasury Secretary Scott "
        "Bessent said on Thursday.",
        want(cameo="1312", plover="THREATEN", source="USA*", target="IRN", date="2025-09-18", country=None),
        id="13-will-impose-sanctions",
    ),
    case(
        "2023-08-25",
        "Niger's military junta issued an ultimatum to France on Friday.",
        want(cameo="139", plover="THREATEN", source="NERMIL", target="FRA", date="2023-08-25"),
        id="13-ultimatum",
    ),
    # --- 14 political dissent
    case(
        "2024-06-25",
        "Thousands of protesters marched through Nairobi on Tuesday against Kenyan President "
        "William Ruto's tax increases.",
        want(
            cameo="141",
            plover="PROTEST",
            source="KENOPP",
            target="KENGOV",
            date="2024-06-25",
            country="KEN",
            place="Nairobi",
        ),
        id="14-protesters-marched",
    ),
    case(
        "2026-02-11",
        "Dozens of Georgian opposition activists began a hunger strike in Tbilisi on Wednesday.",
        want(
            cameo="142", plover="PROTEST", source="GEOOPP", date="2026-02-11", country="GEO", place="Tbilisi"
        ),
        id="14-hunger-strike",
    ),
    case(
        "2025-09-18",
        "Nigerian doctors went on strike on Thursday over unpaid salaries.",
        want(cameo="143", plover="PROTEST", source="NGAHLH", target=None, date="2025-09-18", country=None),
        id="14-went-on-strike",
    ),
    # --- 15 force posture
    case(
        "2025-01-14",
        "China deployed warships and fighter jets near Taiwan on Tuesday.",
        want(cameo="154", plover="MOBILIZE", source="CHN*", target="TWN", date="2025-01-14", country="TWN"),
        id="15-deployed",
    ),
    case(
        "2024-09-12",
        "Pakistan put its air force on high alert on Thursday.",
        want(cameo="152", plover="MOBILIZE", source="PAK*", date="2024-09-12", country=None),
        id="15-high-alert",
    ),
    # --- 16 reducing relations
    case(
        "2023-08-25",
        "Niger's military rulers expelled the French ambassador on Friday.",
        want(root="16", plover="SANCTION", source="NER*", target="FRAGOV", date="2023-08-25", country=None),
        id="16-expelled-ambassador",
    ),
    case(
        "2026-11-27",
        "Nicaragua broke off diplomatic relations with Ecuador on Friday.",
        want(cameo="161", plover="SANCTION", source="NIC", target="ECU", date="2026-11-27", country=None),
        id="16-broke-off-relations",
    ),
    case(
        "2025-03-04",
        "Washington halted all military aid to Ukraine on Monday.",
        want(
            cameo="1622",
            plover="SANCTION",
            source="USAGOV",
            target="UKR",
            date="2025-03-03",
            precision="day",
            country=None,
        ),
        id="16-halted-military-aid",
    ),
    case(
        "2024-11-10",
        "Qatar suspended its mediation between Israel and Hamas on Saturday.",
        want(cameo="165", plover="SANCTION", source="QAT", target="ISR", date="2024-11-09", country=None),
        want(cameo="165", plover="SANCTION", source="QAT", target="PSEREB", date="2024-11-09", country=None),
        id="16-suspended-mediation",
    ),
    case(
        "2024-11-21",
        "The United States imposed sanctions on Thursday on three Chinese companies.",
        want(cameo="163", plover="COERCE", source="USA", target="CHNBUS", date="2024-11-21", country=None),
        id="16-imposed-sanctions",
    ),
    # --- 17 coercion
    case(
        "2025-03-24",
        "Turkish police detained dozens of protesters in Istanbul on Sunday.",
        want(
            cameo="173",
            plover="COERCE",
            source="TURCOP",
            target="TUROPP",
            date="2025-03-23",
            precision="day",
            country="TUR",
            place="Istanbul",
        ),
        id="17-detained",
    ),
    case(
        "2024-08-02",
        "Bangladesh imposed a nationwide curfew on Friday.",
        want(cameo="1723", plover="COERCE", source="BGD*", target=None, date="2024-08-02", country=None),
        id="17-imposed-curfew",
    ),
    # --- 18 unconventional violence
    case(
        "2026-11-29",
        "Gunmen kidnapped more than 40 villagers in Nigeria's Zamfara state on Friday.",
        want(
            cameo="181", plover="ASSAULT", source="NGAUAF", target="NGACVL", date="2026-11-27", country="NGA"
        ),
        id="18-kidnapped",
    ),
    case(
        "2025-06-16",
        "Al-Shabaab carried out a suicide bombing against Somali troops in Mogadishu on Sunday.",
        want(
            cameo="1831",
            plover="ASSAULT",
            source="SOMREB",
            target="SOMMIL",
            date="2025-06-15",
            country="SOM",
            place="Mogadishu",
        ),
        id="18-suicide-bombing",
    ),
    # --- 19 conventional military force
    case(
        "2024-10-07",
        "Israeli warplanes struck Hezbollah positions in southern Lebanon on Sunday.",
        want(root="19", plover="ASSAULT", source="ISRMIL", target="LBNREB", date="2024-10-06", country="LBN"),
        id="19-struck",
    ),
    case(
        "2026-11-29",
        "Indian and Chinese troops clashed on Friday along the disputed border in the Himalayas.",
        want(
            cameo="190", plover="ASSAULT", source="INDMIL", target="CHNMIL", date="2026-11-27", symmetric=True
        ),
        id="19-clashed",
    ),
    # --- 20 mass violence
    case(
        "2025-11-20",
        "Rapid Support Forces fighters massacred hundreds of civilians in El Fasher last month.",
        want(
            cameo="202",
            plover="ASSAULT",
            source="SDNREB",
            target="SDNCVL",
            date="2025-10-01",
            precision="month",
            country="SDN",
            place="El Fasher",
        ),
        id="20-massacred",
    ),
]


@pytest.mark.parametrize("date, text, expected", ROOT_CASES)
def test_cameo_roots_are_coded_from_news_sentences(date, text, expected, coder, expect_event):
    events = coder.code(text, date=date)
    for fields in expected:
        expect_event(events, **fields)


PLOVER_TYPES = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}


def test_the_cases_cover_every_cameo_root_and_plover_type():
    roots, types = set(), set()
    for param in ROOT_CASES:
        for fields in param.values[2]:
            roots.add(fields.get("root") or fields["cameo"][:2])
            types.add(fields.get("plover"))
    assert roots == {f"{n:02d}" for n in range(1, 21)}
    assert types - {None} == PLOVER_TYPES


# --- voice: the passive gives the same source and target as the active -------------------------

VOICE_CASES = [
    case(
        "2021-01-19",
        "The opposition leader Bobi Wine was arrested by Ugandan police on Monday and charged with "
        "inciting violence.",
        want(root="17", source="UGACOP", target="UGA*", date="2021-01-18"),
        want(root="11", source="UGACOP", target="UGA*", date="2021-01-18"),
        id="passive-then-shared-passive",
    ),
    case(
        "2021-01-19",
        "Peru's prime minister was charged by the attorney general on Monday and will resign, "
        "his office said.",
        want(root="17", source="PERJUD", target="PERGOV", date="2021-01-18"),
        want(root="03", source="PERGOV", target=None),
        id="passive-then-active-future",
    ),
    case(
        "2024-03-04",
        "Russian forces shelled Kharkiv on Sunday.",
        want(
            cameo="194",
            plover="ASSAULT",
            source="RUSMIL",
            target="UKR*",
            date="2024-03-03",
            country="UKR",
            place="Kharkiv",
        ),
        id="active-shelled",
    ),
    case(
        "2024-03-04",
        "Kharkiv was shelled by Russian forces on Sunday, regional officials said.",
        want(
            cameo="194",
            plover="ASSAULT",
            source="RUSMIL",
            target="UKR*",
            date="2024-03-03",
            country="UKR",
            place="Kharkiv",
        ),
        id="passive-was-shelled-by",
    ),
    case(
        "2024-03-04",
        "A refugee camp in the Gaza Strip was attacked by Israeli troops on Sunday.",
        want(root="19", plover="ASSAULT", source="ISRMIL", target="PSE*", date="2024-03-03", country="PSE"),
        id="passive-was-attacked-by",
    ),
    case(
        "2025-06-16",
        "Israel was condemned by Turkey on Monday over the killing of aid workers.",
        want(cameo="111", plover="ACCUSE", source="TUR", target="ISR", date="2025-06-16"),
        id="passive-was-condemned-by",
    ),
    case(
        "2026-02-11",
        "Two journalists were arrested by Ethiopian police in Addis Ababa on Wednesday.",
        want(
            cameo="173",
            plover="COERCE",
            source="ETHCOP",
            target="ETHMED",
            date="2026-02-11",
            country="ETH",
            place="Addis Ababa",
        ),
        id="passive-were-arrested-by",
    ),
    case(
        "2026-01-20",
        "Two Chinese fishing boats were seized by the Indonesian navy on Tuesday.",
        want(root="17", plover="COERCE", source="IDNMIL", target="CHN*", date="2026-01-20"),
        id="passive-were-seized-by",
    ),
    case(
        "2026-06-16",
        "Ukrainian President Volodymyr Zelensky was received by Pope Leo XIV at the Vatican on Tuesday.",
        want(cameo="043", plover="CONSULT", source="VAT*", target="UKRGOV", date="2026-06-16"),
        id="passive-was-received-by",
    ),
]


@pytest.mark.parametrize("date, text, expected", VOICE_CASES)
def test_active_and_passive_voice_give_the_same_actors(date, text, expected, coder, expect_event):
    events = coder.code(text, date=date)
    for fields in expected:
        expect_event(events, **fields)


def test_passive_does_not_swap_source_and_target(coder, expect_no_event):
    events = coder.code(
        "Kharkiv was shelled by Russian forces on Sunday, regional officials said.", date="2024-03-04"
    )
    expect_no_event(events, root="19", source="UKR*")


# --- compound actors ---------------------------------------------------------------------------

COMPOUND_CASES = [
    case(
        "2026-11-26",
        "Israel and Lebanon renewed talks on their maritime border on Thursday.",
        want(root="04", plover="CONSULT", source="ISR", target="LBN", date="2026-11-26", symmetric=True),
        id="symmetric-compound-subject",
    ),
    case(
        "2026-02-11",
        "French President Emmanuel Macron, German Chancellor Friedrich Merz and Polish Prime "
        "Minister Donald Tusk met in Paris on Wednesday.",
        want(cameo="040", source="FRAGOV", target="DEUGOV", country="FRA", place="Paris", symmetric=True),
        want(cameo="040", source="DEUGOV", target="POLGOV", country="FRA", symmetric=True),
        want(cameo="040", source="POLGOV", target="FRAGOV", country="FRA", symmetric=True),
        id="symmetric-three-way-meeting",
    ),
    case(
        "2026-03-10",
        "Britain and Canada imposed sanctions on Tuesday on Russian oligarchs.",
        want(cameo="163", plover="COERCE", source="GBR", target="RUSELI", date="2026-03-10"),
        want(cameo="163", plover="COERCE", source="CAN", target="RUSELI", date="2026-03-10"),
        id="one-event-per-source",
    ),
    case(
        "2025-01-14",
        "Kenya deported two Ugandan and three Tanzanian activists on Tuesday.",
        want(cameo="174", plover="COERCE", source="KEN", target="UGAOPP", date="2025-01-14"),
        want(cameo="174", plover="COERCE", source="KEN", target="TZAOPP", date="2025-01-14"),
        id="compound-object-modifiers",
    ),
    case(
        "2024-11-21",
        "The European Union condemned Russia and Belarus on Thursday for the attacks on "
        "Ukraine's power grid.",
        want(cameo="111", plover="ACCUSE", source="IGOEUREEC", target="RUS", date="2024-11-21"),
        want(cameo="111", plover="ACCUSE", source="IGOEUREEC", target="BLR", date="2024-11-21"),
        id="compound-object",
    ),
    case(
        "2025-07-01",
        "Egyptian, Qatari and American mediators met Hamas negotiators in Doha on Tuesday.",
        want(root="04", source="EGY*", target="PSEREB", country="QAT", place="Doha", symmetric=True),
        want(root="04", source="QAT*", target="PSEREB", country="QAT", symmetric=True),
        want(root="04", source="USA*", target="PSEREB", country="QAT", symmetric=True),
        id="coordinated-demonyms",
    ),
]


@pytest.mark.parametrize("date, text, expected", COMPOUND_CASES)
def test_compound_actors_give_one_event_per_participant(date, text, expected, coder, expect_event):
    events = coder.code(text, date=date)
    for fields in expected:
        expect_event(events, **fields)


def test_non_symmetric_compound_subject_is_not_coded_between_its_members(coder, expect_no_event):
    events = coder.code(
        "Britain and Canada imposed sanctions on Tuesday on Russian oligarchs.", date="2026-03-10"
    )
    expect_no_event(events, source="GBR", target="CAN")
    expect_no_event(events, source="CAN", target="GBR")


def test_symmetric_event_is_never_coded_from_an_actor_to_itself(coder):
    events = coder.code(
        "Israel and Lebanon renewed talks on their maritime border on Thursday.", date="2026-11-26"
    )
    assert events
    for event in events:
        if event.source and event.target:
            assert event.source.code != event.target.code, event


# --- offsets ------------------------------------------------------------------------------------

ARTICLE = """Meridian Wire
Erdoğan hosts Zelensky in Istanbul as Ankara offers to mediate
By Selin Aydın and Tom Baker
ISTANBUL, Nov 23 (Meridian Wire) - Turkish President Recep Tayyip Erdoğan hosted Ukrainian President \
Volodymyr Zelensky in Istanbul on Monday and offered to mediate between Kyiv and Moscow.
The two leaders discussed a prisoner exchange and the safety of shipping in the Black Sea, \
Erdoğan’s office said.
“We are ready to host talks between Russia and Ukraine at any moment,” Erdoğan told reporters.
Russian forces shelled the southern city of Kherson on Sunday, killing three civilians, \
the regional governor said. (Photo: Yasin Akgül/AFP via Getty Images)
The Kremlin rejected the offer on Monday and accused Kyiv of stalling.
"""


def _all_texts() -> list[tuple[str, str]]:
    texts = [(param.values[0], param.values[1]) for param in ROOT_CASES + VOICE_CASES + COMPOUND_CASES]
    return texts + [("2026-11-23", ARTICLE)]


@pytest.mark.parametrize("date, text", _all_texts())
def test_every_offset_slices_the_text_exactly(date, text, unrealized_coder):
    events = unrealized_coder.code(text, date=date)
    for event in events:
        for part in (event.source, event.target, event.trigger):
            if part is None:
                continue
            assert 0 <= part.start < part.end <= len(text), (event.cameo, part)
            assert text[part.start : part.end] == part.text, (event.cameo, part)


def test_the_article_yields_events_with_offsets_to_check(unrealized_coder):
    assert len(unrealized_coder.code(ARTICLE, date="2026-11-23")) >= 5


def test_the_trigger_lies_inside_the_events_sentence(unrealized_coder):
    for event in unrealized_coder.code(ARTICLE, date="2026-11-23"):
        assert event.trigger.text in event.sentence


def test_events_of_an_article_come_from_the_right_sentences(coder, expect_event):
    events = coder.code(ARTICLE, date="2026-11-23")
    hosted = expect_event(
        events,
        cameo="043",
        source="TURGOV",
        target="UKRGOV",
        date="2026-11-23",
        country="TUR",
        place="Istanbul",
    )
    assert "hosted Ukrainian President" in hosted.sentence
    shelled = expect_event(
        events, cameo="194", source="RUSMIL", target="UKR*", date="2026-11-22", country="UKR", place="Kherson"
    )
    assert "shelled the southern city of Kherson" in shelled.sentence
    accused = expect_event(
        events, root="11", plover="ACCUSE", source="RUSGOV", target="UKRGOV", date="2026-11-23"
    )
    assert accused.sentence.startswith("The Kremlin rejected")


def test_a_quoted_offer_is_coded_to_its_speaker(coder, expect_event, expect_no_event):
    events = coder.code(ARTICLE, date="2026-11-23")
    expect_event(events, root="03", plover="AGREE", source="TURGOV", target="RUS")
    expect_event(events, root="03", plover="AGREE", source="TURGOV", target="UKR")
    # Russia and Ukraine are who Erdogan offers talks to, not who expresses the intent.
    expect_no_event(events, root="03", source="RUS", target="UKR")
    expect_no_event(events, root="03", source=None)


def test_withdrawing_a_bill_is_not_a_military_retreat(coder, expect_no_event):
    events = coder.code(
        "The Kenyan government accepted the protesters' demands on Wednesday and withdrew the finance bill.",
        date="2024-06-26",
    )
    expect_no_event(events, cameo="0874")


def test_the_reason_for_a_punishment_is_not_a_new_event(coder, expect_event, expect_no_event):
    events = coder.code(
        "A court in Cairo jailed an Egyptian blogger for three years on Sunday for helping "
        "opposition activists abroad.",
        date="2022-05-15",
    )
    expect_event(events, root="17", plover="COERCE", target="EGY*")
    expect_no_event(events, root="07")


def test_protesters_force_is_a_violent_protest(coder, expect_event, expect_no_event):
    # A clash of protesters with the police is one riot, not also the police's assault.
    for text in (
        "Protesters clashed with riot police in central Nairobi on Tuesday as anger over the "
        "finance bill grew.",
        "Riot police clashed with protesters in central Nairobi on Tuesday.",
    ):
        events = coder.code(text, date="2024-06-25")
        expect_event(events, cameo="145", plover="PROTEST", source="KENOPP", target="KENCOP")
        expect_no_event(events, root="19")
    # What the police did to them is an event of its own when the text says it.
    events = coder.code(
        "Protesters clashed with police in Nairobi on Tuesday. Kenyan police fired tear gas at the "
        "demonstrators.",
        date="2024-06-25",
    )
    expect_event(events, cameo="145", source="KENOPP", target="KENCOP")
    expect_event(events, plover="ASSAULT", source="KENCOP", target="KENOPP")
    events = coder.code(
        "Rioters torched a police station and looted shops in Dakar on Friday.", date="2024-06-21"
    )
    expect_event(events, cameo="145", plover="PROTEST", source="SENOPP", target="SENCOP")
    # Armed force stays what it is, whoever uses it.
    events = coder.code(
        "Georgian demonstrators fired rockets at the parliament building in Tbilisi.", date="2024-05-14"
    )
    expect_event(events, cameo="195", plover="ASSAULT", source="GEOOPP")


def test_a_quantity_of_aid_is_aid(coder, expect_event):
    events = coder.code(
        "Saudi Arabia gave Yemen 500 million dollars of aid on Tuesday, and Kuwaiti doctors handed "
        "over 300 kg of medicine to the Yemeni Red Crescent.",
        date="2023-04-11",
    )
    expect_event(events, root="07", plover="AID", source="SAU", target="YEM")
    expect_event(events, root="07", plover="AID", source="KWT*")


def test_people_named_by_a_participle_are_not_an_event(coder, expect_no_event):
    events = coder.code(
        "Red Cross teams evacuated the wounded from the besieged town of Bakhmut on Friday.",
        date="2023-02-03",
    )
    expect_no_event(events, root="19")
    expect_no_event(events, root="18")


def test_abusing_people_is_an_assault_and_abusing_power_is_not(coder, expect_event, expect_no_event):
    events = coder.code(
        "Egyptian prison guards abused political detainees for months, Amnesty International said.",
        date="2022-06-14",
    )
    expect_event(events, root="18", plover="ASSAULT", source="EGYCOP", target="EGYCVL")
    expect_no_event(coder.code("The Egyptian minister abused his power, critics said.", date="2022-06-14"))


def test_a_travel_warning_reduces_relations(coder, expect_event):
    events = coder.code("China warned its citizens on Friday against travel to Japan.", date="2025-11-14")
    expect_event(events, root="16", plover="SANCTION", source="CHN", target="JPN")
    events = coder.code("Canada issued a travel warning for Haiti on Monday.", date="2024-03-04")
    expect_event(events, root="16", plover="SANCTION", source="CAN", target="HTI")


def test_a_rally_is_a_protest_and_rallying_behind_someone_support(coder, expect_event):
    events = coder.code(
        "Thousands of Georgian protesters rallied in Tbilisi on Sunday against the foreign agents law.",
        date="2024-05-12",
    )
    expect_event(events, root="14", plover="PROTEST", source="GEOOPP")
    events = coder.code("Ukrainian opposition parties rallied behind President Zelensky.", date="2022-02-25")
    expect_event(events, root="05", plover="SUPPORT", source="UKROPP", target="UKRGOV")


def test_economic_measures_and_loans(coder, expect_event):
    events = coder.code("The US imposed 25 percent tariffs on Canadian steel on Tuesday.", date="2025-03-11")
    expect_event(events, cameo="163", source="USA", target="CAN")
    events = coder.code("The IMF approved a $3 billion loan for Egypt on Friday.", date="2022-12-16")
    expect_event(events, root="07", plover="AID", source="IGO*", target="EGY")


def test_summoning_an_ambassador_is_a_formal_protest_to_the_envoys_state(coder, expect_event):
    events = coder.code(
        "Iraq summoned the Turkish ambassador on Monday over the air strikes in Dohuk.", date="2022-07-25"
    )
    expect_event(events, cameo="114", plover="ACCUSE", source="IRQ", target="TUR*")


def test_repelling_and_retaliating_are_force_against_the_attacker(coder, expect_event):
    events = coder.code(
        "The Ukrainian military said it had repelled a Russian assault near Bakhmut.", date="2023-03-01"
    )
    expect_event(events, root="19", plover="ASSAULT", source="UKRMIL", target="RUS*")
    events = coder.code("Iran retaliated with missile strikes on Pakistan on Thursday.", date="2024-01-18")
    expect_event(events, cameo="195", source="IRN", target="PAK")


def test_revoking_an_agreement_reduces_relations(coder, expect_event):
    events = coder.code(
        "Niger's junta revoked a military cooperation agreement with the United States.", date="2024-03-17"
    )
    expect_event(events, root="16", plover="SANCTION", source="NERMIL", target="USA")


def test_agreeing_to_a_pause_in_fighting_is_an_intent_to_cease_fire(unrealized_coder, expect_event):
    events = unrealized_coder.code("Israel agreed to a four-day pause in fighting.", date="2023-11-22")
    expect_event(events, root="03", plover="AGREE", source="ISR")
    expect_event(events, cameo="0871", source="ISR", modality="intended")


def test_forcing_an_agency_out_and_cutting_food_supplies_reduce_relations(coder, expect_event):
    events = coder.code(
        "Burkina Faso's junta forced the UN refugee agency out of the country on Monday.", date="2024-06-17"
    )
    expect_event(events, cameo="166", plover="SANCTION", source="BFAMIL", target="IGO*")
    events = coder.code(
        "The World Food Programme reduced food supplies to Afghan refugee camps in Pakistan.",
        date="2023-09-05",
    )
    expect_event(events, root="16", plover="SANCTION", source="IGO*", target="AFGREF")


def test_meeting_demands_is_a_concession_and_meeting_targets_no_event(coder, expect_event, expect_no_event):
    events = coder.code(
        "Ukraine lifted its ban on exhumations, meeting a long-standing demand from Poland.",
        date="2025-01-10",
    )
    expect_event(events, root="08", plover="CONCEDE", source="UKR", target="POL*")
    expect_no_event(events, root="04")
    expect_no_event(coder.code("Kenya met its fiscal targets for the year.", date="2025-01-10"))


def test_expressing_sorrow_is_condolence_and_appreciation_praise(coder, expect_event):
    events = coder.code(
        "Pope Leo expressed sorrow on Sunday for the victims of the flooding in Texas.", date="2025-07-06"
    )
    expect_event(events, cameo="018", source="VATGOV")
    events = coder.code("Kenya expressed appreciation for Japan's assistance on Monday.", date="2025-07-07")
    expect_event(events, root="05", plover="SUPPORT", source="KEN", target="JPN")


def test_claiming_responsibility_for_an_attack_makes_it_the_claimers(coder, expect_event):
    events = coder.code(
        "Al-Shabaab claimed responsibility for Sunday's attack on a hotel in Mogadishu.",
        date="2024-03-18",
    )
    expect_event(events, root="19", plover="ASSAULT", source="SOM*", country="SOM")


def test_a_known_name_the_parser_splits_still_names_its_person(coder, expect_event):
    # The small model reads "Barack" at the start of this sentence as a preposition.
    events = coder.code("Barack Obama and Vladimir Putin met in Zurich to discuss trade.", date="2012-01-01")
    expect_event(events, root="04", source="USAGOV", target="RUSGOV", symmetric=True)


def test_boilerplate_yields_no_actors(unrealized_coder):
    events = unrealized_coder.code(ARTICLE, date="2026-11-23")
    texts = {actor.text for event in events for actor in (event.source, event.target) if actor}
    for furniture in ("Meridian Wire", "Selin Aydın", "Tom Baker", "Yasin Akgül", "AFP", "Getty Images"):
        assert not any(furniture in text for text in texts), (furniture, texts)


def test_default_coder_returns_only_asserted_events(coder):
    events = coder.code(
        "Russian President Vladimir Putin may meet Ukrainian President Volodymyr Zelensky in "
        "Istanbul next week, but he did not meet him on Thursday.",
        date="2025-05-15",
    )
    assert all(event.modality == "asserted" for event in events)


def test_every_event_carries_a_consistent_code_and_classification(unrealized_coder):
    events = unrealized_coder.code(ARTICLE, date="2026-11-23")
    assert isinstance(events, list) and all(isinstance(event, tidings.Event) for event in events)
    for event in events:
        assert event.cameo.startswith(event.cameo_root)
        assert event.quad_class in (1, 2, 3, 4)
        assert -10 <= event.goldstein <= 10


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Russia denied entry to two British journalists at Sheremetyevo on Monday.", "160"),
        ("Pakistan refused visas to the Indian cricket board's delegation.", "160"),
        ("Russian jets violated Turkish airspace on Friday, Ankara said.", "128"),
    ],
)
def test_denials_of_entry_and_violations_of_sovereignty_are_coded(coder, text, code):
    assert code in {e.cameo for e in coder.code(text, date="2023-03-01")}


def test_a_private_breach_of_a_court_order_is_no_political_event(coder):
    assert not coder.code("Her former partner violated a restraining order twice in May.", date="2023-03-01")


def test_a_country_named_again_as_a_destination_is_not_its_own_target(coder):
    text = "The United States said it would deny entry to the United States to the officials."
    events = coder.code(text, date="2023-03-01")
    assert all(e.target is None or e.target.code != e.source.code for e in events if e.source)


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("Opposition leaders vilified President Mnangagwa at a meeting in Harare.", "11"),
        ("Ruling party officials belittled the European Union's election observers.", "11"),
        ("Rioters ransacked the ruling party's office in Kano on Monday.", "14"),
        ("Soldiers plundered the town of Goma before withdrawing.", "17"),
    ],
)
def test_everyday_words_for_criticism_and_damage_are_coded(coder, text, root):
    assert root in {e.cameo_root for e in coder.code(text, date="2023-03-01")}


@pytest.mark.parametrize(
    "text",
    [
        "The Kenyan sprinter smashed the world record in Eugene.",
        "Hospitals evacuated residents after receiving confirmation of a gas leak.",
    ],
)
def test_words_in_their_everyday_sense_are_no_events(coder, text):
    assert not any(e.cameo_root in ("04", "17") for e in coder.code(text, date="2023-03-01"))


def test_a_multiword_event_noun_the_parser_reads_as_a_participle_keeps_its_sense(coder):
    # en_core_web_sm reads "shot" in "a parting shot" as a participle of "parting"
    events = coder.code("The outgoing senator took a parting shot at President Biden.", date="2023-03-01")
    assert [(e.cameo, e.trigger.text) for e in events] == [("111", "took a parting shot")]


@pytest.mark.parametrize(
    "text",
    [
        "Abu Sayyaf militants are holding 14 hostages on Jolo island.",
        "Gunmen took 30 passengers hostage near Kaduna.",
    ],
)
def test_holding_and_taking_hostages_is_abduction(coder, text):
    assert "181" in {e.cameo for e in coder.code(text, date="2023-03-01")}


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("Russia carried out strikes on Kharkiv overnight.", "ASSAULT"),
        ("Junior doctors began a strike on Monday over pay.", "PROTEST"),
        ("Dock workers staged a strike in Rotterdam on Tuesday.", "PROTEST"),
    ],
)
def test_a_strike_on_a_place_is_force_and_a_strike_by_workers_is_protest(coder, text, plover):
    events = coder.code(text, date="2023-03-01")
    assert {e.plover_type for e in events} == {plover}, [(e.cameo, e.trigger.text) for e in events]


def test_two_words_for_one_target_make_one_event(coder):
    events = coder.code("Gunmen took 30 passengers hostage near Kaduna on Sunday.", date="2023-03-01")
    assert len(events) == 1, [(e.cameo, e.trigger.text, e.target.code) for e in events]


@pytest.mark.parametrize(
    ("text", "cameo"),
    [
        ("Russian air strikes on Idlib killed 12 civilians on Sunday.", "195"),
        ("Al-Shabaab fighters killed nine soldiers in an ambush near Baidoa.", "190"),
    ],
)
def test_the_strikes_or_ambush_that_killed_are_the_killing_itself(coder, text, cameo):
    events = coder.code(text, date="2023-03-01")
    assert [e.cameo for e in events] == [cameo], [(e.cameo, e.trigger.text) for e in events]
