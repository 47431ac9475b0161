"""What the pipeline finds before it becomes an Event: actor and event mentions.

These hold token indices into one Doc; tidings.coder turns them into the
offset-based Event records that leave the pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..actors.kb import Entry


@dataclass(slots=True)
class Mention:
    """An actor as the text names it, resolved to a code.

    start/end: the token span shown as evidence; head: the noun phrase's head token.
    kind: person, organization, group, country, sector or pair.
    why: how the code was found (an entry and a rule), for ``tidings actors resolve``.
    members: for "both sides" and "the duo", the two actors they stand for.
    demonym: the text names the country by an adjective alone ("two Ugandan and three Tanzanian
    activists"), so a sector named with its neighbours may be its too.
    """

    start: int
    end: int
    head: int
    code: str | None
    name: str | None
    country: str | None
    sector: str | None
    kind: str
    why: str
    members: tuple[Mention, ...] = ()
    plural: bool = False
    demonym: bool = False

    @classmethod
    def of_entry(cls, start: int, end: int, head: int, entry: Entry) -> Mention:
        """An organisation or group of the knowledge base, named by the span."""
        return cls(
            start,
            end,
            head,
            entry.code,
            entry.name,
            entry.country,
            entry.sector,
            entry.type,
            f"{entry.origin}: {entry.name}",
        )

    def spread(self) -> list[Mention]:
        """The individual actors: the members of a pair, else the mention itself."""
        return list(self.members) if self.members else [self]

    def moved(self, start: int, end: int, head: int) -> Mention:
        """The same actor, evidenced by another span (a pronoun, a surname)."""
        return replace(self, start=start, end=end, head=head, members=self.members)


@dataclass(slots=True)
class EventMention:
    """An event found in a sentence, before it is expanded into source/target pairs.

    trigger: the token span of the words that express it; anchor: the token whose
    clause carries the event's modality, time and place.
    """

    sentence: int
    trigger: tuple[int, int]
    anchor: int
    cameo: str
    sources: list[Mention]
    targets: list[Mention]
    symmetric: bool = False
    modality: str = "asserted"
    date: str | None = None
    date_precision: str | None = None
    place: object | None = None
    confidence: float = 0.8
    how: str = ""
    inner: EventMention | None = field(default=None, repr=False)
