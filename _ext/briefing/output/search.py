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


class SearchJapaneseWithQuerySplitter(SearchJapanese):
    """Sphinx's Japanese search, with the same segmenter on the search page.

    (The speed-ups register a subclass in its place that splits pages faster,
    with the same words: ``briefing.speedups.splitter``.)
    """

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self.js_splitter_code = splitter_js()


def setup_search(app: Sphinx) -> None:
    app.add_search_language(SearchJapaneseWithQuerySplitter)
