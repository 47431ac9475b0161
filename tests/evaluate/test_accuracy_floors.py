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
# floors.json's names for the scores of tidings.evaluate: a floor, or a ceiling for *_max.
MEASURES = {
    "plover_type_f1": ("plover_type", "f1"),
    "cameo_root_f1": ("cameo_root", "f1"),
    "triple_f1": ("triples", "f1"),
    "negatives_coded_max": ("negatives", "share_coded"),
    "location_accuracy": ("location", "accuracy"),
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_development_set_scores_stay_above_their_floors(name, shared_dir, coder):
    path = shared_dir / "gold" / name
    if not path.is_file():
        pytest.skip(f"{path} is not here: the development gold sets come from ../shared/gold")
    scores = evaluate(path, coder=coder).to_dict()
    for measure, recorded in FLOORS[name].items():
        group, field = MEASURES[measure]
        value = scores[group][field]
        if measure.endswith("_max"):
            assert value <= recorded + SLACK, f"{name}: {measure} {value} over {recorded}"
        else:
            assert value >= recorded - SLACK, f"{name}: {measure} {value} under {recorded}"
