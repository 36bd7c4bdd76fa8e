"""The one node this extension adds: a placeholder for a view, filled in when the page is written."""

from __future__ import annotations

from docutils import nodes


class briefing_view(nodes.General, nodes.Element):  # type: ignore[misc]
    """Names a view of :mod:`briefing.views` and its parameters; replaced at doctree-resolved."""


def view_node(view: str, *params: str) -> briefing_view:
    return briefing_view(view=view, params=list(params))
