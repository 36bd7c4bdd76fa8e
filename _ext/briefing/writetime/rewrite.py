"""Which pages to write again after an incremental read: those whose views or navigation changed.

Sphinx writes again only the pages it read again.  A gathering page (an
entity's backlinks, the takeaway list, the timeline, a briefing's related
briefings) shows what other pages hold, and every page's sidebar and
previous/next links show its neighbours.  At ``doctree-read`` the views of
each page are noted in the domain; at ``env-updated`` every page whose views
now show something else than when it was last written is written again (a
fingerprint per page), and every page whose navigation changed, so that an
incremental build equals a clean one without writing the whole book.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.data.views import fingerprint
from briefing.readtime.domain import BriefingDomain, get_domain
from briefing.readtime.nodes import briefing_view
from briefing.writetime.view_registry import VIEWS, Depends

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def note_views(app: Sphinx, doctree: nodes.document) -> None:
    """At ``doctree-read``: the views a page shows, and the page each is about."""
    keys = []
    for node in doctree.findall(briefing_view):
        node["page"] = app.env.docname  # the page whose data it shows, also inside a LaTeX book
        keys.append((node["view"], *node["params"]))
    get_domain(app.env).set_page_views(app.env.docname, keys)


def page_fingerprint(domain: BriefingDomain, docname: str, keys: list[tuple[str, ...]], salt: str) -> str:
    """A hash of everything the page's views show."""
    shown: list[object] = [salt]
    for key in keys:
        view = VIEWS.get(key[0])
        if view is not None:
            shown.append(view.shows(domain, docname, list(key[1:])))
    return fingerprint(shown)


def may_have_changed(
    docname: str, keys: list[tuple[str, ...]], touched: set[str], entities: set[str], own: Callable[[str], set[str]]
) -> bool:
    """Whether what a page shows can differ now that ``touched`` were read again (or removed).

    ``entities``: those the touched documents name, now or before; ``own(doc)``:
    those ``doc`` names.  An entity's view (its mentions, co-mentions,
    neighbourhood) is made of the briefings that name it, so it changes only
    with a document that names it; a briefing's header only with the briefing
    itself; its related briefings only with a document that shares an entity
    with it (a briefing that shares none scores nothing with it, before and
    after, and the weights that move are those of the touched entities); the
    views over the whole book (lists, timeline, graph) with any change at all.
    """
    if not touched:
        return False
    if docname in touched:
        return True
    for key in keys:
        view = VIEWS.get(key[0])
        depends = view.depends if view is not None else Depends.BOOK
        if depends is Depends.ENTITY:
            if key[1] in entities:
                return True
        elif depends is Depends.SHARED:
            if not own(docname).isdisjoint(entities):
                return True
        elif depends is not Depends.PAGE:
            return True
    return False


def descendants(parent: str, tree: Mapping[str, Sequence[str]]) -> set[str]:
    """Every document under ``parent`` in a toctree map (parent -> children)."""
    found: set[str] = set()
    todo = [parent]
    while todo:
        for child in tree.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def navigation_changes(env: BuildEnvironment, state: dict[str, Any]) -> set[str]:
    """Pages whose navigation (sidebar, previous/next) differs from when they were last written.

    Sphinx rewrites only the pages it read again; but adding, retitling or
    removing a page changes the sidebar of its siblings (the theme collapses
    the tree to the current page's branch) and the previous/next links of its
    neighbours.  Those pages are written again too.
    """
    relations = {doc: tuple(rel) for doc, rel in env.collect_relations().items()}
    tree = {parent: tuple(children) for parent, children in env.toctree_includes.items()}
    titles = {doc: title.astext() for doc, title in env.titles.items()}
    old_relations, old_tree, old_titles = state.get("relations"), state.get("tree"), state.get("titles")
    state.update(relations=relations, tree=tree, titles=titles)
    if old_relations is None or old_tree is None or old_titles is None:
        return set()  # the first build writes everything anyway
    changed = {doc for doc, rel in relations.items() if old_relations.get(doc) != rel}
    # Only the tree the sidebar shows: the one under the root document.
    shown = {env.config.root_doc} | descendants(env.config.root_doc, tree)
    parents = {p for p in set(tree) | set(old_tree) if p in shown and tree.get(p) != old_tree.get(p)}
    parents |= {rel[0] for doc, rel in relations.items() if rel[0] and titles.get(doc) != old_titles.get(doc)}
    for parent in parents:
        changed |= {parent} | descendants(parent, tree)
    return changed


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading: the pages whose gathered content or navigation changed since last written.

    Kept per builder: what the HTML pages showed says nothing about the PDF.
    """
    domain = get_domain(env)
    state: dict[str, Any] = domain.data.setdefault("written", {}).setdefault(app.builder.name, {})
    old: dict[str, str] = state.get("fingerprints", {})
    # Entity names, kind labels and other books' mentions show in many views: one
    # hash of them, once per build.  While it holds, only the pages whose views
    # a document read again can have changed are fingerprinted again.
    salt = fingerprint(
        (sorted(domain.entities.items()), sorted(domain.kinds.items()), sorted(domain.data.get("external", {}).items()))
    )
    touched = set(domain.touched)
    entities = set(domain.touched_entities)
    for doc in touched:
        entities |= domain.entities_in(doc)
    entities |= {eid for eid, rec in domain.entities.items() if rec.docname in touched}
    before, now = domain.content_version()
    # Only what this build read can have changed since this builder last wrote, unless
    # another builder (sharing the doctrees) read changes in between: then recompute all.
    same_salt = state.get("salt") == salt and state.get("version") == before
    new = {
        doc: old[doc]
        if same_salt and doc in old and not may_have_changed(doc, keys, touched, entities, domain.entities_in)
        else page_fingerprint(domain, doc, keys, salt)
        for doc, keys in domain.page_views.items()
    }
    state["fingerprints"], state["salt"], state["version"] = new, salt, now
    rewrite = {doc for doc, value in new.items() if old.get(doc) != value}
    rewrite |= navigation_changes(env, state)
    return sorted(doc for doc in rewrite if doc in env.all_docs)


def note_removed(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """The pages of deleted seeds, kept for :func:`delete_removed_outputs`; nothing more to read."""
    get_domain(env).data["removed"] = sorted(removed)
    return []


def delete_removed_outputs(app: Sphinx, exception: Exception | None) -> None:
    """A deleted seed's page leaves no HTML behind (a clean build would have none)."""
    removed = get_domain(app.env).data.pop("removed", [])
    if exception is not None or app.builder.format != "html" or not hasattr(app.builder, "get_outfilename"):
        return
    for docname in removed:
        Path(app.builder.get_outfilename(docname)).unlink(missing_ok=True)


def setup_rewrite(app: Sphinx) -> None:
    app.connect("doctree-read", note_views)
    app.connect("env-get-outdated", note_removed)
    app.connect("env-updated", pages_to_rewrite)
    app.connect("build-finished", delete_removed_outputs)
