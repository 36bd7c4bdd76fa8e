"""The nodes pages are read into: a placeholder for a view, and a mention.

(The relationship graph's node is :class:`briefing.graphs.briefing_graph`.)
"""

from __future__ import annotations

import re

from docutils import nodes

#: Where a sentence ends: after 。！？!? or after . and ; followed by space.
SENTENCE_END_RE = re.compile(r"(?<=[。！？!?])|(?<=[.;])\s+")

#: The attribute of a paragraph or title that lists its mentions, in order, as (entity ids,
#: links, shown text, sentences before it, times the text came before); see :func:`note_mention`.
MENTIONS = "briefing-mentions"


class briefing_view(nodes.General, nodes.Element):  # type: ignore[misc]
    """Names a view of :mod:`briefing.views` and its parameters; replaced at doctree-resolved."""


def view_node(view: str, *params: str) -> briefing_view:
    return briefing_view(view=view, params=list(params))


class mention(nodes.inline):  # type: ignore[misc]
    """A name in a briefing's text that stands for entities (``entities``: their ids).

    ``link``: whether it links to the entity's page.  Recorded at doctree-read
    (:func:`briefing.collect.collect_mentions`), which then leaves a mention that
    does not link as plain text; one that links becomes a reference when the page
    is written (:func:`briefing.collect.resolve_mentions`), without the generic
    ``pending_xref`` machinery: its target is an entity page, known from the registry.
    A subclass of ``inline``, so any writer shows one that survives as a span.

    ``recorded``: already noted on its paragraph by :func:`note_mention`.
    """


def block_of(node: nodes.Node | None) -> nodes.paragraph | nodes.title | None:
    """The paragraph or title ``node`` is in (or is), if any."""
    while node is not None and not isinstance(node, nodes.paragraph | nodes.title):
        node = node.parent
    return node


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
    and the notes must follow them (:func:`briefing.collect.collect_mentions`).
    """
    block = block_of(parent)
    if block is None:
        return False
    so_far = block.astext()
    notes = block.setdefault(MENTIONS, [])
    notes.append((ids, link, shown, len(SENTENCE_END_RE.findall(so_far)), so_far.count(shown)))
    if document is not None and len(notes) == 1:
        noted: list[nodes.Element] = document.__dict__.setdefault("briefing_noted", [])
        noted.append(block)
    return True


def append_text(parent: nodes.Element, text: str) -> None:
    """Add ``text`` at the end of ``parent``, joined to the text node already there if there is one."""
    if parent.children and isinstance(parent.children[-1], nodes.Text):
        parent[-1] = nodes.Text(parent.children[-1].astext() + text)
    else:
        parent.append(nodes.Text(text))
