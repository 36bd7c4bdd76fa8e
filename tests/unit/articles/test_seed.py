"""Tests for the seed parser (``briefing.articles.parse``).

Most cases are data: ``tests/fixtures/seed_cases.yaml`` holds seed texts and the
article each should give, compared through :func:`summarize`.  A case the
parser is known to get wrong carries ``xfail_reason`` and runs as a strict xfail,
so that fixing the parser makes the test suite say so.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT / "_ext") not in sys.path:  # conf.py does the same for Sphinx
    sys.path.insert(0, str(ROOT / "_ext"))

from briefing.articles.article import Article, Metadata  # noqa: E402
from briefing.articles.cues import is_heading_like  # noqa: E402
from briefing.articles.decode import decode_seed  # noqa: E402
from briefing.articles.metadata import parse_metadata  # noqa: E402
from briefing.articles.parse import parse_seed  # noqa: E402

CASES_FILE = ROOT / "tests" / "fixtures" / "seed_cases.yaml"
SHIPPED_SEED = ROOT / "seeds" / "000_5334bc82fd01faaf.txt"
EXPECT_KEYS = {"title", "lead", "headings", "paragraphs", "takeaways", "references", "date", "tags", "slug", "problems"}

JAPANESE = "中国とロシアは2025年8月、北京でG20やAPECについて協議しました。王毅氏は3つの点を強調しました。\n"


def summarize(article: Article) -> dict[str, Any]:
    """The article in the shape of a case's ``expect`` mapping."""
    return {
        "title": article.title,
        "lead": article.lead.text if article.lead else None,
        "headings": [section.heading for section in article.sections],
        "paragraphs": [p.text for p in article.paragraphs],
        "takeaways": [t.text for t in article.takeaways],
        "references": [{"title": r.title, "site": r.site, "url": r.url} for r in article.references],
        "date": article.metadata.date.isoformat() if article.metadata.date else None,
        "tags": list(article.metadata.tags),
        "slug": article.metadata.slug,
        "problems": [p.subtype for p in article.problems],
    }


def _normalize_expect(expect: dict[str, Any]) -> dict[str, Any]:
    expect = dict(expect)
    if isinstance(expect.get("date"), dt.date):
        expect["date"] = expect["date"].isoformat()
    if "references" in expect:
        expect["references"] = [
            {"title": ref["title"], "site": ref.get("site"), "url": ref.get("url")} for ref in expect["references"]
        ]
    return expect


def _load_cases() -> list[Any]:
    cases = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
    assert isinstance(cases, list)
    params = []
    for case in cases:
        assert case["expect"], f"{case['name']}: nothing expected"
        unknown = set(case["expect"]) - EXPECT_KEYS
        assert not unknown, f"{case['name']}: unknown expect keys {sorted(unknown)}"
        marks = []
        if case.get("xfail_reason"):
            marks.append(pytest.mark.xfail(reason=case["xfail_reason"], strict=True))
        params.append(pytest.param(case["input"], case["expect"], id=case["name"], marks=marks))
    return params


CASES = _load_cases()


def test_case_names_are_unique() -> None:
    names = [param.id for param in CASES]
    assert len(names) == len(set(names))
    assert len(names) >= 34


@pytest.mark.parametrize(("text", "expect"), CASES)
def test_parse_seed_case(text: str, expect: dict[str, Any]) -> None:
    expect = _normalize_expect(expect)
    actual = summarize(parse_seed(text))
    assert {key: actual[key] for key in expect} == expect


# --------------------------------------------------------------------------- the shipped seed


