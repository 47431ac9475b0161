"""How one noun phrase resolves: a known person, a person the text describes, an organisation,
a country with a sector, or a sector alone.

``PhraseResolver`` is a part of ``tidings.actors.component.Resolver``: its methods use the resolver's
``doc``, ``kb``, ``day``, ``matches``, ``person_tokens``, ``skip``, ``memory`` and ``finder``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from ..parse.mentions import Mention
from ..places.gazetteer import default_gazetteer
from .kb import CountryName, Entry

# A capitalised common noun before a group's head is read as its city only from this size.
BIG_TOWN = 200_000
# Parts of a noun phrase that still describe the same actor.
MODIFIERS = {
    "compound",
    "amod",
    "poss",
    "nmod",
    "det",
    "nummod",
    "quantmod",
    "flat",
    "case",
    "appos",
    "nn",
    "punct",
}
# Offices of the state: someone who held one and left it is coded as an elite (ELI).
STATE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY"}


@dataclass(slots=True)
class Match:
    """A knowledge-base name found in the text."""

    start: int
    end: int
    alias: str
    country: CountryName | None
    entries: list[Entry] | None


class PhraseResolver:
    """Resolving the evidence inside one noun phrase."""

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
            stack.extend(
                child for child in token.children if child.dep_ in MODIFIERS or child.dep_ in ("conj", "cc")
            )
            if token.dep_ == "appos":
                # "Dagalo, the commander of the Rapid Support Forces"
                stack.extend(
                    grand
                    for child in token.children
                    if child.dep_ == "prep" and child.lower_ in ("of", "for")
                    for grand in child.children
                    if grand.dep_ == "pobj"
                )
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
            # A known name that holds the head is the head's, whatever the parser made of its first
            # word ("Barack" read as a preposition at the start of a sentence).
            if not (
                match.start <= head.i < match.end or all(i in inside for i in range(match.start, match.end))
            ):
                continue
            resolved = self.kb.entry_for(match.alias, self.day)
            if resolved is None:
                continue
            entry, status = resolved
            (people if entry.type == "person" else organizations).append((match, entry, status))
        if people:
            # The name nearest the head: "Xi" hung off "Biden" must not become Biden's name.
            match, entry, status = min(
                people, key=lambda p: (not (p[0].start <= head.i < p[0].end), abs(p[0].start - head.i))
            )
            mention = self._person_from_entry(match, entry, status)
            same_office = names_office(tokens, entry.role)
            if status != "current" and not same_office:
                # "Vice President Joe Biden" in 2014, "Norwegian Finance Minister Jens Stoltenberg" in
                # 2026: a title for another office than the one the knowledge base knows beats it;
                # the old title after the term ended is a reference back, and stays "former".
                titled = self._titled(
                    head, [t for t in tokens if not match.start <= t.i < match.end], mention
                )
                if titled is not None:
                    return titled
            return mention
        unknown = self._unknown_person(head, tokens)
        if unknown is not None:
            return unknown
        if organizations:
            match, entry, _ = organizations[0]
            return Mention.of_entry(match.start, match.end, self._root_of(match.start, match.end), entry)
        return None

    def _titled(self, head: Token, rest: list[Token], mention: Mention) -> Mention | None:
        sector, token = self._sector(head, rest)
        if sector is None:
            return None
        countries = self._countries(head, rest)
        country = countries[0].iso3 if countries else (mention.country if mention.sector != "IGO" else None)
        if country is None:
            return None
        return replace(
            mention,
            code=country + sector,
            country=country,
            sector=sector,
            why=f"{mention.why}; the story calls them {token.text!r}: {country}{sector}",
        )

    def _person_from_entry(self, match: Match, entry: Entry, status: str) -> Mention:
        head = self._root_of(match.start, match.end)
        day = self.day.isoformat() if self.day else "an unknown date"
        if status == "current":
            code, sector, why = (
                entry.code,
                entry.sector,
                f"{entry.origin}: {entry.role or entry.code} on {day}",
            )
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
                ent = self.doc[ent.start : head.i + 1]  # "Maria Corina" + "Machado"
        elif head.pos_ == "PROPN" and any(c.dep_ == "appos" for c in head.children):
            # A name the tagger missed, known by its apposition: its compound words and itself.
            start = min([c.i for c in head.children if c.dep_ in ("compound", "flat")] + [head.i])
            ent = self.doc[start : head.i + 1]
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
            mention = Mention(
                ent.start,
                ent.end,
                ent.root.i,
                organization.code,
                text,
                organization.country,
                organization.sector,
                "person",
                f"a person not in the knowledge base, speaking for {organization.name} "
                f"({organization.origin})",
            )
            self.memory.names[text] = mention
            self.memory.names.setdefault(ent[-1].text, mention)
            return mention
        sector, _ = self._sector(head, rest)
        if sector in STATE_SECTORS and any(t.lower_ in ("former", "ex") for t in rest):
            sector = "ELI"  # "former President Ahmed Ben Bella": no longer the state, as for the KB's people
        countries = self._countries(head, rest)
        country = countries[0].iso3 if countries else None
        code = (country or "") + (sector or "") or None
        evidence = (
            ", ".join(dict.fromkeys(t.text for t in rest if t.pos_ in ("PROPN", "NOUN", "ADJ"))) or "nothing"
        )
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
        # Phrases are listed by their lemmas ("prison guard"), whatever the head's own entry.
        phrase_lemmas = [t.lemma_.lower() for t in tokens]
        for index, token in enumerate(tokens):
            if token.i in self.person_tokens or token.i in self.matches:
                continue  # "People" in "the People's Republic of China" is part of a name
            for width in (3, 2):
                if index + width > len(tokens):
                    continue
                phrases = (
                    " ".join(lemmas[index : index + width]),
                    " ".join(phrase_lemmas[index : index + width]),
                )
                phrase = next((p for p in phrases if p in sectors), None)
                if phrase is not None:
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

    def _country_actor(
        self,
        head: Token,
        tokens: list[Token],
        country: CountryName,
        sector: str | None,
        sector_token: Token | None,
    ) -> Mention:
        if sector is None and country.sector and self._is_country_word(head, country):
            sector = country.sector  # "Beijing said", "the Kremlin"
        code = country.iso3 + (sector or "")
        start = min(t.i for t in tokens if t.dep_ not in ("det", "punct", "case") or t.i == head.i)
        end = max(head.i, max((t.i for t in tokens if t.i <= head.i), default=head.i)) + 1
        if country.kind in ("capital", "seat") and self._is_country_word(head, country):
            why = f"{country.origin}: {country.alias} stands for the {country.iso3} {sector or 'government'}"
        else:
            why = f"{country.origin}: {country.alias} is {country.iso3}" + (
                f"; sector {sector}" if sector else ""
            )
            if sector_token is not None:
                why += f" from {sector_token.lemma_!r} (actors/sectors.tsv)"
        plural = head.tag_ in ("NNS", "NNPS")
        demonym = country.kind == "demonym" and self._is_country_word(head, country)
        return Mention(
            start,
            end,
            head.i,
            code,
            self.kb.country_name(country.iso3),
            country.iso3,
            sector,
            "country" if sector is None else "sector",
            why,
            plural=plural,
            demonym=demonym,
        )

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
            return Mention(
                start,
                end,
                head.i,
                earlier.country + sector,
                earlier.name,
                earlier.country,
                sector,
                "sector",
                f"'the {lemma}' refers back to {self.doc[earlier.start:earlier.end].text!r}",
                plural=head.tag_ in ("NNS", "NNPS"),
            )
        # ("their" is left alone: which of several groups it means is too often unclear)
        owner = next((c for c in head.children if c.dep_ == "poss" and c.lower_ == "its"), None)
        referent = self._pronoun(owner) if owner is not None else None
        if referent is not None and referent.country:
            # "Pakistan urged its citizens to leave Iraq": Pakistan's citizens, not Iraq's.
            return Mention(
                start,
                end,
                head.i,
                referent.country + sector,
                None,
                referent.country,
                sector,
                "sector",
                f"{owner.text!r} refers back to {self.doc[referent.start : referent.end].text!r}",
                plural=head.tag_ in ("NNS", "NNPS"),
            )
        town = self._town_in(head, tokens)
        if town is not None:
            # "Lagos police", "Kharkiv residents": a city or region names the country they are of.
            name, country = town
            return Mention(
                start,
                end,
                head.i,
                country + sector,
                None,
                country,
                sector,
                "sector",
                f"{lemma!r} gives the sector {sector} (actors/sectors.tsv); {name!r} is in {country}",
                plural=head.tag_ in ("NNS", "NNPS"),
            )
        return Mention(
            start,
            end,
            head.i,
            None,
            None,
            None,
            sector,
            "sector",
            f"{lemma!r} gives the sector {sector} (actors/sectors.tsv); no country named",
            plural=head.tag_ in ("NNS", "NNPS"),
        )

    def _town_in(self, head: Token, tokens: list[Token]) -> tuple[str, str] | None:
        """A city or region the phrase names before its head ("Lagos police"), and its country."""
        for token in tokens:
            # (the small tagger calls some cities organisations: "Kharkiv residents")
            placename = token.ent_type_ in ("GPE", "LOC") or (
                token.pos_ == "PROPN" and token.ent_type_ != "PERSON"
            )
            # ... and a common noun at the start of a sentence ("Kharkiv residents protested"):
            # then only a big city, since small towns share names with words ("Police", Poland).
            capitalised = token.is_title and token.pos_ == "NOUN" and not token.ent_type_
            if token.i < head.i and (placename or capitalised) and token.dep_ in ("compound", "poss"):
                ent = self._ent_of(token)
                found = default_gazetteer().lookup(ent.text if ent is not None else token.text)
                if capitalised and not placename and (found is None or found.population < BIG_TOWN):
                    continue
                if found is not None and found.kind != "country" and found.country:
                    return found.name, found.country
        return None

    # --- references to earlier mentions -------------------------------------------------


def names_office(tokens: list[Token], role: str) -> bool:
    """Whether a phrase gives the very office a role names: "Foreign Minister Qin Gang" names Qin's
    office of Foreign Minister; "Vice President Joe Biden" does not name President."""
    if not role:
        return False
    words = [t.lower_ for t in tokens]
    office = role.lower().split()
    for start in range(len(words) - len(office) + 1):
        if words[start : start + len(office)] == office:
            return not (start and words[start - 1] in ("vice", "deputy", "assistant", "under", "acting"))
    return False
