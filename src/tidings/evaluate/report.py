"""The accuracy report in the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from .scores import Scores


def print_scores(scores: Scores, *, title: str, errors: int = 0, console: Console | None = None) -> None:
    console = console or Console()
    table = Table(title=f"{title}: {scores.records} records", header_style="bold")
    for name in ("measure", "precision", "recall", "F1", "tp", "fp", "fn"):
        table.add_column(name, justify="left" if name == "measure" else "right")
    for name, counts in (
        ("PLOVER type", scores.plover),
        ("CAMEO root", scores.cameo_root),
        ("triple (src, type, tgt)", scores.triples),
    ):
        if not (counts.tp or counts.fp or counts.fn):
            table.add_row(name, "-", "-", "-", "", "", "", style="dim")  # the gold has none to score
            continue
        table.add_row(
            name,
            f"{counts.precision:.3f}",
            f"{counts.recall:.3f}",
            f"{counts.f1:.3f}",
            str(counts.tp),
            str(counts.fp),
            str(counts.fn),
        )
    if scores.location.records:
        place = scores.location
        table.add_row(
            "location accuracy",
            "",
            "",
            f"{place.accuracy:.3f}",
            str(place.right),
            "",
            str(place.records - place.right),
        )
        table.add_row(
            f"  where an event is found ({place.found})",
            "",
            "",
            f"{place.accuracy_found:.3f}",
            "",
            "",
            "",
            style="dim",
        )
    console.print(table)
    console.print(
        f"negatives coded: {scores.negatives_coded} of {scores.negatives} "
        f"({scores.negatives_share:.1%}); over-generation: {scores.overgeneration:.2f} "
        f"system events per gold event"
    )
    by_type = Table(title="by PLOVER type", header_style="bold")
    for name in ("type", "precision", "recall", "F1", "gold", "coded"):
        by_type.add_column(name, justify="left" if name == "type" else "right")
    for name, counts in sorted(scores.by_type.items()):
        by_type.add_row(
            name,
            f"{counts.precision:.2f}",
            f"{counts.recall:.2f}",
            f"{counts.f1:.2f}",
            str(counts.tp + counts.fn),
            str(counts.tp + counts.fp),
        )
    console.print(by_type)
    confusion = Table(title="confusion (gold type -> coded type, per record)", header_style="bold")
    confusion.add_column("gold")
    confusion.add_column("coded as")
    for gold, row in sorted(scores.confusion.items()):
        confusion.add_row(gold, ", ".join(f"{name} {count}" for name, count in row.most_common()))
    console.print(confusion)
    for error in scores.errors(errors):
        console.rule(error["id"])
        console.print(error["text"], markup=False)
        console.print(
            f"expected: {', '.join(error['expected']) or 'nothing'} {' '.join(error['expected_triples'])}",
            markup=False,
        )
        console.print(
            f"coded:    {', '.join(error['coded']) or 'nothing'} {' '.join(error['coded_triples'])}",
            markup=False,
        )
        for line in error["events"]:
            console.print(f"  {line}", markup=False)
