"""The ``tidings_events`` component: find events and who takes part in them.

An event is expressed by a verb of the lexicon ("met", "invited"), by an event
noun with a light verb ("held talks", "imposed sanctions"), by an event noun
with its own participants ("the meeting of Xi and Biden", "Israel's attack on
Gaza"), or by a framing verb around another event (``framing.py``). Sources and targets come from the parse:
subject and object, the agent of a passive, prepositional partners ("met
with", "talks between"), and coordinated actors on either side.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..ontology.sides import stands_unnamed, unnamed_confidence
from ..parse.clauses import background, in_foreground, obliged, purpose_of, stranded_subject
from ..parse.index import doc_index
from ..parse.mentions import EventMention, Mention
from .arguments import SUBJECT_DEPS
from .causes import is_cause, names_cause
from .framing import ACCUSED_ROOTS, Framing
from .lexicon import OBJECT_DEPS, LexEntry, Lexicon, default_lexicon, phrase_keys
from .protest import PROTESTERS
from .weapons import PEOPLE, is_weapon, wielders

# Nouns that carry the event they are about: "a proposal for talks", "a round of talks".
CARRIER_PREPS = ("for", "of", "to", "on", "in")
# A participle before its noun names a standing relation, not an event, for support and
# recognition ("the UAE-backed council"); for force it still reports one ("the US-led strikes").
STANDING_ROOTS = ("05",)
# Aid sent and troops mobilised in a sentence about a disaster are relief work (but an appeal
# for loans after floods is politics).
RELIEF_ROOTS = ("07", "15")
# Sectors of armed forces: "troops marched into the city" is an advance, not a march of protest.
ARMED_SECTORS = frozenset({"MIL", "REB", "INS", "UAF"})
# Where a participle with an article stands for people: "the wounded", "the accused".
NOMINAL_DEPS = ("dobj", "nsubj", "nsubjpass", "pobj")
# The parts of speech that can express an event; the other words of a sentence are passed over.
WORD_CLASSES = frozenset({"VERB", "AUX", "ADJ", "NOUN", "PROPN"})


@Language.factory("tidings_events", assigns=["doc._.events"], requires=["doc._.actor_at", "token.dep"])
def make_event_finder(nlp: Language, name: str) -> EventFinder:
    return EventFinder(default_lexicon())


class EventFinder:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        reader = EventReader(self.lexicon, doc)
        events: list[EventMention] = []
        for index, sentence in enumerate(doc_index(doc).sentences):
            events.extend(reader.sentence(sentence, index))
        doc._.events = events
        return doc


class EventReader(Framing):
    """Reads the events of one document's sentences: verbs, event nouns and light verbs here,
    framing verbs, obligations and reported violence in ``Framing``."""

    def __init__(self, lexicon: Lexicon, doc: Doc) -> None:
        self.lexicon = lexicon
        self.doc = doc
        self.actor_at: dict[int, list[Mention]] = doc._.actor_at or {}
        self.skip: set[int] = doc._.boilerplate or set()
        self.used: set[int] = set()
        self.index = 0
        # Whether each sentence (by its first token) names a non-human cause: asked once per sentence.
        self._natural: dict[int, bool] = {}

    def sentence(self, sentence: Span, index: int) -> list[EventMention]:
        self.index = index
        found = self._found_in(sentence)
        # "began a hunger strike to demand reforms": the purpose restates why the coded act was
        # done; it is an event of its own only when the act itself is not coded.
        anchors = {event.anchor: event for event in found}
        kept = []
        for event in found:
            anchor = self.doc[event.anchor]
            if purpose_of(anchor, anchors):
                # "fired tear gas to disperse demonstrators": but the act falls on whom its purpose
                # names (not on a capital it names as a place: "to patrol parts of Lima").
                act = anchors[anchor.head.i]
                act.targets = act.targets or [
                    t
                    for t in event.targets
                    if t not in act.sources
                    and not (t.kind == "sector" and self.doc[t.head].ent_type_ == "GPE")
                ]
            elif not background(anchor, anchors):
                kept.append(event)
        found = self._one_act(kept)
        found += [p for p in (self._protest_met_by_force(event) for event in found) if p is not None]
        found += [a for a in (self._accusation(event) for event in found) if a is not None]
        return found + self.statements(sentence, found)

    def _protest_met_by_force(self, event: EventMention) -> EventMention | None:
        """ "Police fired tear gas at demonstrators": the protest that was repressed took place too
        (141 by the protesters)."""
        if not event.cameo.startswith("175"):
            return None
        protesters = [t for t in event.targets if self.doc[t.head].lemma_.lower() in PROTESTERS]
        if not protesters:
            return None
        first = protesters[0]
        return EventMention(
            sentence=self.index,
            trigger=(first.head, first.head + 1),
            anchor=event.anchor,
            cameo="141",
            sources=protesters,
            targets=[],
            confidence=0.6,
            how=f"protesters met by force ({event.cameo})",
        )

    def _found_in(self, sentence: Span) -> list[EventMention]:
        found = []
        for token in sentence:
            if token.i in self.used or token.i in self.skip:
                continue
            pos = token.pos_  # read once: each read looks the string up again
            if pos not in WORD_CLASSES:
                continue
            event = None
            if (
                pos in ("VERB", "ADJ")
                and token.dep_ in NOMINAL_DEPS
                and any(c.dep_ == "det" for c in token.children)
            ):
                continue  # "evacuated the wounded", "freed the detained": a participle as a noun
            if pos == "VERB" and self.lexicon.misread_noun(token):
                continue  # its noun ("a parting shot") carries the event
            if pos in ("VERB", "AUX") and obliged(token):
                event = self.obligation_event(token)
            if event is None and (
                pos in ("VERB", "AUX") or (pos == "ADJ" and token.dep_ in ("acomp", "amod", "ROOT"))
            ):
                event = self.verb_event(token)
            elif pos in ("NOUN", "PROPN"):
                event = self.noun_event(token)
            if event is not None:
                found.append(event)
        return found

    def _one_act(self, found: list[EventMention]) -> list[EventMention]:
        """ "Rebels killed 12 soldiers in an ambush", "Israeli air strikes on Gaza killed 20": the
        ambush and the strikes are how they were killed, one act of force, coded once with the
        noun's more specific code (but "wounded in clashes with rebels" names who fought: a
        killing with no one doing it keeps the noun that names them)."""
        acts: dict[int, EventMention] = {}
        for event in found:
            verb = self.doc[event.anchor]
            if verb.pos_ == "VERB" and event.cameo[:2] in ACCUSED_ROOTS and event.sources:
                ways = [
                    *self._prep_objects(verb, ("in", "during")),
                    *(c for c in verb.children if c.dep_ in SUBJECT_DEPS),
                ]
                acts.update((way.i, event) for way in ways)
        kept = []
        for event in found:
            act = acts.get(event.anchor)
            if act is None or self.doc[event.anchor].pos_ != "NOUN" or event.cameo[:2] not in ACCUSED_ROOTS:
                kept.append(event)
            elif act.cameo == f"{event.cameo[:2]}0":
                act.cameo = event.cameo  # "killed" (190, unspecified) by "air strikes" (195)
        return kept

    def verb_event(self, verb: Token, subjects: list[Token] | None = None) -> EventMention | None:
        """The event a verb expresses, if the lexicon knows the verb in this construction."""
        entry = self._verb_row(verb)
        if entry is None or entry.cameo == "-" and entry.frame != "light":
            return None
        if (
            (verb.dep_ == "amod" or verb.dep_ == "acl" and verb.tag_ == "VBN")
            and entry.cameo
            and entry.cameo[:2] in STANDING_ROOTS
        ):
            # "the UAE-backed council", "the internationally recognised government", "tribesmen
            # backed by the coalition": who stands with whom, not an act of support.
            return None
        self.used.add(verb.i)
        need = entry.requires
        if entry.frame is None and need is not None and need.slot == "obj" and need.lemmas:
            # "lodged a protest with Albania" is one event (114), not also a protest.
            self.used.update(
                c.i
                for c in verb.children
                if c.dep_ in OBJECT_DEPS and any(k in need.lemmas for k in phrase_keys(c))
            )
        if subjects is None:
            subjects = self.subjects(verb)
        if entry.frame == "light":
            event = self._light_event(verb, entry, subjects)
            if event is not None or entry.cameo in (None, "-"):
                return event
            # "claimed responsibility for the killing" is the killing's; without an event named,
            # the claim itself.
            self.used.add(verb.i)
        elif entry.frame is not None:
            return self._framed_event(verb, entry, subjects)
        if entry.cameo is None:
            return None
        if entry.cameo[:2] in ACCUSED_ROOTS and self._blameless_agent(verb):
            return None  # "victims killed by the crash", "killed by a landslide": no one's act
        if any(is_cause(t) for s in subjects for t in (s, *(c for c in s.children if c.dep_ == "compound"))):
            return None  # "Cyclone Idai killed hundreds": a named storm is no one, not a person
        sources = self.actors(subjects)
        # (an agent the parser hung on the object, "denied visas by Canada", is not also the target)
        targets = [t for t in self._verb_targets(verb) if t not in sources]
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and not targets:
            # "ten Russian soldiers killed in Ukraine": the noun is who suffered the act.
            targets = self.actors([verb.head])
            sources = self.actors(p for c in verb.children if c.dep_ == "agent" for p in c.children)
        if entry.roles == "converse":
            # "received weapons from the government": the giver acts on the receiver.
            objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
            givers = self._prep_objects(verb, ("from", "by")) or [
                p
                for o in objects
                for prep in o.children
                if prep.dep_ == "prep" and prep.lower_ == "from"
                for p in prep.children
                if p.dep_ == "pobj"
            ]
            sources, targets = self.actors(givers), sources
        elif entry.roles == "from":
            objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
            senders = self._prep_objects(verb, ("from",)) or [
                p
                for o in objects
                for prep in o.children
                if prep.dep_ == "prep" and prep.lower_ == "from"
                for p in prep.children
                if p.dep_ == "pobj"
            ]
            targets = self.actors(senders) or targets
        elif entry.roles == "about":
            targets = self._about(verb) or targets
        elif entry.roles == "to":
            targets = self.actors(self._prep_objects(verb, ("to",))) or targets
        elif entry.roles == "that" and not targets:
            # "alleged that France armed the militias": the charge is against the clause's subject.
            targets = self.actors(
                s for c in verb.children if c.dep_ == "ccomp" for s in c.children if s.dep_ in SUBJECT_DEPS
            )
        elif entry.roles == "own":
            # "mobilized army reservists for a war against Iraq": the forces are the actor's own.
            objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
            targets = (
                self.actors(self._prep_objects(verb, ("against", "on", "toward", "towards", "at")))
                or self._partners(objects)
                or []
            )
        if not sources:
            # "killed in Israeli tank shelling", "Israeli air strikes killed ...": the actor
            # is named on the event that caused this one.
            sources = self._sources_from_event_nouns(
                subjects + self._prep_objects(verb, ("in", "by", "during"))
            )
        if not sources and entry.cameo[:2] in ("18", "19", "20"):
            # "killed in Israeli tank fire" read with "tank" as the object: the guns stand for the
            # force that fires them. "A mortar bomb was fired at Israel from the Gaza Strip": fired
            # by those there.
            sources = [
                m
                for m in self.actors(self._prep_objects(verb, ("in", "by")))
                if m.sector == "MIL"
                # the force itself, not a thing of it ("an army base")
                and not any(c.dep_ == "compound" and c.pos_ == "NOUN" for c in self.doc[m.head].children)
            ] or [m for m in self.actors(self._prep_objects(verb, ("from",))) if m.kind == "country"]
        if not sources and entry.cameo[:2] in ACCUSED_ROOTS:
            # "downed by a missile fired by rebels": who used the weapon.
            used = (
                subjects
                + self._prep_objects(verb, ("with", "by"))
                + [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            )
            sources = self.actors(w for weapon in used if is_weapon(weapon) for w in wielders(weapon))
        return self._event(verb, (verb.i, verb.i + 1), entry.cameo, sources, targets, entry, how=entry.origin)

    def _verb_row(self, verb: Token) -> LexEntry | None:
        for entry in self.lexicon.verb_rows(verb):
            if self._holds(entry, verb):
                return entry
        return None

    def _holds(self, entry: LexEntry, verb: Token) -> bool:
        need = entry.requires
        if need is None:
            return True
        if need.slot == "subj":
            # "protesters gathered", "a missile hit the school": who or what does it decides.
            subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
            stranded = stranded_subject(verb)
            if stranded is not None:
                subjects.append(stranded)
            subjects = [self.lexicon.through(s) for s in subjects]
            if need.special == "@weapon":
                return any(self._is_force(s) for s in subjects)
            if need.special == "@actor":
                return bool(self.actors(self.subjects(verb)))
            if need.special == "@force":
                # Also the subject a conjunct shares: "forces captured the town and marched on".
                return any(m.sector in ARMED_SECTORS for m in self.actors(self.subjects(verb)))
            return any(key in need.lemmas for s in subjects for key in phrase_keys(s))
        if need.slot == "obj":
            objects = [self.lexicon.through(c) for c in verb.children if c.dep_ in OBJECT_DEPS]
            if verb.dep_ == "acl" and verb.tag_ == "VBN" and not objects:
                objects = [self.lexicon.through(verb.head)]  # "hostages held by rebels"
            if need.special == "@actor":
                return any(self.actors([o]) for o in objects)
            if need.special == "@event":
                return any(self.lexicon.noun_entry(o) for o in objects)
            if not need.lemmas:
                return bool(objects)
            return any(key in need.lemmas for o in objects for key in phrase_keys(o))
        if need.slot in ("xcomp", "ccomp", "advmod"):
            return any(
                c.dep_ == need.slot and (not need.lemmas or c.lemma_.lower() in need.lemmas)
                for c in verb.children
            )
        # "accused Russia of war crimes": the phrase may hang off the verb or off its object, or
        # off a date the parser put between them ("accused Russia on Monday of war crimes").
        objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
        objects += [
            p
            for c in verb.children
            if c.dep_ == "prep"
            for p in c.children
            if p.dep_ == "pobj" and p.ent_type_ in ("DATE", "TIME")
        ]
        for prep in (*verb.children, *(p for o in objects for p in o.children)):
            if prep.dep_ in ("prep", "prt", "dative") and prep.lower_ == need.slot:
                if not need.lemmas:
                    return True
                if any(
                    key in need.lemmas for p in prep.children if p.dep_ == "pobj" for key in phrase_keys(p)
                ):
                    return True
        return False

    def _light_event(self, verb: Token, entry: LexEntry, subjects: list[Token]) -> EventMention | None:
        noun = self._event_noun_in(verb, deps=OBJECT_DEPS, preps=("in", "into", "on", "to", "of", "with"))
        if noun is None:
            self.used.discard(verb.i)
            return None
        noun_entry = self.lexicon.noun_entry(noun)
        self.used.add(noun.i)
        noun_sources, noun_targets, participants = self.noun_roles(noun, noun_entry)
        sources = self.actors(subjects) or noun_sources or participants
        targets = (
            noun_targets
            or self._verb_targets_except(verb, noun, symmetric=bool(noun_entry.symmetric))
            or [p for p in participants if p not in sources]
        )
        if not targets and noun_entry.cameo[:2] in ("02", "10"):
            # "reiterated its demand that Israel ease restrictions": who is to act.
            clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl")]
            targets = [
                m for m in self.actors(t for c in clauses for t in self.subjects(c)) if m not in sources
            ]
        if noun_entry.cameo[:2] == "01" and not targets:
            # "made his remarks in Doha": a statement is an event when it is to or about someone.
            self.used.discard(verb.i)
            return None
        last = max([noun.i] + [c.i for c in noun.children if self.lexicon.misread_noun(c)])  # "parting shot"
        trigger = (
            (min(verb.i, noun.i), max(verb.i, last) + 1) if abs(noun.i - verb.i) <= 3 else (noun.i, last + 1)
        )
        one_side = sum(len(m.members) or 1 for m in sources) < 2  # ("the duo" is two)
        if noun_entry.symmetric and not targets and one_side and noun_entry.cameo[:2] == "04":
            # "Obama held meetings on the economy": he consulted others the text does not name
            # (where "the cabinet met" is a body convening, not a consultation).
            noun_entry = replace(noun_entry, symmetric=False)
        return self._event(
            verb,
            trigger,
            noun_entry.cameo,
            sources,
            targets,
            noun_entry,
            how=f"{entry.origin} + {noun_entry.origin}",
        )

    def noun_event(
        self, noun: Token, *, required: bool = True, extra_sources: list[Mention] | None = None
    ) -> EventMention | None:
        """An event noun with its own participants ("talks between A and B", "Israel's attack on Gaza")."""
        entry = self.lexicon.noun_entry(noun)
        if entry is None or noun.i in self.used or noun.ent_type_ in ("DATE", "TIME"):
            return None  # ("in March", "on Strike Day": a date, not a march)
        if required and not (entry.alone and in_foreground(noun)):
            return None
        sources, targets, participants = self.noun_roles(noun, entry)
        sources = sources or list(extra_sources or [])
        if entry.symmetric and participants:
            if not sources and len(participants) >= 2:
                sources = participants
            elif sources:
                targets = targets or [p for p in participants if p not in sources]
        elif participants:
            targets = targets or participants
        if (
            required
            and not (sources and targets)
            and not (entry.symmetric and len(sources) >= 2)
            and not self._reports_unnamed(noun, entry.cameo)
        ):
            return None
        self.used.add(noun.i)
        return self._event(
            noun, (noun.i, noun.i + 1), entry.cameo, sources, targets, entry, how=entry.origin, confidence=0.7
        )

    def _reports_unnamed(self, noun: Token, cameo: str) -> bool:
        """ "Protests erupted", "injured in three grenade attacks": an event noun that reports an
        event whose sides the text leaves unnamed, not a modifier ("protest leaders") nor a
        thing the sentence mentions in passing ("the anti-terror law")."""
        if not stands_unnamed(cameo):
            return False
        if noun.pos_ not in ("VERB", "AUX") and not in_foreground(noun):
            return False
        if noun.pos_ in ("VERB", "AUX"):
            # A clause of its own whose subject can act or be acted on ("two suicide bombers blew
            # themselves up", "wounded when two car bombs detonated"), not a participle ("the
            # occupied West Bank", "weapons seized last year") nor a thing ("inflation hit 10
            # percent"); "is said to have dropped" takes its subject from "said".
            clause = noun.head if noun.dep_ == "xcomp" else noun
            stranded = stranded_subject(clause)
            if stranded is not None:
                return self._can_act(stranded)
            return clause.dep_ in ("ROOT", "conj", "ccomp", "advcl") and any(
                c.dep_ in (*SUBJECT_DEPS, "nsubjpass") and self._can_act(c) for c in clause.children
            )
        return noun.dep_ not in ("compound", "amod", "nmod", "poss", "npadvmod")

    def _event_noun_in(self, verb: Token, *, deps: Iterable[str], preps: Iterable[str]) -> Token | None:
        candidates = [c for c in verb.children if c.dep_ in deps]
        candidates += self._prep_objects(verb, preps)
        for candidate in candidates:
            for token in (candidate, *candidate.conjuncts):
                if token.i in self.used:
                    continue
                if self.lexicon.noun_entry(token) is not None:
                    return token
                # "a round of talks", "a proposal for a ceasefire": the event is one step down.
                for prep in token.children:
                    if prep.dep_ == "prep" and prep.lower_ in CARRIER_PREPS:
                        for pobj in prep.children:
                            if (
                                pobj.dep_ == "pobj"
                                and pobj.i not in self.used
                                and self.lexicon.noun_entry(pobj)
                            ):
                                return pobj
        return None

    def _event(
        self,
        anchor: Token,
        trigger: tuple[int, int],
        cameo: str,
        sources: list[Mention],
        targets: list[Mention],
        entry: LexEntry,
        *,
        how: str,
        confidence: float = 0.8,
    ) -> EventMention | None:
        if any(is_cause(c) for c in anchor.children if c.dep_ in OBJECT_DEPS) or (
            (
                (cameo[:2] in RELIEF_ROOTS and anchor.pos_ == "VERB")
                or (not sources and cameo[:2] in ACCUSED_ROOTS)
            )
            and self._names_cause(anchor.sent)
        ):
            # "the earthquake killed 40", "injured as a boiler exploded", "investigating the
            # crash": a disaster's or an accident's doing, no one's act; and the aid and troops
            # sent to it are relief, not politics.
            return None
        if not sources and not targets:
            if not stands_unnamed(cameo) or not self._reports_unnamed(anchor, cameo):
                return None
            confidence = unnamed_confidence()[cameo[:2]]
        joint = bool(entry.joint) and (len(sources) > 1 or bool(targets))
        code = entry.joint if joint else cameo
        symmetric = entry.symmetric or joint
        if symmetric and not sources and len(targets) >= 2:
            # "No talks were held between Serbia and Kosovo": the partners are the participants.
            sources, targets = targets, []
        if symmetric and len(sources) >= 2 and targets and not any(t.country for t in targets):
            # "Russia and Ukraine exchanged prisoners": what passes between them, not a third party.
            targets = []
        sources = [s for s in sources if s not in targets] or sources
        if not sources and code[:2] == "04":
            return None  # "a base hosting US troops": a meeting or a visit needs someone who holds it
        if targets and sources:
            confidence += 0.1
        return EventMention(
            sentence=self.index,
            trigger=trigger,
            anchor=anchor.i,
            cameo=code,
            sources=sources,
            targets=targets,
            symmetric=symmetric,
            confidence=round(min(confidence, 0.95), 2),
            how=how,
        )

    def _is_force(self, token: Token) -> bool:
        """A weapon or an act of force: "a missile", "the air strike", "an explosion"."""
        entry = self.lexicon.noun_entry(token)
        return is_weapon(token) or (
            entry is not None and entry.cameo not in (None, "-") and entry.cameo[:2] in ACCUSED_ROOTS
        )

    def _can_act(self, token: Token) -> bool:
        """Whether a subject names people, a force or a weapon: its sector noun, a person, a group."""
        token = self.lexicon.through(token)
        if token.pos_ == "NUM":
            # "400 of the supporters": the people counted.
            token = next((p for c in token.children if c.lower_ == "of" for p in c.children), token)
        return (
            # people counted ("four guards were killed", "16 others were wounded")
            any(c.dep_ == "nummod" for c in token.children)
            or token.ent_type_ in ("PERSON", "NORP", "ORG")
            or token.pos_ == "PRON"
            or self._is_force(token)
            or any(key in PEOPLE for key in phrase_keys(token))
        )

    def _names_cause(self, sentence: Span) -> bool:
        if sentence.start not in self._natural:
            self._natural[sentence.start] = names_cause(sentence)
        return self._natural[sentence.start]
