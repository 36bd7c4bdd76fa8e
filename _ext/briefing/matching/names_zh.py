"""People a Chinese text names next to their titles (pure but for the analyser): jieba's person
words, those in a row joined (佩泽希 + 齐扬), the parts of a transliterated name (马克·吕特), and
two to four characters right after a title that end where a verb, a time word or a mark begins
(外相茂木敏充則回應): names the analyser cut wrongly.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection
from typing import Any

from briefing.language.chinese import to_simplified
from briefing.language.titles import AFTER_NAME_ZH, TITLES_ZH, TRANSLITERATION_ZH
from briefing.language.words import chinese_words

__all__ = ["chinese_names", "outermost"]

_PERSON_TAGS = frozenset({"nr", "nrfg", "nrt"})
_NAME_DOTS = frozenset("·・‧•")
_HAN = re.compile(r"^[\u3400-\u9fff]+$")


def outermost(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The spans no other (longer) span holds, in their order.

    In order of start, the longer first, a span is held by another exactly when it ends
    no later than the furthest end before it: one pass, not a comparison of every pair.
    """
    held: set[tuple[int, int]] = set()
    reach = -1
    for start, end in sorted({(s, e) for s, e, _role in spans}, key=lambda span: (span[0], -span[1])):
        if end <= reach:
            held.add((start, end))
        reach = max(reach, end)
    return [span for span in spans if (span[0], span[1]) not in held]


#: Where a clause ends for :func:`_title_windows`: marks jieba never puts in a word (it cuts the
#: text between them each on its own) that also end a name here (:data:`_STOP_MARKS`); never a
#: space (a name may follow its title after one: 记者 王楠) nor a name's dot.
_CLAUSE_ENDS = frozenset("、，。；：！？（）()「」『』“”《》")
_TITLE_RE = re.compile("|".join(re.escape(t) for t in sorted(set(TITLES_ZH), key=len, reverse=True)))


def _title_windows(text: str) -> list[tuple[int, int]]:
    """The clauses that hold a title, in order: every name :func:`chinese_names` finds stands
    next to a title, so only these need the analyser.  Each character is looked at a bounded
    number of times (a title inside a clause already taken is skipped)."""
    windows: list[tuple[int, int]] = []
    for match in _TITLE_RE.finditer(text):
        floor = windows[-1][1] if windows else 0  # a mark ends the clause before (or the text starts)
        if match.start() < floor:
            continue
        left, right = match.start(), match.end()
        while left > floor and text[left - 1] not in _CLAUSE_ENDS:
            left -= 1
        while right < len(text) and text[right] not in _CLAUSE_ENDS:
            right += 1
        windows.append((left, right))
    return windows


def chinese_names(text: str, user_words: frozenset[str]) -> list[tuple[int, int, str]]:
    """(start, end, title) of every person's name next to a title in a Chinese text, in order:
    jieba's person words, those in a row joined (佩泽希 + 齐扬), and the parts of a transliterated
    name (马克·吕特).

    Only the clauses that hold a title are analysed (:func:`_title_windows`): jieba cuts the text
    between two marks on its own, so a clause gives the words it gives inside the whole text, and
    the names are the same (a test holds it on every Chinese text of the fixtures).
    """
    windows = _title_windows(text)
    if sum(end - start for start, end in windows) > len(text) * 0.8 or len(to_simplified(text)) != len(text):
        return sorted(_names(text, user_words))
    found = []
    for start, end in windows:
        found += [(s + start, e + start, title) for s, e, title in _names(text[start:end], user_words)]
    return sorted(found)


def _names(text: str, user_words: frozenset[str]) -> list[tuple[int, int, str]]:
    """:func:`chinese_names` of one text, all of it analysed."""
    words = chinese_words(text, user_words)

    def person(k: int) -> bool:
        return 0 <= k < len(words) and words[k].pos[0] in _PERSON_TAGS

    def joins(k: int) -> bool:  # words[k] continues the name before it
        dotted = words[k - 1].surface in _NAME_DOTS and bool(_HAN.match(words[k].surface))
        return person(k) or (words[k].surface in _NAME_DOTS and k + 1 < len(words)) or dotted

    found = []
    i = 0
    while i < len(words):
        if not person(i) or (i and words[i - 1].surface in _NAME_DOTS):
            i += 1
            continue
        j = i
        while j + 1 < len(words) and joins(j + 1):
            j += 1
        while j > i and words[j].surface in _NAME_DOTS:
            j -= 1
        before = words[i - 1].surface if i else ""
        after = words[j + 1].surface if j + 1 < len(words) else ""
        title = before if before in TITLES_ZH else after if after in TITLES_ZH else ""
        if title and words[j].end - words[i].start >= 2:
            end = words[j].end
            if any(w.surface in _NAME_DOTS for w in words[i : j + 1]):  # 瑪麗亞·扎哈羅 + 娃: a dotted name's tail
                while end < len(text) and end - words[j].end < 2 and text[end] in TRANSLITERATION_ZH:
                    if _name_ends(text, end):
                        break
                    end += 1
            found.append((words[i].start, end, title))
        i = j + 1
    spans = found + _transliterated(text, words) + _after_title(text, words)
    return outermost([s for s in spans if text[s[1] - 1] not in _BODY_ENDS])


