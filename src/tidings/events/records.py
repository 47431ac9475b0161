"""From what the pipeline found to Event records: actor pairs, codes, offsets and ids.

Mentions hold token indices into one Doc; an Event holds character offsets into the article's
text, a code for every actor (taking the country of the event's place when the text names
none), and a stable id.
"""

from __future__ import annotations

import hashlib

from spacy.tokens import Doc, Span

from ..model import Actor, Article, Event, Place, Trigger
from ..ontology.cameo import cameo
from ..ontology.sides import stands_unnamed
from ..parse.index import doc_index, mention_index
from ..parse.mentions import EventMention, Mention
from .protest import protest_code
from .speech import with_speaker

# Joint acts need two parties: meeting, cooperating, fighting.
JOINT_ROOTS = {"04", "06", "19"}
# Events whose target, when the text names none, is the place they happen in: visits, and
# concessions, force, coercion and violence that fall on a place ("lifted the curfew in Montenegro").
PLACE_TARGET_ROOTS = {"04", "07", "08", "09", "14", "15", "16", "17", "18", "19", "20"}


def doc_events(
    doc: Doc, article: Article, *, include_unrealized: bool = False, offset: int = 0, first_sentence: int = 0
) -> list[Event]:
    """The Event records of a processed Doc.

    offset, first_sentence: for a Doc of one piece of a long article (``tidings.parse.pieces``),
    where the piece begins in the article's text and how many sentences come before it, so that
    offsets and sentence numbers are the whole article's.
    """
    builder = EventBuilder(doc, article, offset=offset, first_sentence=first_sentence)
    return builder.events(include_unrealized=include_unrealized)


