"""The coder: articles in, events out, on one process or many.

``Coder`` loads the pipeline once and codes texts, articles or whole streams
of records; ``code()`` is the one-line version for a single text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import sys
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Sequence

from spacy.tokens import Doc

from .actors.kb import KnowledgeBase
from .errors import TidingsError, problem
from .model import Actor, Article, Event, Events, Place, Problem, Trigger
from .nlp.mentions import EventMention, Mention
from .nlp.pipeline import load
from .nlp.speech import with_speaker
from .ontology.cameo import cameo

BATCH = 16
# Events whose target, when the text names none, is the place they happen in: visits, and
# concessions, force, coercion and violence that fall on a place ("lifted the curfew in Montenegro").
# Joint acts need two parties: meeting, cooperating, fighting.
JOINT_ROOTS = {"04", "06", "19"}
PLACE_TARGET_ROOTS = {"04", "07", "08", "09", "14", "15", "16", "17", "18", "19", "20"}


@dataclass(slots=True)
class Coded:
    """One article and the events coded from it."""

    article: Article
    events: list[Event]


class Coder:
    """Loads the model and the knowledge once; codes as many articles as you give it.

    model: a spaCy model name, directory or short name (``sm``, ``md``); default en_core_web_sm.
    actors: user actor dictionaries (TSV, CSV or YAML) that add to or override the bundled ones.
    include_unrealized: also return negated, hypothetical and intended events.
    """

    def __init__(self, *, model: str | None = None, actors: Sequence[str] = (),
                 include_unrealized: bool = False) -> None:
        self.model = model
        self.actors = tuple(str(path) for path in actors)
        self.include_unrealized = include_unrealized
        self.nlp = load(model, kb=KnowledgeBase(user_files=self.actors))

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

    def iter_code(self, records: Iterable[Article | Problem | dict | str], *,
                  workers: int = 1) -> Iterator[Coded | Problem]:
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
            coded = iter([Coded(a, doc_events(d, a, include_unrealized=self.include_unrealized))
                          for a, d in zip(articles, docs)])
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


# --- from mentions to events ---------------------------------------------------------------


def doc_events(doc: Doc, article: Article, *, include_unrealized: bool = False) -> list[Event]:
    """The Event records of a processed Doc."""
    sentences = list(doc.sents)
    events: list[Event] = []
    seen: set[str] = set()
    for found in doc._.events or ():
        chain = [found]
        while chain[-1].inner is not None:
            chain.append(chain[-1].inner)
        for mention in chain:
            if mention.modality != "asserted" and not include_unrealized:
                continue
            for source, target in _pairs(mention):
                event = _event(doc, article, sentences, mention, source, target)
                if event is not None and event.event_id not in seen:
                    seen.add(event.event_id)
                    events.append(event)
    return events


def _pairs(mention: EventMention) -> list[tuple[Mention | None, Mention | None]]:
    sources = [m for s in mention.sources for m in s.spread()]
    targets = [m for t in mention.targets for m in t.spread()]
    # Several actors agreeing, pledging or meeting with no one else named do it with each other.
    mutual = mention.symmetric or mention.cameo.startswith("03")
    if mutual and not targets and len(sources) >= 2:
        return [(a, b) for a in sources for b in sources if a is not b and _key(a) != _key(b)]
    pairs: list[tuple[Mention | None, Mention | None]] = []
    if sources and targets:
        for source in sources:
            for target in targets:
                if _key(source) != _key(target) or source.head != target.head:
                    pairs.append((source, target))
                    if mention.symmetric:
                        pairs.append((target, source))
    elif sources:
        pairs = [(source, None) for source in sources]
    else:
        pairs = [(None, target) for target in targets]
    return pairs


def _key(mention: Mention) -> tuple:
    return (mention.code, mention.name)


def _actor(doc: Doc, mention: Mention | None, fallback_country: str | None) -> Actor | None:
    if mention is None:
        return None
    country, sector, code = mention.country, mention.sector, mention.code
    stateless = code is None or code == sector and sector not in ("IGO", "NGO")
    if country is None and fallback_country and stateless and mention.kind in ("sector", "person"):
        # Unnamed police or protesters, or a person the text gives no country, are of the
        # country the event is placed in.
        country, code = fallback_country, fallback_country + (sector or "")
    if code is None and sector is not None:
        code = sector
    if code is None:
        return None
    first, last = doc[mention.start], doc[mention.end - 1]
    return Actor(text=doc.text[first.idx:last.idx + len(last.text)], start=first.idx,
                 end=last.idx + len(last.text), code=code, name=mention.name, country=country, sector=sector)


def _event(doc: Doc, article: Article, sentences: list, mention: EventMention,
           source_mention: Mention | None, target_mention: Mention | None) -> Event | None:
    place = mention.place
    place_country = place.country if place is not None else None
    sentence_country = place_country or _sentence_country(doc, sentences[mention.sentence])
    # A person without a country takes the place's; an unnamed group of police or protesters
    # also the one country the sentence names.
    source = _actor(doc, source_mention, place_country if _is_person(source_mention) else sentence_country)
    target = _actor(doc, target_mention, place_country if _is_person(target_mention) else sentence_country)
    if target is not None and target.country is None and source is not None and source.country and \
            _is_person(target_mention) and target_mention.code in (None, target_mention.sector):
        # "Rwandan rebels demanded the removal of President X": a person acted upon at home.
        target = _actor(doc, target_mention, source.country)
    code = cameo(mention.cameo)
    if source is None and place_country and code.root in ("09", "17") and target is not None:
        # "was arrested in Lebanon", "put under investigation in Italy": by the authorities there.
        source = _place_actor(doc, place)
    placed = code.root in PLACE_TARGET_ROOTS or (
        mention.inner is not None and mention.inner.cameo[:2] in PLACE_TARGET_ROOTS)
    if target is None and place is not None and place.country and placed and (
            source is None or source.country != place.country or code.root not in ("03", "04")):
        # A visit is to the place it goes to; a curfew, a raid or an air strike falls on it.
        target = _place_actor(doc, place)
    if source is None and target is None:
        return None
    if mention.symmetric and target is None and code.root in JOINT_ROOTS:
        return None  # "the cabinet met": a body convening, not two actors meeting
    first, last = doc[mention.trigger[0]], doc[mention.trigger[1] - 1]
    trigger = Trigger(text=doc.text[first.idx:last.idx + len(last.text)], start=first.idx,
                      end=last.idx + len(last.text))
    confidence = mention.confidence - (0.1 if source is None or target is None else 0.0)
    identity = "|".join(str(part) for part in (
        article.id, mention.sentence, trigger.start, source and source.code, source and source.start,
        target and target.code, target and target.start, mention.cameo, mention.modality))
    return Event(
        event_id=hashlib.sha1(identity.encode("utf-8")).hexdigest()[:16],
        article_id=article.id,
        sentence_index=mention.sentence,
        sentence=sentences[mention.sentence].text.strip(),
        source=source,
        target=target,
        cameo=code.code,
        cameo_root=code.root,
        quad_class=code.quad_class,
        goldstein=code.goldstein,
        plover_type=code.plover_type,
        plover_mode=code.plover_mode,
        trigger=trigger,
        date=mention.date,
        date_precision=mention.date_precision,
        location=place,
        modality=mention.modality,
        confidence=round(max(confidence, 0.1), 2),
    )


def _place_actor(doc: Doc, place: Place) -> Actor | None:
    """The place of an event as its target, with offsets where the place's name occurs in the text."""
    start = doc.text.find(place.text)
    if start < 0:
        return None
    return Actor(text=place.text, start=start, end=start + len(place.text), code=place.country,
                 name=place.name, country=place.country, sector=None)


def _is_person(mention: Mention | None) -> bool:
    return mention is not None and mention.kind == "person"


def _sentence_country(doc: Doc, sentence) -> str | None:
    """The one country a sentence names outside its speakers, if it names exactly one: the home
    of its unnamed police."""
    countries = {m.country for m in doc._.actors or ()
                 if m.country and sentence.start <= m.head < sentence.end and not with_speaker(doc[m.head])}
    return countries.pop() if len(countries) == 1 else None


# --- parallel coding ---------------------------------------------------------------------

_WORKER: Coder | None = None


def _worker_start(model: str | None, actors: tuple[str, ...], include_unrealized: bool) -> None:
    global _WORKER
    _WORKER = Coder(model=model, actors=actors, include_unrealized=include_unrealized)


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
        context, setup = multiprocessing.get_context("fork"), {}
    else:
        context = multiprocessing.get_context("spawn")
        setup = {"initializer": _worker_start, "initargs": (coder.model, coder.actors, coder.include_unrealized)}
    with context.Pool(workers, **setup) as pool:
        for result in pool.imap(_worker_code, _batches(items, BATCH), chunksize=1):
            yield from result
