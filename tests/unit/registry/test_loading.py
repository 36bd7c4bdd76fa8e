"""Loading the registry (pure): the shipped data, and every kind of bad entry reported with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.registry.loading import load_registry
from briefing.registry.model import Registry, reading_key
from tests.conftest import ROOT

KINDS = """\
kinds:
  actor: {name: {ja: アクター, en: Actors}, types: [person, state, organization]}
  forum: {name: {ja: フォーラム, en: Forums}}
"""


GOOD = """\
entities:
  - id: china
    kind: actor
    type: state
    name: {ja: 中国, en: China}
    reading: ちゅうごく
  - id: sco
    kind: forum
    name: {ja: 上海協力機構, en: SCO}
    reading: しゃんはいきょうりょくきこう
    members: [china]
"""


def load(tmp_path: Path, **files: str) -> Registry:
    folder = tmp_path / "registry"
    folder.mkdir(exist_ok=True)
    for name, text in {"kinds.yaml": KINDS, "good.yaml": GOOD, **files}.items():
        (folder / name).write_text(text, "utf-8")
    return load_registry(folder)


def test_shipped_registry_is_clean_and_covers_the_shipped_seed() -> None:
    registry = load_registry(ROOT / "registry")
    assert registry.problems == ()
    names = {e.name_ja for e in registry.entities.values()}
    wanted = {
        "王毅",
        "セルゲイ・ショイグ",
        "中国",
        "ロシア",
        "米国",
        "ウクライナ",
        "国連",
        "国連安全保障理事会",
        "G20",
        "APEC",
    }
    wanted |= {"上海協力機構", "BRICS", "ウクライナ危機", "北京", "アジア太平洋", "中東", "アフガニスタン"}
    assert wanted <= names
    assert {"actor", "forum", "topic", "place"} <= set(registry.kinds)
    wang = registry.entities["wang-yi"]
    assert wang.type == "person" and wang.country == "china"
    assert "Foreign Minister" in wang.titles_en
    assert "Secretary of the Security Council of the Russian Federation" in registry.entities["sergei-shoigu"].titles_en


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        ("entities:\n  - id: x\n    kind: [unclosed\n", 4, "not valid YAML"),
        (
            "entities:\n  - id: china\n    kind: actor\n    type: state\n    name: {ja: 中国2, en: China2}\n    reading: ちゅうごく\n",
            2,
            "duplicate id 'china'",
        ),
        (
            "entities:\n  - id: tokyo\n    kind: city\n    name: {ja: 東京, en: Tokyo}\n    reading: とうきょう\n",
            2,
            "unknown kind 'city'",
        ),
        (
            "entities:\n  - id: nameless\n    kind: actor\n    type: person\n    reading: なし\n",
            2,
            "'name' is a required property",
        ),
        (
            "entities:\n  - id: paris\n    kind: actor\n    type: city\n    name: {ja: パリ, en: Paris}\n    reading: ぱり\n",
            2,
            "type 'city'",
        ),
        (
            "entities:\n  - id: putin\n    kind: actor\n    type: person\n    name: {ja: プーチン, en: Putin}\n    reading: ぷーちん\n    country: russia\n",
            2,
            "unknown id(s) russia",
        ),
        (
            "entities:\n  - id: prc\n    kind: actor\n    type: state\n    name: {ja: 中華人民共和国, en: PRC}\n    reading: ちゅうかじんみんきょうわこく\n    aliases: {ja: [中国]}\n",
            2,
            "alias '中国' is also claimed by china",
        ),
        (
            "entities:\n  - id: Bad_Id\n    kind: actor\n    type: person\n    name: {ja: 悪, en: Bad}\n    reading: わる\n",
            2,
            "does not match",
        ),
        (
            "entities:\n  - id: ok\n    kind: actor\n    type: person\n    name: {ja: 名前, en: Name}\n    reading: Latin\n",
            6,
            "reading",
        ),
        (
            "entities:\n  - id: tick\n    kind: actor\n    type: person\n    name: {ja: 名前, en: Na`me}\n    reading: なまえ\n",
            5,
            "name",
        ),
        (
            "entities:\n  - id: putin\n    kind: actor\n    type: person\n    name: {ja: プーチン, en: Putin}\n    reading: ぷーちん\n    aliases: {ja: [プーチン大統領]}\n",
            2,
            "ends with a title",
        ),
    ],
    ids=[
        "malformed-yaml",
        "duplicate-id",
        "unknown-kind",
        "missing-field",
        "bad-type",
        "unknown-reference",
        "alias-clash",
        "bad-id",
        "bad-reading",
        "markup-in-name",
        "title-in-alias",
    ],
)
def test_bad_entries_are_reported_with_file_and_line_and_left_out(
    tmp_path: Path, text: str, line: int, needle: str
) -> None:
    registry = load(tmp_path, **{"zz-bad.yaml": text})
    problems = [p for p in registry.problems if p.path.name == "zz-bad.yaml"]
    assert problems, registry.problems
    assert any(needle in p.message and p.line == line for p in problems), [(p.line, p.message) for p in problems]
    assert {"china", "sco"} <= set(registry.entities)  # the good entries stay
    assert registry.entities["china"].name_ja == "中国"


def test_a_shared_alias_said_on_both_sides_is_fine(tmp_path: Path) -> None:
    shared = (
        "entities:\n"
        "  - id: russia\n    kind: actor\n    type: state\n    name: {ja: ロシア, en: Russia}\n    reading: ろしあ\n"
        "    aliases: {ja: [中ロ]}\n    shared_aliases: [中ロ]\n"
        "  - id: china2\n    kind: actor\n    type: state\n    name: {ja: 中国本土, en: Mainland}\n    reading: ちゅうごくほんど\n"
        "    aliases: {ja: [中ロ]}\n    shared_aliases: [中ロ]\n"
    )
    registry = load(tmp_path, **{"more.yaml": shared})
    assert registry.problems == ()
    assert registry.aliases()["中ロ"] == ("russia", "china2")


def test_a_new_kind_needs_only_data(tmp_path: Path) -> None:
    extra = (
        "kinds:\n  treaty: {name: {ja: 条約, en: Treaties}}\n"
        "entities:\n  - id: npt\n    kind: treaty\n    name: {ja: 核拡散防止条約, en: NPT}\n    reading: かくかくさんぼうしじょうやく\n"
    )
    registry = load(tmp_path, **{"treaties.yaml": extra})
    assert registry.problems == ()
    assert registry.entities["npt"].kind == "treaty"


def test_reading_key_sorts_in_gojuon_order() -> None:
    readings = ["ろしあ", "おうき", "ちゅうごく", "アメリカ", "しょいぐ せるげい", "べいこく", "うくらいな"]
    assert sorted(readings, key=reading_key) == [
        "アメリカ",
        "うくらいな",
        "おうき",
        "しょいぐ せるげい",
        "ちゅうごく",
        "べいこく",
        "ろしあ",
    ]
