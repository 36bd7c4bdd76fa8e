"""People a briefing names whom the registry does not know: the analyst's list of candidates.

Precision first: a candidate is a name, never a title, an office or a group.

* Japanese: in each clause that ends with a title (only those are analysed), the
  analyser's person names (Sudachi's 人名: 姓, 名, whole names such as 李強; a surname with
  its given name, 岩屋毅) and names it does not know right before the title, a country's
  one-letter prefix allowed (トランプ米大統領, ルビオ米国務長官, 林剣報道官);
* Chinese (:mod:`briefing.matching.names_zh`): jieba's person names (nr) next to a title
  (美国总统特朗普, 外交部发言人林剑), and the characters right after a title up to a verb, a
  time word or a mark (外相茂木敏充則回應, （记者许立新）);
* English: capitalised words (any letters: António) after a title (Secretary of State
  Marco Rubio, Mr. Rubio, past a second title: Prince Faisal bin Farhan), before a role
  (Maria Zakharova, spokeswoman for …), or in a byline (By …, Reporting by … and …).

Within an article, a shorter form joins the fuller name it begins or ends
(岩屋 → 岩屋毅, Rubio → Marco Rubio): one entry per person.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass

from briefing.language.errors import AnalyserError
from briefing.language.titles import (
    COUNTRY_PREFIX_JA,
    NAME_PARTICLES,
    NOT_NAME_WORDS_EN,
    NOT_NAMES,
    TITLES_EN,
    TITLES_JA,
)
from briefing.language.words import japanese_words
from briefing.matching.mentions import ArticleMentions, Matcher, Mention
from briefing.matching.names_zh import chinese_names, outermost

__all__ = ["Candidate", "find_candidates", "merge_candidates", "people_in"]


#: The longest candidate (Mohammed bin Salman bin Abdulaziz Al Saud has 41 characters): a longer
#: run of capitalised words is no person's name, and merging stays linear in the names' length.
NAME_LIMIT = 64


@dataclass(frozen=True)
class Candidate:
    name: str  # the name as written
    title: str  # what made it look like a person (a title, a role, or 人名 for the analyser's tag)


_TITLE_JA_RE = re.compile(
    COUNTRY_PREFIX_JA
    + "(?:外務省|国務省|外交部|国防省|政府)?("
    + "|".join(sorted(TITLES_JA, key=len, reverse=True))
    + ")"
)
_KATAKANA_NAME_RE = re.compile(r"[\u30a1-\u30fa\u30fc]{2,}(?:[・=＝][\u30a1-\u30fa\u30fc]{2,})*")
_KANJI = re.compile(r"^[\u3400-\u9fff]{1,2}$")

# Every pattern here runs on whole paragraphs of any language: each starts only at the start
# of a word (the look-behind) and never gives back a word it took (possessive), so a line of
# 100,000 letters without a space is read once, not once from every letter.
_NAME_EN = r"[^\W\d_][\w'’\-]*+\.?"
_WORD_START = r"(?<![\w'’\-])"
_CAPITAL_EN = r"[A-Z][\w'’\-]*+"
_BEFORE_EN_RE = re.compile(
    r"\b("
    + "|".join(re.escape(t) for t in sorted(TITLES_EN, key=len, reverse=True))
    + rf")\s++({_NAME_EN}(?:\s++{_NAME_EN}){{0,3}})"
)
#: Who wrote or edited the story: By Hannah Keller; (Reporting by Liz Tan and Daria Volkova; Editing by Tom Hale)
_BYLINE_EN_RE = re.compile(
    r"(?:^|[(;]\s*)(By|(?:Additional )?[Rr]eporting by|Writing by|Editing by)\s++"
    rf"({_CAPITAL_EN}(?:\s++{_CAPITAL_EN}){{1,2}}(?:(?:,\s++|\s++and\s++){_CAPITAL_EN}(?:\s++{_CAPITAL_EN}){{1,2}}){{0,4}})"
)
_ROLE_EN_RE = re.compile(
    rf"{_WORD_START}({_NAME_EN}(?:\s++{_NAME_EN}){{1,2}}),\s++(?:the\s++|a\s++)?(?:[\w.\-]++\s++){{0,3}}?"
    r"(spokeswoman|spokesman|spokesperson|secretary-general|president|prime minister|foreign minister|minister|"
    r"ambassador|adviser|envoy|chairman|director|fellow|researcher|analyst|professor|scholar|economist|"
    r"official|diplomat|correspondent)\b"
)


def _english_name(raw: str) -> str:
    words: list[str] = []
    parts = raw.split()
    while len(parts) > 2 and parts[0] in TITLES_EN:  # Foreign Minister Prince Faisal bin Farhan
        parts.pop(0)
    for word in parts:
        if word.endswith(("'s", "’s")):  # a possessive ends the name (Lin Jian's briefing)
            words.append(word[:-2])
            break
        if word in NAME_PARTICLES and words:
            words.append(word)
            continue
        word = word.rstrip(".") if not word.endswith((".", "Jr.")) or len(word) > 3 else word
        if not word[:1].isupper() or word in NOT_NAME_WORDS_EN:
            break
        words.append(word)
    while words and words[-1] in NAME_PARTICLES:
        words.pop()
    return " ".join(words)


#: Characters a name never runs across: where the clause before a title starts.
_CLAUSE_STOPS = frozenset(" \t\u3000、。，．,.!?！？;；:：「」『』（）()[]【】〈〉《》“”\"'…—/／\n")
#: How far before a title a name may start (characters).
_REACH = 30


def _title_windows(text: str) -> list[tuple[int, int]]:
    """The clauses that end with a title (from the last stop before it, at most :data:`_REACH`
    characters back, to the title's end), merged where they touch: only these can hold a name
    the finder proposes, so only these are analysed."""
    windows: list[tuple[int, int]] = []
    for match in _TITLE_JA_RE.finditer(text):
        left = match.start()
        floor = max(0, left - _REACH)
        while left > floor and text[left - 1] not in _CLAUSE_STOPS:
            left -= 1
        if windows and left <= windows[-1][1]:
            windows[-1] = (windows[-1][0], match.end())
        elif left < match.start():
            windows.append((left, match.end()))
    return windows


def _japanese(text: str) -> list[tuple[int, int, str]]:
    """(start, end, title) of every person's name before a title in a Japanese text."""
    found = []
    for start, end in _title_windows(text):
        found += [(s + start, e + start, title) for s, e, title in _japanese_clause(text[start:end])]
    return found


def _japanese_clause(text: str) -> list[tuple[int, int, str]]:
    """(start, end, title) of every person's name in a Japanese clause."""
    words = japanese_words(text, "C")
    found: list[tuple[int, int, str]] = []

    def person(k: int) -> bool:
        return words[k].pos[1:3] == ("固有名詞", "人名") and not words[k].surface.isascii()

    i = 0
    while i < len(words):
        w = words[i]
        if person(i):
            j = i
            while j + 1 < len(words) and (
                person(j + 1) or (words[j + 1].surface == "・" and j + 2 < len(words) and person(j + 2))
            ):
                j += 1
            end = words[j].end
            fused = next((t for t in TITLES_JA if words[j].surface.endswith(t) and words[j].surface != t), "")
            if fused:  # Sudachi knows some names with their title (トランプ大統領) as one word
                found.append((w.start, end - len(fused), fused))
                i = j + 1
                continue
            title = _TITLE_JA_RE.match(text, end)
            # A surname and one or two kanji before a title: a Chinese given name (林剣, 王文濤).
            if not title and words[j].pos[3] == "姓" and j + 1 < len(words) and _KANJI.match(words[j + 1].surface):
                longer = _TITLE_JA_RE.match(text, words[j + 1].end)
                if longer:
                    end, title, j = words[j + 1].end, longer, j + 1
            parts = {words[k].pos[3] for k in range(i, j + 1)}
            whole = "一般" in parts or {"姓", "名"} <= parts
            if title or whole:
                found.append((w.start, end, title.group(1) if title else "人名"))
            i = j + 1
            continue
        i += 1
    # Two or three kanji the analyser reads as one-character words, between a non-kanji and a
    # title: a Chinese or Korean name it does not know (林剣報道官, 安徳根長官).
    for k, w in enumerate(words):
        if k and _KANJI.match(words[k - 1].surface):
            continue
        j = k
        while j < len(words) and j - k < 3 and len(words[j].surface) == 1 and _KANJI.match(words[j].surface):
            j += 1
        if j - k >= 2:
            after = _TITLE_JA_RE.match(text, words[j - 1].end)
            if after:
                found.append((w.start, words[j - 1].end, after.group(1)))
    for match in _KATAKANA_NAME_RE.finditer(text):
        after = _TITLE_JA_RE.match(text, match.end())
        if after and (match.start() == 0 or not _KATAKANA_NAME_RE.match(text[match.start() - 1])):
            found.append((match.start(), match.end(), after.group(1)))
    # A katakana name is the whole run of its parts (マリア・ザハロワ, not ザハロワ alone).
    for k, (start, end, role) in enumerate(found):
        for match in _KATAKANA_NAME_RE.finditer(text, max(0, start - 40), min(len(text), end + 40)):
            if match.start() <= start and end <= match.end():
                found[k] = (match.start(), match.end(), role)
    # One span per name: the longest (アントニオ・グテーレス, not グテーレス alone).
    return outermost(found)


def _english(text: str) -> list[tuple[int, int, str]]:
    found = []
    for byline in _BYLINE_EN_RE.finditer(text):
        at = byline.start(2)
        for piece in re.split(r"(,\s+|\s+and\s+)", byline.group(2)):
            name = _english_name(piece) if not re.fullmatch(r",\s+|\s+and\s+", piece) else ""
            if len(name.split()) >= 2:
                found.append((at, at + len(name), byline.group(1)))
            at += len(piece)
    pos = 0
    while (titled := _BEFORE_EN_RE.search(text, pos)) is not None:
        name = _english_name(titled.group(2))
        at = titled.start(2) + max(0, titled.group(2).find(name)) if name else titled.start(2)  # past Prince
        if name:
            found.append((at, at + len(name), titled.group(1)))
        # Go on from the name's end, not the match's: Wang Yi or Premier Li Qiang holds a second title.
        pos = max(at + len(name), titled.start(2))
    for match in _ROLE_EN_RE.finditer(text):
        name = match.group(1)
        words = name.split()
        while words and (not words[0][:1].isupper() or words[0] in NOT_NAME_WORDS_EN or words[0] in TITLES_EN):
            words.pop(0)
        if len(words) >= 2 and all(w[:1].isupper() for w in words):
            start = match.start(1) + len(name) - len(" ".join(words))
            found.append((start, match.end(1), match.group(2)))
    return found


def find_candidates(
    text: str,
    known: Iterable[Mention] = (),
    language: str = "ja",
    registry_names: Collection[str] = (),
    user_words: frozenset[str] = frozenset(),
    failures: list[tuple[str, str]] | None = None,
) -> list[Candidate]:
    """Names in ``text`` that look like people and are not in the registry.

    ``known``: the text's mentions (a candidate never overlaps one);
    ``registry_names``: aliases and short forms, never candidates themselves;
    ``failures``: where (the text, why) is added when an analyser fails on it, and the
    text then gives only what needs no analyser (else the error is raised).
    """
    taken = sorted((m.start, m.end) for m in known)  # never overlapping: their ends are in order too
    ends = [end for _start, end in taken]
    spans: list[tuple[int, int, str]] = []
    try:
        if language == "zh":
            spans = chinese_names(text, user_words)
        elif language != "en":
            spans = _japanese(text)
    except AnalyserError as err:
        if failures is None:
            raise
        failures.append((text, str(err)))
    if language == "en":
        spans = _english(text)
    elif language != "zh":
        spans += [s for s in _english(text) if s[2] not in ("Mr.", "Ms.", "Mrs.", "Dr.")]
    out: list[Candidate] = []
    seen: set[tuple[int, int]] = set()
    for start, end, title in sorted(spans):
        name = text[start:end]
        if end - start > NAME_LIMIT or (start, end) in seen or name in NOT_NAMES or name in registry_names:
            continue
        at = bisect.bisect_right(ends, start)  # the first mention that ends after the name starts
        if at < len(taken) and taken[at][0] < end:
            continue
        seen.add((start, end))
        out.append(Candidate(name, title))
    return out


def merge_candidates(found: list[Candidate]) -> dict[str, str]:
    """Each name of one article -> the fullest form of the same person in that article.

    A name joins a longer one that begins with it (岩屋 → 岩屋毅) or ends with it as its
    last word (Rubio → Marco Rubio); when it fits several, it stays itself.  Each name is
    looked up by its own beginnings and last words, never compared with every other name:
    time in proportion to the names' length.
    """
    names = sorted({c.name for c in found}, key=len, reverse=True)
    present = set(names)
    longer: dict[str, list[str]] = defaultdict(list)
    for name in names:
        parts = {name[:i] for i in range(1, len(name))}
        parts.update(name[i + 1 :] for i, ch in enumerate(name) if ch in " ・·")
        for part in parts & present:
            longer[part].append(name)
    out: dict[str, str] = {}
    for name in names:  # the longest first: each longer name is merged before the names it holds
        fullest = {out[n] for n in longer.get(name, ())}
        out[name] = fullest.pop() if len(fullest) == 1 else name
    return out


def people_in(
    texts: Iterable[str], matcher: Matcher | None, language: str, failures: list[tuple[str, str]] | None = None
) -> Iterator[tuple[list[Mention], list[Candidate]]]:
    """Each text of one article, in reading order: its mentions (second references bound within
    the article) and the people it names whom the registry lacks (not yet merged).

    What an analyser fails on is added to ``failures`` (by default the matcher's segmenter's).
    """
    mentions = ArticleMentions(matcher, language)
    names = matcher.names if matcher is not None else frozenset()
    user_words = matcher.segmenter.user_words if matcher is not None else frozenset()
    if failures is None:
        failures = matcher.segmenter.failures if matcher is not None else []
    for text in texts:
        known = mentions.find(text)
        yield known, find_candidates(text, known, language, names, user_words, failures)
