"""Sphinx's Japanese splitter, run faster with the same words (part ``splitter``).

Sphinx splits every Japanese page into words for the search index with
TinySegmenter (``sphinx.search.ja.DefaultSplitter``). :class:`FastSplitter` runs
the same model, taken from Sphinx's class, and gives the same words; the book's
search language (:class:`briefing.output.search.SearchJapaneseWithQuerySplitter`) is
registered again as :class:`FastSearchJapanese`, which splits pages with it when
the project asks for Sphinx's default splitter.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from sphinx.search.ja import DefaultSplitter

from briefing.output.search import SearchJapaneseWithQuerySplitter

from . import active

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class FastSplitter(DefaultSplitter):
    """Sphinx's TinySegmenter, the same model and the same words, faster.

    ``DefaultSplitter.split`` calls a Python method for each of its 41 feature
    lookups at each character and matches up to seven regular expressions to
    classify each character; this one looks features up with ``dict.get`` on
    local names and classifies each distinct character once.  Search indexing
    is a large share of the time a Japanese book takes to build, so it is worth
    it.  Tests compare it with ``DefaultSplitter`` on the book's texts and on
    generated ones.
    """

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self._types: dict[str, str] = {}  # character -> its type (one letter)
        self._by_types: dict[str, int] = {}  # six types -> what they add (with the bias)
        self._by_decisions: dict[str, int] = {}  # three decisions + four types -> what they add
        if any(len(value) != 1 for value in self.patterns_.values()):  # windows are strings of types
            self.split = super().split  # type: ignore[method-assign]

    def split(self, input: str) -> list[str]:  # noqa: A002 (the name Sphinx's method uses)
        if not input:
            return []
        types = self._types
        for ch in input:
            if ch not in types:
                types[ch] = self.ctype_(ch)
        seg = ["B3", "B2", "B1", *input, "E1", "E2", "E3"]
        ctypes = "OOO" + "".join([types[ch] for ch in input]) + "OOO"  # one letter a character
        uw1, uw2, uw3, uw4, uw5, uw6 = (
            self.UW1__.get, self.UW2__.get, self.UW3__.get, self.UW4__.get, self.UW5__.get, self.UW6__.get
        )  # fmt: skip
        bw1, bw2, bw3 = self.BW1__.get, self.BW2__.get, self.BW3__.get
        tw1, tw2, tw3, tw4 = self.TW1__.get, self.TW2__.get, self.TW3__.get, self.TW4__.get
        # What the words add at each boundary does not depend on the decisions
        # before it: all of it at once, before the loop that needs them.
        words = [
            uw1(w1, 0) + uw2(w2, 0) + uw3(w3, 0) + uw4(w4, 0) + uw5(w5, 0) + uw6(w6, 0)
            + bw1(w2 + w3, 0) + bw2(w3 + w4, 0) + bw3(w4 + w5, 0)
            + tw1(w1 + w2 + w3, 0) + tw2(w2 + w3 + w4, 0) + tw3(w3 + w4 + w5, 0) + tw4(w4 + w5 + w6, 0)
            for w1, w2, w3, w4, w5, w6 in zip(seg[1:], seg[2:], seg[3:], seg[4:], seg[5:], seg[6:], strict=False)
        ]  # fmt: skip
        # The rest depends on six character types and the three decisions before:
        # few distinct combinations, each scored once.
        by_types, by_decisions = self._by_types, self._by_decisions
        result = []
        word = seg[3]
        decided = "UUU"
        for i in range(4, len(seg) - 3):
            window = ctypes[i - 3 : i + 3]
            score = by_types.get(window)
            if score is None:
                score = by_types[window] = self._types_score(window)
            key = decided + window[:4]
            extra = by_decisions.get(key)
            if extra is None:
                extra = by_decisions[key] = self._decisions_score(key)
            score += extra + words[i - 4]
            p = "O"
            if score > 0:
                result.append(word.strip())
                word = ""
                p = "B"
            decided = decided[1:] + p
            word += seg[i]
        result.append(word.strip())
        return result

    def _types_score(self, window: str) -> int:
        c1, c2, c3, c4, c5, c6 = tuple(window)
        ts = self.ts_
        return (
            self.BIAS__
            + ts(self.UC1__, c1) + ts(self.UC2__, c2) + ts(self.UC3__, c3)
            + ts(self.UC4__, c4) + ts(self.UC5__, c5) + ts(self.UC6__, c6)
            + ts(self.BC1__, c2 + c3) + ts(self.BC2__, c3 + c4) + ts(self.BC3__, c4 + c5)
            + ts(self.TC1__, c1 + c2 + c3) + ts(self.TC2__, c2 + c3 + c4)
            + ts(self.TC3__, c3 + c4 + c5) + ts(self.TC4__, c4 + c5 + c6)
        )  # fmt: skip

    def _decisions_score(self, key: str) -> int:
        p1, p2, p3, c1, c2, c3, c4 = tuple(key)
        ts = self.ts_
        return (
            ts(self.UP1__, p1) + ts(self.UP2__, p2) + ts(self.UP3__, p3)
            + ts(self.BP1__, p1 + p2) + ts(self.BP2__, p2 + p3)
            # UQ1 for p3 + c3 too: Sphinx's model does so, and the words must be the same.
            + ts(self.UQ1__, p1 + c1) + ts(self.UQ2__, p2 + c2) + ts(self.UQ1__, p3 + c3)
            + ts(self.BQ1__, p2 + c2 + c3) + ts(self.BQ2__, p2 + c3 + c4)
            + ts(self.BQ3__, p3 + c2 + c3) + ts(self.BQ4__, p3 + c3 + c4)
            + ts(self.TQ1__, p2 + c1 + c2 + c3) + ts(self.TQ2__, p2 + c2 + c3 + c4)
            + ts(self.TQ3__, p3 + c1 + c2 + c3) + ts(self.TQ4__, p3 + c2 + c3 + c4)
        )  # fmt: skip


#: The splitter types that name Sphinx's default (or leave it to Sphinx).
_DEFAULT = {None, "", "sphinx.search.ja.DefaultSplitter"}

#: A sample that goes through every character class and both scoring paths.
_SAMPLE = "中国とロシアが北京で戦略対話を行い、ＳＣＯやBRICS 2025年の協力を確認した。ウクライナ危機も議題に。"


@cache
def same_words_as_sphinx() -> bool:
    """Whether :class:`FastSplitter` splits a sample as Sphinx's own splitter does (its model unchanged)."""
    try:
        return FastSplitter({}).split(_SAMPLE) == DefaultSplitter({}).split(_SAMPLE)
    except Exception:  # any change to the model Sphinx keeps shows here, not in the middle of a build
        return False


#: Whether pages are split by FastSplitter in this build (``active(app, "splitter")``): Sphinx
#: makes the search language from its options alone, without the application.
_fast = [True]


def _use_fast_splitter(app: Sphinx) -> None:
    """Whether this build's search index uses the faster splitter (the part may be off)."""
    _fast[0] = active(app, "splitter")


def _reset_fast_splitter(app: Sphinx, exception: Exception | None) -> None:
    """The build is over: the next build in this process decides again."""
    _fast[0] = True  # the next build in this process decides again


class FastSearchJapanese(SearchJapaneseWithQuerySplitter):
    """The book's Japanese search, with pages split by :class:`FastSplitter`.

    With Sphinx's default splitter (``html_search_options`` without a ``type``,
    or that type named) and the part on; any other splitter is used as configured.
    """

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        if options.get("type") in _DEFAULT and _fast[0]:
            self.splitter = FastSplitter(options)


def setup_splitter(app: Sphinx) -> None:
    # In the place of briefing.search's language, which setup() registers before the speed-ups.
    app.add_search_language(FastSearchJapanese)
    app.connect("builder-inited", _use_fast_splitter)
    app.connect("build-finished", _reset_fast_splitter)
