"""Mentions, recorded when a page is read (they become links when it is written:
:mod:`briefing.writetime.mention_links`).

At ``doctree-read`` every ``{mention}`` in a page becomes a :class:`MentionRecord`
(entity, the anchor of its paragraph, the sentence) in the domain, and every
takeaway learns which entities it mentions.  What the book shows of them is
in :mod:`.views` and :mod:`.pages`.

A briefing names an entity every few dozen characters, so mentions are most of
a page's nodes, and every transform, the search indexer and the writer walk
them all (and Sphinx keeps every doctree read in memory until it is written).
So once recorded, a mention that does not link is left as plain text, and one
that links becomes a reference when the page is written, by one handler
that knows its target from the registry
(:func:`briefing.writetime.mention_links.resolve_mentions`).
"""

from __future__ import annotations

import bisect
import sys
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util import logging

from briefing.data.records import MentionRecord
from briefing.readtime.domain import get_domain
from briefing.readtime.nodes import MENTIONS, SENTENCE_END_RE, block_of, mention

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from sphinx.application import Sphinx

    from briefing.readtime.domain import BriefingDomain

logger = logging.getLogger(__name__)
_ = get_translation("briefing")

CO_MENTIONS_SHOWN = 10


def sentence_at(text: str, offset: int) -> str:
    """The sentence of ``text`` that holds the character at ``offset``."""
    return Sentences(text).at(offset)


#: A sentence longer than this is quoted as the part around the mention (a hostile or broken
#: seed can hold a "sentence" of a megabyte, and every mention in it would quote it all).
QUOTE_LIMIT = 1000
QUOTE_CONTEXT = 300


