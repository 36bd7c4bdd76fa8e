"""Links from the page being written: relative URIs, entity links, dates, for the views' nodes."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.errors import NoUri

from briefing.language.scripts import english
from briefing.readtime.directives import long_date
from briefing.readtime.domain import BriefingDomain, get_domain
from briefing.writetime.link_lists import Link, Segment, Separator

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from briefing.data.views import BookViews


def with_anchor(uri: str, anchor: str) -> str:
    """``uri#anchor``; just ``#anchor`` where the builder links a page as an anchor itself.

    (A single-page builder's page URI is ``#document-…``: every page is on the one
    page, and an anchor in it is found there.)
    """
    if not anchor:
        return uri
    return f"#{anchor}" if "#" in uri else f"{uri}#{anchor}"


class PageURIs(dict[str, "str | None"]):
    """Relative URIs from one page being written, each computed once; None where the
    builder cannot link the target (``NoUri``: a page outside the PDF, say)."""

    def __init__(self, builder: Builder, docname: str) -> None:
        super().__init__()
        self.builder, self.docname = builder, docname

    def __missing__(self, target: str) -> str | None:
        try:
            uri: str | None = self.builder.get_relative_uri(self.docname, target)
        except NoUri:
            uri = None
        self[target] = uri
        return uri


@cache
def _long_date(iso: str, language: str | None) -> str:
    return long_date(dt.date.fromisoformat(iso), language)


#: The classes of an entity shown as a badge (sphinx-design's), by kind.
BADGE_CLASSES = ("sd-sphinx-override", "sd-badge")
BADGE_COLOURS = {"actor": ("sd-bg-primary", "sd-bg-text-primary")}
OTHER_BADGE_COLOUR = ("sd-bg-info", "sd-bg-text-info")


class Context:
    """What the views' node makers need: the domain, its views, the builder, the page a view
    is about (``page``) and the document being written (``docname``, where links start
    from; in a LaTeX build the whole book is one document)."""

    def __init__(self, app: Sphinx, page: str, docname: str, uris: PageURIs | None = None) -> None:
        self.app, self.page, self.docname = app, page, docname
        self.domain: BriefingDomain = get_domain(app.env)
        self.views: BookViews = self.domain.book_views()
        self.builder: Builder = app.builder
        self.language = app.config.language
        self.english = english(self.language)
        self.html = app.builder.format == "html"
        self._uris = PageURIs(app.builder, docname) if uris is None else uris

    def date(self, iso: str) -> str:
        """The date as the book writes it in full; nothing without one."""
        return _long_date(iso, self.language) if iso else ""

    def dated(self, iso: str) -> str:
        """`` (date)`` after a link; nothing without a date."""
        return f" ({self.date(iso)})" if iso else ""

    def uri(self, docname: str) -> str | None:
        """The relative URI of ``docname`` from the page being written (see :class:`PageURIs`)."""
        return self._uris[docname]

    def to(self, docname: str, text: str, anchor: str = "", classes: Iterable[str] = ()) -> Link:
        """A link to ``docname`` (at ``anchor``) from the page being written."""
        if docname == self.docname and anchor:
            return Link(text, "", anchor, tuple(classes), local=True)
        uri = self.uri(docname)
        return Link(text, None if uri is None else with_anchor(uri, anchor), anchor, tuple(classes))

    def link(self, docname: str, anchor: str, text: str, classes: Iterable[str] = ()) -> nodes.Node:
        """What ``make_refnode`` makes, with the URI from :meth:`uri` (the text alone without one)."""
        return self.to(docname, text, anchor, classes).node()

    def entity_to(self, eid: str, *, badge: bool = False) -> Segment:
        """A link to an entity's page, as a badge or plain; the id as text if it is unknown."""
        rec = self.domain.entities.get(eid)
        if rec is None:
            return eid
        classes = ["briefing-entity-ref", f"briefing-{rec.kind}"]
        if badge:
            classes += [*BADGE_CLASSES, *BADGE_COLOURS.get(rec.kind, OTHER_BADGE_COLOUR)]
        return self.to(rec.docname, rec.name_en if self.english else rec.name_ja, classes=classes)

    def entity(self, eid: str, *, badge: bool = False) -> nodes.Node:
        found = self.entity_to(eid, badge=badge)
        return found.node() if isinstance(found, Link) else nodes.Text(found)

    def entities(self, eids: Iterable[str], *, badge: bool = False) -> list[Segment]:
        """Links to entities with the separator between them (hidden by CSS between badges)."""
        out: list[Segment] = []
        for i, eid in enumerate(eids):
            if i:
                out.append(Separator("、"))
            out.append(self.entity_to(eid, badge=badge))
        return out

    def separated(self, parts: list[nodes.Node], sep: str = "、") -> list[nodes.Node]:
        """Parts with a separator between them (hidden by CSS between badges in HTML)."""
        out: list[nodes.Node] = []
        for i, part in enumerate(parts):
            if i:
                out.append(Separator(sep).node())
            out.append(part)
        return out
