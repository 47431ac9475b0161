"""The accuracy numbers, on small gold files whose scores were worked out by hand."""

from __future__ import annotations

import json

import pytest

from tidings.evaluate import read_gold, score
from tidings.evaluate.gold import GoldPlace, GoldRecord
from tidings.model import Actor, Event, Place, Trigger

GOLD = [
    {
        "id": "talks",
        "text": "Israel and Lebanon renewed talks on Monday.",
        "date": "2024-03-04",
        "events": [
            {"source": ["ISR"], "target": ["LBN"], "plover": "CONSULT", "cameo": "046"},
            {"source": ["LBN"], "target": ["ISR"], "plover": "CONSULT", "cameo": "046"},
        ],
    },
    {
        "id": "strike",
        "text": "Kenyan police arrested 40 protesters in Nairobi.",
        "date": "2024-03-05",
        "events": [{"source": ["KEN"], "target": ["KEN"], "plover": "COERCE", "cameo": "173"}],
    },
    {"id": "none", "text": "The weather in Geneva was mild on Tuesday.", "date": "2024-03-05", "events": []},
    {
        "id": "untyped",
        "text": "The minister said the talks were useful.",
        "date": "2024-03-05",
        "events": [{"source": ["FRA"], "target": [], "plover": None, "cameo": "010"}],
    },
]


def event(
    record: str,
    source: str | None,
    plover: str | None,
    target: str | None,
    cameo: str,
    modality: str = "asserted",
) -> Event:
    def actor(code: str | None) -> Actor | None:
        return None if code is None else Actor(text=code, start=0, end=3, code=code, country=code[:3])

    return Event(
        event_id=f"{record}-{source}-{cameo}-{target}",
        article_id=record,
        sentence_index=0,
        sentence="",
        source=actor(source),
        target=actor(target),
        cameo=cameo,
        cameo_root=cameo[:2],
        quad_class=1,
        goldstein=0.0,
        plover_type=plover,
        plover_mode=None,
        trigger=Trigger("x", 0, 1),
        date=None,
        date_precision=None,
        location=None,
        modality=modality,
        confidence=0.9,
    )


@pytest.fixture
def gold(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in GOLD), encoding="utf-8")
    return read_gold(path)


def test_a_perfect_system_scores_one(gold):
    system = {
        "talks": [
            event("talks", "ISR", "CONSULT", "LBN", "046"),
            event("talks", "LBN", "CONSULT", "ISR", "046"),
        ],
        "strike": [event("strike", "KENCOP", "COERCE", "KENOPP", "173")],
        "untyped": [event("untyped", "FRA", None, None, "010")],
    }
    scores = score(gold, system)
    assert (scores.plover.precision, scores.plover.recall, scores.plover.f1) == (1.0, 1.0, 1.0)
    assert scores.triples.f1 == 1.0
    assert scores.cameo_root.f1 == 1.0
    assert scores.negatives_share == 0.0


def test_an_empty_system_scores_zero(gold):
    scores = score(gold, {})
    assert (scores.plover.f1, scores.triples.f1, scores.cameo_root.f1) == (0.0, 0.0, 0.0)
    assert scores.overgeneration == 0.0


