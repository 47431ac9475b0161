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
from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..actors.kb import CountryName, Entry, KnowledgeBase
from ..data_files import bundled_table
from .mentions import Mention
from .speech import SPEECH

PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
GROUP_PRONOUNS = {"they", "them", "their", "theirs"}
THING_PRONOUNS = {"it", "its"}
SPEAKER_PRONOUNS = {"i", "me", "my", "we", "us", "our"}
PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | THING_PRONOUNS | SPEAKER_PRONOUNS
# Parts of a noun phrase that still describe the same actor.
MODIFIERS = {"compound", "amod", "poss", "nmod", "det", "nummod", "quantmod", "flat", "case", "appos", "nn", "punct"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
PAIR_NUMBERS = {"both", "two"}


@dataclass(slots=True)
class Match:
    """A knowledge-base name found in the text."""

    start: int
    end: int
    alias: str
    country: CountryName | None
    entries: list[Entry] | None


@dataclass
class ArticleMemory:
    """What the article has said so far, for resolving later mentions."""

    names: dict[str, Mention] = field(default_factory=dict)
    people: list[Mention] = field(default_factory=list)
    things: list[Mention] = field(default_factory=list)
    groups: list[Mention] = field(default_factory=list)
    countries: list[Mention] = field(default_factory=list)
    pairs: list[tuple[int, Mention, Mention]] = field(default_factory=list)
    by_head: dict[str, Mention] = field(default_factory=dict)


@Language.factory(
    "tidings_actors",
    assigns=["doc._.actors", "doc._.actor_at"],
    requires=["token.dep", "token.lemma", "doc.ents", "doc._.boilerplate"],
)
def make_actor_finder(nlp: Language, name: str) -> "ActorFinder":
    return ActorFinder(nlp)


class ActorFinder:
    """Finds and resolves actor mentions; ``use(kb)`` chooses the knowledge base."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.kb: KnowledgeBase | None = None
        self.matcher: PhraseMatcher | None = None
        references = bundled_table("lexicon", "references.tsv")
        self.pair_nouns = {row["noun"] for row in references if row["refers"] == "pair"}
        self.country_nouns = {row["noun"] for row in references if row["refers"] == "country"}
        self.agents = {row["noun"] for row in references if row["refers"] == "agent"}

    def use(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        make_doc = self.nlp.make_doc
        self.matcher.add("ALIAS", [make_doc(name) for name in kb.names()])

    def __call__(self, doc: Doc) -> Doc:
        if self.kb is None:
            self.use(KnowledgeBase())
        resolver = Resolver(self, doc)
        for sentence in doc.sents:
            resolver.sentence(sentence)
        doc._.actors = resolver.found
        doc._.actor_at = resolver.at
        doc._.named_at = resolver.named()
        return doc


class Resolver:
    """Resolves the mentions of one document, sentence by sentence, with its memory."""

    def __init__(self, finder: ActorFinder, doc: Doc) -> None:
        self.finder = finder
        self.kb = finder.kb
        self.doc = doc
        self.day: dt.date | None = doc._.pub_date
        self.skip: set[int] = doc._.boilerplate or set()
        self.memory = ArticleMemory()
        self.found: list[Mention] = []
        self.at: dict[int, list[Mention]] = {}
        self.matches = self._matches()
        self.person_tokens = {t.i for ent in doc.ents if ent.label_ == "PERSON" for t in ent}

    def _matches(self) -> dict[int, Match]:
        """Knowledge-base names by token, longest first, ignoring places inside a person's name."""
        doc, kb = self.doc, self.kb
        spans = sorted(self.finder.matcher(doc), key=lambda m: (m[1], -(m[2] - m[1])))
        covered: dict[int, Match] = {}
        person_ents = [ent for ent in doc.ents if ent.label_ == "PERSON"]
        for _, start, end in sorted(spans, key=lambda m: m[2] - m[1], reverse=True):
            if any(i in covered for i in range(start, end)):
                continue
            alias = doc[start:end].text
            country = kb.countries.get(alias)
            entries = kb.entries.get(alias)
            inside = [ent for ent in person_ents if ent.start <= start and end <= ent.end
                      and (ent.end - ent.start) > (end - start)]
            if inside and (country and not entries or end < inside[0].end):
                continue  # "Jordan" in "Jordan Bardella", "Boris" in "Boris Yeltsin"
            match = Match(start, end, alias, country, entries)
            for i in range(start, end):
                covered[i] = match
        return covered

    def named(self) -> dict[int, Mention]:
        """Countries and organisations named anywhere, also as modifiers, by token."""
        named: dict[int, Mention] = {}
        for match in {id(m): m for m in self.matches.values()}.values():
            head = self._root_of(match.start, match.end)
            if match.entries:
                resolved = self.kb.entry_for(match.alias, self.day)
                if resolved is None or resolved[0].type == "person":
                    continue
                entry = resolved[0]
                mention = Mention(match.start, match.end, head, entry.code, entry.name, entry.country,
                                  entry.sector, entry.type, f"{entry.origin}: {entry.name}")
            else:
                country = match.country
                if match.start > 0 and self.doc[match.start - 1].lower_ == "ethnic":
                    continue
                mention = Mention(match.start, match.end, head, country.iso3, self.kb.country_name(country.iso3),
                                  country.iso3, None, "country", f"{country.origin}: {country.alias} is {country.iso3}")
            for i in range(match.start, match.end):
                named[i] = mention
        return named

    # --- the sentence loop -------------------------------------------------------------

    def sentence(self, sentence: Span) -> None:
        # Names first, then the words that refer back to them ("he", "both sides"), so that
        # a reference can point at an actor named earlier in the same sentence.
        heads = [t for t in sentence if t.i not in self.skip and self._is_head(t)]
        references = [t for t in heads if self._refers_back(t)]
        for token in heads:
            if token not in references:
                self._resolve_at(token)
        self._remember_pairs(sentence)
        for token in references:
            self._resolve_at(token)
        self.found.sort(key=lambda m: m.head)

    def _resolve_at(self, token: Token) -> None:
        mentions = self.resolve(token)
        if mentions:
            self.at[token.i] = mentions
            for mention in mentions:
                self._remember(mention)

    def _refers_back(self, token: Token) -> bool:
        if _is_pronoun(token):
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
        if token.dep_ in ("compound", "amod", "flat") and token.head.i != token.i and not (
                token.head.ent_type_ in ("DATE", "TIME") and token.ent_type_ not in ("DATE", "TIME")):
            # A modifier belongs to the noun phrase of its head; but in "met Bashar Assad Tuesday"
            # the parser hangs the name off the date, and the name is the phrase.
            return False
        if token.dep_ == "nmod" and token.head.i != token.i and token.ent_type_ != "PERSON":
            # A name the parser hung off another name ("the meeting of Xi and US President
            # Joe Biden") is an actor of its own; other nominal modifiers are not.
            return False
        if _is_pronoun(token):
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
        if token.pos_ == "PROPN" and any(c.dep_ == "appos" and c.lemma_.lower() in self.kb.sectors
                                         for c in token.children):
            return True  # "Musalia Mudavadi, Kenya's foreign minister", missed by the tagger
        if token.pos_ == "PROPN" and any(c.dep_ == "compound" and c.i in self.person_tokens for c in token.children):
            return True  # "Maria Corina Machado", where the tagger stopped the name at "Corina"
        if token.text[:1].isupper() and token.text in self.memory.names:
            return True  # "Dagalo", named in full earlier in the article, whatever the tagger made of it
        # "opposition groups", "Israeli army bulldozers", "Russian advisers", "Palestinian homes",
        # "the Taliban faction": a noun is an actor when its modifiers name a sector or a country,
        # or an organisation it can act for (a "U.N. resolution" cannot).
        if token.pos_ != "NOUN":
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
        for ent in token.sent.ents:
            if ent.start <= token.i < ent.end:
                return ent
        return None

    def _root_of(self, start: int, end: int) -> int:
        span = self.doc[start:end]
        return span.root.i

    # --- resolving one noun phrase ------------------------------------------------------

    def resolve(self, head: Token) -> list[Mention]:
        """The actors a noun phrase headed by ``head`` stands for (several when coordinated)."""
        if _is_pronoun(head):
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

    def _phrase(self, head: Token) -> list[Token]:
        """The tokens of the noun phrase: the head and the modifiers that describe it."""
        tokens = [head]
        stack = [child for child in head.children if child.dep_ in MODIFIERS]
        for child in head.children:
            # "the president of France", "security forces in Guinea"
            if child.dep_ == "prep" and child.lower_ in ("of", "in", "from") and head.pos_ == "NOUN":
                stack.extend(grand for grand in child.children if grand.dep_ == "pobj")
        while stack:
            token = stack.pop()
            if token.i in self.skip:
                continue
            tokens.append(token)
            stack.extend(child for child in token.children if child.dep_ in MODIFIERS or child.dep_ in ("conj", "cc"))
            if token.dep_ == "appos":
                # "Dagalo, the commander of the Rapid Support Forces"
                stack.extend(grand for child in token.children if child.dep_ == "prep" and child.lower_ in ("of", "for")
                             for grand in child.children if grand.dep_ == "pobj")
        return sorted(tokens, key=lambda t: t.i)

    def _named(self, head: Token, tokens: list[Token]) -> Mention | None:
        """A person or organisation named inside the phrase, or a person the article described."""
        inside = {t.i for t in tokens}
        seen: set[int] = set()
        people, organizations = [], []
        for token in tokens:
            match = self.matches.get(token.i)
            if match is None or match.start in seen or not match.entries:
                continue
            seen.add(match.start)
            if not all(i in inside for i in range(match.start, match.end)):
                continue
            resolved = self.kb.entry_for(match.alias, self.day)
            if resolved is None:
                continue
            entry, status = resolved
            (people if entry.type == "person" else organizations).append((match, entry, status))
        if people:
            # The name nearest the head: "Xi" hung off "Biden" must not become Biden's name.
            match, entry, status = min(people, key=lambda p: (not (p[0].start <= head.i < p[0].end),
                                                              abs(p[0].start - head.i)))
            mention = self._person_from_entry(match, entry, status)
            same_office = _names_office(tokens, entry.role)
            if status != "current" and not same_office:
                # "Vice President Joe Biden" in 2014, "Norwegian Finance Minister Jens Stoltenberg" in
                # 2026: a title for another office than the one the knowledge base knows beats it;
                # the old title after the term ended is a reference back, and stays "former".
                titled = self._titled(head, [t for t in tokens if not match.start <= t.i < match.end], mention)
                if titled is not None:
                    return titled
            return mention
        unknown = self._unknown_person(head, tokens)
        if unknown is not None:
            return unknown
        if organizations:
            match, entry, status = organizations[0]
            return Mention(match.start, match.end, self._root_of(match.start, match.end), entry.code, entry.name,
                           entry.country, entry.sector, entry.type, f"{entry.origin}: {entry.name}")
        return None

    def _titled(self, head: Token, rest: list[Token], mention: Mention) -> Mention | None:
        sector, token = self._sector(head, rest)
        if sector is None:
            return None
        countries = self._countries(head, rest)
        country = countries[0].iso3 if countries else (mention.country if mention.sector != "IGO" else None)
        if country is None:
            return None
        return replace(mention, code=country + sector, country=country, sector=sector,
                       why=f"{mention.why}; the story calls them {token.text!r}: {country}{sector}")

    def _person_from_entry(self, match: Match, entry: Entry, status: str) -> Mention:
        head = self._root_of(match.start, match.end)
        day = self.day.isoformat() if self.day else "an unknown date"
        if status == "current":
            code, sector, why = entry.code, entry.sector, f"{entry.origin}: {entry.role or entry.code} on {day}"
        elif status == "former" and entry.country:
            code, sector = entry.country + "ELI", "ELI"
            why = f"{entry.origin}: former {entry.role or 'office holder'} (left {entry.valid_to}) on {day}"
        else:
            code, sector = entry.country, None
            why = f"{entry.origin}: not yet {entry.role or 'in office'} on {day}"
        return Mention(match.start, match.end, head, code, entry.name, entry.country, sector, "person", why)

    def _unknown_person(self, head: Token, tokens: list[Token]) -> Mention | None:
        """A person not in the knowledge base, coded from the title or apposition that goes with the name."""
        names = [t for t in tokens if t.i in self.person_tokens and self.matches.get(t.i) is None]
        remembered = self.memory.names.get(head.text) if head.text[:1].isupper() else None
        if remembered is not None and not any(t.i in self.person_tokens and t.i != head.i for t in tokens):
            return remembered.moved(head.i, head.i + 1, head.i)  # a surname, however the tagger saw it
        if names:
            ent = self._ent_of(names[0])
            if ent is None or ent.label_ != "PERSON":
                return None
            if ent.end == head.i and head.pos_ == "PROPN":
                ent = self.doc[ent.start:head.i + 1]  # "Maria Corina" + "Machado"
        elif head.pos_ == "PROPN" and any(c.dep_ == "appos" for c in head.children):
            # A name the tagger missed, known by its apposition: its compound words and itself.
            start = min([c.i for c in head.children if c.dep_ in ("compound", "flat")] + [head.i])
            ent = self.doc[start:head.i + 1]
        else:
            return None
        text = ent.text
        known = self.memory.names.get(text) or self.memory.names.get(ent[-1].text)
        if known is not None:
            return known.moved(ent.start, ent.end, ent.root.i)
        rest = [t for t in tokens if not (ent.start <= t.i < ent.end)]
        organization = self._organization_in(rest)
        if organization is not None:
            # "U.N. mediator Diego Cordovez", "Arab League Secretary General Chadli Klibi".
            mention = Mention(ent.start, ent.end, ent.root.i, organization.code, text, organization.country,
                              organization.sector, "person",
                              f"a person not in the knowledge base, speaking for {organization.name} "
                              f"({organization.origin})")
            self.memory.names[text] = mention
            self.memory.names.setdefault(ent[-1].text, mention)
            return mention
        sector, _ = self._sector(head, rest)
        countries = self._countries(head, rest)
        country = countries[0].iso3 if countries else None
        code = (country or "") + (sector or "") or None
        evidence = ", ".join(dict.fromkeys(t.text for t in rest if t.pos_ in ("PROPN", "NOUN", "ADJ"))) or "nothing"
        why = f"a person not in the knowledge base, coded from the words around the name ({evidence})"
        mention = Mention(ent.start, ent.end, ent.root.i, code, text, country, sector, "person", why)
        if country or sector:
            self.memory.names[text] = mention
            self.memory.names.setdefault(ent[-1].text, mention)
        return mention

    def _organization_in(self, tokens: list[Token]) -> Entry | None:
        for token in tokens:
            match = self.matches.get(token.i)
            if match is not None and match.entries:
                resolved = self.kb.entry_for(match.alias, self.day)
                if resolved is not None and resolved[0].type != "person":
                    return resolved[0]
        return None

    def _sector(self, head: Token, tokens: list[Token]) -> tuple[str | None, Token | None]:
        """The sector the phrase's words give; an institution modifier beats a generic head noun."""
        sectors = self.kb.sectors
        found: list[tuple[int, str, Token]] = []
        lemmas = [t.lemma_.lower() if t.lemma_.lower() in sectors else t.lower_ for t in tokens]
        for index, token in enumerate(tokens):
            if token.i in self.person_tokens or token.i in self.matches:
                continue  # "People" in "the People's Republic of China" is part of a name
            for width in (3, 2):
                phrase = " ".join(lemmas[index:index + width])
                if index + width <= len(tokens) and phrase in sectors:
                    found.append((0 if token.i != head.i else 1, sectors[phrase], token))
                    break
            else:
                if lemmas[index] in sectors:
                    found.append((0 if token.i != head.i else 1, sectors[lemmas[index]], token))
        if not found:
            return None, None
        # Modifiers ("police spokesman", "opposition leader") say more than the head noun.
        found.sort(key=lambda item: (item[0], item[2].i))
        return found[0][1], found[0][2]

    def _countries(self, head: Token, tokens: list[Token]) -> list[CountryName]:
        """Countries named in the phrase; coordinated ones ("Hungarian and Romanian") each count.

        A country named by the head itself wins over one in an apposition ("Pakistan, a key US ally").
        """
        own = self.matches.get(head.i)
        if own is not None and own.country is not None and not own.entries:
            return [own.country]
        found: dict[str, CountryName] = {}
        for token in tokens:
            match = self.matches.get(token.i)
            if match is None or match.country is None or match.entries:
                continue
            if token.i > 0 and self.doc[token.i - 1].lower_ == "ethnic":
                continue  # "ethnic Albanians in Serbia" are a group, not Albania
            found.setdefault(match.country.iso3, match.country)
        return list(found.values())

    def _country_actor(self, head: Token, tokens: list[Token], country: CountryName,
                       sector: str | None, sector_token: Token | None) -> Mention:
        if sector is None and country.sector and self._is_country_word(head, country):
            sector = country.sector  # "Beijing said", "the Kremlin"
        code = country.iso3 + (sector or "")
        start = min(t.i for t in tokens if t.dep_ not in ("det", "punct", "case") or t.i == head.i)
        end = max(head.i, max((t.i for t in tokens if t.i <= head.i), default=head.i)) + 1
        if country.kind in ("capital", "seat") and self._is_country_word(head, country):
            why = f"{country.origin}: {country.alias} stands for the {country.iso3} {sector or 'government'}"
        else:
            why = f"{country.origin}: {country.alias} is {country.iso3}" + (f"; sector {sector}" if sector else "")
            if sector_token is not None:
                why += f" from {sector_token.lemma_!r} (actors/sectors.tsv)"
        plural = head.tag_ in ("NNS", "NNPS")
        demonym = country.kind == "demonym" and self._is_country_word(head, country)
        return Mention(start, end, head.i, code, self.kb.country_name(country.iso3), country.iso3, sector,
                       "country" if sector is None else "sector", why, plural=plural, demonym=demonym)

    def _is_country_word(self, head: Token, country: CountryName) -> bool:
        match = self.matches.get(head.i)
        return match is not None and match.country is country

    def _sector_actor(self, head: Token, tokens: list[Token], sector: str) -> Mention:
        lemma = head.lemma_.lower()
        start = min(t.i for t in tokens if t.dep_ not in ("det", "punct", "case") or t.i == head.i)
        end = max(t.i for t in tokens if t.i <= head.i) + 1
        definite = any(t.lower_ == "the" for t in head.children)
        earlier = self.memory.by_head.get(lemma) if definite else None
        if earlier is not None and earlier.country:
            # "the ministry" after "Russia's Defence Ministry" is that ministry, sector and all.
            sector = earlier.sector or sector
            return Mention(start, end, head.i, earlier.country + sector, earlier.name, earlier.country, sector,
                           "sector", f"'the {lemma}' refers back to {self.doc[earlier.start:earlier.end].text!r}",
                           plural=head.tag_ in ("NNS", "NNPS"))
        return Mention(start, end, head.i, None, None, None, sector, "sector",
                       f"{lemma!r} gives the sector {sector} (actors/sectors.tsv); no country named",
                       plural=head.tag_ in ("NNS", "NNPS"))

    # --- references to earlier mentions -------------------------------------------------

    def _pronoun(self, token: Token) -> Mention | None:
        lower = token.lower_
        if lower in SPEAKER_PRONOUNS:
            return self._speaker_of(token)
        before = [m for m in self.found if m.head < token.i and self.doc[m.head].sent == token.sent]
        memory = self.memory
        if lower in PERSON_PRONOUNS:
            pool = [m for m in before if m.kind == "person" or (m.kind == "sector" and not m.plural)]
            # Across sentences, "he" most often continues the last sentence's subject.
            pool = pool or [m for m in memory.people if self.doc[m.head].dep_ in ("nsubj", "nsubjpass")] \
                or memory.people
        elif lower in GROUP_PRONOUNS:
            pool = [m for m in before if m.plural or m.kind in ("group", "pair")] or memory.groups
        else:
            pool = [m for m in before if m.kind in ("country", "organization", "group")
                    or m.kind == "sector" and not m.plural] or memory.things
        pool = [m for m in pool if m.head < token.i]
        if not pool:
            return None
        # A subject is the likelier antecedent: "Blinken will meet Xi before ending his trip".
        subjects = [m for m in pool if self.doc[m.head].dep_ in ("nsubj", "nsubjpass")
                    and self.doc[m.head].sent == token.sent]
        earlier = (subjects or pool)[-1]
        moved = earlier.moved(token.i, token.i + 1, token.i)
        moved.why = f"{token.text!r} refers back to {self.doc[earlier.start:earlier.end].text!r}"
        return moved

    def _speaker_of(self, token: Token) -> Mention | None:
        """"'We are ready to host talks,' Erdogan told reporters": "we" is who speaks the quote."""
        for verb in token.sent:
            if verb.lemma_.lower() in SPEECH and verb.i != token.i:
                for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
                    found = self.at.get(subject.i)
                    if found and subject.lower_ not in SPEAKER_PRONOUNS:
                        moved = found[0].moved(token.i, token.i + 1, token.i)
                        moved.why = f"{token.text!r} speaks in the quote of {self.doc[found[0].start:found[0].end].text!r}"
                        return moved
        return None

    def _pair_reference(self, head: Token, tokens: list[Token]) -> Mention | None:
        lemma = head.lemma_.lower()
        numbered = any(t.lower_ in PAIR_NUMBERS for t in head.children)
        if lemma in self.finder.country_nouns and not numbered and head.tag_ == "NN":
            earlier_countries = [m for m in self.memory.countries if m.head < head.i]
            if any(t.lower_ == "the" for t in head.children) and earlier_countries:
                earlier = earlier_countries[-1]
                moved = earlier.moved(min(t.i for t in tokens), head.i + 1, head.i)
                moved.why = f"'the {lemma}' refers back to {earlier.name}"
                return moved
            return None
        if lemma not in self.finder.pair_nouns or not (numbered or lemma in ("duo", "pair")):
            return None
        pairs = [pair for pair in self.memory.pairs if pair[0] < head.i]
        if not pairs:
            return None
        _, first, second = pairs[-1]
        start = min(t.i for t in tokens)
        names = f"{self.doc[first.start:first.end].text!r} and {self.doc[second.start:second.end].text!r}"
        return Mention(start, head.i + 1, head.i, None, None, None, None, "pair",
                       f"{self.doc[start:head.i + 1].text!r} refers back to {names}",
                       members=(first.moved(start, head.i + 1, head.i), second.moved(start, head.i + 1, head.i)),
                       plural=True)

    # --- memory -------------------------------------------------------------------------

    def _remember(self, mention: Mention) -> None:
        self.found.append(mention)
        memory = self.memory
        if mention.kind == "pair":
            memory.groups.append(mention)
            return
        if mention.kind == "person":
            memory.people.append(mention)
            if mention.name:
                memory.names.setdefault(mention.name, mention)
                memory.names.setdefault(mention.name.split()[-1], mention)
            text = self.doc[mention.start:mention.end].text
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
        for mentions in at.values():
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


def _is_pronoun(token: Token) -> bool:
    """A pronoun that can refer back; "US" in capitals is not "us", and "He" in "Liu He" is a name."""
    if token.lower_ not in PRONOUNS or token.pos_ not in ("PRON", "PROPN") or token.text.isupper():
        return False
    return not (token.ent_type_ == "PERSON" and token.ent_iob_ == "I")


def _names_office(tokens: list[Token], role: str) -> bool:
    """Whether a phrase gives the very office a role names: "Foreign Minister Qin Gang" names Qin's
    office of Foreign Minister; "Vice President Joe Biden" does not name President."""
    if not role:
        return False
    words = [t.lower_ for t in tokens]
    office = role.lower().split()
    for start in range(len(words) - len(office) + 1):
        if words[start:start + len(office)] == office:
            return not (start and words[start - 1] in ("vice", "deputy", "assistant", "under", "acting"))
    return False
