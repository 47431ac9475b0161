"""Framed events: a verb around another event recodes it, or states it without asserting it.

"agreed to release", "threatened to impose sanctions", "urged Iran to", "lifted the curfew":
a framing verb of the lexicon (its ``frame`` column) takes the event of its complement and
recodes it through data/ontology/frames.tsv; without one it keeps its own code. Obligations
under a statement ("Britain said Libya must hand over the suspects") are demands, and a
state's report of another's violence against it is an accusation besides the act reported.
``Framing`` is the part of ``EventReader`` that reads these; it calls back into the reader
for the events it frames (``verb_event``, ``noun_event``).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..ontology.frames import framed_code
from ..parse.clauses import CONDITION_MARKS, OBLIGATION, has_other_subject
from ..parse.mentions import EventMention, Mention
from .arguments import SUBJECT_DEPS, Arguments
from .lexicon import OBJECT_DEPS, LexEntry, phrase_keys
from .speech import SPEECH, STATEMENTS

# Appeals and demands are addressed to their object: "urged Iran to", "called on Israel to".
ADDRESSED_FRAMES = ("appeal", "demand")
# What a statement says: its clause, a quotation, an aside.
CONTENT_DEPS = ("ccomp", "xcomp", "parataxis", "dobj")
# Violence a state reports another actor committing: an accusation too.
ACCUSED_ROOTS = {"17", "18", "19", "20"}
FRAME_MODALITY = {
    "intend": "intended",
    "threaten": "intended",
    "appeal": "hypothetical",
    "demand": "hypothetical",
    "reject": "negated",
}


class Framing(Arguments):
    """Framing verbs, obligations and reported violence, for ``EventReader``."""

    def _accusation(self, event: EventMention) -> EventMention | None:
        """ "Israel said a mortar bomb was fired at it from Gaza": a state that reports another's
        violence against it or others accuses them of it (112), besides the act reported."""
        if event.cameo[:2] not in ACCUSED_ROOTS or not event.sources:
            return None
        clause = self.doc[event.anchor]
        while clause.dep_ in ("conj", "xcomp") and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in SPEECH:
            return None
        speaking = clause.head
        if speaking.i > clause.i:
            return None  # "..., officials said": an attribution, not a charge
        # A state speaking as such ("Israel said", "Washington claimed"), not its officials or witnesses.
        speakers = [
            m for m in self.actors(self.subjects(speaking)) if m.country and self._names_state(m.head)
        ]
        # Unnamed attackers ("its forces", "gunmen") are not a charge against anyone.
        accused = [
            m
            for m in event.sources
            if (m.country or m.kind != "sector") and all(m.country != s.country for s in speakers)
        ]
        if not speakers or not accused:
            return None
        return EventMention(
            sentence=self.index,
            trigger=(speaking.i, speaking.i + 1),
            anchor=speaking.i,
            cameo="112",
            sources=speakers,
            targets=accused,
            confidence=0.6,
            how=f"a state reporting another's violence ({event.cameo})",
        )

    def _framed_event(self, verb: Token, entry: LexEntry, subjects: list[Token]) -> EventMention | None:
        """A framing verb: its own event, recoded by the event it frames when there is one."""
        sources = self.actors(subjects)
        addressees = self._addressees(verb)
        controller = addressees if entry.frame in ADDRESSED_FRAMES and addressees else subjects
        inner = self._inner_event(verb, controller)
        code = entry.cameo
        if inner is not None and entry.frame in ("intend", "threaten") and has_other_subject(inner, self.doc):
            # "hoped French officials would be indicted": a wish about others, not an intention;
            # "warned that Israel could strike Iran": a warning about others, not a threat.
            inner.modality = "hypothetical"
            if entry.cameo is None or entry.frame == "threaten":
                return inner
            inner = None
        if entry.frame == "threaten" and inner is None and self._warns_of_others(verb, sources):
            # "Israel could strike Iran, analysts warned": a warning, but no one's threat.
            return None
        if inner is not None:
            code = framed_code(entry.frame, inner.cameo) or entry.cameo
            inner.modality = FRAME_MODALITY.get(entry.frame, inner.modality)
        elif entry.frame == "reject" and self._refuses_no_event(verb):
            # "she refused to get into his taxi": refusing what is no event is no event either.
            self.used.discard(verb.i)
            return None
        if code is None:
            if inner is not None and entry.frame in FRAME_MODALITY:
                # A plan or hope with no code of its own ("plans to visit"): the framed event
                # stays, unrealised, and the modality stage adds the expression of intent.
                return inner
            self.used.discard(verb.i)
            return None
        if entry.frame in ADDRESSED_FRAMES:
            # "demanded that the US cancel ...": the one who is to act; else whom the act concerns.
            doers = [m for m in inner.sources if m not in sources] if inner else []
            if not doers:
                # A clause's own subject; not a reporter's ("demanded ..., diplomats said").
                clauses = [
                    c
                    for c in verb.children
                    if c.dep_ in ("ccomp", "xcomp") and c.lemma_.lower() not in SPEECH
                ]
                doers = [
                    m
                    for m in self.actors(t for c in clauses for t in c.children if t.dep_ in SUBJECT_DEPS)
                    if m not in sources
                ]
            targets = (
                self.actors(addressees)
                or doers
                or (inner.targets if inner else [])
                or self._partners([c for c in verb.children if c.dep_ == "dobj"])
            )
        else:
            targets = (
                (inner.targets if inner else [])
                or self._verb_targets(verb)
                or self._complement_targets(verb, sources)
            )
        if entry.frame == "threaten" and not targets:
            # "threatened to launch an offensive unless Baghdad accepted": the threat is against
            # whoever must act to avert it.
            targets = self._conditions(verb, sources)
        if not sources and inner is not None and entry.frame == "stop":
            sources = inner.sources
        event = self._event(
            verb,
            (verb.i, verb.i + 1),
            code,
            sources,
            targets,
            entry,
            how=entry.origin + (f" framing {inner.cameo}" if inner else ""),
        )
        if event is not None and inner is not None:
            # "agreed to lift the embargo on Iran" is one side's decision, not a mutual one;
            # "Israel and Syria agreed to hold talks" is mutual between those who agreed, and
            # "Israelis and Palestinians failed to reach agreement" a failure between them.
            event.symmetric = (
                inner.symmetric and not event.targets and (entry.symmetric or len(event.sources) >= 2)
            )
            if entry.frame != "stop":
                event.inner = inner
        return event

    def _warns_of_others(self, verb: Token, sources: list[Mention]) -> bool:
        """Whether what the verb warns of is not the speaker's own act: a thing that would happen
        ("warned that such duties would damage businesses") or someone else's act of the lexicon
        ("warned that Israel could strike Iran")."""
        for clause in verb.children:
            if clause.dep_ != "ccomp":
                continue
            subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS and c.pos_ != "PRON"]
            doers = self.actors(subjects)
            if subjects and not doers:
                return True
            row = self._verb_row(clause)
            acts = row is not None and (
                row.cameo not in (None, "-")
                or any(c.dep_ in OBJECT_DEPS and self.lexicon.noun_entry(c) for c in clause.children)
            )
            # ("warned Ukraine would pay a heavy price": no act of Ukraine's, a threat to it)
            if acts and any(d.country not in {s.country for s in sources} for d in doers):
                return True
        return False

    def _complement_targets(self, verb: Token, sources: list[Mention]) -> list[Mention]:
        """Whom the act a framing verb frames falls on, when that act is no event of the lexicon:
        "threatened to cut off electricity to Nakhichevan", "refused to respond to a US demand".
        Only named parties count, and not the framer's own country."""
        own = {s.country for s in sources if s.country}
        for child in verb.children:
            if child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
                found = [
                    m
                    for m in self._verb_targets(child)
                    if m not in sources
                    and (m.country or m.kind in ("person", "organization", "group"))
                    and m.country not in own
                ]
                if found:
                    return found
        return []

    def _conditions(self, verb: Token, sources: list[Mention]) -> list[Mention]:
        """The subjects of "unless" and "if" clauses on a verb or on the act it frames."""
        clauses = [
            clause
            for head in (verb, *(c for c in verb.children if c.dep_ in ("xcomp", "ccomp")))
            for clause in head.children
            if clause.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in clause.children)
        ]
        subjects = [
            s for clause in clauses for s in clause.children if s.dep_ in (*SUBJECT_DEPS, "nsubjpass")
        ]
        return [m for m in self.actors(subjects) if m not in sources]

    def _inner_event(self, verb: Token, controller: list[Token]) -> EventMention | None:
        for child in verb.children:
            if (
                child.dep_ in ("xcomp", "ccomp", "advcl")
                and child.pos_ in ("VERB", "AUX")
                and child.i not in self.used
            ):
                if child.dep_ == "advcl" and not any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in child.children
                ):
                    continue
                own = [c for c in child.children if c.dep_ in SUBJECT_DEPS or c.dep_ == "nsubjpass"]
                event = self.verb_event(child, None if own else controller)
                if event is not None:
                    return event
        noun = self._event_noun_in(verb, deps=OBJECT_DEPS, preps=("for", "to", "on", "of", "in"))
        if noun is not None:
            return self.noun_event(noun, required=False, extra_sources=self.actors(controller))
        return None

    def obligation_event(self, verb: Token) -> EventMention | None:
        """ "Britain said Libya must hand over the suspects": a demand by the speaker on the subject."""
        speakers, speaking = self._speakers(verb)
        if not speakers:
            return None
        obliged = self.actors(self.subjects(verb))
        inner = self.verb_event(verb)
        self.used.add(verb.i)
        code = (framed_code("demand", inner.cameo) if inner else None) or "100"
        targets = [m for m in obliged if m not in speakers] or (inner.targets if inner else [])
        modal = next(c for c in verb.children if c.dep_ == "aux" and c.lower_ in OBLIGATION)
        # The demand is dated, placed and qualified by the statement that makes it.
        event = EventMention(
            sentence=self.index,
            trigger=(modal.i, verb.i + 1) if verb.i - modal.i <= 2 else (verb.i, verb.i + 1),
            anchor=speaking.i,
            cameo=code,
            sources=speakers,
            targets=targets,
            confidence=0.75,
            how=f"obligation ({modal.text!r}) under a statement",
        )
        if inner is not None:
            inner.modality = "hypothetical"
            event.inner = inner
        return event

    def _speakers(self, verb: Token) -> tuple[list[Mention], Token]:
        """Who states an obligation, and the verb that states it: the subject of the verb of saying,
        or of the act that carries the statement ("issued a reminder to Iraq that it must cooperate")."""
        token = verb
        while token.dep_ in ("ccomp", "acl", "relcl", "xcomp", "conj") and token.head.i != token.i:
            token = token.head
            if token.pos_ in ("VERB", "AUX"):
                return self.actors(self.subjects(token)), token
            if token.pos_ == "NOUN":
                owners = [c for c in token.children if c.dep_ == "poss"]
                if owners:
                    return self.actors(owners), token
                if token.head.pos_ in ("VERB", "AUX"):
                    return self.actors(self.subjects(token.head)), token.head
        return [], verb

    def statements(self, sentence: Span, found: list[EventMention]) -> list[EventMention]:
        """Public statements (010) by a named actor: "Kosachev pointed out", "Bolton said in a
        statement", '"...," Putin said in a telegram to Mikhailov'. A plain "said" is one only in
        a formal statement (the media of references.tsv), or when what is said is about another
        country's actor: in a quotation, or reporting an event the sentence codes ("a US official
        said the Senate had begun talks on forcing China to ..."). A state reporting violence
        accuses instead (``_accusation``)."""
        anchors = {i for e in found for i in (e.anchor, *range(*e.trigger))}
        statements = []
        for verb in sentence:
            kind = STATEMENTS.get(self._speech_lemma(verb)) if verb.pos_ == "VERB" else None
            if kind is None or verb.i in self.used or verb.i in anchors:  # (an accusation already)
                continue
            content = [c for c in verb.children if c.dep_ in CONTENT_DEPS]
            said = {t.i for c in content for t in c.subtree}
            reports = bool(said & anchors)
            speakers = [m for m in self.actors(self.subjects(verb)) if m.country or m.kind != "sector"]
            if not speakers:
                continue
            if reports:
                # "Blinken said US diplomats met senators": a report of his own side's doings.
                reported = [e for e in found if e.anchor in said]
                codes = {m.code for e in reported for m in (*e.sources, *e.targets)}
                reports = not any(s.code in codes for s in speakers)
            media = [p for p in self._prep_objects(verb, ("in", "at", "during")) if self._is_statement(p)]
            quoted = any(
                c.left_edge.is_quote or (c.left_edge.i > 0 and self.doc[c.left_edge.i - 1].is_quote)
                for c in content
            )
            addressed = self._prep_objects(verb, ("to",)) + [
                p for medium in media for p in self._prep_objects(medium, ("to",))
            ]
            # (the actors of the clause itself, through the reader's index, not all the document's)
            spoken_of = [
                m
                for i in sorted(said)
                for m in self.actor_at.get(i, ())
                # a bare sector only as the speaker's country's ("the government", says its opposition)
                if m.head == i and (m.country or m.kind != "sector" or any(s.country for s in speakers))
            ]
            targets = [
                t
                for t in self.actors(addressed) or spoken_of
                # another actor, not the speaker's own country ("Australia's future", he said), but
                # its other actors ("the opposition leader said the government had ...")
                if (t.code or t.sector)  # (a bare sector is its country's later)
                and t not in speakers
                and all(t.code != s.code and (t.sector or t.country != s.country) for s in speakers)
            ]
            if kind == "quoted" and not (media or quoted or reports):
                # A plain "said" is a comment on its clause's named subject ("Gandhi says Kashmir has
                # been under dictatorship") when the clause reports no act (a report is judged above);
                # a pronoun subject is mostly the speaker ("France said it was determined to mend ties").
                about = {
                    t.i for c in content if c.dep_ == "ccomp" for t in self.subjects(c) if t.pos_ != "PRON"
                }
                targets = [] if said & anchors else [t for t in targets if t.head in about]
            if kind == "quoted" and not (media or targets):
                continue
            one_per_code = {}  # "Wang Yi ... in Beijing": China's government once
            for target in targets:
                one_per_code.setdefault(target.code, target)
            self.used.add(verb.i)
            statements.append(
                EventMention(
                    sentence=self.index,
                    trigger=(verb.i, verb.i + 1),
                    anchor=verb.i,
                    cameo="010",
                    sources=speakers,
                    targets=list(one_per_code.values())[:2],
                    confidence=0.6,
                    how=f"statement ({verb.lemma_})",
                )
            )
        return statements

    def _refuses_no_event(self, verb: Token) -> bool:
        """A refusal whose only complement is an act the lexicon does not know and that concerns
        no actor ("refused to get into his taxi"); a refusal of something ("rejected the plan")
        or of an act towards someone ("refused to respond to a demand from the US") is one."""
        children = [c for c in verb.children if c.dep_ in ("xcomp", "dobj", "nsubjpass", "ccomp")]
        return all(c.dep_ == "xcomp" for c in children) and not any(
            t.pos_ != "PRON" and self.actor_at.get(t.i) for c in children for t in c.subtree
        )

    def _is_statement(self, noun: Token) -> bool:
        return any(key in self.lexicon.media for key in phrase_keys(noun))

    @staticmethod
    def _speech_lemma(verb: Token) -> str:
        particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
        lemma = verb.lemma_.lower()
        return f"{lemma} {particles[0]}" if particles else lemma
