"""Gathering pages: placeholders read with a page, filled from :mod:`.views` when it is written.

A ``briefing_view`` node names a view (``entity``, ``related``, ``header``,
``takeaways``, ``timeline``, ``latest``, ``directory``, ``graph``) and its
parameters.  At ``doctree-read`` the views of each page are noted in the
domain; at ``env-updated`` every page whose views now show something else
than when it was last written is written again (a fingerprint per page), so
an incremental build equals a clean one without writing the whole book; at
``doctree-resolved`` the placeholders become ordinary docutils nodes, which
every builder renders (HTML gets sphinx-design classes, LaTeX plain blocks).
"""

from __future__ import annotations

import datetime as dt
import html
import shutil
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.errors import NoUri
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .directives import long_date
from .domain import BriefingDomain, get_domain
from .graphs import BATCH_BUILDERS, LEDGER, briefing_graph, drawing_name, setup_graphs
from .jsonio import external_mentions
from .placeholders import briefing_view, view_node
from .views import BookViews, DocMentions, TakeawayFilter, fingerprint

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

_ = get_translation("briefing")
logger = logging.getLogger(__name__)

GRAPH_KINDS = frozenset({"actor", "forum"})
#: Builders whose pages link one another by relative URI: long lists are written as HTML.
RAW_HTML_BUILDERS = frozenset({"html", "dirhtml", "epub"})
SEPARATOR_HTML = '<span class="briefing-sep">、</span>'


# --------------------------------------------------------------------------- small node makers


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


class Context:
    """What node makers need: the domain, its views, the builder, the page a view is about
    (``page``) and the document being written (``docname``, where links start from; in a
    LaTeX build the whole book is one document)."""

    def __init__(self, app: Sphinx, page: str, docname: str, uris: PageURIs | None = None) -> None:
        self.app, self.page, self.docname = app, page, docname
        self.domain: BriefingDomain = get_domain(app.env)
        self.views: BookViews = self.domain.book_views()
        self.builder: Builder = app.builder
        self.language = app.config.language
        self.html = app.builder.format == "html"
        self._uris = PageURIs(app.builder, docname) if uris is None else uris

    def date(self, iso: str) -> str:
        return _long_date(iso, self.language) if iso else ""

    def date_html(self, iso: str) -> str:
        """`` (date)`` after a link, escaped; nothing without a date."""
        return html.escape(f" ({self.date(iso)})") if iso else ""

    def uri(self, docname: str) -> str | None:
        """The relative URI of ``docname`` from the page being written (see :class:`PageURIs`)."""
        return self._uris[docname]

    def link(self, docname: str, anchor: str, text: str, classes: Iterable[str] = ()) -> nodes.Node:
        """What ``make_refnode`` makes, with the URI from :meth:`uri` (the text alone without one)."""
        inner = nodes.inline(text, text, classes=list(classes))
        if docname == self.docname and anchor:
            return nodes.reference("", "", inner, internal=True, reftitle=text, refid=anchor)
        uri = self.uri(docname)
        if uri is None:
            return inner
        return nodes.reference("", "", inner, internal=True, reftitle=text, refuri=with_anchor(uri, anchor))

    def _entity_link(self, eid: str, badge: bool) -> tuple[str, str, list[str]] | None:
        """(docname, name, classes) of a link to an entity, or None for an unknown id."""
        rec = self.domain.entities.get(eid)
        if rec is None:
            return None
        classes = ["briefing-entity-ref", f"briefing-{rec.kind}"]
        if badge:
            colour = "sd-bg-primary sd-bg-text-primary" if rec.kind == "actor" else "sd-bg-info sd-bg-text-info"
            classes += ["sd-sphinx-override", "sd-badge", *colour.split()]
        return rec.docname, rec.name_ja if not _english(self.language) else rec.name_en, classes

    def entity(self, eid: str, *, badge: bool = False) -> nodes.Node:
        found = self._entity_link(eid, badge)
        if found is None:
            return nodes.Text(eid)
        docname, name, classes = found
        return self.link(docname, "", name, classes)

    def link_html(self, docname: str, text: str, classes: Iterable[str] = (), anchor: str = "") -> str:
        """:meth:`link` as HTML (for :data:`RAW_HTML_BUILDERS`), every text escaped."""
        span = f'<span class="{html.escape(" ".join(classes))}">' if classes else "<span>"
        uri = "" if docname == self.docname and anchor else self.uri(docname)  # "": an anchor on this page
        return _a(uri, f"{span}{html.escape(text)}</span>", anchor)

    def entities_html(self, eids: Iterable[str], *, badge: bool = False) -> str:
        """Links to entities as HTML, with the separators :meth:`separated` puts between them."""
        out = []
        for eid in eids:
            found = self._entity_link(eid, badge)
            out.append(html.escape(eid) if found is None else self.link_html(found[0], found[1], found[2]))
        return SEPARATOR_HTML.join(out)

    def separated(self, parts: list[nodes.Node], sep: str = "、") -> list[nodes.Node]:
        """Parts with a separator between them (hidden by CSS between badges in HTML)."""
        out: list[nodes.Node] = []
        for i, part in enumerate(parts):
            if i:
                out.append(nodes.inline(sep, sep, classes=["briefing-sep"]))
            out.append(part)
        return out


