"""``briefings.json``: the book as data, written by every HTML build and read by other books.

Out: briefings, entities, mentions (with the page anchor and the sentence) and
takeaways, with a ``schema_version``; ``schemas/briefings.schema.json`` is the
contract (checked in tests).  In: ``briefing_external_books`` names other
books' files; their entities become targets of the roles here, and an entity
page also lists where those books mention it.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Iterator
from functools import cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from docutils import nodes
from sphinx.util import logging

from .domain import get_domain

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .domain import BriefingDomain

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 1
SCHEMA_PATH = Path(__file__).parent / "schemas" / "briefings.schema.json"
FILENAME = "briefings.json"


class ExternalEntity(NamedTuple):
    book: str
    kind: str
    name_ja: str
    name_en: str
    url: str


class ExternalMention(NamedTuple):
    book: str
    briefing: str  # its title
    date: str
    url: str
    sentence: str


@cache
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text("utf-8"))
    return loaded


# --------------------------------------------------------------------------- out


def book_data(domain: BriefingDomain, uri: Any, project: str, language: str | None, base_url: str) -> dict[str, Any]:
    """The JSON document of a book; ``uri(docname)`` gives a page's path from the output root."""
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
                "entities": sorted(views.doc_entities.get(rec.docname, ())),
                "takeaways": sorted(takeaways_of.get(rec.docname, ()), key=_order),
            }
        )
    slug_of = {rec.docname: slug for slug, rec in domain.briefings.items()}

    def mentions() -> Iterator[dict[str, Any]]:  # the longest list by far: made as it is written
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

    entities = [
        {
            "id": eid,
            "kind": ent.kind,
            "name": {"ja": ent.name_ja, "en": ent.name_en},
            "reading": ent.reading,
            "url": uri(ent.docname),
        }
        for eid, ent in sorted(domain.entities.items())
    ]
    takeaways = [
        {
            "id": tid,
            "briefing": tk.briefing,
            "text": tk.text,
            "url": uri(tk.docname) + f"#{tk.anchor}",
            "entities": list(tk.entities),
        }
        for tid, tk in sorted(domain.takeaways.items(), key=lambda kv: _order(kv[0]))
    ]
    return {
        "schema_version": SCHEMA_VERSION,
        "project": project,
        "language": language or "",
        "base_url": base_url,
        "briefings": briefings,
        "entities": entities,
        "mentions": mentions(),
        "takeaways": takeaways,
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
    if exception is not None or app.builder.format != "html" or app.builder.name == "epub":
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
    with target.open("w", encoding="utf-8") as stream:
        dump(data, stream)
    stamp.write_text(key, "utf-8")


# --------------------------------------------------------------------------- in


def _location(base: str, where: str | None, srcdir: Path) -> tuple[str, str]:
    """(where to read the JSON from, the base URL its relative URLs start from)."""
    target = where or urllib.parse.urljoin(base.rstrip("/") + "/", FILENAME)
    if "://" not in target:
        path = (srcdir / target).resolve()
        return str(path), base or path.parent.as_uri() + "/"
    return target, base or target.rsplit("/", 1)[0] + "/"


def _read(target: str) -> Any:
    if "://" in target:
        with urllib.request.urlopen(target, timeout=30) as response:
            return json.loads(response.read().decode("utf-8"))
    return json.loads(Path(target).read_text("utf-8"))


def load_external_books(app: Sphinx) -> None:
    """Read every book of ``briefing_external_books`` into the domain (a warning for each that fails)."""
    domain = get_domain(app.env)
    books: dict[str, Any] = {}
    for name, spec in sorted(app.config.briefing_external_books.items()):
        base, where = (spec, None) if isinstance(spec, str) else (spec[0] or "", spec[1] if len(spec) > 1 else None)
        target, root = _location(base, where, Path(app.srcdir))
        import jsonschema  # here: only a book that links others needs it (~70 ms at start)

        try:
            data = _read(target)
            jsonschema.validate(data, schema())
        except (OSError, ValueError, jsonschema.ValidationError) as err:
            message = getattr(err, "message", None) or str(err)
            logger.warning(
                "external book %r: cannot use %s: %s",
                name,
                target,
                message,
                type="briefing",
                subtype="external",
                location=(None, None),
            )
            continue
        entities = {
            e["id"]: ExternalEntity(
                name, e["kind"], e["name"]["ja"], e["name"]["en"], urllib.parse.urljoin(root, e["url"])
            )
            for e in data["entities"]
        }
        titles = {b["id"]: (b["title"], b.get("date") or "") for b in data["briefings"]}
        mentions: dict[str, list[ExternalMention]] = {}
        for m in data["mentions"]:
            title, date = titles.get(m["briefing"], (m["briefing"], ""))
            mention = ExternalMention(name, title, date, urllib.parse.urljoin(root, m["url"]), m["sentence"])
            mentions.setdefault(m["entity"], []).append(mention)
        books[name] = {"entities": entities, "mentions": mentions}
    domain.data["external"] = books
    domain.invalidate_views()


def external_entity(domain: BriefingDomain, typ: str, target: str) -> ExternalEntity | None:
    """An entity of another book: ``book:id`` or, when no local entity has it, a plain ``id``."""
    books: dict[str, Any] = domain.data.get("external", {})
    book, _sep, eid = target.rpartition(":")
    candidates = [books[book]] if book in books else ([] if book else list(books.values()))
    for data in candidates:
        found: ExternalEntity | None = data["entities"].get(eid)
        if found is not None and typ in ("entity", found.kind):
            return found
    return None


def external_mentions(domain: BriefingDomain, eid: str) -> list[ExternalMention]:
    books: dict[str, Any] = domain.data.get("external", {})
    return [m for name in sorted(books) for m in books[name]["mentions"].get(eid, ())]


def resolve_external(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.Element
) -> nodes.reference | None:
    """``missing-reference``: one of our roles naming an entity that only another book has."""
    if node.get("refdomain") != "briefing":
        return None
    found = external_entity(get_domain(env), node["reftype"], node["reftarget"])
    if found is None:
        return None
    title = found.name_en if (app.config.language or "ja").startswith("en") else found.name_ja
    inner = contnode if node.get("refexplicit") else nodes.inline(title, title, classes=contnode.get("classes", []))
    ref = nodes.reference("", "", inner, internal=False, refuri=found.url, reftitle=f"{title} ({found.book})")
    ref["classes"].append("briefing-external")
    return ref


def setup_jsonio(app: Sphinx) -> None:
    app.connect("builder-inited", load_external_books, priority=450)
    app.connect("missing-reference", resolve_external)
    app.connect("build-finished", write_json)
