"""Fixtures shared by the coder's tests.

Loading the spaCy model and the knowledge base takes a second or two, so each kind of
``Coder`` is built once per test session. ``expect_event`` and ``describe_events`` turn a
list of coded events into assertions whose failure message lists what the coder produced.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import tidings

ANY = object()


@pytest.fixture(scope="session")
def coder() -> tidings.Coder:
    """The default coder: bundled knowledge, asserted events only."""
    return tidings.Coder()


@pytest.fixture(scope="session")
def unrealized_coder() -> tidings.Coder:
    """A coder that also returns negated, hypothetical and intended events."""
    return tidings.Coder(include_unrealized=True)


def describe(event: tidings.Event) -> str:
    """One line per event: code, type, actors, trigger, date, place, modality."""
    source = event.source.code if event.source else None
    target = event.target.code if event.target else None
    place = f"{event.location.name}/{event.location.country}" if event.location else None
    return (
        f"{event.cameo} {event.plover_type} {source}->{target} trigger={event.trigger.text!r} "
        f"{event.date}/{event.date_precision} at={place} {event.modality}"
    )


def describe_events(events: list[tidings.Event]) -> str:
    if not events:
        return "  (no events)"
    return "\n".join("  " + describe(event) for event in events)


def _code_matches(actor: tidings.Actor | None, want: str | None) -> bool:
    """``want`` is an exact code, None for no actor, or ``"KEN*"`` for any code of that country."""
    if want is None:
        return actor is None
    if actor is None:
        return False
    if want.endswith("*"):
        return (actor.code or "").startswith(want[:-1])
    return actor.code == want


def event_matches(
    event: tidings.Event,
    *,
    cameo: Any = ANY,
    root: Any = ANY,
    plover: Any = ANY,
    source: Any = ANY,
    target: Any = ANY,
    date: Any = ANY,
    precision: Any = ANY,
    country: Any = ANY,
    place: Any = ANY,
    modality: Any = "asserted",
    trigger: Any = ANY,
) -> bool:
    """Whether one event has every listed property (``country`` and ``place`` are the location's)."""
    checks = [
        cameo is ANY or event.cameo == cameo,
        root is ANY or event.cameo_root == root,
        plover is ANY or event.plover_type == plover,
        source is ANY or _code_matches(event.source, source),
        target is ANY or _code_matches(event.target, target),
        date is ANY or event.date == date,
        precision is ANY or event.date_precision == precision,
        country is ANY or (event.location.country if event.location else None) == country,
        place is ANY or (event.location.name if event.location else None) == place,
        modality is ANY or event.modality == modality,
        trigger is ANY or event.trigger.text == trigger,
    ]
    return all(checks)


def _expect_event(events: list[tidings.Event], *, symmetric: bool = False, **want: Any) -> tidings.Event:
    """The first event with every property in ``want``; with ``symmetric``, the reverse direction too."""
    found = [event for event in events if event_matches(event, **want)]
    wanted = ", ".join(f"{key}={value!r}" for key, value in want.items())
    if not found:
        pytest.fail(f"no event with {wanted}\nthe coder produced:\n{describe_events(events)}", pytrace=False)
    if symmetric:
        reverse = dict(want, source=want.get("target", ANY), target=want.get("source", ANY))
        if not any(event_matches(event, **reverse) for event in events):
            pytest.fail(
                f"no reverse-direction event for the symmetric event with {wanted}\n"
                f"the coder produced:\n{describe_events(events)}",
                pytrace=False,
            )
    return found[0]


def _expect_no_event(events: list[tidings.Event], **want: Any) -> None:
    """Fail when any event has every property in ``want``."""
    found = [event for event in events if event_matches(event, **want)]
    if found:
        wanted = ", ".join(f"{key}={value!r}" for key, value in want.items())
        pytest.fail(
            f"expected no event with {wanted}, but the coder produced:\n{describe_events(found)}\n"
            f"all events:\n{describe_events(events)}",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def expect_event() -> Callable[..., tidings.Event]:
    return _expect_event


@pytest.fixture(scope="session")
def expect_no_event() -> Callable[..., None]:
    return _expect_no_event


@pytest.fixture(scope="session")
def show() -> Callable[[list[tidings.Event]], str]:
    """A readable listing of events for assertion messages."""
    return describe_events
