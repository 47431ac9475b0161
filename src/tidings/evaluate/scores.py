"""The accuracy numbers of docs/evaluation.md, computed from gold records and coded events.

Event type: per record, the set of PLOVER types of the gold events against the
set of PLOVER types of the asserted system events; true positives, false
positives and false negatives are summed over records (micro-averaging).
Records without a typed gold event are left out; the same is done with CAMEO
roots. Triples: (source country, PLOVER type, target country), every source
paired with every target, on records whose gold names a country (or IGO) on
both sides of some typed event; system triples on other records do not count.
Negatives: the share of records with no gold event where tidings codes any
asserted event. Over-generation: asserted system events per gold event.
Location (records that give one event's trigger and places): the asserted event
whose trigger overlaps the gold trigger, nearest first; its place is right when
its ``location.text`` overlaps a gold place string (one contains the other, case
aside), and with no gold place when it has none. A record where no event overlaps
the trigger is right only when the gold gives no place; the accuracy over the
records where one does is reported beside it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Actor, Article, Event
from .gold import GoldRecord, read_gold

NAMED = "named"


@dataclass
class Counts:
    """True positives, false positives and false negatives, with the scores they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set, system: set) -> None:
        self.tp += len(gold & system)
        self.fp += len(system - gold)
        self.fn += len(gold - system)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class RecordResult:
    """How one gold record was coded."""

    record: GoldRecord
    events: list[Event]
    gold_types: set[str]
    system_types: set[str]
    gold_triples: set[tuple[str, str, str]]
    system_triples: set[tuple[str, str, str]]
    # A location record placed wrong: where the event was placed ("" for no place, None for no
    # event at the trigger); left out when it was placed right or the record has no place part.
    misplaced: str | None = None
    placed_wrong: bool = False

    @property
    def misses(self) -> int:
        return (
            len(self.gold_types ^ self.system_types)
            + len(self.gold_triples ^ self.system_triples)
            + self.placed_wrong
        )


@dataclass
class PlaceCounts:
    """Location records: how many, how many placed right, how many had an event at the trigger."""

    records: int = 0
    right: int = 0
    found: int = 0
    right_found: int = 0

    @property
    def accuracy(self) -> float:
        return self.right / self.records if self.records else 0.0

    @property
    def accuracy_found(self) -> float:
        return self.right_found / self.found if self.found else 0.0

    def to_dict(self) -> dict:
        return {
            "records": self.records,
            "right": self.right,
            "accuracy": round(self.accuracy, 4),
            "with_event": self.found,
            "accuracy_with_event": round(self.accuracy_found, 4),
        }


@dataclass
class Scores:
    plover: Counts = field(default_factory=Counts)
    cameo_root: Counts = field(default_factory=Counts)
    triples: Counts = field(default_factory=Counts)
    location: PlaceCounts = field(default_factory=PlaceCounts)
    by_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    confusion: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    records: int = 0
    negatives: int = 0
    negatives_coded: int = 0
    gold_events: int = 0
    system_events: int = 0
    results: list[RecordResult] = field(default_factory=list)

    @property
    def negatives_share(self) -> float:
        return self.negatives_coded / self.negatives if self.negatives else 0.0

    @property
    def overgeneration(self) -> float:
        return self.system_events / self.gold_events if self.gold_events else 0.0

    def to_dict(self) -> dict:
        return {
            "records": self.records,
            "plover_type": self.plover.to_dict(),
            "cameo_root": self.cameo_root.to_dict(),
            "triples": self.triples.to_dict(),
            "location": self.location.to_dict(),
            "negatives": {
                "records": self.negatives,
                "coded": self.negatives_coded,
                "share_coded": round(self.negatives_share, 4),
            },
            "overgeneration": {
                "system_events": self.system_events,
                "gold_events": self.gold_events,
                "per_gold_event": round(self.overgeneration, 4),
            },
            "by_plover_type": {name: counts.to_dict() for name, counts in sorted(self.by_type.items())},
            "confusion": {gold: dict(row) for gold, row in sorted(self.confusion.items())},
        }

    def errors(self, limit: int) -> list[dict]:
        """The records coded worst: what was expected and what tidings coded, with the text."""
        worst = sorted((r for r in self.results if r.misses), key=lambda r: (-r.misses, r.record.id))
        return [
            {
                "id": result.record.id,
                "text": result.record.text,
                "expected": sorted(result.gold_types) or _where_expected(result),
                "coded": sorted(result.system_types) or _where_coded(result),
                "expected_triples": sorted("-".join(t) for t in result.gold_triples),
                "coded_triples": sorted("-".join(t) for t in result.system_triples),
                "events": [
                    f"{e.source.code if e.source else '-'} {e.cameo} {e.plover_type or ''} "
                    f"{e.target.code if e.target else '-'} ({e.trigger.text})"
                    for e in result.events
                ],
            }
            for result in worst[:limit]
        ]