@cache
def _long_date(iso: str, language: str | None) -> str:
    return long_date(dt.date.fromisoformat(iso), language)


def _english(language: str | None) -> bool:
    return (language or "ja").startswith("en")


def _rubric(text: str) -> nodes.rubric:
    return nodes.rubric(text, text)


def _para(*children: nodes.Node, classes: Iterable[str] = ()) -> nodes.paragraph:
    return nodes.paragraph("", "", *children, classes=list(classes))


def _bullets(items: Iterable[list[nodes.Node]], classes: Iterable[str] = ()) -> nodes.bullet_list:
    out = nodes.bullet_list(classes=list(classes))
    for children in items:
        out += nodes.list_item("", *children)
    return out


# --------------------------------------------------------------------------- the views as nodes


def make_entity(ctx: Context, eid: str) -> list[nodes.Node]:
    view = ctx.views.entity(eid)
    # no-search: the quoted sentences are found on their briefing, not here again.
    box = nodes.container(classes=["briefing-backlinks", "no-search"])
    if not view.docs and not external_mentions(ctx.domain, eid):
        box += _rubric(_("Mentioned in"))
        box += _para(nodes.Text(_("No briefing mentions it yet.")))
        return [box]
    heading = _("Mentioned in %(docs)d briefings, %(total)d times") % {"docs": len(view.docs), "total": view.total}
    box += _rubric(heading)
    if view.first_seen:
        seen = _("First seen %(first)s, last seen %(last)s") % {
            "first": ctx.date(view.first_seen),
            "last": ctx.date(view.last_seen),
        }
        box += _para(nodes.Text(seen), classes=["briefing-seen"])
    if ctx.builder.name in RAW_HTML_BUILDERS:
        box += nodes.raw("", _mentioned_in_html(ctx, view.docs), format="html")
    else:
        rows = []
        for row in view.docs:
            head = _para(ctx.link(row.docname, "", row.title))
            if row.date:
                head += nodes.Text(f" ({ctx.date(row.date)})")
            head += nodes.Text(" — " + _("%d mentions") % row.times)
            sentences = _bullets(
                ([_para(ctx.link(row.docname, anchor, sentence))] for anchor, sentence in row.sentences),
                classes=["briefing-sentences"],
            )
            rows.append([head, sentences])
        box += _bullets(rows, classes=["briefing-mentioned-in"])
    if view.together:
        box += _rubric(_("Often mentioned with"))
        parts: list[nodes.Node] = []
        for other, count in view.together:
            parts.append(nodes.inline("", "", ctx.entity(other), nodes.Text(f" ({count})")))
        box += _para(*ctx.separated(parts), classes=["briefing-co-mentions"])
    outside = external_mentions(ctx.domain, eid)
    if outside:
        box += _rubric(_("Mentioned in other books"))
        rows = []
        for m in outside:
            head = _para(nodes.reference(m.briefing, m.briefing, refuri=m.url, internal=False))
            head += nodes.Text(f" ({m.book}{', ' + ctx.date(m.date) if m.date else ''})")
            rows.append([head, _bullets([[_para(nodes.reference(m.sentence, m.sentence, refuri=m.url))]])])
        box += _bullets(rows, classes=["briefing-external-mentions"])
    graph = make_graph(ctx, around=eid, limit=25)
    if graph:
        box += _rubric(_("Relationship graph"))
        box += graph
    return [box]


