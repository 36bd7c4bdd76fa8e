"""Doctrees are read back from the doctree folder instead of all kept in memory (part ``doctrees``).

Since 7.2, a serial Sphinx build keeps every doctree it reads in memory until
the page is written (``env._write_doc_doctree_cache``), and keeps the bytes of
every doctree it reads back (``env._pickled_doctree_cache``).  A briefing's
doctree is large (a mention every few dozen characters), so in a large book that
is most of the build's memory.  Sphinx writes each doctree to the doctree folder
anyway; this drops the in-memory copies, and Sphinx reads each one back when it
writes the page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import active

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


def _drop(app: Sphinx, name: str, docname: str | None = None) -> None:
    cache = getattr(app.env, name, None)
    if not active(app, "doctrees") or not isinstance(cache, dict):
        return
    if docname is None:
        cache.clear()
    else:
        cache.pop(docname, None)


def drop_read_doctrees(app: Sphinx, *_args: object) -> None:
    """Before each document is read, and after the last: the doctrees read so far are on disk."""
    _drop(app, "_write_doc_doctree_cache")


def drop_written_doctree(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Once a page's doctree is resolved, the bytes it was read from are not needed again."""
    _drop(app, "_pickled_doctree_cache", docname)


def setup_doctrees(app: Sphinx) -> None:
    app.connect("source-read", drop_read_doctrees)
    app.connect("env-updated", drop_read_doctrees, priority=900)  # after the handlers that walk the doctrees
    app.connect("doctree-resolved", drop_written_doctree)
