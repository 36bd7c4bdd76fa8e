"""The alias matcher, the mention linker and the candidate finder: many small cases."""

from __future__ import annotations

import time

import pytest

from briefing.mentions import Matcher, find_candidates
from briefing.registry import load_registry
from briefing.render import MentionLinker
from tests.conftest import ROOT

REGISTRY = load_registry(ROOT / "registry")
MATCHER = Matcher(REGISTRY.aliases())


def found(text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(m.text(text), m.entities) for m in MATCHER.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("国連安全保障理事会の常任理事国", [("国連安全保障理事会", ("un-security-council",))]),
        ("国連創設80年", [("国連", ("un",))]),
        ("上海協力機構(SCO)を主宰", [("上海協力機構(SCO)", ("sco",))]),
        ("上海協力機構（SCO）を主宰", [("上海協力機構（SCO）", ("sco",))]),
        ("UNESCO and the UN", [("UN", ("un",))]),
        ("the G200 and the G20", [("G20", ("g20",))]),
        ("let us talk to the US", [("US", ("united-states",))]),
        ("the U.S. and Russia", [("U.S.", ("united-states",)), ("Russia", ("russia",))]),
        ("「第三国に左右されない」中ロ関係", [("中ロ", ("china", "russia"))]),
        ("王毅氏と王毅外相", [("王毅", ("wang-yi",)), ("王毅", ("wang-yi",))]),
        (
            "セルゲイ・ショイグ氏とショイグ書記",
            [("セルゲイ・ショイグ", ("sergei-shoigu",)), ("ショイグ", ("sergei-shoigu",))],
        ),
        ("ロシア連邦安全保障会議書記", [("ロシア連邦安全保障会議", ("russian-security-council",))]),
        ("ウクライナ危機とウクライナ", [("ウクライナ危機", ("ukraine-crisis",)), ("ウクライナ", ("ukraine",))]),
        ("Wang Yi met the SCO", [("Wang Yi", ("wang-yi",)), ("SCO", ("sco",))]),
        ("wang yi, in lower case", [("wang yi", ("wang-yi",))]),
        ("ＳＣＯ（全角）", [("ＳＣＯ", ("sco",))]),
        ("the sco in lower case is not the acronym", []),
        ("Beijingers", []),
        (
            "アジア太平洋地域とアジア太平洋経済協力",
            [("アジア太平洋地域", ("asia-pacific",)), ("アジア太平洋経済協力", ("apec",))],
        ),
        ("", []),
    ],
)
def test_matcher(text: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    assert found(text) == expected


def test_matcher_is_one_pass_at_ten_thousand_aliases() -> None:
    aliases = {f"人物{i:05d}": [f"p{i}"] for i in range(10_000)}
    aliases["王毅"] = ["wang-yi"]
    matcher = Matcher(aliases)
    text = "王毅氏は人物00042と人物09999に会った。" * 2_000
    start = time.perf_counter()
    mentions = matcher.find(text)
    assert time.perf_counter() - start < 2.0
    assert len(mentions) == 6_000


@pytest.mark.parametrize(
    ("policy", "linked"),
    [("section", 2), ("page", 1), ("all", 3), ("none", 0)],
)
def test_linker_policies(policy: str, linked: int) -> None:
    linker = MentionLinker(MATCHER, policy)
    out = [linker.text("王毅氏と王毅外相"), ""]
    linker.new_section()
    out.append(linker.text("王毅氏"))
    text = " ".join(out)
    assert text.count("{mention}`王毅 <wang-yi>`") == linked
    assert text.count("{mention}`王毅 <!wang-yi>`") == 3 - linked


def test_headings_record_but_never_link() -> None:
    linker = MentionLinker(MATCHER, "all")
    assert linker.text("北京で中国と会談", heading=True) == "{mention}`北京 <!beijing>`で{mention}`中国 <!china>`と会談"


def test_shared_alias_is_recorded_for_both_and_not_linked() -> None:
    assert MentionLinker(MATCHER).text("中ロ関係") == "{mention}`中ロ <!china,russia>`関係"


def test_linker_keeps_spaces_and_escapes_the_rest() -> None:
    out = MentionLinker(MATCHER).text("戦略対話 ウクライナ危機や *国連* 80年")
    assert out == "戦略対話 {mention}`ウクライナ危機 <ukraine-crisis>`や \\*{mention}`国連 <un>`\\* 80年"


def test_unknown_policy_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown mention policy"):
        MentionLinker(MATCHER, "sometimes")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("トランプ大統領は会見した。", ["トランプ"]),
        ("習近平国家主席と会談した。", ["習近平"]),
        ("グテーレス事務総長が述べた。", ["グテーレス"]),
        ("王毅氏とショイグ氏が会談した。", []),  # in the registry
        ("各国首相と両国首脳、同氏。", []),  # not names
        ("中国外相が述べた。", []),  # a state, not a person
        ("日本の石破首相が訪問した。", ["石破"]),
        ("アントニオ・グテーレス事務総長", ["アントニオ・グテーレス"]),
        ("President Donald Trump and Foreign Minister Wang Yi", ["Donald Trump"]),
        ("the President said", []),
        ("国連事務総長が声明", []),
    ],
)
def test_candidates_prefer_precision(text: str, names: list[str]) -> None:
    assert [c.name for c in find_candidates(text, MATCHER.find(text))] == names
