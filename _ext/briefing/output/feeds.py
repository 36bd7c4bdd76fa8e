"""Atom feeds (feedgenerator) of the book, each entity and each tag, for html and dirhtml builds.

``feeds/atom.xml`` holds the newest ``briefing_feed_length`` briefings; ``feeds/<kind>/<id>.xml``
those mentioning an entity; ``feeds/tags/<tag>.xml`` those with a tag (``briefing.data.feeds``
says which). A feed's addresses are absolute, from ``html_baseurl`` (Read the Docs sets it to
the project's canonical URL): without one no feed is written, and one info line says why.

The feeds are written whole at the end of every html build, from what the book holds then, so
an incremental build gives what a clean one does; a file is written only when its bytes change
and one no feed needs any more is removed. They hold no clock: a feed's time is its newest
entry's date. Every page names the book's feed, and an entity's page its own, in a ``<link
rel="alternate">``; an entity's page shows a subscribe link among its facts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from feedgenerator import Atom1Feed
from sphinx.locale import get_translation
from sphinx.util import logging

from briefing.articles.metadata import safe_url
from briefing.data.feeds import BOOK_FEED, FOLDER, Feed, book_feeds
from briefing.language.scripts import english
from briefing.readtime.config import BriefingConfig
from briefing.readtime.domain import get_domain
from briefing.util.files import write_atomic

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)
_ = get_translation("briefing")

#: The builders whose output has feeds (their pages are where a reader subscribes).
FEED_BUILDERS = ("html", "dirhtml")
#: The feeds of the book as its pages are being written: (the app, the book's content version) -> feeds.
_KEPT: dict[tuple[int, str], list[Feed]] = {}
#: The same feeds by the page that names them.
_BY_PAGE: dict[tuple[int, str], dict[str, list[Feed]]] = {}


def base_url(app: Sphinx) -> str | None:
    """The book's absolute address with a final ``/``, or None (no ``html_baseurl``, or not http(s))."""
    base = safe_url(str(getattr(app.config, "html_baseurl", "") or "").strip())
    return base.rstrip("/") + "/" if base else None


def feeds_of(app: Sphinx) -> list[Feed]:
    """The book's feeds (computed once per state of the book and process)."""
    domain = get_domain(app.env)
    key = (id(app), domain.data.get("content_version", ""))
    if key not in _KEPT:
        _KEPT.clear()
        views = domain.book_views()
        leads = {rec.docname: rec.lead for rec in domain.briefings.values()}
        conf = BriefingConfig.of(app.config)
        title = str(app.config.project or "Briefing book")
        _KEPT[key] = book_feeds(
            views,
            domain.takeaways,
            leads,
            title=title,
            length=conf.feed_length,
            english=english(app.config.language),
        )
    return _KEPT[key]


def page_feeds(app: Sphinx, docname: str) -> list[Feed]:
    """The feeds a page names: the book's, and its own (an entity's page)."""
    feeds = feeds_of(app)
    key = (id(app), get_domain(app.env).data.get("content_version", ""))
    if key not in _BY_PAGE:
        _BY_PAGE.clear()
        _BY_PAGE[key] = {}
        for feed in feeds:
            if feed.docname:
                _BY_PAGE[key].setdefault(feed.docname, []).append(feed)
    book = [feed for feed in feeds[:1] if feed.key == "book"]
    return [*book, *_BY_PAGE[key].get(docname, [])]


def _page_url(app: Sphinx, base: str, docname: str) -> str:
    return base + (app.builder.get_target_uri(docname) if docname else "")


def render(app: Sphinx, feed: Feed, base: str) -> bytes:
    """One feed as Atom: absolute links, entries newest first, the newest entry's date as its time."""
    atom = Atom1Feed(
        title=feed.title,
        link=_page_url(app, base, feed.docname),
        description="",
        language=str(app.config.language or "en").replace("_", "-"),
        feed_url=base + feed.path,
        feed_guid=base + feed.path,
    )
    for entry in feed.entries:
        url = _page_url(app, base, entry.docname)
        when = dt.datetime.fromisoformat(entry.date).replace(tzinfo=dt.UTC)
        atom.add_item(
            title=entry.title,
            link=url,
            description=html.escape(entry.summary).replace("\n", "<br/>"),
            author_name=entry.author or None,
            pubdate=when,
            updateddate=when,
            unique_id=url,
            categories=entry.categories,
        )
    text: str = atom.writeString("utf-8")
    return text.encode("utf-8")


