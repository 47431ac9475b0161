"""Weapons: "killed by a roadside bomb" is someone's attack, "killed by a landslide" no one's.

The weapons are in data/lexicon/weapons.tsv. A weapon used by a participle's agent ("a missile
fired by rebels", "a bomb planted by militants") names the attacker.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..data_files import bundled_table
from .lexicon import phrase_keys

WEAPONS = frozenset(row["noun"] for row in bundled_table("lexicon", "weapons.tsv"))
# Nouns that name people who can act or suffer an act: the role nouns of the actor knowledge
# ("gunman", "suicide bomber", "villager") and the protesters.
PEOPLE = frozenset(row["term"] for row in bundled_table("actors", "sectors.tsv")) | frozenset(
    row["noun"] for row in bundled_table("lexicon", "protesters.tsv")
)


def is_weapon(token: Token) -> bool:
    return any(key in WEAPONS for key in phrase_keys(token))


def wielders(weapon: Token) -> list[Token]:
    """Who the text says used a weapon: the agent of a participle on it ("fired by rebels",
    "believed to have been fired by rebels")."""
    found = []
    for clause in weapon.children:
        if clause.dep_ != "acl":
            continue
        for verb in (clause, *(c for c in clause.children if c.dep_ == "xcomp")):
            found += [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    return found
