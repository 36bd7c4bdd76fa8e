"""Find the registry's entities in a text, in one pass, whatever the number of aliases.

Matching runs on a normalised copy of the text (NFKC, case-folded) with an
Aho–Corasick automaton (pyahocorasick); the result points back into the
original text, which the page keeps as it is.  Rules:

* the longest alias wins (国連安全保障理事会 before 国連), and matches never overlap;
* a Latin alias matches whole words only (``UN`` never inside ``UNESCO``);
* an all-capital Latin alias of up to five letters (an acronym: UN, US, SCO)
  matches only in capitals, so that "us" is not the United States;
* a title after a name (王毅氏, 王毅外相) is never part of the mention: the
  mention is the name, the title stays plain text after it;
* a Japanese or Chinese alias starts and ends on a word boundary, which an
  analyser decides (:mod:`.segment`) when a kanji or katakana touches the hit:
  中国 is no mention in 发展中国家 or 日中国交, 米国 none in 米国務長官;
* a phrase the registry lists as ``not_in`` (South China Sea) is matched and
  dropped, so no alias inside it is a mention;
* a short form (王 before a title, Wang) is a second reference, bound to the one
  entity the article already named in full (:class:`ArticleMentions`).

Knows nothing of MyST or Sphinx.
"""

from __future__ import annotations

import bisect
import gc
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

import ahocorasick

from briefing.language.titles import SHORT_TITLES
from briefing.language.words import Segmenter, is_joining

if TYPE_CHECKING:
    from briefing.registry.model import MatchTable

__all__ = ["ArticleMentions", "Matcher", "Mention", "matcher_for", "normalise"]


class Mention(NamedTuple):
    start: int  # offsets into the original text
    end: int
    entities: tuple[str, ...]
    short: bool = False  # a second reference (王 in 王氏, Wang): bound by :class:`ArticleMentions`

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


class _Payload(NamedTuple):
    """What the automaton stores for each key.  A tuple: the hot loop of :meth:`Matcher._find`
    reads it by position (``p[0]`` … ``p[8]``, in this order), which costs less than by name."""

    last: int  # len(key) - 1: the match's first character is at its last minus this
    ids: tuple[str, ...]  # the entities it names
    checks: bool  # whether any check applies (an acronym, a short form, a blocker; not the word checks)
    latin_start: bool  # the key starts with a word character (then the one before must not be one)
    latin_end: bool  # the key ends with one
    exact: tuple[str, ...] | None  # an acronym's forms as written (matched only so), else None
    cjk_start: bool  # the key starts with a letter that joins kanji or katakana words
    cjk_end: bool  # it ends with one
    kind: int  # ALIAS, SHORT or BLOCKER


ALIAS, SHORT, BLOCKER = 0, 1, 2

# From this length on (in characters), find() pauses the garbage collector: see there.
_PAUSE_GC = 20_000

_SHORT_TITLE_RE = re.compile("|".join(sorted((re.escape(t) for t in SHORT_TITLES), key=len, reverse=True)))


