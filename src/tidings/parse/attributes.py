"""The model's attribute rules (``attribute_ruler``: part of speech, morphology and lemma exceptions
by tag, word and dependency), applied by looking each token up instead of running a Matcher.

spaCy's AttributeRuler runs a Matcher of all its patterns (179 in ``en_core_web_sm``) over every
token: 8 % of the time of coding short news. The patterns only ever ask about one or two tokens'
tag, lower-case form, dependency and whether they are space, so which patterns a token meets is
worked out once for each combination of those, and kept. The result is the AttributeRuler's: its
own patterns, applied in its order, later rules over earlier ones. A pipeline whose rules ask
anything else keeps spaCy's component (``replace_attribute_ruler`` says whether it replaced it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs

NAME = "attribute_ruler"
# What a token is asked about, in the order ``_met`` reads it, and the columns of the Doc that hold it.
FEATURES = ("TAG", "LOWER", "DEP", "IS_SPACE")
COLUMNS = [TAG, LOWER, DEP, IS_SPACE]
# Combinations of features remembered with the patterns they meet; past this many (a long ingest
# meets ever more words), the memory starts again.
REMEMBERED = 50_000

Test = Callable[[tuple], bool]


@Language.factory("tidings_attributes", assigns=["token.pos", "token.morph", "token.lemma", "token.tag"])
def make_attributes(nlp: Language, name: str) -> AttributeRules:
    return AttributeRules(nlp)


class AttributeRules:
    """The rules of an AttributeRuler, given with ``use(patterns)``."""

    def __init__(self, nlp: Language) -> None:
        self.vocab = nlp.vocab
        self.tests: list[Test] = []  # one per distinct token pattern
        # The first token pattern's number -> (rule number, the token pattern numbers in order, the
        # index of the token to change, the attributes it gets).
        self.starting: dict[int, list[tuple[int, tuple[int, ...], int, dict]]] = {}
        self.met: dict[tuple, frozenset[int]] = {}
        # The same by the columns' numbers (string hashes), read for a whole Doc in one array.
        self.met_columns: dict[tuple[int, ...], frozenset[int]] = {}
        # The words the patterns name, and their regular expressions: any other word is read as
        # None, so that the combinations to remember are few.
        self.words: set[str] = set()
        self.word_patterns: list[re.Pattern] = []
        self.named: dict[str, str | None] = {}

    def use(self, patterns: list[dict]) -> None:
        tests: dict[str, int] = {}
        for number, rule in enumerate(patterns):
            attrs = normalize_token_attrs(self.vocab, rule["attrs"])
            for pattern in rule["patterns"]:
                keys = []
                for token_pattern in pattern:
                    self._name_words(token_pattern.get("LOWER"))
                    key = repr(sorted(token_pattern.items()))
                    if key not in tests:
                        tests[key] = len(self.tests)
                        self.tests.append(_test(token_pattern))
                    keys.append(tests[key])
                entry = (number, tuple(keys), rule.get("index", 0), attrs)
                self.starting.setdefault(keys[0], []).append(entry)
        self.met, self.met_columns, self.named = {}, {}, {}

    def _name_words(self, wanted: Any) -> None:
        if isinstance(wanted, str):
            self.words.add(wanted)
        elif isinstance(wanted, dict):
            for predicate, value in wanted.items():
                if predicate == "REGEX":
                    self.word_patterns.append(re.compile(value))
                elif isinstance(value, list):
                    self.words.update(value)

    def __call__(self, doc: Doc) -> Doc:
        met = [self._met(tuple(columns)) for columns in doc.to_array(COLUMNS).tolist()]
        matches = []
        for start, first in enumerate(met):
            for key in first:
                for number, keys, index, attrs in self.starting.get(key, ()):
                    end = start + len(keys)
                    if end <= len(met) and all(k in met[start + i] for i, k in enumerate(keys)):
                        matches.append((number, start, end, index, attrs))
        # As the AttributeRuler does: in the order of its rules, so that later ones win.
        matches.sort(key=lambda match: match[:3])
        for _, start, end, index, attrs in matches:
            # (the match's token ``index``, counted from its end when negative)
            set_token_attrs(doc[(start if index >= 0 else end) + index], attrs)
        return doc

    def _met(self, columns: tuple[int, ...]) -> frozenset[int]:
        found = self.met_columns.get(columns)
        if found is None:
            if len(self.met_columns) >= REMEMBERED:
                self.met_columns = {}
            tag, lower, dep, space = columns
            strings = self.vocab.strings
            features = (strings[tag], self._word(strings[lower]), strings[dep], bool(space))
            found = self.met_columns[columns] = self._met_features(features)
        return found

    def _met_features(self, features: tuple) -> frozenset[int]:
        found = self.met.get(features)
        if found is None:
            if len(self.met) >= REMEMBERED:
                self.met = {}
            found = self.met[features] = frozenset(
                number for number, test in enumerate(self.tests) if test(features)
            )
        return found

    def _word(self, lower: str) -> str | None:
        """The word as the patterns see it: itself if one names it or matches it, else None."""
        if lower in self.words:
            return lower
        named = self.named.get(lower, "")
        if named == "":
            if len(self.named) >= REMEMBERED:
                self.named = {}
            named = self.named[lower] = (
                lower if any(pattern.search(lower) for pattern in self.word_patterns) else None
            )
        return named


def replace_attribute_ruler(nlp: Language) -> bool:
    """Put ``AttributeRules`` in place of the pipeline's AttributeRuler, when every one of its
    patterns is one it reads; whether it did."""
    if NAME not in nlp.pipe_names or type(nlp.get_pipe(NAME)).__name__ != "AttributeRuler":
        return False
    patterns = nlp.get_pipe(NAME).patterns
    try:
        for rule in patterns:
            for pattern in rule["patterns"]:
                for token_pattern in pattern:
                    _test(token_pattern)
    except ValueError:
        return False
    rules = nlp.replace_pipe(NAME, "tidings_attributes")
    rules.use(patterns)
    return True


def _test(token_pattern: dict) -> Test:
    """A test on (tag, lower, dep, is_space) for one token of a Matcher pattern; ValueError for a
    pattern that asks anything else (an operator, another attribute, another predicate)."""
    checks = []
    for name, wanted in token_pattern.items():
        if name not in FEATURES:
            raise ValueError(f"the attribute rules do not read {name}")
        checks.append(_check(FEATURES.index(name), wanted))
    return lambda features: all(check(features) for check in checks)


def _check(position: int, wanted: Any) -> Test:
    if isinstance(wanted, (str, bool)):
        return lambda features: features[position] == wanted
    if isinstance(wanted, dict) and len(wanted) == 1:
        ((predicate, value),) = wanted.items()
        if predicate == "IN":
            values = set(value)
            return lambda features: features[position] in values
        if predicate == "NOT_IN":
            values = set(value)
            return lambda features: features[position] not in values
        if predicate == "REGEX":
            pattern = re.compile(value)

            def matches(features: tuple) -> bool:
                value = features[position]
                return value is not None and pattern.search(value) is not None

            return matches
    raise ValueError(f"the attribute rules do not read {wanted!r}")