def test_shipped_seed() -> None:
    decoded = decode_seed(SHIPPED_SEED.read_bytes())
    assert decoded.encoding == "utf-8"
    assert decoded.problems == ()
    assert decoded.text is not None
    article = parse_seed(decoded.text)

    assert article.title == "中国とロシアが北京で戦略対話 ウクライナ危機や国連80年を協議"
    assert article.lead is not None
    assert article.lead.line == 2
    assert article.lead.text.startswith("中国の王毅氏とロシア連邦安全保障会議書記")
    assert [s.heading for s in article.sections] == [
        "北京で中国とロシアが「戦略対話」",
        "「第三国に左右されない」中ロ関係を強調",
        "戦後80年と国連創設80年の節目に",
        "高い「政治的・戦略的信頼」と多国間協調",
        "ウクライナ危機:恒久的で公正な和平案を模索",
        "アジア太平洋から中東、アフガニスタンまで幅広く協議",
        "今回の戦略対話が示す3つのポイント",
    ]
    assert [s.line for s in article.sections] == [3, 6, 10, 13, 16, 19, 22]

    takeaways = article.takeaways
    assert [t.number for t in takeaways] == [1, 2, 3]
    assert [t.line for t in takeaways] == [24, 25, 26]
    assert takeaways[0].text == (
        "中国とロシアが、大国間関係を「第三国に左右されない」長期的な協力関係として位置づけ直していること"
    )
    assert takeaways[1].text.startswith("世界反ファシスト戦争の勝利と国連創設から80年")
    assert takeaways[2].text.startswith("ウクライナ危機の政治的解決に向けた対話を継続し")

    paragraphs = article.paragraphs
    assert len(paragraphs) >= 14
    assert [p.line for p in paragraphs] == [4, 5, 7, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 23, 27]
    # The paragraph after the bullet list stays in the last section, after the list.
    last = article.sections[-1]
    assert [type(b).__name__ for b in last.blocks] == ["Paragraph", "TakeawayList", "Paragraph"]
    assert paragraphs[-1].text.startswith("国際秩序の行方や地域紛争の解決プロセスにおいて")

    assert [(r.title, r.site, r.url, r.line) for r in article.references] == [
        ("Top Chinese diplomat holds strategic dialogue with Russia's Shoigu", "cgtn.com", None, 29)
    ]
    assert article.problems == ()


# --------------------------------------------------------------------------- size and speed


def test_very_long_line_is_one_fast_paragraph() -> None:
    long_line = ("中国とロシアが北京で戦略対話を行いました。" * 13_000)[:270_000]  # ~800 KB of UTF-8
    assert len(long_line.encode("utf-8")) >= 800_000
    text = f"Title\nLead sentence.\n{long_line}\nA closing paragraph.\n"
    start = time.perf_counter()
    article = parse_seed(text)
    elapsed = time.perf_counter() - start
    assert elapsed < 2.0
    assert [p.text for p in article.paragraphs] == [long_line, "A closing paragraph."]
    assert article.takeaways == ()


def test_long_whitespace_run_after_footer_word_is_fast() -> None:
    line = "Sources" + " " * 25_000 + "x"
    text = f"Title\nLead sentence.\n{line}\nA closing paragraph.\n"
    start = time.perf_counter()
    article = parse_seed(text)
    elapsed = time.perf_counter() - start
    assert len(article.paragraphs) == 2
    assert elapsed < 2.0


# --------------------------------------------------------------------------- is_heading_like


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Key points", True),
        ("今回の戦略対話が示す3つのポイント", True),
        ("「第三国に左右されない」中ロ関係を強調", True),
        ("会談は終了した。", False),
        ("「はい。」", False),
        ("本当に？", False),
        ("- a bullet", False),
        ("・中黒の箇条書き", False),
        ("あ" * 51, False),
    ],
)
def test_is_heading_like(text: str, expected: bool) -> None:
    assert is_heading_like(text) is expected


# --------------------------------------------------------------------------- decode_seed


def test_decode_utf8_with_bom() -> None:
    decoded = decode_seed(b"\xef\xbb\xbf" + JAPANESE.encode("utf-8"))
    assert decoded.text == JAPANESE
    assert decoded.encoding == "utf-8"
    assert decoded.problems == ()


