"""How a framing verb turns the event it frames into a CAMEO code of its own.

"agreed to release prisoners" is an expression of intent to release (0353),
"demanded the release" a demand for it (1053), "refused to release" a refusal
(1243), "threatened to impose sanctions" a threat (1312) and "lifted the
sanctions" the end of them (085). The same table says what violence becomes
when protesters commit it (``riot``: "rioters torched cars" is a violent
protest, 145). ``data/ontology/frames.tsv`` holds these correspondences, one
row per inner code; where a code has no row, or an empty cell, its nearest
parent answers (``0842`` falls back to ``084``, then ``08``);
a ``-`` cell says the frame makes no event of that code ("ended his visit").
"""

from __future__ import annotations

from functools import cache

from ..data_files import bundled_table

# The frames a verb of the lexicon can put around an event; the table also has a riot column.
FRAMES = ("appeal", "intend", "demand", "reject", "threaten", "stop")


@cache
def frame_table() -> dict[str, dict[str, str]]:
    return {row["inner"]: row for row in bundled_table("ontology", "frames.tsv")}


def framed_code(frame: str, inner: str) -> str | None:
    """The CAMEO code of ``inner`` under ``frame``, or None when the frame says nothing about it."""
    table = frame_table()
    for length in range(len(inner), 1, -1):
        row = table.get(inner[:length])
        if row and row.get(frame):
            return None if row[frame] == "-" else row[frame]
    return None
