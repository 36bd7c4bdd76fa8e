"""Words, names and readings from real analysers: SudachiPy for Japanese, jieba for Chinese.

The matcher (:mod:`.mentions`) finds aliases in one pass over the text; only a hit
that touches a letter which could continue its word (a kanji or a katakana before
or after it) is checked here: the clause around it is cut into words, and the hit
stands only if it starts and ends where words do (米国 is not in 米/国務/長官).
Clauses are short and repeat (a name before the same title), so their words are
kept in a bounded cache.

SudachiPy (with sudachidict-core) was chosen over fugashi (with unidic-lite) on
the traps the book meets: both cut 米/国務/長官 and 日中/国交, but only Sudachi keeps
習近平 and 李強 whole and tags surnames and given names (人名 姓/名), which the
candidate finder needs; it also gives each word's reading, so a registry entry
needs no ``reading``.  fugashi was twice as fast (2.1 against 1.2 MB/s over whole
lines), which matters little here: only the clauses around doubtful hits are cut.
"""

from __future__ import annotations

import logging
import warnings
from collections import OrderedDict
from collections.abc import Iterable
from functools import cache
from importlib import metadata
from typing import Any, NamedTuple

from .chinese import release as release_opencc
from .chinese import to_simplified

__all__ = ["Segmenter", "Word", "analyser_versions", "is_joining", "japanese_words", "reading_of", "release"]

#: Characters that end a clause: a word never runs across them.
_STOPS = frozenset(" \t\u3000、。，．,.!?！？;；:：「」『』（）()[]【】〈〉《》“”\"'・…—-/／\n")
#: How far a clause reaches on either side of a hit (characters).
_REACH = 24


def is_joining(ch: str) -> bool:
    """Whether ``ch`` could continue a word written in kanji or katakana (so a boundary next
    to it needs the analyser): a CJK ideograph, a katakana or the long-vowel mark."""
    code = ord(ch)
    return code != 0x30FB and (  # the middle dot (・) separates words
        0x4E00 <= code <= 0x9FFF
        or 0x30A1 <= code <= 0x30FC
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3134F
        or 0xAC00 <= code <= 0xD7A3  # Hangul syllables
    )


def has_kana(text: str) -> bool:
    return any(0x3041 <= ord(ch) <= 0x30FF for ch in text)


class Word(NamedTuple):
    surface: str
    start: int
    end: int
    pos: tuple[str, ...]  # Sudachi's part of speech; for Chinese, jieba's tag in pos[0]
    reading: str = ""


@cache
def _dictionary() -> Any:
    from sudachipy import Dictionary

    return Dictionary(dict="core")


@cache
def _sudachi(mode: str) -> Any:
    from sudachipy import SplitMode

    # One dictionary for both modes: each Dictionary holds its own copy (about 110 MB).
    return _dictionary().tokenizer(mode=SplitMode.A if mode == "A" else SplitMode.C)


def release() -> None:
    """Let the analysers' dictionaries go (Sudachi's about 110 MB, jieba's about 150 MB): the
    generation calls this when it is done, so the rest of the build does not carry them."""
    _sudachi.cache_clear()
    _dictionary.cache_clear()
    _jieba.cache_clear()
    release_opencc()


@cache
def _jieba(words: frozenset[str]) -> Any:
    with warnings.catch_warnings():  # jieba 0.42 imports pkg_resources, deprecated
        warnings.simplefilter("ignore")
        import jieba
        import jieba.posseg
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word in sorted(words):
        tokenizer.add_word(word)
    return tokenizer, jieba.posseg.POSTokenizer(tokenizer)


#: Sudachi refuses an input of more than 49,149 bytes: longer texts are cut into pieces of at
#: most this many characters (3 bytes each at most in UTF-8), after a sentence end where there is one.
_SUDACHI_CHARS = 12_000


