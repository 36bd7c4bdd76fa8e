"""Sphinx configuration of the briefing book.

Everything the book needs happens inside the ``briefing`` extension (``_ext/``),
so a plain ``python -m sphinx`` (as Read the Docs runs it) builds the whole book.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

# -- Project ------------------------------------------------------------------
project = "ブリーフィングブック"
author = "Briefing team"
copyright = "2025, Briefing team"  # noqa: A001 (Sphinx's name)
language = "ja"
# The book's edition; EPUB needs one.  Bump it when you publish a new edition.
# (release stays empty: the PDF's title page and running head then show no "リリース".)
version = "1"
release = ""

extensions = [
    "myst_parser",
    "sphinx_design",
    "briefing",
]

# Only the book's pages are sources: the README, tests and benchmarks are not.
include_patterns = ["index.md", "briefings/**", "entities/**"]
exclude_patterns = ["_build", ".venv", "**/.ipynb_checkpoints"]

# Seed text is data and must reach the page unchanged: no curly quotes or
# dashes made from "..." or -- in it, whatever the language.
smartquotes = False

# -- MyST ---------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 0

# -- HTML ---------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = project
html_theme_options = {
    "show_toc_level": 2,
    # The navigation tree is rendered into every page: keep it shallow so one
    # page's cost does not grow with the number of briefings.
    "show_navbar_depth": 1,
    "max_navbar_depth": 2,
    "collapse_navbar": True,
    "home_page_in_toc": True,
    "use_download_button": False,  # it would offer the MyST sources, which are not copied
}
html_last_updated_fmt = ""
html_copy_source = False
# Japanese search with Sphinx's built-in splitter (TinySegmenter), no extra packages;
# the briefing extension runs the same model faster (same words, see briefing.speedups.splitter).
html_search_language = "ja"
html_search_options = {"type": "sphinx.search.ja.DefaultSplitter"}

# Read the Docs: canonical URL from its environment (empty when building locally).
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
# The theme reads its colour mode from the context; left empty, its JS logs an error.
html_context: dict[str, object] = {"default_mode": "auto"}
if os.environ.get("READTHEDOCS", "") == "True":
    html_context["READTHEDOCS"] = True

# The relationship graphs: SVG so that every node is a link to its page.
graphviz_output_format = "svg"

# -- LaTeX / PDF ----------------------------------------------------------------
# Sphinx's default for Japanese, named to be explicit.  Built in another language
# (Read the Docs' dashboard left at English), the extension uses XeLaTeX instead.
latex_engine = "uplatex"
# The printed book: the extension generates its root, briefings/print.md: the briefings are
# the chapters (newest first), then appendices for each kind of entity, the takeaways and
# the graph; the indices (general, then one per kind) follow.
latex_documents = [("briefings/print", "briefing-book.tex", project, author, "manual")]
latex_show_pagerefs = True  # cross-references show page numbers (mentions in prose excepted)
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    "fncychap": "",
    # (The extension loads the Japanese fonts, Harano Aji, embedded, under any engine:
    # briefing_latex_cjk_fonts.)
    "preamble": "\n".join(
        [
            r"\setlength{\headheight}{15pt}",  # fancyhdr asks for it with Japanese fonts
            r"\addtolength{\topmargin}{-3pt}",
        ]
    ),
}
latex_show_urls = "footnote"

# -- man (make man) ---------------------------------------------------------------
# The whole book as one page of section 7 (miscellany): `man -l _build/man/briefing-book.7`.
man_pages = [("briefings/print", "briefing-book", project, [author], 7)]

# -- EPUB -----------------------------------------------------------------------
epub_basename = "briefing-book"
epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_show_urls = "no"
# The reader's contents reach every briefing once the book is grouped: briefings ›
# year › month › briefing is four levels (Sphinx's default stops at three).
epub_tocdepth = 4
epub_identifier = os.environ.get("READTHEDOCS_CANONICAL_URL", "") or "briefing-book"
epub_scheme = "URL" if os.environ.get("READTHEDOCS_CANONICAL_URL") else "local"
