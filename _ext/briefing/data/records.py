"""What the domain stores of each briefing, takeaway, entity and mention: plain records.

Shared by the domain (which stores them), the views (which compute from them)
and the directives (which make them), so that none of those imports another
for its types.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class BriefingRecord(NamedTuple):
    docname: str
    anchor: str
    title: str
    date: str  # ISO date or ""
    seed: str
    source: str = ""
    site: str = ""
    url: str = ""
    tags: tuple[str, ...] = ()
    language: str = ""  # of the article, from its metadata ("" when not given)
    lead: str = ""  # the text of its first paragraph (for feeds), set when the page is read
    outlet: str = ""  # the agency or outlet (the text's source line, or the sidecar's source:)


class TakeawayRecord(NamedTuple):
    docname: str
    anchor: str
    text: str
    briefing: str  # the slug of the briefing it belongs to
    entities: tuple[str, ...] = ()  # the entities it mentions


class EntityRecord(NamedTuple):
    docname: str
    anchor: str
    kind: str
    name_ja: str
    name_en: str
    reading: str


class MentionRecord(NamedTuple):
    entity: str
    anchor: str  # id of the paragraph (or section) holding the mention
    sentence: str
    linked: bool


class MentionTable(dict[str, list[MentionRecord]]):
    """docname -> the mentions in that document: pickled as plain tuples.

    A book holds about ninety mentions per briefing, pickled with the
    environment on every build that reads a page and loaded on every build.
    A named tuple pickles through a Python-level ``__reduce__`` each; plain
    tuples do not (BENCHMARKS.md has the measurement).
    """

    def __reduce__(self) -> tuple[Any, ...]:
        return (_mention_table, ({doc: [tuple(r) for r in records] for doc, records in self.items()},))


def _mention_table(plain: dict[str, list[tuple[str, str, str, bool]]]) -> MentionTable:
    new = tuple.__new__
    return MentionTable({doc: [new(MentionRecord, r) for r in records] for doc, records in plain.items()})
