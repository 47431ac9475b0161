"""The ``tidings_modality`` component: did the event happen, or is it denied, possible or planned?

"did not meet" is negated; "may meet", "could meet", "if they meet" and "it is
unclear whether they will meet" are hypothetical; "will meet", "plans to
meet", "was scheduled to visit" are intended. A marker on a governing clause
holds for everything below it. An intention stated by an actor is itself an
asserted event of its own kind: "X will meet Y" yields an asserted expression
of intent to meet (036), and "X will impose sanctions" a threat (1312), with
the meeting or the sanctions kept as the intended event behind it.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..data_files import bundled_table
from ..ontology.frames import framed_code
from ..parse.clauses import is_condition
from ..parse.index import doc_index
from ..parse.mentions import EventMention
from .lexicon import Lexicon, default_lexicon, lemmas

NEGATIONS = {"not", "n't", "never", "no", "neither", "nor"}
POSSIBILITY = {"may", "might", "could", "can", "ca", "must", "should", "ought"}
# A verb framing another clause says whether that clause happened: "agreed to meet" (intended),
# "urged them to meet" (hypothetical), "refused to meet" (negated).
FRAME_MARKS = {
    "intend": "intended",
    "threaten": "intended",
    "appeal": "hypothetical",
    "demand": "hypothetical",
    "reject": "negated",
}
CONDITIONS = {"if", "unless", "whether"}
FUTURE = {"will", "shall", "'ll", "wo"}


@Language.factory("tidings_modality", assigns=["doc._.events"], requires=["doc._.events", "token.dep"])
def make_modality(nlp: Language, name: str) -> Modality:
    return Modality()


class Modality:
    """Sets each event's modality and adds the expression of intent behind planned events."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        words = bundled_table("lexicon", "modality.tsv")
        self.words = {row["word"]: row["modality"] for row in words}
        self.clause_only = {row["word"] for row in words if row.get("scope") == "clause"}
        self.lexicon = lexicon or default_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        events = []
        for event in doc._.events or ():
            anchor = doc[event.anchor]
            modality, marker = self.modality_of(anchor)
            if event.modality == "asserted":
                event.modality = modality
            if event.inner is None and marker is not None and event.modality in ("intended", "negated"):
                stated = self._intention(event, marker, refused=event.modality == "negated")
                if stated is not None:
                    events.append(stated)
                    continue
            events.append(event)
        doc._.events = events
        return doc

    def modality_of(self, anchor: Token) -> tuple[str, Token | None]:
        """The modality of the clause around ``anchor`` and the word that marks an intention.

        A negated intention ("would not provide support") comes back as negated with its marker:
        it is a refusal.
        """
        if self._negated(anchor):
            future = next(
                (c for c in anchor.children if c.dep_ == "aux" and c.lower_ in FUTURE | {"would"}), None
            )
            return "negated", future
        if doc_index(anchor.doc).asks(anchor.i):
            return "hypothetical", None
        intention: Token | None = None
        token, previous = anchor, None
        while True:
            found = self._markers(token, previous)
            if found == "hypothetical":
                return "hypothetical", None
            if found == "negated" or (previous is not None and self._negated(token)):
                return "negated", None
            if isinstance(found, Token) and intention is None:
                intention = found
            if (
                token.head.i == token.i
                or token.dep_ in ("relcl", "appos")
                or (token.dep_ == "acl" and token.tag_ == "VBN")
                or (token.dep_ == "advcl" and _past(token))
            ):
                # A relative clause ("victims killed by the crash") states its own facts, and so
                # does a clause in the past ("will watch from afar after they were denied visas").
                break
            previous, token = token, token.head
        return ("intended", intention) if intention is not None else ("asserted", None)

    def _negated(self, anchor: Token) -> bool:
        if any(
            child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no") for child in anchor.children
        ):
            return True
        # "No talks were held": the negation sits on the event noun the light verb carries.
        if any(
            child.dep_ in ("nsubjpass", "dobj")
            and any(d.dep_ == "det" and d.lower_ in ("no", "neither") for d in child.children)
            for child in anchor.children
        ):
            return True
        # "did not hold talks": the light verb carries the negation of its object noun.
        if anchor.pos_ == "NOUN" and anchor.dep_ in ("dobj", "nsubjpass"):
            return any(child.dep_ == "neg" for child in anchor.head.children)
        return False

    def _judged(self, noun: Token) -> bool:
        """Whether a noun names who a judgment is about ("convicted two leaders of torturing")."""
        verb = noun.head
        return noun.dep_ == "dobj" and any(self.words.get(form) == "asserted" for form in lemmas(verb))

    def _markers(self, token: Token, below: Token | None) -> str | Token | None:
        """What one clause says about the clause ``below`` it: hypothetical, or the word of an intention."""
        if (
            below is not None
            and below.dep_ == "acl"
            and token.pos_ in ("NOUN", "PROPN")
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in below.children)
        ):
            return "hypothetical"  # "the decision to send troops", "plans to attack"
        if (
            below is not None
            and below.dep_ == "pcomp"
            and token.lower_ == "of"
            and token.head.pos_ == "NOUN"
            and not self._judged(token.head)
        ):
            return "hypothetical"  # "the decision of sending troops"
        if below is not None and below.dep_ == "pcomp" and token.lower_ in ("until", "without"):
            return "hypothetical"  # "without consulting", "until they withdraw"
        if below is not None and below.dep_ in ("xcomp", "ccomp"):
            frames = {row.frame for row in self.lexicon.verb_rows(token) if row.frame}
            for frame in frames:
                if frame in FRAME_MARKS:
                    mark = FRAME_MARKS[frame]
                    if mark == "intended" and _other_subject(below):
                        return "hypothetical"  # "hoped French officials would be indicted": a wish
                    return token if mark == "intended" else mark
        for child in token.children:
            word = child.lower_
            if child.dep_ == "aux" and word in POSSIBILITY:
                return "hypothetical"
            if child.dep_ == "mark" and word in CONDITIONS:
                return "hypothetical"
        form = next((form for form in lemmas(token) if form in self.words), None)
        role = self.words.get(form) if form is not None else None
        if form in self.clause_only and (below is None or below.dep_ not in ("ccomp", "xcomp")):
            role = None  # "claimed that they attacked", but not "claimed responsibility for the attack"
        if role == "hypothetical" and below is not None:
            return "hypothetical"
        if role == "negated" and below is not None and below.dep_ in ("ccomp", "xcomp", "pcomp"):
            return "negated"  # "denied that it sent weapons"
        if (
            below is not None
            and below.dep_ in ("pcomp", "ccomp", "xcomp", "prep")
            and role != "asserted"
            and any(row.cameo and row.cameo[:2] == "11" for row in self.lexicon.verb_rows(token))
        ):
            return "hypothetical"  # "accused the rebels of violating the ceasefire": alleged
        if (
            below is not None
            and below.dep_ == "advcl"
            and below.tag_ in ("VBZ", "VBP")
            and any(c.dep_ == "mark" and c.lower_ in ("before", "until") for c in below.children)
        ):
            return "hypothetical"  # "a day before Sarkozy heads to Beijing": not yet
        if below is not None and any(
            child.dep_ in ("acomp", "attr", "advmod") and self.words.get(child.lower_) == "hypothetical"
            for child in token.children
        ):
            return "hypothetical"  # "it is unclear whether", "it is possible that"
        if token.pos_ in ("NOUN", "PROPN"):
            for child in token.children:
                if child.dep_ in ("amod", "compound") and self.words.get(child.lower_) == "intended":
                    return child
                if child.dep_ in ("amod", "compound") and self.words.get(child.lower_) == "hypothetical":
                    return "hypothetical"
        if (
            token.dep_ != "ccomp"
            and any(c.dep_ == "aux" and c.lower_ == "would" for c in token.children)
            and any(is_condition(c) for c in token.children)
        ):
            # "Israel would halt its offensive if Hamas released the hostages"; but "they said they
            # would meet him if ..." reports a conditional intention.
            return "hypothetical"
        for child in token.children:
            if child.dep_ == "aux" and (child.lower_ in FUTURE or child.lower_ == "would"):
                return child
        if role == "intended" and below is not None and below.dep_ in ("xcomp", "ccomp", "acl"):
            return token
        return None

    def _intention(self, event: EventMention, marker: Token, *, refused: bool = False) -> EventMention | None:
        """The asserted event behind an intended one: an expression of intent (03x), a threat (13x)
        when it is conflictual or made conditional with "unless", or a refusal (12x) when negated."""
        anchor = marker.doc[event.anchor]
        conditional = any(
            c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children) for c in anchor.children
        )
        frame = "reject" if refused else ("threaten" if conditional else "intend")
        code = framed_code(frame, event.cameo) or ("130" if conditional else None)
        if code is None or code[:2] == event.cameo[:2]:
            return None
        word = "refusal" if refused else "intention"
        stated = replace(
            event, cameo=code, modality="asserted", how=f"{event.how}; {word} marked by {marker.text!r}"
        )
        # One actor's stated intention is not mutual, unless several state it together.
        stated.symmetric = event.symmetric and not event.targets
        stated.inner = event
        return stated


def _past(verb: Token) -> bool:
    return verb.tag_ == "VBD" or any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in ("was", "were", "had") for c in verb.children
    )


def _other_subject(clause: Token) -> bool:
    """Whether a complement clause has a subject of its own, other than a pronoun."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON" for c in clause.children)
