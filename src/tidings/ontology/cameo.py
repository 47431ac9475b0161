"""The CAMEO event codes with their Goldstein scores, QuadClass and PLOVER mapping."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..data_files import bundled_table


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None
    description: str

    @property
    def root(self) -> str:
        return self.code[:2]


@cache
def cameo_codes() -> dict[str, CameoCode]:
    """Every CAMEO code in ``data/ontology/cameo.tsv``, keyed by code (``"036"``)."""
    codes = {}
    for row in bundled_table("ontology", "cameo.tsv"):
        codes[row["cameo"]] = CameoCode(
            code=row["cameo"],
            name=row["name"],
            goldstein=float(row["goldstein"]),
            quad_class=int(row["quad_class"]),
            plover_type=row["plover_type"] or None,
            plover_mode=row["plover_mode"] or None,
            description=row.get("description", ""),
        )
    return codes


def cameo(code: str) -> CameoCode:
    """The entry of a CAMEO code; raises KeyError naming the code when it is unknown."""
    try:
        return cameo_codes()[code]
    except KeyError:
        raise KeyError(f"unknown CAMEO code {code!r} (see data/ontology/cameo.tsv)") from None


@cache
def plover_types() -> tuple[str, ...]:
    """The 16 PLOVER 2.0 event types, in the order of ``data/ontology/plover.tsv``."""
    return tuple(row["type"] for row in bundled_table("ontology", "plover.tsv"))
