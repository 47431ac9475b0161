"""The ``tidings_where`` component: place each event where the text puts it.

The place is the named location closest to the event in the parse among those
the sentence introduces as a location ("in Beijing", "at Beijing's Diaoyutai
State Guesthouse", "visited Russia"), else the story's dateline. A building
or venue is placed at the city or country that names it; a name that is no
known place is left out rather than guessed.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..model import Place
from ..places.gazetteer import Gazetteer, default_gazetteer
from .mentions import EventMention
from .speech import with_speaker
from .when import _distance, _with_inner

LOCATIVE = {"in", "at", "near", "outside", "inside", "across", "around", "throughout", "into", "to", "from", "off"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}


@Language.factory("tidings_where", assigns=["doc._.events"], requires=["doc._.events", "doc.ents"])
def make_where(nlp: Language, name: str) -> "WhereStage":
    return WhereStage()


class WhereStage:
    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        # Loaded on first use: commands that never place an event do not pay for it.
        if self._gazetteer is None:
            self._gazetteer = default_gazetteer()
        return self._gazetteer

    def __call__(self, doc: Doc) -> Doc:
        context = {m.country for m in doc._.actors or () if m.country}
        dateline = self._dateline(doc, context)
        for event in doc._.events or ():
            for each in _with_inner(event):
                each.place = self.place_of(doc, each, context) or dateline
        return doc

    def place_of(self, doc: Doc, event: EventMention, context: set[str]) -> Place | None:
        anchor = doc[event.anchor]
        candidates = []
        subject = {t.i for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        for ent in anchor.sent.ents:
            if ent.label_ in PLACE_LABELS and _is_location(ent, anchor):
                # "The US commander in Iraq held talks ... in Beirut": a place that describes the
                # subject is a weaker guess than one attached to the act itself.
                penalty = 2 if ent.root.i in subject else 0
                candidates.append((_distance(anchor, ent.root) + penalty, abs(ent.root.i - anchor.i), ent))
        for _, _, ent in sorted(candidates, key=lambda c: (c[0], c[1])):
            place = self.geocode(ent, context)
            if place is not None:
                return place
        return None

    def geocode(self, span: Span, context: set[str]) -> Place | None:
        """A place for a named location; a building or venue is placed where its name says."""
        if span.label_ != "FAC":
            candidate = self.gazetteer.lookup(span.text, context=context)
            if candidate is not None:
                return _place(span.text, candidate)
        # "Beijing's Diaoyutai State Guesthouse": look for a place inside the name, longest first.
        for width in range(min(3, len(span) - 1), 0, -1):
            for start in range(span.start, span.end - width):
                part = span.doc[start:start + width]
                candidate = self.gazetteer.lookup(part.text, context=context)
                if candidate is not None:
                    return _place(part.text, candidate)
        return None

    def _dateline(self, doc: Doc, context: set[str]) -> Place | None:
        if not doc._.dateline:
            return None
        start, end = doc._.dateline
        text = doc.text[start:end].strip().title()
        candidate = self.gazetteer.lookup(text, context=context)
        return _place(doc.text[start:end], candidate) if candidate is not None else None


def _is_location(ent: Span, anchor: Token) -> bool:
    """Whether the sentence uses this name as a location and not as an actor."""
    root = ent.root
    if with_speaker(root):
        return False
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE:
        return True
    # "visited Russia", "toured the region": the object of a visit is where it happened.
    if root.dep_ == "dobj" and root.head.i == anchor.i and anchor.lemma_.lower() in ("visit", "tour"):
        return True
    return ent.label_ == "FAC" and root.dep_ in ("pobj", "npadvmod")


def _place(text: str, candidate) -> Place:
    return Place(text=text, name=candidate.name, country=candidate.country, lat=candidate.lat,
                 lon=candidate.lon, geonameid=candidate.geonameid)
