"""Who takes part in an event: subjects, objects, partners, and the actors they name.

``Arguments`` is a part of ``tidings.events.reader.EventReader``: its methods use the reader's
``doc``, ``lexicon``, ``actor_at`` and ``used``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Token

from ..parse.clauses import stranded_subject
from ..parse.index import mention_index
from ..parse.mentions import Mention
from ..places.where import VENUE_WORDS
from .lexicon import LexEntry
from .weapons import is_weapon

SUBJECT_DEPS = ("nsubj", "csubj")
TARGET_PREPS = ("with", "against", "on", "at", "to", "into", "toward", "towards", "upon", "between", "behind")
NOUN_TARGET_PREPS = ("with", "against", "on", "at", "to", "into", "toward", "towards", "upon", "over", "for")
# Appeals, offers and demands: what comes "from" someone.
ASKING_ROOTS = ("02", "03", "10")
# Retreats, withdrawals and expulsions: acts that leave a place.
LEAVING_CODES = ("087", "174")
# What talks, agreements and meetings are about: "negotiations on", "a deal over".
TOPIC_PREPS = ("on", "over", "about", "regarding", "concerning")
# Possessives that make an object the actor's own ("its troops"), not someone acted upon.
OWN = {"its", "their", "his", "her", "our", "my"}
# Prepositions by which an object names whom it concerns: "evidence against", "efforts of", "crimes by".
OBJECT_PARTNERS = ("against", "on", "for", "to", "with", "of", "by")
SPECIFICITY = {"person": 4, "organization": 3, "group": 3, "sector": 2, "country": 1}


class Arguments:
    """Finding an event's participants in the parse."""

    def subjects(self, verb: Token) -> list[Token]:
        """The tokens naming who acts: the subject, the agent of a passive, or the controller up the tree."""
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            agents = [c for c in verb.children if c.dep_ == "agent"] or [
                # "were denied visas by Canada": the parser may hang the agent on the object.
                prep
                for c in verb.children
                if c.dep_ == "dobj"
                for prep in c.children
                if prep.dep_ == "prep" and prep.lower_ == "by"
            ]
            return [p for c in agents for p in c.children if p.dep_ == "pobj"]
        own = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        skip = self.doc._.boilerplate or set()
        # "NAIROBI, June 19 (Wire) - Kenyan President William Ruto met ...": the parser may make
        # the dateline the subject and hang the real one off it.
        own = [
            a
            for c in own
            for a in (
                [c]
                if c.i not in skip
                else [g for g in c.children if g.dep_ in ("appos", "conj") and g.i not in skip]
            )
        ]
        if own:
            return own
        stranded = stranded_subject(verb)
        if stranded is not None:
            return [stranded]
        head = verb.head
        if verb.dep_ == "relcl":
            return [head]
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and self.actor_at.get(head.i):
            # "dispersed demonstrators protesting election results": the noun does what it is doing.
            return [head]
        if verb.dep_ == "acl" and head.pos_ == "NOUN" and verb.tag_ != "VBN":
            # "issued a declaration demanding ...": who issued it, or whose it is; but a place does
            # what it does itself ("attacked a camp hosting government forces").
            if head.lemma_.lower() in VENUE_WORDS:
                return []
            owners = [c for c in head.children if c.dep_ == "poss"]
            if owners:
                return owners
            if head.head.pos_ in ("VERB", "AUX") and head.dep_ in ("dobj", "nsubjpass"):
                return self.subjects(head.head)
            return []
        if verb.dep_ == "xcomp" and head.i != verb.i:
            # "Blinken was scheduled to visit": the raised subject of a passive acts.
            raised = [c for c in head.children if c.dep_ == "nsubjpass"]
            if raised and not any(c.dep_ == "agent" for c in head.children):
                return raised
        if verb.dep_ == "conj" and head.i != verb.i and verb.tag_ in ("VB", "VBZ", "VBP", "VBG"):
            # "was indicted by the court and will resign": an active verb shares the grammatical
            # subject of the passive before it, not its agent (a past form may be either).
            shared = [c for c in head.children if c.dep_ == "nsubjpass"]
            if shared:
                return shared
        if verb.dep_ in ("xcomp", "conj", "advcl", "ccomp", "acomp") and head.i != verb.i:
            return self.subjects(head)
        if verb.dep_ == "pcomp" and head.lower_ in ("of", "for") and head.head.dep_ == "dobj":
            return [head.head]  # "convicted two leaders of torturing prisoners"
        if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
            objects = [c for c in head.head.children if c.dep_ == "dobj"]
            if head.lower_ in ("of", "for") and objects:
                # "convicted the son of torturing opponents", "accused the army of shelling":
                # the one charged is the one who acted.
                return objects
            return self.subjects(head.head)
        return []

    def actors(self, tokens: Iterable[Token]) -> list[Mention]:
        """The actors named by these tokens and their coordinated siblings.

        "scores of refugees" names the refugees.
        """
        found: list[Mention] = []
        for token in tokens:
            group = self._coordinated_actors(token)
            found.extend(group)
        return unique(found)

    def _coordinated_actors(self, token: Token) -> list[Mention]:
        found: list[Mention] = []
        for each in coordinated(token):
            mentions = self.actor_at.get(each.i) or self.actor_at.get(self.lexicon.through(each).i)
            if not mentions and each.ent_type_ in ("DATE", "TIME"):
                # "met with Bashar Assad Tuesday": the name hangs off the date.
                mentions = [
                    m for c in each.children if c.dep_ == "compound" for m in self.actor_at.get(c.i, ())
                ]
            found.extend(mentions or ())
        # "two Ugandan and three Tanzanian activists": the bare demonym shares the noun's sector.
        sectors = {m.sector for m in found if m.sector and m.kind == "sector"}
        if len(sectors) == 1:
            sector = sectors.pop()
            found = [
                replace(m, sector=sector, code=m.country + sector, kind="sector")
                if m.kind == "country" and m.country and m.demonym
                else m
                for m in found
            ]
        return found

    def _prep_objects(self, verb: Token, preps: Iterable[str]) -> list[Token]:
        wanted = set(preps)
        return [
            p
            for c in verb.children
            if c.dep_ in ("prep", "dative") and c.lower_ in wanted
            for p in c.children
            if p.dep_ == "pobj"
        ]

    def _target_objects(self, verb: Token, preps: Iterable[str]) -> list[Token]:
        """Prepositional objects that can be a target: not the weapons used ("an attack with drones")."""
        return [p for p in self._prep_objects(verb, preps) if not is_weapon(p)]

    def _verb_targets(self, verb: Token) -> list[Mention]:
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "dative")]
        # "kidnapped up to 16 Russian advisers", read as a particle and a preposition.
        objects += [
            p
            for prt in verb.children
            if prt.dep_ == "prt" and prt.lower_ == "up"
            for prep in prt.children
            if prep.lower_ == "to"
            for p in prep.children
            if p.dep_ == "pobj" and any(c.dep_ == "nummod" for c in p.children)
        ]
        if not objects and verb.dep_ == "conj" and verb.tag_ in ("VBN", "VBD") and verb.head.i != verb.i:
            # "was arrested by police and charged with treason": the passive's subject again.
            if not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
                objects = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
        # "offered its troops to Lebanon": what the actor gives of its own is not the target.
        own = [o for o in objects if any(c.dep_ == "poss" and c.lower_ in OWN for c in o.children)]
        targets = self.actors(o for o in objects if o not in own)
        if targets:
            return targets
        targets = self.actors(self._target_objects(verb, TARGET_PREPS))
        if targets:
            return targets
        # "presented evidence against Russia", "praised Haiti's efforts", "investigating crimes by
        # extremists", "hack into the computers of army officers", "agreed to US mediation": whom
        # the object concerns.
        found = self._partners(objects + self._prep_objects(verb, ("into", "at", "on", "against", "to")))
        if found:
            return found
        targets = self.actors(own)
        if targets:
            return targets
        # "host a meeting between A and B": the object event's participants.
        for obj in objects:
            entry = self.lexicon.noun_entry(obj)
            if entry is not None:
                _, noun_targets, participants = self.noun_roles(obj, entry)
                if noun_targets or participants:
                    self.used.add(obj.i)  # the meeting is this event's, not one of its own
                    return noun_targets or participants
        return []

    def _verb_targets_except(self, verb: Token, noun: Token, *, symmetric: bool = False) -> list[Mention]:
        objects = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i != noun.i]
        # "issued arrest warrants for two men": with a light verb, "for" names the target too;
        # "opened an investigation into crimes by Russian forces": whom the object concerns;
        # but "renewed talks on a troop pullback" says what the talks are about.
        preps = self._target_objects(
            verb, [p for p in (*TARGET_PREPS, "for") if not (symmetric and p in TOPIC_PREPS)]
        )
        return self.actors(objects) or self.actors(preps) or self._partners(preps)

    def _partners(self, objects: list[Token]) -> list[Mention]:
        """Whom objects concern: their possessor, who they are "of", "against", "by", "for", or the
        country or organisation named on them ("a U.N. resolution")."""
        named = self.doc._.named_at or {}
        for obj in objects:
            found = self.actors(c for c in obj.children if c.dep_ == "poss" and c.lower_ not in OWN)
            found = found or unique(
                [named[c.i] for c in obj.children if c.dep_ in ("compound", "nmod", "amod") and c.i in named]
            )
            # "accepted demands from the rebels", "tariffs on imports from Mexico": whom a request,
            # an offer or goods come from.
            preps = OBJECT_PARTNERS + (("from",) if self._from_someone(obj) else ())
            found = found or self.actors(
                p
                for prep in obj.children
                if prep.dep_ in ("prep", "agent") and prep.lower_ in preps
                for p in prep.children
                if p.dep_ == "pobj"
            )
            if found:
                return found
            # "a possible war against Iraq": one step further down.
            for prep in obj.children:
                if prep.dep_ == "prep" and prep.lower_ in ("for", "of"):
                    deeper = self._partners([p for p in prep.children if p.dep_ == "pobj"])
                    if deeper:
                        return deeper
        return []

    def _about(self, verb: Token) -> list[Mention]:
        """Whom a complaint is about: "over Israeli air raids", "about China", "against Russia"."""
        for obj in self._prep_objects(verb, ("over", "about", "against", "at")):
            found = self.actors([obj])
            if found:
                return found
            entry = self.lexicon.noun_entry(obj)
            if entry is not None:
                sources, _, _ = self.noun_roles(obj, entry)
                if sources:
                    return sources
        return []

    def _addressees(self, verb: Token) -> list[Token]:
        addressed = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
        # "called on Israel to", "appealed to the UN", "demanded autonomy from Serbian authorities"
        addressed += self._prep_objects(verb, ("on", "upon", "to", "from"))
        for obj in (c for c in verb.children if c.dep_ == "dobj" and not self._leaving(c)):
            addressed += [
                p
                for prep in obj.children
                if prep.dep_ == "prep" and prep.lower_ == "from"
                for p in prep.children
                if p.dep_ == "pobj"
            ]
        return [t for t in addressed if self.actors([t])]

    def _from_someone(self, noun: Token) -> bool:
        """A request, demand or offer ("demands from the rebels"), or goods ("imports from China")."""
        if noun.lemma_.lower() in self.lexicon.origins:
            return True
        entry = self.lexicon.noun_entry(noun)
        return entry is not None and entry.cameo.startswith(ASKING_ROOTS)

    def _leaving(self, noun: Token) -> bool:
        """A withdrawal or expulsion: its "from" is the place left ("the withdrawal of troops from
        Bosnia"), not whom a demand is addressed to ("demanded support from the assembly")."""
        entry = self.lexicon.noun_entry(noun)
        return entry is not None and entry.cameo.startswith(LEAVING_CODES)

    def noun_roles(
        self, noun: Token, entry: LexEntry | None
    ) -> tuple[list[Mention], list[Mention], list[Mention]]:
        """Sources, targets and co-participants named around an event noun."""
        sources: list[Mention] = []
        targets: list[Mention] = []
        participants: list[Mention] = []
        symmetric = entry is not None and entry.symmetric
        # (a head noun read as a participle, "a parting shot at", holds the noun's phrases)
        misread = [c for c in noun.children if self.lexicon.misread_noun(c)]
        for child in (*noun.children, *(g for c in misread for g in c.children)):
            if child.dep_ == "poss" or (child.dep_ in ("amod", "compound", "nmod") and child.i < noun.i):
                sources.extend(self.actors([child]) or self._modifier_actor(child))
            elif child.dep_ in ("prep", "agent"):
                objects = [p for p in child.children if p.dep_ == "pobj"]
                word = child.lower_
                if word == "by":
                    sources.extend(self.actors(objects))
                elif word in ("between", "among") or (word == "of" and symmetric):
                    participants.extend(self._actors_in_subtree(objects))
                elif symmetric and word in TOPIC_PREPS:
                    continue  # "talks on an Israeli pullback": what is talked about, not with whom
                elif word in NOUN_TARGET_PREPS or word == "of":
                    # "an investigation into war crimes by Russian forces": whom the object concerns;
                    # "an attack with drones" names what it was made with.
                    objects = [o for o in objects if not is_weapon(o)]
                    targets.extend(self.actors(objects) or self._partners(objects))
        return unique(sources), unique(targets), unique(participants)

    def _modifier_actor(self, token: Token) -> list[Mention]:
        """A country adjective modifying an event noun ("Israeli air strikes", "US sanctions")."""
        finder_matches = self.actor_at.get(token.i)
        if finder_matches:
            return finder_matches
        named = (self.doc._.named_at or {}).get(token.i)
        if named is not None and named.kind == "country":
            return [named]
        return [m for m in mention_index(self.doc).covering.get(token.i, ()) if m.kind == "country"]

    def _actors_in_subtree(self, tokens: list[Token]) -> list[Mention]:
        """Every actor inside a phrase, however tangled its parse ("of Xi and US President Joe Biden").

        Of several mentions with one code, the most specific stands: the person "Joe Biden"
        over the title "US President" that the parser split off from the name.
        """
        best: dict[str | None, Mention] = {}
        for token in tokens:
            for inner in token.subtree:
                for mention in self.actor_at.get(inner.i, ()):
                    key = mention.code or mention.name
                    if key not in best or SPECIFICITY.get(mention.kind, 0) > SPECIFICITY.get(
                        best[key].kind, 0
                    ):
                        best[key] = mention
        return sorted(best.values(), key=lambda m: m.head)

    def _sources_from_event_nouns(self, subjects: list[Token]) -> list[Mention]:
        """ "Israeli air strikes killed ...": an event noun whose modifier names the actor."""
        for subject in subjects:
            entry = self.lexicon.noun_entry(subject)
            if entry is not None:
                sources, _, _ = self.noun_roles(subject, entry)
                if sources:
                    self.used.add(subject.i)
                    return sources
        return []

    def _blameless_agent(self, verb: Token) -> bool:
        agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        return bool(agents) and not any(
            self.actors([a]) or self.lexicon.noun_entry(a) or is_weapon(a) for a in agents
        )

    def _names_state(self, token: int) -> bool:
        """Whether a token names a state itself: a country, its capital or its seat of government."""
        return any(
            m.kind == "country" or (m.kind == "sector" and m.start == m.head and m.end == m.head + 1)
            for m in mention_index(self.doc).of_head.get(token, ())
        )


def coordinated(token: Token) -> list[Token]:
    """A token and those coordinated with it, including lists the parser read as appositions
    ("The US, Russia, and Switzerland met")."""
    tokens = [token, *token.conjuncts]
    for child in token.children:
        if (
            child.dep_ == "appos"
            and child.ent_type_ in ("GPE", "NORP", "ORG")
            and token.ent_type_ == child.ent_type_
        ):
            tokens.extend((child, *child.conjuncts))
    return list(dict.fromkeys(tokens))


def unique(mentions: list[Mention]) -> list[Mention]:
    seen, out = set(), []
    for mention in mentions:
        key = (mention.head, mention.code, mention.name)
        if key not in seen:
            seen.add(key)
            out.append(mention)
    return out
