"""The speed-ups (briefing.speedups): what they rely on holds here, the book is the same without them,
and the caches of the navigation and templates parts are kept between builds."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest
from sphinx.search.ja import DefaultSplitter

from briefing import speedups
from briefing.speedups.splitter import FastSplitter
from tests.conftest import DATES, SEEDS, Root, copy_book, file_hashes, html_pages, run_build, write_seeds

#: The whole-book tests the other ends of the supported range run too (noxfile.py).
pytestmark = pytest.mark.stacks

#: Counts, once everything is read, the doctrees Sphinx holds in memory for writing.
COUNT_HELD_DOCTREES = """
def setup(app):
    def count(app, env):
        app.held_doctrees = len(env._write_doc_doctree_cache)

    app.connect("env-updated", count, priority=999)
"""

#: Output files that differ between any two builds: ``.buildinfo`` hashes ``templates_path``, to
#: which the theme appends its folders in place (a second build in one process records a longer
#: list); EPUB's package file holds the time of the build, and its zip the files' times.
VOLATILE = {".buildinfo", "content.opf", "briefing-book.epub"}


def _files(outdir: Path) -> dict[str, str]:
    """Every output file and its hash, but those that differ between any two builds."""
    return file_hashes(outdir, lambda rel: rel.name in VOLATILE)


@pytest.mark.sphinx(testroot="book")
@pytest.mark.parametrize("builder", ["html", "dirhtml", "epub"])
def test_the_book_is_the_same_with_every_speed_up_off(sphinx_root: Root, tmp_path: Path, builder: str) -> None:
    """Every output file, built with every part on and with every part off.

    Briefings with and without dates in small groups (years, months, gojūon rows), so that
    the sidebars differ by branch and the indices list pages within pages.  In dirhtml the book
    also overrides, with an empty one, a theme component that the navigation part holds out
    of the theme's check for empty templates: an override may be empty and is checked as the
    theme would.
    """
    override = builder == "dirhtml"
    on_src, off_src = sphinx_root.src, copy_book(tmp_path / "off")
    options: dict[str, Any] = {}
    for book in (on_src, off_src):
        write_seeds(book, SEEDS, DATES)
        conf = book / "conf.py"
        conf.write_text(conf.read_text("utf-8") + COUNT_HELD_DOCTREES, "utf-8")
        if override:
            (book / "_overrides").mkdir()
            (book / "_overrides" / "article-header-buttons.html").write_text("\n", "utf-8")
            options["templates_path"] = ["_overrides"]
    on = sphinx_root.build(builder, briefing_group_above=2, briefing_speedups=True, **options)
    off = run_build(off_src, builder, briefing_group_above=2, briefing_speedups=False, **options)
    assert on.warnings == off.warnings == ""
    # What every part relies on holds on this Sphinx: no part is off, and none says so.
    assert "speed-up" not in on.status
    assert {name: holds(on.app) for name, holds in speedups.PARTS.items()} == dict.fromkeys(speedups.PARTS)
    assert all(speedups.active(on.app, name) for name in speedups.PARTS)
    assert not any(speedups.active(off.app, name) for name in speedups.PARTS)
    # The doctrees part left nothing in memory that Sphinx would have kept.
    assert on.app.held_doctrees == 0  # type: ignore[attr-defined]
    assert off.app.held_doctrees > 10  # type: ignore[attr-defined]
    assert len(on.app.env._pickled_doctree_cache) <= 1  # nor the bytes read back when writing
    if builder in ("html", "dirhtml"):  # the splitter part split the pages (the words show no difference)
        assert type(on.app.builder.indexer.lang.splitter) is FastSplitter  # type: ignore[attr-defined]
        assert type(off.app.builder.indexer.lang.splitter) is DefaultSplitter  # type: ignore[attr-defined]

    mine, sphinx_s = _files(on.outdir), _files(off.outdir)
    assert len(mine) > 40
    assert mine.keys() == sphinx_s.keys()
    differ = [name for name in mine if mine[name] != sphinx_s[name]]
    assert differ == []
    if override:
        page = (on.outdir / "index.html").read_text("utf-8")
        assert "article-header-buttons" not in page and "primary-toggle" in page


@pytest.mark.sphinx("html", testroot="book")
def test_a_part_whose_assumption_fails_is_off_with_an_info_line(
    sphinx_root: Root, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(speedups.PARTS, "toctrees", lambda app: "pretend Sphinx changed")
    result = sphinx_root.build()
    assert result.warnings == ""
    assert "speed-up 'toctrees' is off (pretend Sphinx changed)" in result.status
    assert not speedups.active(result.app, "toctrees") and speedups.active(result.app, "navigation")


@pytest.mark.sphinx("html", testroot="book", confoverrides={"briefing_group_above": 2})
def test_sidebars_are_kept_between_builds(sphinx_root: Root) -> None:
    """The theme's sidebar HTML is stored in the doctree folder, keyed by the toctree's HTML."""
    book = sphinx_root.src
    write_seeds(book, SEEDS, DATES)
    sphinx_root.build()
    stored = book / "_build" / "doctrees" / "briefing-sidebars-html.pickle"
    stamp, (build, entries) = pickle.loads(stored.read_bytes())
    assert len(entries) > 3  # one per branch
    # Mark every stored sidebar: a build that writes pages with the same toctrees uses them.
    marked = {key: (used, f"<nav>kept {i}</nav>") for i, (key, (used, _html)) in enumerate(entries.items())}
    stored.write_bytes(pickle.dumps((stamp, (build, marked))))
    write_seeds(book, {"a.txt": SEEDS["a.txt"].replace("協力を確認した", "協力を強く確認した")})
    again = sphinx_root.build()
    page = (again.outdir / "genindex.html").read_text("utf-8")
    assert "<nav>kept " in page
    # Whether a stored sidebar still fits is its key (the toctree's HTML): the incremental =
    # clean tests (test_incremental) add, edit and delete briefings with the stored sidebars in place.


@pytest.mark.sphinx("html", testroot="book")
def test_compiled_templates_are_kept_between_builds(sphinx_root: Root) -> None:
    book = sphinx_root.src
    first = sphinx_root.build()
    pages = html_pages(first)
    kept = list((book / "_build" / "doctrees" / "briefing-templates").rglob("*.cache"))
    assert len(kept) > 10  # the layout, its sections and components
    # A build from scratch but for the compiled templates.
    (book / "_build" / "doctrees" / "environment.pickle").unlink()
    stamps = {p: p.stat().st_mtime_ns for p in kept}
    again = sphinx_root.build()
    assert again.warnings == first.warnings == ""
    assert {p: p.stat().st_mtime_ns for p in kept} == stamps  # read, not compiled and written again
    assert html_pages(again) == pages  # the pages made from templates read back are the same
