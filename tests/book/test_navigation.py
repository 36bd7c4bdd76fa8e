"""The sidebar shows where the reader is: the page's branch marked current and expanded."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp


def _current_trail(outdir: Path, page: str) -> list[str]:
    """The titles the page's sidebar marks current, outermost first; each must be expanded."""
    soup = BeautifulSoup((outdir / f"{page}.html").read_text("utf-8"), "html.parser")
    nav = soup.select_one("nav.bd-docs-nav")
    assert nav is not None, page
    trail = []
    for item in nav.select("li.current"):
        link = item.find("a", recursive=False)
        assert link is not None
        trail.append(link.get_text(strip=True))
        details = item.find("details", recursive=False)
        if details is not None:  # a branch: open on the way to the page
            assert details.has_attr("open"), (page, trail)
    return trail


def _own_link(outdir: Path, page: str) -> str:
    soup = BeautifulSoup((outdir / f"{page}.html").read_text("utf-8"), "html.parser")
    last = soup.select("nav.bd-docs-nav li.current")[-1].find("a", recursive=False)
    return str(last.get("href")) if last is not None else ""


@pytest.mark.sphinx("html", testroot="sidebar", freshenv=True)
def test_sidebar_marks_the_branch_of_the_page(app: SphinxTestApp) -> None:
    app.build()
    assert "multiple toctrees" not in app.status.getvalue()
    outdir = app.outdir
    # The sidebar is two levels deep (max_navbar_depth): a page marks its branch down to there.
    expected = {
        # A briefing: under "briefings" and its year (its month and itself are deeper), never
        # under the print root, which lists every briefing for LaTeX.
        "briefings/jan-a": ["ブリーフィング", "2025年"],
        "briefings/month-2025-01": ["ブリーフィング", "2025年"],
        # An entity: under the entities' index and its kind.
        "entities/actor/vietnam": ["アクター・フォーラム・トピック", "アクター"],
        # Pages within the two levels: the page itself is the last entry marked.
        "entities/actor/index": ["アクター・フォーラム・トピック", "アクター"],
        "briefings/index": ["ブリーフィング"],
        "briefings/takeaways": ["要点一覧"],
    }
    for page, trail in expected.items():
        assert _current_trail(outdir, page) == trail, page
    for page in ("entities/actor/index", "briefings/index", "briefings/takeaways"):
        assert _own_link(outdir, page) == "#", page


@pytest.mark.sphinx("latex", testroot="sidebar", freshenv=True)
def test_print_root_still_makes_every_briefing_a_chapter(app: SphinxTestApp) -> None:
    """The print root left the HTML tree, not the printed book."""
    app.build()
    tex = (app.outdir / "sidebar.tex").read_text("utf-8")
    chapters = [line for line in tex.splitlines() if line.startswith("\\chapter{")]
    for title in ("ASEAN経済相会議が開幕", "マレーシアが投資計画", "ベトナムの半導体輸出", "ASEANとベトナム"):
        assert f"\\chapter{{{title}}}" in chapters, chapters
