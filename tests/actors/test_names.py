"""Knowledge-base names are found where spaCy's PhraseMatcher on ORTH would find them."""

from __future__ import annotations

import spacy
from spacy.matcher import PhraseMatcher

from tidings.actors.names import name_index

NAMES = [
    "U.S.",
    "United States",
    "United Nations",
    "UN Security Council",
    "Security Council",
    "Wang Yi",
    "Beijing",
]
TEXT = (
    "U.S. Secretary of State Antony Blinken met Wang Yi in Beijing on Monday, and the United States "
    "asked the UN Security Council to meet; the Security Council of the United Nations did not."
)


def test_names_match_as_the_phrase_matcher_matches_them(tmp_path, monkeypatch):
    monkeypatch.setenv("TIDINGS_CACHE_DIR", str(tmp_path))
    nlp = spacy.blank("en")
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    matcher.add("ALIAS", [nlp.make_doc(name) for name in NAMES])
    doc = nlp.make_doc(TEXT)
    expected = sorted((start, end) for _, start, end in matcher(doc))
    for _ in range(2):  # built, then read back from the cache
        found = sorted(name_index(nlp, NAMES, key="test").spans(doc))
        assert found == expected
    assert [doc[start:end].text for start, end in found].count("Security Council") == 2
