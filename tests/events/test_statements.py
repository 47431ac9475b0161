"""Public statements (CAMEO 010) by named actors, without making every attribution an event."""

import pytest


@pytest.mark.parametrize(
    "text",
    [
        '"The border will stay open to trade," Emmanuel Macron said in a speech to farmers in Lyon.',
        "Kenyan President William Ruto stressed that Somalia remained a close partner.",
        "Antony Blinken said in a statement that Beijing had to respect its neighbours.",
    ],
)
def test_a_named_actor_s_public_statement_is_coded(coder, text):
    events = coder.code(text, date="2023-06-19")
    assert any(e.cameo == "010" for e in events), [(e.cameo, e.trigger.text) for e in events]


@pytest.mark.parametrize(
    "text",
    [
        "Officials said the border would stay closed until Friday.",
        "Antony Blinken said US diplomats met senators in Washington on Monday.",
        "The ceasefire held overnight, Antony Blinken said.",
    ],
)
def test_attributions_and_reported_events_are_not_statements(coder, text):
    events = coder.code(text, date="2023-06-19")
    assert not any(e.cameo == "010" for e in events), [(e.cameo, e.trigger.text) for e in events]


def test_a_report_about_another_country_is_a_statement_about_it(coder):
    events = coder.code("Pakistan's foreign minister said India had banned the party.", date="2023-06-19")
    statements = [e for e in events if e.cameo == "010"]
    assert [(e.source.code, e.target.code) for e in statements] == [("PAKGOV", "IND")]
    assert any(e.cameo == "1722" for e in events)  # and the ban itself


def test_a_state_reporting_violence_accuses_rather_than_states(coder):
    events = coder.code("Pakistan said Indian troops had shelled the village on Sunday.", date="2023-06-19")
    assert {e.cameo for e in events} == {"194", "112"}


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Prime Minister Narendra Modi delivered remarks to Indian troops in Ladakh.", "INDGOV", "INDMIL"),
        ("The Russian foreign ministry issued a statement on the Ukrainian elections.", "RUSGOV", "UKR"),
        ("Volodymyr Zelensky gave a speech to the Canadian parliament on Friday.", "UKRGOV", "CANLEG"),
    ],
)
def test_a_statement_made_to_or_about_someone_is_coded(coder, text, source, target):
    events = coder.code(text, date="2023-06-19")
    assert [(e.cameo, e.source.code, e.target.code) for e in events] == [("010", source, target)]


def test_remarks_to_no_one_are_no_event(coder):
    assert not coder.code("The UN chief made his remarks in Doha on Sunday.", date="2023-06-19")


@pytest.mark.parametrize(
    "text",
    [
        '"The government has stolen this election," Kenyan opposition leader Raila Odinga said on Monday.',
        "Kenyan opposition leader Raila Odinga said the government had arrested 40 of his supporters.",
    ],
)
def test_an_opposition_leader_s_statement_about_the_government_is_coded(coder, text):
    statements = [e for e in coder.code(text, date="2023-03-20") if e.cameo == "010"]
    assert [(e.source.code, e.target.sector) for e in statements] == [("KENOPP", "GOV")]


@pytest.mark.parametrize(
    "text",
    [
        "The Kremlin declined to discuss the report on Tuesday.",
        "The Israeli army refused to confirm the report.",
    ],
)
def test_declining_to_discuss_or_confirm_is_declining_comment(coder, text):
    assert "011" in {e.cameo for e in coder.code(text, date="2023-03-20")}


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("The French foreign minister said Iran was a danger to the whole region.", "IRN"),
        ("Kenya's president says Ethiopia remains a trusted partner in the fight against al-Shabaab.", "ETH"),
    ],
)
def test_a_comment_on_another_actor_is_a_statement_about_it(coder, text, target):
    statements = [e for e in coder.code(text, date="2023-03-20") if e.cameo == "010"]
    assert [e.target.code for e in statements] == [target]


def test_a_speaker_talking_of_its_own_side_makes_no_statement(coder):
    text = "France said on Wednesday it was still determined to mend damaged ties with Kigali."
    assert not [e for e in coder.code(text, date="2008-02-20") if e.cameo == "010"]


def test_speaking_at_a_news_conference_is_a_statement(coder):
    text = "Iraq's foreign minister Hoshyar Zebari spoke at a news conference in Baghdad on Sunday."
    assert [(e.cameo, e.source.country) for e in coder.code(text, date="2012-05-06")] == [("010", "IRQ")]
