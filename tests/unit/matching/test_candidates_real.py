"""Candidates on the shapes real articles name people in (issue 26): bylines, a second title,
and Chinese names right after their titles that the analyser cuts wrongly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.articles.parse import parse_seed
from briefing.matching import names_zh
from briefing.matching.person_names import find_candidates
from tests.conftest import ROOT


def names(text: str, language: str) -> list[str]:
    return [c.name for c in find_candidates(text, language=language)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By Hannah Keller", ["Hannah Keller"]),
        ("(Reporting by Liz Tan and Daria Volkova; Editing by Tom Hale)", ["Liz Tan", "Daria Volkova", "Tom Hale"]),
        ("Speaking in Tokyo, Chief Cabinet Secretary Yoshimasa Hayashi called it important.", ["Yoshimasa Hayashi"]),
        ("North Korean leader Kim Jong Un stood beside them.", ["Kim Jong Un"]),
        ("He met Saudi Foreign Minister Prince Faisal bin Farhan in Beijing.", ["Faisal bin Farhan"]),
        ("Q: Will Foreign Minister Wang Yi or Premier Li Qiang attend?", ["Wang Yi", "Li Qiang"]),
    ],
)
def test_english_names_in_bylines_and_after_a_second_title(text: str, expected: list[str]) -> None:
    assert names(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("日本外相茂木敏充則回應稱，雙方將保持溝通。", "茂木敏充"),
        ("立法院長韓國瑜受訪時則說，樂見對話。", "韓國瑜"),
        ("當天，國家副主席韩正在中南海会见了客人。", "韩正"),
        ("（记者许立新）中共中央政治局委员出席。", "许立新"),
        ("美國總統特朗普上周威脅加徵關稅。", "特朗普"),
        ("日本首相高市早苗上月在國會答辯時稱。", "高市早苗"),
        ("俄罗斯外交部发言人玛丽亚·扎哈罗娃表示支持。", "玛丽亚·扎哈罗娃"),
    ],
)
def test_chinese_names_right_after_their_titles(text: str, expected: str) -> None:
    assert expected in names(text, "zh")


@pytest.mark.parametrize(
    "text",
    [
        "外交部发言人表示，中方愿意对话。",
        "外交部发言人日前指出，双方应当克制。",
        "美国国务卿办公室当天发表声明。",
        "他在会议上强调，发言人公然强调立场。",
        "发言人所指出的问题值得关注。",
    ],
)
def test_no_verb_time_word_or_body_after_a_title_is_a_name(text: str) -> None:
    assert names(text, "zh") == []


def _chinese_texts() -> list[str]:
    """Every Chinese line and article of the fixtures (all sets)."""
    texts = []
    for path in sorted((ROOT / "tests" / "fixtures").rglob("*.txt")):
        article = parse_seed(path.read_text("utf-8"))
        if article.language == "zh":
            texts += [path.read_text("utf-8"), *(role.text for role in article.roles)]
    return texts


def test_only_the_clauses_with_a_title_are_analysed_and_the_names_are_the_same() -> None:
    """jieba cuts the text between two marks on its own: a clause gives the words it gives in the
    whole text, so analysing only the clauses that hold a title finds the same names."""
    texts = _chinese_texts()
    assert len(texts) > 500
    for text in texts:
        assert names_zh.chinese_names(text, frozenset()) == sorted(names_zh._names(text, frozenset())), text


_PIECES = st.sampled_from(["外长", "總統", "发言人", "记者 ", "王毅", "马克·吕特", "，", "。", "（", "）", " ", "·"])
_PIECES |= st.sampled_from(["会见了", "表示", "27日", "同", "就", "ABC", "中國", "特朗普", "扎哈罗娃"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_the_clauses_give_the_names_the_whole_text_gives(text: str) -> None:
    assert names_zh.chinese_names(text, frozenset()) == sorted(names_zh._names(text, frozenset()))


def test_the_clauses_are_cut_at_marks_and_a_clause_is_taken_once() -> None:
    assert names_zh._title_windows("他说，外长王毅 表示。天气好。记者 李明报道") == [(3, 10), (15, 22)]
    # Titles with no mark between them: one clause, scanned once (not once per title).
    assert names_zh._title_windows("外长" * 40_000) == [(0, 80_000)]
