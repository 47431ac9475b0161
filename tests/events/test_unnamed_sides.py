"""Events whose sides the text leaves unnamed are kept; disasters, accidents and disease are no one's act."""

import pytest

from tidings.events.causes import CAUSES


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("Violent protests broke out in three provinces of Ecuador on Thursday.", "14"),
        ("Dozens of people were wounded in two grenade attacks on a bus station in Mombasa.", "19"),
        ("A suicide bomber blew himself up outside a police academy in Quetta on Friday.", "18"),
        ("Heavy fighting raged overnight on the outskirts of the town, residents said.", "19"),
    ],
)
def test_an_event_with_no_named_side_is_kept_with_null_sides(coder, text, root):
    events = [e for e in coder.code(text, date="2022-04-08") if e.cameo_root == root]
    assert events, f"no {root} event in {text!r}: {coder.code(text, date='2022-04-08')}"
    unnamed = [e for e in events if e.source is None and e.target is None]
    assert all(e.confidence <= 0.5 for e in unnamed)


@pytest.mark.parametrize(
    "text",
    [
        "The earthquake killed at least 40 people and injured hundreds in the mountain villages.",
        "Four workers were injured when a boiler exploded at a textile factory near Dhaka.",
        "Two people died and six were hurt in a crash between a bus and a lorry on the motorway.",
        "Police are investigating a crash that left three people in hospital.",
        "Floods swept away homes and killed 12 people in the northern province.",
        "A gas cylinder exploded in a crowded restaurant in Karachi on Friday.",
    ],
)
def test_disasters_accidents_and_disease_yield_no_event(coder, text):
    events = coder.code(text, date="2022-04-08")
    assert not events, events


def test_a_named_attacker_is_an_attack_even_beside_a_disaster(coder):
    text = "Gunmen killed five aid workers who were helping flood victims in Borno state."
    assert any(e.cameo_root in ("18", "19") for e in coder.code(text, date="2022-04-08"))


def test_talks_with_no_one_named_are_no_event(coder):
    assert not coder.code("Talks were held on Monday.", date="2022-04-08")


def test_the_causes_are_data():
    assert {"earthquake", "crash", "cholera"} <= CAUSES


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("Militants set off a roadside bomb as an army convoy passed near Pulwama on Monday.", "18"),
        ("Two soldiers suffered gunshot wounds when insurgents ambushed their patrol.", "19"),
        ("Government helicopters dropped barrel bombs on rebel-held districts of the city.", "19"),
        ("Investigators said the army used sarin against villagers in the province.", "20"),
        ("A missile hit a crowded market in the eastern town, killing 12.", "19"),
        ("Thousands of protesters gathered outside the parliament in Tbilisi on Sunday.", "14"),
        ("A car bomb exploded outside a police station in Kabul on Friday.", "18"),
        ("A helicopter dropped containers of chlorine gas on the town, rescuers said.", "19"),
        ("A soldier was killed in a limpet blast along the border on Tuesday.", "19"),
        ("The opposition leader hit out at the government over the rising cost of fuel.", "11"),
        ("The two parties sealed a deal on a coalition government late on Friday.", "05"),
    ],
)
def test_everyday_news_language_for_force_protest_and_criticism(coder, text, root):
    events = coder.code(text, date="2022-04-08")
    assert any(e.cameo_root == root for e in events), [(e.cameo, e.trigger.text) for e in events]


@pytest.mark.parametrize(
    "text",
    [
        "Inflation hit 10 percent in March, the statistics office said.",
        "Covid-19 cases dropped for a fifth week in the province.",
        "The airline dropped its plans for a new route to Lisbon.",
    ],
)
def test_the_same_words_outside_force_are_no_event(coder, text):
    assert not coder.code(text, date="2022-04-08")


def test_armed_forces_that_march_advance_rather_than_protest(coder):
    text = "Government forces captured the town and marched deeper into a rebel-held district on Sunday."
    events = coder.code(text, date="2022-04-08")
    coded = [(e.cameo, e.trigger.text) for e in events]
    assert events and not any(e.cameo_root == "14" for e in events), coded


def test_repressed_protesters_protested(coder):
    text = "Riot police fired tear gas at thousands of demonstrators in Nairobi."
    events = coder.code(text, date="2022-04-08")
    assert {e.cameo for e in events} >= {"175", "141"}


def test_idioms_are_read_as_what_they_mean(coder):
    text = "The finance minister took a swipe at the central bank over inflation."
    swipe = coder.code(text, date="2022-04-08")
    assert [e.cameo_root for e in swipe] == ["11"]
    text = "Shashi Tharoor, a lawmaker hailing from Kerala, spoke on Monday."
    hailing = coder.code(text, date="2022-04-08")
    assert not any(e.cameo_root == "05" for e in hailing)