def test_decode_utf8_without_bom() -> None:
    decoded = decode_seed(JAPANESE.encode("utf-8"))
    assert decoded.text == JAPANESE
    assert decoded.encoding == "utf-8"
    assert decoded.problems == ()


@pytest.mark.parametrize("encoding", ["cp932", "euc_jp"])
def test_decode_legacy_japanese(encoding: str) -> None:
    decoded = decode_seed(JAPANESE.encode(encoding))
    assert decoded.text == JAPANESE
    assert decoded.encoding is not None
    assert [p.subtype for p in decoded.problems] == ["encoding"]
    assert "iconv" in decoded.problems[0].message


def test_decode_iso2022_jp() -> None:
    decoded = decode_seed(JAPANESE.encode("iso2022_jp"))
    assert decoded.text == JAPANESE
    assert [p.subtype for p in decoded.problems] == ["encoding"]


def test_decode_utf16_with_bom() -> None:
    decoded = decode_seed(JAPANESE.encode("utf-16"))
    assert decoded.text == JAPANESE
    assert "binary" not in [p.subtype for p in decoded.problems]


def test_decode_binary() -> None:
    rng = random.Random(1234)
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(4096))
    decoded = decode_seed(data)
    assert decoded.text is None
    assert decoded.encoding is None
    assert [p.subtype for p in decoded.problems] == ["binary"]


def test_decode_nul_bytes_in_utf8() -> None:
    data = "タイトル\n".encode() + b"\x00" + "リードの文です。\x00\n".encode()
    decoded = decode_seed(data)
    assert decoded.text == "タイトル\nリードの文です。\n"
    assert decoded.encoding == "utf-8"
    assert [p.subtype for p in decoded.problems] == ["nul"]
    assert "2 NUL" in decoded.problems[0].message


def test_decode_empty() -> None:
    decoded = decode_seed(b"")
    assert decoded.text == ""
    assert decoded.problems == ()


# --------------------------------------------------------------------------- parse_metadata


def test_parse_metadata_good() -> None:
    meta, problems = parse_metadata(
        {
            "date": dt.date(2025, 2, 28),
            "url": "https://news.cgtn.com/news/2025-02-28/story.html",
            "language": "ja",
            "tags": ["china", "russia", 2025],
            "slug": "china-russia_dialogue-2025",
        }
    )
    assert problems == ()
    assert meta == Metadata(
        date=dt.date(2025, 2, 28),
        url="https://news.cgtn.com/news/2025-02-28/story.html",
        language="ja",
        tags=("china", "russia", "2025"),
        slug="china-russia_dialogue-2025",
    )


def test_parse_metadata_none_and_date_string() -> None:
    assert parse_metadata(None) == (Metadata(), ())
    meta, problems = parse_metadata({"date": " 2025-02-28 ", "source_url": "http://example.com/a"})
    assert problems == ()
    assert meta.date == dt.date(2025, 2, 28)
    assert meta.url == "http://example.com/a"


def test_parse_metadata_datetime_becomes_date() -> None:
    meta, problems = parse_metadata({"date": dt.datetime(2025, 2, 28, 9, 30)})
    assert problems == ()
    assert meta.date == dt.date(2025, 2, 28)


@pytest.mark.parametrize("bad_date", ["28 Feb 2025", "2025-02-30", 20250228, ["2025-02-28"]])
def test_parse_metadata_bad_date(bad_date: object) -> None:
    meta, problems = parse_metadata({"date": bad_date, "slug": "kept"}, line=1)
    assert meta.date is None
    assert meta.slug == "kept"  # the other keys still count
    assert [(p.subtype, p.line) for p in problems] == [("metadata", 1)]


@pytest.mark.parametrize("bad_slug", ["Bad Slug", "UPPER", "-leading-dash", "日本語", "a" * 101, 42])
def test_parse_metadata_bad_slug(bad_slug: object) -> None:
    meta, problems = parse_metadata({"slug": bad_slug, "language": "ja"})
    assert meta.slug is None
    assert meta.language == "ja"
    assert [p.subtype for p in problems] == ["metadata"]
    assert "slug" in problems[0].message


