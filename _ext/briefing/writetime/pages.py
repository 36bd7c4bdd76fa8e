"""The gathering directives, and their placeholders filled in when a page is written.

A directive (``{takeaway-list}``, ``{briefing-timeline}``, ``{briefing-latest}``,
``{entity-directory}``, ``{briefing-related}``, ``{briefing-graph}``; the briefing
header and entity directives make such placeholders too) leaves a
``briefing_view`` node naming a view of :mod:`briefing.view_nodes` and its
parameters.  The page is read once; what the view shows is computed when the
page is written (``doctree-resolved``), from the whole book, and
:mod:`briefing.rewrite` decides which pages must be written again.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from briefing.data.attention import MONTH_RE
from briefing.output.graphs import setup_graphs
from briefing.readtime.nodes import briefing_view, view_node
from briefing.util.subtypes import Subtype
from briefing.writetime.link_lists import DIRECT_HTML_BUILDERS, expand, setup_linklists
from briefing.writetime.links import Context, PageURIs
from briefing.writetime.rewrite import setup_rewrite
from briefing.writetime.view_registry import VIEWS, check_graphviz

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


def fill_views(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """At ``doctree-resolved``: every placeholder becomes its view's nodes."""
    contexts: dict[str, Context] = {}  # one per page shown
    uris = PageURIs(app.builder, docname)  # shared: every link starts from the page written
    for node in list(doctree.findall(briefing_view)):
        page = node.get("page") or docname
        ctx = contexts.get(page)
        if ctx is None:
            ctx = contexts[page] = Context(app, page, docname, uris)
        view = VIEWS.get(node["view"])
        if view is None:
            raise ValueError(f"unknown view {node['view']!r}")
        replacement = view.nodes(ctx, node["params"])
        if isinstance(node.parent, nodes.field_list):
            node.replace_self([n for n in replacement if isinstance(n, nodes.field)])
        else:
            node.replace_self(replacement)
    if contexts and app.builder.name not in DIRECT_HTML_BUILDERS:
        expand(doctree)


# --------------------------------------------------------------------------- directives


class _ViewDirective(SphinxDirective):
    view = ""

    def params(self) -> list[str]:
        return []

    def run(self) -> list[nodes.Node]:
        return [view_node(self.view, *self.params())]


class TakeawayListDirective(_ViewDirective):
    """``{takeaway-list}``: the book's takeaways, filtered by entity, briefing and date range."""

    view = "takeaways"
    option_spec: ClassVar[dict[str, Any]] = {
        "actor": directives.unchanged,
        "forum": directives.unchanged,
        "entity": directives.unchanged,
        "briefing": directives.unchanged,
        "from": directives.unchanged,
        "to": directives.unchanged,
        "limit": directives.nonnegative_int,
    }

    def params(self) -> list[str]:
        ids = [
            i.strip() for key in ("actor", "forum", "entity") for i in self.options.get(key, "").split(",") if i.strip()
        ]
        dates = [self._date(k) for k in ("from", "to")]
        return [",".join(ids), self.options.get("briefing", ""), *dates, str(self.options.get("limit", 0))]

    def _date(self, key: str) -> str:
        raw = str(self.options.get(key, "")).strip()
        if not raw:
            return ""
        try:
            return dt.date.fromisoformat(raw).isoformat()
        except ValueError:
            logger.warning(
                "%s: %r is not a date like 2025-02-28",
                key,
                raw,
                type="briefing",
                subtype=Subtype.TAKEAWAY_LIST,
                location=self.get_location(),
            )
            return ""


class TimelineDirective(_ViewDirective):
    """``{briefing-timeline}``: every briefing by month, newest first."""

    view = "timeline"


class LatestDirective(_ViewDirective):
    """``{briefing-latest} [n]``: the newest briefings as cards."""

    view = "latest"
    optional_arguments = 1

    def params(self) -> list[str]:
        if self.arguments and not self.arguments[0].isdigit():
            logger.warning(
                "briefing-latest takes a number of briefings, not %r; showing 6",
                self.arguments[0],
                type="briefing",
                subtype=Subtype.DIRECTIVE,
                location=self.get_location(),
            )
            return ["6"]
        return [self.arguments[0]] if self.arguments else ["6"]


class DirectoryDirective(_ViewDirective):
    """``{entity-directory} [kind ...]``: the entities of some kinds as badges, in gojūon order."""

    view = "directory"
    optional_arguments = 10

    def params(self) -> list[str]:
        return list(self.arguments)


class RelatedDirective(_ViewDirective):
    """``{briefing-related}``: on a briefing page, the briefings sharing most (rare) entities."""

    view = "related"


class GraphDirective(_ViewDirective):
    """``{briefing-graph}``: the co-mention graph of actors and forums; ``:from:`` and ``:to:``
    (months, ``2025-01``) keep the briefings of one period."""

    view = "graph"
    option_spec: ClassVar[dict[str, Any]] = {"from": directives.unchanged, "to": directives.unchanged}

    def params(self) -> list[str]:
        window = []
        for key in ("from", "to"):
            value = (self.options.get(key) or "").strip()
            if value and not MONTH_RE.fullmatch(value):
                logger.warning(
                    "briefing-graph :%s: takes a month like 2025-01, not %r; the graph is not cut there",
                    key,
                    value,
                    type="briefing",
                    subtype=Subtype.DIRECTIVE,
                    location=self.get_location(),
                )
                value = ""
            window.append(value)
        return window if any(window) else []


def setup_pages(app: Sphinx) -> None:
    app.setup_extension("sphinx.ext.graphviz")
    setup_graphs(app)
    setup_linklists(app)
    setup_rewrite(app)
    app.add_node(briefing_view)
    app.add_directive("takeaway-list", TakeawayListDirective)
    app.add_directive("briefing-timeline", TimelineDirective)
    app.add_directive("briefing-latest", LatestDirective)
    app.add_directive("entity-directory", DirectoryDirective)
    app.add_directive("briefing-graph", GraphDirective)
    app.add_directive("briefing-related", RelatedDirective)
    app.connect("builder-inited", check_graphviz)
    app.connect("doctree-resolved", fill_views)
