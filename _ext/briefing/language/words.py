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
import unicodedata
import warnings
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from importlib import metadata
from typing import Any, NamedTuple

from briefing.language.chinese import release as release_opencc
from briefing.language.chinese import to_simplified
from briefing.language.errors import AnalyserError, analysing

__all__ = [
    "AnalyserError",
    "Segmenter",
    "Word",
    "analyser_versions",
    "is_joining",
    "japanese_words",
    "reading_of",
    "release",
]


#: The analysers' distributions: what they derive (words, readings, written forms) depends on
#: their versions, so every cache of it is keyed on them.
ANALYSERS = ("SudachiPy", "sudachidict-core", "jieba", "OpenCC")
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
    with analysing("Sudachi"):
        from sudachipy import Dictionary

        return Dictionary(dict="core")


@cache
def _sudachi(mode: str) -> Any:
    with analysing("Sudachi"):
        from sudachipy import SplitMode

        # One dictionary for both modes: each Dictionary holds its own copy (about 110 MB).
        return _dictionary().tokenizer(mode=SplitMode.A if mode == "A" else SplitMode.C)


def release() -> None:
    """Let the analysers' dictionaries go (Sudachi's about 90 MB, jieba's about 180 MB): the
    generation calls this when it is done, so the rest of the build does not carry them."""
    release_japanese()
    _jieba.cache_clear()
    release_opencc()


def release_japanese() -> None:
    """Let Sudachi's dictionary go (the generation does, once the Japanese pages are done, so that
    it and jieba's are not held at once); the next call loads it again."""
    _sudachi.cache_clear()
    _dictionary.cache_clear()


