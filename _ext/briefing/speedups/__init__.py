"""The parts that replace or patch Sphinx's or the theme's behaviour for speed, behind one switch.

Each part names what it relies on that is not a public API, and checks it when the builder
starts (``builder-inited``). A part whose check fails stays off for that build, with one info
line, and Sphinx's own behaviour remains; ``briefing_speedups = False`` turns every part off.
A test builds the book with all parts on and all off and compares every output file.

=============  ======================================================  ===================
part           what it relies on                                       module
=============  ======================================================  ===================
navigation     ``env.toctree_includes``; the ``toctree`` template      ``navigation``
               function; Sphinx's ``global_toctree_for_doc``
doctrees       ``env._write_doc_doctree_cache`` and                    ``doctrees``
               ``env._pickled_doctree_cache`` (dicts)
toctrees       ``StandardDomain._virtual_doc_names`` (a mapping)       ``toctrees``
templates      Sphinx's own template loader and its Jinja environment  ``templates``
splitter       Sphinx's TinySegmenter model (``DefaultSplitter``'s     ``splitter``
               ``*__`` tables), checked by splitting a sample
gc             nothing private (the ``gc`` module)                     ``collector``
=============  ======================================================  ===================

The parts are imported by :func:`setup_speedups`, not here: they ask :func:`active` whether
they run, and the checks import only what they check.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from sphinx.util import logging

from briefing.readtime.config import BriefingConfig

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


def _navigation(app: Sphinx) -> str | None:
    from sphinx.environment.adapters import toctree

    if not callable(getattr(toctree, "global_toctree_for_doc", None)):
        return "sphinx.environment.adapters.toctree.global_toctree_for_doc is gone"
    if not isinstance(getattr(app.env, "toctree_includes", None), dict):
        return "the environment has no toctree_includes mapping"
    return None


def _doctrees(app: Sphinx) -> str | None:
    for name in ("_write_doc_doctree_cache", "_pickled_doctree_cache"):
        if not isinstance(getattr(app.env, name, None), dict):
            return f"the environment has no {name} dict"
    return None


def _toctrees(app: Sphinx) -> str | None:
    from sphinx.domains.std import StandardDomain

    if not isinstance(getattr(StandardDomain, "_virtual_doc_names", None), Mapping):
        return "StandardDomain._virtual_doc_names is gone"
    return None


def _templates(app: Sphinx) -> str | None:
    import jinja2
    from sphinx.jinja2glue import BuiltinTemplateLoader

    templates = getattr(app.builder, "templates", None)
    if templates is None:
        return None  # a builder without templates: nothing to do, nothing to say
    if not isinstance(templates, BuiltinTemplateLoader):
        return "the template bridge is not Sphinx's own"
    if not isinstance(getattr(templates, "environment", None), jinja2.Environment):
        return "Sphinx's template loader has no Jinja environment"
    return None


def _splitter(app: Sphinx) -> str | None:
    from .splitter import same_words_as_sphinx

    return None if same_words_as_sphinx() else "Sphinx's Japanese splitter model is not the one it was written for"


def _gc(app: Sphinx) -> str | None:
    return None


#: Every part, with the check of what it relies on (None: it holds; else why not).
PARTS: dict[str, Callable[[Sphinx], str | None]] = {
    "navigation": _navigation,
    "doctrees": _doctrees,
    "toctrees": _toctrees,
    "templates": _templates,
    "splitter": _splitter,
    "gc": _gc,
}

_off: weakref.WeakKeyDictionary[Sphinx, frozenset[str]] = weakref.WeakKeyDictionary()


def check(app: Sphinx) -> None:
    """At ``builder-inited``: which parts run in this build."""
    if not BriefingConfig.of(app.config).speedups:
        _off[app] = frozenset(PARTS)
        return
    off = set()
    for name, holds in PARTS.items():
        reason = holds(app)
        if reason is not None:
            off.add(name)
            logger.info("briefing: speed-up %r is off (%s); Sphinx's own behaviour is used", name, reason)
    _off[app] = frozenset(off)


def active(app: Sphinx, name: str) -> bool:
    """Whether the part ``name`` runs in this build (before the check: only if the switch is on)."""
    off = _off.get(app)
    if off is None:
        return BriefingConfig.of(app.config).speedups
    return name not in off


def setup_speedups(app: Sphinx) -> None:
    """The check, then every part's handlers (each part asks :func:`active` before it acts)."""
    from .collector import setup_collector
    from .doctrees import setup_doctrees
    from .navigation import setup_navigation
    from .splitter import setup_splitter
    from .templates import setup_templates
    from .toctrees import setup_toctrees

    app.connect("builder-inited", check, priority=10)  # before the parts' own builder-inited handlers
    # (No part depends on the order of another's handlers of the same event and priority.)
    setup_splitter(app)
    setup_navigation(app)
    setup_toctrees(app)
    setup_doctrees(app)
    setup_collector(app)
    setup_templates(app)
