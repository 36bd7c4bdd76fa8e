"""The fast Japanese splitter (briefing.speedups.splitter) gives exactly the words of Sphinx's own."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sphinx.search.ja import DefaultSplitter

from briefing.output.search import SearchJapaneseWithQuerySplitter
from briefing.speedups.splitter import FastSearchJapanese, FastSplitter

ROOT = Path(__file__).resolve().parents[3]
SLOW, FAST = DefaultSplitter({}), FastSplitter({})

# Hiragana, katakana, kanji, digits (half and full width), Latin, punctuation, spaces,
# half-width katakana and a few characters outside every class.
ALPHABET = st.sampled_from(
    list("あいうえおかがきくけこさしすせそたちつてとなにのはまみやよらりるれろわをんっ")
    + list("アイウエオカキクケコサシスセソタチツテトナニヌネノハマミムメモラリルレロンー")
    + list("中国日本首相外相大統領会談協力機構上海新年月日市町県省社員者的年間題議")
    + list("0123456789０１２３４５６７８９一二三十百千万億ABCxyzＡＢＣ")
    + list("、。・「」（）！？ 　\n\t.,-ｱｲｳｰﾝ😀é")
)


def test_the_shipped_seed_splits_the_same() -> None:
    text = (ROOT / "seeds" / "000_5334bc82fd01faaf.txt").read_text("utf-8")
    for line in [text, *text.splitlines()]:
        assert FAST.split(line) == SLOW.split(line)


@pytest.mark.parametrize("text", ["", " ", "a", "あ", "B3", "E1", "　", "中国", "上海協力機構", "ab cd", "1月2日"])
def test_small_inputs_split_the_same(text: str) -> None:
    assert FAST.split(text) == SLOW.split(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_generated_texts_split_the_same(text: str) -> None:
    assert FAST.split(text) == SLOW.split(text)


def test_the_default_splitter_is_replaced_and_others_are_kept() -> None:
    assert isinstance(FastSearchJapanese({}).splitter, FastSplitter)
    named = FastSearchJapanese({"type": "sphinx.search.ja.DefaultSplitter"})
    assert isinstance(named.splitter, FastSplitter)
    other = FastSearchJapanese({"type": "tests.unit.output.test_search.OwnSplitter"})
    assert type(other.splitter) is OwnSplitter
    # Without the speed-up, the book's search language splits pages with Sphinx's own splitter;
    # with it or without, the search page gets the query splitter.
    assert type(SearchJapaneseWithQuerySplitter({}).splitter) is DefaultSplitter
    assert FastSearchJapanese({}).js_splitter_code == SearchJapaneseWithQuerySplitter({}).js_splitter_code != ""


class OwnSplitter(DefaultSplitter):
    """A splitter a project chose itself."""
