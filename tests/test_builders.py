"""Every Sphinx builder a reader might ask for builds the book warning-free; single-page HTML links hold."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import copy_book, run_build


@pytest.mark.parametrize("builder", ["text", "man", "gettext"])
def test_other_builders_build_the_book_without_a_warning(tmp_path: Path, builder: str) -> None:
    build = run_build(copy_book(tmp_path / "book"), builder)
    assert build.warnings == ""
    if builder == "man":
        assert (build.outdir / "briefing-book.7").is_file()


def test_single_page_html_has_no_broken_internal_link(tmp_path: Path) -> None:
    build = run_build(copy_book(tmp_path / "book"), "singlehtml")
    assert build.warnings == ""
    page = (build.outdir / "index.html").read_text("utf-8")
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    internal = re.findall(r'href="(?:index\.html)?#([^"]+)"', page)
    assert len(internal) > 50
    broken = sorted({anchor for anchor in internal if anchor not in ids})
    assert broken == [], broken[:10]
    others = [h for h in re.findall(r'href="([^"#:]+\.html)', page) if not h.startswith("_")]
    assert all(h in ("index.html", "genindex.html", "search.html") for h in others), others[:10]
