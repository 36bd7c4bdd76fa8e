"""Datelines and the outlets that open or close an article (pure, one line at a time).

``BEIJING, March 5 (Xinhua) --``, ``【北京共同】``, ``新华社北京11月18日电``, ``(中央社紐約18日綜合外電報導)``,
``MANILA —``, ``MOSCOW, January 29. /TASS/.``; an outlet opening a Chinese lead (``(星岛日报报道)``,
``香港文匯報訊``) or closing the last paragraph (``-- Bernama``, ``（共同）``). Anchored patterns
without nested repetition: linear on any line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_EN_DATELINE_RE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'/-]{1,30}(?: [A-Z][A-Z.'/-]{1,30}){0,3})(?:, [A-Z][A-Za-z.]{1,20}(?: [A-Z][a-z]+)?)?,"
    r" (?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?)"
    r"(?: \((?P<agency>[A-Za-z][A-Za-z .&-]{0,30})\))? ?(?:--|—|–|-)"
)
#: A wire's dateline without a date: MANILA, Philippines (AP) —, WOODSIDE, Calif. (AP) —
_EN_UNDATED_DATELINE_RE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'/-]{1,30}(?: [A-Z][A-Z.'/-]{1,30}){0,3})(?:, [A-Z][A-Za-z.]{1,20}(?: [A-Z][a-z]+)?)?"
    r" \((?P<agency>AP|Reuters|AFP|Xinhua|Bernama|Kyodo|Yonhap|Anadolu|TASS|UPI|dpa|EFE|[A-Z]{2,5})\) ?(?:--|—|–|-)"
)
#: An outlet opening the lead: (星岛日报报道), 香港文匯報訊, 【财新网】, 【环球时报-环球网报道 记者…】, (德國之聲中文網)
_ZH_OUTLET_OPENER_RE = re.compile(
    r"^(?:[（(](?P<a>[\u4e00-\u9fff]{2,12}?)(?:報道|报道|報導|讯|訊|消息)?[)）]"
    r"|(?P<b>[\u4e00-\u9fff]{2,10}?[報报網网社台])(?:訊|讯)"
    r"|【(?P<c>[\u4e00-\u9fff][\u4e00-\u9fff-]{1,15}?)(?:報道|报道|報導)?(?:[ \u3000][^】]{0,20})?】)"
)
#: An outlet closing the last paragraph: … -- BERNAMA, …。（共同）
_OUTLET_CLOSING_RE = re.compile(
    r"(?:\s[-—–]{1,2}\s*(?P<a>[A-Z][A-Za-z]{2,15})"
    r"|[（(](?P<b>共同|時事|新華社|ロイター|AFP|AP|Reuters|Bernama|中央社|新华社|法新社|路透社)(?:通信)?[)）]?)$"
)
_JA_DATELINE_RE = re.compile(
    r"^【(?:(?P<place>[^】\s]{0,12}?)(?P<agency>(?:AFP[＝=]|AP[＝=]|ロイター[＝=])?(?:共同|時事|ロイター|AFP|AP|新華社|聯合|EPA))"
    r"|(?P<agency2>新華社|共同|時事)(?P<place2>[^】\d\s]{1,12}?)(?P<date>[0-9]{1,2}月[0-9]{1,2}日)?)】"
)
#: A place in capitals and a dash or a colon, no agency: MANILA —, KUALA LUMPUR -, KUALA LUMPUR:
_PLACE_DATELINE_RE = re.compile(
    r"^(?!(?:FILE |AP |REUTERS )?(?:PHOTO|PICTURE|IMAGE|VIDEO|WATCH|READ|UPDATE|EDITOR'?S NOTE|CAPTION)\b)"
    r"(?P<place>[A-Z][A-Z.'/-]{2,30}(?: [A-Z][A-Z.'/-]{1,30}){0,3})(?:, [A-Z][a-z]+)?"
    r"(?: (?:—|--|–|-) |: |—)(?=[A-Z\"“])"
)
#: AFPBB's dateline: 【11月22日 AFP】
#: Reuters' Japanese dateline: [東京 14日 ロイター] –, [北京3日ロイター] -
_JA_REUTERS_RE = re.compile(
    r"^\[(?P<place>[^\]\s\d]{1,10})[ \u3000]?(?P<date>[0-9]{1,2}日)[ \u3000]?(?P<agency>ロイター|共同|時事)\]"
)
_AFPBB_DATELINE_RE = re.compile(r"^【(?P<date>[0-9]{1,2}月[0-9]{1,2}日) (?P<agency>AFP|AP|Reuters|時事)】")
#: TASS's dateline: MOSCOW, January 29. /TASS/.
_TASS_DATELINE_RE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'-]{1,30}), (?P<date>[A-Z][a-z]{2,8} \d{1,2})\. /(?P<agency>TASS)/\."
)
_ZH_DATELINE_RE = re.compile(
    r"^(?P<agency>新华社|新華社|中新社|中新网|人民网|央视网|香港新聞網|香港新闻网|中評社|中评社|中通社|本报|本報)(?P<place>[^\d\s，,。]{0,10}?)"
    r"(?P<date>\d{1,2}月\d{1,2}日)(?:电|電)(?:[（(][^（()）]{0,30}[)）])?"
)
_CNA_DATELINE_RE = re.compile(
    r"^[（(](?P<agency>中央社)(?:記者|记者)?[^（()）]{0,12}?(?P<place>台北|臺北|東京|华盛顿|華盛頓|北京|上海|香港|[^\d（()）]{2,4}?)"
    r"(?P<date>\d{1,2}日)(?:電|电|綜合外電報導|综合外电报道|專電|专电)[)）]"
)


#: How long a line that opens with a place and a colon must be to be a story under its dateline.
_COLON_DATELINE_MIN = 60


@dataclass(frozen=True)
class DatelineCue:
    text: str
    place: str
    agency: str
    date: str


def dateline(text: str) -> DatelineCue | None:
    """The dateline a paragraph opens with, if any."""
    for pattern in (
        _EN_DATELINE_RE,
        _EN_UNDATED_DATELINE_RE,
        _TASS_DATELINE_RE,
        _AFPBB_DATELINE_RE,
        _JA_REUTERS_RE,
        _PLACE_DATELINE_RE,
        _JA_DATELINE_RE,
        _ZH_DATELINE_RE,
        _CNA_DATELINE_RE,
    ):
        m = pattern.match(text)
        if m and pattern is _PLACE_DATELINE_RE and m.group(0).endswith(": ") and len(text) < _COLON_DATELINE_MIN:
            continue  # PUBLICATION TYPE: Analysis: a label and its value, not KUALA LUMPUR: and a story
        if m:
            groups = m.groupdict()
            return DatelineCue(
                m.group(0),
                (groups.get("place") or groups.get("place2") or "").strip(),
                (groups.get("agency") or groups.get("agency2") or "").strip(),
                (groups.get("date") or "").strip(),
            )
    return None


def outlet_closing(text: str) -> str | None:
    """The outlet the last paragraph ends with (``-- BERNAMA``, ``（共同）``)."""
    m = _OUTLET_CLOSING_RE.search(text[-40:])
    return (m.group("a") or m.group("b")) if m else None


def outlet_opener(text: str) -> str | None:
    """The outlet a Chinese lead opens with: (星岛日报报道), 香港文匯報訊, 【财新网】."""
    m = _ZH_OUTLET_OPENER_RE.match(text)
    if not m:
        return None
    return (m.group("a") or m.group("b") or m.group("c") or "").strip() or None