#: Titles a word may end with (日本首相, 本報記者): two characters or more.
_LONG_TITLES_ZH = tuple(t for t in TITLES_ZH if len(t) >= 2)
#: A Chinese name's length in characters (韩正, 韦伯斯特: two to four).
_ZH_NAME = (2, 4)
_STOP_MARKS = frozenset(" \u3000、，。；：！？（）()「」『』“”《》·・")


def _after_title(text: str, words: list[Any]) -> list[tuple[int, int, str]]:
    """Two to four characters right after a title that end where a verb, a time word or a mark
    begins (外相茂木敏充則回應, 國家副主席韩正在, （記者 王楠））: a name the analyser cut wrongly."""
    found = []
    boundaries = {w.end for w in words}
    for word in words[:-1]:
        if not (word.surface in TITLES_ZH or word.surface.endswith(_LONG_TITLES_ZH)):  # 日本首相, 本報記者
            continue
        start = word.end
        while start < len(text) and text[start] in " \u3000":
            start += 1
        if text.startswith(AFTER_NAME_ZH, start):
            continue  # 发言人表示: a verb, no name
        if text[start : start + 1] == "官" and word.surface.endswith(("部长", "部長")):
            start += 1  # 产业通商资源部长官安德根: the title is 部长官 (a Korean minister)
        end = start
        while end < len(text) and end - start < _ZH_NAME[1] and _HAN.match(text[end]):
            end += 1
            if end - start >= _ZH_NAME[0] and _name_ends(text, end, boundaries):
                if _could_be_a_name(text, words, start, end):
                    found.append((start, end, word.surface))
                break
    return found


def _name_ends(text: str, at: int, boundaries: Collection[int] | None = None) -> bool:
    """A mark or a word that follows names starts at ``at`` (one that also stands inside names
    only where the analyser's words end there too)."""
    if at >= len(text) or text[at] in _STOP_MARKS:
        return True
    for word in AFTER_NAME_ZH:
        if text.startswith(word, at):
            return word not in _INSIDE_NAMES or boundaries is None or at in boundaries
    return False


#: Words that follow a name but also stand inside names (植田和男, 周明远, 于洪君): they end one only
#: where the analyser's words end too.
_INSIDE_NAMES = frozenset({"和", "周", "週", "同", "于", "於"})


#: What jieba tags the words a name never opens with: verbs, adverbs, time words, prepositions,
#: conjunctions, pronouns, numerals, measure words, locality words.
_NOT_OPENING_TAGS = frozenset({"v", "vn", "vd", "d", "t", "p", "c", "r", "m", "q", "f", "a", "ad"})
#: A last character that makes a word a body, not a person (塔斯社, 克里姆林宮, 外交部).
_BODY_ENDS = frozenset("社宮宫部院会會局处處府厅廳署馆館")


def _could_be_a_name(text: str, words: list[Any], start: int, end: int) -> bool:
    """Not one dictionary word that is no name (会议, 日前), not opened by a word no name opens
    with (此访, 公然强调), not ending like a body's name (塔斯社, 克里姆林宮). The analyser cuts
    names it does not know into odd pieces (许|立新, 岩屋|毅): those pieces are not judged."""
    if text[end - 1] in _BODY_ENDS:
        return False
    first = bisect.bisect_left(words, start, key=lambda w: w.start)  # the words are in order: no scan of all
    inside = []
    for w in words[first:]:
        if w.start >= end:
            break
        if w.end <= end:
            inside.append(w)
    if len(inside) == 1 and inside[0].start == start and inside[0].end == end:
        return inside[0].pos[0] in _PERSON_TAGS
    opening = next((w for w in inside if w.start == start), None)
    return opening is None or len(opening.surface) < 2 or opening.pos[0] not in _NOT_OPENING_TAGS


def _transliterated(text: str, words: list[Any]) -> list[tuple[int, int, str]]:
    """A run of the characters foreign names are written with, right after a title, that the
    analyser did not take for a person (国务卿魯比奧, 发言人扎哈罗娃): two to six of them."""
    found = []
    for k, word in enumerate(words[:-1]):
        if word.surface not in TITLES_ZH:
            continue
        start = end = words[k + 1].start
        while end < len(text) and end - start < 6 and text[end] in TRANSLITERATION_ZH:
            end += 1
        if end - start >= 2 and (end == len(text) or text[end] not in TRANSLITERATION_ZH):
            found.append((start, end, word.surface))
    return found
