"""The briefing-book Sphinx extension: seeds in, a cross-referenced book out.

``setup()`` only delegates to each module's ``setup_*`` function; see
README.md ("Code layout") for what each module holds.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .backlinks import setup_backlinks
from .config import setup_config
from .directives import setup_directives
from .domain import setup_domain
from .generate import setup_generate
from .transforms import setup_transforms

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"
#: Bump when the shape of what the extension stores in the environment changes.
ENV_VERSION = 2
LOCALE_DIR = Path(__file__).parent / "locales"


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_message_catalog("briefing", str(LOCALE_DIR))
    setup_config(app)
    setup_domain(app)
    setup_directives(app)
    setup_transforms(app)
    setup_generate(app)
    setup_backlinks(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
