"""What kind of clause an event stands in: reported news, background, purpose or obligation."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .mentions import EventMention

OBLIGATION = {"must", "should", "ought"}
# Clauses that set a condition: "unless Baghdad accepts", "if the US goes ahead".
CONDITION_MARKS = ("if", "unless")
BACKGROUND_MARKS = {"after", "since", "because", "as", "once"}
# Prepositions that put a noun in the background of the sentence's news.
BACKGROUND_PREPS = {
    "since",
    "after",
    "following",
    "despite",
    "amid",
    "amidst",
    "because",
    "over",
    "about",
    "regarding",
    "concerning",
    "without",
    "like",
    "unlike",
    "before",
    "against",
}


def has_other_subject(inner: EventMention, doc: Doc) -> bool:
    verb = doc[inner.anchor]
    return verb.dep_ == "ccomp" and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON" for c in verb.children
    )


def stranded_subject(verb: Token) -> Token | None:
    """The subject the parser stranded as a verbless root: in "Tens of thousands of opponents of
    the coup gathered on Sunday" it makes "thousands" the root and "gathered" a participle of
    "coup". A sentence has a verb; a participle of the root's last noun, with no verb root
    to be the participle of, is the sentence's own verb."""
    root = verb.sent.root
    if verb.dep_ != "acl" or verb.tag_ not in ("VBN", "VBD") or root.pos_ not in ("NOUN", "PROPN", "NUM"):
        return None
    token = verb.head
    while token.i != root.i:
        if token.dep_ not in ("pobj", "prep", "compound", "poss"):
            return None  # a participle inside a clause of its own
        token = token.head
    return root


def is_background(anchor: Token) -> bool:
    """Whether a clause recalls or explains rather than reports: a relative clause ("the group
    that has seized parts of Iraq", "a Hamas member jailed a year ago"), an adverbial clause
    of time or cause ("two weeks after rebels kidnapped peacekeepers"), or the reason for an act."""
    if anchor.dep_ == "relcl" or anchor.dep_ == "acl" and anchor.tag_ == "VBN":
        return stranded_subject(anchor) is None
    if anchor.dep_ == "pcomp" and anchor.head.lower_ == "for":
        # The reason for an act done to someone: "jailed a student for helping militants"
        # (but "called for ending the blockade" is what is called for).
        act = anchor.head.head
        return act.pos_ == "VERB" and any(c.dep_ in ("dobj", "nsubjpass") for c in act.children)
    return anchor.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKS for c in anchor.children
    )


def background(anchor: Token, anchors: set[int]) -> bool:
    """A background clause's event, when the sentence reports an event of its own."""
    if not is_background(anchor):
        return False
    doc = anchor.doc
    return any(a != anchor.i and not is_background(doc[a]) for a in anchors)


def purpose_of(anchor: Token, anchors: set[int]) -> bool:
    return (
        anchor.dep_ == "advcl"
        and anchor.head.i in anchors
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in anchor.children)
    )


def is_condition(clause: Token) -> bool:
    """An "if" or "unless" clause, or one that puts its auxiliary first ("should Hamas release")."""
    if clause.dep_ != "advcl":
        return False
    if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in clause.children):
        return True
    first = clause.doc[clause.left_edge.i]
    return first.dep_ == "aux" and first.lower_ in ("should", "had", "were")


def obliged(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in OBLIGATION for c in verb.children) and verb.dep_ != "ROOT"


def in_foreground(noun: Token) -> bool:
    """Whether a noun reports an event of its own, not background to another clause.

    "the meeting of Xi and Biden" as the object of a main verb reports a meeting; "since the
    accord between", "amid fighting between", or a noun inside a relative or adverbial clause
    recalls or explains something else.
    """
    for token in (noun, *noun.ancestors):
        if token.dep_ in ("relcl", "acl", "advcl", "csubj"):
            return False
        if token.dep_ == "pobj" and token.head.lower_ in BACKGROUND_PREPS:
            return False
    return True
