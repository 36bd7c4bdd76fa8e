"""Lists of links that can be long, as nodes every builder can write.

A hub entity's page lists every sentence that names it, and the book's
takeaway list every takeaway: thousands of links on one page.  Made as docutils
nodes (a reference in an inline in a paragraph in a list item, each resolved,
translated and escaped one by one) they would be most of what writing the page
costs.  So a view describes such a list as plain data (paragraphs of text,
links and separators) in a :class:`link_list` or :class:`link_text` node:

- the HTML writers (html, dirhtml, epub) write it with the visitor below, the
  markup Sphinx writes for the same list, in one pass with every text escaped;
- every other builder gets ordinary docutils nodes (:func:`expand`), made when
  the page's views are filled in.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, NamedTuple

from docutils import nodes

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

#: Builders whose pages get the lists written directly (see the module's docstring).
DIRECT_HTML_BUILDERS = frozenset({"html", "dirhtml", "epub"})


class Link(NamedTuple):
    """A link to a page from the page being written: ``href`` None where the builder cannot link it."""

    text: str
    href: str | None
    anchor: str = ""
    classes: tuple[str, ...] = ()
    local: bool = False  # an anchor on the page being written (``refid``)

    def node(self) -> nodes.Node:
        """What ``make_refnode`` makes around an inline with the classes (the inline alone without a URI)."""
        inner = nodes.inline(self.text, self.text, classes=list(self.classes))
        if self.local:
            return nodes.reference("", "", inner, internal=True, reftitle=self.text, refid=self.anchor)
        if self.href is None:
            return inner
        return nodes.reference("", "", inner, internal=True, reftitle=self.text, refuri=self.href)

    def html(self) -> str:
        span = f'<span class="{html.escape(" ".join(self.classes))}">' if self.classes else "<span>"
        inner = f"{span}{html.escape(self.text)}</span>"
        href = f"#{self.anchor}" if self.local else self.href
        if href is None:
            return inner
        return f'<a class="reference internal" href="{html.escape(href)}">{inner}</a>'


class Separator(NamedTuple):
    """What stands between two links of a row (CSS hides it between badges)."""

    text: str

    def node(self) -> nodes.Node:
        return nodes.inline(self.text, self.text, classes=["briefing-sep"])

    def html(self) -> str:
        return f'<span class="briefing-sep">{html.escape(self.text)}</span>'


#: A piece of a paragraph: text, a link or a separator.
Segment = str | Link | Separator


class Para(NamedTuple):
    segments: tuple[Segment, ...]
    classes: tuple[str, ...] = ()


class Bullets(NamedTuple):
    items: tuple[tuple[Para | Bullets, ...], ...]  # each item: its paragraphs and nested lists
    classes: tuple[str, ...] = ()  # "simple" where it is compact, as Sphinx's HTML writer marks it


Block = Para | Bullets


def para(*segments: Segment | Iterable[Segment], classes: Sequence[str] = ()) -> Para:
    """A paragraph of segments (lists of segments are spliced in)."""
    flat: list[Segment] = []
    for segment in segments:
        if isinstance(segment, str | Link | Separator):
            if segment != "":
                flat.append(segment)
        else:
            flat.extend(segment)
    return Para(tuple(flat), tuple(classes))


def bullets(items: Iterable[Sequence[Block]], classes: Sequence[str] = ()) -> Bullets:
    return Bullets(tuple(tuple(item) for item in items), tuple(classes))


class link_list(nodes.General, nodes.Element):  # type: ignore[misc]
    """A bulleted list described by ``list`` (:class:`Bullets`); see the module's docstring."""


class link_text(nodes.Inline, nodes.Element):  # type: ignore[misc]
    """Segments within a paragraph (``segments``); see the module's docstring."""


def list_node(block: Bullets) -> link_list:
    return link_list(list=block)


def text_node(segments: Iterable[Segment]) -> link_text:
    return link_text(segments=tuple(segments))


# --------------------------------------------------------------------------- as HTML


def _segments_html(segments: Iterable[Segment]) -> str:
    return "".join(html.escape(s) if isinstance(s, str) else s.html() for s in segments)


def _block_html(block: Block) -> str:
    if isinstance(block, Para):
        attrs = f' class="{html.escape(" ".join(block.classes))}"' if block.classes else ""
        return f"<p{attrs}>{_segments_html(block.segments)}</p>"
    return list_html(block).rstrip("\n")


def list_html(block: Bullets) -> str:
    """The list as Sphinx's HTML writer writes it."""
    rows = []
    for item in block.items:
        inner = "\n".join(_block_html(b) for b in item)
        rows.append(f"<li>{inner}</li>" if len(item) == 1 else f"<li>{inner}\n</li>")
    attrs = f' class="{html.escape(" ".join(block.classes))}"' if block.classes else ""
    return f"<ul{attrs}>\n" + "\n".join(rows) + "\n</ul>\n"


def visit_link_list(self: HTML5Translator, node: link_list) -> None:
    self.body.append(list_html(node["list"]))
    raise nodes.SkipNode


def visit_link_text(self: HTML5Translator, node: link_text) -> None:
    self.body.append(_segments_html(node["segments"]))
    raise nodes.SkipNode


# --------------------------------------------------------------------------- as docutils nodes


def _segment_nodes(segments: Iterable[Segment]) -> list[nodes.Node]:
    return [nodes.Text(s) if isinstance(s, str) else s.node() for s in segments]


def _block_nodes(block: Block) -> nodes.Element:
    if isinstance(block, Para):
        return nodes.paragraph("", "", *_segment_nodes(block.segments), classes=list(block.classes))
    return list_nodes(block)


def list_nodes(block: Bullets) -> nodes.bullet_list:
    # (Sphinx's writers mark a compact list "simple" themselves.)
    out = nodes.bullet_list(classes=[c for c in block.classes if c != "simple"])
    for item in block.items:
        out += nodes.list_item("", *(_block_nodes(b) for b in item))
    return out


def expand(doctree: nodes.Node) -> None:
    """Every list and text of this module in ``doctree`` as ordinary docutils nodes."""
    for node in list(doctree.findall(link_list)):
        node.replace_self(list_nodes(node["list"]))
    for text in list(doctree.findall(link_text)):
        text.replace_self(_segment_nodes(text["segments"]))


def setup_linklists(app: Sphinx) -> None:
    # Only the HTML writers meet these nodes: for the others they are expanded first.
    app.add_node(link_list, html=(visit_link_list, None))
    app.add_node(link_text, html=(visit_link_text, None))
