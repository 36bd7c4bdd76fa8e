"""The sidebar navigation, resolved once for all the pages that show the same one (part ``navigation``).

Sphinx resolves the whole table of contents for every page it writes (the
theme's sidebar asks for it) and only then prunes it to the page's branch: in a
book of a thousand briefings each page pays for the thousand.  Yet what the
sidebar shows of the tree depends only on

- which of its entries are *current*: the page and its ancestors, among the
  documents the sidebar can list at all (``maxdepth`` deep), and
- where the page is (links are relative to its folder).

So the HTML of Sphinx's ``toctree()`` template function is kept per (folder,
current entries, arguments) and reused: the briefings of a year, or the
entity pages of a kind, share a handful of sidebars.

The theme (pydata-sphinx-theme, under sphinx-book-theme) then turns that HTML
into its sidebar with BeautifulSoup, and first renders the sidebar templates
once more only to see whether they are empty.  The navigation template is never
empty here, so it is left out of that check and put back after it; and the
theme's sidebar HTML is kept, like Sphinx's, per toctree HTML and arguments,
and between builds too (in the doctree folder, per theme version and options):
a build that writes only a few pages does not load BeautifulSoup's CSS engine
to make a sidebar it made before.
"""

from __future__ import annotations

import inspect
import posixpath
import sysconfig
import weakref
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.environment.adapters import toctree as sphinx_toctree

from briefing.readtime.domain import get_domain
from briefing.util import cache as build_cache

from . import active

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


@cache
def _takes_tags() -> bool:
    """Sphinx 9 passes the builder's tags to the global toctree; 8.2's function takes none."""
    return "tags" in inspect.signature(sphinx_toctree.global_toctree_for_doc).parameters


