"""The seed parser: plain article text in, an :class:`~briefing.articles.article.Article` out (pure).

Every line gets a role (:mod:`briefing.recognise`); the roles are then built
into the article: the title, a preamble (a date, a byline under the title),
the lead, sections with levels, paragraphs, lists (the takeaways among them),
Q&A turns, fields, notes (captions, footnotes, editors' lines, source
footers) and the references footer.  The article's date and source are read
from the lines that state them (:mod:`briefing.facts`) when the metadata does
not give them.  Every character of the seed reaches the article, in order.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from typing import Any

from briefing.articles import cues
from briefing.articles.article import (
    NOTE_ROLES,
    Article,
    Block,
    Fact,
    Field,
    Fields,
    Item,
    ItemList,
    LineRole,
    Metadata,
    Note,
    Paragraph,
    Problem,
    Reference,
    Section,
    Takeaway,
    TakeawayList,
    Turn,
)
from briefing.articles.facts import date_of, dateline_of, source_of
from briefing.articles.metadata import merge_metadata, parse_metadata, split_front_matter
from briefing.articles.recognise import recognise
from briefing.articles.role import Role
from briefing.util.subtypes import Subtype

__all__ = ["parse_seed", "seed_lines"]

_SITE_RE = re.compile(r"^(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/?$")
_URL_LINE_RE = re.compile(r"^https?://\S+$")

#: Controls that separate words (Word's manual line break is \v): each becomes a space.
_WHITESPACE_CONTROLS_RE = re.compile("[\t\v\f\x1c\x1d\x1e\x1f\x85\u2028\u2029]")


def _clean(line: str) -> str:
    """One line as the page should hold it: no tabs or control characters, no edge spaces.

    Only what no page can hold goes: control characters (category Cc: no HTML, XML or TeX
    takes them) and lone surrogates (Cs: not text in any encoding).  Private-use characters
    (a publisher's gaiji), characters newer than Python's Unicode tables (CJK Extension H,
    new emoji) and format characters (ZWJ and ZWNJ, bidi marks, emoji tags) stay: the PDF
    reports the ones its font cannot print (``briefing.glyph``).
    """
    line = _WHITESPACE_CONTROLS_RE.sub(" ", line)
    if not line.isprintable():  # else no character of category C (most lines: no loop)
        line = "".join(ch for ch in line if unicodedata.category(ch) not in ("Cc", "Cs"))
    return line.strip(" \u3000\u00a0\ufeff")


def seed_lines(text: str) -> list[str]:
    """The lines of a seed as the book numbers them: split at line feeds, carriage returns and
    CR LF only.  Vertical tab, form feed, NEL and U+2028 are in a line (they become spaces),
    so every message about a line names the line an editor shows."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _parse_references(lines: list[tuple[int, str]]) -> tuple[Reference, ...]:
    refs: list[Reference] = []
    current: dict[str, Any] | None = None

    def close() -> None:
        nonlocal current
        if current is not None:
            refs.append(Reference(**current))
            current = None

    for lineno, text in lines:
        if _URL_LINE_RE.match(text):
            if current is None or current.get("url"):
                close()
                current = {"title": text, "line": lineno}
            current["url"] = text
        elif _SITE_RE.match(text) and current is not None and not current.get("site"):
            current["site"] = text.rstrip("/")
        else:
            close()
            current = {"title": text, "line": lineno}
    close()
    return tuple(refs)


def parse_seed(text: str, *, metadata: Metadata | None = None) -> Article:
    """Parse a seed's text into an :class:`Article`.

    ``metadata`` (from a sidecar file) is merged over any front matter the seed
    holds: a key in the sidecar wins, since the sidecar is where an analyst adds
    facts without touching the delivered text.  Never raises on any text; an
    empty text gives an article with an empty title and a ``empty`` problem.
    """
    problems: list[Problem] = []
    raw_lines = seed_lines(text)
    raw_meta, skip, meta_problems = split_front_matter(raw_lines)
    problems.extend(meta_problems)
    front, front_problems = parse_metadata(raw_meta, line=1)
    problems.extend(front_problems)
    meta = merge_metadata(front, metadata)

    lines = [(i + 1, _clean(raw)) for i, raw in enumerate(raw_lines) if i >= skip]
    lines = [(n, t) for n, t in lines if t]
    if not lines:
        return Article(
            "", 1, None, (), (), meta, (*problems, Problem(Subtype.EMPTY, "the seed holds no text; no page made"))
        )

    roles, unmatched = recognise(lines, meta.structure)
    problems += [Problem(Subtype.STRUCTURE, message, in_sidecar=True) for message in unmatched]
    title = next(r for r in roles if r.role == "title")
    references = _parse_references([(r.line, r.text) for r in roles if r.role == "reference"])
    body = [r for r in roles if r is not title and r.role not in ("references", "reference")]
    if not body:
        problems.append(Problem(Subtype.STRUCTURE, "the seed holds only a title", title.line))
    preamble, lead, at = _preamble_and_lead(body)
    sections = _sections(body[at:], problems, body[at - 1] if at else None)
    if any(isinstance(b, TakeawayList) for b in preamble):  # summary bullets above the lead come first
        whole = _numbered([Section(None, 0, preamble), *sections], always=True)
        preamble, sections = whole[0].blocks, tuple(whole[1:])
    dateline = dateline_of(body)
    date_fact = date_of(body, dateline, problems, title) if meta.date is None else None
    source_fact = source_of(body, dateline)
    line_roles = tuple(LineRole(r.line, r.role, r.reason, r.text) for r in roles)
    date_origin = _origin(metadata and metadata.date, front.date, date_fact)
    source_origin = _origin(metadata and metadata.source, front.source, source_fact)
    for r in roles:
        doubt = r.data.get("doubt")
        if isinstance(doubt, str):
            problems.append(Problem(Subtype.STRUCTURE, f"line {r.line}: {doubt}", r.line, level="info"))
    return Article(
        title.text,
        title.line,
        lead,
        sections,
        references,
        meta,
        tuple(problems),
        roles=line_roles,
        preamble=preamble,
        dateline=dateline,
        date_fact=date_fact,
        source_fact=source_fact,
        date_origin=date_origin,
        source_origin=source_origin,
    )


def _preamble_and_lead(body: list[Role]) -> tuple[tuple[Block, ...], Paragraph | None, int]:
    """What stands before the lead (a date, a byline, a block of fields: it stays before it),
    the lead, and where the body after it starts."""
    lead_at = next((i for i, r in enumerate(body) if r.role == "lead"), None)
    if lead_at is None:
        return (), None, 0
    before = _sections(body[:lead_at], [])
    preamble = before[0].blocks if before else ()
    return preamble, Paragraph(body[lead_at].text, body[lead_at].line), lead_at + 1


def _origin(sidecar: object, front: object, read: Fact | None) -> str:
    """Where a fact came from: the sidecar wins over the front matter, both over the text."""
    if sidecar:
        return "sidecar"
    if front:
        return "front matter"
    return "text" if read is not None else ""


# --------------------------------------------------------------------------- building


#: The roles of one section as read: its heading, then blocks (a run of items is a list of roles).
_Grouped = list[tuple[Role | None, list[Block | list[Role]]]]


def _sections(body: list[Role], problems: list[Problem], lead: Role | None = None) -> tuple[Section, ...]:
    """The roles after the lead, as sections of blocks; lists marked as takeaways where they are
    (a list right under the lead is the takeaways the lead names: …聲明要點如下：)."""
    sections = _grouped(body)
    points = [
        heading is not None and (bool(heading.data.get("points")) or cues.names_points(heading.text))
        for heading, _blocks in sections
    ]
    excluded = [_not_points(heading) for heading, _blocks in sections]
    points = [pointed and not no for pointed, no in zip(points, excluded, strict=True)]
    introduced = _introduced(sections, body, lead)
    out = _headings_as_takeaways(_built(sections, points, introduced, excluded))
    _check_sections(out, sections, points, problems)
    return tuple(out)


def _grouped(body: list[Role]) -> _Grouped:
    """The roles in sections (a heading starts one), as blocks; items of one style in a row are one list."""
    sections: _Grouped = [(None, [])]
    for r in body:
        blocks = sections[-1][1]
        if r.role == "heading":
            sections.append((r, []))
        elif r.role == "item":
            if blocks and isinstance(blocks[-1], list) and blocks[-1][-1].style == r.style:
                blocks[-1].append(r)
            else:
                blocks.append([r])
        elif r.role == "field":
            pair = r.data["field"]
            assert isinstance(pair, tuple)
            item = Field(str(pair[0]), str(pair[1]), r.line)
            if blocks and isinstance(blocks[-1], Fields):
                blocks[-1] = Fields((*blocks[-1].items, item))
            else:
                blocks.append(Fields((item,)))
        elif r.role in ("question", "answer"):
            blocks.append(Turn(r.role, r.marker, r.body, r.line, str(r.data.get("speaker", ""))))
        elif r.role in NOTE_ROLES:
            blocks.append(Note(r.role, r.text, r.line))
        else:  # paragraph (and a second "lead" cannot happen)
            blocks.append(Paragraph(r.text, r.line))
    return sections


def _introduced(sections: _Grouped, body: list[Role], lead: Role | None = None) -> dict[int, bool]:
    """For each list (by id), whether the paragraph right before it (the lead, for a list that
    opens the body) names points (``Key takeaways:``) or the sidecar says it does."""
    by_line = {r.line: r for r in body}
    if lead is not None:
        by_line[lead.line] = lead
    opener = Paragraph(lead.text, lead.line) if lead is not None else None

    def introduces_points(block: object) -> bool:
        if not isinstance(block, Paragraph):
            return False
        role = by_line.get(block.line)
        named = block.text.endswith((":", "：")) and cues.names_points(block.text)
        return named or bool(role is not None and role.data.get("points"))

    return {
        id(block): introduces_points(blocks[k - 1] if k else (opener if heading is None and s == 0 else None))
        for s, (heading, blocks) in enumerate(sections)
        for k, block in enumerate(blocks)
        if isinstance(block, list)
    }


def _built(sections: _Grouped, points: list[bool], introduced: dict[int, bool], excluded: list[bool]) -> list[Section]:
    """The sections with their lists built: takeaways under a points heading or after a line that
    names points (in an article without either, every bullet list), numbered across the article."""
    any_points = any(points) or any(introduced.values())
    number = 0
    out: list[Section] = []
    for (heading, blocks), pointed, no in zip(sections, points, excluded, strict=True):
        built: list[Block] = []
        for block in blocks:
            if not isinstance(block, list):
                built.append(block)
                continue
            is_takeaways = (pointed or introduced[id(block)]) if any_points else block[0].style == "bullet"
            is_takeaways = is_takeaways and not no
            if is_takeaways:
                items = []
                for r in block:
                    number += 1
                    items.append(Takeaway(r.body, r.line, number, "" if r.style == "bullet" else r.marker))
                built.append(TakeawayList(tuple(items)))
            else:
                kept = tuple(Item(r.body, r.line, "" if r.style == "bullet" else r.marker) for r in block)
                built.append(ItemList(kept))
        if heading is None:
            if built:
                out.append(Section(None, _first_line(built[0]), tuple(built)))
            continue
        out.append(Section(heading.text, heading.line, tuple(built), heading.level))
    return out


def _not_points(heading: Role | None) -> bool:
    return heading is not None and cues.names_no_points(heading.text)


def _headings_as_takeaways(out: list[Section]) -> list[Section]:
    """Where a sentence announces the takeaways (``Here are the key takeaways:``) and headings
    follow instead of a list, those headings (of the first one's level, until a shallower one)
    are the takeaways; numbered with the article's others, in order. One pass: the levels being
    taken are carried along (at most three), not looked for again from every announcement."""
    taking: set[int] = set()
    for k, section in enumerate(out):
        if section.heading is None:
            taking.clear()
        else:
            taking = {level for level in taking if section.level >= level}
            if section.level in taking:
                out[k] = replace(section, takeaway=Takeaway(section.heading, section.line, 0, ""))
        last = section.blocks[-1] if section.blocks else None
        if not (isinstance(last, Paragraph) and cues.announces_points(last.text)):
            continue
        following = out[k + 1] if k + 1 < len(out) else None
        if following is None or following.heading is None or any(isinstance(b, TakeawayList) for b in section.blocks):
            continue
        taking.add(following.level)
    return _numbered(out)


def _numbered(out: list[Section], always: bool = False) -> list[Section]:
    """Takeaways numbered 1, 2, … in the article's order, from headings and lists alike (lists
    alone are numbered as they are built; ``always``: number them again, across all)."""
    if not always and not any(s.takeaway is not None for s in out):
        return out
    number = 0
    renumbered: list[Section] = []
    for section in out:
        takeaway = section.takeaway
        if takeaway is not None:
            number += 1
            takeaway = replace(takeaway, number=number)
        blocks: list[Block] = []
        for block in section.blocks:
            if isinstance(block, TakeawayList):
                items = []
                for item in block.items:
                    number += 1
                    items.append(replace(item, number=number))
                block = TakeawayList(tuple(items))
            blocks.append(block)
        renumbered.append(replace(section, blocks=tuple(blocks), takeaway=takeaway))
    return renumbered


def _first_line(block: Block) -> int:
    if isinstance(block, TakeawayList | ItemList | Fields):
        return block.items[0].line
    return block.line


def _check_sections(
    out: list[Section], sections: list[tuple[Role | None, list[Any]]], points: list[bool], problems: list[Problem]
) -> None:
    for k, section in enumerate(out):
        if section.heading is None:
            continue
        following = out[k + 1] if k + 1 < len(out) else None
        nested = following is not None and following.heading is not None and following.level > section.level
        if not section.blocks and not nested:
            message = f"the heading {section.heading!r} has nothing under it"
            problems.append(Problem(Subtype.STRUCTURE, message, section.line))
    for (heading, blocks), pointed in zip(sections, points, strict=True):
        if pointed and heading is not None and not any(isinstance(b, list) for b in blocks):
            problems.append(
                Problem(Subtype.STRUCTURE, f"{heading.text!r} announces points, but no list follows it", heading.line)
            )
