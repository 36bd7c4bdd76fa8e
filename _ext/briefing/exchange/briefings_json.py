"""``briefings.json``: the book as data, written by every HTML build and read by other books.

Briefings, entities, mentions (with the page anchor and the sentence) and
takeaways, with a ``schema_version``; ``schemas/briefings.schema.json`` is the
contract (checked in tests, and by :mod:`briefing.external` on what it reads).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from sphinx.util import logging

from briefing.readtime.domain import get_domain
from briefing.util.files import atomic_stream, write_atomic

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from briefing.readtime.domain import BriefingDomain

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 2
SCHEMA_PATH = Path(__file__).parent.parent / "schemas" / "briefings.schema.json"
FILENAME = "briefings.json"


@cache
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text("utf-8"))
    return loaded


# --------------------------------------------------------------------------- out


def book_data(domain: BriefingDomain, uri: Any, project: str, language: str | None, base_url: str) -> dict[str, Any]:
    """The JSON document of a book; ``uri(docname)`` gives a page's path from the output root."""
    return {
        "schema_version": SCHEMA_VERSION,
        "project": project,
        "language": language or "",
        "base_url": base_url,
        "briefings": _briefings(domain, uri),
        "entities": [
            {
                "id": eid,
                "kind": ent.kind,
                "name": {"ja": ent.name_ja, "en": ent.name_en},
                "reading": ent.reading,
                "url": uri(ent.docname),
            }
            for eid, ent in sorted(domain.entities.items())
        ],
        "mentions": _mentions(domain, uri),  # the longest list by far: made as it is written
        "takeaways": [
            {
                "id": tid,
                "briefing": tk.briefing,
                "text": tk.text,
                "url": uri(tk.docname) + f"#{tk.anchor}",
                "entities": list(tk.entities),
            }
            for tid, tk in sorted(domain.takeaways.items(), key=lambda kv: _order(kv[0]))
        ],
    }


def _briefings(domain: BriefingDomain, uri: Any) -> list[dict[str, Any]]:
    views = domain.book_views()
    takeaways_of: dict[str, list[str]] = {}
    for tid, tk in domain.takeaways.items():
        takeaways_of.setdefault(tk.docname, []).append(tid)
    briefings = []
    for slug, rec in sorted(domain.briefings.items()):
        source = {k: v for k, v in (("title", rec.source), ("site", rec.site), ("url", rec.url)) if v}
        briefings.append(
            {
                "id": slug,
                "title": rec.title,
                "date": rec.date or None,
                "url": uri(rec.docname) + f"#{rec.anchor}",
                "seed": rec.seed,
                "source": source,
                "language": rec.language or None,
                "tags": list(rec.tags),
                "entities": sorted(views.doc_entities.get(rec.docname, ())),
                "takeaways": sorted(takeaways_of.get(rec.docname, ()), key=_order),
            }
        )
    return briefings


def _mentions(domain: BriefingDomain, uri: Any) -> Iterator[dict[str, Any]]:
    slug_of = {rec.docname: slug for slug, rec in domain.briefings.items()}
    for doc in sorted(domain.mentions):
        if doc in slug_of:
            page = uri(doc)
            for m in domain.mentions[doc]:
                yield {
                    "entity": m.entity,
                    "briefing": slug_of[doc],
                    "url": page + (f"#{m.anchor}" if m.anchor else ""),
                    "anchor": m.anchor,
                    "sentence": m.sentence,
                    "linked": m.linked,
                }


def dump(data: dict[str, Any], stream: TextIO) -> None:
    """``json.dumps(data)`` (one line, no indent) into ``stream``, a list that is a generator an item at a time.

    The same text as ``json.dumps`` of the lists; at 1,000 briefings the mentions
    alone, made and encoded at once, doubled the build's peak memory.
    """
    stream.write("{")
    for i, (key, value) in enumerate(data.items()):
        stream.write(("," if i else "") + _dumps(key) + ":")
        if isinstance(value, Iterator):
            stream.write("[")
            first = True
            while chunk := list(islice(value, 1000)):  # a thousand at a time through the C encoder
                stream.write(("" if first else ",") + _dumps(chunk)[1:-1])
                first = False
            stream.write("]")
        else:
            stream.write(_dumps(value))
    stream.write("}\n")


def _dumps(value: Any) -> str:
    # One line, no indent: json's C encoder (an indent makes it the pure-Python one).
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _order(tid: str) -> tuple[str, int]:
    head, _sep, tail = tid.rpartition("-")
    return (head, int(tail)) if tail.isdigit() else (tid, 0)


def write_json(app: Sphinx, exception: Exception | None) -> None:
    """Write ``briefings.json``, the book as data, at the root of an HTML build."""
    if exception is not None or app.builder.format != "html" or app.builder.name in ("epub", "singlehtml"):
        return
    builder = app.builder

    def uri(docname: str) -> str:
        return builder.get_target_uri(docname)

    domain = get_domain(app.env)
    target = Path(app.outdir) / FILENAME
    # Written again only when the book's data or the header changed since the
    # last time it was written (the stamp is written after the file).
    c = app.config
    settings = (c.project, c.language, c.html_baseurl, c.html_file_suffix, c.html_link_suffix, str(app.outdir))
    key = repr((domain.content_version()[1], *settings))
    stamp = Path(app.doctreedir) / f"briefing-json-{builder.name}.stamp"
    if target.is_file() and stamp.is_file() and stamp.read_text("utf-8") == key:
        return
    data = book_data(domain, uri, app.config.project, app.config.language, app.config.html_baseurl)
    with atomic_stream(target) as stream:
        dump(data, stream)
    write_atomic(stamp, key)


# --------------------------------------------------------------------------- in


def setup_jsonio(app: Sphinx) -> None:
    app.connect("build-finished", write_json)
