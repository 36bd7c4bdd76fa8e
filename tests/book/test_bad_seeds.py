"""Whole-book builds with bad seeds: a warning naming the file, never a traceback, the rest builds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import Build, copy_root, page_of_seed, run_build, warnings_about

ARTICLE = "国際会議の記事 {}\n中国とロシアが北京で会談しました。\n見出し\n両国は協力を確認しました。\n"
NASTY = "\n".join(
    [
        "```{eval-rst} タイトル",
        "(target)= リード <script>alert(1)</script>",
        "{include} `../conf.py` 見出し",
        ":::{literalinclude} ../conf.py",
        "<iframe src=//evil></iframe> <img src=x onerror=alert(1)> <!-- c -->",
        "[click](javascript:alert(1)) {{ secret }} $x$ note[^1] | a | b |",
        "---",
        "# not a heading **bold** \\backslash",
        "- {ref}`x` <b>bold</b>",
        "Reference(s):",
        "<script>alert(2)</script>",
        "javascript:alert(3)",
    ]
)

#: file name -> (bytes, expected warning subtype or None, page expected?)
CASES: dict[str, tuple[bytes, str | None, bool]] = {
    "empty.txt": (b"", "empty", False),
    "blank.txt": (" \n\t\n\u3000\n".encode(), "empty", False),
    "binary.txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary", False),
    "sjis.txt": (ARTICLE.format(1).encode("cp932"), "encoding", True),
    "eucjp.txt": (ARTICLE.format(2).encode("euc_jp"), "encoding", True),
    "nul.txt": (ARTICLE.format(3).replace("会談", "会\x00談").encode(), "nul", True),
    "title-only.txt": ("タイトルだけ\n".encode(), "structure", True),
    "twin-a.txt": (ARTICLE.format(4).encode(), None, True),
    "twin-b.txt": (ARTICLE.format(4).encode(), "duplicate", True),
    "UPPER.TXT": (ARTICLE.format(5).encode(), None, True),
    "北京 会談.txt": (ARTICLE.format(6).encode(), None, True),
    "nasty.txt": (NASTY.encode(), None, True),
    "big.txt": (
        ("大きな記事\nリード文です。\n" + ("これは長い記事の一文です。" * 20 + "\n") * 8000).encode(),
        None,
        True,
    ),
    "long-line.txt": (("一行\nリード。\n" + "長" * 267_000 + "。\n").encode(), None, True),
}


@pytest.fixture(scope="module")
def bad_book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Build]:
    src = copy_root("bad-seeds", tmp_path_factory.mktemp("bad") / "book")
    seeds = src / "seeds"
    seeds.mkdir()
    for name, (data, _subtype, _page) in CASES.items():
        (seeds / name).write_bytes(data)
    return src, run_build(src)


def test_sizes_are_as_the_issue_says() -> None:
    assert len(CASES["big.txt"][0]) > 2_000_000
    assert max(len(line) for line in CASES["long-line.txt"][0].split(b"\n")) > 800_000


@pytest.mark.parametrize("name", list(CASES))
def test_each_bad_seed_warns_with_its_file_and_subtype(bad_book: tuple[Path, Build], name: str) -> None:
    src, build = bad_book
    _data, subtype, page_expected = CASES[name]
    warnings = warnings_about(build, f"seeds/{name}")
    if subtype is None:
        assert warnings == []
    else:
        assert warnings, build.warnings
        assert all(f"[briefing.{subtype}]" in w for w in warnings), warnings
    assert (page_of_seed(src, name) is not None) == page_expected


def test_the_rest_of_the_book_builds_and_no_other_warning_is_given(bad_book: tuple[Path, Build]) -> None:
    src, build = bad_book
    assert "Traceback" not in build.warnings
    foreign = [w for w in build.warnings.splitlines() if w.strip() and "/seeds/" not in w]
    assert foreign == []
    assert (build.outdir / "index.html").is_file()
    pages = sorted(p.stem for p in (src / "briefings").glob("*.md"))
    for stem in pages:
        assert (build.outdir / "briefings" / f"{stem}.html").is_file()


def test_legacy_encodings_reach_the_page_as_japanese(bad_book: tuple[Path, Build]) -> None:
    src, build = bad_book
    for name in ("sjis.txt", "eucjp.txt", "nul.txt"):
        page = page_of_seed(src, name)
        assert page is not None
        html = (build.outdir / "briefings" / f"{page.stem}.html").read_text("utf-8")
        assert "中国とロシアが北京で会談しました。" in html


def test_japanese_file_name_gets_a_safe_slug(bad_book: tuple[Path, Build]) -> None:
    src, _build = bad_book
    page = page_of_seed(src, "北京 会談.txt")
    assert page is not None and re.fullmatch(r"[a-z0-9_-]+", page.stem)


def test_nothing_in_a_seed_becomes_markup(bad_book: tuple[Path, Build]) -> None:
    src, build = bad_book
    page = page_of_seed(src, "nasty.txt")
    assert page is not None
    soup = BeautifulSoup((build.outdir / "briefings" / f"{page.stem}.html").read_text("utf-8"), "html.parser")
    article = soup.select_one("article") or soup.select_one("div.body") or soup
    assert not article.find(["script", "iframe", "img", "b", "math", "table", "pre", "blockquote"])
    text = article.get_text()
    for line in NASTY.splitlines():
        if line.startswith("- "):
            line = line[2:]
        if line in ("Reference(s):", "---"):
            continue
        assert " ".join(line.split()) in " ".join(text.split()), line
    links = [a["href"] for a in article.find_all("a", href=True)]
    assert not any(str(h).startswith(("javascript:", "http")) for h in links), links
    assert "extensions = " not in text  # no file was included
