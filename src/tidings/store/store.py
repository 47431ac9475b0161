"""``Store``: an event dataset in one DuckDB file, built by ingesting news and read by queries and exports."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Self

import duckdb

from ..coder import Coder
from ..errors import TidingsError, problem
from ..model import Problem
from ..read import Fields
from ..read.records import DEFAULT_FIELDS
from . import queries
from .export import export as export_events
from .ingest import IngestReport, ingest
from .schema import connect

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import Console


class Store:
    """An event dataset in a DuckDB file: articles, event mentions with their evidence, folded events, actors.

        store = Store("news.duckdb")
        store.ingest(["news/", "feeds.xml"])
        store.events(dyad=("USA", "CHN"), type="CONSULT", since="2023-01-01")

    path: the store file, migrated to the current schema when opened (unless ``read_only``).
    create: create the file if it does not exist; without it a missing file is an error (TID303),
        so that a typo in the path never gives an empty store.
    read_only: never write; ``ingest`` is then refused.

    The store is read through a read-only connection, which does not take DuckDB's write lock:
    a Store open in a notebook does not keep ``tidings events`` or ``tidings sql`` from reading
    the file. ``ingest`` takes the write lock for the time it runs and gives it back after.
    """

    def __init__(self, path: str | os.PathLike, *, create: bool = False, read_only: bool = False) -> None:
        self.path = os.fspath(path)
        self.read_only = read_only
        if not os.path.exists(self.path) and not create:
            detail = "pass create=True to create it" if not read_only else "run `tidings ingest` to create it"
            raise TidingsError(str(problem(self.path, "TID303", detail)))
        if not read_only:
            connect(self.path).close()  # creates the file or migrates its schema
        self.con = connect(self.path, read_only=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def ingest(
        self,
        sources: Iterable[str | os.PathLike],
        *,
        workers: int | None = None,
        fields: Fields = DEFAULT_FIELDS,
        date: str | None = None,
        max_chars: int = 1_000_000,
        coder: Coder | None = None,
        include_unrealized: bool = False,
        progress: bool | Callable[[IngestReport], None] = False,
        on_problem: Callable[[Problem], None] | None = None,
        on_warning: Callable[[Problem], None] | None = None,
    ) -> IngestReport:
        """Code and store the articles in files, folders, glob patterns and ``-``; return what was done.

        Articles the store already has are skipped before coding, and copies of earlier
        articles are folded into them; see docs/store.md.

        workers: coding processes; default one per CPU.
        fields: which JSON/CSV field holds the text, id, date, title, url and outlet.
        date: the publication date of records that carry none.
        max_chars: the longest article coded; a longer one is reported (TID104) and not coded.
        coder: the Coder to use (its model, actors and include_unrealized); default a new one.
        include_unrealized: with the default coder, also store negated, hypothetical and intended events.
        progress: True for a progress bar on stderr (records of the total and time left where the
            total can be known, articles/s, events, copies), or a function
            called with the running IngestReport after each batch is stored.
        on_problem: called with each record that is skipped (unreadable, or failed to code).
        on_warning: called with what was left out of a record that was coded (TID202, TID203).
        """
        if self.read_only:
            raise TidingsError(str(problem(self.path, "TID310", "open it with Store(path) to ingest")))
        coder = coder or Coder(include_unrealized=include_unrealized)
        options = {
            "coder": coder,
            "workers": workers or os.cpu_count() or 1,
            "fields": fields,
            "date": date,
            "max_chars": max_chars,
            "on_problem": on_problem,
            "on_warning": on_warning,
        }
        with self._writing():
            if progress is not True:
                return ingest(self._connect, sources, on_progress=progress or None, **options)
            from ..progress import BatchProgress
            from ..read import count_records

            sources = list(sources)
            with BatchProgress("ingesting", total=count_records(sources)) as bar:

                def show(report: IngestReport) -> None:
                    note = (
                        f"{report.articles_per_second:.1f}/s, {report.mentions:,} events, "
                        f"{report.duplicates:,} copies, {report.known:,} known, "
                        f"{len(report.problems):,} skipped"
                    )
                    bar.update(report.seen + len(report.problems), note)

                return ingest(self._connect, sources, on_progress=show, **options)

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """The block writes through the connections ``_connect`` opens, then the read-only one is back.

        DuckDB opens a file for reading or for writing in one process, not both at once.
        """
        self.con.close()
        try:
            yield
        finally:
            self.con.close()
            self.con = connect(self.path, read_only=True)

    def _connect(self) -> duckdb.DuckDBPyConnection:
        """A write connection, which ``con`` is while the ingest that asked for it runs."""
        self.con = connect(self.path)
        return self.con

    def events(
        self,
        *,
        dyad: tuple[str, str] | None = None,
        actor: str | None = None,
        type: str | None = None,
        cameo: str | None = None,
        since: str | None = None,
        until: str | None = None,
        directed: bool = False,
        include_unrealized: bool = False,
        limit: int | None = None,
    ) -> pd.DataFrame:
        """Folded events, newest first, as a DataFrame; every filter is optional.

        dyad: two actor codes or prefixes (``("USA", "CHN")``); both directions unless ``directed``.
        actor: an actor code or prefix on either side.
        type: a PLOVER type (``CONSULT``); cameo: a CAMEO code or prefix (``04``).
        since, until: event dates (``2023-01-01``, ``1 January 2023``, ...), inclusive.
        include_unrealized: also negated, hypothetical and intended events, if the store has them.
        """
        return queries.events(
            self.con,
            dyad=dyad,
            actor=actor,
            type=type,
            cameo=cameo,
            since=since,
            until=until,
            directed=directed,
            include_unrealized=include_unrealized,
            limit=limit,
        )

    def mentions(self, event_id: int) -> pd.DataFrame:
        """The mentions folded into one event, with their article and evidence."""
        return queries.mentions(self.con, event_id)

    def show(self, event_id: int, *, console: Console | None = None) -> None:
        """Print one event and every mention of it, each with its article and its evidence marked in
        its sentence: [source], <trigger>, {target} (styled, where the terminal or notebook can)."""
        import rich.console

        from .show import event_view

        (console or rich.console.Console()).print(event_view(self.con, event_id, name=self.path))

    def timeline(
        self,
        actor: str | None = None,
        other: str | None = None,
        *,
        freq: str = "week",
        since: str | None = None,
        until: str | None = None,
        directed: bool = False,
    ) -> pd.DataFrame:
        """Events per period: counts per QuadClass, mentions and mean Goldstein score.

        actor, other: the actor codes or prefixes to follow; one for all its events, two for a dyad.
        freq: ``day``, ``week``, ``month`` or ``year``; periods without events are rows of zeros, and
            events dated less precisely than a period (to a month for weeks) are left out.
        since, until: the first and last period, ``YYYY-MM-DD``; default those with events.
        """
        return queries.timeline(
            self.con, actor, other, freq=freq, since=since, until=until, directed=directed
        )

    def sql(self, query: str, parameters: list | None = None) -> pd.DataFrame:
        """The result of one read-only SELECT statement over the store's tables."""
        return queries.sql(self.con, query, parameters)

    def export(
        self,
        format: str,
        path: str | os.PathLike,
        *,
        include_unrealized: bool = False,
        raw_csv: bool = False,
    ) -> int:
        """Write the events in ``format`` (gdelt, gdelt-mentions, polecat, parquet, csv) to ``path``;
        return the event count.

        parquet writes a folder partitioned by year and month; the others write one file. CSV cells
        that would start a spreadsheet formula get a leading apostrophe unless ``raw_csv``.
        """
        return export_events(
            self.con, format, os.fspath(path), include_unrealized=include_unrealized, raw_csv=raw_csv
        )

    def stats(self) -> queries.Summary:
        """Counts of articles, copies, mentions, events and actors, the top dyads and a monthly timeline."""
        return queries.summary(self.con)
