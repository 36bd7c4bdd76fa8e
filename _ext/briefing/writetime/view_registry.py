"""The views as nodes, and the one registry of views.

Each view (``entity``, ``related``, ``header``, ``takeaways``, ``timeline``,
``latest``, ``directory``, ``graph``) is a :class:`View`: what it shows (plain
data from :class:`briefing.data.views.BookViews`, whose fingerprint decides whether
a page is written again, see :mod:`briefing.rewrite`), how that becomes nodes,
and which change to the book can change it.  Long lists of links are
:mod:`briefing.linklists` nodes; everything else ordinary docutils nodes that
every builder writes (HTML gets sphinx-design classes, LaTeX plain blocks).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util import logging

from briefing.data.attention import attention
from briefing.data.views import EntityView, TakeawayFilter, in_months
from briefing.exchange.other_books import external_mentions
from briefing.output import charts
from briefing.output.graphs import BATCH_BUILDERS, LEDGER, briefing_graph, drawing_name
from briefing.readtime.config import BriefingConfig
from briefing.util.subtypes import Subtype
from briefing.writetime.link_lists import Block, Para, Segment, bullets, list_node, para, text_node

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from sphinx.application import Sphinx

    from briefing.readtime.domain import BriefingDomain
    from briefing.writetime.links import Context

_ = get_translation("briefing")
logger = logging.getLogger(__name__)

GRAPH_KINDS = frozenset({"actor", "forum"})
#: The edges of the graph on an entity's page (its neighbourhood).
ENTITY_GRAPH_EDGES = 25
#: Sources named beside the attention chart (the most frequent).
ATTENTION_SOURCES = 8


def _rubric(text: str) -> nodes.rubric:
    return nodes.rubric(text, text)


def _para(*children: nodes.Node, classes: Iterable[str] = ()) -> nodes.paragraph:
    return nodes.paragraph("", "", *children, classes=list(classes))


def _field(label: str, *body: nodes.Node, classes: Iterable[str] = ()) -> nodes.field:
    return nodes.field("", nodes.field_name(label, label), nodes.field_body("", _para(*body, classes=classes)))


def _kind_label(ctx: Context, kind: str) -> str:
    k = ctx.domain.kinds.get(kind)
    return (k.name_en if ctx.english else k.name_ja) if k else kind


# --------------------------------------------------------------------------- each view's nodes


def entity_nodes(ctx: Context, params: list[str]) -> list[nodes.Node]:
    """On an entity's page: where it is mentioned, with whom, in other books, and its graph."""
    eid = params[0]
    window = _dossier_window(ctx, eid)
    view = _in_window(ctx.views.entity(eid), window)
    outside = external_mentions(ctx.domain, eid) if not any(window) else []
    # no-search: the quoted sentences are found on their briefing, not here again.
    box = nodes.container(classes=["briefing-backlinks", "no-search"])
    if not view.docs and not outside:
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
    box += attention_nodes(ctx, eid, window)
    rows: list[list[Block]] = []
    for row in view.docs:
        head = para(ctx.to(row.docname, row.title), ctx.dated(row.date), " — " + _("%d mentions") % row.times)
        sentences = bullets(
            ([para(ctx.to(row.docname, sentence, anchor))] for anchor, sentence in row.sentences),
            classes=["briefing-sentences"],
        )
        rows.append([head, sentences])
    box += list_node(bullets(rows, classes=["briefing-mentioned-in", "simple"]))
    if view.together:
        box += _rubric(_("Often mentioned with"))
        parts: list[nodes.Node] = []
        for other, count in view.together:
            parts.append(nodes.inline("", "", ctx.entity(other), nodes.Text(f" ({count})")))
        box += _para(*ctx.separated(parts), classes=["briefing-co-mentions"])
    if outside:
        box += _rubric(_("Mentioned in other books"))
        items = []
        for m in outside:
            head = _para(nodes.reference(m.briefing, m.briefing, refuri=m.url, internal=False))
            head += nodes.Text(f" ({m.book}{', ' + ctx.date(m.date) if m.date else ''})")
            sentence = nodes.bullet_list(
                "", nodes.list_item("", _para(nodes.reference(m.sentence, m.sentence, refuri=m.url)))
            )
            items.append(nodes.list_item("", head, sentence))
        box += nodes.bullet_list("", *items, classes=["briefing-external-mentions"])
    graph = graph_nodes(ctx, around=eid, limit=ENTITY_GRAPH_EDGES)
    if graph:
        box += _rubric(_("Relationship graph"))
        box += graph
    return [box]


def _dossier_window(ctx: Context, eid: str) -> tuple[str, str]:
    """The months of the dossier being written about ``eid`` (("", "") on any other page or build)."""
    conf = BriefingConfig.of(ctx.app.config)
    if ctx.builder.name != "latex" or conf.dossier != eid:
        return ("", "")
    return (conf.dossier_from, conf.dossier_to)