def _mentioned_in_html(ctx: Context, docs: Iterable[DocMentions]) -> str:
    """The briefings and sentences naming an entity, as HTML (XHTML for EPUB too).

    A hub entity is named by most briefings, so its page lists tens of
    thousands of sentences: written out here directly, every text escaped,
    instead of as as many docutils nodes made, resolved and translated one by
    one (the same markup the nodes gave, without a title repeating each link).
    """
    out = ['<ul class="briefing-mentioned-in simple">']
    for row in docs:
        uri = ctx.uri(row.docname)
        date = ctx.date_html(row.date)
        times = html.escape(" — " + _("%d mentions") % row.times)
        out.append(
            f"<li><p>{_a(uri, f'<span>{html.escape(row.title)}</span>')}{date}{times}</p>\n"
            '<ul class="briefing-sentences">'
        )
        out += [
            f"<li><p>{_a(uri, f'<span>{html.escape(sentence)}</span>', anchor)}</p></li>"
            for anchor, sentence in row.sentences
        ]
        out.append("</ul></li>")
    out.append("</ul>")
    return "\n".join(out)


def _a(uri: str | None, inner: str, anchor: str = "") -> str:
    """An internal link around ``inner`` (HTML already), or ``inner`` alone without a URI."""
    if uri is None:
        return inner
    href = html.escape(with_anchor(uri, anchor))
    return f'<a class="reference internal" href="{href}">{inner}</a>'


def make_related(ctx: Context) -> list[nodes.Node]:
    related = ctx.views.related(ctx.page)
    if not related:
        return []
    box = nodes.container(classes=["briefing-related", "no-search"])
    box += _rubric(_("Related briefings"))
    if ctx.builder.name in RAW_HTML_BUILDERS:  # as nodes below, written out directly (see _mentioned_in_html)
        shares = html.escape(" — " + _("shares") + " ")
        items = [
            f"<li><p>{ctx.link_html(rel.docname, rel.title)}"
            f"{ctx.date_html(rel.date)}"
            f"{shares}{ctx.entities_html(rel.shared)}</p></li>"
            for rel in related
        ]
        box += nodes.raw("", '<ul class="simple">\n' + "\n".join(items) + "\n</ul>", format="html")
        return [box]
    rows = []
    for rel in related:
        head = _para(ctx.link(rel.docname, "", rel.title))
        if rel.date:
            head += nodes.Text(f" ({ctx.date(rel.date)})")
        shared = [ctx.entity(e) for e in rel.shared]
        head += nodes.Text(" — " + _("shares") + " ")
        head.extend(ctx.separated(shared))
        rows.append([head])
    box += _bullets(rows)
    return [box]


def make_header(ctx: Context) -> list[nodes.Node]:
    """The header rows that need the whole page read: entity badges and the takeaway count."""
    out: list[nodes.Node] = []
    kinds = ctx.domain.kinds
    for kind, ids in ctx.views.header(ctx.page):
        if kind not in GRAPH_KINDS:
            continue
        label = (kinds[kind].name_en if _english(ctx.language) else kinds[kind].name_ja) if kind in kinds else kind
        if ctx.builder.name in RAW_HTML_BUILDERS:  # a briefing names dozens: written out directly
            # (In a paragraph, so the list stays "simple"; out of the search index, which
            # would not unescape it; the names are in the text anyway.)
            raw = nodes.raw("", ctx.entities_html(ids, badge=True), format="html")
            out.append(_field(label, raw, classes=["no-search"]))
        else:
            out.append(_field(label, *ctx.separated([ctx.entity(e, badge=True) for e in ids])))
    out.append(_field(_("Takeaways"), nodes.Text(str(ctx.views.takeaway_counts[ctx.page]))))
    return out