def test_what_protesters_demand_is_what_they_protest_for(coder):
    text = "Thousands of protesters marched in Lagos to demand an end to police brutality."
    events = coder.code(text, date="2022-04-08")
    assert {e.plover_type for e in events} == {"PROTEST"}, [(e.cameo, e.trigger.text) for e in events]


@pytest.mark.parametrize(
    "text",
    [
        "The UAE-backed Southern Transitional Council took control of the port on Thursday.",
        "Government troops backed by Russian air power pushed toward Saraqeb on Tuesday.",
        "Residents fled as militias backed by Iran moved into the district.",
    ],
)
def test_a_participle_of_support_describing_a_noun_is_a_standing_relation(coder, text):
    assert not any(e.cameo_root == "05" for e in coder.code(text, date="2022-04-08"))


@pytest.mark.parametrize(
    ("text", "root", "coded"),
    [
        # a standing state or a look at a place is no event ...
        (
            "A ceasefire between the Yemeni internationally recognised government and the Houthis held.",
            "05",
            False,
        ),
        (
            "Al-Shabab fighters attacked a military camp outside Afgoye hosting government forces.",
            "04",
            False,
        ),
        ("Turkey hosts 3.6 million Syrian refugees, more than any other country.", "04", False),
        ("Policemen inspect the site of a grenade attack in Pljevlja on Wednesday.", "09", False),
        # ... where the same verbs acting on someone are events
        ("Sweden formally recognised the state of Palestine on Thursday.", "05", True),
        ("Jordan hosted Iraqi Prime Minister Mustafa al-Kadhimi in Amman on Sunday.", "04", True),
        ("Police investigators inspected the offices of the opposition party in Ankara.", "09", True),
    ],
)
def test_a_verb_is_an_event_when_it_acts_on_someone(coder, text, root, coded):
    events = coder.code(text, date="2022-04-08")
    assert any(e.cameo_root == root for e in events) == coded, [(e.cameo, e.trigger.text) for e in events]


def test_an_explosion_is_an_accident_unless_a_weapon_is_named(coder):
    accident = "A worker was killed and three others were hurt when an explosion ripped through a warehouse."
    assert not coder.code(accident, date="2022-04-08")
    attack = "Two soldiers were killed and four wounded in a landmine explosion near the border on Sunday."
    assert any(e.cameo_root in ("18", "19") for e in coder.code(attack, date="2022-04-08"))


def test_counted_people_can_be_the_victims_of_an_unnamed_attack(coder):
    text = "Four guards were killed and 16 others were wounded when three car bombs detonated in Baghdad."
    assert any(e.cameo_root in ("18", "19") for e in coder.code(text, date="2022-04-08"))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The ministry rejected the allegations as baseless on Tuesday.", "016"),
        ("Israeli air defences intercepted two rockets fired from Gaza.", "190"),
        ("Ukrainian forces liberated the village of Robotyne after weeks of fighting.", "192"),
    ],
)
def test_denials_interceptions_and_liberations(coder, text, code):
    assert code in {e.cameo for e in coder.code(text, date="2023-08-28")}


def test_a_base_hosting_troops_is_no_visit(coder):
    events = coder.code("Militants attacked a base hosting US troops in western Iraq.", date="2023-08-28")
    assert not any(e.cameo_root == "04" for e in events)


def test_holding_meetings_is_consulting_others_the_text_does_not_name(coder):
    events = coder.code(
        "Chancellor Olaf Scholz held meetings on the energy crisis in Berlin on Monday.", date="2022-09-05"
    )
    assert [(e.cameo, e.source.code, e.target) for e in events] == [("040", "DEUGOV", None)]


def test_a_body_convening_is_no_consultation(coder):
    assert not coder.code("The Italian cabinet met on Monday evening.", date="2022-09-05")


@pytest.mark.parametrize(
    "text",
    [
        "Cyclone Freddy killed more than 400 people in Malawi.",
        "Typhoon Rai killed 375 people in the Philippines.",
    ],
)
def test_a_named_storm_is_no_one(coder, text):
    assert not coder.code(text, date="2023-03-20")


def test_a_cause_s_word_in_an_organisation_s_name_is_no_cause(coder):
    text = "An officer of the Desert Storm Brigade was killed by a roadside bomb near Tikrit."
    events = coder.code(text, date="2023-03-20")
    assert events and {e.cameo_root for e in events} <= {"18", "19"}


def test_the_ambush_a_killing_happened_in_is_the_same_act(coder):
    events = coder.code(
        "Al-Shabaab fighters killed nine soldiers in an ambush near Baidoa.", date="2023-03-20"
    )
    assert len(events) == 1, [(e.cameo, e.trigger.text) for e in events]
