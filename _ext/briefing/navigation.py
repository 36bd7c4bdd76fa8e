"""The sidebar navigation, resolved once for all the pages that show the same one.

Sphinx resolves the whole table of contents for every page it writes (the
theme's sidebar asks for it) and only then prunes it to the page's branch: in a
book of a thousand briefings each page pays for the thousand.  Yet what the
sidebar shows of the tree depends only on

- which of its entries are *current*: the page and its ancestors, among the
  documents the sidebar can list at all (``maxdepth`` deep), and
- where the page is (links are relative to its folder).

So the HTML of Sphinx's ``toctree()`` template function is kept per (folder,
current entries, arguments) and reused: the 365 briefings of a year, or the
500 entity pages, share a handful of sidebars.  A test builds the book with
and without this and compares every page.  ``briefing_navigation_cache =
False`` turns it off.
"""

from __future__ import annotations

import posixpath
import weakref
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.environment.adapters.toctree import global_toctree_for_doc

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class _Tree:
    """What one build's toctree tells about every page's sidebar."""

    def __init__(self, app: Sphinx) -> None:
        env = app.env
        self.app = app
        self.parents: dict[str, set[str]] = defaultdict(set)
        for parent, children in env.toctree_includes.items():
            for child in children:
                self.parents[child].add(parent)
        self.shown: dict[tuple[object, ...], frozenset[str]] = {}
        self.html: dict[tuple[object, ...], str] = {}

    def ancestors(self, docname: str) -> set[str]:
        """The page and every document above it, along every parent."""
        found = {docname}
        todo = [docname]
        while todo:
            for parent in self.parents.get(todo.pop(), ()):
                if parent not in found:
                    found.add(parent)
                    todo.append(parent)
        return found

    def shown_anywhere(self, args: tuple[object, ...], kwargs: dict[str, Any]) -> frozenset[str]:
        """The documents a sidebar with these arguments can list: the whole tree, expanded.

        Asked of Sphinx (the tree of the root document without collapsing), not
        worked out here: how deep an entry appears depends on how Sphinx folds
        nested toctrees into their parents.
        """
        if args not in self.shown:
            env, builder = self.app.env, self.app.builder
            root = env.config.root_doc
            options = {k: v for k, v in kwargs.items() if k != "collapse"}
            if options.get("maxdepth") == "":
                options.pop("maxdepth")
            options.setdefault("includehidden", False)
            resolved = global_toctree_for_doc(env, root, builder, tags=builder.tags, collapse=False, **options)
            uris = {builder.get_relative_uri(root, doc): doc for doc in env.all_docs}
            found = {root}
            for ref in resolved.findall(nodes.reference) if resolved is not None else ():
                uri = str(ref.get("refuri", "")).partition("#")[0]
                if uri in uris:
                    found.add(uris[uri])
            self.shown[args] = frozenset(found)
        return self.shown[args]


_trees: weakref.WeakKeyDictionary[BuildEnvironment, _Tree] = weakref.WeakKeyDictionary()


def _tree(app: Sphinx) -> _Tree:
    tree = _trees.get(app.env)
    if tree is None:
        tree = _trees[app.env] = _Tree(app)
    return tree


def forget_tree(app: Sphinx, env: BuildEnvironment) -> None:
    """After reading: the toctree may have changed."""
    _trees.pop(env, None)


def share_toctree(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Wrap the page's ``toctree()`` so that pages with the same sidebar share one resolution."""
    original: Callable[..., str] | None = context.get("toctree")
    if original is None or not app.config.briefing_navigation_cache or not hasattr(app.builder, "get_target_uri"):
        return
    tree = _tree(app)
    folder = posixpath.dirname(app.builder.get_target_uri(pagename))
    above = tree.ancestors(pagename)

    def toctree(**kwargs: Any) -> str:
        args = tuple(sorted((k, repr(v)) for k, v in kwargs.items()))
        shown = tree.shown_anywhere(args, kwargs)
        # The page's own entry (if listed) differs from its siblings': a link to itself.
        key = (folder, pagename if pagename in shown else None, frozenset(above & shown), args)
        html = tree.html.get(key)
        if html is None:
            html = tree.html[key] = original(**kwargs)
        return html

    context["toctree"] = toctree


def setup_navigation(app: Sphinx) -> None:
    app.connect("env-updated", forget_tree)
    # Before the theme's handlers (500), which render the sidebar to see whether it is empty.
    app.connect("html-page-context", share_toctree, priority=450)
