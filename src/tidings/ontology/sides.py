"""Which events stand without a named actor on either side (data/ontology/unnamed_sides.tsv).

"Protests erupted", "three grenade attacks": GDELT, ICEWS and ACLED keep such events with
unknown sides, and so does tidings, for the CAMEO roots the table lists and with the lower
confidence it gives.
"""

from __future__ import annotations

from functools import cache

from ..data_files import bundled_table


@cache
def unnamed_confidence() -> dict[str, float]:
    return {row["root"]: float(row["confidence"]) for row in bundled_table("ontology", "unnamed_sides.tsv")}


def stands_unnamed(cameo: str) -> bool:
    """Whether an event of this code is kept when no one is named on either side."""
    return cameo[:2] in unnamed_confidence()
