"""The theme's compiled Jinja templates, kept between builds (part ``templates``).

Sphinx compiles every template it renders again in each build: the book theme's
layout, sidebars and components, most of a no-op build's first page.  Jinja's own
bytecode cache keeps the compiled code in the doctree folder (gone with a clean
build) and checks each cached template against its source text.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from . import active

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def cache_compiled_templates(app: Sphinx) -> None:
    """Give Sphinx's Jinja environment a bytecode cache, unless it has one.

    The folder is per builder, Jinja version, Python version and Jinja extensions (the
    compiled code depends on them).  The part's check made sure the builder's template
    bridge is Sphinx's own, with a Jinja environment (or that there is none).
    """
    templates = getattr(app.builder, "templates", None)
    if templates is None or not active(app, "templates"):
        return
    environment: jinja2.Environment = templates.environment
    if environment.bytecode_cache is not None:
        return
    # The code compiled depends on the Jinja extensions loaded (Sphinx adds i18n for a translated build).
    extensions = hashlib.sha256(" ".join(sorted(environment.extensions)).encode()).hexdigest()[:12]
    version = f"{app.builder.name}-jinja{jinja2.__version__}-py{sys.version_info[0]}.{sys.version_info[1]}-{extensions}"
    folder = Path(app.doctreedir) / "briefing-templates" / version
    folder.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))


def setup_templates(app: Sphinx) -> None:
    app.connect("builder-inited", cache_compiled_templates)