def _where_expected(result: RecordResult) -> list[str]:
    if not result.placed_wrong:
        return []
    return [f"place {p!r}" for p in result.record.place.places] or ["no place"]


def _where_coded(result: RecordResult) -> list[str]:
    if not result.placed_wrong:
        return []
    if result.misplaced is None:
        return []  # no event at the trigger: "nothing"
    return [f"place {result.misplaced!r}" if result.misplaced else "no place"]


def actor_country(actor: Actor | None) -> str | None:
    """The country an actor stands for in the gold's terms: ISO3, or IGO for an international
    organisation, governmental or not (the gold sets code Amnesty and the Red Cross as IGO)."""
    if actor is None:
        return None
    if actor.country:
        return actor.country
    if actor.code and actor.code.startswith(("IGO", "NGO")):
        return "IGO"
    return None


def _named(code: str) -> bool:
    return bool(code) and code != "---"


def score(gold: Iterable[GoldRecord], system: Mapping[str, list[Event]]) -> Scores:
    """Scores of the coded events ``system`` (by record id) against the gold records."""
    scores = Scores()
    for record in gold:
        events = [e for e in system.get(record.id, []) if e.modality == "asserted"]
        scores.records += 1
        if record.place is not None:
            right, placed = _place(scores.location, record.place, events)
            if not right:
                scores.results.append(
                    RecordResult(record, events, set(), set(), set(), set(), placed, placed_wrong=True)
                )
            continue
        scores.gold_events += len(record.events)
        scores.system_events += len(events)
        if not record.events:
            scores.negatives += 1
            scores.negatives_coded += bool(events)
            scores.results.append(RecordResult(record, events, set(), set(), set(), set()))
            continue
        gold_types = {e.plover for e in record.events if e.plover}
        system_types = {e.plover_type for e in events if e.plover_type}
        if gold_types:
            scores.plover.add(gold_types, system_types)
            for name in gold_types | system_types:
                scores.by_type[name].add({name} & gold_types, {name} & system_types)
            _confuse(scores.confusion, gold_types, system_types)
        gold_roots = {e.cameo_root for e in record.events if e.cameo_root}
        if gold_roots:
            scores.cameo_root.add(gold_roots, {e.cameo_root for e in events})
        gold_triples = {
            (s, e.plover, t)
            for e in record.events
            if e.plover
            for s in e.source
            if _named(s)
            for t in e.target
            if _named(t)
        }
        system_triples: set[tuple[str, str, str]] = set()
        if gold_triples:
            for event in events:
                source, target = actor_country(event.source), actor_country(event.target)
                if event.plover_type and source and target:
                    system_triples.add((source, event.plover_type, target))
            scores.triples.add(gold_triples, system_triples)
        scores.results.append(
            RecordResult(
                record,
                events,
                gold_types,
                system_types if gold_types else set(),
                gold_triples,
                system_triples,
            )
        )
    return scores


def _place(counts: PlaceCounts, gold, events: list[Event]) -> tuple[bool, str | None]:
    """Count one location record; whether it was placed right, and where (None: no event at the trigger)."""
    start, end = gold.trigger
    at_trigger = [e for e in events if e.trigger.start < end and start < e.trigger.end]
    event = min(at_trigger, key=lambda e: abs(e.trigger.start - start), default=None)
    counts.records += 1
    if event is None:
        counts.right += not gold.places
        return not gold.places, None
    placed = event.location.text.lower() if event.location and event.location.text else None
    if gold.places:
        right = placed is not None and any(p.lower() in placed or placed in p.lower() for p in gold.places)
    else:
        right = placed is None
    counts.found += 1
    counts.right += right
    counts.right_found += right
    return right, event.location.text if placed else ""


def _confuse(confusion: dict[str, Counter], gold: set[str], system: set[str]) -> None:
    """Record-level confusion: a gold type against the system type that stood in for it, or none."""
    extra = sorted(system - gold)
    for name in sorted(gold):
        if name in system:
            confusion[name][name] += 1
        elif extra:
            for other in extra:
                confusion[name][other] += 1
        else:
            confusion[name]["(none)"] += 1


def evaluate(gold: str | Path | list[GoldRecord], *, coder=None, workers: int = 1) -> Scores:
    """Code every gold record's text with its date and score the result."""
    from ..coder import Coded, Coder

    records = read_gold(gold) if isinstance(gold, (str, Path)) else list(gold)
    coder = coder or Coder()
    articles = (Article(text=r.text, id=r.id, date=r.date, origin=r.id) for r in records)
    system: dict[str, list[Event]] = {}
    for item in coder.iter_code(articles, workers=workers):
        if isinstance(item, Coded):
            system[item.article.id] = item.events
    return score(records, system)