def _field(label: str, *body: nodes.Node, classes: Iterable[str] = ()) -> nodes.field:
    return nodes.field("", nodes.field_name(label, label), nodes.field_body("", _para(*body, classes=classes)))


def make_takeaways(ctx: Context, flt: TakeawayFilter) -> list[nodes.Node]:
    items = ctx.views.takeaway_items(flt)
    if not items:
        return [_para(nodes.Text(_("No takeaways match.")), classes=["briefing-takeaway-list"])]
    if ctx.builder.name in RAW_HTML_BUILDERS:  # the book's list holds every takeaway: written out directly
        html_rows = []
        for item in items:
            meta = ctx.link_html(item.docname, item.briefing_title)
            meta += ctx.date_html(item.date)
            if item.entities:
                meta += html.escape(" — ") + ctx.entities_html(item.entities)
            html_rows.append(
                f"<li><p>{ctx.link_html(item.docname, item.text, anchor=item.anchor)}</p>\n"
                f'<p class="briefing-takeaway-meta">{meta}</p>\n</li>'
            )
        listing = '<ul class="briefing-takeaway-list no-search">\n' + "\n".join(html_rows) + "\n</ul>\n"
        # (Sphinx indexes raw HTML with its tags stripped unless it is marked no-search.)
        return [nodes.raw("", listing, format="html", classes=["no-search"])]
    rows = []
    for item in items:
        text = _para(ctx.link(item.docname, item.anchor, item.text))
        meta = _para(ctx.link(item.docname, "", item.briefing_title), classes=["briefing-takeaway-meta"])
        if item.date:
            meta += nodes.Text(f" ({ctx.date(item.date)})")
        if item.entities:
            meta += nodes.Text(" — ")
            meta.extend(ctx.separated([ctx.entity(e) for e in item.entities]))
        rows.append([text, meta])
    return [_bullets(rows, classes=["briefing-takeaway-list", "no-search"])]


def make_timeline(ctx: Context) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    raw = ctx.builder.name in RAW_HTML_BUILDERS  # every briefing: written out directly
    for month, rows in ctx.views.timeline():
        if month:
            year, mon = month.split("-")
            label = f"{year}-{mon}" if _english(ctx.language) else f"{int(year)}年{int(mon)}月"
        else:
            label = _("Undated")
        out.append(_rubric(label))
        if raw:
            html_rows = "\n".join(
                f"<li><p>{ctx.link_html(doc, title)}{ctx.date_html(date)}</p></li>" for doc, title, date in rows
            )
            out.append(nodes.raw("", f'<ul class="simple">\n{html_rows}\n</ul>\n', format="html"))
            continue
        items = (
            [_para(ctx.link(doc, "", title), nodes.Text(f" ({ctx.date(date)})" if date else ""))]
            for doc, title, date in rows
        )
        out.append(_bullets(items))
    return [nodes.container("", *out, classes=["briefing-timeline", "no-search"])]


def make_latest(ctx: Context, limit: int) -> list[nodes.Node]:
    """The newest briefings as sphinx-design cards (a plain list outside HTML)."""
    grid = nodes.container(
        classes=["sd-container-fluid", "sd-sphinx-override", "sd-mb-4", "briefing-latest", "no-search"]
    )
    row = nodes.container(classes=["sd-row", "sd-row-cols-1", "sd-row-cols-sm-2", "sd-row-cols-lg-3", "sd-g-3"])
    for docname, title, date, count in ctx.views.latest(limit):
        card = nodes.container(classes=["sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm", "sd-card-hover"])
        body = nodes.container(classes=["sd-card-body"])
        body += _para(ctx.link(docname, "", title), classes=["sd-card-title", "sd-font-weight-bold"])
        info = ctx.date(date) + (" · " if date else "") + _("%d takeaways") % count
        body += _para(nodes.Text(info), classes=["sd-card-text"])
        card += body
        row += nodes.container("", card, classes=["sd-col", "sd-d-flex-row"])
    grid += row
    return [grid]


