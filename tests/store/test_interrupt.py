"""An ingest killed with SIGKILL loses only what was in flight, and the next run completes it exactly."""

from __future__ import annotations

import contextlib
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
    Store(killed_db).close()  # created beforehand, so that the write-ahead log starts with the first batch
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