class Matcher:
    """An automaton over every alias of a registry: build once, match many texts.

    ``short_forms`` (a surname -> the entities it may stand for) are found too and
    returned as :attr:`Mention.short`; :class:`ArticleMentions` binds them.  A
    ``blockers`` phrase (South China Sea) is matched and dropped, so that no alias
    inside it is a mention.  An alias in ``inside_words`` is a mention even inside a
    longer word; every other one starts and ends on a word boundary, which the
    analysers decide for Japanese and Chinese (:class:`.segment.Segmenter`).
    """

    def __init__(
        self,
        aliases: Mapping[str, Sequence[str]],
        *,
        short_forms: Mapping[str, Sequence[str]] | None = None,
        blockers: Iterable[str] = (),
        inside_words: Iterable[str] = (),
        segmenter: Segmenter | None = None,
    ) -> None:
        self._automaton = ahocorasick.Automaton()
        table: dict[str, tuple[tuple[str, ...], tuple[str, ...] | None, int]] = {}
        written: dict[str, list[str]] = {}  # each key's aliases as written, to match when one is an acronym
        acronyms: set[str] = set()
        for alias, ids in aliases.items():
            key, _origin = normalise(alias)
            if not key.strip():
                continue
            written.setdefault(key, []).append(unicodedata.normalize("NFKC", alias))
            if _ACRONYM_RE.match(alias):
                acronyms.add(key)
            old_ids = table.get(key, ((), None, ALIAS))[0]
            table[key] = (tuple(dict.fromkeys((*old_ids, *ids))), None, ALIAS)
        for key in acronyms:
            # An acronym matches only as written (US, not us); a case variant the registry lists
            # beside it (Asean beside ASEAN) is written that way on purpose and matches too.
            ids, _none, kind = table[key]
            table[key] = (ids, tuple(dict.fromkeys(written[key])), kind)
        for form, ids in (short_forms or {}).items():
            key, _origin = normalise(form)
            if key.strip() and key not in table:  # an alias of its own wins over a short form
                old = table.get(key, ((), None, SHORT))[0]
                table[key] = (tuple(dict.fromkeys((*old, *ids))), None, SHORT)
        for phrase in blockers:
            key, _origin = normalise(phrase)
            if key.strip():
                table[key] = ((), None, BLOCKER)
        free = {normalise(a)[0] for a in inside_words}
        self._words = False  # whether any key starts or ends with a word character
        for key, (ids, exact, kind) in table.items():
            latin_start, latin_end = _is_word_char(key[0]), _is_word_char(key[-1])
            cjk_start = key not in free and is_joining(key[0])
            cjk_end = key not in free and is_joining(key[-1])
            # Most keys need some check now (a kanji key next to a kanji); the check is cheap
            # until the analyser is needed.
            checks = exact is not None or kind != ALIAS  # (the word checks are inline in _find)
            self._words |= latin_start or latin_end
            payload = _Payload(len(key) - 1, ids, checks, latin_start, latin_end, exact, cjk_start, cjk_end, kind)
            self._automaton.add_word(key, payload)
        self._empty = not table
        self.segmenter = segmenter or Segmenter()
        #: Every alias and short form as written (never a candidate name itself).
        self.names = frozenset((*aliases, *(short_forms or {})))
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str, language: str | None = None) -> list[Mention]:
        """Every mention in ``text``, left to right, longest first, never overlapping.

        ``language`` (ja, zh, en) picks the analyser for word boundaries; without
        it, a clause with kana is Japanese and one without is Chinese.
        """
        if self._empty or not text:
            return []
        norm, origin = normalise(text)
        # word[i]: 1 if norm[i] is a word character, else 0; and one 0 more at the end, so
        # that both word[len(norm)] (after the text) and word[-1] (before it) read as none.
        # Each character outside ASCII becomes one "?" (a 0): the indices are those of norm.
        word = norm.encode("ascii", "replace").translate(_WORD_BYTES) + b"\0" if self._words else b""
        if len(norm) < _PAUSE_GC:
            return self._find(text, norm, origin, word, language)
        # A long text makes many Mentions (about one every 25 characters), all of them
        # tracked by the cyclic garbage collector, which would run every 700 of them and
        # look through them again and again (the whole heap, now and then), though tuples
        # of numbers and strings can never form a cycle: that was a good part of the time.
        # So it waits until the list is made; callers use the list and drop it, most often
        # before it next runs.  It is left as it was found, even on an error.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._find(text, norm, origin, word, language)
        finally:
            if collecting:
                gc.enable()

    def _find(
        self,
        text: str,
        norm: str,
        origin: Sequence[int],
        word: bytes,
        language: str | None,
        start: int = 0,
        stop: int | None = None,
    ) -> list[Mention]:
        """find() once ``text`` is normalised (``norm``, ``origin``) and ``word`` made, over
        ``norm[start:stop]``."""
        make = tuple.__new__  # a Mention without the Python-level __new__ of a NamedTuple
        # iter_long: at each position the longest key, then go on after it; it gives the
        # index in norm of the match's last character and the key's payload (see _Payload).
        # A match that fails its checks is dropped (the search does not come back for a
        # shorter one), except one the analyser rejects: see below.  This runs once per
        # match; most keys need no check at all.
        passes = self._passes
        rejected: list[tuple[int, int]] = []  # (first, last) in norm of matches the analyser rejected

        def joined(last: int, p: _Payload) -> bool:
            if self._joined_ok(text, norm, origin, last, p, language):
                return True
            rejected.append((last - p[0], last))
            return False

        # The text with a space either side: pn[first] is the character before a match, pn[last + 2]
        # the one after.  A kanji or katakana there (U+30A1..U+9FFF but ・) could continue the
        # alias's word: only then is the analyser asked (joined), so Japanese prose, where a
        # particle or punctuation follows most names, stays at the automaton's speed.
        pn = " " + norm + " "
        end = len(norm) if stop is None else stop
        matches = self._automaton.iter_long(norm, start, end)
        # Positions in norm are the text's own when nothing was folded beyond case (origin is a
        # range then: indexing it costs what the arithmetic would).
        found = [
            make(Mention, (origin[last - p[0]], origin[last] + 1, p[1], p[8] == SHORT))
            for last, p in matches
            if not (p[3] and word[last - p[0] - 1])
            and not (p[4] and word[last + 1])
            and (not p[2] or passes(text, norm, origin, word, last, p, language))
            and (
                (
                    not (p[6] and "\u30a1" <= pn[last - p[0]] <= "\u9fff" and pn[last - p[0]] != "・")
                    and not (p[7] and "\u30a1" <= pn[last + 2] <= "\u9fff" and pn[last + 2] != "・")
                )
                or joined(last, p)
            )
        ]
        return self._retry(text, norm, origin, word, language, found, rejected, end) if rejected else found

    def _retry(
        self,
        text: str,
        norm: str,
        origin: Sequence[int],
        word: bytes,
        language: str | None,
        found: list[Mention],
        rejected: list[tuple[int, int]],
        end: int,
    ) -> list[Mention]:
        """``found`` with what the rejected matches hid: the analyser rejected 米国 in 米国連大使
        (米/国連/大使), so the keys that start inside a rejected match are tried, leftmost and
        longest first, up to the next mention found (国連 is there).  Only after a rejection, and
        only inside the rejected matches: linear in the text, whatever it holds."""
        starts = [bisect.bisect_left(origin, m.start) for m in found]  # where each begins in norm
        out = list(found)
        taken = 0  # norm index before which no retried mention may start (no overlaps)
        for first, last in rejected:
            following = bisect.bisect_right(starts, first)
            stop = starts[following] if following < len(starts) else end
            at = max(first + 1, taken)
            while at <= last and at < stop:
                hit = next(self._automaton.iter_long(norm, at, stop), None)
                if hit is None or hit[0] - hit[1][0] > last:
                    break  # nothing starts inside the rejected match
                hit_last, p = hit
                hit_first = hit_last - p[0]
                if self._acceptable(text, norm, origin, word, hit_last, p, language):
                    out.append(Mention(origin[hit_first], origin[hit_last] + 1, p[1], p[8] == SHORT))
                    taken = at = hit_last + 1
                else:
                    at = hit_first + 1
        out.sort()
        return out

    def _acceptable(
        self, text: str, norm: str, origin: Sequence[int], word: bytes, last: int, p: _Payload, language: str | None
    ) -> bool:
        """Every check of :meth:`_find` for one match, in one place (the retries' slow path)."""
        first = last - p[0]
        if (p[3] and word[first - 1]) or (p[4] and word[last + 1]):
            return False
        if p[2] and not self._passes(text, norm, origin, word, last, p, language):
            return False
        return self._joined_ok(text, norm, origin, last, p, language)

    def _passes(
        self, text: str, norm: str, origin: Sequence[int], word: bytes, last: int, p: _Payload, language: str | None
    ) -> bool:
        """Whether the match of a key that needs checks, ending at ``norm[last]``, is a mention."""
        first = last - p[0]
        if p[8] == BLOCKER:
            return False
        start, end = origin[first], origin[last] + 1
        if p[5] is not None and not _is_exact(text, start, end, p[5]):
            return False
        return not (p[8] == SHORT and p[7] and not _SHORT_TITLE_RE.match(norm, last + 1))  # 王 alone is not 王氏

    def _joined_ok(
        self, text: str, norm: str, origin: Sequence[int], last: int, p: _Payload, language: str | None
    ) -> bool:
        """Whether a match that a kanji or katakana touches starts and ends on word boundaries."""
        first = last - p[0]
        before = p[6] and first > 0 and is_joining(norm[first - 1])
        # A title after a name ends the name's word (王文濤氏, 習氏): the analysers do not all know it.
        after = p[7] and last + 1 < len(norm) and is_joining(norm[last + 1])
        after = after and not _SHORT_TITLE_RE.match(norm, last + 1)
        if not (before or after):
            return True
        return self.segmenter.on_boundaries(text, origin[first], origin[last] + 1, language)