def make_directory(ctx: Context, kinds: list[str]) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for kind, entries in ctx.views.directory(kinds):
        if not entries:
            continue
        k = ctx.domain.kinds.get(kind)
        label = (k.name_en if _english(ctx.language) else k.name_ja) if k else kind
        out.append(_rubric(label))
        parts = [nodes.inline("", "", ctx.entity(e, badge=True), nodes.Text(f" {n}" if n else "")) for e, n in entries]
        out.append(_para(*ctx.separated(parts, " "), classes=["briefing-directory"]))
    return out


@cache
def _dot_found(dot: str) -> bool:
    return shutil.which(dot) is not None


def check_graphviz(app: Sphinx) -> None:
    """Without Graphviz the book builds, without its graphs, and says once how to get them."""
    if not _dot_found(app.config.graphviz_dot):
        logger.warning(
            "graphviz's %r program is not installed: the relationship graphs are left out "
            "(Debian/Ubuntu: sudo apt-get install graphviz fonts-noto-cjk)",
            app.config.graphviz_dot,
            type="briefing",
            subtype="graphviz",
            location=f"{Path(app.confdir) / 'conf.py'}:1",
        )


def make_graph(ctx: Context, around: str = "", limit: int = 0) -> list[nodes.Node]:
    limit = limit or ctx.app.config.briefing_graph_max_edges
    edges = ctx.views.edges(GRAPH_KINDS, limit, around)
    if not edges or not _dot_found(ctx.app.config.graphviz_dot):
        return []
    entities = ctx.domain.entities
    names = sorted({e for a, b, _n in edges for e in (a, b)})
    heaviest = max(n for _a, _b, n in edges)

    # Edges routed around the boxes only in the book's graph: an entity's graph is a star, whose
    # edges run straight from the centre anyway, and routing them made Graphviz ~4x slower.
    splines = "" if around else " splines=true,"

    def code(url_of: Callable[[str], str]) -> str:
        lines = [
            "graph briefing {",
            f'  graph [layout=neato, overlap=false,{splines} outputorder=edgesfirst, bgcolor="transparent"];',
            '  node [shape=box, style="rounded,filled", fontname="Noto Sans CJK JP", fontsize=11, penwidth=0];',
            '  edge [color="#8090a0"];',
        ]
        for eid in names:
            rec = entities[eid]
            colour = "#dbe8fb" if rec.kind == "actor" else "#fdebd0"
            url = url_of(rec.docname) if ctx.html and eid != around else ""
            extra = ', penwidth=2, color="#3465a4"' if eid == around else ""
            label, link = _dot(rec.name_ja), _dot(url)
            lines.append(f'  "{eid}" [label="{label}", fillcolor="{colour}", URL="{link}", target="_top"{extra}];')
        for a, b, n in edges:
            width = 0.6 + 3.4 * n / heaviest
            lines.append(f'  "{a}" -- "{b}" [penwidth={width:.2f}, tooltip="{n}"];')
        lines.append("}")
        return "\n".join(lines)

    node = briefing_graph()
    node["code"] = code(lambda docname: ctx.builder.get_relative_uri(ctx.docname, docname))
    if ctx.builder.name in BATCH_BUILDERS:
        # From the image folder at the root, where the batch-drawn SVG is.
        node["batch_code"] = code(lambda docname: "../" + ctx.builder.get_target_uri(docname))
        LEDGER.note(ctx.docname, drawing_name(ctx.builder.config, node["batch_code"]))
    node["options"] = {"docname": ctx.docname}
    node["alt"] = _("Relationship graph")
    node["classes"] = ["briefing-graph"]
    return [nodes.container("", node, classes=["briefing-graph-box"])]


