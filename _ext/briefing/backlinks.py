"""Mentions: recorded when a page is read, shown on entity pages when the book is written.

* ``doctree-read``: every ``{mention}`` in a page becomes a :class:`MentionRecord`
  (entity, the paragraph's anchor, the sentence) in the domain.
* ``doctree-resolved``: each entity page's "mentioned in" placeholder becomes the
  list of briefings (newest first) with every sentence linking to its paragraph,
  and the entities most often mentioned alongside.
* ``env-get-outdated`` / ``env-updated``: when the mentions of a page change, the
  pages of the entities it mentioned before or mentions now are written again,
  so an incremental build equals a clean one.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from .directives import entity_backlinks, long_date
from .domain import MentionRecord, get_domain, registry_for
from .registry import reading_key

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from .domain import BriefingDomain

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


def collect_mentions(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    records: list[MentionRecord] = []
    numbers = {id(p): n for n, p in enumerate(doctree.findall(nodes.paragraph), start=1)}
    for inline in doctree.findall(nodes.inline):
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
            if not block["ids"]:
                block["ids"].append(f"p-{numbers[id(block)]}")
            anchor = block["ids"][0]
        sentence = sentence_at(block.astext(), _offset_in(block, inline))
        linked = isinstance(inline.parent, nodes.Element) and inline.parent.tagname == "pending_xref"
        records += [MentionRecord(eid, anchor, sentence, linked) for eid in ids]
    get_domain(app.env).set_mentions(docname, records)


# --------------------------------------------------------------------------- entity pages


def _briefing_of(domain: BriefingDomain, docname: str) -> tuple[str, str]:
    """(title, ISO date) of the briefing in ``docname``."""
    for rec in domain.briefings.values():
        if rec.docname == docname:
            return rec.title, rec.date
    return docname, ""


def backlinks_for(
    domain: BriefingDomain, builder: Builder, fromdocname: str, entity: str, language: str | None
) -> list[nodes.Node]:
    by_doc: dict[str, list[MentionRecord]] = defaultdict(list)
    for docname, record in domain.mentions_by_entity().get(entity, ()):
        by_doc[docname].append(record)
    section = nodes.container(classes=["briefing-backlinks"])
    if not by_doc:
        section += nodes.rubric(_("Mentioned in"), _("Mentioned in"))
        section += nodes.paragraph(_("No briefing mentions it yet."), _("No briefing mentions it yet."))
        return [section]
    total = sum(len(v) for v in by_doc.values())
    heading = _("Mentioned in %(docs)d briefings, %(total)d times") % {"docs": len(by_doc), "total": total}
    section += nodes.rubric(heading, heading)
    briefings = {doc: _briefing_of(domain, doc) for doc in by_doc}
    order = sorted(by_doc, key=lambda d: (briefings[d][1] == "", _negated(briefings[d][1]), d))
    items = nodes.bullet_list(classes=["briefing-mentioned-in"])
    for docname in order:
        title, date = briefings[docname]
        para = nodes.paragraph()
        para += make_refnode(builder, fromdocname, docname, "", nodes.inline(title, title), title)
        if date:
            import datetime as dt

            para += nodes.Text(f" ({long_date(dt.date.fromisoformat(date), language)})")
        para += nodes.Text(" — " + _("%d mentions") % len(by_doc[docname]))
        sentences = nodes.bullet_list(classes=["briefing-sentences"])
        seen: set[tuple[str, str]] = set()
        for record in by_doc[docname]:
            if (record.anchor, record.sentence) in seen:
                continue
            seen.add((record.anchor, record.sentence))
            ref = make_refnode(
                builder, fromdocname, docname, record.anchor, nodes.inline(record.sentence, record.sentence)
            )
            sentences += nodes.list_item("", nodes.paragraph("", "", ref))
        items += nodes.list_item("", para, sentences)
    section += items

    together: Counter[str] = Counter()
    for docname in by_doc:
        together.update(domain.entities_in(docname) - {entity})
    known = [(eid, n) for eid, n in together.items() if eid in domain.entities]
    if known:
        label = _("Often mentioned with")
        section += nodes.rubric(label, label)
        para = nodes.paragraph(classes=["briefing-co-mentions"])
        ranked = sorted(known, key=lambda item: (-item[1], reading_key(domain.entities[item[0]].reading), item[0]))
        for i, (eid, count) in enumerate(ranked[:CO_MENTIONS_SHOWN]):
            if i:
                para += nodes.Text(", ")
            rec = domain.entities[eid]
            name = nodes.inline(rec.name_ja, rec.name_ja, classes=["xref", "briefing", f"briefing-{rec.kind}"])
            para += make_refnode(builder, fromdocname, rec.docname, rec.anchor, name, rec.name_ja)
            para += nodes.Text(f" ({count})")
        section += para
    return [section]


def _negated(date: str) -> str:
    """A key that sorts ISO dates newest first."""
    return "".join(chr(0x10FFFF - ord(c)) for c in date)


def fill_backlinks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    domain = get_domain(app.env)
    for node in list(doctree.findall(entity_backlinks)):
        node.replace_self(backlinks_for(domain, app.builder, docname, node["entity"], app.config.language))


# --------------------------------------------------------------------------- incremental builds


def note_outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Before reading: remember which entities the pages about to change mentioned."""
    domain = get_domain(env)
    docs = added | changed | removed
    before = set().union(*(domain.entities_in(d) for d in changed | removed)) if docs else set()
    domain.data["pending"] = {"docs": sorted(docs), "entities": sorted(before)}
    return []


def entity_pages_to_write(app: Sphinx, env: BuildEnvironment) -> Iterable[str]:
    """After reading: the entity pages whose "mentioned in" lists may have changed."""
    domain = get_domain(env)
    pending = domain.data.pop("pending", None) or {}
    affected = set(pending.get("entities", ()))
    for docname in pending.get("docs", ()):
        affected |= domain.entities_in(docname)
    return sorted({domain.entities[e].docname for e in affected if e in domain.entities})


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


def setup_backlinks(app: Sphinx) -> None:
    app.connect("doctree-read", collect_mentions)
    app.connect("doctree-resolved", fill_backlinks)
    app.connect("env-get-outdated", note_outdated)
    app.connect("env-updated", entity_pages_to_write)
    app.connect("build-finished", write_mendex_dictionary)
