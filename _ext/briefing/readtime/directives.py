"""The directives a generated briefing page is made of.

Option values are always plain data (the generator writes them as quoted
scalars); directives turn them into text nodes, never into markup.  Every
node made here is a standard docutils node, so every builder renders it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

import babel
import babel.dates
from docutils import nodes
from docutils.parsers.rst import directives
from myst_parser.mocking import MockInliner
from sphinx import addnodes
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.nodes import split_explicit_title

from briefing.articles.metadata import safe_url
from briefing.data.records import BriefingRecord, EntityRecord, TakeawayRecord
from briefing.language.scripts import english
from briefing.readtime.domain import get_domain
from briefing.readtime.nodes import append_text, entity_index, mention, note_mention, view_node
from briefing.registry.model import reading_key
from briefing.util.subtypes import Subtype

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)
_ = get_translation("briefing")


def anchored(node: nodes.Element, anchor: str) -> nodes.Element:
    """Mark ``node`` to get a target ``anchor`` at its start once the page is read.

    Not a target now: docutils would move an empty target's id onto the next
    paragraph, where LaTeX does not label it (see collect._add_anchor).
    """
    node["briefing-anchor"] = anchor
    return node


def long_date(date: dt.date, language: str | None) -> str:
    """The date as the book's language writes it in full (2025年2月28日金曜日)."""
    try:
        return babel.dates.format_date(date, format="full", locale=(language or "en").replace("-", "_"))
    except (ValueError, babel.UnknownLocaleError):
        return date.isoformat()


def _field(label: str, *body: nodes.Node) -> nodes.field:
    return nodes.field("", nodes.field_name(label, label), nodes.field_body("", nodes.paragraph("", "", *body)))


def _source_nodes(title: str, site: str | None, url: str | None = None) -> list[nodes.Node]:
    """A reference: its title (linked to its own URL, if it has one) and its site."""
    out: list[nodes.Node] = []
    link = safe_url(url)
    if link:
        out.append(nodes.reference(title, title, refuri=link, classes=["briefing-source-link"]))
    else:
        out.append(nodes.Text(title))
    if site:
        out.append(nodes.Text(f" ({site})"))
    return out


def _origin(line: str | None, origin: str | None) -> list[nodes.Node]:
    """Where a fact came from: a line of the seed, its front matter, or (else) its sidecar."""
    if line and line.isdigit():
        where = _("read from line %d of the seed") % int(line)
    elif origin == "front-matter":
        where = _("from the seed's front matter")
    else:
        where = _("from the sidecar")
    note = f" ({where})"
    return [nodes.inline(note, note, classes=["briefing-fact-from"])]


