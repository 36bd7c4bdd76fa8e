"""The built book in a real browser (Debian's Chromium through Playwright), served on 127.0.0.1."""

from __future__ import annotations

import re
import sys
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, Build, broken_links, copy_book, require_programs, run_build

sys.path.insert(0, str(ROOT / "tools"))
import browser as tool

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return run_build(copy_book(tmp_path_factory.mktemp("site") / "book"))


@pytest.fixture(scope="module")
def served(site: Build) -> Iterator[tuple[str, Any]]:
    require_programs("chromium")
    with tool.serve(site.outdir) as base, tool.browser() as chrome:
        yield base, chrome


def test_landing_to_briefing_to_wang_yi_and_back(served: tuple[str, Any]) -> None:
    base, chrome = served
    page = chrome.new_page()
    page.goto(base + "index.html")
    page.locator(".briefing-latest a").first.click()
    page.wait_for_url(re.compile(r"briefings/000_5334bc82fd01faaf\.html"))
    page.locator("article a.reference", has_text="王毅").first.click()
    page.wait_for_url(re.compile(r"entities/actor/wang-yi\.html"))
    assert "王毅 (Wang Yi)" in page.locator("article h1").inner_text()
    page.locator(".briefing-sentences a", has_text="金曜日に北京でショイグ氏と戦略対話を行いました").click()
    page.wait_for_url(re.compile(r"briefings/000_5334bc82fd01faaf\.html#p-\d+$"))
    anchor = page.url.rsplit("#", 1)[1]
    assert page.locator(f"[id='{anchor}']").count() == 1
    assert page.locator(f"[id='{anchor}'] >> xpath=..").inner_text().startswith("中国のトップ外交官である王毅氏は")
    page.close()


@pytest.mark.parametrize("query", ["ショイグ", "上海協力機構", "BRICS"])
def test_search_finds_the_briefing(served: tuple[str, Any], query: str) -> None:
    base, chrome = served
    page = chrome.new_page()
    page.goto(base + "search.html?q=" + urllib.parse.quote(query))
    # Sphinx's search adds its results one by one: wait for the briefing's to arrive.
    results = page.locator("#search-results a[href*='000_5334bc82fd01faaf']")
    results.first.wait_for(state="attached", timeout=90_000)
    assert results.count() >= 1
    page.close()


@pytest.mark.parametrize("name", list(tool.PAGE_TYPES))
def test_no_console_errors_and_no_sideways_scroll_on_a_phone(served: tuple[str, Any], name: str) -> None:
    base, chrome = served
    errors: list[str] = []
    page = chrome.new_page(viewport={"width": 390, "height": 844})
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "response",
        lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 and r.url.startswith(base) else None,
    )
    page.goto(base + tool.PAGE_TYPES[name], wait_until="networkidle")
    assert errors == []
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at 390px"
    page.close()


def test_every_internal_link_and_anchor_resolves(site: Build) -> None:
    """A crawler over the whole built site (dirhtml and singlehtml: test_builders)."""
    pages, broken = broken_links(site.outdir)
    assert pages > 20
    assert broken == []


def test_make_screenshots_writes_every_page_type(served: tuple[str, Any], tmp_path: Path) -> None:
    base, chrome = served
    shots = tool.take_screenshots(base, chrome, tmp_path / "shots")
    assert {p.name for p in shots} == {f"{n}-{s}.png" for n in tool.PAGE_TYPES for s in ("desktop", "phone")}
    assert all(p.stat().st_size > 5_000 for p in shots)


SENTENCES = [
    "上海協力機構",
    "中国が上海協力機構(SCO)を主宰し、ロシアが昨年BRICSの議長国を務めた際に中国から得た支援への謝意も表明しました。",
    "ショイグ氏は、両国首脳がすでに二国間関係と戦略的協調の方向性を示していると述べ",
    "王毅 ショイグ　BRICS",
    "2025年2月28日、ウクライナ危機について",
]


