"""Articles of every shape (tests/fixtures/articles): what the parser understands equals what a reader sees.

The first 42 (written from our own seeds' shapes) must each be read exactly. The articles in the
shapes of real outlets' pages (``outlet:`` in their expectation; the outlets are in
``tests/fixtures/census.md``) are held to the scores ``make eval`` reports, which may only rise.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]
for folder in (ROOT / "_ext", ROOT / "benchmarks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from structure import ARTICLES, expectation, names, parse, score, understood  # type: ignore[import-not-found]  # noqa: E402

from briefing.articles.article import Fact, Metadata, Paragraph, StructureOverrides  # noqa: E402
from briefing.articles.dates import read_date  # noqa: E402
from briefing.articles.metadata import parse_metadata  # noqa: E402
from briefing.articles.parse import parse_seed  # noqa: E402

NAMES = names(ARTICLES)
OWN = [name for name in NAMES if "outlet" not in expectation(ARTICLES, name)]
REAL = [name for name in NAMES if "outlet" in expectation(ARTICLES, name)]
#: What the articles in real outlets' shapes reach today (make eval): a floor that may only rise
#: (it fell once, when 36 articles of 12 more outlets came in: they were read at 0.744 before the
#: recogniser learnt from them, about what the held-out set gets).
FLOORS = {"line roles": 0.98, "date": 1.0, "source": 0.97, "lead": 0.97, "takeaway count": 0.99, "turns": 1.0}


def test_there_are_enough_articles_of_every_shape() -> None:
    shapes: dict[str, set[str]] = {}
    for name in NAMES:
        shapes.setdefault(expectation(ARTICLES, name)["shape"], set()).add(name)
    assert len(OWN) >= 40
    for shape in ("wire", "kyodo", "press-release", "qa", "zh", "analysis", "points", "markdownish"):
        assert len(shapes.get(shape, ())) >= 4, shape


def test_the_census_has_the_outlets_and_every_real_shaped_article_names_one() -> None:
    census = (ROOT / "tests" / "fixtures" / "census.md").read_text("utf-8")
    outlets = set(re.findall(r"^### (\S+)", census, re.MULTILINE))
    pages = set(re.findall(r"https?://\S+", census))
    used = {expectation(ARTICLES, name)["outlet"] for name in REAL}
    assert len(outlets) >= 25 and len(pages) >= 60 and len(REAL) >= 60
    assert used <= outlets, used - outlets
    assert outlets <= used, outlets - used  # every outlet of the census has an article in its shape
    languages = {expectation(ARTICLES, name)["language"] for name in REAL}
    assert languages == {"en", "ja", "zh-Hans", "zh-Hant"}


@pytest.mark.parametrize("name", OWN)
def test_the_article_is_understood_as_a_reader_sees_it(name: str) -> None:
    expect = expectation(ARTICLES, name)
    got = understood(parse(ARTICLES, name))
    text = (ARTICLES / f"{name}.txt").read_text("utf-8").splitlines()
    wrong = [
        f"line {n}: {expect['lines'][n]} expected, got {got['lines'].get(n)} — {text[n - 1][:60]}"
        for n in expect["lines"]
        if got["lines"].get(n) != expect["lines"][n]
    ]
    assert not wrong, "\n".join(wrong)
    for key in ("date", "date_from", "source", "takeaways"):
        want = expect[key].isoformat() if hasattr(expect[key], "isoformat") else expect[key]
        assert got[key] == want, key


#: The sets written the held-out way and tuned on (DECISIONS 103): floors that may only rise.
DEVELOPMENT_FLOORS = {
    "articles-dev-a": {"line roles": 0.91, "date": 0.84, "source": 0.89, "lead": 0.92, "turns": 0.92},
    "articles-dev-b": {"line roles": 0.94, "date": 0.96, "source": 0.93, "lead": 0.86, "turns": 0.97},
    "articles-dev-c": {"line roles": 0.91, "date": 0.92, "source": 0.93, "lead": 0.87, "turns": 1.0},
    "articles-dev-d": {"line roles": 0.86, "date": 0.93, "source": 0.76, "lead": 0.64, "turns": 0.8},
    "articles-dev-e": {"line roles": 0.88, "date": 0.92, "source": 0.81, "lead": 0.93, "turns": 1.0},
    "articles-dev-f": {"line roles": 0.89, "date": 1.0, "source": 0.81, "lead": 0.75, "turns": 0.83},
    "articles-dev-g": {"line roles": 0.8, "date": 0.76, "source": 0.81, "lead": 0.62, "turns": 0.7},
    "articles-dev-h": {"line roles": 0.87, "date": 0.93, "source": 0.68, "lead": 0.81, "turns": 0.7},
}


@pytest.mark.parametrize("folder", sorted(DEVELOPMENT_FLOORS))
def test_the_sets_written_the_held_out_way_keep_their_scores(folder: str) -> None:
    scores = score(ARTICLES.parent / folder, None)
    reached = {key: round(tally.share, 3) for key, tally in scores.tallies.items()}
    floors = DEVELOPMENT_FLOORS[folder]
    assert all(reached[key] >= floor for key, floor in floors.items()), (reached, floors)


def test_the_articles_in_real_outlets_shapes_keep_their_scores() -> None:
    scores = score(ARTICLES, REAL)
    reached = {key: round(tally.share, 3) for key, tally in scores.tallies.items()}
    assert all(reached[key] >= floor for key, floor in FLOORS.items()), (reached, FLOORS)
    assert scores.false_no_year == 0


# --------------------------------------------------------------------------- doubt, overrides, facts


def problems(text: str, **meta: Any) -> list[tuple[str, str, int | None, str]]:
    article = parse_seed(text, metadata=Metadata(**meta) if meta else None)
    return [(p.level, p.subtype, p.line, p.message) for p in article.problems]


def test_a_heading_with_nothing_under_it_is_a_warning_with_its_line() -> None:
    found = problems("Title\nLead sentence.\nBackground\nContext\nSome text.\n")
    assert [(level, sub, line) for level, sub, line, _m in found] == [("warning", "structure", 3)]
    # A numbered heading directly followed by its sub-heading is not empty.
    assert problems("題\nリード文です。\n2　会談の概要\n(1)　冒頭\n本文です。\n") == []


def test_a_points_heading_without_a_list_is_a_warning() -> None:
    found = problems("Title\nLead sentence.\nKey points\nThere is only prose here.\n")
    assert [(sub, line) for _l, sub, line, _m in found] == [("structure", 3)]
    assert "announces points" in found[0][3]


def test_a_date_that_cannot_be_read_is_a_warning() -> None:
    found = problems("Title\nBEIJING, March 5 (Xinhua) -- Officials met on Wednesday.\nMore text.\n")
    assert [(sub, line) for _l, sub, line, _m in found] == [("structure", 2)]
    assert parse_seed("Title\nBEIJING, March 5 (Xinhua) -- Officials met.\n").date is None


def test_a_line_kept_as_a_paragraph_in_doubt_is_an_info_message() -> None:
    found = problems("題\nリード文です。\n会談は約1時間に及んだ\n両氏は握手を交わしました。\n")
    assert [(level, sub, line) for level, sub, line, _m in found] == [("info", "structure", 3)]


def test_overrides_correct_the_reading_by_text() -> None:
    text = "題\n北京で記者団に語る王毅氏\n本文の一段落目です。\n会談の成果\n- 一つ目\n- 二つ目\n締めくくりの文です。\n"
    plain = parse_seed(text)
    assert plain.lead is not None and plain.lead.text == "北京で記者団に語る王毅氏"
    overrides = StructureOverrides(
        headings=("締めくくりの文です。",),
        not_headings=("会談の成果", "北京で記者団に語る王毅氏"),
        lead="本文の一段落目です。",
        takeaways=(),
    )
    article = parse_seed(text + "結び\n", metadata=Metadata(structure=overrides))
    roles = {r.line: r.role for r in article.roles}
    assert roles[2] == "paragraph" and roles[3] == "lead" and roles[4] == "paragraph" and roles[7] == "heading"
    assert article.problems == ()
    assert article.preamble == (Paragraph("北京で記者団に語る王毅氏", 2),)  # (kept, before the lead)


def test_a_lead_override_after_a_heading_is_refused_and_nothing_moves() -> None:
    text = "Title\nFirst paragraph here.\nBackground\nSome text.\n- a\n- b\nThe real lead.\nMore text.\n"
    article = parse_seed(text, metadata=Metadata(structure=StructureOverrides(lead="The real lead.")))
    assert [(p.subtype, p.in_sidecar) for p in article.problems] == [("structure", True)]
    assert "cannot open the article" in article.problems[0].message
    assert article.lead is None and [t.text for t in article.takeaways] == ["a", "b"]
    assert [s.heading for s in article.sections] == [None, "Background"]


def test_a_headings_override_on_the_line_under_the_title_is_kept() -> None:
    overrides = StructureOverrides(headings=("Overview",))
    article = parse_seed("Title\nOverview\nSome text under it.\n", metadata=Metadata(structure=overrides))
    assert article.lead is None and [s.heading for s in article.sections] == ["Overview"]


def test_a_sentence_that_starts_with_a_number_is_a_paragraph() -> None:
    article = parse_seed(
        "Title\nThe lead paragraph is here.\n12 people were killed in the attack on Monday, police said.\n"
    )
    assert [r.role for r in article.roles] == ["title", "lead", "paragraph"]
    assert [p.level for p in article.problems] == ["info"]


def test_a_timestamp_among_fields_still_dates_the_article() -> None:
    article = parse_seed("标题\n发布时间：2025-11-19 07:45\n作者：张三\n新华社北京11月18日电 正文。\n")
    assert article.date_fact is not None and article.date_fact.value == "2025-11-18"
    assert article.problems == ()


def test_a_date_line_at_the_end_of_time_does_not_break_the_parser() -> None:
    article = parse_seed("T\nPublished: 9999-12-20\nBEIJING, March 5 (Xinhua) -- text.\n")
    assert article.date_fact is not None


def test_an_override_that_matches_nothing_is_the_sidecar_s_warning() -> None:
    overrides = StructureOverrides(headings=("存在しない行",), lead="これもない")
    article = parse_seed("題\nリード文です。\n", metadata=Metadata(structure=overrides))
    assert [(p.subtype, p.in_sidecar) for p in article.problems] == [("structure", True), ("structure", True)]
    assert "存在しない行" in article.problems[0].message


def test_takeaways_override_makes_a_numbered_list_the_takeaways() -> None:
    text = "題\nリード文です。\n合意した内容は次の通りです。\n1. 協力を深める。\n2. 対話を続ける。\n"
    assert parse_seed(text).takeaways == ()
    article = parse_seed(
        text, metadata=Metadata(structure=StructureOverrides(takeaways=("合意した内容は次の通りです。",)))
    )
    assert [(t.text, t.marker) for t in article.takeaways] == [("協力を深める。", "1."), ("対話を続ける。", "2.")]


def test_structure_in_a_sidecar_is_checked() -> None:
    meta, found = parse_metadata({"structure": {"headings": "一行", "lead": 3, "other": []}})
    assert meta.structure.headings == ("一行",) and meta.structure.lead is None
    assert [p.subtype for p in found] == ["metadata", "metadata"]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("令和7年3月22日", "2025-03-22"),
        ("平成31年4月30日", "2019-04-30"),
        ("令和元年5月1日", "2019-05-01"),
        ("２０２５年１１月１９日", "2025-11-19"),
        ("2025-11-19 07:45:12　来源：新华网", "2025-11-19"),
        ("Published: March 5, 2025 09:30 GMT", "2025-03-05"),
        ("5 March 2025", "2025-03-05"),
        ("Nov. 2, 2025", "2025-11-02"),
    ],
)
def test_dates_as_articles_write_them(text: str, iso: str) -> None:
    found = read_date(text)
    assert found is not None and found.date() is not None
    assert found.date().isoformat() == iso  # type: ignore[union-attr]


def test_a_month_and_day_take_the_year_of_the_timestamp_across_new_year() -> None:
    text = "标题\n2026-01-01 08:00:00\n新华社北京12月31日电 会谈举行。\n"
    article = parse_seed(text)
    assert article.date_fact is not None and article.date_fact.value == "2025-12-31"
    assert article.date_fact.line == 3


def test_the_sidecar_s_date_and_source_win() -> None:
    text = "Title\nBEIJING, March 5, 2025 (Xinhua) -- Officials met.\n"
    assert parse_seed(text).date_fact == Fact("2025-03-05", 2)
    article = parse_seed(text, metadata=Metadata(date=dt.date(2025, 3, 6), source="Kyodo"))
    assert article.date == dt.date(2025, 3, 6) and article.date_fact is None


def test_inspect_prints_each_line_with_its_role_and_reason(capsys: pytest.CaptureFixture[str]) -> None:
    from briefing.__main__ import main

    assert main(["inspect", str(ARTICLES / "press-release-ja-1.txt")]) == 0
    out = capsys.readouterr().out
    assert "date:    2025-03-22 (read from line 2)" in out
    assert "source:  外務省ホームページ (read from line 19)" in out
    assert "    9  heading-2    (1)　冒頭" in out
    assert "← one of several key：value lines" in out


def test_inspect_says_when_a_seed_cannot_be_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from briefing.__main__ import main

    assert main(["inspect", str(tmp_path / "missing.txt")]) == 1
    assert "missing.txt" in capsys.readouterr().err


def test_an_editor_s_line_after_the_desk_s_name_is_the_editor_s() -> None:
    article = parse_seed("標題\n本文です。\n國際中心/報導 責任編輯/陳宜君\n")
    assert [r.role for r in article.roles] == ["title", "lead", "editor"]
