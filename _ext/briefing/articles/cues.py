"""What one line looks like on its own: the cues the recogniser weighs (pure, no context).

Each cue is a pattern that holds across outlets and languages (ja, en, zh):
a Q&A marker, a numbering and its style, a dateline, a byline, a caption, a
timestamp, a separator, a footnote mark, an editor's line, a source footer, a
key–value line.  Patterns are anchored and free of nested repetition, so any
line, however long or hostile, is read in linear time.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: A heading is at most this wide (East Asian wide characters count two).
HEADING_MAX_WIDTH = 100
_SENTENCE_END = set("。．.!?！？…")
_CLOSERS = set("」』）)]】〕〉》\"'”’")

BULLET_RE = re.compile(r"^(?:[-*•]\s+|・\s*)(?=\S)")
_FOOTER_WORDS = {
    "reference",
    "references",
    "reference(s)",
    "source",
    "sources",
    "source(s)",
    "出典",
    "参考",
    "参照",
    "参考资料",
    "參考資料",
}


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def ends_like_sentence(text: str) -> bool:
    core = text.rstrip("".join(_CLOSERS))
    return not core or core[-1] in _SENTENCE_END


def is_heading_like(text: str) -> bool:
    """A short bare line: not a bullet, not ending like a sentence."""
    # A character is one or two columns wide: a line of more characters than the limit is never a heading.
    if len(text) > HEADING_MAX_WIDTH or BULLET_RE.match(text) or width(text) > HEADING_MAX_WIDTH:
        return False
    return not ends_like_sentence(text)


def is_footer(text: str) -> bool:
    """A ``Reference(s):`` line (and its variants).  Plain string work: linear on any line."""
    word = text.strip().rstrip(":：").rstrip().lower()
    return word in _FOOTER_WORDS


# --------------------------------------------------------------------------- numbering

_HAN = "一二三四五六七八九十"
#: (style, pattern): the numbering at the start of a line; the style tells levels apart.
_NUMBERINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("chapter", re.compile(rf"^第[0-9０-９{_HAN}]{{1,3}}[章節节部]")),
    ("han", re.compile(rf"^[{_HAN}]{{1,3}}[、，．.]")),
    ("han-paren", re.compile(rf"^[（(][{_HAN}]{{1,3}}[)）]")),
    ("paren", re.compile(r"^[（(][0-9０-９]{1,2}[)）]")),
    ("circled", re.compile(r"^[①-⑳]")),
    ("dot", re.compile(r"^[0-9０-９]{1,2}[.．](?![0-9０-９])")),
    ("half-paren", re.compile(r"^[0-9０-９]{1,2}[)）]")),
    ("space", re.compile(r"^[0-9０-９]{1,2}(?=[ \u3000])")),
    ("letter", re.compile(r"^(?:[（(][a-z][)）]|[a-z][.)](?= ))")),
    ("kana", re.compile(r"^[アイウエオカキクケコ](?=[ \u3000])")),
    ("mark", re.compile(r"^[■□◆◇●○▼▽▶►◎]")),
)
#: A whole line in lenticular brackets (【会談の概要】): a heading, unless it is a dateline or an editor.
LENTICULAR_RE = re.compile(r"^【[^】]{1,40}】$")


@dataclass(frozen=True)
class Numbering:
    style: str
    marker: str  # as written ("1　", "(1)", "①", "■ ")
    text: str  # the rest of the line


def numbering(text: str) -> Numbering | None:
    """The numbering (or heading mark) a line starts with, if any."""
    for style, pattern in _NUMBERINGS:
        m = pattern.match(text)
        if m:
            rest = text[m.end() :]
            stripped = rest.lstrip(" \u3000")
            if not stripped:
                return None  # a number alone is not a numbered line
            if style == "space" and not stripped[:1].isalpha():
                return None  # "2025 年" or "3 4 5": a number, not a numbering
            if style == "dot" and text[m.end() : m.end() + 1] not in (" ", "\u3000", "") and stripped[:1].isdigit():
                return None
            marker = text[: len(text) - len(stripped)]
            return Numbering(style if style != "mark" else f"mark{text[0]}", marker, stripped)
    if LENTICULAR_RE.match(text):
        return Numbering("lenticular", "", text)
    return None


# --------------------------------------------------------------------------- Q&A

_QA_RE = re.compile(
    r"^(?P<marker>(?P<q>問|问|追問|追问|記者|记者|Q|Question|Follow-up)|(?P<a>答|A|Answer))"
    r"(?:[ \u3000]*[：:]|(?<=[QA])\.(?= ))[ \u3000]*(?=\S)"
)


def qa_turn(text: str) -> tuple[str, str, str] | None:
    """(``question`` or ``answer``, the marker as written, the rest) for a Q&A turn."""
    m = _QA_RE.match(text)
    if not m:
        return None
    return ("question" if m.group("q") else "answer", text[: m.end()].rstrip(" \u3000"), text[m.end() :])


# --------------------------------------------------------------------------- lines that are not prose

_SEPARATOR_RE = re.compile(r"^[-*＊—–=＝◇◆_~〜・･ \u3000]{3,}$")


def is_separator(text: str) -> bool:
    marks = [ch for ch in text if ch not in " \u3000"]
    return bool(_SEPARATOR_RE.match(text)) and len(marks) >= 2 and len(set(marks)) <= 2


_EDITOR_RE = re.compile(
    r"^[【（(\[]\s*(?:责任编辑|責任編輯|责编|編集|编辑|編輯"
    r"|Editing by|Edited by|Reporting by|Writing by|Additional reporting)"
)


def is_editor(text: str) -> bool:
    return bool(_EDITOR_RE.match(text)) and text[-1:] in "】）)]"


_CAPTION_RE = re.compile(
    r"(?:＝[^＝]{0,40}[（(](?:共同|時事|ロイター|AP|AFP|新華社|聯合)[)）]$)"
    r"|(?:＝[0-9０-９]{1,2}日[、，][^＝、。]{1,30}$)"
    r"|(?:^(?:Photo|Picture|Image|File photo|写真|图为|圖為|照片)[：:\s])"
    r"|(?:^[（(](?:Photo|Picture|写真)\b[^)）]{0,120}[)）]$)"
    r"|(?:[（(][^（()）]{0,30}(?:摄|攝)[)）]$)"
    r"|(?:^图为|^圖為)"
)


def is_caption(text: str) -> bool:
    return len(text) <= 300 and bool(_CAPTION_RE.search(text))


_BYLINE_RE = re.compile(
    r"^(?:By (?:the )?[A-Z][\w.'’-]*(?:,? [\w.'’-]+){0,10}$"
    r"|Written by |Reporter: |文[／/]|(?:撰文|記者|记者)[／/]"
    r"|[（(][^（()）]{0,12}(?:記者|记者|編集委員|特派員)[ \u3000][^（()）]{1,20}[)）]$)"
)


def is_byline(text: str) -> bool:
    return len(text) <= 120 and bool(_BYLINE_RE.match(text))


_META_START_RE = re.compile(
    r"^(?:Published|Updated|Posted|Last updated|Date|Time|更新|公開|配信|掲載|发布时间|發布時間|发布|時間|时间|日期)"
    r"[ \u3000]*(?:[：:]|(?=\s*(?:on )?\d))",
    re.IGNORECASE,
)
_SOURCE_RE = re.compile(r"^(?:出典|出所|来源|來源|Source|Sources|Quelle)[ \u3000]*[：:][ \u3000]*(?=\S)", re.IGNORECASE)


def meta_label(text: str) -> bool:
    """A labelled metadata line: ``Published: …``, ``更新：…``, ``发布时间：…``."""
    return len(text) <= 200 and bool(_META_START_RE.match(text))


def source_footer(text: str) -> str | None:
    """The outlet a one-line source footer names (``出典：外務省ホームページ https://…``)."""
    m = _SOURCE_RE.match(text)
    if not m or len(text) > 300:
        return None
    rest = URL_RE.sub("", text[m.end() :]).strip(" \u3000()（）")
    return rest or None


_FOOTNOTE_RE = re.compile(
    r"^(?:※|＊|\*(?=[ \u3000\d])|(?:注|註)[0-9０-９]*[：:)）]|[（(](?:注|註)[0-9０-９]*[)）]|Notes?:)"
)


def is_footnote_mark(text: str) -> bool:
    return bool(_FOOTNOTE_RE.match(text))


#: A key–value line: a short key (no sentence punctuation) and a colon, then the value.
_FIELD_RE = re.compile(
    r"^(?P<key>[^\s：:。、，,.!?！？「」()（）]{1,12}|[A-Z][A-Za-z]{1,15}(?: [A-Za-z]{1,15}){0,2})"
    r"[ \u3000]*[：:][ \u3000]*(?=\S)"
)


def field(text: str) -> tuple[str, str] | None:
    """(key with its colon, as written; value) of a ``日時：…`` / ``Venue: …`` line."""
    m = _FIELD_RE.match(text)
    if not m or width(m.group("key")) > 24:
        return None
    return text[: m.end()].rstrip(" \u3000"), text[m.end() :]


_POINTS_RE = re.compile(
    r"(?:takeaways?|\bpoints\b|highlights|what to watch|要点|ポイント|重点|要點|重點)", re.IGNORECASE
)


def names_points(text: str) -> bool:
    """Whether a heading (or a line ending with a colon) announces the article's points."""
    return len(text) <= 120 and bool(_POINTS_RE.search(text))


# --------------------------------------------------------------------------- datelines

_EN_DATELINE_RE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'-]{1,30}(?: [A-Z][A-Z.'-]{1,30}){0,3})(?:, [A-Z][A-Za-z.]{1,20}(?: [A-Z][a-z]+)?)?,"
    r" (?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?)"
    r"(?: \((?P<agency>[A-Za-z][A-Za-z .&-]{0,30})\))? ?(?:--|—|–|-)"
)
_JA_DATELINE_RE = re.compile(r"^【(?P<place>[^】\s]{1,12}?)(?P<agency>共同|時事|ロイター|AFP|AP|新華社|聯合|EPA)】")
_ZH_DATELINE_RE = re.compile(
    r"^(?P<agency>新华社|新華社|中新社|中新网|人民网|央视网)(?P<place>[^\d\s，,。]{1,10}?)"
    r"(?P<date>\d{1,2}月\d{1,2}日)(?:电|電)(?:[（(][^（()）]{0,30}[)）])?"
)
_CNA_DATELINE_RE = re.compile(
    r"^[（(](?P<agency>中央社)(?:記者|记者)?[^（()）]{0,12}?(?P<place>台北|臺北|東京|华盛顿|華盛頓|北京|上海|香港|[^\d（()）]{2,4}?)"
    r"(?P<date>\d{1,2}日)(?:電|电)[)）]"
)


@dataclass(frozen=True)
class DatelineCue:
    text: str
    place: str
    agency: str
    date: str


def dateline(text: str) -> DatelineCue | None:
    """The dateline a paragraph opens with, if any."""
    for pattern in (_EN_DATELINE_RE, _JA_DATELINE_RE, _ZH_DATELINE_RE, _CNA_DATELINE_RE):
        m = pattern.match(text)
        if m:
            groups = m.groupdict()
            return DatelineCue(
                m.group(0),
                (groups.get("place") or "").strip(),
                (groups.get("agency") or "").strip(),
                (groups.get("date") or "").strip(),
            )
    return None


#: A URL the book links: http(s) only, ASCII URL characters, never a quote, < > ` or \.
URL_RE = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+")
