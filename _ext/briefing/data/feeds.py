"""Which feeds the book has, and what each holds: pure data, written as Atom by ``output.feeds``.

One feed for the book (its newest briefings), one per entity (the briefings that
mention it) and one per tag. An entry is a dated briefing: its title, date, source,
the entities and tags it names, and its lead and takeaways as the summary. Undated
briefings have no place in a feed (a reader orders a feed by date); a feed with no
entry is not written. The order is the newest first, ties by page name, so that two
builds of the same book give the same bytes.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from typing import NamedTuple

from briefing.data.records import EntityRecord, TakeawayRecord
from briefing.data.views import BookViews, newest_first

#: Where the feeds are, under the output folder.
FOLDER = "feeds"
BOOK_FEED = f"{FOLDER}/atom.xml"


class FeedEntry(NamedTuple):
    docname: str
    title: str
    date: str  # ISO
    author: str  # the outlet or agency, else the site
    categories: tuple[str, ...]  # the entities' names, then the tags
    summary: str  # the lead, then the takeaways


class Feed(NamedTuple):
    path: str  # under the output folder: feeds/atom.xml, feeds/<kind>/<id>.xml, feeds/tags/<slug>.xml
    title: str
    docname: str  # the page the feed follows ("" for the book: its root)
    key: str  # "book", the entity id, or "tag:<tag>"
    entries: tuple[FeedEntry, ...]


def tag_slug(tag: str) -> str:
    """A tag's file name: its ASCII letters and digits, and a short hash when it has others."""
    folded = unicodedata.normalize("NFKC", tag).lower()
    ascii_part = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:60]
    if folded.isascii() and ascii_part:
        return ascii_part
    digest = hashlib.sha1(tag.encode("utf-8")).hexdigest()[:8]
    return f"{ascii_part}-{digest}" if ascii_part else f"tag-{digest}"


def _name(record: EntityRecord, english: bool) -> str:
    return (record.name_en if english else record.name_ja) or record.name_ja or record.name_en


def _entries(
    views: BookViews, takeaways: Mapping[str, TakeawayRecord], leads: Mapping[str, str], english: bool
) -> dict[str, FeedEntry]:
    """docname -> its entry, for every dated briefing."""
    points: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for tid, point in takeaways.items():
        points[point.docname].append((tid, point.text))
    out = {}
    for doc, rec in views.briefing_of_doc.items():
        if not rec.date:
            continue
        named = sorted(views.doc_entities.get(doc, ()), key=lambda e: (_name(views.entities[e], english), e))
        names = tuple(dict.fromkeys(_name(views.entities[e], english) for e in named))
        bullets = [f"・{text}" for _tid, text in sorted(points[doc], key=lambda p: _number(p[0]))]
        summary = "\n".join(part for part in (leads.get(doc, ""), *bullets) if part)
        out[doc] = FeedEntry(doc, rec.title, rec.date, rec.outlet or rec.site, (*names, *rec.tags), summary)
    return out


def _number(tid: str) -> tuple[int, str]:
    tail = tid.rsplit("-", 1)[-1]
    return (int(tail), tid) if tail.isdigit() else (0, tid)


def _newest(entries: list[FeedEntry], length: int) -> tuple[FeedEntry, ...]:
    return tuple(sorted(entries, key=lambda e: newest_first(e.date, e.docname))[:length])


def book_feeds(
    views: BookViews,
    takeaways: Mapping[str, TakeawayRecord],
    leads: Mapping[str, str],
    *,
    title: str,
    length: int,
    english: bool,
) -> list[Feed]:
    """Every feed of the book, with its entries (the newest ``length`` of each), none empty."""
    entries = _entries(views, takeaways, leads, english)
    feeds = []
    if entries:
        feeds.append(Feed(BOOK_FEED, title, "", "book", _newest(list(entries.values()), length)))
    for eid in sorted(views.entity_docs):
        record = views.entities[eid]
        mine = [entries[doc] for doc in views.entity_docs[eid] if doc in entries]
        if mine:
            path = f"{FOLDER}/{record.kind}/{eid}.xml"
            feeds.append(Feed(path, f"{title}: {_name(record, english)}", record.docname, eid, _newest(mine, length)))
    tagged: dict[str, list[FeedEntry]] = defaultdict(list)
    for entry in entries.values():
        for tag in views.briefing_of_doc[entry.docname].tags:
            tagged[tag].append(entry)
    taken: set[str] = set()
    for tag in sorted(tagged):
        slug = tag_slug(tag)
        if slug in taken:  # G20 and g20 fold to one name: the second keeps its hash
            slug = f"{slug}-{hashlib.sha1(tag.encode('utf-8')).hexdigest()[:8]}"
        taken.add(slug)
        path = f"{FOLDER}/tags/{slug}.xml"
        feeds.append(Feed(path, f"{title}: {tag}", "", f"tag:{tag}", _newest(tagged[tag], length)))
    return feeds
