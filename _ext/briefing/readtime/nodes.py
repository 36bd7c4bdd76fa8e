"""The nodes pages are read into: a placeholder for a view, a mention, an entity's index entries.

(The relationship graph's node is :class:`briefing.output.graphs.briefing_graph`.)
"""

from __future__ import annotations

import bisect
import re

from docutils import nodes
from sphinx import addnodes

#: Where a sentence ends: after 。！？!? or after . and ; followed by space.
SENTENCE_END_RE = re.compile(r"(?<=[。！？!?])|(?<=[.;])\s+")

#: The attribute of a paragraph or title that lists its mentions, in order, as (entity ids,
#: links, shown text, sentences before it, times the text came before); see :func:`note_mention`.
MENTIONS = "briefing-mentions"


class entity_index(addnodes.index):
    """An entity's index entries; ``sortkeys`` holds the sort key of each (empty: its text).

    Its LaTeX visitor is :func:`briefing.output.latex.visit_entity_index_latex`; every other
    builder treats it as Sphinx's own ``index`` node (translators look up a
    visitor along the class's bases), so the HTML general index is unchanged.
    """


class briefing_view(nodes.General, nodes.Element):  # type: ignore[misc]
    """Names a view of :mod:`briefing.views` and its parameters; replaced at doctree-resolved."""


def view_node(view: str, *params: str) -> briefing_view:
    return briefing_view(view=view, params=list(params))


class mention(nodes.inline):  # type: ignore[misc]
    """A name in a briefing's text that stands for entities (``entities``: their ids).

    ``link``: whether it links to the entity's page.  Recorded at doctree-read
    (:func:`briefing.readtime.collect.collect_mentions`), which then leaves a mention that
    does not link as plain text; one that links becomes a reference when the page
    is written (:func:`briefing.writetime.mention_links.resolve_mentions`), without the generic
    ``pending_xref`` machinery: its target is an entity page, known from the registry.
    A subclass of ``inline``, so any writer shows one that survives as a span.

    ``recorded``: already noted on its paragraph by :func:`note_mention`.
    """


def block_of(node: nodes.Node | None) -> nodes.paragraph | nodes.title | None:
    """The paragraph or title ``node`` is in (or is), if any."""
    while node is not None and not isinstance(node, nodes.paragraph | nodes.title):
        node = node.parent
    return node


class _Progress:
    """What :func:`note_mention` has read of one paragraph so far, so that each note costs
    the text added since the last one, not the whole paragraph again (a hostile seed can
    hold a paragraph of tens of thousands of mentions)."""

    __slots__ = ("children", "counts", "last", "length", "pieces", "sentences", "starts")

    def __init__(self) -> None:
        self.children = 0  # children of the paragraph read (all final: MyST only appends)
        self.pieces: list[str] = []  # their texts
        self.starts: list[int] = []  # where each piece starts in the paragraph's text
        self.length = 0
        self.sentences = 0  # sentence ends in the text read
        self.last = ""  # its last character (the sentence pattern looks one back)
        self.counts: dict[str, tuple[int, int, int]] = {}  # shown -> (read up to, after last match, matches)

    def read(self, block: nodes.Element) -> None:
        new = "".join(child.astext() for child in block.children[self.children :])
        self.children = len(block.children)
        if not new:
            return
        window = self.last + new
        start = len(self.last)
        # A sentence end right at the old end was counted then (an empty match at the end of the text).
        self.sentences += sum(1 for m in SENTENCE_END_RE.finditer(window, start) if not (start and m.end() == start))
        self.pieces.append(new)
        self.starts.append(self.length)
        self.length += len(new)
        self.last = new[-1]

    def count(self, shown: str) -> int:
        """How often ``shown`` occurs in the text read, without overlaps (as ``str.count`` counts)."""
        if not shown:
            return 0
        upto, after, found = self.counts.get(shown, (0, 0, 0))
        begin = max(after, upto - len(shown) + 1)  # an occurrence before it was counted already
        first = bisect.bisect_right(self.starts, begin) - 1
        if first >= 0:
            text = "".join(self.pieces[first:])
            at = text.find(shown, begin - self.starts[first])
            while at >= 0:
                found += 1
                after = self.starts[first] + at + len(shown)
                at = text.find(shown, at + len(shown))
        self.counts[shown] = (self.length, after, found)
        return found


def note_mention(
    parent: nodes.Element, ids: list[str], link: bool, shown: str, document: nodes.Node | None = None
) -> bool:
    """Note a mention on the paragraph (or title) it is being read into; False if it is in neither.

    Called by the role while the parser builds ``parent``: the text before the
    mention is there, so the number of sentences before it is known now, and
    stays true through the transforms that join lines or curl quotes (the
    offset would not).  A mention noted here needs no node of its own unless it
    links, so most of a briefing's mentions are plain text from the start: a
    smaller tree for every transform, the search indexer and the writer.

    The block is also listed on ``document`` (``briefing_noted``): a directive
    may put a paragraph's children in a new paragraph (``versionchanged`` does),
    and the notes must follow them (:func:`briefing.readtime.collect.collect_mentions`).
    With ``document``, what was read of a paragraph is remembered there, so a
    paragraph of n mentions costs time in proportion to n, not n squared.
    """
    block = block_of(parent)
    if block is None:
        return False
    notes = block.setdefault(MENTIONS, [])
    if document is not None and parent is block:  # the paragraph's children are all final
        progress: dict[int, _Progress] = document.__dict__.setdefault("briefing_progress", {})
        state = progress.setdefault(id(block), _Progress())
        state.read(block)
        notes.append((ids, link, shown, state.sentences, state.count(shown)))
    else:  # inside an inline element still being built (emphasis, a link): read it all
        so_far = block.astext()
        notes.append((ids, link, shown, len(SENTENCE_END_RE.findall(so_far)), so_far.count(shown)))
    if document is not None and len(notes) == 1:
        noted: list[nodes.Element] = document.__dict__.setdefault("briefing_noted", [])
        noted.append(block)
    return True


def append_text(parent: nodes.Element, text: str) -> None:
    """Add ``text`` at the end of ``parent`` as a text node of its own.

    (Joined to its neighbours once the page is read, :func:`briefing.readtime.collect.collect_mentions`:
    joining here would copy the paragraph's text so far for every mention.)
    """
    parent.append(nodes.Text(text))
