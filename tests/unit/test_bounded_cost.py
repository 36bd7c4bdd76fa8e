"""Bounded cost on every input (issue 24): each defect found by trying the analysers as an
attacker and as an unlucky analyst would, as a test that failed on the code before.

The property harness over every entry point is :mod:`tests.unit.test_cost_harness`; the
whole-book cases are in the hostile book (:mod:`tests.book.test_hostile`); an analyser failing in a build in
:mod:`tests.book.test_analyser_failures`.
"""

from __future__ import annotations

import importlib.metadata
import itertools
import time
from pathlib import Path

import pytest

from briefing.articles.dates import read_date
from briefing.articles.parse import parse_seed, seed_lines
from briefing.language import words as segment
from briefing.matching.person_names import Candidate, _english, find_candidates, merge_candidates
from briefing.output.glyphs import missing
from briefing.registry.loading import load_registry, read_registry_files
from briefing.util import cache as build_cache
from briefing.util.files import REGISTRY_LIMIT, REGISTRY_TOTAL_LIMIT

#: One character that Sudachi's normalisation (NFKC) makes 18 letters, 33 bytes.
EXPANDING = "\ufdfa"


KINDS = "kinds:\n  actor: {name: {ja: 人物, en: People}}\n"


def _seconds(run: object, tries: int = 3) -> float:
    """The best of ``tries`` runs (as timeit reports): one pause of a busy machine is no cost of the code."""
    best = float("inf")
    for _ in range(tries):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("text", [EXPANDING + "氏", EXPANDING, "İ", "ｱ", "あ", "a"])
def test_sudachi_gets_pieces_it_accepts_whatever_they_expand_to(text: str) -> None:
    long = text * (70_000 // len(text))
    words = segment.japanese_words(long, "C")
    assert "".join(w.surface for w in words) == long
    assert [w.start for w in words[1:]] == [w.end for w in words[:-1]]


def test_a_piece_is_cut_after_a_sentence_end_where_there_is_one() -> None:
    text = ("これは文です。" * 3000) + EXPANDING * 3000
    pieces = list(segment.sudachi_pieces(text))
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(pieces))
    assert text[pieces[0][1] - 1] == "。"


def test_an_analyser_that_fails_is_one_error_the_callers_know() -> None:
    class Broken:
        def tokenize(self, text: str) -> list[object]:
            raise RuntimeError("the dictionary is gone")

    original = segment._sudachi
    try:
        segment._sudachi = lambda mode: Broken()  # type: ignore[assignment]
        with pytest.raises(segment.AnalyserError, match="Sudachi failed: RuntimeError"):
            segment.japanese_words("日本語")
        splitter = segment.Segmenter()
        assert splitter.on_boundaries("米国務長官", 0, 2, "ja") is False  # the safe reading: no mention
        assert splitter.failures and "Sudachi failed" in splitter.failures[0][1]
        failures: list[tuple[str, str]] = []
        found = find_candidates("岩屋毅外相はMr. Smith. President Joe Biden met.", language="ja", failures=failures)
        assert failures and "Sudachi failed" in failures[0][1]
        assert [c.name for c in found] == ["Joe Biden"]  # what needs no analyser is still found
    finally:
        segment._sudachi = original


def test_a_name_longer_than_a_real_one_is_refused_by_the_schema(tmp_path: Path) -> None:
    (tmp_path / "kinds.yaml").write_text(KINDS, "utf-8")
    long = "中" * 40_000
    (tmp_path / "long.yaml").write_text(
        f"entities:\n  - id: long\n    kind: actor\n    name: {{ja: 長, en: Long}}\n    aliases: {{zh: [{long}]}}\n"
        f"  - id: wide\n    kind: actor\n    name: {{ja: {(EXPANDING + '氏') * 3500}, en: Wide}}\n"
        f"  - id: short\n    kind: actor\n    name: {{ja: {EXPANDING * 100}, en: Short}}\n",
        "utf-8",
    )
    start = time.perf_counter()
    registry = load_registry(tmp_path)
    assert time.perf_counter() - start < 10
    assert set(registry.entities) == {"short"}  # 100 characters: a name; its reading derived
    refused = [p for p in registry.problems if p.subtype == "registry-schema"]
    assert {p.line for p in refused} == {5, 8}  # the lines of the alias and of the name
    assert all(len(p.message) < 400 for p in refused)  # the checker's message does not quote 40,000 characters