class Sentences:
    """The sentences of one text, split once, for the sentence at any offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.matches = [(m.start(), m.end()) for m in SENTENCE_END_RE.finditer(text)]
        self.ends = [end for _start, end in self.matches]

    def at(self, offset: int) -> str:
        """The sentence holding the character at ``offset`` (after the sentence ends before it)."""
        return self._quote(bisect.bisect_right(self.ends, offset), offset, "")

    def nth(self, i: int, needle: str = "", offset: int | None = None) -> str:
        """The sentence after ``i`` sentence ends; if it lacks ``needle``, the nearest one that has it.

        (A mention notes how many sentences came before it while its paragraph
        was parsed; a later transform that changes punctuation, as curling
        ``...`` into ``…`` does, can shift that count by one.)  ``offset``: where
        the mention starts, the middle of the quote when the sentence is too long.
        """
        k = self._clamp(i)
        if needle and not self._holds(k, needle):
            last = len(self.matches)
            for step in range(1, max(abs(i), abs(last - i)) + 1):  # the nearest first: one before, one after …
                found = next((j for j in (i - step, i + step) if 0 <= j <= last and self._holds(j, needle)), None)
                if found is not None:
                    k = found
                    break
        return self._quote(k, offset, needle)

    def _clamp(self, i: int) -> int:
        return max(0, min(i, len(self.matches)))

    def _span(self, i: int) -> tuple[int, int]:
        """Where the ``i``-th sentence starts and ends in the text (the whole text for an empty one)."""
        start = self.ends[i - 1] if i > 0 else 0
        if i == len(self.matches):
            return start, len(self.text)
        m_start, m_end = self.matches[i]
        end = m_start if m_start > start else m_end
        if start == end or self.text[start:end].isspace():
            return 0, len(self.text)
        return start, end

    def _holds(self, i: int, needle: str) -> bool:
        start, end = self._span(i)
        return self.text.find(needle, start, end) >= 0

    def _quote(self, i: int, offset: int | None, needle: str) -> str:
        start, end = self._span(self._clamp(i))
        if end - start <= QUOTE_LIMIT:
            return self.text[start:end].strip()
        if offset is None or not start <= offset < end:
            found = self.text.find(needle, start, end) if needle else -1
            offset = found if found >= 0 else start
        low, high = max(start, offset - QUOTE_CONTEXT), min(end, offset + len(needle) + QUOTE_CONTEXT)
        return ("…" if low > start else "") + self.text[low:high].strip() + ("…" if high < end else "")


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


def _add_anchor(node: nodes.Element) -> None:
    """Put a target at the start of an element marked by ``directives.anchored``.

    Runs after the read transforms, so the id stays on a target, which every
    builder turns into an anchor (LaTeX: a label for page references).
    """
    anchor = node.get("briefing-anchor")
    if anchor and not (node.children and isinstance(node[0], nodes.target) and anchor in node[0]["ids"]):
        node.insert(0, nodes.target("", "", ids=[anchor]))


def collect_mentions(app: Sphinx, doctree: nodes.document) -> None:
    """Record every mention of the page read (entity, paragraph anchor, sentence), in order.

    Most were noted on their paragraph by the role (:func:`.placeholders.note_mention`);
    a mention the role could not place (parsed apart from its paragraph, or by
    docutils' own inliner) is still a node, found here.  One walk over the tree.
    """
    docname = app.env.docname
    elements = list(doctree.findall(nodes.Element))
    blocks: list[nodes.paragraph | nodes.title] = []
    strays: dict[int, list[mention]] = {}  # id(block) -> its mentions the role did not note
    boxes: list[nodes.container] = []
    for node in elements:
        _add_anchor(node)
        if isinstance(node, nodes.paragraph | nodes.title):
            blocks.append(node)
        elif isinstance(node, mention):
            if not node.get("recorded"):
                strays.setdefault(id(block_of(node)), []).append(node)
        elif isinstance(node, nodes.container) and node.get("briefing-takeaway"):
            boxes.append(node)

    _follow_moved_notes(doctree, {id(node) for node in elements})

    records: list[MentionRecord] = []
    named: dict[int, list[str]] = {}  # id(block) -> the entity ids it mentions, in order
    number = 0
    for block in blocks:
        if isinstance(block, nodes.paragraph):
            number += 1
        found = _block_mentions(block, strays.get(id(block), ()))
        if not found:
            continue
        if isinstance(block, nodes.title):
            anchor = block.parent["ids"][0] if block.parent is not None and block.parent["ids"] else ""
        else:
            anchor = _paragraph_anchor(block, number)
        anchor = sys.intern(anchor)
        seen: dict[str, str] = {}  # one string per sentence, however many mentions it holds
        for ids, link, sentence in found:
            sentence = seen.setdefault(sentence, sentence)
            # Entity ids and anchors recur across the book: interned, each is stored (and pickled) once.
            records += [MentionRecord(sys.intern(eid), anchor, sentence, link) for eid in ids]
        named[id(block)] = [eid for ids, _link, _sentence in found for eid in ids]
    domain = get_domain(app.env)
    domain.set_mentions(docname, records)
    _note_lead(domain, elements)
    for box in boxes:
        tid = box["briefing-takeaway"]
        if tid in domain.takeaways and domain.takeaways[tid].docname == docname:
            inside = _named_in(box, named, strays.get(id(None), ()))
            domain.takeaways[tid] = domain.takeaways[tid]._replace(entities=tuple(dict.fromkeys(inside)))
    if strays:  # only a mention the role could not note can be a node that does not link
        plain_text_for_unlinked(doctree)


#: The most of a lead a briefing's record keeps (a feed's summary shows it).
LEAD_LIMIT = 600


def _note_lead(domain: BriefingDomain, elements: list[nodes.Element]) -> None:
    """The briefing's lead: the first paragraph of the page's own text after its header (not one
    inside a note, a turn or a takeaway: those are containers)."""
    header = next((n for n in elements if isinstance(n, nodes.container) and "briefing-header" in n["classes"]), None)
    if header is None or not header.get("briefing-anchor"):
        return
    slug = str(header["briefing-anchor"]).removeprefix("briefing-")
    record = domain.briefings.get(slug)
    if record is None:
        return
    after = elements[elements.index(header) + 1 :]
    lead = next(
        (n for n in after if isinstance(n, nodes.paragraph) and isinstance(n.parent, nodes.section | nodes.document)),
        None,
    )
    text = " ".join(lead.astext().split())[:LEAD_LIMIT] if lead is not None else ""
    if text != record.lead:
        domain.briefings[slug] = record._replace(lead=text)


def _follow_moved_notes(doctree: nodes.document, present: set[int]) -> None:
    """Notes of a paragraph a directive replaced move to the paragraph that now holds its text.

    (``versionchanged`` and its kin put the first paragraph's children in a new
    one.)  A paragraph whose text went elsewhere (a figure's caption) keeps them,
    out of the tree, as before the role noted mentions: such a mention is not recorded.
    """
    doctree.__dict__.pop("briefing_progress", None)  # what note_mention read: done with
    for old in doctree.__dict__.pop("briefing_noted", []):
        if id(old) in present or MENTIONS not in old:
            continue
        for child in old.children:
            home = block_of(child)
            if home is not None and home is not old and id(home) in present:
                home.setdefault(MENTIONS, []).extend(old.attributes.pop(MENTIONS))
                break


def _block_mentions(block: nodes.Element, strays: Iterable[mention]) -> list[tuple[list[str], bool, str]]:
    """(entity ids, links, sentence) of each mention in ``block``, in order.

    Those the role noted, placed by the how-many-th time their text appears in
    the paragraph, merged with those it could not note (a mention inside a
    link, which MyST builds apart from the paragraph), placed by offset.
    """
    noted = block.attributes.pop(MENTIONS, [])
    strays = list(strays)
    if not noted and not strays:
        return []
    text = block.astext()
    sentences = Sentences(text)
    places = _Places(text)
    found = [
        (at, ids, link, sentences.nth(before, shown, at))
        for ids, link, shown, before, nth in noted
        for at in (places.nth(shown, nth),)
    ]
    if strays:
        wanted = {id(node) for node in strays}
        found += [
            (offset, node["entities"], node["link"], sentences.at(offset))
            for node, offset in _mentions_in(block)
            if id(node) in wanted
        ]
        found.sort(key=lambda item: item[0])  # stable: in order of noting at the same place
    if noted:
        _join_texts(block)  # a quiet mention's text and the text after it
    return [(ids, link, sentence) for _position, ids, link, sentence in found]


class _Places:
    """Where each text appears in one paragraph, found in one pass per text however many times it is asked.

    The mentions of a paragraph ask for the 0th, 1st, 2nd … appearance of
    their text in turn; each search goes on from the last one.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.cursor: dict[str, tuple[int, int]] = {}  # shown -> (appearances passed, where the last starts)

    def nth(self, shown: str, nth: int) -> int:
        """Where ``shown`` appears after ``nth`` earlier appearances (as ``str.count`` counts them)."""
        passed, at = self.cursor.get(shown, (0, -len(shown)))
        if nth + 1 < passed:  # asked out of order: start again
            passed, at = 0, -len(shown)
        while passed <= nth:
            at = self.text.find(shown, at + len(shown))
            if at < 0:
                return len(self.text)
            passed += 1
        self.cursor[shown] = (passed, at)
        return at


def _named_in(box: nodes.Element, named: dict[int, list[str]], unplaced: Iterable[mention]) -> list[str]:
    """The entity ids mentioned in ``box``, in order."""
    outside = {id(node) for node in unplaced}
    inside: list[str] = []
    for node in box.findall(lambda n: isinstance(n, nodes.paragraph | nodes.title | mention)):
        if id(node) in outside:
            inside += node["entities"]
        else:
            inside += named.get(id(node), [])
    return inside


def _join_texts(block: nodes.Element) -> None:
    """Join neighbouring text nodes in ``block`` and the inline elements in it."""
    for element in list(block.findall(nodes.Element)):
        _merge_texts(element)


def plain_text_for_unlinked(doctree: nodes.Element) -> None:
    """Replace each recorded mention that does not link by its text, joined with the text around it."""
    parents: dict[int, nodes.Element] = {}
    for node in list(doctree.findall(mention)):
        if not node["link"] and isinstance(node.parent, nodes.Element):
            parents[id(node.parent)] = node.parent
            node.parent.replace(node, nodes.Text(node.astext()))
    for parent in parents.values():
        _merge_texts(parent)


def _merge_texts(parent: nodes.Element) -> None:
    """Join each run of neighbouring text nodes of ``parent`` into one (each run joined once)."""
    merged: list[nodes.Node] = []
    run: list[nodes.Text] = []
    for child in [*parent.children, None]:
        if isinstance(child, nodes.Text):
            run.append(child)
            continue
        if len(run) > 1:
            merged.append(nodes.Text("".join(text.astext() for text in run)))
        else:
            merged += run
        run = []
        if child is not None:
            merged.append(child)
    if len(merged) < len(parent.children):
        del parent[:]
        parent.extend(merged)


def setup_mentions(app: Sphinx) -> None:
    app.add_node(mention)
    app.connect("doctree-read", collect_mentions)
