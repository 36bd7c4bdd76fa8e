"""The developer and operator docs of the briefing book (``make docs``), a MyST site of its own.

The book itself is the project at the repository's root; this one documents it: the analyst's
guide (seeds, the registry, what the book shows), the operator's (builds, the PDF, Read the
Docs, options, a second book, scale) and the developer's (the floors, the build's lifecycle,
the tests, the benchmarks).
"""

project = "Briefing book: the guides"
author = "Briefing team"
copyright = "2025, Briefing team"  # noqa: A001 (Sphinx's name)
language = "en"
extensions = ["myst_parser"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
exclude_patterns = ["_build"]
html_theme = "sphinx_book_theme"
html_title = "Briefing book: the guides"
html_theme_options = {"repository_url": "", "use_repository_button": False}