def test_the_registry_files_are_bounded_each_and_together(tmp_path: Path) -> None:
    filler = "# " + "x" * 1000 + "\n"
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.yaml").write_text(filler * (REGISTRY_LIMIT // len(filler) - 1), "utf-8")
    (tmp_path / "d.yaml").write_text(filler * (REGISTRY_LIMIT // len(filler) + 1), "utf-8")
    files, problems = read_registry_files(tmp_path)
    assert [p.name for p, _data in files] == ["a.yaml", "b.yaml"]
    assert sum(len(data) for _p, data in files) <= REGISTRY_TOTAL_LIMIT
    assert {p.path.name: p.subtype for p in problems} == {"c.yaml": "registry-file", "d.yaml": "registry-file"}
    assert "in all" in next(p.message for p in problems if p.path.name == "c.yaml")


@pytest.mark.parametrize("unit", ["a", "A", "中", "1", "Aa-", "A A, "])
def test_a_long_line_without_spaces_is_read_once(unit: str) -> None:
    short = _seconds(lambda: _english(unit * 10_000))
    long = _seconds(lambda: _english(unit * 40_000))
    assert long < 0.5 and long < 8 * short + 0.05, (short, long)


def test_english_roles_and_titles_still_find_their_names() -> None:
    text = (
        "Maria Zakharova, the foreign ministry spokeswoman, said. Secretary of State Marco Rubio met Mr. Wang in "
        "Rome; Vice-President Li Qiang spoke. John Smith Jr., a fellow at X, wrote."
    )
    found = [text[s:e] for s, e, _t in _english(text)]
    assert found == ["Marco Rubio", "Wang", "Li Qiang", "Maria Zakharova", "John Smith Jr."]


def test_many_distinct_names_merge_in_linear_time() -> None:
    def names(n: int) -> list[Candidate]:
        found = [Candidate(f"X{i:05d}yz", "President") for i in range(n)]
        return found + [Candidate(f"Ann X{i:05d}yz", "President") for i in range(0, n, 7)]

    small, large = names(4_000), names(16_000)
    assert merge_candidates(small)["X00007yz"] == "Ann X00007yz"
    assert _seconds(lambda: merge_candidates(large)) < 6 * _seconds(lambda: merge_candidates(small)) + 0.05


def test_fifteen_thousand_english_names_are_found_and_merged_in_seconds() -> None:
    letters = "abcdefghijklmnopqrstuvwxyz"
    text = "".join(f"President {a.upper()}{b}{c}{d}x spoke. " for a in letters for b in letters for c in letters[:23] for d in "ab")  # fmt: skip
    start = time.perf_counter()
    found = find_candidates(text, language="en")
    merged = merge_candidates(found)
    assert len(found) == len(merged) > 15_000
    assert time.perf_counter() - start < 10


def test_a_name_longer_than_any_person_s_is_no_candidate() -> None:
    assert find_candidates("President " + "A" + "b" * 5_000 + " spoke.", language="en") == []


@pytest.mark.parametrize("char", ["\ue000", "\U00031350", "\U0001fae8"])
def test_a_character_newer_than_python_or_private_is_a_glyph_warning(char: str) -> None:
    assert missing(f"題\n本文{char}。\n", frozenset(map(ord, "題本文。"))) == [(2, char)]


def test_format_characters_are_kept_but_never_a_glyph_warning() -> None:
    assert missing("a\u200db\u200c\u202e\ufe0f\n", frozenset()) == []


@pytest.mark.parametrize("library", ["SudachiPy", "sudachidict-core", "jieba", "OpenCC"])
def test_an_analyser_or_dictionary_upgrade_invalidates_every_cache(
    library: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = build_cache.code_version.__wrapped__()
    real = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "99.0" if name == library else real(name))
    assert build_cache.code_version.__wrapped__() != before


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("令和元年5月1日", "2019-05-01"),
        ("令和7年2月28日", "2025-02-28"),
        ("平成26年11月10日", "2014-11-10"),
        ("平成31年4月30日", "2019-04-30"),
        ("昭和64年1月7日", "1989-01-07"),
        ("令和0年3月1日", None),
        ("令和元年4月30日", None),
        ("平成31年5月1日", None),
        ("平成0年1月1日", None),
        ("昭和99年1月1日", None),
        ("昭和64年1月8日", None),
        ("昭和元年12月24日", None),
    ],
)
def test_an_era_date_is_a_date_only_within_its_era(text: str, date: str | None) -> None:
    read = read_date(text)
    assert read is not None
    found = read.date()
    assert (found.isoformat() if found else None) == date


def test_an_impossible_era_date_line_is_the_could_not_be_read_warning() -> None:
    article = parse_seed("題\n令和0年3月1日\n本文です。\n")
    assert article.date is None
    assert [(p.subtype, p.line) for p in article.problems if "could not be read" in p.message] == [("structure", 2)]


def test_the_glyph_warning_names_the_line_the_parser_numbers() -> None:
    text = "題\n前\x0bに\x0cも\x85あ\u2028る\u2029。\n\ue000の行\r\n次\r最後\ue001\n"
    article = parse_seed(text)
    lines = {r.line: r.text for r in article.roles}
    for number, chars in missing(text, frozenset()):
        assert all(ch in lines[number] for ch in chars if ch in "\ue000\ue001"), (number, lines)
    assert [n for n, chars in missing(text, frozenset(map(ord, "題前にもある。の行次最後"))) if chars] == [3, 5]
    assert len(seed_lines(text)) == 6


def test_many_announced_takeaways_and_date_lines_cost_linear_time() -> None:
    """Each announcement of takeaways, each date line: read once, not again over the whole article."""

    def article(n: int) -> str:
        parts = (
            f"Here are the key takeaways of part {k}.\n\nFirst point {k}\n\nIt matters, part {k}.\n\n"
            f"Second point {k}\n\nIt matters too, part {k}.\n\n"
            for k in range(n)
        )
        dated = "".join(f"Updated: 2025-01-{1 + k % 28:02d} 10:{k % 60:02d}\n\n" for k in range(n))
        return "Title of the piece\n\nThe piece begins here.\n\n" + dated + "".join(parts)

    short = _seconds(lambda: parse_seed(article(500)))
    long = _seconds(lambda: parse_seed(article(2000)))
    assert long < 6 * short + 0.05, (short, long)
