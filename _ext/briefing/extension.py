"""The extension's ``setup()``: it only delegates to each floor's ``setup_*`` function (see
README.md, "Code layout"), and adds the HTML and LaTeX assets.

Imported only when Sphinx loads the extension: ``import briefing.articles.parse`` (a tool,
a test, a benchmark) loads no Sphinx.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging
from sphinx.util.fileutil import copy_asset_file

from briefing.exchange.briefings_json import setup_jsonio
from briefing.exchange.other_books import setup_external
from briefing.output.feeds import setup_feeds
from briefing.output.glyphs import setup_glyphs
from briefing.output.handouts import setup_handouts
from briefing.output.latex import setup_latex
from briefing.output.search import setup_search
from briefing.readtime.collect import setup_mentions
from briefing.readtime.config import setup_config
from briefing.readtime.directives import setup_directives
from briefing.readtime.domain import setup_domain
from briefing.readtime.generation import setup_generate
from briefing.readtime.labels import setup_labels
from briefing.readtime.transforms import setup_transforms
from briefing.speedups import setup_speedups
from briefing.writetime.mention_links import setup_mention_links
from briefing.writetime.pages import setup_pages

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

from briefing import ENV_VERSION, __version__

LOCALE_DIR = Path(__file__).parent / "locales"


STATIC_DIR = Path(__file__).parent / "static"


def _add_html_assets(app: Sphinx) -> None:
    """The book's CSS, for HTML builders only."""
    # CSS only where there is HTML: LaTeX and the other builders never see it.
    # Copied before any page is written, so every page (first build or not)
    # links it with the same checksum; not through html_static_path, whose
    # change would make every next build see "config changed".
    if app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        copy_asset_file(STATIC_DIR / "briefing.css", static / "briefing.css", force=True)
        app.add_css_file("briefing.css")


def _add_latex_assets(app: Sphinx) -> None:
    """The PDF's style files, for the LaTeX builder only."""
    # The LaTeX styles of takeaways, headers and cross-references (briefing.sty); fonts (briefingcjk.sty).
    if app.builder.name == "latex":
        for name in ("briefing.sty", "briefingcjk.sty"):
            copy_asset_file(STATIC_DIR / name, Path(app.outdir) / name, force=True)


logger = logging.getLogger(__name__)

#: The oldest Sphinx the extension runs on (the whole book is built with it; see README).
MIN_SPHINX = "8.2"


#: The MyST syntax the generated pages are written in: colon fences (``:::{briefing}``) and
#: definition lists (a press release's ``日時：…`` block).
MYST_SYNTAX = ("colon_fence", "deflist")


def _enable_myst_syntax(app: Sphinx, config: Config) -> None:
    """Turn on the MyST syntax the generated pages use.

    A book whose ``conf.py`` forgot it would otherwise show the fences as text,
    without a warning.
    """
    enabled = list(getattr(config, "myst_enable_extensions", []) or [])
    missing = [name for name in MYST_SYNTAX if name not in enabled]
    if missing:
        logger.info("briefing: turning on MyST's %s syntax, which the generated pages use", " and ".join(missing))
        config.myst_enable_extensions = [*enabled, *missing]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.require_sphinx(MIN_SPHINX)
    # The pages are MyST, and the header and cards use sphinx-design's components.
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    # Early: the syntax is on before any handler (MyST's, a book's) reads myst_enable_extensions.
    app.connect("config-inited", _enable_myst_syntax, priority=100)
    app.add_message_catalog("briefing", str(LOCALE_DIR))
    setup_config(app)
    setup_domain(app)
    setup_directives(app)
    setup_labels(app)
    setup_latex(app)
    setup_glyphs(app)
    setup_transforms(app)
    setup_generate(app)
    setup_mentions(app)
    setup_mention_links(app)
    setup_pages(app)
    setup_jsonio(app)
    setup_external(app)
    setup_search(app)
    setup_feeds(app)
    setup_handouts(app)
    setup_speedups(app)
    app.connect("builder-inited", _add_html_assets)
    app.connect("builder-inited", _add_latex_assets)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
