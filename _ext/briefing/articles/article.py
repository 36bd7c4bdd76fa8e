"""What a seed is understood to hold: an :class:`Article`, plain data.

Every part keeps the 1-based line of the seed it came from, so that messages,
``inspect`` and overrides can point at it.  Nothing here knows about Sphinx,
MyST or files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from briefing.language.scripts import text_language
from briefing.util.subtypes import Subtype


@dataclass(frozen=True)
class Problem:
    """Something wrong with a seed that the reader should hear about."""

    subtype: Subtype  # the warning subtype, e.g. Subtype.ENCODING -> briefing.encoding
    message: str
    line: int | None = None
    level: str = "warning"  # or "info": a doubt where the safe reading was taken
    in_sidecar: bool = False  # about the sidecar (an override of the reading), not the seed


@dataclass(frozen=True)
class Paragraph:
    text: str
    line: int


@dataclass(frozen=True)
class Takeaway:
    text: str
    line: int
    number: int  # 1-based position among the article's takeaways
    marker: str = ""  # a numbering kept with the text ("1.", "①"); "" for a bullet


@dataclass(frozen=True)
class TakeawayList:
    items: tuple[Takeaway, ...]


@dataclass(frozen=True)
class Item:
    """An item of a list that is not the takeaways (steps, participants, numbered points)."""

    text: str
    line: int
    marker: str = ""  # its numbering, kept ("1.", "(a)", "①"); "" for a bullet


@dataclass(frozen=True)
class ItemList:
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Turn:
    """A turn of a Q&A transcript: who speaks (the marker as written) and what they say."""

    role: str  # "question" or "answer"
    marker: str  # "問：", "Q:", "答：" …
    text: str
    line: int
    speaker: str = ""  # a transcript's speaker as labelled (彭博社记者, Mao Ning); "" for 問：/答：


@dataclass(frozen=True)
class Field:
    key: str
    value: str
    line: int


@dataclass(frozen=True)
class Fields:
    """A key–value block (日時：…, 場所：…): a definition list."""

    items: tuple[Field, ...]


#: The roles of a line that is kept as a paragraph of its own kind (see :class:`Note`).
NOTE_ROLES = ("byline", "meta", "caption", "separator", "footnote", "editor", "source", "furniture", "label", "tags")
#: The roles of lines that name no actor of the article: the page's, the outlet's, the writer's.
UNMENTIONED_ROLES = frozenset({"byline", "meta", "editor", "source", "furniture", "label", "tags"})


@dataclass(frozen=True)
class Note:
    """A line that is not prose: a byline, a timestamp, a caption, a separator, a footnote,
    an editor's line, a one-line source footer, or what the web page put around the article
    (furniture, a section label, a tag line) (``role``)."""

    role: str
    text: str
    line: int


Block = Paragraph | TakeawayList | ItemList | Turn | Fields | Note


@dataclass(frozen=True)
class Section:
    heading: str | None  # None for the text before the first heading
    line: int
    blocks: tuple[Block, ...]
    level: int = 1  # 1: a section of the article; 2 and 3: nested in the one before
    takeaway: Takeaway | None = None  # the heading is a takeaway (a sentence announced them, headings followed)


@dataclass(frozen=True)
class Reference:
    title: str
    line: int
    site: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class StructureOverrides:
    """The sidecar's ``structure:``: how an analyst corrects the reading of a seed, by line text.

    ``headings`` / ``not_headings``: lines that are, or are not, headings; ``lead``: the
    line that is the lead; ``takeaways``: lines (headings or introductions) whose list is
    the takeaways; ``title``: the line that is the title (the lines above it are the
    page's).  Matched by the line's text (whitespace folded), so that an edit to the
    seed never shifts them silently: one that matches no line is a warning.
    """

    headings: tuple[str, ...] = ()
    not_headings: tuple[str, ...] = ()
    lead: str | None = None
    takeaways: tuple[str, ...] = ()
    title: str | None = None

    def __bool__(self) -> bool:
        return bool(self.headings or self.not_headings or self.lead is not None or self.takeaways or self.title)


@dataclass(frozen=True)
class Metadata:
    """Optional facts about a seed, from front matter or a sidecar file."""

    date: dt.date | None = None
    url: str | None = None
    language: str | None = None
    tags: tuple[str, ...] = ()
    slug: str | None = None
    source: str | None = None  # the agency or outlet, when the text does not name it (or names it wrongly)
    structure: StructureOverrides = StructureOverrides()


@dataclass(frozen=True)
class Fact:
    """A fact read from the text: its value and the line it was read from."""

    value: str
    line: int


@dataclass(frozen=True)
class Dateline:
    """``BEIJING, March 5 (Xinhua) --``, ``【北京共同】``, ``新华社北京11月18日电``."""

    text: str  # the dateline as written
    place: str
    agency: str
    date: str  # as written ("March 5", "11月18日"), or ""
    line: int


@dataclass(frozen=True)
class LineRole:
    """What one line of the seed was taken for, and why (``python -m briefing inspect``)."""

    line: int
    role: str
    reason: str
    text: str


@dataclass(frozen=True)
class Article:
    title: str
    title_line: int
    lead: Paragraph | None
    sections: tuple[Section, ...]
    references: tuple[Reference, ...]
    metadata: Metadata = Metadata()
    problems: tuple[Problem, ...] = ()
    roles: tuple[LineRole, ...] = ()
    preamble: tuple[Block, ...] = ()  # what stands between the title and the lead (a date, a byline, fields)
    dateline: Dateline | None = None
    date_fact: Fact | None = None  # the date read from the text (ISO), when the metadata has none
    source_fact: Fact | None = None  # the agency or outlet the text names
    date_origin: str = ""  # where the date came from: "sidecar", "front matter", "text" or ""
    source_origin: str = ""  # likewise for the source (the agency or outlet)

    @property
    def takeaways(self) -> tuple[Takeaway, ...]:
        found = [item for block in self.preamble if isinstance(block, TakeawayList) for item in block.items]
        for section in self.sections:
            if section.takeaway is not None:
                found.append(section.takeaway)
            found += [item for block in section.blocks if isinstance(block, TakeawayList) for item in block.items]
        return tuple(found)

    @property
    def language(self) -> str:
        """The article's language: the sidecar's or front matter's, else read from its scripts."""
        if self.metadata.language:
            return self.metadata.language.split("-")[0].split("_")[0].lower()
        sample = "\n".join([self.title, *(p.text for p in self.paragraphs[:20])])
        return text_language(sample)

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(block for section in self.sections for block in section.blocks if isinstance(block, Paragraph))

    @property
    def date(self) -> dt.date | None:
        """The article's date: the metadata's, else the one read from the text."""
        if self.metadata.date:
            return self.metadata.date
        return dt.date.fromisoformat(self.date_fact.value) if self.date_fact else None

    def line_of(self, fragment: str) -> int:
        """The line of the seed that holds ``fragment`` (words of one line: no line break in
        it), else the title's line."""
        words = " ".join(fragment.split())
        return next((r.line for r in self.roles if words in " ".join(r.text.split())), self.title_line)
