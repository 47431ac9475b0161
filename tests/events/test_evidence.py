"""Every event's evidence lies inside its sentence: the spans a reader is shown are the text's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.coder import Coded
from tidings.model import Article
from tidings.read import read_articles

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seed" / "global-courant-blinken-wang-yi.txt"


def assert_evidence_in_sentence(article: Article, events) -> None:
    for event in events:
        begin = article.text.find(event.sentence)
        assert begin >= 0, (article.id, event.sentence)
        end = begin + len(event.sentence)
        for name, span in (("trigger", event.trigger), ("source", event.source), ("target", event.target)):
            if span is None:
                continue
            assert article.text[span.start : span.end] == span.text, (article.id, name, span)
            assert begin <= span.start and span.end <= end, (article.id, name, span.text, event.sentence)


def test_every_event_of_the_bundled_sample_has_its_evidence_in_its_sentence(unrealized_coder):
    coded = [item for item in unrealized_coder.iter_code(read_articles([ROOT / "samples" / "news"]))]
    coded = [item for item in coded if isinstance(item, Coded)]
    assert sum(len(item.events) for item in coded) > 200
    for item in coded:
        assert_evidence_in_sentence(item.article, item.events)


def test_every_event_of_the_seed_article_has_its_evidence_in_its_sentence(unrealized_coder):
    if not SEED.is_file():
        pytest.skip(f"{SEED} is not here: the seed article comes from ../shared/seed")
    article = Article(text=SEED.read_text(encoding="utf-8"), date="2023-06-19")
    assert_evidence_in_sentence(article, unrealized_coder.code_article(article).events)


def test_a_dateline_places_an_event_but_is_never_its_actor(coder):
    text = (
        "Kenya reopens border crossings\n\nNAIROBI, March 4 (Meridian Wire) - Police blocked the roads "
        "around parliament on Monday as lawmakers debated the finance bill."
    )
    events = coder.code(text, date="2024-03-04")
    assert events
    for event in events:
        assert all(actor is None or "NAIROBI" not in actor.text for actor in (event.source, event.target))


def test_a_syndication_footer_yields_no_event(coder):
    text = (
        "Ethiopia and Kenya signed a trade agreement in Addis Ababa on Friday.\n\n"
        "This article was provided by Meridian Wire and appears here under a syndication agreement."
    )
    events = coder.code(text, date="2024-03-04")
    assert [e.trigger.text for e in events if "provided" in e.sentence] == []


WIRE_LEADS = [
    "NAIROBI, March 4 (Reuters) - ",
    "KYIV, Ukraine (AP) \u2014 ",
    "GENEVA, March 4 (AFP) - ",
    "BEIJING, March 4 (Xinhua) -- ",
    "LAGOS, March 4, 2024 - ",
    "ABUJA \u2013 ",
]


@pytest.mark.parametrize("lead", WIRE_LEADS)
@pytest.mark.parametrize("headline", ["", "Lawmakers debate the finance bill\n\n"])
def test_a_wire_dateline_under_a_headline_or_not_yields_no_event_and_no_actor(coder, lead, headline):
    text = (
        f"{headline}{lead}Police blocked the roads around parliament on Monday.\n\n"
        "By Amina Yusuf\n\nReporting by Amina Yusuf; Editing by Tom Hale"
    )
    events = coder.code(text, date="2024-03-04")
    assert [e.trigger.text for e in events] == ["blocked"]
    agency = lead.split("(")[-1].split(")")[0] if "(" in lead else None
    for event in events:
        assert event.location is not None, "the dateline places the story"
        for actor in (event.source, event.target):
            assert actor is None or actor.text.upper() != actor.text, actor
            assert agency is None or actor is None or agency not in actor.text
        assert_evidence_in_sentence(Article(text=text), [event])