def _made_before(stamp_file: Path) -> dict[str, str]:
    """What each feed was made from when last written (path -> fingerprint), {} when unknown."""
    try:
        made = json.loads(stamp_file.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return made if isinstance(made, dict) else {}


def write_feeds(app: Sphinx, exception: Exception | None) -> None:
    """Write the feeds whose entries changed, and remove the ones no longer needed."""
    # At build-finished: the whole book is read and its pages written; only html and dirhtml.
    if exception is not None or app.builder.name not in FEED_BUILDERS:
        return
    base = base_url(app)
    if base is None:
        logger.info(_("briefing: no feeds written: html_baseurl is not set (feeds need absolute addresses)"))
        return
    out = Path(app.outdir)
    stamp_file = out / FOLDER / ".made-from.json"
    before = _made_before(stamp_file)
    # A build that read nothing new, under the same settings, has the same feeds: nothing to do.
    _before, version = get_domain(app.env).content_version()
    settings = "\0".join((base, app.builder.name, str(app.config.language), str(app.config.project)))
    if version and before.get("") == f"{version}\0{settings}" and (out / BOOK_FEED).is_file():
        return
    # Otherwise only the feeds whose entries (or the settings) changed are rendered again.
    made = {"": f"{version}\0{settings}"}
    for feed in feeds_of(app):
        path = out / feed.path
        made[feed.path] = hashlib.sha256(repr((settings, feed)).encode("utf-8")).hexdigest()
        if before.get(feed.path) == made[feed.path] and path.is_file():
            continue
        data = render(app, feed, base)
        if not path.is_file() or path.read_bytes() != data:
            write_atomic(path, data)
    folder = out / FOLDER
    if folder.is_dir():
        for stale in folder.rglob("*.xml"):
            if stale.relative_to(out).as_posix() not in made:
                stale.unlink()
    write_atomic(stamp_file, json.dumps(made, sort_keys=True, ensure_ascii=False))


def link_feeds(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Name the book's feed, and the page's own, in the page's head (``<link rel="alternate">``)."""
    # At html-page-context: the head is built from context["metatags"], a public part of it.
    if app.builder.name not in FEED_BUILDERS or (base := base_url(app)) is None:
        return
    links = []
    for feed in page_feeds(app, pagename):
        title, href = html.escape(feed.title), html.escape(base + feed.path)
        links.append(f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{href}" />')
    if links:
        context["metatags"] = str(context.get("metatags", "")) + "\n" + "\n".join(links)


def subscribe_link(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """On an entity's page with a feed: a subscribe link among the entity's facts."""
    # At doctree-resolved, for html and dirhtml only: the link is absolute, to the feed's file.
    if app.builder.name not in FEED_BUILDERS or (base := base_url(app)) is None:
        return
    mine = {feed.key: feed for feed in page_feeds(app, docname) if feed.docname}
    for box in doctree.findall(nodes.container):
        if "briefing-entity" not in box["classes"] or not box.get("briefing-anchor"):
            continue
        feed = mine.get(str(box["briefing-anchor"]).removeprefix("entity-"))
        facts = next(iter(box.findall(nodes.field_list)), None)
        if feed is None or facts is None:
            continue
        label = _("Subscribe (Atom)")
        link = nodes.reference(label, label, refuri=base + feed.path, classes=["briefing-subscribe"])
        name = _("Feed")
        facts += nodes.field("", nodes.field_name(name, name), nodes.field_body("", nodes.paragraph("", "", link)))


def setup_feeds(app: Sphinx) -> None:
    app.connect("html-page-context", link_feeds)
    app.connect("doctree-resolved", subscribe_link)
    app.connect("build-finished", write_feeds)
