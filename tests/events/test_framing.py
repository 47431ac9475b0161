"""Framing verbs: what a refusal, an appeal or a threat frames decides what it codes."""

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "The passenger refused to get into the minibus at the station in Durban.",
        "The striker refused to leave the pitch after the referee's decision.",
    ],
)
def test_refusing_an_act_that_is_no_event_is_no_event(coder, text):
    assert not coder.code(text, date="2023-03-01")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Haniyeh refused to respond to a demand from Washington on Tuesday.", "120"),
        ("Serbia rejected the European proposal on Kosovo.", "120"),
        ("Hamas refused to release the hostages on Sunday.", "1243"),
    ],
)
def test_a_refusal_of_something_or_towards_someone_is_a_rejection(coder, text, code):
    assert code in {e.cameo for e in coder.code(text, date="2023-03-01")}
