"""Mentions, recorded when a page is read; and the readings mendex needs for the PDF index.

At ``doctree-read`` every ``{mention}`` in a page becomes a :class:`MentionRecord`
(entity, the anchor of its paragraph, the sentence) in the domain, and every
takeaway learns which entities it mentions.  What the book shows of them is
in :mod:`.views` and :mod:`.pages`.

A briefing names an entity every few dozen characters, so mentions are most of
a page's nodes, and every transform, the search indexer and the writer walk
them all (and Sphinx keeps every doctree read in memory until it is written).
So once recorded, a mention that does not link is left as plain text, and one
that links becomes a reference when the page is written, by one handler
that knows its target from the registry (:func:`resolve_mentions`).
"""

from __future__ import annotations

import bisect
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util import logging

from .domain import MentionRecord, get_domain, registry_for
from .jsonio import external_entity
from .pages import PageURIs
from .placeholders import mention
from .registry import reading_key

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx


logger = logging.getLogger(__name__)
_ = get_translation("briefing")

_SENTENCE_END_RE = re.compile(r"(?<=[。！？!?])|(?<=[.;])\s+")
CO_MENTIONS_SHOWN = 10


def sentence_at(text: str, offset: int) -> str:
    """The sentence of ``text`` that holds the character at ``offset``."""
    return Sentences(text).at(offset)


class Sentences:
    """The sentences of one text, split once, for the sentence at any offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.matches = [(m.start(), m.end()) for m in _SENTENCE_END_RE.finditer(text)]
        self.ends = [end for _start, end in self.matches]

    def at(self, offset: int) -> str:
        i = bisect.bisect_right(self.ends, offset)  # the first sentence end after ``offset``
        start = self.ends[i - 1] if i > 0 else 0
        if i == len(self.matches):
            return self.text[start:].strip()
        m_start, m_end = self.matches[i]
        return self.text[start : m_start if m_start > start else m_end].strip() or self.text.strip()


def _mentions_in(block: nodes.Element) -> Iterator[tuple[mention, int]]:
    """Each mention in ``block`` with where it starts in ``block.astext()``."""
    offset = 0
    for node in block.findall(lambda n: isinstance(n, nodes.Text | mention)):
        if isinstance(node, nodes.Text):
            offset += len(node.astext())
        else:
            yield node, offset


def _paragraph_anchor(paragraph: nodes.paragraph, number: int) -> str:
    """The anchor of a paragraph: a target at its start (LaTeX only labels targets, not paragraphs)."""
    first = paragraph.children[0] if paragraph.children else None
    if isinstance(first, nodes.target) and first["ids"]:
        return str(first["ids"][0])
    anchor = f"p-{number}"
    paragraph.insert(0, nodes.target("", "", ids=[anchor]))
    return anchor


def add_anchors(doctree: nodes.document) -> None:
    """Put a target at the start of each element marked by ``directives.anchored``.

    Runs after the read transforms, so the id stays on a target, which every
    builder turns into an anchor (LaTeX: a label for page references).
    """
    for node in list(doctree.findall(nodes.Element)):
        anchor = node.get("briefing-anchor")
        if anchor and not (node.children and isinstance(node[0], nodes.target) and anchor in node[0]["ids"]):
            node.insert(0, nodes.target("", "", ids=[anchor]))


def collect_mentions(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    add_anchors(doctree)
    records: list[MentionRecord] = []
    numbers = {id(p): n for n, p in enumerate(doctree.findall(nodes.paragraph), start=1)}
    # Each paragraph or title once, its mentions in order (paragraphs hold no
    # paragraphs, titles no paragraphs: each mention is in exactly one block).
    for block in list(doctree.findall(lambda n: isinstance(n, nodes.paragraph | nodes.title))):
        found = list(_mentions_in(block))
        if not found:
            continue
        if isinstance(block, nodes.title):
            anchor = block.parent["ids"][0] if block.parent is not None and block.parent["ids"] else ""
        else:
            anchor = _paragraph_anchor(block, numbers[id(block)])
        sentences = Sentences(block.astext())
        anchor = sys.intern(anchor)
        seen: dict[str, str] = {}  # one string per sentence, however many mentions it holds
        for node, offset in found:
            sentence = sentences.at(offset)
            sentence = seen.setdefault(sentence, sentence)
            # Entity ids and anchors recur across the book: interned, each is stored (and pickled) once.
            records += [MentionRecord(sys.intern(eid), anchor, sentence, node["link"]) for eid in node["entities"]]
    domain = get_domain(app.env)
    domain.set_mentions(docname, records)
    for box in doctree.findall(nodes.container):
        tid = box.get("briefing-takeaway")
        if tid in domain.takeaways and domain.takeaways[tid].docname == docname:
            inside = [i for n in box.findall(mention) for i in n["entities"]]
            domain.takeaways[tid] = domain.takeaways[tid]._replace(entities=tuple(dict.fromkeys(inside)))
    plain_text_for_unlinked(doctree)


def plain_text_for_unlinked(doctree: nodes.Element) -> None:
    """Replace each recorded mention that does not link by its text, joined with the text around it."""
    parents: dict[int, nodes.Element] = {}
    for node in list(doctree.findall(mention)):
        if not node["link"] and isinstance(node.parent, nodes.Element):
            parents[id(node.parent)] = node.parent
            node.parent.replace(node, nodes.Text(node.astext()))
    for parent in parents.values():
        merged: list[nodes.Node] = []
        for child in parent.children:
            if isinstance(child, nodes.Text) and merged and isinstance(merged[-1], nodes.Text):
                merged[-1] = nodes.Text(merged[-1].astext() + child.astext())
            else:
                merged.append(child)
        if len(merged) < len(parent.children):
            del parent[:]
            parent.extend(merged)


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
        title = found.name_en if (app.config.language or "ja").startswith("en") else found.name_ja
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
        logger.warning("unknown %s %r", "entity", eid, type="briefing", subtype="unknown-target", location=node)
    return nodes.inline(text, text, classes=["briefing-mention"])


# --------------------------------------------------------------------------- PDF index readings


def write_mendex_dictionary(app: Sphinx, exception: Exception | None) -> None:
    """Give mendex the kana reading of every entity name, so the PDF index sorts in gojūon order.

    Sphinx's latexmkjarc runs ``mendex -d <basename>.dic``; we write that file.
    """
    if exception is not None or app.builder.name != "latex":
        return
    registry = registry_for(app.srcdir, app.config.briefing_registry_dir, app.doctreedir)
    lines = sorted(
        {
            f"{name} {reading_key(entity.reading)}"
            for entity in registry.entities.values()
            for name in (entity.name_ja, entity.full_name_ja)
            if name and not name.isascii()
        }
    )
    for _start, target, *_rest in app.config.latex_documents:
        dic = Path(app.outdir) / (Path(target).stem + ".dic")
        dic.write_text("\n".join(lines) + "\n", "utf-8")


def setup_mentions(app: Sphinx) -> None:
    app.add_node(mention)
    app.connect("doctree-read", collect_mentions)
    app.connect("doctree-resolved", resolve_mentions)
    app.connect("build-finished", write_mendex_dictionary)
