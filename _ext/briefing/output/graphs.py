"""Relationship graphs, drawn by Graphviz in one run for the whole HTML build.

``sphinx.ext.graphviz`` starts ``dot`` once per graph while it writes the
page, and starting ``dot`` is most of what drawing a small graph costs.  A
book has a graph on every entity page, so in HTML each graph is instead left
in the image folder as a ``.gv`` file when its page is written, and all of
them are drawn by one ``dot`` at the end of the build (BENCHMARKS.md has the
figures).  A graph whose SVG is there from an earlier build is not drawn again.

Other builders (LaTeX, EPUB, whose package is made before the build ends)
draw the same node with ``sphinx.ext.graphviz`` as usual: the node is one of
its ``graphviz`` nodes.
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.ext.graphviz import graphviz, html_visit_graphviz
from sphinx.util import logging

from briefing.util import cache as build_cache
from briefing.util.subtypes import Subtype

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.writers.html5 import HTML5Translator

logger = logging.getLogger(__name__)

#: Builders whose pages are finished when the build is (the graphs can come last).
BATCH_BUILDERS = frozenset({"html", "dirhtml"})
PREFIX = "briefing-graph-"
CHUNK = 200  # files per dot run: a short enough command line anywhere


class briefing_graph(graphviz):
    """A graph with two versions of its code: ``code`` with links relative to
    its page (for ``sphinx.ext.graphviz``) and ``batch_code`` with links
    relative to the image folder, where the batch-drawn SVG lives."""


def _digest(config: Config, code: str) -> str:
    key = "\0".join([code, str(config.graphviz_dot), *map(str, config.graphviz_dot_args)])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def drawing_name(config: Config, batch_code: str) -> str:
    """The file name (without suffix) of a batch-drawn graph."""
    return PREFIX + _digest(config, batch_code)


class GraphLedger:
    """Which batch-drawn graph each page shows, kept between builds, so that drawings no page
    shows any more are deleted (a graph's file is named by its code: a new briefing gives an
    entity a new drawing, and the old one would stay in the image folder forever).

    Noted when a page's graph is made (``doctree-resolved``, in the main process even for a
    parallel build); kept in the doctree folder per builder.  A ledger that was lost while
    the environment was kept does not know the pages this build does not write: nothing is
    deleted until a build has written them all.
    """

    def __init__(self) -> None:
        self.shows: dict[str, frozenset[str]] = {}
        self.complete = False
        self.written: set[str] = set()

    def _file(self, app: Sphinx) -> Path:
        return Path(app.doctreedir) / f"briefing-graphs-{app.builder.name}.pickle"

    def start(self, app: Sphinx) -> None:
        """A build starts: no page written yet; the ledger of the last build is read back."""
        self.written = set()
        if app.builder.name not in BATCH_BUILDERS:
            return
        stored = build_cache.load(self._file(app), "graphs")
        shows, complete, in_progress = stored if stored is not None else ({}, False, True)
        # A build stopped before its end (an error, Ctrl-C) wrote pages the ledger does not know.
        self.shows, self.complete = shows, complete and not in_progress
        build_cache.save(self._file(app), "graphs", (self.shows, self.complete, True))

    def page(self, app: Sphinx, doctree: nodes.document, docname: str) -> None:
        """A page is being written: what it showed before no longer counts (before its views are made)."""
        if app.builder.name in BATCH_BUILDERS:
            self.shows.pop(docname, None)
            self.written.add(docname)

    def note(self, docname: str, name: str) -> None:
        self.shows[docname] = self.shows.get(docname, frozenset()) | {name}

    def finish(self, app: Sphinx, exception: Exception | None) -> None:
        """Forget gone pages, delete drawings no page shows, keep the ledger."""
        if exception is not None or app.builder.name not in BATCH_BUILDERS:
            return  # the ledger stays marked as in progress: the next build deletes nothing it does not know
        docs = set(app.env.found_docs)
        self.shows = {doc: names for doc, names in self.shows.items() if doc in docs}
        self.complete = self.complete or docs <= self.written
        if self.complete:
            shown = {name for names in self.shows.values() for name in names}
            folder = Path(app.builder.outdir) / getattr(app.builder, "imagedir", "_images")
            for path in folder.glob(f"{PREFIX}*.svg") if folder.is_dir() else ():
                if path.stem not in shown:
                    path.unlink(missing_ok=True)
        build_cache.save(self._file(app), "graphs", (self.shows, self.complete, False))


#: The ledger of the build (one per process: Sphinx builds one project at a time in it).
LEDGER = GraphLedger()


def visit_briefing_graph(self: HTML5Translator, node: briefing_graph) -> None:
    builder = self.builder
    batch = builder.name in BATCH_BUILDERS and builder.config.graphviz_output_format == "svg"
    if not batch or not node.get("batch_code"):
        html_visit_graphviz(self, node)
        return
    code = node["batch_code"]
    name = drawing_name(builder.config, code)
    folder = Path(builder.outdir) / builder.imagedir
    if not (folder / f"{name}.svg").is_file():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.gv").write_text(code, "utf-8")
    src = posixpath.join(builder.imgpath, f"{name}.svg")
    classes = " ".join(["graphviz", *node.get("classes", [])])
    alt = html.escape(node.get("alt", ""))
    self.body.append(
        f'<div class="graphviz"><object data="{html.escape(src)}" type="image/svg+xml" class="{classes}">\n'
        f'<p class="warning">{alt}</p></object></div>\n'
    )
    raise nodes.SkipNode


def draw_pending(app: Sphinx, exception: Exception | None) -> None:
    """Draw every graph the pages of this build left as ``.gv`` files: one ``dot`` per 200."""
    if exception is not None or app.builder.name not in BATCH_BUILDERS:
        return
    folder = Path(app.builder.outdir) / getattr(app.builder, "imagedir", "_images")
    pending = sorted(folder.glob(f"{PREFIX}*.gv")) if folder.is_dir() else []
    command = [str(app.config.graphviz_dot), *map(str, app.config.graphviz_dot_args), "-Tsvg"]
    for start in range(0, len(pending), CHUNK):
        chunk = pending[start : start + CHUNK]
        if _run([*command, "-O", *map(str, chunk)], folder) is None and all(_drawn(gv).is_file() for gv in chunk):
            for gv in chunk:
                _keep(gv)
            continue
        # Something failed: whatever dot left is not to be trusted; each graph alone.
        for gv in chunk:
            _drawn(gv).unlink(missing_ok=True)
        failed = []
        for gv in chunk:
            error = _run([*command, "-O", str(gv)], folder)
            if error is None and _drawn(gv).is_file():
                _keep(gv)
            else:
                _drawn(gv).unlink(missing_ok=True)
                failed.append((gv, error or "no drawing"))
        for gv, error in failed:
            logger.warning(
                "graphviz could not draw a relationship graph: %s",
                error[:500],
                type="briefing",
                subtype=Subtype.GRAPHVIZ,
                location=f"{gv}:1",
            )


def _run(command: list[str], folder: Path) -> str | None:
    """None when ``command`` succeeded, else what went wrong."""
    try:
        result = subprocess.run(command, capture_output=True, cwd=folder, check=False, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as err:
        return str(err)
    return None if result.returncode == 0 else result.stderr.decode("utf-8", "replace").strip() or "dot failed"


def _drawn(gv: Path) -> Path:
    """Where ``dot -O`` writes the drawing of name.gv: name.gv.svg."""
    return gv.with_name(gv.name + ".svg")


def _keep(gv: Path) -> None:
    """Move the drawing where the page points (name.svg)."""
    _drawn(gv).replace(gv.with_suffix(".svg"))
    gv.unlink()


def setup_graphs(app: Sphinx) -> None:
    app.add_node(briefing_graph, html=(visit_briefing_graph, None))
    app.connect("builder-inited", LEDGER.start)
    app.connect("doctree-resolved", LEDGER.page, priority=100)  # before the views (500) draw the page's graphs
    app.connect("build-finished", draw_pending)
    app.connect("build-finished", LEDGER.finish, priority=600)  # after draw_pending (500) drew this build's graphs
