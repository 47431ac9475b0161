"""The model's attribute rules and lemmatizer as tidings applies them give the tokens spaCy's own do."""

from __future__ import annotations

import pytest
import spacy

from tidings.parse.attributes import replace_attribute_ruler
from tidings.parse.lemmas import replace_lemmatizer
from tidings.parse.pipeline import model_location

NEWS = [
    "KYIV, Ukraine (AP) — Russia's army said it had shelled the town, but Ukraine's officials "
    "didn't confirm it. \"We aren't gonna leave,\" a resident told reporters.",
    "There were at least 12 people killed when gunmen attacked a bus in northern Nigeria on "
    "Tuesday, police said. Y'all know that I'd rather go, one of them said; it ain't over.",
    "The ministers met in Brussels and agreed to lift the sanctions.\n\nThat is what the EU wants, "
    "whether or not Moscow agrees. Let's see what he does with it.",
]


def attributes(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


@pytest.fixture(scope="module")
def pipelines():
    spacy_own = spacy.load(model_location())
    ours = spacy.load(model_location())
    assert replace_attribute_ruler(ours) and replace_lemmatizer(ours)
    return spacy_own, ours


def test_tokens_get_spacys_tags_morphology_and_lemmas(pipelines):
    spacy_own, ours = pipelines
    for text in NEWS:
        assert attributes(ours(text)) == attributes(spacy_own(text))


def test_lemmas_are_right_after_a_memory_zone_drops_the_strings(pipelines):
    spacy_own, ours = pipelines
    with ours.memory_zone():
        first = attributes(ours("Protesters marched on the ministries of Bamako."))
    with ours.memory_zone():
        again = attributes(ours("Protesters marched on the ministries of Bamako."))
    assert first == again == attributes(spacy_own("Protesters marched on the ministries of Bamako."))


def test_rules_it_cannot_read_keep_spacys_component():
    nlp = spacy.load(model_location())
    nlp.get_pipe("attribute_ruler").add([[{"LOWER": "bamako", "OP": "+"}]], {"POS": "PROPN"})
    assert not replace_attribute_ruler(nlp)
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"
