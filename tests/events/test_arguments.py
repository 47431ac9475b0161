"""Who takes part in an event: sources and targets from the parse.

The subject of what is alleged, the party a threat must move, whom a demand is addressed to,
the receiver of what is sent, the side a town is taken from; what talks are about, the weapons
an attack is made with and the things two sides exchange are no parties. Sentences are news
style, written for these tests.

These tests need the trained spaCy model (en_core_web_sm), loaded once per session.
"""

from __future__ import annotations


def test_an_allegation_is_against_the_subject_of_what_is_alleged(coder, expect_event):
    events = coder.code(
        "Ethiopia alleged on Tuesday that Eritrea was arming rebels in the Tigray region.",
        date="2021-03-09",
    )
    expect_event(events, root="11", plover="ACCUSE", source="ETH", target="ERI*")


def test_weapons_stand_for_the_force_that_fires_them(coder, expect_event):
    events = coder.code(
        "Three farmers were killed in Ethiopian drone strikes near the border town of Metema, "
        "local officials said.",
        date="2022-01-10",
    )
    expect_event(events, root="19", source="ETH*")


def test_dispersing_protesters_is_repression(coder, expect_event, expect_no_event):
    events = coder.code(
        "Liberian riot police fired tear gas to disperse demonstrators protesting the election "
        "results in Monrovia on Thursday.",
        date="2023-10-19",
    )
    expect_event(events, cameo="175", source="LBRCOP", target="LBROPP")
    # The participle's subject is the noun it qualifies: the demonstrators protest, not the police.
    expect_event(events, root="14", plover="PROTEST", source="LBROPP")
    expect_no_event(events, root="14", source="LBRCOP")
    expect_no_event(coder.code("The crowd dispersed peacefully after the speech.", date="2023-10-19"))


def test_what_talks_are_about_is_not_a_party_to_them(coder, expect_event, expect_no_event):
    events = coder.code(
        "Armenia and Azerbaijan resumed negotiations on Tuesday on a Russian troop withdrawal "
        "from Nagorno-Karabakh.",
        date="2023-05-02",
    )
    expect_event(events, root="04", source="ARM", target="AZE", symmetric=True)
    expect_no_event(events, root="04", target="RUS*")


def test_a_failure_to_agree_is_between_those_who_failed(coder, expect_event, expect_no_event):
    events = coder.code(
        "Serbia and Kosovo failed to reach agreement on the status of Serbian municipalities "
        "in Brussels on Monday.",
        date="2023-03-20",
    )
    expect_event(events, root="12", source="SRB", target="XKX")
    expect_event(events, root="12", source="XKX", target="SRB")
    expect_no_event(events, root="12", source="SRB", target="SRB*")


def test_a_demanded_withdrawal_is_demanded_of_who_withdraws(coder, expect_event, expect_no_event):
    events = coder.code(
        "EU foreign ministers demanded the withdrawal of Russian forces from Moldova on Monday, "
        "diplomats said.",
        date="2022-03-21",
    )
    expect_event(events, root="10", plover="REQUEST", source="IGOEUR*", target="RUSMIL")
    expect_no_event(events, root="10", target="MDA")


def test_a_weapon_is_someones_attack_and_a_landslide_no_ones(coder, expect_event, expect_no_event):
    events = coder.code(
        "Two Nigerian soldiers were killed by a bomb planted by Boko Haram fighters near Maiduguri "
        "on Saturday.",
        date="2021-04-12",
    )
    expect_event(events, root="19", plover="ASSAULT", source="NGAREB", target="NGAMIL")
    events = coder.code(
        "Four Afghan policemen were killed by an improvised explosive device in Helmand on Monday.",
        date="2019-09-03",
    )
    expect_event(events, root="19", plover="ASSAULT", target="AFGCOP")
    expect_no_event(
        coder.code("Twelve villagers were killed by a landslide in Nepal on Monday.", date="2021-08-02")
    )


def test_up_to_a_number_of_people_are_the_target(coder, expect_event):
    events = coder.code(
        "Islamist militants kidnapped up to 20 Nigerian schoolgirls from a village in Borno state.",
        date="2021-02-26",
    )
    expect_event(events, root="18", plover="ASSAULT", target="NGA*")


def test_its_citizens_are_the_owners_not_the_places(coder, expect_event, expect_no_event):
    events = coder.code(
        "Canada urged its citizens on Monday to leave Lebanon as fighting intensified.", date="2024-09-23"
    )
    expect_event(events, root="02", source="CAN*", target="CANCVL")
    expect_no_event(events, target="LBNCVL")


def test_accepting_demands_concedes_to_whom_they_come_from(coder, expect_event):
    events = coder.code(
        "The Sudanese government on Thursday accepted demands from Darfur rebels for a share of oil revenue.",
        date="2006-05-04",
    )
    expect_event(events, root="08", plover="CONCEDE", source="SDNGOV", target="SDNREB")