def japanese_words(text: str, mode: str = "C") -> list[Word]:
    """``text`` cut into Sudachi's words (mode A: the shortest units; C: named entities whole)."""
    tokenizer = _sudachi(mode)
    out: list[Word] = []
    at = 0
    while at < len(text):
        end = min(len(text), at + _SUDACHI_CHARS)
        if end < len(text):
            cut = max(text.rfind(ch, at, end) for ch in "。\n．.！？ 、")
            end = cut + 1 if cut > at else end
        out += [
            Word(m.surface(), at + m.begin(), at + m.end(), tuple(m.part_of_speech()), m.reading_form())
            for m in tokenizer.tokenize(text[at:end])
        ]
        at = end
    return out


def chinese_words(text: str, user_words: frozenset[str] = frozenset()) -> list[Word]:
    """``text`` cut into jieba's words, each with its part-of-speech tag (nr: a person …)."""
    _tokenizer, tagger = _jieba(user_words)
    out, at = [], 0
    for pair in tagger.cut(text):
        out.append(Word(pair.word, at, at + len(pair.word), (pair.flag,)))
        at += len(pair.word)
    return out


def reading_of(name: str) -> str:
    """The kana reading of a Japanese name (hiragana), from Sudachi; "" when a part has none."""
    kana = []
    for word in japanese_words(name):
        reading = word.reading
        if not reading or not all(0x30A1 <= ord(c) <= 0x30FC or c == "・" for c in reading):
            return ""
        kana.append(reading)
    return "".join(chr(ord(c) - 0x60) if 0x30A1 <= ord(c) <= 0x30F6 else c for c in "".join(kana))


@cache
def analyser_versions() -> str:
    """The analysers' and dictionaries' versions: pages depend on them."""
    found = []
    for name in ("SudachiPy", "sudachidict-core", "jieba"):
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=none")
    return " ".join(found)


class Segmenter:
    """Whether a hit starts and ends on word boundaries, for one registry's matcher.

    ``user_words`` are the registry's Chinese aliases: jieba is told they are
    words, so that it cuts 王毅/表示 rather than guessing.
    """

    def __init__(self, user_words: Iterable[str] = (), size: int = 4096) -> None:
        self.user_words = frozenset(user_words)
        self._cache: OrderedDict[tuple[str, str], frozenset[int]] = OrderedDict()
        self._size = size

    def on_boundaries(self, text: str, start: int, end: int, language: str | None) -> bool:
        """Whether ``text[start:end]`` starts and ends where the analyser's words do."""
        left = start
        floor = max(0, start - _REACH)
        while left > floor and text[left - 1] not in _STOPS:
            left -= 1
        right = end
        ceiling = min(len(text), end + _REACH)
        while right < ceiling and text[right] not in _STOPS:
            right += 1
        clause = text[left:right]
        # Without a language (a caller that does not know), Japanese: the book's own.
        lang = "zh" if language == "zh" or (language == "en" and not has_kana(clause)) else "ja"
        if lang == "zh":
            return self._chinese_ok(clause, start - left, end - left)
        cuts = self._cuts(clause, lang)
        return (start - left) in cuts and (end - left) in cuts

    def _chinese_ok(self, clause: str, start: int, end: int) -> bool:
        """Chinese: both ends on jieba's cuts, or the hit begins or ends a longer word of which it
        is a part (日本政府, 亚太地区, 伊朗核: a name and a word), never inside one (发展中国家).

        Traditional text is cut as simplified (jieba's dictionary is simplified), when OpenCC
        keeps its length.
        """
        simple = to_simplified(clause)
        cuts = self._cuts(simple if len(simple) == len(clause) else clause, "zh")
        if start in cuts and end in cuts:
            return True
        word_start = max(c for c in cuts if c <= start)
        word_end = min(c for c in cuts if c >= end)
        inside_one = not any(word_start < c < word_end for c in cuts)
        return inside_one and (start == word_start or end == word_end)

    def _cuts(self, clause: str, language: str) -> frozenset[int]:
        key = (clause, language)
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found
        if language == "ja":
            ends = [w.end for w in japanese_words(clause, "A")]
        else:
            ends, at = [], 0
            for piece in _jieba(self.user_words)[0].cut(clause):
                at += len(piece)
                ends.append(at)
        found = frozenset([0, *ends])
        self._cache[key] = found
        if len(self._cache) > self._size:
            self._cache.popitem(last=False)
        return found
