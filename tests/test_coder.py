"""The coder's batches: one article that breaks the pipeline is reported alone, the others coded."""

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
