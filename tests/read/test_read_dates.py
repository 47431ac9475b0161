from __future__ import annotations

import pytest

from tidings.read.dates import normalise_date


@pytest.mark.parametrize(
    "written",
    [
        "2023-06-19",
        "2023-06-19T23:30:00-05:00",
        "2023-06-19T08:30:00Z",
        "2023-06-19 08:30",
        "20230619",
        "2023/6/19",
    ],
)
def test_iso_dates_and_datetimes_keep_the_date_as_written(written: str) -> None:
    assert normalise_date(written) == "2023-06-19"


@pytest.mark.parametrize("written", ["Mon, 19 Jun 2023 23:10:00 -0500", "Mon, 19 Jun 2023 04:10:00 GMT"])
def test_rfc_822_feed_dates_are_read_without_moving_to_utc(written: str) -> None:
    assert normalise_date(written) == "2023-06-19"


@pytest.mark.parametrize(
    "written",
    [
        "June 19, 2023",
        "Jun. 19 2023",
        "Monday, June 19th, 2023 at 10:30 a.m. EDT",
        "19 June 2023",
        "19th of June, 2023",
        "  JUNE 19, 2023  ",
    ],
)
def test_dates_written_out_in_words_are_read(written: str) -> None:
    assert normalise_date(written) == "2023-06-19"


def test_september_is_read_in_its_short_forms() -> None:
    assert normalise_date("Sept. 3, 2023") == normalise_date("Sep 3, 2023") == "2023-09-03"


@pytest.mark.parametrize(
    "written", ["06/19/2023", "19/06/2023", "2023-02-30", "next Tuesday", "2023", "Juin 19, 2023", ""]
)
def test_ambiguous_impossible_or_vague_dates_are_not_read(written: str) -> None:
    assert normalise_date(written) is None