class BriefingHeaderDirective(SphinxDirective):
    """``{briefing} <slug>``: the facts block at the top of a briefing page."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, object]] = {
        "seed": directives.unchanged_required,
        "date": directives.unchanged,
        "date-line": directives.unchanged,
        "date-from": directives.unchanged,
        "source": directives.unchanged,
        "site": directives.unchanged,
        "source-url": directives.unchanged,
        "outlet": directives.unchanged,
        "outlet-line": directives.unchanged,
        "outlet-from": directives.unchanged,
        "url": directives.unchanged,
        "language": directives.unchanged,
        "tags": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        slug = self.arguments[0]
        anchor = f"briefing-{slug}"
        date = self._date()
        title = self._page_title()
        container = anchored(nodes.container(classes=["briefing-header"]), anchor)
        fields = nodes.field_list(classes=["briefing-facts"])
        if "outlet" in self.options:
            outlet = self.options["outlet"]
            origin = _origin(self.options.get("outlet-line"), self.options.get("outlet-from"))
            fields += _field(_("Outlet"), nodes.Text(outlet), *origin)
        if "source" in self.options:
            source = _source_nodes(self.options["source"], self.options.get("site"), self.options.get("source-url"))
            fields += _field(_("Source"), *source)
        link = safe_url(self.options.get("url"))
        if link:  # the article's own link (a reference's link stays with the reference)
            fields += _field(_("Article"), nodes.reference(link, link, refuri=link, classes=["briefing-article-link"]))
        if date:
            long = long_date(date, self.config.language)
            origin = _origin(self.options.get("date-line"), self.options.get("date-from"))
            fields += _field(_("Date"), nodes.Text(long), *origin)
        seed = self.options.get("seed", "")
        fields += _field(_("Seed"), nodes.literal(seed, seed))
        tags = tuple(t.strip() for t in self.options.get("tags", "").split(",") if t.strip())
        if tags:
            fields += _field(_("Tags"), nodes.Text(", ".join(tags)))
        fields += view_node("header")  # entity badges and the takeaway count, once the page is read
        container += fields
        self.env.ref_context["briefing:slug"] = slug
        get_domain(self.env).add_briefing(
            slug,
            BriefingRecord(
                self.env.docname,
                anchor,
                title,
                date.isoformat() if date else "",
                seed,
                self.options.get("source", ""),
                self.options.get("site", ""),
                safe_url(self.options.get("url")) or "",
                tags,
                self.options.get("language", ""),
                outlet=self.options.get("outlet", ""),
            ),
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
                subtype=Subtype.METADATA,
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
        node = anchored(nodes.container(classes=["briefing-takeaway"]), anchor)
        node["briefing-takeaway"] = tid
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


def _xref(kind: str, target: str) -> addnodes.pending_xref:
    inner = nodes.inline(target, target, classes=["xref", "briefing", f"briefing-{kind}"])
    return addnodes.pending_xref("", inner, refdomain="briefing", reftype=kind, reftarget=target, refexplicit=False)


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(" | ") if part.strip()]


TYPE_LABELS = {"person": _("person"), "state": _("state"), "organization": _("organization")}


class EntityDirective(SphinxDirective):
    """``{entity} <id>``: the facts of an entity page, from options the generator writes."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, object]] = {
        key: directives.unchanged
        for key in (
            "kind",
            "kind-ja",
            "kind-en",
            "name-ja",
            "name-en",
            "reading",
            "type",
            "full-name-ja",
            "full-name-en",
            "aliases",
            "titles-ja",
            "titles-en",
            "country",
            "members",
            "forums",
            "description-ja",
            "description-en",
        )
    }

    def run(self) -> list[nodes.Node]:
        eid = self.arguments[0]
        opt = self.options
        is_english = english(self.config.language)
        lang = "en" if is_english else "ja"
        domain = get_domain(self.env)

        container = anchored(nodes.container(classes=["briefing-entity"]), f"entity-{eid}")
        description = opt.get(f"description-{lang}") or opt.get("description-ja") or opt.get("description-en")
        if description:
            container += nodes.paragraph(description, description, classes=["briefing-entity-description"])
        fields = nodes.field_list(classes=["briefing-facts"])
        names = " / ".join(dict.fromkeys(n for n in (opt.get("name-ja"), opt.get("name-en")) if n))
        fields += _field(_("Name"), nodes.Text(names))
        fields += _field(_("Reading"), nodes.Text(opt.get("reading", "")))
        kind_label = opt.get(f"kind-{lang}") or opt.get("kind", "")
        if opt.get("type"):
            kind_label += f" / {TYPE_LABELS.get(opt['type'], opt['type'])}"
        fields += _field(_("Kind"), nodes.Text(kind_label))
        full = " / ".join(n for n in (opt.get("full-name-ja"), opt.get("full-name-en")) if n)
        if full:
            fields += _field(_("Full name"), nodes.Text(full))
        titles = _split(opt.get(f"titles-{lang}", "")) or _split(opt.get("titles-ja", ""))
        if titles:
            fields += _field(_("Titles"), nodes.Text("、".join(titles) if not is_english else "; ".join(titles)))
        if opt.get("aliases"):
            fields += _field(_("Also called"), nodes.Text(", ".join(_split(opt["aliases"]))))
        for key, label in (("country", _("Country")), ("members", _("Members")), ("forums", _("Forums"))):
            targets = _split(opt.get(key, ""))
            if targets:
                body: list[nodes.Node] = []
                for i, target in enumerate(targets):
                    if i:
                        body.append(nodes.Text(", "))
                    body.append(_xref("entity", target))
                fields += _field(label, *body)
        container += fields

        name_ja, name_en = opt.get("name-ja", eid), opt.get("name-en", "")
        reading = opt.get("reading", "")
        sortkey = reading_key(reading) if not name_ja.isascii() else ""
        entries = [("single", name_ja, f"entity-{eid}", "", reading_key(reading)[:1] or None)]
        if name_en and name_en != name_ja:
            entries.append(("single", name_en, f"entity-{eid}", "", None))
        # In print the entry is sorted by its reading (gojūon order), whatever the index program.
        index = entity_index(entries=entries, sortkeys=[sortkey])
        backlinks = view_node("entity", eid)
        # The facts block's target (not "<kind>-<id>", the page label: Sphinx's search
        # would shorten an anchor equal to "<type>-<name>" and rebuild it wrongly).
        anchor = f"entity-{eid}"
        record = EntityRecord(self.env.docname, anchor, opt.get("kind", ""), name_ja, name_en, reading)
        domain.add_entity(eid, record, container)
        return [index, container, backlinks]


class MentionRole(SphinxRole):
    """``{mention}`王毅 <wang-yi>```: a mention of an entity, recorded; a link unless the target starts with !."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        _has_title, shown, target = split_explicit_title(self.text)
        nolink = target.startswith("!")
        ids = [t for t in target.lstrip("!").split(",") if t]
        link = not nolink and len(ids) == 1
        # MyST builds a paragraph in order, so the text before the role is in it
        # (docutils' own inliner hands the paragraph its nodes only at the end).
        recorded = False
        if isinstance(self.inliner, MockInliner):
            parent = self.inliner.parent
            recorded = note_mention(parent, ids, link, shown, self.inliner.document)
            if recorded and not link:
                append_text(parent, shown)  # recorded, and plain text from the start
                return [], []
        node = mention(shown, shown, classes=["briefing-mention"], entities=ids, link=link, recorded=recorded)
        self.set_source_info(node)
        return [node], []


def setup_directives(app: Sphinx) -> None:
    app.add_directive("entity", EntityDirective)
    app.add_role("mention", MentionRole())
    app.add_directive("briefing", BriefingHeaderDirective)
    app.add_directive("takeaway", TakeawayDirective)
    app.add_directive("briefing-sources", SourcesDirective)
    app.add_directive("briefing-source", SourceDirective)
