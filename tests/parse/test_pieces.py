"""Bounded work per record: long texts are coded in pieces, overlong words and sentences are left
out or cut with a warning, and every offset still indexes the whole text.

The coding tests need the trained model; the pieces are made small so that the texts stay short.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import tidings
from tidings.parse.pieces import SENTENCE_TOKENS, WORD_CHARS, blank_long_words, cuts

TIDINGS = str(Path(sys.executable).with_name("tidings"))

KENYA = (
    "Kenyan police arrested dozens of protesters in Nairobi on Tuesday after they blocked roads "
    "leading to parliament. The protesters demanded the withdrawal of a finance bill. Police fired "
    "tear gas at demonstrators outside the Kenyatta International Convention Centre."
)
TURKEY = (
    "Turkish Foreign Minister Hakan Fidan met his Iraqi counterpart Fuad Hussein in Ankara on Monday. "
    "The two ministers signed an agreement on water sharing. Fidan said Turkey would help Iraq "
    "rebuild its power grid."
)


def spans(event: tidings.Event) -> list:
    return [event.trigger, *(actor for actor in (event.source, event.target) if actor is not None)]


def described(event: tidings.Event, *, offset: int = 0, sentences: int = 0) -> tuple:
    """What an event says, with its offsets and sentence number moved by those given."""
    where = tuple((span.text, span.start + offset, span.end + offset) for span in spans(event))
    actors = (event.source and event.source.code, event.target and event.target.code)
    return (event.cameo, actors, where, event.sentence_index + sentences, event.date, event.modality)


def sentence_count(coder: tidings.Coder, text: str) -> int:
    return len(list(coder.nlp(text).sents))


@pytest.fixture(scope="module")
def small_pieces() -> tidings.Coder:
    """A coder whose pieces are a little longer than the first story, so that the two stories
    below are coded as two pieces."""
    return tidings.Coder(piece_chars=len(KENYA) + 40)


def test_pieces_are_cut_at_a_paragraph_break_else_a_sentence_end_else_a_space() -> None:
    paragraphs = "First paragraph here.\n\nSecond one is a bit longer."
    assert cuts(paragraphs, limit=40) == [(0, 23), (23, len(paragraphs))]
    sentences = "One sentence ends here. Another one follows it"
    assert cuts(sentences, limit=40) == [(0, 24), (24, len(sentences))]
    words = "words without any full stop at all in them"
    assert cuts(words, limit=40) == [(0, words.index("them")), (words.index("them"), len(words))]
    assert cuts("x" * 100, limit=40) == [(0, 40), (40, 80), (80, 100)]


def test_a_word_left_out_is_blanked_so_that_every_offset_stays_the_texts() -> None:
    blob = "A" * (WORD_CHARS + 1)
    text = f"Police said {blob} on Tuesday."
    readable, left_out = blank_long_words(text)
    assert left_out == (len(blob),)
    assert len(readable) == len(text)
    assert readable == text.replace(blob, " " * len(blob))
    assert blank_long_words("a" * WORD_CHARS) == ("a" * WORD_CHARS, ())


def test_a_long_text_is_coded_in_pieces_with_the_offsets_of_the_whole_text(small_pieces, monkeypatch) -> None:
    text = KENYA + "\n\n" + TURKEY
    parsed: list[str] = []
    make_doc = small_pieces.nlp.make_doc
    monkeypatch.setattr(small_pieces.nlp, "make_doc", lambda piece: parsed.append(piece) or make_doc(piece))
    coded = small_pieces.code_article(tidings.Article(text=text, date="2024-06-25"))
    monkeypatch.undo()
    assert parsed == [KENYA + "\n\n", TURKEY], "cut at the paragraph break, never parsed whole"
    assert coded.warnings == []
    for event in coded.events:
        for span in spans(event):
            assert text[span.start : span.end] == span.text
    # Each piece gives what it gives alone, moved to where it stands in the whole text.
    first = small_pieces.code(KENYA, date="2024-06-25")
    second = small_pieces.code(TURKEY, date="2024-06-25")
    alone = [described(event) for event in first] + [
        described(event, offset=len(KENYA) + 2, sentences=sentence_count(small_pieces, KENYA))
        for event in second
    ]
    assert first and second
    assert [described(event) for event in coded.events] == alone


def test_an_overlong_word_is_left_out_with_a_warning_naming_the_record_and_the_rest_is_coded(
    coder,
) -> None:
    blob = "data:image/png;base64," + "iVBORw0KGgo" * 500
    text = KENYA + " " + blob + "\n\n" + TURKEY
    coded = coder.code_article(tidings.Article(text=text, date="2024-06-25", origin="feed.jsonl:3"))
    assert [(w.origin, w.code) for w in coded.warnings] == [("feed.jsonl:3", "TID202")]
    assert f"the longest {len(blob):,}" in coded.warnings[0].message
    codes = {event.cameo[:2] for event in coded.events}
    assert {"17", "14", "04"} <= codes, "arrests and protests in Nairobi, the meeting in Ankara"
    for event in coded.events:
        for span in spans(event):
            assert text[span.start : span.end] == span.text
            assert blob not in span.text


def test_a_run_of_words_without_a_full_stop_is_cut_into_sentences_with_a_warning(coder) -> None:
    chant = " ".join(["no", "more", "taxes"] * SENTENCE_TOKENS)
    text = KENYA + "\n" + chant + "\n" + TURKEY
    coded = coder.code_article(tidings.Article(text=text, date="2024-06-25", origin="chant.txt"))
    assert [(w.origin, w.code) for w in coded.warnings] == [("chant.txt", "TID203")]
    assert any(event.cameo.startswith("04") and event.source.code == "TURGOV" for event in coded.events)


def test_tidings_code_warns_of_a_word_left_out_and_exits_0(tmp_path) -> None:
    path = tmp_path / "wire.jsonl"
    record = '{"id": "wire-1", "text": "' + KENYA + " " + "(" * 5_000 + '"}\n'
    path.write_text(record, encoding="utf-8")
    result = subprocess.run(
        [TIDINGS, "code", str(path), "--format", "jsonl"], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert f"{path}:1: TID202 a word too long to parse was left out" in result.stderr
    assert '"article_id": "wire-1"' in result.stdout
