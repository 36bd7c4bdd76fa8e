"""What one line looks like on its own: the cues the recogniser weighs (pure, no context).

Each cue is a pattern that holds across outlets and languages (ja, en, zh):
a Q&A marker, a numbering and its style, a byline, a caption, a
timestamp, a separator, a footnote mark, an editor's line, a source footer, a
key–value line (datelines: :mod:`briefing.articles.datelines`).  Patterns are
anchored and free of nested repetition, so any line, however long or hostile,
is read in linear time.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from briefing.articles.remember import per_line

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


@per_line
def width(text: str) -> int:
    """Columns a line takes (East Asian wide characters count two)."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def ends_like_sentence(text: str) -> bool:
    core = text.rstrip("".join(_CLOSERS))
    return not core or core[-1] in _SENTENCE_END or _CREDITED_END_RE.search(text) is not None


#: A sentence with its writers' or outlet's names in brackets after its full stop: …交わしました。（藍、浅野）
_CREDITED_END_RE = re.compile(r"[。！？][（(][^（()）]{1,20}[)）]$")


#: A person's name standing alone: two or three capitalised words (Harriet Lowe, Kim Jong-un),
#: perhaps with the day it was written (Tess Marlowe July 22, 2025).
_PERSON_NAME_RE = re.compile(
    r"^[A-Z][a-z]+(?:[ -][A-Z][a-z'-]+){1,2}(?: (?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December) \d{1,2}, \d{4})?$"
)


def is_person_name(text: str, dated: bool = False) -> bool:
    """A person's name alone on its line (``dated``: the date may follow it)."""
    m = _PERSON_NAME_RE.match(text)
    return m is not None and (dated or not any(ch.isdigit() for ch in text))


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
    ("mark", re.compile(r"^[■□◆◇●○◯▼▽▶►◎]")),
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
    r"^(?P<marker>(?P<q>問|问|追問|追问|記者|记者|Q|Question|QUESTION|Follow-up)|(?P<a>答|A|Answer|ANSWER))"
    r"(?:[ \u3000]*\([^()]{1,60}\))?"  # Question (Sidhant Sibal, WION): who asks, in brackets
    r"(?:[ \u3000]*[：:]|(?<=[QA])\.(?= )|(?<=Q)(?= [A-Z][^\n]*\?$))[ \u3000]*(?=\S)"
)


#: 记者：李明远、周婧: the reporters' names, a byline (not a reporter's question).
_REPORTERS_NAMED_RE = re.compile(
    r"^(?:记者|記者)[：:][ \u3000]*[\u4e00-\u9fff]{2,4}(?:[、，, ][\u4e00-\u9fff]{2,4}){0,4}$"
)


def names_reporters(text: str) -> bool:
    """记者：李明远、周婧: a line that names the reporters (a byline), not a reporter's question."""
    return bool(_REPORTERS_NAMED_RE.match(text.strip()))


def qa_turn(text: str) -> tuple[str, str, str] | None:
    """(``question`` or ``answer``, the marker as written, the rest) for a Q&A turn."""
    m = _QA_RE.match(text)
    if not m or _REPORTERS_NAMED_RE.match(text):
        return None
    return ("question" if m.group("q") else "answer", text[: m.end()].rstrip(" \u3000"), text[m.end() :])


# --------------------------------------------------------------------------- lines that are not prose

_SEPARATOR_RE = re.compile(r"^[-*＊—–―=＝◇◆_~〜・･…‥ \u3000]{3,}$")


def is_separator(text: str) -> bool:
    marks = [ch for ch in text if ch not in " \u3000"]
    return bool(_SEPARATOR_RE.match(text)) and len(marks) >= 2 and len(set(marks)) <= 2


_EDITOR_RE = re.compile(
    r"^[【（(\[]\s*(?:责任编辑|責任編輯|责编|編集|编辑|編輯"
    r"|Editing by|Edited by|Reporting by|Writing by|Additional reporting|譯者|译者|翻訳編集|Web editor)"
)
#: An editor's line without brackets: 责任编辑：…, Reporting by …; Editing by …
_BARE_EDITOR_RE = re.compile(
    r"^(?:责任编辑|責任編輯|责编|編集|编辑|編輯|版面编辑|Editor|Editors?)[ \u3000]*[：:]"
    r"|^(?:Reporting|Writing|Editing|Additional reporting) by .{2,200}$"
    r"|^(?:编辑|編輯|校对|校對|审核|審核|责编|責編)[／/][^／/]{2,12}$"  # 编辑/周超然, 校对/李萌萌
    r"|^.{0,20}?(?:责任编辑|責任編輯|核稿編輯|核稿编辑)[ \u3000]*[／/：:]"  # 國際中心/報導 責任編輯/…
    r"|^【(?:翻訳編集|編集|责任编辑|責任編輯)】.{1,30}$"  # 【翻訳編集】AFPBB News
    r"|^[A-Za-z]{2,4}(?: ?/ ?[A-Za-z]{2,4}){1,2}$"  # JPV / gsg: the editors' initials
    r"|^\([A-Z]{2,4}\)$"  # (WAH): an editor's code closing the story
)


