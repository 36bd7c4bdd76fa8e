"""The article's facts read from its lines (pure): the dateline, the date, the source.

A date is read from the lines that state the article's date (date lines, the dateline, a
byline), where they state none from a photo's caption (not a file photo's) or the title; never
from the prose. The source is the dateline's agency, the outlet a lead opens with or the last
paragraph closes with, else a source line's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from briefing.articles import datelines
from briefing.articles.article import Dateline, Fact, Problem
from briefing.articles.dates import read_date, roc_code
from briefing.articles.role import Role
from briefing.util.subtypes import Subtype


def dateline_of(body: list[Role]) -> Dateline | None:
    """The dateline the article's first paragraphs open with (under a pasted page's own lines too)."""
    stamped = [r for r in body if r.role == "meta" and r.text.startswith(_ZH_AGENCIES)][:1]
    for r in [*stamped, *_first_paragraphs(body)]:  # 中新社吉隆坡10月26日電 題：…, on a line of its own
        found = datelines.dateline(r.text)
        if found:
            return Dateline(found.text, found.place, found.agency, found.date, r.line)
    return None


#: Agencies whose dateline stands on a line of its own with the story's title (中新社…電 題：…).
_ZH_AGENCIES = ("中新社", "新华社", "新華社", "中新网", "中新網")


def _first_paragraphs(body: list[Role], count: int = 3) -> list[Role]:
    return [r for r in body if r.role in ("lead", "paragraph")][:count]


#: Roles whose lines state the article's date.
_DATE_ROLES = ("meta", "byline")
#: A caption of a photo taken earlier: its date is not the article's.
_FILE_PHOTO_RE = re.compile(r"file photo|資料照|资料照|資料圖|资料图|資料写真|檔案照|档案照", re.IGNORECASE)


def date_of(
    body: list[Role], dateline: Dateline | None, problems: list[Problem], title: Role | None = None
) -> Fact | None:
    """The article's date from its dateline or its date lines (never from the prose); where
    they state none, from a photo's caption (not a file photo's) or the title."""
    stated = [(r.line, read_date(r.text)) for r in body if r.role in _DATE_ROLES or r.data.get("was_meta")]
    stated += [(r.line, roc_code(r.text)) for r in body if r.role == "editor"]  # （編輯：…）1141105
    whole = [(line, found) for line, found in stated if found is not None and found.date() is not None]
    if title is not None:
        rank = _date_ranks(body, title.line)
        whole.sort(key=lambda pair: rank(pair[0]))
    if not whole:
        last_resort = [r for r in body if r.role == "caption" and not _FILE_PHOTO_RE.search(r.text)]
        for r in [*last_resort, *([title] if title is not None else [])]:
            found = read_date(r.text)
            if found is not None and found.date() is not None:
                whole = [(r.line, found)]
                break
    if dateline is not None and dateline.date and whole:
        day = _DAY_ONLY_RE.match(dateline.date)
        if day:  # 紐約18日: the day of the month the date line states (or of the month before)
            anchor = whole[0][1].date()
            completed = _day_on_or_before(anchor, int(day.group(1))) if anchor is not None else None
            if completed is not None:
                return Fact(completed.isoformat(), dateline.line)
    if dateline is not None and dateline.date:
        found = read_date(dateline.date)
        if found is not None:
            if found.year is not None and found.date() is not None:
                return Fact(found.date().isoformat(), dateline.line)  # type: ignore[union-attr]
            if whole:
                line, other = whole[0]
                anchor = other.date()
                completed = found.date(other.year)
                if anchor is not None and completed is not None:
                    if completed - anchor > dt.timedelta(days=31):  # December's news, January's timestamp
                        completed = found.date((other.year or 1) - 1) or completed
                    return Fact(completed.isoformat(), dateline.line)
            problems.append(
                Problem(
                    Subtype.STRUCTURE, f"the dateline's date {dateline.date!r} has no year in the text", dateline.line
                )
            )
            return None
    if whole:
        line, found = whole[0]
        return Fact(found.date().isoformat(), line)  # type: ignore[union-attr]
    for line, found in stated:
        if found is not None:
            message = "a date line whose date could not be read (no year, or no such day in the calendar or in its era)"
            problems.append(Problem(Subtype.STRUCTURE, message, line))
            break
    return None


_DAY_ONLY_RE = re.compile(r"^([0-9]{1,2})日$")


def _day_on_or_before(anchor: dt.date, day: int) -> dt.date | None:
    """The date with that day of the month nearest on or before ``anchor`` (within a month)."""
    for month_back in (0, 1):
        year, month = anchor.year, anchor.month - month_back
        if month == 0:
            year, month = year - 1, 12
        try:
            found = dt.date(year, month, day)
        except ValueError:
            continue
        if found <= anchor:
            return found
    return None


_TEXT_ROLES = frozenset({"lead", "paragraph", "question", "answer", "heading", "item"})


def _date_ranks(body: list[Role], title: int) -> Callable[[int], int]:
    """Which date line stamps the article, first: one between the title and its text (its stamp);
    the line right above the title, under the page's own first lines; one after the text begins;
    one above the title (the day the page was read, another article's). One pass over the body."""
    text = next((r.line for r in body if r.line > title and r.role in _TEXT_ROLES), None)
    above = [r.line for r in body if r.line < title]
    right_above = above[-1] if len(above) > 1 else None

    def rank(line: int) -> int:
        if title < line and (text is None or line < text):
            return 0
        if line == right_above:
            return 1
        return 2 if line > title else 3

    return rank


def source_of(body: list[Role], dateline: Dateline | None) -> Fact | None:
    """The agency or outlet the text names: the dateline's, else a source footer's."""
    if dateline is not None and dateline.agency:
        return Fact(dateline.agency, dateline.line)
    for r in _first_paragraphs(body):
        opener = datelines.outlet_opener(r.text)
        if opener:
            return Fact(opener, r.line)
    prose = [r for r in body if r.role in ("lead", "paragraph")]
    closing = datelines.outlet_closing(prose[-1].text) if prose else None
    if closing:  # … said the minister. -- Bernama / …と述べた。（共同）
        return Fact(closing, prose[-1].line)
    for r in reversed(body):
        outlet = r.data.get("outlet")
        if isinstance(outlet, str) and outlet:
            return Fact(outlet, r.line)
    return None
