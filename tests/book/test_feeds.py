"""Atom feeds of the book, its entities and its tags (``briefing.output.feeds``), read back with feedparser."""

from __future__ import annotations

import shutil
from pathlib import Path

import feedparser
import pytest

from tests.conftest import SEEDS, Build, copy_book, run_build, write_seeds

BASE = "https://example.org/book/"
SIDECARS = {
    "a.yaml": "date: 2025-03-01\ntags: [外交, G20]\nsource: 共同通信\n",
    "b.yaml": "date: 2025-02-10\ntags: [外交]\n",
    "c.yaml": "date: 2025-01-15\n",
    "d.yaml": "date: 2025-03-01\nlanguage: en\n",
    # f.txt: undated, so in no feed
}


@pytest.fixture
def book(tmp_path: Path) -> Path:
    src = copy_book(tmp_path / "book")
    write_seeds(src, SEEDS, SIDECARS)
    return src


def feeds(build: Build) -> dict[str, bytes]:
    folder = build.outdir / "feeds"
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.xml"))}


def parsed(build: Build, name: str) -> feedparser.FeedParserDict:
    result = feedparser.parse((build.outdir / "feeds" / name).read_bytes())
    assert not result.bozo, result.get("bozo_exception")
    assert result.version == "atom10"
    return result


@pytest.mark.stacks
def test_the_book_its_entities_and_tags_have_feeds(book: Path) -> None:
    build = run_build(book, html_baseurl=BASE)
    assert build.warnings == "", build.warnings
    names = feeds(build)
    assert {"atom.xml", "actor/china.xml", "forum/g20.xml"} <= set(names)
    assert sum(n.startswith("tags/") for n in names) == 2  # 外交 and G20
    book_feed = parsed(build, "atom.xml")
    titles = [e.title for e in book_feed.entries]
    assert "天気の話" not in titles  # undated: in no feed
    dates = [e.published for e in book_feed.entries]
    assert dates == sorted(dates, reverse=True)
    assert titles[:2] == ["会談A", "Meeting D"] or titles[:2] == ["Meeting D", "会談A"]
    for entry in book_feed.entries:
        assert entry.link.startswith(BASE) and entry.id == entry.link
        assert (build.outdir / entry.link.removeprefix(BASE)).is_file()
    first = next(e for e in book_feed.entries if e.title == "会談A")
    assert first.author == "共同通信"
    assert {"中国", "ロシア", "外交", "G20"} <= {t.term for t in first.tags}
    assert "会談Aについてのリード文です。" in first.summary and "・協力を確認したこと" in first.summary
    assert book_feed.feed.updated.startswith("2025-03-01")  # the newest entry's date, not the clock
    for name in names:  # every feed: valid Atom, absolute links, newest first
        feed = parsed(build, name)
        assert feed.entries and all(e.link.startswith(BASE) for e in feed.entries), name
        published = [e.published for e in feed.entries]
        assert published == sorted(published, reverse=True), name
        assert feed.feed.links[0].href.startswith(BASE), name
    g20 = parsed(build, "forum/g20.xml")
    assert [e.title for e in g20.entries] == ["中国とロシアが北京で戦略対話 ウクライナ危機や国連80年を協議", "会談C"]
    assert g20.feed.link == BASE + "entities/forum/g20.html"


@pytest.mark.stacks
def test_pages_name_their_feeds_and_an_entity_page_offers_its_own(book: Path) -> None:
    build = run_build(book, html_baseurl=BASE)
    book_link = (
        f'<link rel="alternate" type="application/atom+xml" title="ブリーフィングブック" href="{BASE}feeds/atom.xml" />'
    )
    for page in ("index.html", "briefings/a.html", "entities/actor/china.html"):
        assert book_link in (build.outdir / page).read_text("utf-8"), page
    china = (build.outdir / "entities/actor/china.html").read_text("utf-8")
    assert f'href="{BASE}feeds/actor/china.xml"' in china
    assert "briefing-subscribe" in china and "購読する（Atom）" in china
    assert "briefing-subscribe" not in (build.outdir / "briefings/a.html").read_text("utf-8")


def test_feeds_are_the_same_bytes_from_two_builds(book: Path, tmp_path: Path) -> None:
    first = feeds(run_build(book, html_baseurl=BASE))
    other = shutil.copytree(book, tmp_path / "again", ignore=shutil.ignore_patterns("_build"))
    assert feeds(run_build(other, html_baseurl=BASE)) == first


@pytest.mark.stacks
def test_an_incremental_build_gives_the_feeds_a_clean_one_does(book: Path, tmp_path: Path) -> None:
    run_build(book, html_baseurl=BASE)
    (book / "seeds" / "b.txt").unlink()
    (book / "seeds" / "b.yaml").unlink()
    (book / "seeds" / "c.yaml").write_text("date: 2025-03-05\ntags: [経済]\n", "utf-8")
    (book / "seeds" / "g.txt").write_text(SEEDS["a.txt"].replace("会談A", "会談G"), "utf-8")
    (book / "seeds" / "g.yaml").write_text("date: 2025-02-20\n", "utf-8")
    incremental = feeds(run_build(book, html_baseurl=BASE))
    clean = shutil.copytree(book, tmp_path / "clean", ignore=shutil.ignore_patterns("_build"))
    assert incremental == feeds(run_build(clean, html_baseurl=BASE))
    assert "tags/tag-" in " ".join(incremental)  # 経済 is a tag now, 外交 lost a briefing
    assert feedparser.parse(incremental["atom.xml"]).entries[0].title == "会談C"


def test_without_a_base_url_no_feed_is_written_and_one_line_says_why(book: Path) -> None:
    build = run_build(book)
    assert not (build.outdir / "feeds").exists()
    assert (
        build.status.count("no feeds written: html_baseurl is not set") == 1
        or build.status.count("html_baseurl が未設定") == 1
    )
    assert "application/atom+xml" not in (build.outdir / "index.html").read_text("utf-8")


def test_english_books_and_dirhtml_builds_have_feeds_too(book: Path) -> None:
    english = run_build(book, html_baseurl=BASE, language="en")
    feed = parsed(english, "actor/china.xml")
    assert feed.feed.language == "en" and feed.feed.title.endswith("China")
    directories = run_build(book, "dirhtml", html_baseurl=BASE)
    entries = parsed(directories, "atom.xml").entries
    assert all(e.link.endswith("/") for e in entries)
    assert (directories.outdir / entries[0].link.removeprefix(BASE) / "index.html").is_file()


def test_a_build_that_read_nothing_new_leaves_the_feeds_alone(book: Path) -> None:
    first = run_build(book, html_baseurl=BASE)
    atom = first.outdir / "feeds" / "atom.xml"
    stamp = atom.stat().st_mtime_ns
    again = run_build(book, html_baseurl=BASE)
    assert atom.stat().st_mtime_ns == stamp and feeds(again) == feeds(first)
    atom.unlink()  # a feed gone from the output is written again
    assert feeds(run_build(book, html_baseurl=BASE)) == feeds(first)
