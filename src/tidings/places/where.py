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

from ..data_files import bundled_table
from ..dates.when import _distance, _with_inner
from ..events.speech import with_speaker
from ..model import Place
from ..parse.index import doc_index, mention_index
from ..parse.mentions import EventMention
from .gazetteer import Gazetteer, default_gazetteer
from .world_regions import WORLD_REGIONS

LOCATIVE = {
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "across",
    "around",
    "throughout",
    "through",
    "off",
    "along",
}
# "to", "into" and "from" say where only for movements: "flew to Beijing", not "apologised to Namibia".
MOTION = {"to", "into", "from"}
CAPITALS = {"capital"}
# Prepositions that make a name a place whatever the tagger called it ("in Al-Dawr").
PLACE_PREPOSITIONS = {"in", "at", "near", "outside"}
PLACE_LABELS = {"GPE", "LOC", "FAC", "ORG"}
FORCE_ROOTS = {"15", "17", "18", "19", "20"}
VENUE_WORDS = frozenset(row["word"] for row in bundled_table("places", "venue_words.tsv"))
# Nouns of places that name a narrower one with "of": "the village of Ashmi", "the airport of Udbina".
PLACE_NOUNS = frozenset(row["word"] for row in bundled_table("places", "place_nouns.tsv"))


def _cue(cue: str) -> frozenset[str]:
    """The words of one kind in data/places/place_cues.tsv."""
    return frozenset(row["word"] for row in bundled_table("places", "place_cues.tsv") if row["cue"] == cue)


# Verbs of going or sending, after which "to", "into" and "from" say where.
MOVEMENTS = _cue("movement")
# Nouns of going: "a visit to Beijing".
JOURNEYS = _cue("journey")
# The edge of a place or a meeting: "the sidelines of the summit" is the summit's place.
MARGINS = _cue("margin")
# Words that make a name an operation or exercise, not a place: "Operation Mirador".
OPERATION_WORDS = _cue("operation")