def _is_exact(text: str, start: int, end: int, exact: tuple[str, ...]) -> bool:
    """Whether an acronym's key matched ``text[start:end]`` as one of its aliases is written
    (ASEAN in capitals, or Asean where the registry lists it)."""
    return unicodedata.normalize("NFKC", text[start:end]) in exact


def matcher_for(table: MatchTable) -> Matcher | None:
    """The matcher of a registry's :class:`~.registry.MatchTable` (None when it names nothing)."""
    if not table.aliases:
        return None
    return Matcher(
        table.aliases,
        short_forms=table.short_forms,
        blockers=table.blockers,
        inside_words=table.inside_words,
        segmenter=Segmenter(table.user_words),
    )


class ArticleMentions:
    """The mentions of one article, text after text in reading order, with its second
    references bound: a short form (王 in 王氏, Wang) names the one entity it may stand
    for that the article has already named in full; when it may stand for several of
    them, it is no mention and is kept in :attr:`ambiguous`."""

    def __init__(self, matcher: Matcher | None, language: str | None = None) -> None:
        self.matcher, self.language = matcher, language
        self.named: set[str] = set()
        self.ambiguous: list[tuple[str, tuple[str, ...]]] = []

    def find(self, text: str) -> list[Mention]:
        if self.matcher is None:
            return []
        out = []
        for mention in self.matcher.find(text, self.language):
            if not mention.short:
                self.named.update(mention.entities)
                out.append(mention)
                continue
            bound = tuple(e for e in mention.entities if e in self.named)
            if len(bound) == 1:
                out.append(mention._replace(entities=bound))
            elif bound:
                self.ambiguous.append((mention.text(text), bound))
        return out


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
