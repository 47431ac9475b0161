"""The coder's batches: one article that breaks the pipeline is reported alone, the others coded;
two workers code long articles a few at a time, in order, and a worker that dies ends the run with
a message; the words the vocabulary keeps are bounded."""

from __future__ import annotations

import multiprocessing
import os

import pytest

import tidings
from tidings import coder as coding
from tidings.errors import TidingsError

STORY = "Kenyan police arrested dozens of protesters in Nairobi on Tuesday after they blocked roads."


def test_an_article_that_breaks_the_coder_is_reported_and_the_rest_of_its_batch_is_coded(
    coder, monkeypatch
) -> None:
    code_articles = coder._code_articles

    def breaking(articles: list[tidings.Article]) -> list:
        if any("BROKEN" in article.text for article in articles):
            raise ValueError("a parse that fails")
        return code_articles(articles)

    monkeypatch.setattr(coder, "_code_articles", breaking)
    batch = [
        tidings.Article(text=STORY, origin="wire.jsonl:1"),
        tidings.Article(text="BROKEN " + STORY, origin="wire.jsonl:2"),
    ]
    first, second = coder.code_batch(batch)
    assert first.events and first.events[0].cameo.startswith("17")
    assert (second.origin, second.code) == ("wire.jsonl:2", "TID201")


def test_the_first_words_met_are_kept_and_later_batches_drop_their_new_words(coder, monkeypatch) -> None:
    strings = coder.nlp.vocab.strings
    story = "Kenyan police arrested {} in Nairobi on Tuesday after his supporters blocked roads."
    kept = coder.code(story.format("opposition leader Odhiambo Wekesarri"), date="2024-03-05")
    assert "Wekesarri" in strings
    # Once the coder keeps as many words as it may, a batch's new words go with the batch.
    monkeypatch.setattr(coder, "_words_kept_until", len(coder.nlp.vocab))
    dropped = coder.code(story.format("opposition leader Kiprotich Mbarakwe"), date="2024-03-05")
    assert "Mbarakwe" not in strings
    assert [(e.cameo, e.source.code, e.trigger.text) for e in dropped] == [
        (e.cameo, e.source.code, e.trigger.text) for e in kept
    ]
    assert dropped[0].target.text == "Kiprotich Mbarakwe"


def test_two_workers_share_long_articles_a_few_at_a_time_and_give_one_workers_events(
    coder, monkeypatch
) -> None:
    stories = [
        STORY,
        "Turkish troops shelled Kurdish positions near Kobani on Sunday, the Syrian Observatory said.\n\n"
        "Ankara said the strikes answered an attack on a border post. " * 3,
        "Brazil's president met Argentina's foreign minister in Brasilia on Friday to discuss trade.",
    ]
    articles = [
        tidings.Article(text=text, id=f"story-{n}", date="2024-03-05") for n, text in enumerate(stories * 4)
    ]
    # Batches of a few hundred characters: the twelve articles go out in several, in order.
    limit = 2 * max(map(len, stories))
    monkeypatch.setattr(coding, "WORKER_BATCH_CHARS", limit)
    batches = list(coding._batches(articles))
    assert len(batches) >= 4 and [article for batch in batches for article in batch] == articles
    assert all(sum(len(article.text) for article in batch) <= limit for batch in batches)
    one = [(e.article_id, e.event_id) for e in coder.code_many(articles)]
    two = [(e.article_id, e.event_id) for e in coder.code_many(articles, workers=2)]
    assert one == two and len({article for article, _ in one}) == 12


def test_a_worker_that_dies_stops_the_run_with_a_message_instead_of_hanging(coder, monkeypatch) -> None:
    # Killed by the system (out of memory, say): a forked worker inherits this coder and leaves at once.
    monkeypatch.setattr(coder, "code_batch", lambda batch: os._exit(9))
    articles = [tidings.Article(text=STORY, id=f"story-{n}") for n in range(40)]
    with pytest.raises(TidingsError, match=r"a coding worker stopped \(exit code 9\)"):
        list(coder.iter_code(articles, workers=2))
    assert multiprocessing.active_children() == []


def test_reading_only_the_first_results_of_two_workers_ends_them(coder) -> None:
    articles = [tidings.Article(text=STORY, id=f"story-{n}", date="2024-03-05") for n in range(200)]
    coded = coder.iter_code(articles, workers=2)
    first = next(coded)
    assert first.article.id == "story-0" and first.events[0].cameo.startswith("17")
    coded.close()
    assert multiprocessing.active_children() == []