def test_the_search_page_splits_queries_as_the_index_split_pages(served: tuple[str, Any]) -> None:
    """The browser's splitQuery (briefing.search) and Sphinx's Python splitter agree word for word."""
    from sphinx.search.ja import DefaultSplitter

    base, chrome = served
    page = chrome.new_page()
    page.goto(base + "search.html")
    python = DefaultSplitter({})
    for sentence in SENTENCES:
        expected = [w for part in sentence.replace("\u3000", " ").split() for w in python.split(part) if w]
        assert page.evaluate("(q) => splitQuery(q)", sentence) == expected, sentence
    page.close()


#: Articles of other shapes (tests/fixtures/articles) shown on a phone, with a long seed name and URL.
SHAPES = ("press-release-ja-1", "wire-en-2", "qa-zh-1", "zh-hans-1", "markdownish-en-4", "kyodo-ja-2")
LONG_NAME = "a-very-long-seed-name-" + "x" * 94  # 116 characters + ".txt" = 120
LONG_URL = "https://example.org/" + "path-segment/" * 13 + "y" * 11  # 200 characters


@pytest.fixture(scope="module")
def shapes(tmp_path_factory: pytest.TempPathFactory) -> Build:
    book = copy_book(tmp_path_factory.mktemp("shapes") / "book")
    articles = ROOT / "tests" / "fixtures" / "articles"
    for name in SHAPES:
        for suffix in (".txt", ".yaml"):
            if (articles / f"{name}{suffix}").exists():
                (book / "seeds" / f"{name}{suffix}").write_bytes((articles / f"{name}{suffix}").read_bytes())
    assert len(LONG_NAME) + 4 == 120 and len(LONG_URL) == 200
    text = f"Long names and links\nThe full report is at {LONG_URL} and nowhere else.\nAn{'x' * 150}word.\n"
    (book / "seeds" / f"{LONG_NAME}.txt").write_text(text, "utf-8")
    (book / "seeds" / f"{LONG_NAME}.yaml").write_text(f"url: {LONG_URL}\ndate: 2025-03-01\n", "utf-8")
    return run_build(book)


def test_articles_of_every_shape_fit_a_phone(shapes: Build, served: tuple[str, Any]) -> None:
    _base, chrome = served  # one Playwright per thread: the module's browser, another site
    env = shapes.app.env
    pages = sorted(
        d for d in env.all_docs if d.startswith("briefings/") and ("x" * 20 in d or d.split("/")[1] in SHAPES)
    )
    assert len(pages) == len(SHAPES) + 1, pages
    with tool.serve(shapes.outdir) as base:
        for doc in pages:
            page = chrome.new_page(viewport={"width": 390, "height": 844})
            page.goto(base + doc + ".html", wait_until="networkidle")
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{doc} scrolls sideways by {overflow}px at 390px"
            if "x" * 20 in doc:  # the sidecar's URL is the article's own link; the text's URL a link too
                assert page.locator(".briefing-article-link").get_attribute("href") == LONG_URL
                assert page.locator(f"article p a[href='{LONG_URL}']").count() >= 1
            page.close()


@pytest.fixture(scope="module")
def followed(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The shipped book with a base URL: it has feeds."""
    return run_build(copy_book(tmp_path_factory.mktemp("followed") / "book"), html_baseurl="https://example.org/book/")


def test_an_entity_page_shows_its_attention_and_a_subscribe_link(followed: Build, served: tuple[str, Any]) -> None:
    _site, chrome = served  # the module's one browser (Playwright's sync API runs one at a time)
    with tool.serve(followed.outdir) as base:
        page = chrome.new_page()
        page.goto(base + "entities/actor/wang-yi.html")
        chart = page.locator("svg.briefing-attention-chart")
        assert chart.is_visible()
        box = chart.bounding_box()
        assert box is not None and box["width"] > 50 and box["height"] > 40
        assert page.locator("svg.briefing-attention-chart rect").count() == 1  # one month, one bar
        assert page.locator(".briefing-attention-sources").is_visible()
        link = page.locator("a.briefing-subscribe")
        assert link.is_visible() and link.get_attribute("href") == "https://example.org/book/feeds/actor/wang-yi.xml"
        feeds = page.locator('link[rel="alternate"][type="application/atom+xml"]')
        assert feeds.count() == 2  # the book's and Wang Yi's
        page.close()
