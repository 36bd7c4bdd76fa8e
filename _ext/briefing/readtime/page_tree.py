"""Where the generated pages stand in Sphinx's tree of documents.

The generator writes its pages into the source tree; these event handlers make
Sphinx read them even when ``conf.py`` narrows ``include_patterns``, mark the
overview pages (which no toctree needs to list) as orphans, and keep the print
root, which lists every briefing as a chapter of the PDF, from becoming every
briefing's parent in the HTML sidebar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.generating.slugs import OVERVIEW_PAGES, PRINT_PAGE
from briefing.readtime.config import BriefingConfig

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


def overview_pages_are_orphans(app: Sphinx, doctree: object) -> None:
    """The generated overview pages need no toctree (a book links them where it likes)."""
    folder = BriefingConfig.of(app.config).output_dir
    if app.env.docname in {f"{folder}/{name}" for name in (*OVERVIEW_PAGES, PRINT_PAGE)}:
        app.env.metadata[app.env.docname]["orphan"] = True
    if app.env.docname == f"{folder}/{PRINT_PAGE}":
        app.env.metadata[app.env.docname]["nosearch"] = True  # the PDF's root, not a page to find


def print_root_outside_html_tree(app: Sphinx, env: BuildEnvironment) -> None:
    """The print root is nobody's parent in the book's tree: only LaTeX follows its toctrees.

    It lists every briefing as a chapter, and each briefing is listed by its
    month (or the briefings' index) too.  Sphinx gives a page listed twice the
    parent whose name sorts last, so every briefing's sidebar would place it
    under the print root (an orphan no sidebar shows) instead of "briefings".
    The printed builders do not need the relation: they follow the toctree
    nodes in the print root's own doctree.  So after reading, its entries leave
    the environment's tree (and what Sphinx rewrites when a briefing changes).
    """
    root = f"{BriefingConfig.of(app.config).output_dir}/{PRINT_PAGE}"
    for child in env.toctree_includes.pop(root, ()):
        env.files_to_rebuild.get(child, set()).discard(root)


def include_generated_pages(app: Sphinx, config: Config) -> None:
    """Make sure the generated folders are sources even when conf.py narrows include_patterns."""
    patterns = list(config.include_patterns)
    if patterns != ["**"]:
        conf = BriefingConfig.of(config)
        for folder in (conf.output_dir, conf.entity_dir):
            pattern = f"{folder}/**"
            if pattern not in patterns:
                patterns.append(pattern)
        config.include_patterns = patterns
