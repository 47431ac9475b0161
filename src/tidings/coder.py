"""The coder: articles in, events out, on one process or many.

``Coder`` loads the pipeline once and codes texts, articles or whole streams
of records; ``code()`` is the one-line version for a single text.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from .actors.kb import KnowledgeBase
from .errors import TidingsError, problem
from .model import Article, Event, Events, Problem
from .events.lexicon import extended_lexicon
from .events.records import doc_events
from .parse.pipeline import load

BATCH = 16


@dataclass(slots=True)
class Coded:
    """One article and the events coded from it."""

    article: Article
    events: list[Event]


class Coder:
    """Loads the model and the knowledge once; codes as many articles as you give it.

    model: a spaCy model name, directory or short name (``sm``, ``md``); default en_core_web_sm.
    actors: user actor dictionaries (TSV, CSV or YAML) that add to or override the bundled ones.
    lexicon: user event lexicons (TSV or CSV with the columns of ``verbs.tsv`` or ``nouns.tsv``, e.g.
        from ``tidings lexicon import-petrarch``), tried before the bundled rows of the same kind.
    include_unrealized: also return negated, hypothetical and intended events.
    """

    def __init__(
        self,
        *,
        model: str | None = None,
        actors: Sequence[str] = (),
        lexicon: Sequence[str] = (),
        include_unrealized: bool = False,
    ) -> None:
        self.model = model
        self.actors = tuple(str(path) for path in actors)
        self.lexicon = tuple(str(path) for path in lexicon)
        self.include_unrealized = include_unrealized
        self.nlp = load(
            model,
            kb=KnowledgeBase(user_files=self.actors),
            lexicon=extended_lexicon(self.lexicon) if self.lexicon else None,
        )

    def code(self, text: str, *, date: str | dt.date | None = None, id: str | None = None) -> Events:
        """The events of one text; ``date`` is its publication date."""
        article = Article(text=text, id=id, date=_iso(date))
        return Events(self.code_article(article).events)

    def code_article(self, article: Article) -> Coded:
        doc = self.nlp(self._doc(article))
        return Coded(article, doc_events(doc, article, include_unrealized=self.include_unrealized))

    def code_many(self, records: Iterable[Article | dict | str], *, workers: int = 1) -> Events:
        """The events of many records (Articles, dicts with a ``text`` key, or strings), in order.

        Records that cannot be coded are skipped; ``iter_code`` reports them.
        """
        events = Events()
        for item in self.iter_code(records, workers=workers):
            if isinstance(item, Coded):
                events.extend(item.events)
        return events

    def iter_code(
        self, records: Iterable[Article | Problem | dict | str], *, workers: int = 1
    ) -> Iterator[Coded | Problem]:
        """Code a stream of records, yielding a Coded per article and passing Problems through, in order."""
        items = (_as_article(record) for record in records)
        if workers <= 1:
            yield from self._code_stream(items)
            return
        yield from _parallel(self, items, workers)

    def _code_stream(self, items: Iterable[Article | Problem]) -> Iterator[Coded | Problem]:
        batch: list[Article | Problem] = []
        for item in items:
            batch.append(item)
            if len(batch) >= BATCH:
                yield from self.code_batch(batch)
                batch = []
        if batch:
            yield from self.code_batch(batch)

    def code_batch(self, batch: list[Article | Problem]) -> list[Coded | Problem]:
        """Code a batch with spaCy's batched pipe; an article that breaks it is reported alone."""
        articles = [item for item in batch if isinstance(item, Article)]
        try:
            docs = list(self.nlp.pipe(self._doc(article) for article in articles))
            coded = iter(
                [
                    Coded(a, doc_events(d, a, include_unrealized=self.include_unrealized))
                    for a, d in zip(articles, docs, strict=False)
                ]
            )
        except Exception:  # noqa: BLE001 - one bad article must not cost the others
            coded = iter([self._code_alone(article) for article in articles])
        return [item if isinstance(item, Problem) else next(coded) for item in batch]

    def _code_alone(self, article: Article) -> Coded | Problem:
        try:
            return self.code_article(article)
        except Exception as error:  # noqa: BLE001
            return problem(article.origin or article.id, "TID201", f"{type(error).__name__}: {error}")

    def _doc(self, article: Article) -> Doc:
        doc = self.nlp.make_doc(article.text)
        doc._.pub_date = dt.date.fromisoformat(article.date) if article.date else None
        return doc


def code(text: str, *, date: str | dt.date | None = None, include_unrealized: bool = False) -> Events:
    """Code one news text into events with a default Coder (loaded once per process)."""
    coder = _default_coder(include_unrealized)
    return coder.code(text, date=date)


_CODERS: dict[bool, Coder] = {}


def _default_coder(include_unrealized: bool) -> Coder:
    if include_unrealized not in _CODERS:
        _CODERS[include_unrealized] = Coder(include_unrealized=include_unrealized)
    return _CODERS[include_unrealized]


def _iso(date: str | dt.date | None) -> str | None:
    if date is None or isinstance(date, str):
        if date:
            try:
                dt.date.fromisoformat(date)
            except ValueError:
                raise TidingsError(f"the date {date!r} is not YYYY-MM-DD") from None
        return date or None
    return date.isoformat()


def _as_article(record: Any) -> Article | Problem:
    if isinstance(record, (Article, Problem)):
        return record
    if isinstance(record, str):
        return Article(text=record)
    if isinstance(record, dict):
        known = {key: record.get(key) for key in ("text", "id", "date", "title", "url", "outlet", "origin")}
        if not known["text"]:
            return problem(str(known["id"] or "record"), "TID106")
        known["id"] = str(known["id"]) if known["id"] is not None else None
        return Article(**known)
    raise TypeError(f"cannot code a {type(record).__name__}; give an Article, a dict or a string")


# --- parallel coding ---------------------------------------------------------------------

_WORKER: Coder | None = None


def _worker_start(settings: tuple[str | None, tuple[str, ...], tuple[str, ...], bool] | None) -> None:
    """Prepare a worker: Ctrl-C is the parent's to handle, and a worker whose parent was killed
    (``kill -9``) exits instead of waiting for work forever. Spawned workers load their own coder."""
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
    if settings is not None:
        model, actors, lexicon, include_unrealized = settings
        _WORKER = Coder(model=model, actors=actors, lexicon=lexicon, include_unrealized=include_unrealized)


def _worker_code(batch: list[Article | Problem]) -> list[Coded | Problem]:
    assert _WORKER is not None
    return _WORKER.code_batch(batch)


def _batches(items: Iterable[Article | Problem], size: int) -> Iterator[list[Article | Problem]]:
    batch: list[Article | Problem] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _parallel(coder: Coder, items: Iterable[Article | Problem], workers: int) -> Iterator[Coded | Problem]:
    global _WORKER
    if sys.platform.startswith("linux"):
        # Forked workers inherit the loaded pipeline instead of loading their own.
        _WORKER = coder
        context, settings = multiprocessing.get_context("fork"), None
    else:
        context = multiprocessing.get_context("spawn")
        settings = (coder.model, coder.actors, coder.lexicon, coder.include_unrealized)
    with context.Pool(workers, initializer=_worker_start, initargs=(settings,)) as pool:
        for result in pool.imap(_worker_code, _batches(items, BATCH), chunksize=1):
            yield from result