def _jieba_modules() -> Any:
    """jieba and its part-of-speech module, imported (quietly: jieba 0.42 imports pkg_resources,
    deprecated, and logs at INFO); no dictionary is loaded."""
    with analysing("jieba"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import jieba
            import jieba.posseg
        jieba.setLogLevel(logging.WARNING)
        return jieba


@cache
def _jieba(words: frozenset[str]) -> Any:
    jieba = _jieba_modules()
    with analysing("jieba"):
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        for word in sorted(words):
            tokenizer.add_word(word)
        return tokenizer, jieba.posseg.POSTokenizer(tokenizer)


#: Sudachi's own limits, as it counts them: its input at most 49,149 bytes of UTF-8, and the
#: text it makes of it (lower case, then NFKC: ﷺ becomes 18 letters) at most 65,535.  A longer
#: text is cut into pieces that stay inside both with room to spare, after a sentence end
#: where there is one.
SUDACHI_INPUT_BYTES = 40_000
SUDACHI_NORMALISED_BYTES = 56_000
#: And at most this many characters: Sudachi's time grows with the square of a piece's length
#: on some texts (a long run of numbers and counters: 99999年99999年…, 16,000 characters in
#: 140 ms, 4,000 in 10 ms), so pieces are kept short enough for that not to matter.
SUDACHI_PIECE_CHARS = 2_000
#: The most bytes one character becomes in Sudachi's normalised text (ﷺ: 33).
_WIDEST = 33
_SENTENCE_ENDS = "。\n．.！？ 、"


@lru_cache(maxsize=65_536)
def _normalised_bytes(ch: str) -> int:
    """The bytes ``ch`` may become in Sudachi's normalised text (an upper bound: NFKC of the
    whole text only ever joins characters)."""
    folded = ch.lower()
    return max(
        len(unicodedata.normalize("NFKC", folded).encode("utf-8", "surrogatepass")),
        len(unicodedata.normalize("NFKC", ch).lower().encode("utf-8", "surrogatepass")),
    )


def sudachi_pieces(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of pieces of ``text`` that Sudachi accepts, in order, covering it.

    Linear in the text: short texts (every clause the matcher asks about) are one piece
    without counting; a longer one is walked once, character by character, and cut into
    pieces of at most :data:`SUDACHI_PIECE_CHARS` characters.
    """
    if len(text) * _WIDEST <= SUDACHI_NORMALISED_BYTES:
        yield 0, len(text)
        return
    at = 0
    while at < len(text):
        raw = normalised = 0
        end = at
        stop = min(len(text), at + SUDACHI_PIECE_CHARS)
        while end < stop:
            ch = text[end]
            width = 1 if ch < "\x80" else len(ch.encode("utf-8", "surrogatepass"))
            grows = width if ch < "\x80" else _normalised_bytes(ch)
            if raw + width > SUDACHI_INPUT_BYTES or normalised + grows > SUDACHI_NORMALISED_BYTES:
                break
            raw, normalised, end = raw + width, normalised + grows, end + 1
        if end < len(text):
            cut = max(text.rfind(ch, at, end) for ch in _SENTENCE_ENDS)
            end = cut + 1 if cut > at else end
        yield at, end
        at = end


def japanese_words(text: str, mode: str = "C") -> list[Word]:
    """``text`` cut into Sudachi's words (mode A: the shortest units; C: named entities whole).

    Raises :class:`AnalyserError` when Sudachi fails.
    """
    tokenizer = _sudachi(mode)
    out: list[Word] = []
    for at, end in sudachi_pieces(text):
        with analysing("Sudachi"):
            out += [
                Word(m.surface(), at + m.begin(), at + m.end(), tuple(m.part_of_speech()), m.reading_form())
                for m in tokenizer.tokenize(text[at:end])
            ]
    return out


@cache
def _hmm_characters() -> frozenset[str] | None:
    """The characters jieba's part-of-speech HMM has emission probabilities for, or None when
    jieba no longer keeps them where 0.42 does (then nothing is cut out: slower, never wrong).

    A Chinese character outside them costs that HMM about 8 ms (every one of its 256 states
    is tried): 14,000 of the 21,000 common ideographs, and every traditional one.  A seed
    of them would take hours; so the text is cut at them (:func:`chinese_words`).
    """
    table = getattr(_jieba_modules().posseg.char_state_tab, "P", None)
    return frozenset(table) if isinstance(table, dict) and len(table) > 1000 else None


def _hmm_pieces(text: str, known: frozenset[str] | None) -> Iterator[tuple[int, int, bool]]:
    """(start, end, tagged) of the runs of ``text``: runs the tagger takes, and runs of Chinese
    characters its HMM does not know (each of those is a word of its own)."""
    if known is None:
        yield 0, len(text), True
        return
    start = 0
    for at, ch in enumerate(text):
        unknown = "\u4e00" <= ch <= "\u9fd5" and ch not in known  # jieba's range of Chinese characters
        if unknown:
            if start < at:
                yield start, at, True
            yield at, at + 1, False
            start = at + 1
    if start < len(text):
        yield start, len(text), True


#: The longest run of one-character words jieba's HMM is asked to read as new words (a name
#: it does not know has two to five characters).  A longer run is no text (中中中…: about
#: 1 ms a character for the HMM) and stays one-character words.
_HMM_RUN = 12


def _tagged(tagger: Any, text: str, at: int) -> Iterator[tuple[int, int, str]]:
    """(start, end, tag) of jieba's words of ``text`` (which starts at ``at``), its HMM kept
    off the runs of one-character words longer than :data:`_HMM_RUN`."""
    plain = [(pair.word, pair.flag) for pair in tagger.cut(text, HMM=False)]
    start = offset = i = 0  # the HMM tags text[start:offset] when a long run (or the end) comes
    while i < len(plain):
        j = i
        while j < len(plain) and len(plain[j][0]) == 1 and "\u4e00" <= plain[j][0] <= "\u9fd5":
            j += 1
        if j - i > _HMM_RUN:
            if start < offset:
                yield from _hmm_tagged(tagger, text[start:offset], at + start)
            for _word, flag in plain[i:j]:
                yield at + offset, at + offset + 1, flag
                offset += 1
            start = offset
        elif j > i:
            offset += j - i
        else:
            offset += len(plain[i][0])
            j = i + 1
        i = j
    if start < len(text):
        yield from _hmm_tagged(tagger, text[start:], at + start)


def _hmm_tagged(tagger: Any, text: str, at: int) -> Iterator[tuple[int, int, str]]:
    for pair in tagger.cut(text):
        yield at, at + len(pair.word), pair.flag
        at += len(pair.word)


def chinese_words(text: str, user_words: frozenset[str] = frozenset()) -> list[Word]:
    """``text`` cut into jieba's words, each with its part-of-speech tag (nr: a person …).

    Traditional text is tagged in simplified characters (jieba's dictionary and HMM are
    simplified: 50 times faster, and the names are known) when OpenCC keeps its length;
    the words are the text's own.  The HMM, which finds the names jieba does not know,
    reads only what it can read in time (:func:`_hmm_pieces`, :data:`_HMM_RUN`).
    Raises :class:`AnalyserError` when jieba fails.
    """
    _tokenizer, tagger = _jieba(user_words)
    simple = to_simplified(text)
    if len(simple) != len(text):
        simple = text
    out: list[Word] = []
    with analysing("jieba"):
        for start, end, tagged in _hmm_pieces(simple, _hmm_characters()):
            if not tagged:
                out.append(Word(text[start:end], start, end, ("x",)))
                continue
            out += [Word(text[a:b], a, b, (flag,)) for a, b, flag in _tagged(tagger, simple[start:end], start)]
    return out


def reading_of(name: str) -> str:
    """The kana reading of a Japanese name (hiragana), from Sudachi; "" when a part has none.

    Raises :class:`AnalyserError` when Sudachi fails.
    """
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
    for name in ANALYSERS:
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
        #: (clause, why) of each clause an analyser failed on since the caller last emptied
        #: the list: the caller knows the file and reports them; such a hit is no mention.
        self.failures: list[tuple[str, str]] = []

    def on_boundaries(self, text: str, start: int, end: int, language: str | None) -> bool:
        """Whether ``text[start:end]`` starts and ends where the analyser's words do.

        When the analyser fails, the hit is no mention (the safe reading) and the failure
        is kept in :attr:`failures`.
        """
        try:
            return self._on_boundaries(text, start, end, language)
        except AnalyserError as err:
            self.failures.append((text[max(0, start - _REACH) : end + _REACH], str(err)))
            return False

    def _on_boundaries(self, text: str, start: int, end: int, language: str | None) -> bool:
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
            tokenizer = _jieba(self.user_words)[0]
            with analysing("jieba"):
                for piece in tokenizer.cut(clause):
                    at += len(piece)
                    ends.append(at)
        found = frozenset([0, *ends])
        self._cache[key] = found
        if len(self._cache) > self._size:
            self._cache.popitem(last=False)
        return found