def is_editor(text: str) -> bool:
    stripped = text.strip()
    if _BARE_EDITOR_RE.match(stripped) and len(stripped) <= 300:
        return True
    return bool(_EDITOR_RE.match(stripped)) and (
        stripped[-1:] in "】）)]" or _EDITOR_CODE_RE.search(stripped) is not None
    )


#: An editor's bracket closed by a CNA date code: （譯者：…/核稿：…）1141119
_EDITOR_CODE_RE = re.compile(r"[）)]1[0-9]{6}$")


_BYLINE_RE = re.compile(
    r"^(?:By (?:the )?[A-Z][\w.'’-]*(?:,? [\w.'’-]+){0,10}(?:$| ?[|｜])|BY [A-Z][A-Z.'’ -]{2,60}$"
    r"|by the [A-Z][\w.'’-]*(?:,? [\w.'’/-]+){0,12}$"
    r"|(?:\S{1,8}社|\S{1,8}報|\S{1,8}报)?(?:記者|记者)[ \u3000]+[^\s。，]{2,4}(?:[ \u3000、]+[^\s。，]{2,4}){0,3}$"
    r"|[（(〔][^（()）〔〕]{0,20}(?:記者|记者)[^（()）〔〕]{0,20}[)）〕]$|撰文[：:]"
    r"|.{0,80}contributed to this report\.?$|Office of the (?:Press Secretary|Spokesperson|Spokesman)$"
    r"|By:? ?-? ?[A-Z@].{0,80}$|Staff (?:writer|reporter)s?\b.{0,40}$|\(With inputs from .{2,40}\)$"
    r"|[（(][\u4e00-\u9fff]{2,4}(?:[ \u3000、][\u4e00-\u9fff]{2,4}){0,3}[)）]$"
    r"|The (?:below|following) is attributable to .{3,120}$|[A-Z][A-Za-z]{1,20} Staff$"
    r"|(?:[^\s／/]{1,8}[／/] ?)?(?:記者|记者)[^\s／/。，]{1,8}[／/][^\s／/。，]{0,12}(?:報導|报道|報道)$"
    r"|Written by |Reporter: |文[／/]|(?:撰文|記者|记者)[／/]|[A-Z][a-z]+(?: [A-Z][a-z.'-]+){1,3},$"
    r"|From: [A-Z].{2,200}$|From [A-Z][\w.&-]{1,20}'s [A-Z][a-z]+(?: [A-Z][a-z'-]+){1,2}(?: in [A-Z][\w ]{1,30})?$"
    r"|(?:作者|文|撰稿|记者|記者)[：:][ \u3000]*[^\s，。]{2,12}$"
    r"|[A-Z][a-z]+(?: [A-Z][a-z.'-]+){1,3}, (?:Principal |Deputy |Acting )*(?:Deputy )?Spokesperson$"
    r"|[A-Z][\w]{1,12}(?: [A-Z][\w]{1,12})? (?:Report|Desk|Staff|Press Team|Press Office|Media Office)$"
    r"|[A-Z][a-z]+(?: [A-Z][a-z'-]+){1,2} is an? (?:[a-z-]+ ){0,3}(?:reporter|correspondent|editor|writer|journalist"
    r"|columnist)\b"
    r"|[\u4e00-\u9fff]{2,8}?[報报社網网台][ \u3000]*[／/][ \u3000]*[^\s\d]{1,10}?[0-9]{1,2}日(?:專電|专电|電|电)$"
    r"|[（(][^（()）]{0,12}(?:記者|记者|編集委員|特派員)[ \u3000][^（()）]{1,20}[)）]$"
    r"|[（(]取材[、・]?文[・：:、][^（()）]{1,20}[)）]$"
    r"|Translat(?:or|ors|ed by)[:：]? [A-Z].{1,80}$|[（(]撰稿[：:][^（()）]{1,40}[)）]$"
    r"|by [A-Z][a-z]+(?: [A-Z][a-z'’-]+){1,2}$"
    r"|(?:The )?[A-Z][\w]{1,20}(?: [A-Z][\w]{1,20})? staff$"
    r"|[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3}, reporting from [A-Z][\w ,.'’-]{1,40}$"
    r"|(?:本期)?(?:简报|簡報|本文)?作者[：:][^。]{1,12}。(?:翻译|翻譯|编辑|編輯)[：:][^。]{1,12}。?$)"
)


