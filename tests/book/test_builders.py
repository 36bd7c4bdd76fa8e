"""Every Sphinx builder a reader might ask for builds the book warning-free; single-page HTML links hold."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import LocalServer, Root, broken_links

#: The whole-book tests the other ends of the supported range run too (noxfile.py).
pytestmark = pytest.mark.stacks


@pytest.mark.sphinx(testroot="book")
@pytest.mark.parametrize("builder", ["text", "man", "gettext"])
def test_other_builders_build_the_book_without_a_warning(sphinx_root: Root, builder: str) -> None:
    build = sphinx_root.build(builder)
    assert build.warnings == ""
    if builder == "man":
        assert (build.outdir / "briefing-book.7").is_file()


@pytest.mark.sphinx("singlehtml", testroot="book")
def test_single_page_html_has_no_broken_internal_link(sphinx_root: Root) -> None:
    build = sphinx_root.build()
    assert build.warnings == ""
    page = (build.outdir / "index.html").read_text("utf-8")
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    internal = re.findall(r'href="(?:index\.html)?#([^"]+)"', page)
    assert len(internal) > 50
    broken = sorted({anchor for anchor in internal if anchor not in ids})
    assert broken == [], broken[:10]
    others = [h for h in re.findall(r'href="([^"#:]+\.html)', page) if not h.startswith("_")]
    assert all(h in ("index.html", "genindex.html", "search.html") for h in others), others[:10]


@pytest.mark.sphinx(testroot="book")
@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml"])
def test_every_internal_link_and_anchor_resolves(sphinx_root: Root, builder: str) -> None:
    """The crawler of test_browser (html) over the other HTML builders' output."""
    build = sphinx_root.build(builder)
    assert build.warnings == ""
    pages, broken = broken_links(build.outdir)
    assert pages >= (20 if builder == "dirhtml" else 1)
    if builder == "singlehtml":
        # Sphinx writes no index or search page for single-page HTML; the theme links them anyway.
        sphinx_gaps = {"index.html: genindex.html", "index.html: search.html", "index.html: searchindex.js"}
        broken = [b for b in broken if b not in sphinx_gaps]
    assert broken == [], broken[:10]


@pytest.mark.sphinx("linkcheck", testroot="book", confoverrides={"linkcheck_timeout": 5, "linkcheck_retries": 1})
def test_linkcheck_checks_the_links_the_extension_writes(sphinx_root: Root, local_server: LocalServer) -> None:
    """The article's own link (sidecar url) reaches linkcheck (served locally: CI is offline)."""

    def ok(request: object) -> None:
        request.send_response(200)  # type: ignore[attr-defined]
        request.send_header("Content-Type", "text/html")  # type: ignore[attr-defined]
        request.end_headers()  # type: ignore[attr-defined]
        request.wfile.write(b"<html><body>article</body></html>")  # type: ignore[attr-defined]

    local_server.routes["/article"] = ok
    book = sphinx_root.src
    (book / "seeds" / "linked.txt").write_text(
        "リンクのある記事\n本文の一文。\nReference(s):\n元の記事\nexample.com\n", "utf-8"
    )
    (book / "seeds" / "linked.yaml").write_text(f"date: 2025-03-01\nurl: {local_server.url}/article\n", "utf-8")
    build = sphinx_root.build()
    assert build.warnings == ""

    results = {
        r["uri"]: r["status"]
        for line in (build.outdir / "output.json").read_text("utf-8").splitlines()
        if (r := json.loads(line))
    }
    assert results.get(f"{local_server.url}/article") == "working", results


@pytest.mark.sphinx("html", testroot="hostile")
def test_a_project_that_loads_only_the_extension_gets_myst_and_its_fences(sphinx_root: Root) -> None:
    src = sphinx_root.src
    (src / "conf.py").write_text('extensions = ["briefing"]\nlanguage = "ja"\n', "utf-8")
    (src / "seeds").mkdir()
    (src / "seeds" / "a.txt").write_text("記事\n中国とロシアが会談した。\n見出し\n協力を確認した。\n", "utf-8")
    build = sphinx_root.build()
    assert ":::{briefing}" not in build.warnings
    page = (build.outdir / "briefings" / "a.html").read_text("utf-8")
    assert "briefing-header" in page and ":::" not in page
