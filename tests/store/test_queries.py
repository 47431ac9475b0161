"""Reading the store: events by dyad, type and date, their evidence, timelines, SQL and a summary."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_inputs import STORIES, write_jsonl

from tidings import Store
from tidings.errors import TidingsError
from tidings.store.plot import plot_timeline


def test_a_dyad_s_events_come_in_both_directions_unless_directed(coded_store: Store) -> None:
    both = coded_store.events(dyad=("KEN", "ETH"), type="CONSULT")
    directed = coded_store.events(dyad=("KEN", "ETH"), type="CONSULT", directed=True)

    assert {(e.source_country, e.target_country) for e in both.itertuples()} == {
        ("KEN", "ETH"),
        ("ETH", "KEN"),
    }
    assert {(e.source_country, e.target_country) for e in directed.itertuples()} == {("KEN", "ETH")}


def test_events_are_filtered_by_actor_cameo_code_and_dates(coded_store: Store) -> None:
    june_22 = coded_store.events(actor="DEU", cameo="04", since="2023-06-22", until="2023-06-22")

    assert not june_22.empty
    assert set(june_22["date"].dt.strftime("%Y-%m-%d")) == {"2023-06-22"}
    assert all(row.cameo.startswith("04") for row in june_22.itertuples())
    assert all("DEU" in (row.source_code or "") + (row.target_code or "") for row in june_22.itertuples())
    assert coded_store.events(actor="DEU", since="2023-06-23").empty


def test_an_event_s_mentions_point_at_their_evidence_in_the_article_text(coded_store: Store) -> None:
    meeting = coded_store.events(dyad=("KENGOV", "ETHGOV"), type="CONSULT", directed=True).iloc[0]

    mentions = coded_store.mentions(int(meeting.id))
    texts = coded_store.sql("SELECT id, text FROM articles").set_index("id")["text"]

    assert sorted(mentions["outlet"]) == ["Meridian Wire", "The Harbour Courier"]
    for mention in mentions.itertuples():
        text = texts[mention.article_id]
        assert text[mention.trigger_start : mention.trigger_end] == mention.trigger
        assert text[mention.source_start : mention.source_end] == mention.source_text
        assert mention.sentence in text


def test_a_timeline_counts_events_per_quad_class_and_fills_quiet_periods(coded_store: Store) -> None:
    timeline = coded_store.timeline("KEN", "ETH", freq="day", since="2023-06-18", until="2023-06-21")

    assert [str(day.date()) for day in timeline["period"]] == [
        "2023-06-18",
        "2023-06-19",
        "2023-06-20",
        "2023-06-21",
    ]
    quiet, meeting = timeline.iloc[0], timeline.iloc[1]
    assert (quiet.events, quiet.mentions) == (0, 0)
    assert meeting.verbal_cooperation >= 2 and meeting.events == (
        meeting.verbal_cooperation
        + meeting.material_cooperation
        + meeting.verbal_conflict
        + meeting.material_conflict
    )
    assert -10 <= meeting.goldstein <= 10


def test_a_weekly_timeline_leaves_out_events_dated_only_to_a_month_or_a_year(coded_store: Store) -> None:
    vague = coded_store.sql(
        "SELECT count(*) AS n FROM events WHERE modality = 'asserted' AND date_precision IN ('month', 'year')"
    )["n"][0]
    assert vague > 0, "the stories mention 'last year' and 'since January'"

    weekly = coded_store.timeline(freq="week")
    by_year = coded_store.timeline(freq="year")

    assert weekly["events"].sum() == by_year["events"].sum() - vague
    # The timeline says how many it left out, so that a reader can tell a quiet week from a vague date.
    undated = coded_store.sql(
        "SELECT count(*) AS n FROM events WHERE modality = 'asserted' AND date IS NULL"
    )["n"][0]
    assert weekly.attrs["left_out"] == vague + undated
    assert by_year.attrs["left_out"] == undated


def test_a_timeline_plot_is_a_png_with_bars_and_the_goldstein_line(
    coded_store: Store, tmp_path: Path
) -> None:
    plot_timeline(coded_store.timeline("KEN", freq="day"), tmp_path / "ken.png", title="Kenya")

    assert (tmp_path / "ken.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_sql_answers_a_select(coded_store: Store) -> None:
    answer = coded_store.sql(
        "SELECT plover_type, count(*) AS n FROM events WHERE plover_type = ? GROUP BY 1", ["CONSULT"]
    )

    assert answer.to_dict("records") == [
        {"plover_type": "CONSULT", "n": len(coded_store.events(type="CONSULT"))}
    ]


@pytest.mark.parametrize(
    "query, code",
    [
        ("DELETE FROM events", "TID306"),
        ("SELECT 1; DROP TABLE events", "TID306"),
        ("UPDATE events SET num_mentions = 0", "TID306"),
        ("SELEC count(*) FROM events", "TID307"),
        ("SELECT * FROM no_such_table", "TID307"),
    ],
)
def test_sql_refuses_anything_but_one_select_and_leaves_the_store_as_it_was(
    coded_store: Store, query: str, code: str
) -> None:
    before = len(coded_store.events(include_unrealized=True))

    with pytest.raises(TidingsError, match=code):
        coded_store.sql(query)

    assert len(coded_store.events(include_unrealized=True)) == before


def test_stats_summarise_the_store(coded_store: Store) -> None:
    summary = coded_store.stats()

    assert (summary.articles, summary.duplicates, summary.failed) == (8, 1, 0)
    assert summary.sources == 7
    assert (summary.first_published, summary.last_published) == ("2023-06-19", "2023-06-23")
    assert summary.events == len(coded_store.events(include_unrealized=True))
    assert summary.mentions == coded_store.sql("SELECT count(*) AS n FROM mentions")["n"][0]
    assert {"source", "target", "events", "mentions"} <= set(summary.top_dyads.columns)
    assert [str(month.date()) for month in summary.timeline["period"]] == ["2023-06-01"]


def test_unrealized_events_are_stored_apart_from_asserted_ones_when_asked_for(
    tmp_path: Path, store: Store, unrealized_coder
) -> None:
    write_jsonl(
        tmp_path / "news.jsonl",
        [
            {"id": "hc-1", "text": STORIES["html"], "date": "2023-06-22", "outlet": "The Harbour Courier"},
            {
                "id": "bd-1",
                "date": "2023-06-22",
                "outlet": "Berlin Daily",
                "text": "German Chancellor Olaf Scholz did not meet French President Emmanuel Macron "
                "in Paris on Thursday, "
                "a government spokesman said, denying reports of a late-night dinner at the Elysee.",
            },
        ],
    )

    store.ingest([tmp_path / "news.jsonl"], coder=unrealized_coder, workers=1)

    asserted = store.events(dyad=("DEU", "FRA"), cameo="040", directed=True)
    everything = store.events(dyad=("DEU", "FRA"), cameo="040", directed=True, include_unrealized=True)
    assert list(asserted["modality"]) == ["asserted"]
    assert sorted(everything["modality"]) == ["asserted", "negated"]
    assert set(everything["num_mentions"]) == {1}
    assert store.export("csv", tmp_path / "asserted.csv") < store.export(
        "csv", tmp_path / "all.csv", include_unrealized=True
    )


def test_a_timeline_chart_has_integer_counts_goldstein_zero_a_caption_and_vector_formats(
    coded_store: Store, tmp_path: Path
) -> None:
    frame = coded_store.timeline("KEN", freq="day")
    plot_timeline(frame, tmp_path / "ken.svg", title="Kenya", source="test store")
    svg = (tmp_path / "ken.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    plot_timeline(frame, tmp_path / "ken.pdf", title="Kenya")
    assert (tmp_path / "ken.pdf").read_bytes()[:5] == b"%PDF-"
    plot_timeline(frame, tmp_path / "low.png", dpi=60)
    plot_timeline(frame, tmp_path / "high.png", dpi=240)
    assert (tmp_path / "high.png").stat().st_size > (tmp_path / "low.png").stat().st_size
