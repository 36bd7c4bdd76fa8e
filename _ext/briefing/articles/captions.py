"""Photo captions and credits, one line at a time (pure): a caption's own words (＝1日、北京（共同）,
Photo: …, 图为…), a credit at its end ((Xinhua/Yan Yan), | PHOTO: PCO, — NAME/The Star), where
people stand ((左), (From left)), a credit alone (Name/AFP via Getty Images). Anchored patterns
without nested repetition: linear on any line.
"""

from __future__ import annotations

import re

from briefing.articles.cues import is_byline, width
from briefing.articles.datelines import dateline
from briefing.articles.sentences import sentence_ends

_CAPTION_RE = re.compile(
    r"(?:＝[^＝]{0,40}[（(](?:共同|時事|ロイター|AP|AFP|新華社|聯合)[)）]$)"
    r"|(?:＝[0-9０-９]{1,2}日[、，][^＝、。]{1,30}$)"
    r"|(?:^(?:Photo|Picture|Image|File photo|写真|图为|圖為|照片)[：:\s])"
    r"|(?:^[（(](?:Photo|Picture|写真)\b[^)）]{0,120}[)）]$)"
    r"|(?:[（(][^（()）]{0,30}(?:摄|攝)[)）]$)"
    r"|(?:^图为|^圖為)"
)


#: A photo's credit closing a line: （路透社）, (AP Photo/…), (Xinhua/Li Xin), ＝外務省提供, …撮影, 中新社記者 … 攝.
_CREDIT_END_RE = re.compile(
    r"(?:[（(〔\[［][^（()）〔〕\[\]［］]{0,80}?(?:photo|圖片|图片|照片|檔案照|档案照|資料照|资料照|写真|提供|撮影|攝|摄|/|／|pool"
    r"|社|reuters|afp|\bap\b|xinhua|getty|epa|kyodo|共同|時事|ロイター|新華社|通信|bloomberg|截圖|截图|screenshot|screengrab"
    r"|handout|courtesy)[^（()）〔〕\[\]［］]{0,40}[)）〕\]］]"
    r"|\(c\) ?[A-Za-z][^()]{1,60}"
    r"|＝[^＝]{0,60}(?:提供|撮影|代表撮影)|(?:撮影|攝|摄|攝影|摄影)|(?:提供)"
    r"|[图圖][：:／/][^。]{1,30}|(?:圖片|图片)來?来?源[：:][^。]{1,60}"
    r"|(?:^|[\s|｜.])(?:photo|photos|file photo|picture|image)(?: by| courtesy of)?[：:]? ?[A-Z][^.。|｜]{1,60}"
    r"|。[^。，,]{2,15}(?:圖片|图片|照片|攝|摄)"
    r"|\s[—–-]{1,2} ?[A-Z][A-Za-z.' -]{1,40}/[A-Z][A-Za-z .&]{1,30}|\s?==[A-Z][A-Za-z]{1,20})[*_]{0,2}$",
    re.IGNORECASE,
)
#: Where people stand in a photo: (left), （左）, （中央右）, ", left, ".
_POSITION_RE = re.compile(
    r"(?:[（(](?:左|右|中央|中|前列|後列|左から|右から|中央左|中央右|左二|右二)[^（()）]{0,8}[)）]"
    r"|, (?:left|right|center|centre|second (?:from )?(?:left|right)|front|back)[,)]"
    r"|\((?:left|right|center|centre|L|R|C)\))"
)
_CAPTION_START_RE = re.compile(
    r"^(?:(?:credit|caption|photo credit|file photo)\b|(?-i:Credit[A-ZÀ-Ý])|image copyright|image caption"
    r"|資料照片|资料图片|資料圖片|\[写真\]|［写真］|(?:以上)?(?:图源|圖源)[：:]"
    r"|(?:[A-Z][a-z]+ )?photo ?/ ?[A-Z]"
    r"|\((?:from )?(?:left|right)(?: to right| to left)?\)|an? (?:file )?(?:photo|picture|image) of\b"
    r"|[A-Z]{2,12}(?: [A-Z]{2,12})? (?:photos?|PHOTOS?)$"
    r"|©[^/]{1,40}/[A-Za-z ]{2,30}$|(?:AFP|AP|Reuters|EPA|Xinhua|Bloomberg|Getty Images) / [A-Z][\w. ]{2,40}"
    r"|[A-Z][\w.' -]{1,40}/(?:AFP|AP|Reuters|EPA|Getty Images|Bloomberg|Xinhua|Kyodo|Pool|NurPhoto|Anadolu|Yonhap|AAP)"
    r"(?: via [A-Z][\w ]{1,30})?$"
    r"|.{0,200}(?:^|[。.] ?)(?-i:[A-Z][\w'’-]{0,30}(?: [A-Z][\w'’-]{0,30}){1,3} for The [A-Z][\w ]{2,30})$)",
    re.IGNORECASE,
)


def is_caption(text: str) -> bool:
    """A photo's caption or credit: a caption's own words, a credit at its end, where people stand."""
    if len(text) > 300:
        return False
    if _CAPTION_RE.search(text) or _CAPTION_START_RE.match(text):
        return True
    if dateline(text) is not None or is_byline(text):
        return False
    closed = _OUTLET_CLOSES_PROSE_RE.search(text)
    if closed and (sentence_ends(text) >= 2 or width(text[: closed.end() - len(closed.group())]) > 100):
        return False  # …狙いがある。（共同）: a paragraph the outlet closes, not a photo's credit
    return sentence_ends(text) <= 2 and bool(_CREDIT_END_RE.search(text) or _POSITION_RE.search(text))


#: A Japanese or Chinese paragraph closed by its outlet after its full stop: …。（共同通信）, …。(c)AFP
_OUTLET_CLOSES_PROSE_RE = re.compile(r"。\s*(?:[（(][^（()）]{1,12}[)）]|\(c\) ?[A-Za-z]{2,20})$")