def _arguments(kwargs: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """A template function's keyword arguments as a key."""
    return tuple(sorted((k, repr(v)) for k, v in kwargs.items()))


class _Tree:
    """What one build's toctree tells about every page's sidebar."""

    def __init__(self, app: Sphinx) -> None:
        env = app.env
        self.app = app
        # As Sphinx's _get_toctree_ancestors sees it: one parent per page, the last
        # one listing it in toctree_includes (every page of the book has one).
        self.parent: dict[str, str] = {}
        for parent, children in env.toctree_includes.items():
            self.parent |= dict.fromkeys(children, parent)
        # What shown_anywhere found, kept between builds while no document is read
        # again (resolving the whole tree costs seconds in a large book).
        self.shown_file = Path(app.doctreedir) / "briefing-navigation.pickle"
        self.shown_key = repr((get_domain(env).content_version()[1], app.builder.name, sorted(app.builder.tags)))
        self.shown: dict[tuple[object, ...], frozenset[str]] = build_cache.load(self.shown_file, self.shown_key) or {}
        self.shown_changed = False
        self.html: dict[tuple[object, ...], str] = {}
        self._nav: SidebarCache | None = None

    @property
    def nav(self) -> SidebarCache:
        """The theme's sidebar HTML by (toctree HTML, arguments): loaded when a page first needs it."""
        if self._nav is None:
            self._nav = SidebarCache(self.app)
        return self._nav

    def ancestors(self, docname: str) -> set[str]:
        """The page's chain of parents up to the root, as Sphinx marks them current."""
        chain: list[str] = []
        doc = docname
        while doc in self.parent and doc not in chain:
            chain.append(doc)
            doc = self.parent[doc]
        return set(chain)

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
            if _takes_tags():
                options["tags"] = builder.tags
            resolved = sphinx_toctree.global_toctree_for_doc(env, root, builder, collapse=False, **options)
            uris = {builder.get_relative_uri(root, doc): doc for doc in env.all_docs}
            found = {root}
            for ref in resolved.findall(nodes.reference) if resolved is not None else ():
                uri = str(ref.get("refuri", "")).partition("#")[0]
                if uri in uris:
                    found.add(uris[uri])
            self.shown[args] = frozenset(found)
            self.shown_changed = True
        return self.shown[args]

    def save(self) -> None:
        if self.shown_changed:
            build_cache.save(self.shown_file, self.shown_key, self.shown)
            self.shown_changed = False
        if self._nav is not None:
            self._nav.save()


#: The distributions whose version the theme's sidebar HTML depends on.
THEME_DISTRIBUTIONS = ("pydata-sphinx-theme", "sphinx-book-theme", "beautifulsoup4")


class SidebarCache:
    """The theme's sidebar HTML by (toctree HTML, arguments), kept between builds.

    The theme's HTML is a function of its key (the test of the speed-ups compares every
    page with and without): stored per theme version and options, an entry not used for
    ``KEEP_BUILDS`` builds is dropped.
    """

    KEEP_BUILDS = 5

    def __init__(self, app: Sphinx) -> None:
        self.file = Path(app.doctreedir) / f"briefing-sidebars-{app.builder.name}.pickle"
        options = getattr(app.builder, "theme_options", None) or app.config.html_theme_options
        versions = build_cache.library_versions(THEME_DISTRIBUTIONS)
        self.stamp = repr((app.config.html_theme, app.config.language, versions, sorted(options.items(), key=repr)))
        stored: Any = build_cache.load(self.file, self.stamp) or (0, {})  # (build, entries)
        self.build: int = stored[0] + 1
        self.entries: dict[tuple[object, ...], tuple[int, str]] = stored[1]
        self.changed = False

    def get(self, key: tuple[object, ...]) -> str | None:
        entry = self.entries.get(key)
        if entry is None:
            return None
        used, html = entry
        if used != self.build:
            self.entries[key] = (self.build, html)
            self.changed = True
        return html

    def __setitem__(self, key: tuple[object, ...], html: str) -> None:
        self.entries[key] = (self.build, html)
        self.changed = True

    def save(self) -> None:
        if self.changed:
            kept = {k: v for k, v in self.entries.items() if self.build - v[0] < self.KEEP_BUILDS}
            build_cache.save(self.file, self.stamp, (self.build, kept))
            self.changed = False


_trees: weakref.WeakKeyDictionary[BuildEnvironment, _Tree] = weakref.WeakKeyDictionary()


def _tree(app: Sphinx) -> _Tree:
    tree = _trees.get(app.env)
    if tree is None:
        tree = _trees[app.env] = _Tree(app)
    return tree


def save_tree(app: Sphinx, exception: Exception | None) -> None:
    """Keep the sidebars resolved by this build for the next one (a no-op build resolves none)."""
    tree = _trees.get(app.env)
    if tree is not None and exception is None:
        tree.save()


def forget_tree(app: Sphinx, env: BuildEnvironment) -> None:
    """After reading: the toctree may have changed (and the book's templates)."""
    _trees.pop(env, None)
    _overrides.pop(app, None)


def share_toctree(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Wrap the page's ``toctree()`` so that pages with the same sidebar share one resolution."""
    original: Callable[..., str] | None = context.get("toctree")
    if original is None or not active(app, "navigation") or not hasattr(app.builder, "get_target_uri"):
        return
    tree = _tree(app)
    folder = posixpath.dirname(app.builder.get_target_uri(pagename))
    above = tree.ancestors(pagename)

    def toctree(**kwargs: Any) -> str:
        args = _arguments(kwargs)
        shown = tree.shown_anywhere(args, kwargs)
        # The page's own entry (if listed) differs from its siblings': a link to itself
        # (and a page that is not a document, genindex or search, is never "current").
        own = pagename if pagename in shown or pagename not in app.env.all_docs else None
        key = (folder, own, frozenset(above & shown), args)
        html = tree.html.get(key)
        if html is None:
            html = tree.html[key] = original(**kwargs)
        return html

    context["toctree"] = toctree


#: The theme's navigation template (sphinx-book-theme), never empty in this book.
NAV_TEMPLATE = "sbt-sidebar-nav.html"

#: Templates that can never render empty, by the section of the page that lists them: the
#: theme's navigation, and components that are one element whatever the page (a button, or
#: a ``div`` around buttons).  pydata-sphinx-theme renders every template of these sections
#: once more on every page to see whether it is empty; these are spared that.
NEVER_EMPTY = {
    "sidebars": (NAV_TEMPLATE, "search-button-field.html"),
    "theme_article_header_start": ("toggle-primary-sidebar.html",),
    "theme_article_header_end": ("article-header-buttons.html",),
}


def _suffixed(template: str) -> str:
    return template if posixpath.splitext(template)[1] else f"{template}.html"


@cache
def _installed() -> tuple[Path, ...]:
    return tuple({Path(sysconfig.get_paths()[key]).resolve() for key in ("purelib", "platlib")})


_overrides: weakref.WeakKeyDictionary[Sphinx, frozenset[str]] = weakref.WeakKeyDictionary()


def _overridden(app: Sphinx) -> frozenset[str]:
    """Templates the book's own ``templates_path`` defines (once a build): they may be anything, empty too.

    (Themes add their own folders of components to ``templates_path``: those are installed.)
    """
    found = _overrides.get(app)
    if found is None:
        names: set[str] = set()
        for folder in app.config.templates_path:
            path = Path(app.confdir, folder).resolve()
            if path.is_dir() and not any(path.is_relative_to(where) for where in _installed()):
                names.update(p.name for p in path.iterdir())
        found = _overrides[app] = frozenset(names)
    return found


def defer_sidebar_nav(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Before the theme's check for empty templates: take out those that cannot be empty."""
    if not active(app, "navigation"):
        return
    deferred: dict[str, tuple[list[str], set[str]]] = {}  # section -> (its templates, those held out)
    overridden = _overridden(app)
    for section, never_empty in NEVER_EMPTY.items():
        templates = context.get(section)
        if isinstance(templates, str):
            templates = [t.strip() for t in templates.split(",")]
        if not isinstance(templates, list):
            continue
        names = [_suffixed(t) for t in templates]
        held = set(never_empty) - overridden
        if held & set(names):
            deferred[section] = (names, held)
            context[section] = [t for t in names if t not in held]
    context["briefing_deferred"] = deferred


def share_sidebar_nav(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """After the theme's handlers: the templates held out back in place; the navigation's HTML shared."""
    deferred: dict[str, tuple[list[str], set[str]]] = context.pop("briefing_deferred", {})
    for section, (names, held) in deferred.items():
        kept = {_suffixed(t) for t in context.get(section) or ()}
        context[section] = [t for t in names if t in held or t in kept]
    if NAV_TEMPLATE not in deferred.get("sidebars", ((), set()))[1]:
        return
    original: Callable[..., Any] | None = context.get("generate_toctree_html")
    toctree: Callable[..., str] | None = context.get("toctree")
    if original is None or toctree is None:
        return
    nav = _tree(app).nav

    def generate_toctree_html(kind: str, startdepth: int = 1, show_nav_level: int = 1, **kwargs: Any) -> Any:
        if kind != "sidebar" or startdepth != 0:
            return original(kind, startdepth, show_nav_level, **kwargs)
        # The theme's HTML depends only on the toctree HTML (shared, see share_toctree) and these.
        key = (toctree(**kwargs), show_nav_level, _arguments(kwargs))
        html = nav.get(key)
        if html is None:
            html = str(original(kind, startdepth, show_nav_level, **kwargs))
            nav[key] = html
        return html

    context["generate_toctree_html"] = generate_toctree_html


def setup_navigation(app: Sphinx) -> None:
    app.connect("env-updated", forget_tree)
    app.connect("build-finished", save_tree)
    # Before the theme's handlers (500), which render the sidebar to see whether it is empty.
    app.connect("html-page-context", share_toctree, priority=450)
    app.connect("html-page-context", defer_sidebar_nav, priority=450)  # before the theme's check (500)
    app.connect("html-page-context", share_sidebar_nav, priority=900)  # after every theme handler