def _dot(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def render(ctx: Context, view: str, params: list[str]) -> list[nodes.Node]:
    if view == "entity":
        return make_entity(ctx, params[0])
    if view == "related":
        return make_related(ctx)
    if view == "header":
        return make_header(ctx)
    if view == "takeaways":
        return make_takeaways(ctx, _filter(params))
    if view == "timeline":
        return make_timeline(ctx)
    if view == "latest":
        return make_latest(ctx, _count(params))
    if view == "directory":
        return make_directory(ctx, params or ["actor", "forum"])
    if view == "graph":
        return make_graph(ctx)
    raise ValueError(f"unknown view {view!r}")


def _count(params: list[str]) -> int:
    return int(params[0]) if params and params[0].isdigit() else 6


def _filter(params: list[str]) -> TakeawayFilter:
    entities, briefing, start, end, limit = [*params, "", "", "", "", "0"][:5]
    return TakeawayFilter(frozenset(e for e in entities.split(",") if e), briefing, start, end, int(limit or 0))


# --------------------------------------------------------------------------- events


def note_views(app: Sphinx, doctree: nodes.document) -> None:
    keys = []
    for node in doctree.findall(briefing_view):
        node["page"] = app.env.docname  # the page whose data it shows, also inside a LaTeX book
        keys.append((node["view"], *node["params"]))
    get_domain(app.env).set_page_views(app.env.docname, keys)


def _page_fingerprint(domain: BriefingDomain, docname: str, keys: list[tuple[str, ...]], salt: str) -> str:
    views = domain.book_views()
    shown: list[object] = [salt]
    for key in keys:
        view, params = key[0], list(key[1:])
        if view == "entity":
            shown.append(views.entity(params[0]))
            shown.append(external_mentions(domain, params[0]))
            shown.append(views.edges(GRAPH_KINDS, 25, params[0]))
        elif view == "related":
            shown.append(views.related(docname))
        elif view == "header":
            shown.append((views.header(docname), views.takeaway_counts[docname]))
        elif view == "takeaways":
            shown.append(views.takeaway_items(_filter(params)))
        elif view == "timeline":
            shown.append(views.timeline())
        elif view == "latest":
            shown.append(views.latest(_count(params)))
        elif view == "directory":
            shown.append(views.directory(params or ["actor", "forum"]))
        elif view == "graph":
            shown.append(views.edges(GRAPH_KINDS, 10**6, ""))
    return fingerprint(shown)


def _may_have_changed(
    docname: str, keys: list[tuple[str, ...]], touched: set[str], entities: set[str], own: Callable[[str], set[str]]
) -> bool:
    """Whether what a page shows can differ now that ``touched`` were read again (or removed).

    ``entities``: those the touched documents name, now or before; ``own(doc)``:
    those ``doc`` names.  An entity's view (its mentions, co-mentions,
    neighbourhood) is made of the briefings that name it, so it changes only
    with a document that names it; a briefing's header only with the briefing
    itself; its related briefings only with a document that shares an entity
    with it (a briefing that shares none scores nothing with it, before and
    after, and the weights that move are those of the touched entities); the
    views over the whole book (lists, timeline, graph) with any change at all.
    """
    if not touched:
        return False
    if docname in touched:
        return True
    for key in keys:
        if key[0] == "entity":
            if key[1] in entities:
                return True
        elif key[0] == "related":
            if not own(docname).isdisjoint(entities):
                return True
        elif key[0] != "header":
            return True
    return False


def descendants(parent: str, tree: Mapping[str, Sequence[str]]) -> set[str]:
    """Every document under ``parent`` in a toctree map (parent -> children)."""
    found: set[str] = set()
    todo = [parent]
    while todo:
        for child in tree.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _navigation_changes(env: BuildEnvironment, state: dict[str, Any]) -> set[str]:
    """Pages whose navigation (sidebar, previous/next) differs from when they were last written.

    Sphinx rewrites only the pages it read again; but adding, retitling or
    removing a page changes the sidebar of its siblings (the theme collapses
    the tree to the current page's branch) and the previous/next links of its
    neighbours.  Those pages are written again too.
    """
    relations = {doc: tuple(rel) for doc, rel in env.collect_relations().items()}
    tree = {parent: tuple(children) for parent, children in env.toctree_includes.items()}
    titles = {doc: title.astext() for doc, title in env.titles.items()}
    old_relations, old_tree, old_titles = state.get("relations"), state.get("tree"), state.get("titles")
    state.update(relations=relations, tree=tree, titles=titles)
    if old_relations is None or old_tree is None or old_titles is None:
        return set()  # the first build writes everything anyway
    changed = {doc for doc, rel in relations.items() if old_relations.get(doc) != rel}
    # Only the tree the sidebar shows: the one under the root document.
    shown = {env.config.root_doc} | descendants(env.config.root_doc, tree)
    parents = {p for p in set(tree) | set(old_tree) if p in shown and tree.get(p) != old_tree.get(p)}
    parents |= {rel[0] for doc, rel in relations.items() if rel[0] and titles.get(doc) != old_titles.get(doc)}
    for parent in parents:
        changed |= {parent} | descendants(parent, tree)
    return changed


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading: the pages whose gathered content or navigation changed since last written.

    Kept per builder: what the HTML pages showed says nothing about the PDF.
    """
    domain = get_domain(env)
    state: dict[str, Any] = domain.data.setdefault("written", {}).setdefault(app.builder.name, {})
    old: dict[str, str] = state.get("fingerprints", {})
    # Entity names, kind labels and other books' mentions show in many views: one
    # hash of them, once per build.  While it holds, only the pages whose views
    # a document read again can have changed are fingerprinted again.
    salt = fingerprint(
        (sorted(domain.entities.items()), sorted(domain.kinds.items()), sorted(domain.data.get("external", {}).items()))
    )
    touched = set(domain.touched)
    entities = set(domain.touched_entities)
    for doc in touched:
        entities |= domain.entities_in(doc)
    entities |= {eid for eid, rec in domain.entities.items() if rec.docname in touched}
    before, now = domain.content_version()
    # Only what this build read can have changed since this builder last wrote, unless
    # another builder (sharing the doctrees) read changes in between: then recompute all.
    same_salt = state.get("salt") == salt and state.get("version") == before
    new = {
        doc: old[doc]
        if same_salt and doc in old and not _may_have_changed(doc, keys, touched, entities, domain.entities_in)
        else _page_fingerprint(domain, doc, keys, salt)
        for doc, keys in domain.page_views.items()
    }
    state["fingerprints"], state["salt"], state["version"] = new, salt, now
    rewrite = {doc for doc, value in new.items() if old.get(doc) != value}
    rewrite |= _navigation_changes(env, state)
    return sorted(doc for doc in rewrite if doc in env.all_docs)


def note_removed(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    get_domain(env).data["removed"] = sorted(removed)
    return []


def delete_removed_outputs(app: Sphinx, exception: Exception | None) -> None:
    """A deleted seed's page leaves no HTML behind (a clean build would have none)."""
    removed = get_domain(app.env).data.pop("removed", [])
    if exception is not None or app.builder.format != "html" or not hasattr(app.builder, "get_outfilename"):
        return
    for docname in removed:
        Path(app.builder.get_outfilename(docname)).unlink(missing_ok=True)


def fill_views(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    contexts: dict[str, Context] = {}  # one per page shown
    uris = PageURIs(app.builder, docname)  # shared: every link starts from the page written
    for node in list(doctree.findall(briefing_view)):
        page = node.get("page") or docname
        ctx = contexts.get(page)
        if ctx is None:
            ctx = contexts[page] = Context(app, page, docname, uris)
        replacement = render(ctx, node["view"], node["params"])
        if isinstance(node.parent, nodes.field_list):
            node.replace_self([n for n in replacement if isinstance(n, nodes.field)])
        else:
            node.replace_self(replacement)


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
                subtype="takeaway-list",
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
                subtype="directive",
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
    """``{briefing-graph}``: the co-mention graph of actors and forums."""

    view = "graph"


def setup_pages(app: Sphinx) -> None:
    app.setup_extension("sphinx.ext.graphviz")
    setup_graphs(app)
    app.add_node(briefing_view)
    app.add_directive("takeaway-list", TakeawayListDirective)
    app.add_directive("briefing-timeline", TimelineDirective)
    app.add_directive("briefing-latest", LatestDirective)
    app.add_directive("entity-directory", DirectoryDirective)
    app.add_directive("briefing-graph", GraphDirective)
    app.add_directive("briefing-related", RelatedDirective)
    app.connect("builder-inited", check_graphviz)
    app.connect("doctree-read", note_views)
    app.connect("env-get-outdated", note_removed)
    app.connect("env-updated", pages_to_rewrite)
    app.connect("build-finished", delete_removed_outputs)
    app.connect("doctree-resolved", fill_views)
