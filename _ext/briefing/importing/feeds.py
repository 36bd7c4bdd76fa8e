"""A feed's entries as articles, read with feedparser (pure).

Atom, RSS 2.0 and RDF (RSS 1.0) alike: an entry with its full content (Atom
``content``, RSS ``content:encoded``) gives an article of that content; an entry
with only a summary gives one holding the summary and its link, marked so.  A
feed that declares XML entities is refused before any parser sees it (no feed
needs them, and they are how an entity bomb grows a few kilobytes into gigabytes).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from typing import Any

import feedparser

from briefing.articles.metadata import safe_url
from briefing.importing.extract import Block, Extracted, clean, fragment_lines, parse_html, tags_of
from briefing.importing.inputs import Refused

#: Most entries read from one feed.
MAX_ENTRIES = 2_000
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_MARKUP = re.compile(r"<[A-Za-z!/]")


def read_feed(data: bytes) -> tuple[list[Extracted], list[str]]:
    """The articles of a feed's entries, and a message for each entry that gave none."""
    if _ENTITY_DECLARATION.search(data):
        raise Refused("it declares XML entities (<!ENTITY>), which no feed needs; not read")
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise Refused(f"not a feed feedparser can read{f': {problem}' if problem else ''}")
    feed = parsed.feed
    source = clean(_text(feed.get("title", ""), feed.get("title_detail"))) or None
    language = feed.get("language")
    articles, skipped = [], []
    for number, entry in enumerate(parsed.entries[:MAX_ENTRIES], start=1):
        try:
            articles.append(_article(entry, source, language))
        except Refused as err:
            skipped.append(f"entry {number}: {err}")
    if len(parsed.entries) > MAX_ENTRIES:
        skipped.append(f"entries after the first {MAX_ENTRIES:,} were not read")
    return articles, skipped


def _article(entry: Any, source: str | None, language: str | None) -> Extracted:
    link = safe_url(entry.get("link"))
    contents = [c for c in entry.get("content", []) if clean(c.get("value", ""))]
    summary: dict[str, Any] = entry.get("summary_detail") or {}
    full = max(contents, key=lambda c: len(c.get("value", "")), default=None)
    summary_only = full is None or len(full.get("value", "")) <= len(summary.get("value", ""))
    chosen: dict[str, Any] = summary if summary_only or full is None else full
    blocks = fragment_blocks(chosen.get("value", ""), chosen.get("type", "text/html"))
    title = clean(_text(entry.get("title", ""), entry.get("title_detail")))
    if not title and blocks:
        title, blocks = blocks[0].text, blocks[1:]
    if not title:
        raise Refused("no title and no text")
    if summary_only:
        if not blocks and link is None:
            raise Refused(f"{title!r}: no text and no link")
        blocks = [*blocks, *([Block("paragraph", link)] if link else [])]
    entry_source = entry.get("source", {}).get("title") if isinstance(entry.get("source"), dict) else None
    return Extracted(
        title=title,
        blocks=tuple(blocks),
        date=_date(entry),
        url=link,
        source=clean(entry_source or "") or source,
        language=chosen.get("language") or language,
        tags=tags_of([t.get("term") or t.get("label") or "" for t in entry.get("tags", [])]),
        summary_only=summary_only,
    )


def _text(value: str, detail: Any) -> str:
    """A title as text: feedparser leaves markup and character references in one whose type is HTML."""
    if detail and detail.get("type") in _HTML_TYPES and ("<" in value or "&" in value):
        return "".join(parse_html(f"<p>{value}</p>").itertext())
    return value


def fragment_blocks(value: str, kind: str) -> list[Block]:
    """The lines of an entry's content or summary: HTML through trafilatura, text by its lines."""
    if kind in _HTML_TYPES and _MARKUP.search(value):
        blocks, value = fragment_lines(value)
        if blocks:
            return blocks
    return [Block("paragraph", line) for line in map(clean, re.split(r"\n\s*\n|\n", value)) if line]


def _date(entry: Any) -> dt.date | None:
    """The entry's date in its own time zone (feedparser's parsed times are UTC: a Tokyo
    morning would fall on the day before)."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        try:
            return email.utils.parsedate_to_datetime(raw).date()
        except (TypeError, ValueError, IndexError):
            pass
        try:
            return dt.datetime.fromisoformat(raw.strip()).date()
        except ValueError:
            pass
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None
