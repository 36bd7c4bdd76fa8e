"""A toctree one level deep in a page, listed without resolving the tree below it (part ``toctrees``).

The book's index, the briefings' index and each year's page show a toctree of
``maxdepth: 1``: the titles of the pages it names.  Sphinx resolves such a
toctree by copying the whole table of contents of every page below it, and the
toctrees within those, and only then cuts the copy to the one level shown: for
the briefings' index, the sections of every briefing (through its year and its
month), work and memory that grow with the book.

What one level shows is known without that: each page's entry in its own table
of contents (its title, as Sphinx made it), under the entry's explicit title if
the toctree gives one.  So at ``doctree-resolved`` (before Sphinx resolves the
toctrees of the page) such a toctree becomes that list, in the nodes Sphinx
would have made.  Anything less plain is left to Sphinx: a numbered or hidden
toctree, a URL or ``self`` entry, a page without a title or not in the book
(Sphinx's own warnings then name it), a title under ``only``.  A test compares
every toctree of a book both ways.  Only for ``html`` and ``dirhtml`` pages (see
:data:`WRITERS_OF_PAGES`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.domains.std import StandardDomain
from sphinx.util import url_re

from . import active

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


def one_level(env: BuildEnvironment, builder: Builder, docname: str, toctree: addnodes.toctree) -> nodes.Element | None:
    """What Sphinx resolves ``toctree`` (in ``docname``) to, if it is one level deep and plain; else None."""
    if toctree.get("hidden") or toctree.get("maxdepth") != 1 or toctree.get("numbered"):
        return None
    items: list[nodes.list_item] = []
    for title, ref in toctree["entries"]:
        if ref == "self" or ref == docname or url_re.match(ref) or ref in StandardDomain._virtual_doc_names:
            return None
        toc = env.tocs.get(ref)
        if toc is None or not toc.children:
            return None
        entries = []
        for item in toc.children:
            if not (isinstance(item, nodes.list_item) and item.children):
                return None
            paragraph = item[0]
            if not isinstance(paragraph, addnodes.compact_paragraph) or any(paragraph.findall(addnodes.only)):
                return None
            entry = item.copy()
            entry += paragraph.deepcopy()
            entries.append(entry)
        if title and len(entries) == 1:
            for reference in entries[0].findall(nodes.reference):
                if reference["refuri"] == ref and not reference["anchorname"]:
                    reference.children[:] = [nodes.Text(title)]
        items += entries
    if not items:
        return None

    resolved = addnodes.compact_paragraph("", "")
    if caption := toctree.attributes.get("caption"):
        caption_node = nodes.title(caption, "", nodes.Text(caption))
        caption_node.line = toctree.line
        caption_node.source = toctree.source
        caption_node.rawsource = toctree["rawcaption"]
        if hasattr(toctree, "uid"):  # for translation, as Sphinx moves it
            caption_node.uid = toctree.uid
            del toctree.uid
        resolved += caption_node
    resolved += nodes.bullet_list("", *items)
    resolved["toctree"] = True
    for item in items:
        item["classes"].append("toctree-l1")
        item[0]["classes"].append("toctree-l1")
        for reference in item.findall(nodes.reference):
            if not url_re.match(reference["refuri"]):
                uri = builder.get_relative_uri(docname, reference["refuri"])
                reference["refuri"] = uri + reference["anchorname"]
    return resolved


#: The builders for which ``doctree-resolved`` means a page being written.  EPUB and the help
#: formats also resolve the root document's whole tree for their own tables of contents
#: (``prune_toctrees=False``), and single-page HTML puts the pages in the toctrees' place.
WRITERS_OF_PAGES = frozenset({"html", "dirhtml"})


def list_one_level_toctrees(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Each plain toctree one level deep in the page becomes its list (see the module's doc)."""
    builder = app.builder
    if builder.name not in WRITERS_OF_PAGES or not active(app, "toctrees"):
        return
    for toctree in list(doctree.findall(addnodes.toctree)):
        resolved = one_level(app.env, builder, docname, toctree)
        if resolved is not None:
            toctree.replace_self(resolved)


def setup_toctrees(app: Sphinx) -> None:
    app.connect("doctree-resolved", list_one_level_toctrees)
