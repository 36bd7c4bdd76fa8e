"""``briefings.json``: the book as data, written by every HTML build and read by other books.

Out: briefings, entities, mentions (with the page anchor and the sentence) and
takeaways, with a ``schema_version``; ``schemas/briefings.schema.json`` is the
contract (checked in tests).  In: ``briefing_external_books`` names other
books' files; their entities become targets of the roles here, and an entity
page also lists where those books mention it.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from functools import cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from docutils import nodes
from sphinx.util import logging

from . import cache as build_cache
from .domain import get_domain
from .files import UnsafeFile, atomic_stream, read_inside, write_atomic
from .seed import safe_url

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .domain import BriefingDomain

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 2
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
                "language": rec.language or None,
                "tags": list(rec.tags),
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


class ExternalError(Exception):
    """Another book that cannot be used: unreachable, too slow, too large, not its schema."""


#: The ``schema_version`` values this code reads (2 added the briefings' language and tags).
UNDERSTOOD_VERSIONS = (1, 2)
#: Deepest nesting of another book's JSON (the schema needs five levels).
MAX_DEPTH = 32
#: A failed fetch is tried again after this many seconds at most (a book that works: the cache option).
RETRY_FAILED = 3600.0
_MAX_REDIRECTS = 5


def _location(base: str, where: str | None, srcdir: Path) -> tuple[str, str]:
    """(where to read the JSON from, the base URL its relative URLs start from; "" when there is none)."""
    target = where or urllib.parse.urljoin(base.rstrip("/") + "/", FILENAME)
    if "://" not in target:
        return str((srcdir / target).resolve()), base
    return target, base or target.rsplit("/", 1)[0] + "/"


def fetch(url: str, timeout: float, max_bytes: int) -> bytes:
    """The body of an http(s) GET of ``url``, within ``timeout`` seconds in all and ``max_bytes`` bytes.

    Redirects are followed to http(s) URLs only.  One deadline covers the whole
    fetch: a timer shuts the connection down when it passes, so a server that
    sends its headers, chunk sizes or body a byte at a time is cut off too.
    """
    deadline = time.monotonic() + timeout
    for _hop in range(_MAX_REDIRECTS + 1):
        left = deadline - time.monotonic()
        if left <= 0:
            raise ExternalError(f"no answer within {timeout:g} s")
        try:
            answer = _get(url, left, max_bytes)
        except (OSError, ValueError, http.client.HTTPException) as err:  # ValueError: a malformed URL
            if time.monotonic() >= deadline:
                raise ExternalError(f"not read within {timeout:g} s") from err
            raise ExternalError(f"{type(err).__name__}: {err}") from err
        if isinstance(answer, bytes):
            return answer
        url = answer
    raise ExternalError(f"more than {_MAX_REDIRECTS} redirects")


def _get(url: str, left: float, max_bytes: int) -> str | bytes:
    """One request: the body (bytes), or the URL a redirect names (str)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ExternalError(f"{url[:200]} is not an http(s) URL")
    connection_type = http.client.HTTPSConnection if parts.scheme.lower() == "https" else http.client.HTTPConnection
    connection = connection_type(parts.hostname, parts.port, timeout=left)
    stop: threading.Timer | None = None
    fired = threading.Event()
    try:
        connection.connect()
        # The socket itself: the connection lets go of it once the response says it will close.
        stop = threading.Timer(left, _shut, (connection.sock, fired))
        stop.daemon = True
        stop.start()
        path = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
        connection.request("GET", path, headers={"Accept": "application/json", "User-Agent": "briefing-book"})
        response = connection.getresponse()
        location = response.getheader("Location")
        if response.status in (301, 302, 303, 307, 308) and location:
            return urllib.parse.urljoin(url, location)
        if response.status != 200:
            raise ExternalError(f"HTTP {response.status} {response.reason}")
        declared = response.getheader("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise ExternalError(f"larger than {max_bytes} bytes ({declared})")
        chunks: list[bytes] = []
        size = 0
        while chunk := response.read1(65536):  # what has arrived, not a full 64 KiB
            size += len(chunk)
            if size > max_bytes:
                raise ExternalError(f"larger than {max_bytes} bytes")
            chunks.append(chunk)
        if fired.is_set():  # the timer shut the connection: what came is not the whole file
            raise TimeoutError("the deadline passed")
        return b"".join(chunks)
    finally:
        if stop is not None:
            stop.cancel()
        connection.close()


def _shut(sock: socket.socket | None, fired: threading.Event) -> None:
    """At the deadline: end the connection, so that a read waiting on it returns now."""
    fired.set()  # before the shutdown: a read it ends must see it
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _depth(value: Any) -> int:
    """How deeply lists and objects nest in ``value`` (without recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if depth <= MAX_DEPTH:
                stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def parse_book(raw: bytes) -> dict[str, Any]:
    """Another book's ``briefings.json`` bytes, checked: JSON, nesting, understood version, schema."""
    try:
        data = json.loads(raw)
    except RecursionError as err:
        raise ExternalError(f"nested more deeply than {MAX_DEPTH} levels") from err
    except ValueError as err:  # JSONDecodeError and UnicodeDecodeError
        raise ExternalError(f"not JSON: {err}") from err
    if _depth(data) > MAX_DEPTH:
        raise ExternalError(f"nested more deeply than {MAX_DEPTH} levels")
    version = data.get("schema_version") if isinstance(data, dict) else None
    if version not in UNDERSTOOD_VERSIONS:
        understood = ", ".join(map(str, UNDERSTOOD_VERSIONS))
        raise ExternalError(f"schema_version {version!r} is not one this extension reads ({understood})")
    import jsonschema  # here: only a book that links others needs it (~70 ms at start)

    try:
        jsonschema.validate(data, schema())
    except jsonschema.ValidationError as err:
        raise ExternalError(f"not a briefing book: {err.message}") from err
    result: dict[str, Any] = data
    return result


class _Links:
    """Another book's URLs made absolute against its base: http(s) links only, the rest counted."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.refused: list[str] = []

    def __call__(self, url: str) -> str | None:
        try:
            absolute = urllib.parse.urljoin(self.root, url) if self.root else url
        except ValueError:  # not a URL at all (http://[x)
            absolute = ""
        if safe_url(absolute) is None:
            self.refused.append(url)
            return None
        return absolute


def book_links(name: str, data: dict[str, Any], root: str) -> tuple[dict[str, Any], list[str]]:
    """The entities and mentions of another book that link somewhere safe, and the URLs refused."""
    link = _Links(root)
    entities = {}
    for e in data["entities"]:
        url = link(e["url"])
        if url is not None:
            entities[e["id"]] = ExternalEntity(name, e["kind"], e["name"]["ja"], e["name"]["en"], url)
    titles = {b["id"]: (b["title"], b.get("date") or "") for b in data["briefings"]}
    mentions: dict[str, list[ExternalMention]] = {}
    for m in data["mentions"]:
        url = link(m["url"])
        if url is not None:
            title, date = titles.get(m["briefing"], (m["briefing"], ""))
            mentions.setdefault(m["entity"], []).append(ExternalMention(name, title, date, url, m["sentence"]))
    return {"entities": entities, "mentions": mentions}, link.refused


def _read_book(target: str, timeout: float, max_bytes: int) -> bytes:
    if "://" in target:
        return fetch(target, timeout, max_bytes)
    path = Path(target)
    try:
        return read_inside(path, path.parent, max_bytes)
    except UnsafeFile as err:
        raise ExternalError(str(err)) from err


def _warn(name: str, target: str, message: str) -> None:
    logger.warning(
        "external book %r (%s): %s",
        name,
        target,
        message,
        type="briefing",
        subtype="external",
        location=(None, None),
    )


def load_external_books(app: Sphinx) -> None:
    """Read every book of ``briefing_external_books`` into the domain (a warning for each that fails).

    What was read is kept in the doctree folder for ``briefing_external_cache_hours``
    (a failure for an hour at most), so a build with nothing new waits on no server.
    """
    domain = get_domain(app.env)
    config = app.config
    cache_file = Path(app.doctreedir) / "briefing-external.pickle"
    stored: dict[str, Any] = {}
    if config.briefing_external_books:
        stored = build_cache.load(cache_file, "external") or {}
    fresh: dict[str, Any] = {}
    books: dict[str, Any] = {}
    now = time.time()
    for name, spec in sorted(config.briefing_external_books.items()):
        base, where = (spec, None) if isinstance(spec, str) else (spec[0] or "", spec[1] if len(spec) > 1 else None)
        target, root = _location(base, where, Path(app.srcdir))
        key = (target, root, config.briefing_external_max_bytes)
        entry = stored.get(name)
        keep = float(config.briefing_external_cache_hours) * 3600
        if entry is not None and entry[2] is None:
            keep = min(keep, RETRY_FAILED)
        if entry is None or entry[0] != key or not 0 <= now - entry[1] <= keep:
            entry = (key, now, *_load_book(name, target, root, config))
        fresh[name] = entry
        _key, _when, book, problem = entry
        if problem:
            _warn(name, target, problem)
        if book is not None:
            books[name] = book
    if fresh != stored:
        build_cache.save(cache_file, "external", fresh)
    domain.data["external"] = books
    domain.invalidate_views()


def _load_book(name: str, target: str, root: str, config: Any) -> tuple[dict[str, Any] | None, str]:
    """(the book's entities and mentions, or None; what is wrong with it, or "")."""
    if root and safe_url(root) is None:
        return None, f"cannot use it: its base URL {root!r} is not an http(s) URL"
    timeout, max_bytes = float(config.briefing_external_timeout), int(config.briefing_external_max_bytes)
    try:
        data = parse_book(_read_book(target, timeout, max_bytes))
    except ExternalError as err:
        return None, f"cannot use it: {err}"
    if not root:
        return None, "cannot use it: no base URL to link its pages with; give (base URL, path of its briefings.json)"
    book, refused = book_links(name, data, root)
    if refused:
        first = refused[0][:80]
        return book, f"{len(refused)} of its URLs are not http(s) links and were left out (the first: {first!r})"
    return book, ""


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