def _in_window(view: EntityView, window: tuple[str, str]) -> EntityView:
    """The entity's view with only the briefings dated in ``window`` (months; unchanged when open)."""
    start, end = window
    if not (start or end):
        return view
    docs = tuple(r for r in view.docs if in_months(r.date, start, end))
    dates = sorted(r.date for r in docs)
    first, last = (dates[0], dates[-1]) if dates else ("", "")
    return view._replace(docs=docs, total=sum(r.times for r in docs), first_seen=first, last_seen=last)


def attention_nodes(ctx: Context, eid: str, window: tuple[str, str] = ("", "")) -> list[nodes.Node]:
    """Briefings per month as a chart (SVG in HTML, a picture in the PDF), and per source beside it."""
    seen = attention(ctx.views, eid)
    start, end = window
    if start or end:
        months = tuple((m, n) for m, n in seen.months if in_months(m, start, end))
        seen = seen._replace(months=months)
    if not seen.months:
        return []
    caption = _("Briefings mentioning it, by month")
    box = nodes.container(classes=["briefing-attention"])
    box += nodes.raw("", charts.svg(seen.months, caption), format="html")
    box += nodes.raw("", charts.latex(seen.months, caption), format="latex")
    if seen.sources:
        parts = [nodes.inline("", f"{source} ({count})") for source, count in seen.sources[:ATTENTION_SOURCES]]
        label = nodes.strong(_("By source"), _("By source"))
        box += _para(label, nodes.Text(": "), *ctx.separated(parts), classes=["briefing-attention-sources"])
    return [box]


def related_nodes(ctx: Context, params: list[str]) -> list[nodes.Node]:
    """On a briefing's page: the briefings that share most (rare) entities with it."""
    related = ctx.views.related(ctx.page)
    if not related:
        return []
    box = nodes.container(classes=["briefing-related", "no-search"])
    box += _rubric(_("Related briefings"))
    rows = [
        [para(ctx.to(rel.docname, rel.title), ctx.dated(rel.date), " — " + _("shares") + " ", ctx.entities(rel.shared))]
        for rel in related
    ]
    box += list_node(bullets(rows, classes=["simple"]))
    return [box]


def header_nodes(ctx: Context, params: list[str]) -> list[nodes.Node]:
    """The header rows that need the whole page read: entity badges and the takeaway count."""
    out: list[nodes.Node] = []
    for kind, ids in ctx.views.header(ctx.page):
        if kind in GRAPH_KINDS:
            # A briefing names dozens. (Out of the search index: the names are in the text.)
            badges = text_node(ctx.entities(ids, badge=True))
            out.append(_field(_kind_label(ctx, kind), badges, classes=["no-search"]))
    out.append(_field(_("Takeaways"), nodes.Text(str(ctx.views.takeaway_counts[ctx.page]))))
    return out


def takeaway_filter(params: list[str]) -> TakeawayFilter:
    entities, briefing, start, end, limit = [*params, "", "", "", "", "0"][:5]
    return TakeawayFilter(frozenset(e for e in entities.split(",") if e), briefing, start, end, int(limit or 0))


def takeaways_nodes(ctx: Context, params: list[str]) -> list[nodes.Node]:
    """The book's takeaways (filtered), each with its briefing, date and entities."""
    items = ctx.views.takeaway_items(takeaway_filter(params))
    if not items:
        return [_para(nodes.Text(_("No takeaways match.")), classes=["briefing-takeaway-list"])]
    rows: list[list[Block]] = []
    for item in items:
        meta: list[Segment] = [ctx.to(item.docname, item.briefing_title), ctx.dated(item.date)]
        if item.entities:
            meta += [" — ", *ctx.entities(item.entities)]
        text = para(ctx.to(item.docname, item.text, item.anchor))
        rows.append([text, para(*meta, classes=["briefing-takeaway-meta"])])
    return [list_node(bullets(rows, classes=["briefing-takeaway-list", "no-search"]))]


def timeline_nodes(ctx: Context, params: list[str]) -> list[nodes.Node]:
    """Every briefing by month, newest first."""
    out: list[nodes.Node] = []
    for month, rows in ctx.views.timeline():
        if month:
            year, mon = month.split("-")
            label = f"{year}-{mon}" if ctx.english else f"{int(year)}年{int(mon)}月"
        else:
            label = _("Undated")
        out.append(_rubric(label))
        items: list[list[Para]] = [[para(ctx.to(doc, title), ctx.dated(date))] for doc, title, date in rows]
        out.append(list_node(bullets(items, classes=["simple"])))
    return [nodes.container("", *out, classes=["briefing-timeline", "no-search"])]


def latest_count(params: list[str]) -> int:
    return int(params[0]) if params and params[0].isdigit() else 6