def is_byline(text: str) -> bool:
    return len(text) <= 120 and bool(_BYLINE_RE.match(text))


_META_START_RE = re.compile(
    r"^(?:Published|Updated|Posted|Last updated|Last modified|Modified|Date|Time"
    r"|This (?:Article|Story) is From|by(?= (?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December) \d)|更新日|更新|公開|配信|掲載|发布时间|發布時間|時間|时间|日期|出版"
    r"|记事公開日|記事公開日|公開日|掲載日|ページID|ページ番号"
    r"|发布|發佈|發表|原标题|原標題|For Immediate Release|Check against delivery!?$|\(?As delivered\)?$"
    r"|This (?:article |story )?was (?:first )?published .{1,30} ago$)"
    r"(?: at)?[ \u3000]*(?:[：:]|(?=\s*(?:on |in )?(?:\d|[A-Z][a-z]{2}))|$)",
    re.IGNORECASE,
)
#: A clock time: 19:31, 10:41 AM, 9:52 a.m., 18時56分, 3:20pm.
_CLOCK_RE = re.compile(
    r"(?<![0-9])[0-9]{1,2}(?:[:：][0-9]{2}(?:[:：][0-9]{2})?|時[0-9]{1,2}分)(?: ?[ap]\.?m\.?)?", re.I
)
#: A live page's time stamp standing alone: 4:15 p.m., 11:05 a.m., 14:30 JST.
_TIME_ONLY_RE = re.compile(
    r"^(?:[0-9]{1,2}/[0-9]{1,2}(?:[（(][月火水木金土日][)）])? ?)?"  # 1/14(水) 22:53: a portal's stamp, no year
    r"[0-9]{1,2}[:：][0-9]{2}(?: ?[ap]\.?m\.?)?(?: [A-Z]{2,4})?$",
    re.I,
)


def is_time_only(text: str) -> bool:
    return bool(_TIME_ONLY_RE.match(text.strip()))


def has_clock(text: str) -> bool:
    return bool(_CLOCK_RE.search(text))


_SOURCE_RE = re.compile(
    r"^(?:出典|出所|来源|來源|文章来源|文章來源|新聞來源|新闻来源|資料來源|资料来源|情報提供元|配信元|Source|Sources|Quelle)"
    r"[ \u3000]*[：:][ \u3000]*(?=\S)",
    re.IGNORECASE,
)


_INNER_SOURCE_RE = re.compile(
    r"(?:^|[\s|｜\d（(]|新闻|新聞|文章|稿件|图片|圖片)(?:来源|來源|Source|出典|情報元)[ \u3000]*[：:][ \u3000]*"
    r"(?P<outlet>[^|｜\s（(]{2,40})",
    re.IGNORECASE,
)


def inner_source(text: str) -> str | None:
    """The outlet a metadata line names inside it: ``… 来源：中国新闻网``, ``Source: Xinhua| …``."""
    m = _INNER_SOURCE_RE.search(text)
    return m.group("outlet").strip(" \u3000()（）") if m else None


def meta_label(text: str) -> bool:
    """A labelled metadata line: ``Published: …``, ``更新：…``, ``发布时间：…``."""
    return len(text) <= 200 and bool(_META_START_RE.match(text))


#: An outlet closing the article on a line of its own: -- BERNAMA, [時事通信社], 「人民網日本語版」2025年9月1日
_SIGN_OFF_RE = re.compile(
    r"^(?:-{1,2}|—)[ ]*(?P<a>[A-Z][A-Za-z]{2,20})$|^[\[［](?P<b>[^\]］]{2,12})[\]］]$|^「(?P<c>[^」]{2,20})」[0-9]{4}年"
    r"|^[（(](?:文章)?(?:来源|來源)[：:](?P<e>[^（()）]{2,20})[)）]$"  # （文章来源：财联社）
    r"|^\([cC]\) ?(?P<g>[A-Z]{3,20})$"  # (c)KYODONEWS
    r"|^-(?P<h>[\u4e00-\u9fff]{2,8})-$|^\(Source\) (?P<i>[A-Z].{1,80})$"  # -马新社-, (Source) Ministry of …
    r"|^【(?:来源|來源)[：:][ \u3000]*(?P<f>[^\s【】]{2,20})[ \u3000]+(?:作者|编辑|編輯|记者|記者)[：:][^【】]{0,60}】$"
    r"|^Copyrights? ?\([Cc]\) ?(?P<d>[A-Za-z][A-Za-z0-9]{1,20}) [a-z0-9.-]{2,40}\.(?:jp|com|net|kr|org)"
    r"(?: [0-9]{1,6})?$"
)


