"""The event lexicon: which verbs and nouns, in which constructions, express which events.

The knowledge is in ``data/lexicon/verbs.tsv`` and ``nouns.tsv`` (their header
comments document the columns); this module reads them and matches a parsed
token against them.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from spacy.tokens import Token

from ..data_files import bundled_table, data_path, read_table
from ..errors import TidingsError
from ..ontology.cameo import cameo_codes
from ..ontology.frames import FRAMES

OBJECT_DEPS = ("dobj", "nsubjpass", "attr", "oprd")
ROLES = ("converse", "from", "about", "own", "to", "that")


@dataclass(frozen=True, slots=True)
class Requirement:
    """A construction a lexicon row needs: ``obj:sanction``, ``on:``, ``xcomp:comment``, ``obj:@actor``."""

    slot: str
    lemmas: frozenset[str]
    special: str | None

    @classmethod
    def parse(cls, text: str) -> Requirement | None:
        if not text:
            return None
        slot, _, rest = text.partition(":")
        special = rest if rest.startswith("@") else None
        lemmas = (
            frozenset()
            if special
            else frozenset(part.strip().lower() for part in rest.split("|") if part.strip())
        )
        return cls(slot=slot.strip().lower(), lemmas=lemmas, special=special)


@dataclass(frozen=True, slots=True)
class LexEntry:
    """One row of the lexicon."""

    word: str
    cameo: str | None
    frame: str | None
    requires: Requirement | None
    symmetric: bool
    joint: str | None
    alone: bool
    roles: str | None
    origin: str


def lemmas(token: Token) -> tuple[str, ...]:
    """The token's lemma, then forms undone by hand for when the lemmatizer errs ("hopes" -> "hop")."""
    return _forms(token.lemma_.lower(), token.lower_)


@lru_cache(maxsize=65_536)
def _forms(lemma: str, word: str) -> tuple[str, ...]:
    # Asked for every verb and noun of every text: the same few thousand words come back.
    forms = [lemma, word]
    for suffix, replacement in (
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ied", "y"),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
        ("ing", ""),
        ("ing", "e"),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            forms.append(word[: len(word) - len(suffix)] + replacement)
    return tuple(dict.fromkeys(forms))


def phrase_keys(token: Token) -> tuple[str, ...]:
    """The lemma of a noun with the modifiers that can make it a multiword term, longest first.

    "hunger strike", "state of emergency", "cease-fire", "strike on" (a head and its "on"), then "strike".
    """
    # Several stages ask for the same token's keys; a parsed Doc's lemmas and arcs no longer change.
    known = token.doc.user_data.setdefault(_PHRASE_KEYS, {})
    keys = known.get(token.i)
    if keys is None:
        keys = known[token.i] = _phrase_keys(token)
    return keys


_PHRASE_KEYS = "tidings.phrase_keys"


def _phrase_keys(token: Token) -> tuple[str, ...]:
    lemma = token.lemma_.lower()
    keys = []
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 2].whitespace_:
        keys.append(f"{doc[token.i - 2].lemma_.lower()}-{lemma}")
    for child in token.children:
        if child.dep_ in ("compound", "amod") and child.i < token.i:
            keys.append(f"{child.lemma_.lower()} {lemma}")
        elif child.i == token.i + 1 and child.dep_ == "acl" and child.tag_ in ("VBN", "VBD"):
            # "took a parting shot at": the parser may read the head noun as a participle.
            keys.append(f"{lemma} {child.lower_}")
        elif child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    keys.append(f"{lemma} of {pobj.lemma_.lower()}")
        elif child.dep_ == "prep" and child.lower_ == "on":
            # "a strike on Iran" (force), not "a strike on Monday" nor a strike by workers
            if any(p.dep_ == "pobj" and p.ent_type_ not in ("DATE", "TIME") for p in child.children):
                keys.append(f"{lemma} on")  # (after "missile strike", before "strike")
    keys.append(lemma)
    return tuple(keys)


