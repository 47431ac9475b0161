"""An ingest killed with SIGKILL loses only what was in flight, and the next run completes it exactly."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from tidings import Store

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "news"
CLI = [sys.executable, "-c", "from tidings.cli import main; main()"]


def ingest(db: Path, *, workers: int) -> subprocess.Popen:
    """``tidings ingest samples/news`` in its own process group, so that its workers can be killed with it."""
    return subprocess.Popen(
        [*CLI, "ingest", str(SAMPLES), "--db", str(db), "--workers", str(workers)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


QUERIES = {
    "articles": "SELECT id, seq, duplicate_of, similarity, mentions, error FROM articles ORDER BY id",
    "events": "SELECT * EXCLUDE (added_at) FROM events ORDER BY id",
    "mentions": "SELECT * FROM mentions ORDER BY article_id, mention_id",
    "event_sources": "SELECT * FROM event_sources ORDER BY ALL",
    "actors": "SELECT * FROM actors ORDER BY ALL",
}


def contents(db: Path) -> dict[str, pd.DataFrame]:
    """Everything the store holds that does not depend on when it was written."""
    with Store(db, read_only=True) as store:
        return {table: store.sql(query) for table, query in QUERIES.items()}


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="samples/news is not in this checkout")
def test_an_ingest_killed_mid_run_resumes_to_exactly_the_store_of_an_uninterrupted_run(
    tmp_path: Path,
) -> None:
    whole = ingest(tmp_path / "whole.duckdb", workers=2)
    assert whole.wait(timeout=300) == 0, whole.stderr.read().decode()

    killed_db = tmp_path / "killed.duckdb"
    # Created beforehand, so that the write-ahead log starts with the first batch.
    Store(killed_db, create=True).close()
    killed = ingest(killed_db, workers=1)
    wal = Path(f"{killed_db}.wal")
    deadline = time.monotonic() + 120
    # A moment after the log appears, the first batch is stored and the next one is being coded.
    while (
        not (wal.exists() and wal.stat().st_size > 0)
        and killed.poll() is None
        and time.monotonic() < deadline
    ):
        time.sleep(0.05)
    time.sleep(1.0)
    if killed.poll() is None:
        os.kill(killed.pid, signal.SIGKILL)
    killed.wait(timeout=30)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(killed.pid, signal.SIGKILL)  # the coder's orphaned workers, if it had any
    assert killed.returncode == -signal.SIGKILL, "the ingest ended before it could be killed"

    with Store(killed_db, read_only=True) as store:
        stored = store.sql("SELECT count(*) AS n FROM articles")["n"][0]
        torn = store.sql("""SELECT a.id FROM articles a LEFT JOIN mentions m ON m.article_id = a.id
                            GROUP BY a.id, a.mentions HAVING count(m.article_id) <> a.mentions""")
    assert 0 < stored < 52
    assert torn.empty, "an article's mentions were stored in part"

    resumed = ingest(killed_db, workers=2)
    assert resumed.wait(timeout=300) == 0, resumed.stderr.read().decode()
    resumed_contents, whole_contents = contents(killed_db), contents(tmp_path / "whole.duckdb")
    for table, frame in whole_contents.items():
        pd.testing.assert_frame_equal(resumed_contents[table], frame, obj=table)


CITIES = [
    ("Kenyan", "Nairobi"),
    ("Nigerian", "Lagos"),
    ("Turkish", "Ankara"),
    ("Peruvian", "Lima"),
    ("Indian", "Mumbai"),
    ("Brazilian", "Recife"),
]
ACTS = [
    "police arrested {n} protesters in {city} on Monday after they blocked the main road, officials said.",
    "troops clashed with gunmen near {city} on Tuesday, killing {n} people, the army said.",
    "The foreign minister met the visiting Chinese envoy in {city} on Wednesday to discuss {n} trade deals.",
]


def wire(path: Path) -> Path:
    """JSON lines: 40 stories, every fifth one a copy of an earlier story from another outlet."""
    records = []
    for number in range(40):
        if number % 5 == 4:
            copy = dict(records[number - 3], id=f"copy-{number}", outlet="Daily Mirror")
            records.append(copy)
            continue
        nationality, city = CITIES[number % len(CITIES)]
        act = ACTS[number % len(ACTS)].format(n=number + 2, city=city)
        if act[0].islower():
            text = f"{nationality} {act}"
        else:
            text = act.replace("The foreign", f"The {nationality} foreign")
        records.append({"id": f"story-{number}", "text": text, "date": f"2024-03-{1 + number % 28:02d}"})
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def run_ingest(db: Path, source: Path, **env: str) -> subprocess.CompletedProcess:
    command = [*CLI, "ingest", str(source), "--db", str(db), "--workers", "1"]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, env={**os.environ, **env})


def test_an_ingest_killed_again_and_again_reruns_to_the_uninterrupted_store(tmp_path: Path) -> None:
    source = wire(tmp_path / "wire.jsonl")
    whole = run_ingest(tmp_path / "whole.duckdb", source)
    assert whole.returncode == 0, whole.stderr
    killed_db = tmp_path / "killed.duckdb"
    stored = [0]
    # Killed once its first batch is stored, then, run again, once the next batch is.
    for _ in range(2):
        killed = run_ingest(killed_db, source, TIDINGS_SIGNAL_AT_WRITE="1:SIGKILL")
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        with Store(killed_db, read_only=True) as store:
            stored.append(store.sql("SELECT count(*) AS n FROM articles")["n"][0])
    assert stored[0] < stored[1] < stored[2] < 40
    rerun = run_ingest(killed_db, source)
    assert rerun.returncode == 0, rerun.stderr
    resumed_contents, whole_contents = contents(killed_db), contents(tmp_path / "whole.duckdb")
    for table, frame in whole_contents.items():
        pd.testing.assert_frame_equal(resumed_contents[table], frame, obj=table)


def test_sigterm_stops_an_ingest_with_a_message_and_a_second_ingest_is_told_the_store_is_busy(
    tmp_path: Path,
) -> None:
    source = wire(tmp_path / "wire.jsonl")
    db = tmp_path / "news.duckdb"
    first = subprocess.Popen(
        [*CLI, "ingest", str(source), "--db", str(db), "--workers", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        # The first ingest stops itself at its first write; its store stays open and locked.
        env={**os.environ, "TIDINGS_SIGNAL_AT_WRITE": "1:SIGSTOP"},
    )
    assert first.stderr.readline().startswith("tidings: SIGSTOP at write 1"), "the hook is not reached"
    second = run_ingest(db, source)
    assert second.returncode != 0 and "TID304" in second.stderr and "Traceback" not in second.stderr
    first.terminate()  # delivered when it goes on
    first.send_signal(signal.SIGCONT)
    _, stderr = first.communicate(timeout=60)
    assert first.returncode == 130 and "interrupted" in stderr and "Traceback" not in stderr