def sign_off(text: str) -> str | None:
    """The outlet a line of its own closes the article with (``[時事通信社]``, ``Copyrights(C) News1 …``)."""
    m = _SIGN_OFF_RE.match(text.strip())
    return next(g for g in m.groups() if g) if m else None


def source_footer(text: str) -> str | None:
    """The outlet a one-line source footer names (``出典：外務省ホームページ https://…``, ``-- BERNAMA``)."""
    sign_off = _SIGN_OFF_RE.match(text.strip())
    if sign_off:
        return next(g for g in sign_off.groups() if g)
    m = _SOURCE_RE.match(text)
    if not m or len(text) > 300:
        return None
    rest = URL_RE.sub("", text[m.end() :]).strip(" \u3000()（）")
    return rest or None


_FOOTNOTE_RE = re.compile(
    r"^(?:This (?:English )?(?:text|translation) is (?:a )?provisional|This is a developing story"
    r"|This (?:article|story|report) has been updated|\[?This is a rush transcript|The views expressed in this"
    r"|\(The (?:briefing|press conference) (?:was )?"
    r"(?:concluded|ended)|※|＊|\*(?=[ \u3000\d])|(?:注|註)[0-9０-９]*[：:)）]|[（(](?:注|註)[0-9０-９]*[)）]|Notes?:)"
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


def spaced_field(text: str) -> tuple[str, str] | None:
    """(key as written; value) of a record's ``■日時    令和7年…`` line: a known key, then spaces."""
    m = _SPACED_FIELD_RE.match(text)
    return (text[: m.end()].rstrip(" \u3000"), text[m.end() :]) if m else None


#: A Japanese record's key and value set apart by spaces, often after a ■: ■日時    令和7年11月20日
_SPACED_FIELD_RE = re.compile(
    r"^[■□◆◇●]?(?P<key>日時|日 時|会場|会 場|場所|出席者|記録作成|主催|議題|テーマ|期間|対象)"
    r"(?:[ \u3000]{2,}|\u3000|(?<=記録作成) )(?=\S)"
)


_POINTS_RE = re.compile(
    # 重点 before a verb is "mainly" (重點推廣物流: mainly promote logistics), not the points.
    r"(?:takeaways?|\bpoints\b|highlights|what to watch|at a glance|in brief|key facts|要点|ポイント|要點"
    r"|重[点點](?=$|[:：\s】」』)）\]]|如下|是|有|一[览覽]|整理)"
    r"|(?:[一二三四五六七八九十两兩几幾\d]+|以下)[点點](?=[:：]))",  # 主要有三點： (three points, then a colon)
    re.IGNORECASE,
)


def names_points(text: str) -> bool:
    """Whether a heading (or a line ending with a colon) announces the article's points."""
    return len(text) <= 120 and bool(_POINTS_RE.search(text))


#: Headings whose lists are never takeaways: references, attendees, participants.
_NO_POINTS_RE = re.compile(
    r"(?:参考|出席者|参加者|参会|与会|出席名单|出席名單|participants|attendees|delegation|references?|related)",
    re.IGNORECASE,
)
#: A sentence that announces takeaways to follow: Here are the key takeaways:, 要点如下：, ポイントは次の通り。
_ANNOUNCES_RE = re.compile(
    r"(?:takeaways?|key points|highlights|what to know|要点|要點|ポイント|重点|重點)"
    r".{0,40}(?:[:：]|follow|below|如下|以下|次の(?:通り|とおり))"
    r"|(?:here are|the following are|below are)\b.{0,30}\b(?:takeaways?|key points|highlights|main points)\b",
    re.IGNORECASE,
)


def names_no_points(text: str) -> bool:
    """A heading over a list of references or attendees: its items are never takeaways."""
    return len(text) <= 120 and bool(_NO_POINTS_RE.search(text))


def announces_points(text: str) -> bool:
    """A sentence that says the takeaways follow (then headings may be them)."""
    return len(text) <= 200 and bool(_ANNOUNCES_RE.search(text))


#: A URL the book links: http(s) only, ASCII URL characters, never a quote, < > ` or \.
URL_RE = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+")
