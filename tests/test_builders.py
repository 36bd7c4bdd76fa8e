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


def test_a_project_that_loads_only_the_extension_gets_myst_and_its_fences(tmp_path: Path) -> None:
    import shutil

    from tests.conftest import ROOT

    src = tmp_path / "minimal"
    shutil.copytree(ROOT / "tests" / "roots" / "test-hostile", src)
    (src / "conf.py").write_text('extensions = ["briefing"]\nlanguage = "ja"\n', "utf-8")
    (src / "seeds").mkdir()
    (src / "seeds" / "a.txt").write_text("記事\n中国とロシアが会談した。\n見出し\n協力を確認した。\n", "utf-8")
    build = run_build(src)
    assert ":::{briefing}" not in build.warnings
    page = (build.outdir / "briefings" / "a.html").read_text("utf-8")
    assert "briefing-header" in page and ":::" not in page
