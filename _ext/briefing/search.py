"""Japanese search that also splits the *query* into words.

Sphinx indexes Japanese pages with TinySegmenter (上海協力機構 → 上海 / 協力 /
機構) but its JavaScript takes a query such as 上海協力機構 as one word, which
then matches no page.  This module gives the search page the same segmenter:
the model is taken from Sphinx's own Python splitter (so index and query
always agree) and written into ``language_data.js`` as ``splitQuery``.
"""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING

from sphinx.search.ja import DefaultSplitter, SearchJapanese

from . import speedups

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_FEATURES = [name for name in vars(DefaultSplitter) if name.endswith("__") and not name.startswith("_")]

# The segmenter of sphinx.search.ja.DefaultSplitter.split, line for line (including
# its use of UQ1 for p3 + c3), so that a query splits exactly as the pages did.
_JS = """
var splitQuery = (function () {
  const M = %(model)s;
  const PATTERNS = %(patterns)s.map(([p, v]) => [new RegExp(p), v]);
  const ctype = (ch) => { for (const [re, v] of PATTERNS) if (re.test(ch)) return v; return "O"; };
  const ts = (d, k) => (Object.prototype.hasOwnProperty.call(d, k) ? d[k] : 0);
  const segment = (input) => {
    const chars = Array.from(input);
    const seg = ["B3", "B2", "B1", ...chars, "E1", "E2", "E3"];
    const ct = ["O", "O", "O", ...chars.map(ctype), "O", "O", "O"];
    const out = [];
    let word = seg[3], p1 = "U", p2 = "U", p3 = "U";
    for (let i = 4; i < seg.length - 3; i++) {
      const [w1, w2, w3, w4, w5, w6] = [seg[i - 3], seg[i - 2], seg[i - 1], seg[i], seg[i + 1], seg[i + 2]];
      const [c1, c2, c3, c4, c5, c6] = [ct[i - 3], ct[i - 2], ct[i - 1], ct[i], ct[i + 1], ct[i + 2]];
      let s = M.BIAS__;
      s += ts(M.UP1__, p1) + ts(M.UP2__, p2) + ts(M.UP3__, p3) + ts(M.BP1__, p1 + p2) + ts(M.BP2__, p2 + p3);
      s += ts(M.UW1__, w1) + ts(M.UW2__, w2) + ts(M.UW3__, w3) + ts(M.UW4__, w4) + ts(M.UW5__, w5) + ts(M.UW6__, w6);
      s += ts(M.BW1__, w2 + w3) + ts(M.BW2__, w3 + w4) + ts(M.BW3__, w4 + w5);
      s += ts(M.TW1__, w1 + w2 + w3) + ts(M.TW2__, w2 + w3 + w4) + ts(M.TW3__, w3 + w4 + w5) + ts(M.TW4__, w4 + w5 + w6);
      s += ts(M.UC1__, c1) + ts(M.UC2__, c2) + ts(M.UC3__, c3) + ts(M.UC4__, c4) + ts(M.UC5__, c5) + ts(M.UC6__, c6);
      s += ts(M.BC1__, c2 + c3) + ts(M.BC2__, c3 + c4) + ts(M.BC3__, c4 + c5);
      s += ts(M.TC1__, c1 + c2 + c3) + ts(M.TC2__, c2 + c3 + c4) + ts(M.TC3__, c3 + c4 + c5) + ts(M.TC4__, c4 + c5 + c6);
      s += ts(M.UQ1__, p1 + c1) + ts(M.UQ2__, p2 + c2) + ts(M.UQ1__, p3 + c3);
      s += ts(M.BQ1__, p2 + c2 + c3) + ts(M.BQ2__, p2 + c3 + c4) + ts(M.BQ3__, p3 + c2 + c3) + ts(M.BQ4__, p3 + c3 + c4);
      s += ts(M.TQ1__, p2 + c1 + c2 + c3) + ts(M.TQ2__, p2 + c2 + c3 + c4);
      s += ts(M.TQ3__, p3 + c1 + c2 + c3) + ts(M.TQ4__, p3 + c2 + c3 + c4);
      let p = "O";
      if (s > 0) { out.push(word.trim()); word = ""; p = "B"; }
      p1 = p2; p2 = p3; p3 = p;
      word += seg[i];
    }
    out.push(word.trim());
    return out;
  };
  return (query) =>
    query
      .split(/[\\s\\u3000]+/)
      .flatMap((part) => (/[^\\x00-\\x7f]/.test(part) ? segment(part) : [part]))
      .filter((term) => term);
})();
"""


@cache
def splitter_js() -> str:
    model = {name: getattr(DefaultSplitter, name) for name in _FEATURES}
    patterns = [[pattern.pattern, value] for pattern, value in DefaultSplitter.patterns_.items()]
    return _JS % {"model": json.dumps(model, ensure_ascii=False), "patterns": json.dumps(patterns, ensure_ascii=False)}


class FastSplitter(DefaultSplitter):
    """Sphinx's TinySegmenter, the same model and the same words, about three times faster.

    ``DefaultSplitter.split`` calls a Python method for each of its 41 feature
    lookups at each character and matches up to seven regular expressions to
    classify each character; this one looks features up with ``dict.get`` on
    local names and classifies each distinct character once.  Search indexing
    is most of the time a Japanese book takes to build, so it is worth it.
    Tests compare it with ``DefaultSplitter`` on the book's texts and on
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


_DEFAULT = {None, "", "sphinx.search.ja.DefaultSplitter"}

#: A sample that goes through every character class and both scoring paths.
_SAMPLE = "中国とロシアが北京で戦略対話を行い、ＳＣＯやBRICS 2025年の協力を確認した。ウクライナ危機も議題に。"


@cache
def same_words_as_sphinx() -> bool:
    """Whether :class:`FastSplitter` splits a sample as Sphinx's own splitter does (its model unchanged)."""
    try:
        return bool(_FEATURES) and FastSplitter({}).split(_SAMPLE) == DefaultSplitter({}).split(_SAMPLE)
    except Exception:  # any change to the model Sphinx keeps shows here, not in the middle of a build
        return False


#: Whether pages are split by FastSplitter in this build (speedups.active(app, "splitter")).
_fast = [True]


def _use_fast_splitter(app: Sphinx) -> None:
    _fast[0] = speedups.active(app, "splitter")


def _reset_fast_splitter(app: Sphinx, exception: Exception | None) -> None:
    _fast[0] = True  # the next build in this process decides again


class SearchJapaneseWithQuerySplitter(SearchJapanese):
    """Sphinx's Japanese search, faster, and with the same segmenter on the search page.

    With Sphinx's default splitter (``html_search_options`` without a
    ``type``, or that type named), pages are split by :class:`FastSplitter`,
    which gives the same words; any other splitter is used as configured.
    """

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        if options.get("type") in _DEFAULT and _fast[0]:
            self.splitter = FastSplitter(options)
        self.js_splitter_code = splitter_js()


def setup_search(app: Sphinx) -> None:
    app.add_search_language(SearchJapaneseWithQuerySplitter)
    app.connect("builder-inited", _use_fast_splitter)
    app.connect("build-finished", _reset_fast_splitter)
