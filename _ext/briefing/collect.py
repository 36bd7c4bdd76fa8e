"""Mentions, recorded when a page is read; and the readings mendex needs for the PDF index.

At ``doctree-read`` every ``{mention}`` in a page becomes a :class:`MentionRecord`
(entity, the anchor of its paragraph, the sentence) in the domain, and every
takeaway learns which entities it mentions.  What the book shows of them is
in :mod:`.views` and :mod:`.pages`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util import logging

from .domain import MentionRecord, get_domain, registry_for
from .registry import reading_key

if TYPE_CHECKING:
    from sphinx.application import Sphinx


logger = logging.getLogger(__name__)
_ = get_translation("briefing")

_SENTENCE_END_RE = re.compile(r"(?<=[。！？!?])|(?<=[.;])\s+")
CO_MENTIONS_SHOWN = 10


def sentence_at(text: str, offset: int) -> str:
    """The sentence of ``text`` that holds the character at ``offset``."""
    start = 0
    for match in _SENTENCE_END_RE.finditer(text):
        if match.end() > offset:
            return text[start : match.start() if match.start() > start else match.end()].strip() or text.strip()
        start = match.end()
    return text[start:].strip()


def _offset_in(block: nodes.Element, target: nodes.Node) -> int:
    """Where ``target`` starts in ``block.astext()``."""
    offset = 0
    for node in block.findall(lambda n: isinstance(n, nodes.Text) or n is target):
        if node is target:
            return offset
        offset += len(node.astext())
    return offset


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
    # A list first: anchors are inserted into the paragraphs as we go.
    for inline in list(doctree.findall(nodes.inline)):
        ids = inline.get("entities")
        if not ids:
            continue
        block = inline.parent
        while block is not None and not isinstance(block, nodes.paragraph | nodes.title):
            block = block.parent
        if block is None:
            continue
        if isinstance(block, nodes.title):
            anchor = block.parent["ids"][0] if block.parent is not None and block.parent["ids"] else ""
        else:
            anchor = _paragraph_anchor(block, numbers[id(block)])
        sentence = sentence_at(block.astext(), _offset_in(block, inline))
        linked = isinstance(inline.parent, nodes.Element) and inline.parent.tagname == "pending_xref"
        records += [MentionRecord(eid, anchor, sentence, linked) for eid in ids]
    domain = get_domain(app.env)
    domain.set_mentions(docname, records)
    for box in doctree.findall(nodes.container):
        tid = box.get("briefing-takeaway")
        if tid in domain.takeaways and domain.takeaways[tid].docname == docname:
            inside = [i for n in box.findall(nodes.inline) for i in n.get("entities", ())]
            domain.takeaways[tid] = domain.takeaways[tid]._replace(entities=tuple(dict.fromkeys(inside)))


# --------------------------------------------------------------------------- PDF index readings


def write_mendex_dictionary(app: Sphinx, exception: Exception | None) -> None:
    """Give mendex the kana reading of every entity name, so the PDF index sorts in gojūon order.

    Sphinx's latexmkjarc runs ``mendex -d <basename>.dic``; we write that file.
    """
    if exception is not None or app.builder.name != "latex":
        return
    registry = registry_for(app.srcdir, app.config.briefing_registry_dir)
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
    app.connect("doctree-read", collect_mentions)
    app.connect("build-finished", write_mendex_dictionary)