class Lexicon:
    """Verb and noun entries, looked up by lemma."""

    def __init__(self, verbs: Path | None = None, nouns: Path | None = None) -> None:
        self.verbs: dict[str, list[LexEntry]] = {}
        self.nouns: dict[str, LexEntry] = {}
        known = cameo_codes()
        for entry in self._read(verbs or data_path("lexicon", "verbs.tsv"), "verb", known):
            self.verbs.setdefault(entry.word, []).append(entry)
        for entry in self._read(nouns or data_path("lexicon", "nouns.tsv"), "noun", known):
            self.nouns.setdefault(entry.word, entry)
        # Rows with a required construction are tried before the verb's bare row.
        for rows in self.verbs.values():
            rows.sort(key=lambda row: row.requires is None)
        references = bundled_table("lexicon", "references.tsv")
        self.through_nouns = frozenset(row["noun"] for row in references if row["refers"] == "through")
        self.carriers = frozenset(row["noun"] for row in references if row["refers"] == "carrier")
        self.origins = frozenset(row["noun"] for row in references if row["refers"] == "origin")
        self.media = frozenset(row["noun"] for row in references if row["refers"] == "medium")

    @staticmethod
    def _read(path: Path, column: str, known: dict) -> list[LexEntry]:
        entries = []
        for row in read_table(path):
            origin = f"{path.parent.name}/{path.name}:{row[column]}"
            code = row["cameo"] or None
            if code not in (None, "-") and code not in known:
                raise ValueError(f"{origin}: unknown CAMEO code {code!r}")
            frame = row.get("frame") or None
            if frame not in (None, "light", *FRAMES):
                raise ValueError(f"{origin}: unknown frame {frame!r}")
            if row.get("roles") not in (None, "", *ROLES):
                raise ValueError(f"{origin}: unknown roles {row['roles']!r}")
            entries.append(
                LexEntry(
                    word=row[column].lower(),
                    cameo=code,
                    frame=frame,
                    requires=Requirement.parse(row.get("requires", "")),
                    symmetric=row.get("symmetric", "").lower() == "yes",
                    joint=row.get("joint") or None,
                    alone=row.get("alone", "").lower() != "no",
                    roles=row.get("roles") or None,
                    origin=origin,
                )
            )
        return entries

    def verb_rows(self, token: Token) -> list[LexEntry]:
        """The rows for a verb (with its particle: "call off", "carry out"), most specific first."""
        particles = [child.lower_ for child in token.children if child.dep_ == "prt"]
        for lemma in lemmas(token):
            for particle in particles:
                rows = self.verbs.get(f"{lemma} {particle}")
                if rows:
                    return rows
            rows = self.verbs.get(lemma)
            if rows:
                return rows
        return []

    def misread_noun(self, verb: Token) -> bool:
        """Whether a participle is the head noun of a multiword event noun ("a parting shot")."""
        head = verb.head
        return (
            verb.dep_ == "acl"
            and head.i == verb.i - 1
            and f"{head.lemma_.lower()} {verb.lower_}" in self.nouns
        )

    def noun_entry(self, token: Token) -> LexEntry | None:
        for key in phrase_keys(token):
            entry = self.nouns.get(key)
            if entry is not None:
                return entry if entry.cameo != "-" else None
        if token.lemma_.lower() in self.carriers:
            # "a mediation effort", "a peace-keeping mission": the modifier names the event.
            for child in token.children:
                if child.dep_ in ("compound", "amod") and child.i < token.i:
                    entry = self.noun_entry(child)
                    if entry is not None:
                        return entry
        return None

    def through(self, token: Token) -> Token:
        """The token that names the actor or thing: "scores of refugees" -> refugees."""
        if token.lemma_.lower() in self.through_nouns:
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            return pobj
        return token


@cache
def default_lexicon() -> Lexicon:
    return Lexicon()


def extended_lexicon(files: Sequence[str | Path] = ()) -> Lexicon:
    """The bundled lexicon with the rows of user lexicon files (``--lexicon``) added.

    files: TSV/CSV files with the columns of ``verbs.tsv`` (a ``verb`` column) or of
    ``nouns.tsv`` (a ``noun`` column), e.g. written by ``tidings lexicon import-petrarch``.
    A user's rows for a verb are tried before the bundled rows of the same kind (with a
    required construction, or bare), so that a user row corrects a bundled one; a user's
    noun replaces the bundled noun.
    """
    if not files:
        return default_lexicon()
    lexicon = copy.copy(default_lexicon())
    lexicon.verbs = {word: list(rows) for word, rows in lexicon.verbs.items()}
    lexicon.nouns = dict(lexicon.nouns)
    known = cameo_codes()
    for path in map(Path, files):
        if not path.is_file():
            raise TidingsError(f"{path}: no such lexicon file")
        with path.open(encoding="utf-8") as handle:
            first = next((line for line in handle if line.strip() and not line.startswith("#")), "")
        header = [name.strip() for name in first.split("," if path.suffix.lower() == ".csv" else "\t")]
        column = "noun" if "noun" in header else "verb"
        if column not in header or "cameo" not in header:
            raise TidingsError(f"{path}: a lexicon file needs a verb or noun column and a cameo column")
        try:
            entries = Lexicon._read(path, column, known)
        except ValueError as error:
            raise TidingsError(str(error).replace(f"{path.parent.name}/{path.name}", str(path), 1)) from None
        if column == "noun":
            lexicon.nouns.update((entry.word, entry) for entry in entries)
            continue
        added: dict[str, list[LexEntry]] = {}
        for entry in entries:
            added.setdefault(entry.word, []).append(entry)
        for word, rows in added.items():
            # Stable: within each kind, the user's rows keep their order ahead of the bundled ones.
            # Stable: within each kind, the user's rows keep their order ahead of the bundled ones.
            rows += lexicon.verbs.get(word, [])
            lexicon.verbs[word] = sorted(rows, key=lambda row: row.requires is None)
    return lexicon
