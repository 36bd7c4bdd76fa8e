"""Other books: their ``briefings.json`` read (``briefing_external_books``), untrusted.

Their entities become targets of this book's roles, and an entity page lists
where those books mention it.  A file or URL is read within bounds of time,
size and nesting, checked against the schema, and kept in the doctree folder
for a while; a book that cannot be read is a warning, and the rest builds.
"""

from __future__ import annotations

import json
import time
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes
from sphinx.util import logging

from briefing.articles.metadata import safe_url
from briefing.language.scripts import english
from briefing.readtime.config import BriefingConfig
from briefing.readtime.domain import get_domain
from briefing.util import cache as build_cache
from briefing.util.files import UnsafeFile, read_inside
from briefing.util.http import FetchError, fetch
from briefing.util.subtypes import Subtype

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from briefing.readtime.domain import BriefingDomain

from briefing.exchange.briefings_json import FILENAME, schema

logger = logging.getLogger(__name__)


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


class ExternalError(Exception):
    """Another book that cannot be used: unreachable, too slow, too large, not its schema."""


#: The ``schema_version`` values this code reads (2 added the briefings' language and tags).
UNDERSTOOD_VERSIONS = (1, 2)
#: Deepest nesting of another book's JSON (the schema needs five levels).
MAX_DEPTH = 32
#: A failed fetch is tried again after this many seconds at most (a book that works: the cache option).
RETRY_FAILED = 3600.0


def _location(base: str, where: str | None, srcdir: Path) -> tuple[str, str]:
    """(where to read the JSON from, the base URL its relative URLs start from; "" when there is none)."""
    target = where or urllib.parse.urljoin(base.rstrip("/") + "/", FILENAME)
    if "://" not in target:
        return str((srcdir / target).resolve()), base
    return target, base or target.rsplit("/", 1)[0] + "/"


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
    import jsonschema  # here: only a book that links others needs it, and importing it is slow

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
        try:
            return fetch(target, timeout, max_bytes, accept="application/json")
        except FetchError as err:
            raise ExternalError(str(err)) from err
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
        subtype=Subtype.EXTERNAL,
        location=(None, None),
    )


def load_external_books(app: Sphinx) -> None:
    """Read every book of ``briefing_external_books`` into the domain (a warning for each that fails).

    What was read is kept in the doctree folder for ``briefing_external_cache_hours``
    (a failure for an hour at most), so a build with nothing new waits on no server.
    """
    domain = get_domain(app.env)
    config = BriefingConfig.of(app.config)
    cache_file = Path(app.doctreedir) / "briefing-external.pickle"
    stored: dict[str, Any] = {}
    if config.external_books:
        stored = build_cache.load(cache_file, "external") or {}
    fresh: dict[str, Any] = {}
    books: dict[str, Any] = {}
    now = time.time()
    for name, spec in sorted(config.external_books.items()):
        base, where = (spec, None) if isinstance(spec, str) else (spec[0] or "", spec[1] if len(spec) > 1 else None)
        target, root = _location(base, where, Path(app.srcdir))
        key = (target, root, config.external_max_bytes)
        entry = stored.get(name)
        keep = config.external_cache_hours * 3600
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


def _load_book(name: str, target: str, root: str, config: BriefingConfig) -> tuple[dict[str, Any] | None, str]:
    """(the book's entities and mentions, or None; what is wrong with it, or "")."""
    if root and safe_url(root) is None:
        return None, f"cannot use it: its base URL {root!r} is not an http(s) URL"
    timeout, max_bytes = config.external_timeout, config.external_max_bytes
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
    title = found.name_en if english(app.config.language) else found.name_ja
    inner = contnode if node.get("refexplicit") else nodes.inline(title, title, classes=contnode.get("classes", []))
    ref = nodes.reference("", "", inner, internal=False, refuri=found.url, reftitle=f"{title} ({found.book})")
    ref["classes"].append("briefing-external")
    return ref


def setup_external(app: Sphinx) -> None:
    # After the domain knows the kinds (300), before the handlers that use the domain (500).
    app.connect("builder-inited", load_external_books, priority=450)
    app.connect("missing-reference", resolve_external)
