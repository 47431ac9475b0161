"""The seed acceptance test: the Global Courant article on Blinken's 2023 Beijing visit.

It runs the command line exactly as the seed's README does and passes the events to the
shared checker, which compares them with what a careful human coder takes from the article
(../shared/seed/expected.json). The article and its checker live outside the repository, in
../shared/seed; without them the tests are skipped.

These tests need the trained spaCy model (en_core_web_sm).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import tidings

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seed"
ARTICLE = SEED / "global-courant-blinken-wang-yi.txt"
TIDINGS = Path(sys.executable).with_name("tidings")

pytestmark = pytest.mark.skipif(
    not (ARTICLE.is_file() and (SEED / "check.py").is_file()),
    reason=f"the seed article and its checker are not in {SEED} (../shared, next to the repository)",
)


@pytest.fixture(scope="module")
def checked(tmp_path_factory) -> subprocess.CompletedProcess:
    """`tidings code --format jsonl --date 2023-06-19 ARTICLE > ev.jsonl && python3 check.py ev.jsonl`."""
    events = tmp_path_factory.mktemp("seed") / "ev.jsonl"
    python3 = shutil.which("python3") or sys.executable
    command = (
        f"'{TIDINGS}' code --format jsonl --date 2023-06-19 ../shared/seed/{ARTICLE.name}"
        f" > '{events}' && '{python3}' ../shared/seed/check.py '{events}'"
    )
    return subprocess.run(
        command, shell=True, cwd=REPO, capture_output=True, text=True, timeout=600, check=False
    )


def test_seed_checker_passes_every_expectation(checked):
    lines = checked.stdout.splitlines()
    assert lines, f"the checker printed nothing\nstderr:\n{checked.stderr}"
    *expectations, summary = lines
    failed = [line for line in expectations if not line.startswith("PASS ")]
    assert not failed, "\n".join(failed) + f"\n{summary}\nstderr:\n{checked.stderr[-2000:]}"
    assert summary.endswith(" 0 failed"), summary
    assert checked.returncode == 0, checked.stderr


@pytest.fixture(scope="module")
def seed_events(unrealized_coder) -> tuple[str, list[tidings.Event]]:
    text = ARTICLE.read_text(encoding="utf-8")
    return text, unrealized_coder.code(text, date="2023-06-19")


def actors_named(events: list[tidings.Event], text: str, surface: str) -> list[tidings.Actor]:
    """Every source or target whose text is exactly ``surface``."""
    return [
        actor
        for event in events
        for actor in (event.source, event.target)
        if actor is not None and actor.text == surface
    ]


@pytest.mark.parametrize(
    "surface, code",
    [
        ("Blinken", "USAGOV"),
        ("Anthony Blinken", "USAGOV"),
        ("Wang Yi", "CHNGOV"),
        ("Qin Gang", "CHNGOV"),
        ("Xi Jinping", "CHNGOV"),
        ("Xi", "CHNGOV"),
        ("Joe Biden", "USAGOV"),
        ("Biden", "USAGOV"),
    ],
)
def test_seed_people_are_coded_for_june_2023(surface, code, seed_events):
    _, events = seed_events
    found = [
        actor
        for event in events
        for actor in (event.source, event.target)
        if actor is not None and surface in actor.text and actor.name and surface.split()[-1] in actor.name
    ]
    assert found, f"no actor for {surface!r}"
    assert {actor.code for actor in found} == {code}, [(a.text, a.code) for a in found]


def test_the_duo_is_blinken_and_wang_yi(seed_events):
    text, events = seed_events
    duo = actors_named(events, text, "The duo")
    assert {actor.name for actor in duo} == {"Antony Blinken", "Wang Yi"}
    assert {actor.code for actor in duo} == {"USAGOV", "CHNGOV"}


def test_both_sides_are_the_us_and_china(seed_events):
    text, events = seed_events
    sides = actors_named(events, text, "both sides")
    assert {actor.country for actor in sides} == {"USA", "CHN"}


def test_seed_offsets_slice_the_article(seed_events):
    text, events = seed_events
    for event in events:
        for part in (event.source, event.target, event.trigger):
            if part is not None:
                assert text[part.start : part.end] == part.text, part
