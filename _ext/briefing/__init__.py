"""The briefing-book Sphinx extension: seeds in, a cross-referenced book out.

``setup()`` is :func:`briefing.extension.setup`, imported when Sphinx loads the extension,
so that the pure floors (``briefing.articles``, ``briefing.matching`` …) load without Sphinx.
See README.md ("Code layout") for the floors and what each module holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"
#: Bump when the shape of what the extension stores in the environment changes.
ENV_VERSION = 13  # 13: briefing records hold the lead and outlet (feeds, attention)


def setup(app: Sphinx) -> ExtensionMetadata:
    from briefing.extension import setup as setup_extension

    return setup_extension(app)