def test_hand_counted_mistakes(gold):
    # talks: CONSULT right, one direction only; strike: coded as ASSAULT with the right actors;
    # the negative gets a false alarm; an unrealized event never counts.
    system = {
        "talks": [
            event("talks", "ISR", "CONSULT", "LBN", "040"),
            event("talks", "LBN", "THREATEN", "ISR", "130", modality="hypothetical"),
        ],
        "strike": [event("strike", "KENCOP", "ASSAULT", "KEN", "190")],
        "none": [event("none", "CHE", "PROTEST", None, "141")],
    }
    scores = score(gold, system)
    # Types: gold {CONSULT}, {COERCE}; system {CONSULT}, {ASSAULT}: tp 1, fp 1, fn 1.
    assert (scores.plover.tp, scores.plover.fp, scores.plover.fn) == (1, 1, 1)
    assert scores.plover.f1 == pytest.approx(0.5)
    # Triples: gold {ISR-CONSULT-LBN, LBN-CONSULT-ISR}, {KEN-COERCE-KEN}; system {ISR-CONSULT-LBN},
    # {KEN-ASSAULT-KEN}: tp 1, fp 1, fn 2 -> P 0.5, R 1/3, F1 0.4.
    assert (scores.triples.tp, scores.triples.fp, scores.triples.fn) == (1, 1, 2)
    assert scores.triples.f1 == pytest.approx(0.4)
    # CAMEO roots: gold {04}, {17}, {01}; system {04}, {19}, {}: tp 1, fp 1, fn 2.
    assert (scores.cameo_root.tp, scores.cameo_root.fp, scores.cameo_root.fn) == (1, 1, 2)
    assert scores.negatives == 1 and scores.negatives_coded == 1
    # Three asserted system events against four gold events.
    assert scores.overgeneration == pytest.approx(3 / 4)
    assert scores.confusion["COERCE"]["ASSAULT"] == 1


def test_errors_list_the_worst_records_first(gold):
    system = {"talks": [event("talks", "ISR", "CONSULT", "LBN", "040")]}
    errors = score(gold, system).errors(2)
    assert [e["id"] for e in errors] == ["strike", "talks"]
    assert errors[0]["expected"] == ["COERCE"] and errors[0]["coded"] == []
    assert "Kenyan police arrested" in errors[0]["text"]


def _located(text: str, trigger: tuple[int, int], place: str | None) -> Event:
    return Event(
        event_id="e",
        article_id="r",
        sentence_index=0,
        sentence=text,
        source=None,
        target=None,
        cameo="190",
        cameo_root="19",
        quad_class=4,
        goldstein=-10.0,
        plover_type="ASSAULT",
        plover_mode=None,
        trigger=Trigger(text[trigger[0] : trigger[1]], *trigger),
        date=None,
        date_precision=None,
        location=Place(place, place, "SYR", None, None, None, "unresolved") if place else None,
        modality="asserted",
        confidence=0.5,
    )


def test_location_accuracy_takes_the_event_at_the_gold_trigger():
    text = "Gunmen shot two farmers in the village of Ashmi in northern Syria on Monday."
    gold = [
        GoldRecord(name, text, None, (), GoldPlace((7, 11), places))
        for name, places in (
            ("placed", ("Ashmi",)),
            ("wrong", ("Ashmi",)),
            ("nowhere", ()),
            ("missed", ("Ashmi",)),
        )
    ]
    system = {
        "placed": [_located(text, (7, 11), "the village of Ashmi")],
        "wrong": [_located(text, (7, 11), "Syria")],
        "nowhere": [_located(text, (7, 11), None)],
        "missed": [],
    }
    location = score(gold, system).location
    assert (location.records, location.right, location.found) == (4, 2, 3)
    assert location.accuracy == 0.5
    assert location.accuracy_found == 2 / 3


def test_misplaced_events_are_listed_with_the_errors():
    text = "Gunmen shot two farmers in the village of Ashmi in northern Syria on Monday."
    gold = [
        GoldRecord(name, text, None, (), GoldPlace((7, 11), places))
        for name, places in (
            ("placed", ("Ashmi",)),
            ("wrong", ("Ashmi",)),
            ("missed", ("Ashmi",)),
            ("extra", ()),
        )
    ]
    system = {
        "placed": [_located(text, (7, 11), "Ashmi")],
        "wrong": [_located(text, (7, 11), "Syria")],
        "missed": [],
        "extra": [_located(text, (7, 11), "Syria")],
    }
    errors = {e["id"]: (e["expected"], e["coded"]) for e in score(gold, system).errors(10)}
    assert errors == {
        "wrong": (["place 'Ashmi'"], ["place 'Syria'"]),
        "missed": (["place 'Ashmi'"], []),
        "extra": (["no place"], ["place 'Syria'"]),
    }
