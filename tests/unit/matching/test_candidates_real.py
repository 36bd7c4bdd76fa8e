"""Candidates on the shapes real articles name people in (issue 26): bylines, a second title,
and Chinese names right after their titles that the analyser cuts wrongly."""

from __future__ import annotations

import pytest

from briefing.matching.person_names import find_candidates


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
