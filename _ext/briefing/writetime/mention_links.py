"""Mentions become links when a page is written (``doctree-resolved``).

They were recorded when the page was read (:mod:`briefing.readtime.collect`); a mention
that links becomes a reference to its entity's page here, by one handler that knows its
target from the registry, or from another book (:mod:`briefing.exchange.other_books`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util import logging

from briefing.exchange.other_books import external_entity
from briefing.language.scripts import english
from briefing.readtime.domain import get_domain
from briefing.readtime.nodes import mention
from briefing.util.subtypes import Subtype
from briefing.writetime.links import PageURIs

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


def resolve_mentions(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Each mention that links becomes a link to its entity's page (plain text in the PDF).

    At ``doctree-resolved``, for every builder (LaTeX: on the assembled book).
    With ``latex_show_pagerefs`` every link in the PDF gets "(ページ N)"; after each
    name in the article that would drown the text, so there a mention is its name
    only.  An entity only another book has (``briefing_external_books``) links
    there; an unknown one is a ``briefing.unknown-target`` warning, as Sphinx
    would give it (``nitpick_ignore`` applies under ``-n``); a page the builder
    cannot link to (``NoUri``: texinfo, for one) leaves the name as text.
    """
    domain = get_domain(app.env)
    builder = app.builder
    plain = builder.format == "latex"
    uris = PageURIs(builder, docname)  # one relative URI per entity page, however often it is named
    for node in list(doctree.findall(mention)):
        if not node["link"] or not isinstance(node.parent, nodes.Element):
            continue
        eid = node["entities"][0]
        entity = domain.entities.get(eid)
        text = node.astext()
        replacement: nodes.Node = nodes.Text(text)
        if entity is None:
            replacement = _unknown_or_external(app, node, eid, text)
        elif not plain:
            uri = uris[entity.docname]
            if uri is not None:
                replacement = nodes.reference(
                    "", text, internal=True, refuri=uri, reftitle=entity.name_ja, classes=["briefing-mention"]
                )
        node.parent.replace(node, replacement)


def _unknown_or_external(app: Sphinx, node: mention, eid: str, text: str) -> nodes.Node:
    found = external_entity(get_domain(app.env), "entity", eid)
    if found is not None:
        if app.builder.format == "latex":
            return nodes.Text(text)
        title = found.name_en if english(app.config.language) else found.name_ja
        return nodes.reference(
            "",
            text,
            internal=False,
            refuri=found.url,
            reftitle=f"{title} ({found.book})",
            classes=["briefing-external", "briefing-mention"],
        )
    config = app.config
    ignored = config.nitpicky and (
        ("briefing:entity", eid) in config.nitpick_ignore
        or any(
            re.fullmatch(kind, "briefing:entity") and re.fullmatch(target, eid)
            for kind, target in config.nitpick_ignore_regex
        )
    )
    if not ignored:
        logger.warning("unknown %s %r", "entity", eid, type="briefing", subtype=Subtype.UNKNOWN_TARGET, location=node)
    return nodes.inline(text, text, classes=["briefing-mention"])


def setup_mention_links(app: Sphinx) -> None:
    app.connect("doctree-resolved", resolve_mentions)