def test_parse_metadata_tags_as_string() -> None:
    meta, problems = parse_metadata({"tags": "china"})
    assert problems == ()
    assert meta.tags == ("china",)


def test_parse_metadata_bad_tags_url_language() -> None:
    meta, problems = parse_metadata({"tags": {"a": 1}, "url": "ftp://example.com", "language": "japanese!"})
    assert meta == Metadata()
    assert [p.subtype for p in problems] == ["metadata"] * 3


def test_parse_metadata_unknown_key_and_not_a_mapping() -> None:
    meta, problems = parse_metadata({"author": "Someone", "date": "2025-02-28"})
    assert meta.date == dt.date(2025, 2, 28)
    assert [p.subtype for p in problems] == ["metadata"]
    assert "author" in problems[0].message

    meta, problems = parse_metadata(["not", "a", "mapping"], line=3)
    assert meta == Metadata()
    assert [(p.subtype, p.line) for p in problems] == [("metadata", 3)]


def test_sidecar_metadata_wins_over_front_matter() -> None:
    text = "---\ndate: 2025-01-01\nslug: front\ntags: [a]\n---\nTitle\nLead sentence.\n"
    article = parse_seed(text, metadata=Metadata(date=dt.date(2025, 2, 28), language="ja"))
    assert article.metadata == Metadata(date=dt.date(2025, 2, 28), language="ja", tags=("a",), slug="front")
    assert article.title == "Title"
    assert article.title_line == 6


@given(st.text(alphabet=st.characters(codec=None), max_size=60))
def test_cleaning_a_line_drops_exactly_the_control_characters(line: str) -> None:
    """The fast path (a printable line is left as it is) gives what the character loop gives:
    every character but controls (Cc) and lone surrogates (Cs); spacing controls become spaces."""
    from briefing.articles.parse import _clean

    spaced = line.translate(dict.fromkeys(map(ord, "\t\v\f\x1c\x1d\x1e\x1f\x85\u2028\u2029"), " "))
    kept = "".join(ch for ch in spaced if unicodedata.category(ch) not in ("Cc", "Cs"))
    assert _clean(line) == kept.strip(" \u3000\u00a0\ufeff")


@pytest.mark.parametrize(
    "char",
    [
        "\ue000",  # private use: a publisher's gaiji
        "\U000f0000",  # supplementary private use
        "\U00031350",  # CJK Extension H (Unicode 15): unassigned in Python 3.11's tables
        "\U0001fae8",  # an emoji of Unicode 15 (shaking face)
        "\u200c",  # ZWNJ: Persian spelling needs it
        "\u200f",  # a right-to-left mark in an Arabic name
        "\U000e0067",  # a tag character of a flag emoji
    ],
)
def test_no_printable_or_format_character_is_dropped(char: str) -> None:
    article = parse_seed(f"題{char}名\n本文に{char}がある。\n")
    assert article.title == f"題{char}名"
    assert char in article.lead.text if article.lead else char in article.paragraphs[0].text


@given(st.text(max_size=40), st.integers(min_value=0, max_value=2))
def test_a_line_longer_than_a_heading_is_never_one(text: str, extra: int) -> None:
    from briefing.articles.cues import HEADING_MAX_WIDTH
    from briefing.articles.cues import width as _width

    long = text + "あ" * max(0, HEADING_MAX_WIDTH + 1 + extra - len(text))
    assert not is_heading_like(long)
    if is_heading_like(text):
        assert _width(text) <= HEADING_MAX_WIDTH


@given(st.binary(max_size=300))
def test_control_bytes_are_counted_as_before(data: bytes) -> None:
    from briefing.articles.decode import _looks_binary

    sample = data[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in (0, 9, 10, 11, 12, 13, 27))
    expected = bool(sample) and (controls / len(sample) > 0.05 or sample.count(0) / len(sample) > 0.3)
    assert _looks_binary(data) == expected
