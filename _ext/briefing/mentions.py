"""Find the registry's entities in a text, in one pass, whatever the number of aliases.

Matching runs on a normalised copy of the text (NFKC, case-folded) with an
Aho–Corasick automaton (pyahocorasick); the result points back into the
original text, which the page keeps as it is.  Rules:

* the longest alias wins (国連安全保障理事会 before 国連), and matches never overlap;
* a Latin alias matches whole words only (``UN`` never inside ``UNESCO``);
* an all-capital Latin alias of up to five letters (an acronym: UN, US, SCO)
  matches only in capitals, so that "us" is not the United States;
* a title after a name (王毅氏, 王毅外相) is never part of the mention: the
  mention is the name, the title stays plain text after it.

Knows nothing of MyST or Sphinx.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import ahocorasick

__all__ = ["Candidate", "Matcher", "Mention", "find_candidates", "normalise"]


class Mention(NamedTuple):
    start: int  # offsets into the original text
    end: int
    entities: tuple[str, ...]

    def text(self, source: str) -> str:
        return source[self.start : self.end]


@lru_cache(maxsize=65536)
def _fold(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch).casefold() if not ch.isascii() else ch.lower()


def normalise(text: str) -> tuple[str, Sequence[int]]:
    """The matching form of ``text`` (NFKC, case-folded, character by character) and,
    for each of its characters, the index in ``text`` it came from."""
    folded = text.casefold()
    if len(folded) == len(text) and unicodedata.is_normalized("NFKC", folded):
        # Nearly always: nothing to fold beyond case, so positions are the same
        # and the whole text is done at C speed.
        return folded, range(len(text))
    table = {ord(ch): _fold(ch) for ch in set(text)}
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        piece = table[ord(ch)]
        out.append(piece)
        origin.extend([i] * len(piece))
    return "".join(out), origin


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch == "_")


_ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9.&]{0,5}$")

# For bytes.translate: 1 for the (ASCII) word characters of _is_word_char, 0 for any other byte.
_WORD_BYTES = bytes(_is_word_char(chr(b)) for b in range(256))

# What the automaton stores for each key: (len(key) - 1, entity ids, whether any check
# applies, whether the key starts with a word character, whether it ends with one, the
# acronym as written or None).
_Payload = tuple[int, tuple[str, ...], bool, bool, bool, str | None]

# From this length on (in characters), find() pauses the garbage collector: see there.
_PAUSE_GC = 20_000


class Matcher:
    """An automaton over every alias of a registry: build once, match many texts."""

    def __init__(self, aliases: Mapping[str, Sequence[str]]) -> None:
        self._automaton = ahocorasick.Automaton()
        table: dict[str, tuple[tuple[str, ...], str | None]] = {}
        for alias, ids in aliases.items():
            key, _origin = normalise(alias)
            if not key.strip():
                continue
            exact = unicodedata.normalize("NFKC", alias) if _ACRONYM_RE.match(alias) else None
            old_ids, old_exact = table.get(key, ((), None))
            table[key] = (tuple(dict.fromkeys((*old_ids, *ids))), exact if old_exact is None else old_exact)
        self._words = False  # whether any key starts or ends with a word character
        for key, (ids, exact) in table.items():
            latin_start, latin_end = _is_word_char(key[0]), _is_word_char(key[-1])
            checks = latin_start or latin_end or exact is not None  # most (Japanese) keys need none
            self._words |= latin_start or latin_end
            payload: _Payload = (len(key) - 1, ids, checks, latin_start, latin_end, exact)
            self._automaton.add_word(key, payload)
        self._empty = not table
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Mention]:
        """Every mention in ``text``, left to right, longest first, never overlapping."""
        if self._empty or not text:
            return []
        norm, origin = normalise(text)
        # word[i]: 1 if norm[i] is a word character, else 0; and one 0 more at the end, so
        # that both word[len(norm)] (after the text) and word[-1] (before it) read as none.
        # Each character outside ASCII becomes one "?" (a 0): the indices are those of norm.
        word = norm.encode("ascii", "replace").translate(_WORD_BYTES) + b"\0" if self._words else b""
        if len(norm) < _PAUSE_GC:
            return self._find(text, norm, origin, word)
        # A long text makes many Mentions (about one every 25 characters), all of them
        # tracked by the cyclic garbage collector, which would run every 700 of them and
        # look through them again and again (the whole heap, now and then), though tuples
        # of numbers and strings can never form a cycle: that was a good part of the time.
        # So it waits until the list is made; callers use the list and drop it, most often
        # before it next runs.  It is left as it was found, even on an error.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._find(text, norm, origin, word)
        finally:
            if collecting:
                gc.enable()

    def _find(self, text: str, norm: str, origin: Sequence[int], word: bytes) -> list[Mention]:
        """find() once ``text`` is normalised (``norm``, ``origin``) and ``word`` made."""
        make = tuple.__new__  # a Mention without the Python-level __new__ of a NamedTuple
        # iter_long: at each position the longest key, then go on after it; it gives the
        # index in norm of the match's last character and the key's payload (see _Payload).
        # A match that fails its checks is dropped (the search does not come back for a
        # shorter one).  This runs once per match, so the checks are inline, and those of
        # a Latin key only look up the characters around the match in ``word``.
        matches = self._automaton.iter_long(norm)
        if isinstance(origin, range):  # nothing folded beyond case: positions are the text's own
            return [
                make(Mention, (last - p[0], last + 1, p[1]))
                for last, p in matches
                if not p[2]
                or (
                    not (p[3] and word[last - p[0] - 1])
                    and not (p[4] and word[last + 1])
                    and (p[5] is None or _is_exact(text, last - p[0], last + 1, p[5]))
                )
            ]
        return [
            make(Mention, (origin[last - p[0]], origin[last] + 1, p[1]))
            for last, p in matches
            if not p[2]
            or (
                not (p[3] and word[last - p[0] - 1])
                and not (p[4] and word[last + 1])
                and (p[5] is None or _is_exact(text, origin[last - p[0]], origin[last] + 1, p[5]))
            )
        ]


def _is_exact(text: str, start: int, end: int, exact: str) -> bool:
    """Whether the acronym ``exact`` matched ``text[start:end]`` as written (in capitals)."""
    return unicodedata.normalize("NFKC", text[start:end]) == exact


def naive_find(aliases: Mapping[str, Sequence[str]], text: str) -> int:
    """The baseline for the benchmark: one ``str.find`` loop per alias (never used for pages)."""
    norm, _origin = normalise(text)
    count = 0
    for alias in aliases:
        key, _ = normalise(alias)
        start = norm.find(key)
        while start != -1:
            count += 1
            start = norm.find(key, start + 1)
    return count


# --------------------------------------------------------------------------- candidates


@dataclass(frozen=True)
class Candidate:
    name: str  # the name as written
    title: str  # the title that made it look like an actor (氏, 大統領, President, …)


_TITLES_JA = ("国家主席", "事務総長", "大統領", "外務大臣", "外相", "主席", "首相", "大使", "長官", "氏")
_KANJI = "\u3400-\u4dbf\u4e00-\u9fff"
_KATAKANA = "\u30a1-\u30fa\u30fc"
# A katakana name (セルゲイ・ショイグ) or a two-to-four kanji name (習近平) right before a title,
# and not itself the tail of a longer kanji word.
_JA_RE = re.compile(
    rf"(?:(?<![{_KATAKANA}・])([{_KATAKANA}]{{2,}}(?:・[{_KATAKANA}]{{2,}})*)"
    rf"|(?<![{_KANJI}])([{_KANJI}]{{2,4}}))({'|'.join(_TITLES_JA)})"
)
_EN_TITLES = (
    "President",
    "Foreign Minister",
    "Prime Minister",
    "Secretary-General",
    "Ambassador",
    "Chairman",
    "Premier",
)
_EN_RE = re.compile(
    rf"\b({'|'.join(_EN_TITLES)}) ((?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?: [A-Z][a-z]+(?:-[A-Z][a-z]+)?){{0,2}})\b"
)
# Words that stand before a title without being names (各国首脳, 両国首相, 同氏 …).
_NOT_NAMES = {
    "各国",
    "両国",
    "同国",
    "自国",
    "他国",
    "米国",
    "中国",
    "日本",
    "政府",
    "関係",
    "出席",
    "会談",
    "前任",
    "後任",
    "歴代",
    "現職",
}


def find_candidates(text: str, known: Iterable[Mention] = ()) -> list[Candidate]:
    """Names that look like actors (X氏, X大統領, President X, …) but are not in the registry.

    Precision over recall: only names right before a title, of a name's shape,
    not a common word, and not overlapping any known mention.
    """
    taken = [(m.start, m.end) for m in known]

    def is_known(start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in taken)

    out: list[Candidate] = []
    for match in _JA_RE.finditer(text):
        group = 1 if match.group(1) else 2
        name = match.group(group)
        if name in _NOT_NAMES or is_known(match.start(group), match.end(group)):
            continue
        out.append(Candidate(name, match.group(3)))
    for match in _EN_RE.finditer(text):
        if not is_known(match.start(2), match.end(2)):
            out.append(Candidate(match.group(2), match.group(1)))
    return out