@Language.factory("tidings_where", assigns=["doc._.events"], requires=["doc._.events", "doc.ents"])
def make_where(nlp: Language, name: str) -> WhereStage:
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
        context = {m.country for m in doc._.actors or () if m.country} | self._regions_named(doc)
        # "Three US soldiers were killed": on whom force falls is not where (see _is_location).
        actors = {m.head for m in doc._.actors or () if m.kind != "country"}
        dateline = self._dateline(doc, context)
        for event in doc._.events or ():
            for each in _with_inner(event):
                each.place = self.place_of(doc, each, context, actors) or dateline
        return doc

    def _regions_named(self, doc: Doc) -> set[str]:
        """The countries of the countries and regions the text names as places ("in the occupied
        West Bank"): they say which namesake a town is (Bethlehem there is not in Brazil)."""
        found = set()
        for ent in doc.ents:
            if ent.label_ in ("GPE", "LOC") and not _is_world_region(ent) and not _is_operation(ent):
                candidate = self.gazetteer.lookup(ent.text)
                if candidate is not None and candidate.kind != "city" and candidate.country:
                    found.add(candidate.country)
        return found

    def place_of(self, doc: Doc, event: EventMention, context: set[str], actors: set[int]) -> Place | None:
        anchor = doc[event.anchor]
        options = []
        subject = {t.i for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        moving = anchor.lemma_.lower() in MOVEMENTS or event.cameo in ("042", "0874", "074", "154")
        # Force falls on a place: "shelled Kharkiv", "Kharkiv was shelled"; a visit goes to one.
        on_place = moving or event.cameo[:2] in FORCE_ROOTS
        for ent in doc_index(doc).sentence_ents(anchor.i):
            if _is_operation(ent):
                continue
            named = _named_as_place(ent) or _mislabelled_place(ent)
            if self._nationality(ent):
                continue
            if (ent.label_ in PLACE_LABELS or named) and _is_location(ent, anchor, moving, on_place, actors):
                # "The US commander in Iraq held talks ... in Beirut": a place that describes the
                # subject is a weaker guess than one attached to the act itself; and a journey is
                # placed where it goes, not where it starts.
                penalty = 2 if ent.root.i in subject else 0
                penalty += 1 if _governing_preposition(ent) == "from" else 0
                # The most specific place the text gives wins: "the village of Ashmi" over the
                # province or country around it, "Aleppo" over "Syria's".
                penalty += _container_penalty(ent)
                place = None if _is_world_region(ent) else self.geocode(ent, context)
                if place is None and named:
                    found = self.gazetteer.lookup(ent.text, context=context) or self.gazetteer.small_place(
                        ent.text, context=context
                    )
                    place = _place(ent.text, found) if found is not None and found.kind != "country" else None
                if place is None and (ent.label_ in ("GPE", "LOC") or named):
                    penalty += 0.5  # a name no gazetteer knows, reported as unresolved
                elif place is None and ent.label_ == "FAC":
                    penalty += 3  # a building no gazetteer knows: only when nothing else places it
                elif place is None:
                    continue
                elif place.precision == "country":
                    penalty += 0.5  # a country is the vaguest answer the text may give
                options.append(
                    (_distance(anchor, ent.root) + penalty, abs(ent.root.i - anchor.i), ent, place)
                )
        if options:
            _, _, ent, place = min(options, key=lambda option: option[:2])
            if place is not None:
                return place
            if _is_world_region(ent):
                return _unresolved(ent.text, None)
            known = [p for *_, p in sorted(options, key=lambda option: option[:2]) if p is not None]
            return _unresolved(ent.text, known[0].country if known else _only(context))
        if on_place:
            # "Kharkiv was shelled", when the tagger saw no place in "Kharkiv".
            for token in anchor.children:
                if token.dep_ in ("dobj", "nsubjpass") and token.pos_ == "PROPN" and not token.ent_type_:
                    found = self.gazetteer.lookup(token.text, context=context)
                    if found is not None and found.kind != "country":
                        return _place(token.text, found)
        return None

    def _nationality(self, ent: Span) -> bool:
        """A country named on something that is no place says whose it is, not where: "near a
        U.S. patrol", "in a US-Kurdish operation" (but "a Kabul hotel", "the Syria office")."""
        root = ent.root
        if root.dep_ not in ("compound", "amod", "npadvmod") or root.head.pos_ != "NOUN":
            return False
        noun = root.head.lemma_.lower()
        if noun in VENUE_WORDS or noun in PLACE_NOUNS or noun in MARGINS or noun in CAPITALS:
            return False  # "in the Taiwan capital"
        found = self.gazetteer.lookup(ent.text)
        return found is not None and found.kind == "country"

    def geocode(self, span: Span, context: set[str]) -> Place | None:
        """A place for a named location; a building or venue is placed where its name says."""
        if span.label_ in ("GPE", "LOC"):
            within = self._qualifier(span, context)
            candidate = self.gazetteer.lookup(span.text, context=context, within=within)
            if candidate is None:
                # A town or village too small for the main list, in a country the story is about.
                candidate = self.gazetteer.small_place(span.text, context={within} if within else context)
            if candidate is not None:
                return _place(span.text, candidate)
        # The tagger calls some cities facilities ("Kharkiv"): a name that is a city or a region
        # is that place, never a country.
        whole = self.gazetteer.lookup(span.text, context=context)
        if whole is not None and whole.kind != "country":
            return _place(span.text, whole)
        # "Beijing's Diaoyutai State Guesthouse", "the Munich Security Conference", "the Elysee
        # Palace": a venue is placed at the place its name contains, or the capital of its seat.
        for width in range(min(3, len(span)), 0, -1):
            for start in range(span.start, span.end - width + 1):
                part = span.doc[start : start + width]
                if all(token.lower_ in VENUE_WORDS for token in part):
                    continue  # "University" in "Cumhuriyet University" is no town in Florida
                candidate = self.gazetteer.lookup(part.text, context=context) if width < len(span) else None
                candidate = candidate or self.gazetteer.seat(part.text)
                if candidate is not None:
                    return _place(span.text, candidate)
        return None

    def _qualifier(self, span: Span, context: set[str]) -> str | None:
        """The country in "London, Ontario" or "Paris, Texas": a place named right after a comma."""
        doc = span.doc
        if span.end + 1 < len(doc) and doc[span.end].text == ",":
            for ent in doc_index(doc).sentence_ents(span.start):
                if ent.start == span.end + 1 and ent.label_ in ("GPE", "LOC"):
                    found = self.gazetteer.lookup(ent.text, context=context)
                    return found.country if found is not None else None
        return None

    def _dateline(self, doc: Doc, context: set[str]) -> Place | None:
        if not doc._.dateline:
            return None
        span = doc.char_span(*doc._.dateline, alignment_mode="expand")
        if span is None:
            return None
        candidate = self.gazetteer.lookup(span.text.strip().title(), context=context)
        return _place(span.text, candidate) if candidate is not None else None


def _is_location(ent: Span, anchor: Token, moving: bool, on_place: bool, actors: set[int]) -> bool:
    """Whether the sentence uses this name as a location and not as an actor."""
    root = _appositive_of_place(_phrase_root(ent))
    if with_speaker(root):
        return False
    preposition = root.head
    if root.dep_ == "pobj" and (
        preposition.lower_ in LOCATIVE
        or preposition.lower_ in MOTION
        and (moving or preposition.head.lemma_.lower() in JOURNEYS)
        # "shot down over eastern Ukraine", "flew over Syria", "shelling on the village of";
        # but "a dispute over Crimea", "talks on Ukraine"
        or preposition.lower_ in ("over", "on")
        and on_place
        # "outside of Basra"
        or preposition.lower_ == "of"
        and preposition.head.lower_ in LOCATIVE
    ):
        return True
    # "visited Russia", "shelled Kharkiv": the object of the act is where it happened.
    # But "three US servicemen were killed": a name on the victims says who, not where.
    named_on_actor = root.i in actors and not ent.start <= root.i < ent.end
    if on_place and root.dep_ in ("dobj", "nsubjpass") and root.head.i == anchor.i and not named_on_actor:
        return True
    if root.lemma_.lower() in MARGINS:
        return True  # "on the sidelines of the Munich Security Conference"
    return ent.label_ == "FAC" and root.dep_ in ("pobj", "npadvmod")


def _phrase_root(ent: Span) -> Token:
    """The noun a place name belongs to: "in Nigeria's Zamfara state", "in parts of northern Syria"."""
    root = ent.root
    while root.head.i != root.i:
        if root.dep_ in ("compound", "poss", "nmod", "amod"):
            root = root.head
        elif root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
            root = root.head.head
        else:
            break
    return root


def _governing_preposition(ent: Span) -> str | None:
    root = _phrase_root(ent)
    return root.head.lower_ if root.dep_ == "pobj" else None


def _place(text: str, candidate) -> Place:
    return Place(
        text=text,
        name=candidate.name,
        country=candidate.country,
        lat=candidate.lat,
        lon=candidate.lon,
        geonameid=candidate.geonameid,
        precision=candidate.kind if candidate.kind in ("city", "country") else "admin",
    )


def _unresolved(text: str, country: str | None) -> Place:
    """A place the text names that no gazetteer knows: its name, and the country around it."""
    name = text.removeprefix("the ").strip()
    return Place(
        text=text, name=name, country=country, lat=None, lon=None, geonameid=None, precision="unresolved"
    )


def _only(countries: set[str]) -> str | None:
    return next(iter(countries)) if len(countries) == 1 else None


def _named_as_place(ent: Span) -> bool:
    """A name the phrase makes a place whatever the tagger called it: "the village of Kafr
    Nabudah", "Aleppo province", "Zamfara state"."""
    root = ent.root
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        return root.head.head.lemma_.lower() in PLACE_NOUNS
    return root.dep_ == "compound" and root.head.lemma_.lower() in PLACE_NOUNS and root.head.i == ent.end


def _is_world_region(ent: Span) -> bool:
    return ent.text.removeprefix("the ").removeprefix("The ").strip() in WORLD_REGIONS


def _is_operation(ent: Span) -> bool:
    """ "Operation Mirador", "Exercise Tiger": the name of an operation, whether or not the tagger
    took the word "Operation" into the name."""
    before = ent.doc[ent.start - 1].lower_ if ent.start else ""
    return ent[0].lower_ in OPERATION_WORDS or before in OPERATION_WORDS


def _container_penalty(ent: Span) -> float:
    """How much a name reads as the container of another place the phrase names: the possessor
    in "Syria's Aleppo province" or a name after a comma ("Aleppo, Syria") is the wider place;
    the "of" object in "the village of Ashmi", "the south Baghdad neighbourhood of Al-Bayaa" the
    narrower one."""
    root = ent.root
    if root.dep_ == "poss" or (root.dep_ == "appos" and ent.start > 0 and ent.doc[ent.start - 1].text == ","):
        return 1.0
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in PLACE_NOUNS:
        # two steps further from the event than a name on the place noun itself ("the south
        # Baghdad neighbourhood of"), and still the narrower place
        return -2.0
    return 0.0


def _appositive_of_place(root: Token) -> Token:
    """The place noun a name is set beside: "in the commercial capital, Abidjan" is placed like
    "in the commercial capital"."""
    if root.dep_ == "appos" and root.head.lemma_.lower() in PLACE_NOUNS | CAPITALS:
        return root.head
    return root


def _mislabelled_place(ent: Span) -> bool:
    """A name the small tagger calls a person or an organisation where a place preposition
    introduces it: "killed in Al-Dawr", "bombed an office at Birgunj", "the attack on Sere
    Kaniye". Not a name the actor dictionaries know, an acronym ("at the UN") or an
    institution ("at Harvard University")."""
    root = ent.root
    if ent.label_ not in ("PERSON", "ORG") or root.dep_ != "pobj":
        return False
    if any(m.code for m in mention_index(ent.doc).covering.get(root.i, ())):
        return False
    if ent.text.isupper() or any(token.lower_ in VENUE_WORDS for token in ent):
        return False
    preposition = root.head.lower_
    # a person "on" whom force falls is a victim, not a place
    return preposition in PLACE_PREPOSITIONS or preposition == "on" and ent.label_ == "ORG"
