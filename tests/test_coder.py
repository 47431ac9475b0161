"""The coder's batches: one article that breaks the pipeline is reported alone, the others coded;
the words the vocabulary keeps are bounded."""

from __future__ import annotations

import tidings

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
