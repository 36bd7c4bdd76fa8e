"""The directives a generated briefing page is made of.

Option values are always plain data (the generator writes them as quoted
scalars); directives turn them into text nodes, never into markup.  Every
node made here is a standard docutils node, so every builder renders it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, ClassVar

import babel
import babel.dates
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .domain import BriefingRecord, TakeawayRecord, get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)
_ = get_translation("briefing")

_SAFE_URL_RE = re.compile(r"^https?://[^\s<>\"'`]+$")


def safe_url(url: str | None) -> str | None:
    """The URL when it is a plain http(s) URL, else None (never javascript: and friends)."""
    return url if url and _SAFE_URL_RE.match(url) else None


def long_date(date: dt.date, language: str | None) -> str:
    """The date as the book's language writes it in full (2025年2月28日金曜日)."""
    try:
        return babel.dates.format_date(date, format="full", locale=(language or "en").replace("-", "_"))
    except (ValueError, babel.UnknownLocaleError):
        return date.isoformat()


def _field(label: str, *body: nodes.Node) -> nodes.field:
    return nodes.field("", nodes.field_name(label, label), nodes.field_body("", nodes.paragraph("", "", *body)))


def _source_nodes(title: str, site: str | None, url: str | None) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    link = safe_url(url)
    if link:
        out.append(nodes.reference(title, title, refuri=link, classes=["briefing-source-link"]))
    else:
        out.append(nodes.Text(title))
    if site:
        out.append(nodes.Text(f" ({site})"))
    return out


class BriefingHeaderDirective(SphinxDirective):
    """``{briefing} <slug>``: the facts block at the top of a briefing page."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, object]] = {
        "seed": directives.unchanged_required,
        "date": directives.unchanged,
        "source": directives.unchanged,
        "site": directives.unchanged,
        "url": directives.unchanged,
        "language": directives.unchanged,
        "tags": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        slug = self.arguments[0]
        anchor = f"briefing-{slug}"
        date = self._date()
        title = self._page_title()
        container = nodes.container(classes=["briefing-header"], ids=[anchor])
        fields = nodes.field_list(classes=["briefing-facts"])
        if "source" in self.options:
            fields += _field(
                _("Source"), *_source_nodes(self.options["source"], self.options.get("site"), self.options.get("url"))
            )
        if date:
            fields += _field(_("Date"), nodes.Text(long_date(date, self.config.language)))
        seed = self.options.get("seed", "")
        fields += _field(_("Seed"), nodes.literal(seed, seed))
        container += fields
        self.env.ref_context["briefing:slug"] = slug
        get_domain(self.env).add_briefing(
            slug,
            BriefingRecord(self.env.docname, anchor, title, date.isoformat() if date else "", seed),
            container,
        )
        return [container]

    def _date(self) -> dt.date | None:
        raw = self.options.get("date")
        if not raw:
            return None
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            logger.warning(
                "date %r is not a date like 2025-02-28",
                raw,
                type="briefing",
                subtype="metadata",
                location=self.get_location(),
            )
            return None

    def _page_title(self) -> str:
        for section in self.state.document.findall(nodes.section):
            return str(section[0].astext()) if len(section) else ""
        return str(self.arguments[0])


class TakeawayDirective(SphinxDirective):
    """``{takeaway} <id>``: one takeaway of a briefing, an object other pages can link to."""

    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        tid = self.arguments[0]
        anchor = f"takeaway-{tid}"
        node = nodes.container(classes=["briefing-takeaway"], ids=[anchor])
        self.state.nested_parse(self.content, self.content_offset, node)
        briefing = self.env.ref_context.get("briefing:slug", "")
        get_domain(self.env).add_takeaway(tid, TakeawayRecord(self.env.docname, anchor, node.astext(), briefing), node)
        return [node]


class SourcesDirective(SphinxDirective):
    """``{briefing-sources}``: the references an article names, under a translated label."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        node = nodes.container(classes=["briefing-sources"])
        node += nodes.rubric(_("Sources"), _("Sources"))
        items = nodes.bullet_list()
        body = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, body)
        for para in body.findall(nodes.paragraph):
            items += nodes.list_item("", para.deepcopy())
        node += items
        return [node]


class SourceDirective(SphinxDirective):
    """``{briefing-source}``: one reference, with ``:title:``, ``:site:`` and ``:url:`` as data."""

    option_spec: ClassVar[dict[str, object]] = {
        "title": directives.unchanged_required,
        "site": directives.unchanged,
        "url": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        title = self.options.get("title", "")
        return [nodes.paragraph("", "", *_source_nodes(title, self.options.get("site"), self.options.get("url")))]


def setup_directives(app: Sphinx) -> None:
    app.add_directive("briefing", BriefingHeaderDirective)
    app.add_directive("takeaway", TakeawayDirective)
    app.add_directive("briefing-sources", SourcesDirective)
    app.add_directive("briefing-source", SourceDirective)
