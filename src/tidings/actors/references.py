"""Words that refer back: pronouns, "both sides", "the duo", "the country", a quote's "we".

``References`` is a part of ``tidings.actors.component.Resolver``: its methods use the resolver's
``doc``, ``at``, ``found``, ``sentence_found``, ``sentences``, ``sentence_of``, ``memory`` and
``finder``, and keep the article's memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..events.speech import SPEECH
from ..parse.mentions import Mention

PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
GROUP_PRONOUNS = {"they", "them", "their", "theirs"}
THING_PRONOUNS = {"it", "its"}
SPEAKER_PRONOUNS = {"i", "me", "my", "we", "us", "our"}
PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | THING_PRONOUNS | SPEAKER_PRONOUNS
PAIR_NUMBERS = {"both", "two"}


@dataclass
class ArticleMemory:
    """What the article has said so far, for resolving later mentions."""

    names: dict[str, Mention] = field(default_factory=dict)
    people: list[Mention] = field(default_factory=list)
    subject_people: list[Mention] = field(default_factory=list)
    things: list[Mention] = field(default_factory=list)
    groups: list[Mention] = field(default_factory=list)
    countries: list[Mention] = field(default_factory=list)
    pairs: list[tuple[int, Mention, Mention]] = field(default_factory=list)
    by_head: dict[str, Mention] = field(default_factory=dict)


class References:
    """Resolving what refers back, against what the article named before."""

    def _pronoun(self, token: Token) -> Mention | None:
        lower = token.lower_
        if lower in SPEAKER_PRONOUNS:
            return self._speaker_of(token)
        here = self.sentence_of[token.i]
        # This sentence's mentions so far are the tail of ``found``.
        before = [
            m
            for m in self.found[self.sentence_found :]
            if m.head < token.i and self.sentence_of[m.head] == here
        ]
        memory = self.memory
        if lower in PERSON_PRONOUNS:
            pool = [m for m in before if m.kind == "person" or (m.kind == "sector" and not m.plural)]
            # Across sentences, "he" most often continues the last sentence's subject.
            pool = pool or memory.subject_people or memory.people
        elif lower in GROUP_PRONOUNS:
            pool = [m for m in before if m.plural or m.kind in ("group", "pair")] or memory.groups
        else:
            pool = [
                m
                for m in before
                if m.kind in ("country", "organization", "group") or m.kind == "sector" and not m.plural
            ] or memory.things
        earlier = self._antecedent(pool, token, here)
        if earlier is None:
            return None
        moved = earlier.moved(token.i, token.i + 1, token.i)
        moved.why = f"{token.text!r} refers back to {self.doc[earlier.start:earlier.end].text!r}"
        return moved

    def _antecedent(self, pool: list[Mention], token: Token, here: int) -> Mention | None:
        """The last mention of ``pool`` a pronoun can mean, or rather the last subject of its own
        sentence: "Blinken will meet Xi before ending his trip".

        The pool is in the order the article was read, so the search from its end stops at the
        first earlier sentence once it has a candidate: a long article costs no more than a short one.
        """
        last = None
        for mention in reversed(pool):
            sentence = self.sentence_of[mention.head]
            if last is not None and sentence < here:
                break
            if mention.head >= token.i or self._bound(mention, token):
                continue
            if sentence == here and self.doc[mention.head].dep_ in ("nsubj", "nsubjpass"):
                return mention
            if last is None:
                last = mention
        return last

    def _bound(self, mention: Mention, pronoun: Token) -> bool:
        """Whether a pronoun object cannot mean its own clause's subject: "police used tear gas to
        disperse them" are not the police (that would be "themselves")."""
        if pronoun.dep_ not in ("dobj", "pobj", "dative") or pronoun.lower_ in ("its", "their", "his", "her"):
            return False
        verb = pronoun.head if pronoun.dep_ != "pobj" else pronoun.head.head
        # Up through clauses without a subject of their own ("to disperse them"), not into
        # another that has one ("protesters clashed with police, and police fired at them").
        chain = [verb]
        while (
            len(chain) < 3
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in chain[-1].children)
            and chain[-1].head.i != chain[-1].i
            and chain[-1].head.pos_ in ("VERB", "AUX")
        ):
            chain.append(chain[-1].head)
        subject = self.doc[mention.head]
        if subject.dep_ in ("nsubj", "nsubjpass") and subject.head in chain:
            return True
        # Nor whom that subject stands for: "he would only welcome him" is not Katsav welcoming Katsav.
        local = [c for c in chain[-1].children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PRON"]
        return any(
            (m.code, m.name) == (mention.code, mention.name) for c in local for m in self.at.get(c.i, ())
        )

    def _speaker_of(self, token: Token) -> Mention | None:
        """ "'We are ready to host talks,' Erdogan told reporters": "we" is who speaks the quote."""
        for verb in self.sentences[self.sentence_of[token.i]]:
            if verb.lemma_.lower() in SPEECH and verb.i != token.i:
                for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
                    found = self.at.get(subject.i)
                    if found and subject.lower_ not in SPEAKER_PRONOUNS:
                        moved = found[0].moved(token.i, token.i + 1, token.i)
                        speaker = self.doc[found[0].start : found[0].end].text
                        moved.why = f"{token.text!r} speaks in the quote of {speaker!r}"
                        return moved
        return None

    def _pair_reference(self, head: Token, tokens: list[Token]) -> Mention | None:
        lemma = head.lemma_.lower()
        numbered = any(t.lower_ in PAIR_NUMBERS for t in head.children)
        if lemma in self.finder.country_nouns and not numbered and head.tag_ == "NN":
            earlier = next((m for m in reversed(self.memory.countries) if m.head < head.i), None)
            if any(t.lower_ == "the" for t in head.children) and earlier is not None:
                moved = earlier.moved(min(t.i for t in tokens), head.i + 1, head.i)
                moved.why = f"'the {lemma}' refers back to {earlier.name}"
                return moved
            return None
        if lemma not in self.finder.pair_nouns or not (numbered or lemma in ("duo", "pair")):
            return None
        pair = next((pair for pair in reversed(self.memory.pairs) if pair[0] < head.i), None)
        if pair is None:
            return None
        _, first, second = pair
        start = min(t.i for t in tokens)
        names = f"{self.doc[first.start:first.end].text!r} and {self.doc[second.start:second.end].text!r}"
        return Mention(
            start,
            head.i + 1,
            head.i,
            None,
            None,
            None,
            None,
            "pair",
            f"{self.doc[start:head.i + 1].text!r} refers back to {names}",
            members=(first.moved(start, head.i + 1, head.i), second.moved(start, head.i + 1, head.i)),
            plural=True,
        )

    # --- memory -------------------------------------------------------------------------

    def _remember(self, mention: Mention) -> None:
        self.found.append(mention)
        memory = self.memory
        if mention.kind == "pair":
            memory.groups.append(mention)
            return
        if mention.kind == "person":
            memory.people.append(mention)
            if self.doc[mention.head].dep_ in ("nsubj", "nsubjpass"):
                memory.subject_people.append(mention)
            if mention.name:
                memory.names.setdefault(mention.name, mention)
                memory.names.setdefault(mention.name.split()[-1], mention)
            text = self.doc[mention.start : mention.end].text
            memory.names.setdefault(text, mention)
        elif mention.kind in ("country", "organization", "group"):
            memory.things.append(mention)
        if mention.plural or mention.kind == "group":
            memory.groups.append(mention)
        if mention.country and mention.kind in ("country", "sector"):
            memory.countries.append(mention)
        if mention.country and mention.kind == "sector":
            memory.by_head[self.doc[mention.head].lemma_.lower()] = mention

    def _remember_pairs(self, sentence: Span) -> None:
        """Two actors named together: coordinated ("A and B"), or subject and partner of one verb."""
        at = self.at
        for token in sentence:
            if token.i not in at:
                continue
            partners = [c for c in token.children if c.dep_ == "conj" and c.i in at]
            for partner in partners:
                self._add_pair(at[token.i][0], at[partner.i][0])
            if token.dep_ in ("nsubj", "nsubjpass"):
                verb = token.head
                for other in self._partners_of(verb):
                    if other.i in at and other.i != token.i:
                        self._add_pair(at[token.i][0], at[other.i][0])
        # Modifiers coordinated inside one phrase ("Chinese and US officials") name a pair too.
        for token in sentence:
            mentions = at.get(token.i, ())
            if len(mentions) == 2:
                self._add_pair(mentions[0], mentions[1])

    def _partners_of(self, verb: Token) -> list[Token]:
        partners = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in ("with", "to", "against"):
                partners.extend(c for c in prep.children if c.dep_ == "pobj")
        return partners

    def _add_pair(self, first: Mention, second: Mention) -> None:
        if first.members or second.members:
            return
        if (first.code or first.name) == (second.code or second.name) and first.name == second.name:
            return
        self.memory.pairs.append((max(first.head, second.head), first, second))


def is_pronoun(token: Token) -> bool:
    """A pronoun that can refer back; "US" in capitals is not "us", and "He" in "Liu He" is a name."""
    if token.lower_ not in PRONOUNS or token.pos_ not in ("PRON", "PROPN") or token.text.isupper():
        return False
    return not (token.ent_type_ == "PERSON" and token.ent_iob_ == "I")