def test_a_threat_is_against_whoever_must_act_to_avert_it(coder, expect_event):
    events = coder.code(
        "Turkey threatened on Monday to launch a new ground operation unless Sweden extradited the suspects.",
        date="2023-01-23",
    )
    expect_event(events, root="13", plover="THREATEN", source="TUR", target="SWE*")
    events = coder.code(
        "Russia threatened to halt gas deliveries if Moldova failed to pay its debts.", date="2022-10-24"
    )
    expect_event(events, root="13", plover="THREATEN", source="RUS", target="MDA*")


def test_a_framed_act_with_no_code_still_names_whom_it_concerns(coder, expect_event):
    events = coder.code(
        "Ukraine threatened on Tuesday to cut off transit of oil to Hungary over its veto.",
        date="2024-07-16",
    )
    expect_event(events, root="13", plover="THREATEN", source="UKR", target="HUN")


def test_exchanges_of_fire_and_of_prisoners_are_between_the_two_sides(coder, expect_event, expect_no_event):
    events = coder.code(
        "India and Pakistan exchanged fire across the Line of Control on Sunday.", date="2025-05-04"
    )
    expect_event(events, root="19", plover="ASSAULT", source="IND", target="PAK", symmetric=True)
    events = coder.code("Russia and Ukraine exchanged 90 prisoners of war on Friday.", date="2024-06-21")
    expect_event(events, cameo="0841", source="RUS", target="UKR", symmetric=True)
    expect_no_event(events, target="CVL")


def test_a_town_is_recaptured_from_whoever_held_it(coder, expect_event):
    events = coder.code("Somali forces recaptured the town of Moqokori from al-Shabaab.", date="2022-09-12")
    expect_event(events, cameo="192", source="SOMMIL", target="SOMREB")


def test_sent_troops_and_weapons_go_to_the_receiver(unrealized_coder, expect_event, expect_no_event):
    events = unrealized_coder.code("France will not send troops to Ukraine, Macron said.", date="2024-03-01")
    expect_event(events, cameo="074", source="FRA", target="UKR", modality="negated")
    expect_no_event(events, target="UKRMIL")
    events = unrealized_coder.code("Iran denied sending drones to Russia.", date="2022-10-18")
    expect_event(events, root="07", source="IRN", target="RUS", modality="negated")


def test_a_weapon_an_attack_is_made_with_is_not_its_target(coder, expect_no_event):
    events = coder.code("Israel launched an attack with drones on Gaza.", date="2024-06-08")
    expect_no_event(events, target="MIL")


def test_a_pronoun_object_is_not_its_own_clauses_subject(coder, expect_no_event):
    events = coder.code(
        "Thousands of protesters marched on parliament in Kinshasa on Tuesday. Congolese police "
        "used tear gas to disperse them.",
        date="2025-01-28",
    )
    expect_no_event(events, source="CODCOP", target="CODCOP")


def test_a_pronoun_object_can_mean_the_subject_of_another_clause(coder, expect_event):
    events = coder.code(
        "Protesters clashed with police in Kinshasa on Tuesday, and Congolese police fired tear gas "
        "at them.",
        date="2025-01-28",
    )
    expect_event(events, cameo="175", source="CODCOP", target="CODOPP")


def test_a_pronoun_object_is_not_whom_its_subject_stands_for(coder, expect_event):
    events = coder.code(
        "Israeli President Moshe Katsav refused to meet Jordan's King Abdullah in Tel Aviv, saying "
        "he would only welcome him in Jerusalem.",
        date="2003-06-03",
    )
    expect_event(events, root="03", source="ISR*", target="JOR*")


def test_police_using_tear_gas_repress_rather_than_use_chemical_weapons(coder, expect_event, expect_no_event):
    events = coder.code("Riot police in Nairobi used tear gas to disperse protesters.", date="2024-06-25")
    expect_event(events, cameo="175", source="KENCOP")
    expect_no_event(events, root="20")


def test_a_warning_about_a_thing_has_no_target_at_home(coder, expect_no_event):
    events = coder.code(
        "Mexican officials have warned such duties would damage businesses on both sides of the border.",
        date="2025-01-22",
    )
    expect_no_event(events, target="MEXBUS")


def test_tariffs_on_imports_fall_on_whom_the_goods_come_from(unrealized_coder, expect_event):
    events = unrealized_coder.code(
        "The United States imposed tariffs of 25% on imports from Mexico and Canada on Tuesday.",
        date="2025-03-04",
    )
    expect_event(events, cameo="163", source="USA", target="MEX")
    expect_event(events, cameo="163", source="USA", target="CAN")


def test_a_verb_the_parser_strands_under_a_verbless_root_is_the_sentence_s_own(coder):
    # en_core_web_sm makes "thousands" the root and "gathered" a participle of "coup"
    text = (
        "Tens of thousands of opponents of the 2021 coup gathered on Saturday in towns from north to south."
    )
    events = coder.code(text, date="2021-03-01")
    assert "PROTEST" in {e.plover_type for e in events}, [(e.cameo, e.trigger.text) for e in events]


def test_who_is_charged_with_an_act_is_who_did_it(unrealized_coder):
    events = unrealized_coder.code(
        "Human Rights Watch accused the Ethiopian army of torturing detainees.", date="2023-03-01"
    )
    assert [e.source.code for e in events if e.cameo_root == "18"] == ["ETHMIL"]