class EventBuilder:
    """Builds the Event records of one Doc and the article it was made from."""

    def __init__(self, doc: Doc, article: Article, *, offset: int = 0, first_sentence: int = 0) -> None:
        self.doc = doc
        self.article = article
        self.text = article.text  # what Doc.text would rebuild on every call
        self.offset = offset
        self.first_sentence = first_sentence
        self.sentences: list[Span] = doc_index(doc).sentences
        self._countries: dict[int, str | None] = {}

    def events(self, *, include_unrealized: bool) -> list[Event]:
        events: list[Event] = []
        seen: set[tuple] = set()
        for found in self.doc._.events or ():
            chain = [found]
            while chain[-1].inner is not None:
                chain.append(chain[-1].inner)
            for mention in chain:
                if mention.modality != "asserted" and not include_unrealized:
                    continue
                for source, target in _pairs(mention):
                    event = self.event(mention, source, target)
                    if event is None:
                        continue
                    # one event a trigger, code and pair: "took 200 people hostage" names its
                    # target twice
                    same = (
                        event.sentence_index,
                        event.trigger.start,
                        event.cameo,
                        event.modality,
                        event.source and event.source.code,
                        event.target and event.target.code,
                    )
                    if same not in seen:
                        seen.add(same)
                        events.append(event)
        return events

    def event(
        self, mention: EventMention, source_mention: Mention | None, target_mention: Mention | None
    ) -> Event | None:
        place = mention.place
        sentence = self.sentences[mention.sentence]
        place_country = place.country if place is not None else None
        # A person without a country takes the place's; an unnamed group of police or protesters
        # the one country the sentence names, else the place's: a place never overrides what the
        # text says ("Beninese troops and police" in a town that is also in Brazil stay Beninese).
        sentence_country = self.sentence_country(mention.sentence) or place_country
        source = self.actor(source_mention, place_country if _is_person(source_mention) else sentence_country)
        target = self.actor(target_mention, place_country if _is_person(target_mention) else sentence_country)
        if (
            target is not None
            and target.country is None
            and source is not None
            and source.country
            and _is_person(target_mention)
            and target_mention.code in (None, target_mention.sector)
        ):
            # "Rwandan rebels demanded the removal of President X": a person acted upon at home.
            target = self.actor(target_mention, source.country)
        code = cameo(protest_code(mention.cameo, source_mention and self.doc[source_mention.head]))
        if (
            mention.symmetric
            and code.code == mention.cameo
            and target_mention is not None
            and protest_code(mention.cameo, self.doc[target_mention.head]) != mention.cameo
        ):
            return None  # "protesters clashed with police": one riot, coded from the protesters' side
        if source is None and place_country and code.root in ("09", "17") and target is not None:
            # "was arrested in Lebanon", "put under investigation in Italy": by the authorities there.
            source = self.place_actor(place, sentence)
        placed = code.root in PLACE_TARGET_ROOTS or (
            mention.inner is not None and mention.inner.cameo[:2] in PLACE_TARGET_ROOTS
        )
        if (
            target is None
            and place_country
            and placed
            and (source is None or source.country != place_country or code.root not in ("03", "04"))
        ):
            # A visit is to the place it goes to; a curfew, a raid or an air strike falls on it.
            target = self.place_actor(place, sentence)
        if (
            source is not None
            and target is not None
            and source_mention is not None
            and target_mention is not None
            and (source.code, source_mention.name) == (target.code, target_mention.name)
        ):
            # "The US would deny entry to the United States": a destination, not a second party
            # (a minister criticising her own government keeps both).
            target = None
        if source is None and target is None and not stands_unnamed(code.code):
            return None
        if mention.symmetric and source is not None and target is None and code.root in JOINT_ROOTS:
            return None  # "the cabinet met": a body convening, not two actors meeting
        trigger = Trigger(*self.span(mention.trigger[0], mention.trigger[1]))
        confidence = mention.confidence - (0.1 if source is None or target is None else 0.0)
        sentence_index = self.first_sentence + mention.sentence
        identity = "|".join(
            str(part)
            for part in (
                self.article.id,
                sentence_index,
                trigger.start,
                source and source.code,
                source and source.start,
                target and target.code,
                target and target.start,
                mention.cameo,
                mention.modality,
            )
        )
        return Event(
            event_id=hashlib.sha1(identity.encode("utf-8")).hexdigest()[:16],
            article_id=self.article.id,
            sentence_index=sentence_index,
            # The sentence's text, cut from the article's rather than joined again from its tokens.
            sentence=self.text[self.offset + sentence.start_char : self.offset + sentence.end_char].strip(),
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
            url=self.article.url,
            title=self.article.title,
            outlet=self.article.outlet,
            published=self.article.date,
        )

    def span(self, start: int, end: int) -> tuple[str, int, int]:
        """The text and character offsets of tokens ``start`` to ``end``."""
        first, last = self.doc[start], self.doc[end - 1]
        begin, finish = self.offset + first.idx, self.offset + last.idx + len(last.text)
        return self.text[begin:finish], begin, finish

    def actor(self, mention: Mention | None, fallback_country: str | None) -> Actor | None:
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
        text, start, end = self.span(mention.start, mention.end)
        return Actor(
            text=text, start=start, end=end, code=code, name=mention.name, country=country, sector=sector
        )

    def place_actor(self, place: Place, sentence: Span) -> Actor | None:
        """The place of an event as an actor, with offsets where its name occurs in the sentence.

        A place the sentence does not name (the story's dateline) may say where the event was,
        but it is no evidence of who took part: then there is no such actor, also when the
        dateline opens the sentence."""
        low, high = self.offset + sentence.start_char, self.offset + sentence.end_char
        start = self.text.find(place.text, low, high)
        dateline = self.doc._.dateline
        while start >= 0 and dateline and dateline[0] <= start - self.offset < dateline[1]:
            start = self.text.find(place.text, start + 1, high)
        if start < 0:
            return None
        return Actor(
            text=place.text,
            start=start,
            end=start + len(place.text),
            code=place.country,
            name=place.name,
            country=place.country,
            sector=None,
        )

    def sentence_country(self, index: int) -> str | None:
        """The one country a sentence names outside its speakers, if it names exactly one: the home
        of its unnamed police."""
        if index not in self._countries:
            countries = {
                m.country
                for m in mention_index(self.doc).of_sentence[index]
                if m.country and not with_speaker(self.doc[m.head])
            }
            self._countries[index] = countries.pop() if len(countries) == 1 else None
        return self._countries[index]


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
        # With no one named on either side, the event itself ("protests erupted").
        pairs = [(None, target) for target in targets] or [(None, None)]
    return pairs


def _key(mention: Mention) -> tuple:
    return (mention.code, mention.name)


def _is_person(mention: Mention | None) -> bool:
    return mention is not None and mention.kind == "person"
