"""The ``tidings_actors`` component: find the actors of an article and resolve them to codes.

Each noun phrase that names an actor is resolved from the evidence inside it,
in this order: a person of the knowledge base (dated by the story's
publication date), an organisation, a country with a sector ("Chinese troops",
"Kenya's opposition"), a sector alone ("protesters"). What the article says
about a person ("Bonnie Glaser, the director of ...") holds for later
mentions of that person; pronouns, surnames, "the ministry", "the country" and
pair references ("both sides", "the duo") resolve against what came before.
"""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..data_files import bundled_table
from ..parse.index import doc_index
from ..parse.mentions import Mention
from ..places.world_regions import WORLD_REGIONS
from .kb import KnowledgeBase
from .names import NameIndex, name_index
from .phrases import Match, PhraseResolver
from .references import PAIR_NUMBERS, ArticleMemory, References, is_pronoun

NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
# Words in a name that are no given name: "Mr Biden", "Saif al-Islam".
NAME_WORDS = bundled_table("lexicon", "names.tsv")
HONORIFICS = frozenset(row["word"] for row in NAME_WORDS if row["kind"] == "honorific")
NAME_PARTICLES = frozenset(row["word"] for row in NAME_WORDS if row["kind"] == "particle")
# "anti-Syria", "pro-Russian": a stance towards a country, not membership of it.
STANCE_PREFIXES = {"anti", "pro"}


@Language.factory(
    "tidings_actors",
    assigns=["doc._.actors", "doc._.actor_at"],
    requires=["token.dep", "token.lemma", "doc.ents", "doc._.boilerplate"],
)
def make_actor_finder(nlp: Language, name: str) -> ActorFinder:
    return ActorFinder(nlp)


