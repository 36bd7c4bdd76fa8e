"""The nodes pages are read into: a placeholder for a view, and a mention.

(The relationship graph's node is :class:`briefing.graphs.briefing_graph`.)
"""

from __future__ import annotations

from docutils import nodes


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
    """