def latest_nodes(ctx: Context, params: list[str]) -> list[nodes.Node]:
    """The newest briefings as sphinx-design cards (plain blocks outside HTML)."""
    grid = nodes.container(
        classes=["sd-container-fluid", "sd-sphinx-override", "sd-mb-4", "briefing-latest", "no-search"]
    )
    row = nodes.container(classes=["sd-row", "sd-row-cols-1", "sd-row-cols-sm-2", "sd-row-cols-lg-3", "sd-g-3"])
    for docname, title, date, count in ctx.views.latest(latest_count(params)):
        card = nodes.container(classes=["sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm", "sd-card-hover"])
        body = nodes.container(classes=["sd-card-body"])
        body += _para(ctx.link(docname, "", title), classes=["sd-card-title", "sd-font-weight-bold"])
        info = ctx.date(date) + (" · " if date else "") + _("%d takeaways") % count
        body += _para(nodes.Text(info), classes=["sd-card-text"])
        card += body
        row += nodes.container("", card, classes=["sd-col", "sd-d-flex-row"])
    grid += row
    return [grid]


def directory_kinds(params: list[str]) -> list[str]:
    return params or ["actor", "forum"]


def directory_nodes(ctx: Context, params: list[str]) -> list[nodes.Node]:
    """The entities of some kinds as badges with their counts, in gojūon order."""
    out: list[nodes.Node] = []
    for kind, entries in ctx.views.directory(directory_kinds(params)):
        if not entries:
            continue
        out.append(_rubric(_kind_label(ctx, kind)))
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
            subtype=Subtype.GRAPHVIZ,
            location=f"{Path(app.confdir) / 'conf.py'}:1",
        )


def graph_nodes(ctx: Context, around: str = "", limit: int = 0, window: tuple[str, str] = ("", "")) -> list[nodes.Node]:
    """The co-mention graph of actors and forums (around one entity, or the book's; of a period)."""
    limit = limit or BriefingConfig.of(ctx.app.config).graph_max_edges
    edges = ctx.views.edges(GRAPH_KINDS, limit, around, window)
    if not edges or not _dot_found(ctx.app.config.graphviz_dot):
        return []
    entities = ctx.domain.entities
    names = sorted({e for a, b, _n in edges for e in (a, b)})
    heaviest = max(n for _a, _b, n in edges)

    # Edges routed around the boxes only in the book's graph: an entity's graph is a star,
    # whose edges run straight from the centre anyway (and routing costs Graphviz dearly).
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


def graph_window(params: list[str]) -> tuple[str, str]:
    """The months a graph directive keeps (``:from:``, ``:to:``; "" where open)."""
    return (params[0] if params else "", params[1] if len(params) > 1 else "")


def _dot(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


# --------------------------------------------------------------------------- the registry


class Depends(Enum):
    """Which documents read again can change what a view shows (:func:`.rewrite.may_have_changed`)."""

    ENTITY = "those naming the entity it is about"
    SHARED = "those sharing an entity with its page"
    PAGE = "its page only"
    BOOK = "any"


@dataclass(frozen=True)
class View:
    """One view: what it shows (for the page's fingerprint), its nodes, what it depends on."""

    shows: Callable[[BriefingDomain, str, list[str]], object]  # (domain, page, params) -> plain data
    nodes: Callable[[Context, list[str]], list[nodes.Node]]
    depends: Depends


def _entity_shows(domain: BriefingDomain, page: str, params: list[str]) -> object:
    views, eid = domain.book_views(), params[0]
    shown = views.entity(eid), external_mentions(domain, eid), views.edges(GRAPH_KINDS, ENTITY_GRAPH_EDGES, eid)
    return (*shown, attention(views, eid))


VIEWS: dict[str, View] = {
    "entity": View(_entity_shows, entity_nodes, Depends.ENTITY),
    "related": View(lambda d, page, p: d.book_views().related(page), related_nodes, Depends.SHARED),
    "header": View(
        lambda d, page, p: (d.book_views().header(page), d.book_views().takeaway_counts[page]),
        header_nodes,
        Depends.PAGE,
    ),
    "takeaways": View(
        lambda d, page, p: d.book_views().takeaway_items(takeaway_filter(p)), takeaways_nodes, Depends.BOOK
    ),
    "timeline": View(lambda d, page, p: d.book_views().timeline(), timeline_nodes, Depends.BOOK),
    "latest": View(lambda d, page, p: d.book_views().latest(latest_count(p)), latest_nodes, Depends.BOOK),
    "directory": View(lambda d, page, p: d.book_views().directory(directory_kinds(p)), directory_nodes, Depends.BOOK),
    "graph": View(
        lambda d, page, p: d.book_views().edges(GRAPH_KINDS, 10**6, "", graph_window(p)),
        lambda ctx, p: graph_nodes(ctx, window=graph_window(p)),
        Depends.BOOK,
    ),
}
