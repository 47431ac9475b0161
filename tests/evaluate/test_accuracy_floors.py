"""Accuracy can only ratchet up: the development sets must score at least their recorded floors.

Needs the trained model and ../shared/gold (skipped, saying why, where it is absent).
The floors live in floors.json next to this file; raise them when tidings gets better.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tidings.evaluate import evaluate

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text(encoding="utf-8"))
SLACK = 0.02


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_development_set_scores_stay_above_their_floors(name, shared_dir, coder):
    path = shared_dir / "gold" / name
    if not path.is_file():
        pytest.skip(f"{path} is not here: the development gold sets come from ../shared/gold")
    scores = evaluate(path, coder=coder).to_dict()
    floors = FLOORS[name]
    assert scores["plover_type"]["f1"] >= floors["plover_type_f1"] - SLACK
    assert scores["triples"]["f1"] >= floors["triple_f1"] - SLACK
    if "negatives_coded_max" in floors:
        assert scores["negatives"]["share_coded"] <= floors["negatives_coded_max"] + SLACK
