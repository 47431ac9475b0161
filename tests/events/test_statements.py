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
        "Antony Blinken said Chinese and US diplomats met in Beijing on Monday.",
        "The ceasefire held overnight, Antony Blinken said.",
    ],
)
def test_attributions_and_reported_events_are_not_statements(coder, text):
    events = coder.code(text, date="2023-06-19")
    assert not any(e.cameo == "010" for e in events), [(e.cameo, e.trigger.text) for e in events]
