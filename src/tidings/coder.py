"""The coder: articles in, events out, on one process or many.

``Coder`` loads the pipeline once and codes texts, articles or whole streams
of records; ``code()`` is the one-line version for a single text.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, NamedTuple

from spacy.tokens import Doc

from .actors.kb import KnowledgeBase
from .errors import TidingsError, problem
from .events.lexicon import extended_lexicon
from .events.records import doc_events
from .model import Article, Event, Events, Problem
from .parse.index import doc_index, forget
from .parse.pieces import BATCH_TOKENS, PIECE_CHARS, PIECE_TOKENS, blank_long_words, cuts, warnings
from .parse.pipeline import load
from .read.dates import normalise_date

BATCH = 16
# The words a coder meets first stay in spaCy's vocabulary, up to this many lexemes (about 420 bytes
# each, with their strings): they are most of the words of the articles that follow, which a memory
# zone would otherwise make again in every batch (20 us a word, 4 % of the time of coding short
# news). Past it, each batch's new words are dropped after it.
KEPT_WORDS = 20_000
# Only a batch of at most this many characters adds its words for good (16 long news articles are
# about 100,000), so that the words kept stay about KEPT_WORDS, whatever one batch holds.
KEPT_BATCH_CHARS = 200_000


@dataclass(slots=True)
class Coded:
    """One article and the events coded from it.

    warnings: what was left out or cut to keep the work bounded (TID202, TID203), as Problems
    naming the record; the rest of the article is coded.
    """

    article: Article
    events: list[Event]
    warnings: list[Problem] = field(default_factory=list)


class Coder:
    """Loads the model and the knowledge once; codes as many articles as you give it.

    model: a spaCy model name, directory or short name (``sm``, ``md``); default en_core_web_sm.
    actors: user actor dictionaries (TSV, CSV or YAML) that add to or override the bundled ones.
    lexicon: user event lexicons (TSV or CSV with the columns of ``verbs.tsv`` or ``nouns.tsv``, e.g.
        from ``tidings lexicon import-petrarch``), tried before the bundled rows of the same kind.
    include_unrealized: also return negated, hypothetical and intended events.
    piece_chars: the longest text parsed as one Doc; a longer one is coded in pieces of at most
        this many characters (``tidings.parse.pieces``).
    """

    def __init__(
        self,
        *,
        model: str | None = None,
        actors: Sequence[str] = (),
        lexicon: Sequence[str] = (),
        include_unrealized: bool = False,
        piece_chars: int = PIECE_CHARS,
    ) -> None:
        self.model = model
        self.actors = tuple(str(path) for path in actors)
        self.lexicon = tuple(str(path) for path in lexicon)
        self.include_unrealized = include_unrealized
        self.piece_chars = piece_chars
        self.nlp = load(
            model,
            kb=KnowledgeBase(user_files=self.actors),
            lexicon=extended_lexicon(self.lexicon) if self.lexicon else None,
        )
        self._words_kept_until = len(self.nlp.vocab) + KEPT_WORDS

    def code(self, text: str, *, date: str | dt.date | None = None, id: str | None = None) -> Events:
        """The events of one text; ``date`` is its publication date."""
        article = Article(text=text, id=id, date=_iso(date))
        return Events(self.code_article(article).events)

    def code_article(self, article: Article) -> Coded:
        return self._code_articles([article])[0]

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
            coded: Iterator[Coded | Problem] = iter(self._code_articles(articles))
        except Exception:  # noqa: BLE001 - one bad article must not cost the others
            coded = iter([self._code_alone(article) for article in articles])
        return [item if isinstance(item, Problem) else next(coded) for item in batch]

    def _code_alone(self, article: Article) -> Coded | Problem:
        try:
            return self.code_article(article)
        except Exception as error:  # noqa: BLE001
            return problem(article.origin or article.id, "TID201", f"{type(error).__name__}: {error}")

    def _code_articles(self, articles: list[Article]) -> list[Coded]:
        """Code articles piece by piece, a few pieces at a time, so that time and memory are
        bounded by the pieces' length however long an article is."""
        coded = [Coded(article, []) for article in articles]
        sentences = [0] * len(articles)  # sentences read so far in each article
        cut = [0] * len(articles)  # runs of tokens cut into sentences
        left_out: list[list[int]] = [[] for _ in articles]  # lengths of the words left out
        with self._vocabulary_zone(articles):
            for number, start, doc in self._parsed(self._pieces(articles, left_out)):
                coded[number].events += doc_events(
                    doc,
                    articles[number],
                    include_unrealized=self.include_unrealized,
                    offset=start,
                    first_sentence=sentences[number],
                )
                sentences[number] += len(doc_index(doc).sentences)
                cut[number] += doc._.sentences_cut
                forget(doc)
        for number, item in enumerate(coded):
            origin = item.article.origin or item.article.id
            item.warnings = warnings(origin, words_left_out=left_out[number], sentences_cut=cut[number])
        return coded

    def _vocabulary_zone(self, articles: list[Article]) -> AbstractContextManager:
        """Where the batch's Docs are made and read: a memory zone that drops the strings and words
        the batch adds to the vocabulary once the coder keeps ``KEPT_WORDS`` words; each new name,
        number or misspelling would otherwise stay for the life of the process, and an ingest of
        millions of articles grow without end."""
        # The vocabulary's length counts the words of past zones too, so once zones begin it only
        # overstates the words kept: no later batch keeps its words.
        small = sum(len(article.text) for article in articles) <= KEPT_BATCH_CHARS
        if small and len(self.nlp.vocab) < self._words_kept_until:
            return nullcontext()
        return self.nlp.memory_zone()

    def _pieces(self, articles: list[Article], left_out: list[list[int]]) -> Iterator[tuple[int, int, Doc]]:
        """(article number, offset, unparsed Doc) for each piece of each article, made as needed;
        the lengths of the words left out are added to ``left_out``."""
        for number, article in enumerate(articles):
            text, lengths = blank_long_words(article.text)
            left_out[number] += lengths
            day = dt.date.fromisoformat(article.date) if article.date else None
            for start, end in cuts(text, limit=self.piece_chars):
                for offset, doc in self._piece_docs(text, start, end):
                    doc._.pub_date = day
                    yield number, offset, doc

    def _piece_docs(self, text: str, start: int, end: int) -> Iterator[tuple[int, Doc]]:
        """The Doc of ``text[start:end]``, or of smaller pieces of it when it has more than
        ``PIECE_TOKENS`` tokens."""
        doc = self.nlp.make_doc(text[start:end])
        if len(doc) <= PIECE_TOKENS or end - start < 2:
            yield start, doc
            return
        limit = max(1, (end - start) * PIECE_TOKENS // len(doc))
        for piece_start, piece_end in cuts(text[start:end], limit=limit):
            yield from self._piece_docs(text, start + piece_start, start + piece_end)

    def _parsed(self, pieces: Iterable[tuple[int, int, Doc]]) -> Iterator[tuple[int, int, Doc]]:
        """The pieces parsed with spaCy's batched pipe, in order, in batches of at most
        ``BATCH_TOKENS`` tokens (or one piece)."""
        batch: list[tuple[int, int, Doc]] = []
        size = 0
        for piece in pieces:
            if batch and size + len(piece[2]) > BATCH_TOKENS:
                yield from self._pipe(batch)
                batch, size = [], 0
            batch.append(piece)
            size += len(piece[2])
        if batch:
            yield from self._pipe(batch)

    def _pipe(self, batch: list[tuple[int, int, Doc]]) -> Iterator[tuple[int, int, Doc]]:
        docs = self.nlp.pipe((doc for _, _, doc in batch), batch_size=len(batch))
        for (number, start, _), doc in zip(batch, docs, strict=True):
            yield number, start, doc


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
    """``date`` as YYYY-MM-DD, read in the forms the command line reads ("4 March 2024", "2024-03-04")."""
    if isinstance(date, dt.date):
        return date.isoformat()
    if not date:
        return None
    iso = normalise_date(date)
    if iso is None:
        raise TidingsError(f"cannot read the date {date!r}; write it as YYYY-MM-DD or like 4 March 2024")
    return iso


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
# A worker's batch also ends before this many characters, about the ``BATCH_TOKENS`` tokens of one
# parse: 16 long articles take two seconds to code, and the last batch of a run would keep one
# worker busy that long while the others wait. Snippets still go 16 at a time.
WORKER_BATCH_CHARS = 20_000
# How many batches past the one the output waits for may be coded meanwhile: a worker on one very
# long article must not let the others pile up results without end.
BATCHES_AHEAD = 64


def _worker_start(settings: dict[str, Any] | None) -> None:
    """Prepare a worker: Ctrl-C is the parent's to handle, and a worker whose parent was killed
    (``kill -9``) exits instead of waiting for work forever. Spawned workers load their own coder."""
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent ends its workers with SIGTERM; the parent's "stop like Ctrl-C" handler is not theirs.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
    if settings is not None:
        _WORKER = Coder(**settings)


def _worker_code(batch: list[Article | Problem]) -> list[tuple[list[Event], list[Problem]] | Problem]:
    """A batch's events and warnings, or its Problems; not the articles, which the parent has."""
    assert _WORKER is not None
    return [
        item if isinstance(item, Problem) else (item.events, item.warnings)
        for item in _WORKER.code_batch(batch)
    ]


def _worker_main(tasks: Connection, results: Connection, settings: dict[str, Any] | None) -> None:
    """A worker's life: code each batch the parent sends until it sends None."""
    _worker_start(settings)
    while (batch := _received(tasks)) is not None:
        try:
            results.send(_worker_code(batch))
        except Exception as error:  # noqa: BLE001 - the parent raises it; code_batch keeps per-article errors
            results.send(RuntimeError(f"{type(error).__name__}: {error}"))


def _received(tasks: Connection) -> list[Article | Problem] | None:
    """The next batch from the parent, or None when there is none (or no parent)."""
    try:
        return tasks.recv()
    except EOFError:
        return None


def _batches(items: Iterable[Article | Problem]) -> Iterator[list[Article | Problem]]:
    """Batches of ``BATCH`` records, or fewer where they would pass ``WORKER_BATCH_CHARS``."""
    batch: list[Article | Problem] = []
    chars = 0
    for item in items:
        size = len(item.text) if isinstance(item, Article) else 0
        if batch and (len(batch) >= BATCH or chars + size > WORKER_BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += size
    if batch:
        yield batch


class _Worker(NamedTuple):
    tasks: Connection  # the pipe its batches are sent down
    process: Any  # a multiprocessing Process of the fork or spawn context


class _Workers:
    """Coding processes fed by the parent's own thread, one batch each at a time, over a pipe each way.

    multiprocessing's Pool gave the parent three threads of its own (one waking ten times a second),
    about 0.6 s of CPU per 5,000 snippets taken from the two cores the two workers code on. A worker
    is only sent a batch once it has sent back its last one, so neither side can block sending while
    the other does; the parent reads the next batch ahead, and sends it before writing out results.
    """

    def __init__(self, context: Any, count: int, settings: dict[str, Any] | None) -> None:
        self.workers: dict[Connection, _Worker] = {}  # by the worker's results pipe
        self.coding: dict[Connection, int] = {}  # a busy worker's results pipe -> the number of its batch
        try:
            for _ in range(count):
                task_reader, task_writer = context.Pipe(duplex=False)
                result_reader, result_writer = context.Pipe(duplex=False)
                process = context.Process(
                    target=_worker_main, args=(task_reader, result_writer, settings), daemon=True
                )
                process.start()
                task_reader.close()
                result_writer.close()
                self.workers[result_reader] = _Worker(task_writer, process)
        except BaseException:
            self.stop()
            raise

    def code(self, batches: Iterator[list[Article | Problem]]) -> Iterator[Coded | Problem]:
        """Code the batches on the workers; their records, coded, in the order given."""
        sent: dict[int, list[Article | Problem]] = {}  # batch number -> its records, until written out
        coding = self.coding
        received: dict[int, list] = {}  # results that came back before the batches ahead of them
        numbered = enumerate(batches)
        upcoming = next(numbered, None)
        written = 0  # the number of the next batch to write out

        def hand(results: Connection) -> None:
            nonlocal upcoming
            if upcoming is None or upcoming[0] >= written + BATCHES_AHEAD:
                return
            number, batch = upcoming
            self.workers[results].tasks.send(batch)
            sent[number], coding[results] = batch, number
            upcoming = next(numbered, None)

        for results in self.workers:
            hand(results)
        while coding:
            for results in wait(list(coding)):
                try:
                    received[coding.pop(results)] = results.recv()
                except (EOFError, OSError):
                    process = self.workers[results].process
                    process.join(1.0)
                    raise TidingsError(f"a coding worker stopped (exit code {process.exitcode})") from None
                hand(results)
            while written in received:
                answers = received.pop(written)
                if isinstance(answers, Exception):
                    raise answers
                for item, result in zip(sent.pop(written), answers, strict=True):
                    yield result if isinstance(result, Problem) else Coded(item, *result)
                written += 1
                for results in self.workers:
                    if results not in coding:
                        hand(results)

    def stop(self) -> None:
        """End the workers: those waiting for work as asked, those still coding (the run was
        stopped) at once."""
        for results, (tasks, process) in self.workers.items():
            if results in self.coding:
                process.terminate()
                continue
            try:
                tasks.send(None)
            except OSError:
                process.terminate()
        for _, process in self.workers.values():
            process.join(5.0)
            if process.exitcode is None:
                process.kill()
                process.join()
        for results, (tasks, _) in self.workers.items():
            results.close()
            tasks.close()


def _parallel(coder: Coder, items: Iterable[Article | Problem], workers: int) -> Iterator[Coded | Problem]:
    global _WORKER
    if sys.platform.startswith("linux"):
        # Forked workers inherit the loaded pipeline instead of loading their own.
        _WORKER = coder
        context, settings = multiprocessing.get_context("fork"), None
    else:
        context = multiprocessing.get_context("spawn")
        settings = {
            name: getattr(coder, name)
            for name in ("model", "actors", "lexicon", "include_unrealized", "piece_chars")
        }
    # What is loaded now is never freed: kept out of the cycle collector's sight, its pages stay
    # shared with forked workers instead of being copied into each when the collector walks them.
    gc.freeze()
    try:
        pool = _Workers(context, workers, settings)
        try:
            yield from pool.code(_batches(items))
        finally:
            pool.stop()
    finally:
        gc.unfreeze()
