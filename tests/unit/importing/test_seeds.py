"""An imported article written as a seed and its sidecar (``briefing.importing.seeds``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from briefing.articles.metadata import parse_metadata
from briefing.importing.extract import Block, Extracted
from briefing.importing.seeds import Folder, file_stem, free_stem, seed_text, sidecar_text
from briefing.util.files import write_new

#: The importer is tested on the other stacks too (its libraries' oldest declared versions).
pytestmark = pytest.mark.stacks

ARTICLE = Extracted(
    title="外相、G20会合で発言",
    blocks=(
        Block("paragraph", "岩屋外相は28日、G20外相会合に出席した。"),
        Block("heading", "中国外相とも会談"),
        Block("item", "往来を続ける"),
        Block("item", "対話を再開する", "2."),
    ),
    date=dt.date(2025, 2, 28),
    url="https://www.example.jp/articles/20250228/k0001.html",
    source="架空新聞",
    language="ja",
    tags=("外交", "G20"),
)


def test_the_seed_is_the_title_then_one_line_per_block() -> None:
    assert seed_text(ARTICLE) == (
        "外相、G20会合で発言\n岩屋外相は28日、G20外相会合に出席した。\n中国外相とも会談\n・往来を続ける\n2. 対話を再開する\n"
    )
    english = Extracted("Ministers meet", (Block("item", "Trade"),), language="en")
    assert seed_text(english) == "Ministers meet\n- Trade\n"


def test_the_sidecar_holds_the_page_s_facts_in_the_keys_the_book_reads() -> None:
    raw = yaml.safe_load(sidecar_text(ARTICLE))
    meta, problems = parse_metadata(raw)
    assert problems == ()
    assert (meta.date, meta.url, meta.source, meta.language, meta.tags) == (
        dt.date(2025, 2, 28),
        ARTICLE.url,
        "架空新聞",
        "ja",
        ("外交", "G20"),
    )
    assert meta.structure.title == "外相、G20会合で発言"
    assert meta.structure.headings == ("中国外相とも会談",)
    bare = yaml.safe_load(sidecar_text(Extracted("Title", (Block("paragraph", "Text."),))))
    assert bare == {"structure": {"title": "Title"}}


@pytest.mark.parametrize(
    ("url", "title", "date", "stem"),
    [
        (
            "https://www3.nhk.or.jp/news/html/20250228/k10014735821000.html",
            "題",
            dt.date(2025, 2, 28),
            "2025-02-28-20250228-k10014735821000",
        ),
        (
            "https://www.mofa.go.jp/mofaj/press/release/pressit_000001_01234.html",
            "題",
            None,
            "undated-release-pressit-000001-01234",
        ),
        ("https://example.com/", "Ministers meet in Johannesburg", None, "undated-ministers-meet-in-johannesburg"),
        ("https://example.com/?p=123", "外相が会談", dt.date(2025, 1, 2), "2025-01-02-h"),
        (None, "外相が会談", dt.date(2025, 1, 2), "2025-01-02-h"),
    ],
)
def test_a_seed_is_named_by_its_date_and_address(url: str | None, title: str, date: dt.date | None, stem: str) -> None:
    got = file_stem(Extracted(title, (Block("paragraph", "x"),), date=date, url=url))
    assert got.startswith(stem) and got.isascii() and len(got) <= 80


def test_a_taken_name_gets_a_number(tmp_path: Path) -> None:
    (tmp_path / "2025-02-28-a.txt").write_text("x", "utf-8")
    (tmp_path / "2025-02-28-a-2.yaml").write_text("x", "utf-8")
    assert free_stem(tmp_path, "2025-02-28-a") == "2025-02-28-a-3"


def test_a_page_already_in_the_folder_by_address_or_text_is_known(tmp_path: Path) -> None:
    folder = Folder.read(tmp_path)
    seed = folder.write(ARTICLE)
    assert seed.read_text("utf-8") == seed_text(ARTICLE)
    again = Folder.read(tmp_path)
    assert again.already(ARTICLE) == seed.name
    moved = Extracted(ARTICLE.title, ARTICLE.blocks, url="http://example.jp/articles/20250228/k0001.html#top")
    assert again.already(moved) == seed.name  # the same text
    other_url = Extracted(
        "別の記事", (Block("paragraph", "別の本文。"),), url=str(ARTICLE.url).replace("www.", "") + "/"
    )
    assert again.already(other_url) == seed.name  # the same address
    assert again.already(Extracted("別の記事", (Block("paragraph", "別の本文。"),))) is None


def test_nothing_is_ever_written_over(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("a person's seed", "utf-8")
    with pytest.raises(FileExistsError):
        write_new(tmp_path / "x.txt", "imported")
    assert (tmp_path / "x.txt").read_text("utf-8") == "a person's seed"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.txt"]  # no temporary file left
    stem = file_stem(ARTICLE)
    (tmp_path / f"{stem}.txt").write_text("a person's seed", "utf-8")
    seed = Folder.read(tmp_path).write(ARTICLE)
    assert seed.name == f"{stem}-2.txt"
    assert (tmp_path / f"{stem}.txt").read_text("utf-8") == "a person's seed"
