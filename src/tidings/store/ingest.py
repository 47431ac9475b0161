"""Ingest: read sources, skip what the store has, fold copies, code the rest in parallel, write in batches.

Articles are classified in input order before they are coded: one the store
already has is skipped, a copy of an earlier article is stored without coding,
and only originals go to the coder's process pool. Results are written in input
order, a small batch per transaction, so a run stopped at any point loses at most
the articles in flight and the next run picks up where it stopped.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

import duckdb

from ..coder import Coded, Coder
from ..model import Article, Problem
from ..read import Fields, read_articles
from .dedup import Finder, Verdict
from .fold import Batch, write_batch

# Articles classified together, so that one store lookup serves many.
CLASSIFY_CHUNK = 32
# Articles written per transaction: small, because an interrupted run loses the uncommitted batch.
WRITE_BATCH = 16
# DuckDB keeps every block of the store it has read until it reaches its memory limit (80 % of the
# machine's memory by default), and copy detection reads the LSH bands of every stored article for
# each chunk it classifies: without a limit an ingest's memory grows with the store. Blocks over the
# limit are read again from the file (or the system's cache of it) when needed. At 128 MB the cache
# was still filling at 20,000 articles (24 MB at 1,000, 63 MB at 5,000); at 48 MB its share stops
# growing a few thousand articles in. A batch with an article of 990,000 characters (7,569 mentions)
# was stored under it into a store of 600 articles, and under 32 MB into a new one.
DUCKDB_MEMORY = "48MB"
# DuckDB keeps a few kilobytes for every UPDATE (ingest makes two a batch) until the database is
# closed; neither a checkpoint nor its memory limit gives them back. Closing the write connection
# and opening it again every so many batches does: replaying 20,000 articles, the heap in use grew
# from 77 to 107 MB without it. Closing checkpoints the store, which a batch would do soon anyway.
RENEW_WRITES = 64


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did.

    articles: originals coded and stored; duplicates: copies folded into an original; known: articles
    the store already had, skipped before coding; mentions: event mentions stored; problems: the records
    skipped (unreadable, or failed to code); warnings: what was left out of records that were coded
    (a word or a sentence too long to parse); seconds: how long the run took.
    """

    articles: int = 0
    duplicates: int = 0
    known: int = 0
    mentions: int = 0
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def seen(self) -> int:
        """Articles handled: coded, folded as copies, or already in the store."""
        return self.articles + self.duplicates + self.known

    @property
    def articles_per_second(self) -> float:
        return self.seen / self.seconds if self.seconds else 0.0


def ingest(
    connect: Callable[[], duckdb.DuckDBPyConnection],
    sources: Iterable[str | os.PathLike],
    *,
    coder: Coder,
    workers: int,
    fields: Fields,
    date: str | None,
    max_chars: int = 1_000_000,
    on_progress: Callable[[IngestReport], None] | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    on_warning: Callable[[Problem], None] | None = None,
) -> IngestReport:
    """Read, deduplicate, code and store articles; see ``Store.ingest``.

    connect: opens the store for writing; the connection is closed when ingest returns.
    """
    con = _writer(connect)
    writes = 0
    report = IngestReport()
    started = time.perf_counter()
    finder = Finder(con)
    # Records in input order (Problems, copies, originals) until their turn to be written comes.
    waiting: deque[Verdict | Problem] = deque()
    batch = Batch()

    def flush() -> None:
        nonlocal batch, con, writes
        if batch:
            write_batch(con, batch)
            writes += 1
            if writes % RENEW_WRITES == 0:
                con.close()
                con = _writer(connect)
                finder.reconnect(con)
            _release_freed_memory()
            _signal_hook(writes)
            finder.settled([verdict.fingerprint for verdict, _, _ in batch.entries])
            for verdict, events, _ in batch.entries:
                if verdict.kind == "new":
                    report.articles += 1
                    report.mentions += len(events)
                else:
                    report.duplicates += 1
            batch = Batch()
        report.seconds = time.perf_counter() - started
        if on_progress:
            on_progress(report)

    def settle_uncoded() -> None:
        """Handle the records ahead of the next article the coder returns."""
        while waiting and not _is_new(waiting[0]):
            entry = waiting.popleft()
            if isinstance(entry, Problem):
                _report(report, entry, on_problem)
            else:
                batch.add(entry)
                if len(batch) >= WRITE_BATCH:
                    flush()

    records = read_articles(sources, fields=fields, date=date, max_chars=max_chars)
    try:
        for result in coder.iter_code(_originals(records, finder, waiting, report), workers=workers):
            settle_uncoded()
            verdict = waiting.popleft()
            if isinstance(result, Coded):
                for warning in result.warnings:
                    report.warnings.append(warning)
                    if on_warning:
                        on_warning(warning)
                batch.add(verdict, result.events)
            else:
                _report(report, result, on_problem)
                batch.add(verdict, error=str(result))
            if len(batch) >= WRITE_BATCH:
                flush()
        settle_uncoded()
        flush()
    finally:
        con.close()
    return report


def _writer(connect: Callable[[], duckdb.DuckDBPyConnection]) -> duckdb.DuckDBPyConnection:
    con = connect()
    con.execute(f"SET memory_limit = '{DUCKDB_MEMORY}'")
    return con


def _originals(
    records: Iterable[Article | Problem],
    finder: Finder,
    waiting: deque[Verdict | Problem],
    report: IngestReport,
) -> Iterator[Article]:
    """The articles to code; every other record is queued on ``waiting`` first, in order.

    Articles the store has are only counted: a resumed run may skip millions before the first new one.
    """
    records = iter(records)
    while chunk := list(islice(records, CLASSIFY_CHUNK)):
        verdicts = iter(finder.classify([item for item in chunk if isinstance(item, Article)]))
        for item in chunk:
            entry = item if isinstance(item, Problem) else next(verdicts)
            if isinstance(entry, Verdict) and entry.kind == "known":
                report.known += 1
                continue
            waiting.append(entry)
            if _is_new(entry):
                yield entry.article


def _is_new(entry: Verdict | Problem) -> bool:
    return isinstance(entry, Verdict) and entry.kind == "new"


def _report(report: IngestReport, item: Problem, on_problem: Callable[[Problem], None] | None) -> None:
    report.problems.append(item)
    if on_problem:
        on_problem(item)


def _glibc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None on another C library or system."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None).malloc_trim  # the symbols the process has loaded: libc's among them
    except (OSError, AttributeError):
        return None


_MALLOC_TRIM = _glibc_trim()


def _release_freed_memory() -> None:
    """Give the memory freed by a batch back to the system.

    Each batch frees its parse, its Arrow tables and DuckDB's working memory in pieces scattered
    over glibc's arenas (one per thread that allocated), and glibc keeps the freed pages that are not
    at the top of an arena: the process's memory would count them as used until they are reused.
    """
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


def _signal_hook(writes: int) -> None:
    """The crash tests' hook: ``TIDINGS_SIGNAL_AT_WRITE=2:SIGKILL`` sends the process that signal
    once its second batch is stored, so that tests kill an ingest at a known point, not by timing."""
    hook = os.environ.get("TIDINGS_SIGNAL_AT_WRITE")
    if not hook or int(hook.split(":")[0]) != writes:
        return
    name = hook.split(":")[1]
    print(f"tidings: {name} at write {writes}", file=sys.stderr, flush=True)
    os.kill(os.getpid(), getattr(signal, name))