class ActorFinder:
    """Finds and resolves actor mentions; ``use(kb)`` chooses the knowledge base."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.kb: KnowledgeBase | None = None
        self.names: NameIndex | None = None
        references = bundled_table("lexicon", "references.tsv")
        self.pair_nouns = {row["noun"] for row in references if row["refers"] == "pair"}
        self.country_nouns = {row["noun"] for row in references if row["refers"] == "country"}
        self.agents = {row["noun"] for row in references if row["refers"] == "agent"}
        # "drone strikes", "army raids": an event noun is what an actor does, never an actor.
        self.event_nouns = {row["noun"].split()[-1] for row in bundled_table("lexicon", "nouns.tsv")}

    def use(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.names = name_index(self.nlp, kb.names(), key=kb.key)
        # "South America", "Central Africa": a region, and no country inside it is an actor.
        self.regions = NameIndex.of(
            tuple(token.orth for token in self.nlp.make_doc(name)) for name in WORLD_REGIONS
        )

    def __call__(self, doc: Doc) -> Doc:
        if self.kb is None:
            self.use(KnowledgeBase())
        resolver = Resolver(self, doc)
        for sentence in doc_index(doc).sentences:
            resolver.sentence(sentence)
        doc._.actors = resolver.found
        doc._.actor_at = resolver.at
        doc._.named_at = resolver.named()
        return doc


class Resolver(PhraseResolver, References):
    """Resolves the mentions of one document, sentence by sentence, with its memory."""

    def __init__(self, finder: ActorFinder, doc: Doc) -> None:
        self.finder = finder
        self.kb = finder.kb
        self.doc = doc
        self.day: dt.date | None = doc._.pub_date
        self.skip: set[int] = doc._.boilerplate or set()
        self.memory = ArticleMemory()
        self.found: list[Mention] = []
        # Where the mentions of the sentence being read begin in ``found``: a reference looks back
        # within its sentence from there, not through the whole article.
        self.sentence_found = 0
        self.at: dict[int, list[Mention]] = {}
        index = doc_index(doc)
        self.ent_at = index.ent_at
        self.sentence_of = index.sentence_of
        self.sentences = index.sentences
        self.matches = self._matches()
        self.person_tokens = {i for i, ent in self.ent_at.items() if ent.label_ == "PERSON"}

    def _matches(self) -> dict[int, Match]:
        """Knowledge-base names by token, longest first, ignoring places inside a person's name."""
        doc, kb = self.doc, self.kb
        spans = sorted(self.finder.names.spans(doc), key=lambda m: (m[0], -(m[1] - m[0])))
        covered: dict[int, Match] = {}
        regions = self.finder.regions.spans(doc)
        for start, end in sorted(spans, key=lambda m: m[1] - m[0], reverse=True):
            if any(i in covered for i in range(start, end)):
                continue
            if any(r_start <= start and end <= r_end for r_start, r_end in regions):
                continue
            alias = doc[start:end].text
            country = kb.countries.get(alias)
            entries = kb.entries.get(alias)
            # Entities do not overlap: the one person whose name could hold the match holds its start.
            ent = self.ent_at.get(start)
            person = (
                ent
                if ent is not None and ent.label_ == "PERSON" and end <= ent.end and len(ent) > end - start
                else None
            )
            if person is not None and (country and not entries or end < person.end):
                continue  # "Jordan" in "Jordan Bardella", "Boris" in "Boris Yeltsin"
            if (
                person is not None
                and entries
                and all(e.type == "person" for e in entries)
                and self._other_given_name(doc[person.start : start])
            ):
                continue  # "Hunter Biden", "Simone Gbagbo": someone else of the same family name
            if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in STANCE_PREFIXES:
                continue  # an "anti-Syria journalist" or "pro-Russia rebels" are not Syria's or Russia's
            match = Match(start, end, alias, country, entries)
            for i in range(start, end):
                covered[i] = match
        return covered

    def _other_given_name(self, before: Span) -> bool:
        """Whether the words before a surname inside a person's name are a given name of someone
        else, not a title ("Mr", "President") that the tagger took into the name."""
        words = [t for t in before if t.lower_ not in NAME_PARTICLES and not t.is_punct]
        return bool(words) and all(
            t.is_title and t.lower_ not in self.kb.sectors and t.lower_.rstrip(".") not in HONORIFICS
            for t in words
        )

    def named(self) -> dict[int, Mention]:
        """Countries and organisations named anywhere, also as modifiers, by token."""
        named: dict[int, Mention] = {}
        for match in {id(m): m for m in self.matches.values()}.values():
            head = self._root_of(match.start, match.end)
            if match.entries:
                resolved = self.kb.entry_for(match.alias, self.day)
                if resolved is None or resolved[0].type == "person":
                    continue
                mention = Mention.of_entry(match.start, match.end, head, resolved[0])
            else:
                country = match.country
                if match.start > 0 and self.doc[match.start - 1].lower_ == "ethnic":
                    continue
                mention = Mention(
                    match.start,
                    match.end,
                    head,
                    country.iso3,
                    self.kb.country_name(country.iso3),
                    country.iso3,
                    None,
                    "country",
                    f"{country.origin}: {country.alias} is {country.iso3}",
                )
            for i in range(match.start, match.end):
                named[i] = mention
        return named

    # --- the sentence loop -------------------------------------------------------------

    def sentence(self, sentence: Span) -> None:
        # Names first, then the words that refer back to them ("he", "both sides"), so that
        # a reference can point at an actor named earlier in the same sentence.
        heads = [t for t in sentence if t.i not in self.skip and self._is_head(t)]
        references = [t for t in heads if self._refers_back(t)]
        self.sentence_found = len(self.found)
        for token in heads:
            if token not in references:
                self._resolve_at(token)
        self._remember_pairs(sentence)
        for token in references:
            self._resolve_at(token)
        # Earlier sentences' mentions are in order already; only this sentence's need sorting.
        self.found[self.sentence_found :] = sorted(self.found[self.sentence_found :], key=lambda m: m.head)

    def _resolve_at(self, token: Token) -> None:
        mentions = self.resolve(token)
        if mentions:
            self.at[token.i] = mentions
            for mention in mentions:
                self._remember(mention)

    def _refers_back(self, token: Token) -> bool:
        if is_pronoun(token):
            return True
        lemma = token.lemma_.lower()
        determiners = {child.lower_ for child in token.children if child.dep_ in ("det", "nummod", "predet")}
        if lemma in self.finder.pair_nouns and (determiners & PAIR_NUMBERS or lemma in ("duo", "pair")):
            return True
        return lemma in self.finder.country_nouns and determiners == {"the"}

    def _is_head(self, token: Token) -> bool:
        match = self.matches.get(token.i)
        if match is not None and token.dep_ not in ("compound", "amod", "flat", "nmod"):
            # A name of the knowledge base heads its phrase whatever the tagger made of it.
            return self._root_of(match.start, match.end) == token.i
        if token.pos_ not in ("NOUN", "PROPN", "PRON", "ADJ", "NUM"):
            return False
        if (
            token.dep_ in ("compound", "amod", "flat")
            and token.head.i != token.i
            and not (token.head.ent_type_ in ("DATE", "TIME") and token.ent_type_ not in ("DATE", "TIME"))
        ):
            # A modifier belongs to the noun phrase of its head; but in "met Bashar Assad Tuesday"
            # the parser hangs the name off the date, and the name is the phrase.
            return False
        if token.dep_ == "nmod" and token.head.i != token.i and token.ent_type_ != "PERSON":
            # A name the parser hung off another name ("the meeting of Xi and US President
            # Joe Biden") is an actor of its own; other nominal modifiers are not.
            return False
        if is_pronoun(token):
            return True
        match = self.matches.get(token.i)
        if match is not None:
            return self._root_of(match.start, match.end) == token.i
        if token.ent_type_ in ("FAC", "LOC"):
            return False  # buildings and regions are places, not actors
        if token.ent_type_ in NAME_LABELS and token.ent_iob_ != "O":
            ent = self._ent_of(token)
            return ent is not None and ent.root.i == token.i
        lemma = token.lemma_.lower()
        if lemma in self.kb.sectors or lemma in self.finder.pair_nouns:
            return True
        if token.pos_ == "PROPN" and any(
            c.dep_ == "appos" and c.lemma_.lower() in self.kb.sectors for c in token.children
        ):
            return True  # "Musalia Mudavadi, Kenya's foreign minister", missed by the tagger
        if token.pos_ == "PROPN" and any(
            c.dep_ == "compound" and c.i in self.person_tokens for c in token.children
        ):
            return True  # "Maria Corina Machado", where the tagger stopped the name at "Corina"
        if token.text[:1].isupper() and token.text in self.memory.names:
            return True  # "Dagalo", named in full earlier in the article, whatever the tagger made of it
        # "opposition groups", "Israeli army bulldozers", "Russian advisers", "Palestinian homes",
        # "the Taliban faction": a noun is an actor when its modifiers name a sector or a country,
        # or an organisation it can act for (a "U.N. resolution" cannot).
        if token.pos_ != "NOUN" or lemma in self.finder.event_nouns:
            return False
        agent = lemma in self.finder.agents
        for child in token.children:
            if child.dep_ not in ("compound", "amod", "nmod") or child.i > token.i:
                continue
            match = self.matches.get(child.i)
            if match is not None and (match.country is not None and not match.entries or agent):
                return True
            # "police officers", "opposition groups"; but "military equipment" is a thing.
            if child.lemma_.lower() in self.kb.sectors and (child.pos_ in ("NOUN", "PROPN") or agent):
                return True
        return False

    def _ent_of(self, token: Token) -> Span | None:
        return self.ent_at.get(token.i)

    def _root_of(self, start: int, end: int) -> int:
        span = self.doc[start:end]
        outside = [t for t in span if not start <= t.head.i < end or t.head.i == t.i]
        if len(outside) > 1:
            # The parser broke the name ("Barack" read as a preposition): English names end in their head.
            nouns = [t for t in outside if t.pos_ in ("PROPN", "NOUN")]
            return (nouns or outside)[-1].i
        return span.root.i

    def resolve(self, head: Token) -> list[Mention]:
        """The actors a noun phrase headed by ``head`` stands for (several when coordinated)."""
        if is_pronoun(head):
            found = self._pronoun(head)
            return [found] if found else []
        tokens = self._phrase(head)
        pair = self._pair_reference(head, tokens)
        if pair is not None:
            return [pair]
        own = self.matches.get(head.i)
        ethnic = own is not None and own.start > 0 and self.doc[own.start - 1].lower_ == "ethnic"
        if own is not None and own.country is not None and not own.entries and head.ent_type_ != "PERSON":
            sector, sector_token = self._sector(head, tokens)
            if ethnic:
                # "ethnic Albanians in Serbia": a people, of whichever country the story places them in.
                return [self._sector_actor(head, tokens, sector or "CVL")]
            # "NATO-member Norway": the head names the actor; its modifiers only describe it.
            return [self._country_actor(head, tokens, own.country, sector, sector_token)]
        named = self._named(head, tokens)
        if named is not None:
            return [named]
        sector, sector_token = self._sector(head, tokens)
        countries = self._countries(head, tokens)
        if countries:
            return [self._country_actor(head, tokens, c, sector, sector_token) for c in countries]
        if sector is None:
            return []
        return [self._sector_actor(head, tokens, sector)]
