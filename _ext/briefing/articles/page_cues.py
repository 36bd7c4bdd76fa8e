"""What a web page puts around an article, and the speakers of a transcript (pure, one line at a time).

Analysts paste whole pages: share buttons, "related" lists, breadcrumbs, section labels,
tag lines, app promotions and copyright lines come with the article; ministries'
press conferences come as turns opened by a speaker's label.  The patterns here were
learnt from real pages of the outlets in ``tests/fixtures/census.md``; like
:mod:`briefing.articles.cues` they are anchored and free of nested repetition, so
any line is read in linear time.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from briefing.articles.cues import ends_like_sentence, has_clock, width
from briefing.articles.dates import read_date

# --------------------------------------------------------------------------- the census's lists

_DATA = yaml.safe_load((Path(__file__).with_name("page_cues.yaml")).read_text("utf-8"))


def census_words(key: str) -> frozenset[str]:
    """One list of page_cues.yaml (all its languages), case-folded."""
    value = _DATA[key]
    items = [w for ws in value.values() for w in ws] if isinstance(value, dict) else value
    return frozenset(str(w).casefold() for w in items)


_FURNITURE_LINES = census_words("furniture")
_RELATED = census_words("related")
_BUTTON_WORDS = census_words("buttons")
_LABELS = census_words("labels")
OUTLETS = census_words("outlets")
PUBLISHERS = census_words("publishers")

# --------------------------------------------------------------------------- page furniture

#: Furniture that starts a line.
_FURNITURE_START_RE = re.compile(
    r"^(?:sign up (?:for|to)|subscribe (?:to|for|now)|follow us|download (?:the|our)|get the (?:app|latest)"
    r"|read more ?[:：]|also read ?[:：]|related(?: news| stories| articles?| content| coverage| reading)? ?[:：]"
    r"|see also ?[:：]|more on ?[:：]|watch ?[:：]|listen ?[:：]"
    r"|copyright\b|[©ⓒ]|\(c\) ?\d{4}|all rights reserved|this article (?:was|is) (?:first )?(?:published|originally)"
    r"|click (?:here|to)|tap (?:here|to)|we use cookies|by (?:clicking|continuing|using this)"
    r"|[0-9]+ min(?:ute)?s? read$|reading time|version imprimable|\[お知らせ\]|【お知らせ】|to view this video"
    r"|已複製連結|已复制链接|链接已复制|連結已複製|a \.gov address means|a lock \(|a lock or https|listen · \d"
    r"|get .{2,40} in your inbox|log in to|sign in to|subscribe to our|skip to (?:main )?(?:content|navigation)"
    r"|sort by$|[0-9]+ posts$|ページの先頭です|現在地|現在位置|powered by|听文章|聽文章"
    r"|このページは、共通のメニュー|サイト共通のメニューへ|このページの情報へ|ここからこのページの情報です|ここから本文です"
    r"|パンくずリスト|.{1,10}ホームページ$"
    r"|press play to listen|voiced by artificial intelligence|listen to this article"
    r"|.{0,6}【?全文を読む】?$|記事の全文をご覧になるには|【 ?第\d+頁|link to the video:|声明：本文观点|聲明：本文觀點"
    r"|transcripts on this site are produced|return to .{2,30} page$"
    r"|跳到主要內容|跳到主要内容|跳至主要內容|簡體版|简体版|録画配信"
    r"|.{0,60}(?:[（(](?:PDF|Word|Excel)[:：]? ?[0-9.]+ ?[KkMm]B[)）]|<外部リンク>)[ \u3000]*$"
    r"|(?:主页|首页|主頁|首頁)(?:[ \u3000>＞]|english|[a-z]*$)|[\u4e00-\u9fff] [\u4e00-\u9fff]$"
    r"|版权所有|版權所有|本网站|本網站|未经授权|未經授權|下载.{0,8}客户端|下載.{0,8}(?:客戶端|app)|扫码|掃碼|關注|关注我们|關注我們"
    r"|点击|點擊|欢迎订阅|歡迎訂閱|订阅|訂閱|相关新闻|相關新聞|延伸閱讀|延伸阅读|更多新闻|更多新聞|往下看|字号|字體|字体"
    r"|【(?:字号|字體|字体|打印|关闭|關閉|纠错|糾錯)"
    r"|無断転載|無断複製|著作権|この記事を(?:シェア|共有|印刷)|関連(?:記事|ニュース|リンク)[：:]|おすすめ記事"
    r"|有料会員|会員限定|続きは|アプリで|動画[：:]|【動画】$|現在位置|版權聲明|版权声明|請先同意|请先同意|本文章?(?:禁止|不得)"
    r"|looking for news|.{0,30} is also available on|ios app|android app|.{0,12}一手新聞app|.{0,12}app下[載载]"
    r"|(?:facebook|x|twitter|instagram|youtube|tiktok|telegram|weibo|line|threads)[ \u3000]*[:：][ \u3000]*@"
    r"|この記事は(?:有料|会員)|残り[0-9,]+文字|無料会員|いますぐ購読|初月無料|.{0,20}でログイン$|メインメニューをとばして"
    r"|本サイトに掲載の|記事・写真の無断|この記事のコメント|訪問主要內容|访问主要内容|無障礙|无障碍|our standards:"
    r"|.{0,80}\bcookies?\b|why you can trust|sign up here|please wait|no media source|加載中|加载中|loading\.\.\."
    r"|suggest to a friend|.{1,30}記事一覧$|.{0,20}を読む$|.{0,12}コメント[0-9,]+件|[0-9,]+件のコメント"
    r"|pick up$|recommend$"
    r"|updates to this page|share this page|explore the topic|分享到|.{0,20}著作権法|.{0,40}needs your support"
    r"|写真拡大|share this article|about the author|get latest .{0,60} news|featured stories|your subscription"
    r"|by providing an email|leave a reply|your email address|[\[［]full ?story[\]］]|image beacon|この記事を読んで"
    r"|热门新闻|熱門新聞|阅读全文|閱讀全文|示意图|示意圖|字[級级号號][:：]|【字[號号][:：]|.{0,20}天氣圖標|.{0,30}°C"
    r"|[\[［]?有料会員|.{0,40}(?:订阅|訂閱)|.{0,20}残り[0-9,]+文字|[↓↑→]"
    r"|.{0,40}(?:瀏覽器|浏览器|ブラウザ|your browser)|このエントリーを"
    r"|official (?:web ?site|internet resources?) of |sorry, this feature is unavailable|webcast of the "
    r"|like this ?[:：]?$|like loading|.{0,60}初月無料|この記事の続きは|.{0,20}をもっと見る$"
    r"|(?:メイン|本文|メインコンテンツ)へスキップ"
    r"|[一二三四五六日](?: [一二三四五六日]){6}$|[«‹] ?[0-9]{1,2} ?月"  # a calendar's weekdays, its month
    r"|directory of sites|.{0,20}\blogo$|立即下載|立即下载|用app看|點我下載|点我下载|【スタッフ募集】)",
    re.IGNORECASE,
)
#: A breadcrumb: short pieces joined by > › » \\ or a spaced / (首页 > 国际 > 正文, Home / World / Asia).
_CRUMB_RE = re.compile(r"^[^>›»＞\\/]{1,20}(?:(?:\s*[>›»＞]{1,2}\s*|\\| / )[^>›»＞\\/]{1,40}){1,6}$")


def _folded(text: str) -> str:
    return text.strip().strip(" \u3000:：.。!！>»›→|｜").casefold()


#: A player's clock (0:00 / 0:00), a time ago (5小時前, 3 hours ago), a lone URL, a "back to …" link.
_FURNITURE_SHAPE_RE = re.compile(
    r"^(?:[0-9:]{4,8}(?:\s*/?\s*[0-9:]{4,8}){1,2}"
    r"|[0-9]{1,3}\s*(?:分鐘|分钟|小時|小时|天|分|時間|日)前"
    r"|[0-9]{1,3} (?:minutes?|mins?|hours?|hrs?|days?) ago"
    r"|https?://\S+"
    r"|.{1,20}へ戻る"
    r"|[|｜•·]"
    r"|[0-9]{1,3} ?min(?:ute)?s?(?: read)?"  # 5 min: a reading time
    r"|[0-9]+ ?\( ?\+[0-9]+ ?/ ?-[0-9]+ ?\)"  # 0 ( +3 / -3 ): a comment's votes
    r"|[0-9]{5,40}"  # 3456789: a calendar's days run together (a year alone may be text)
    r"|[^/\s][^/]{0,28}[ \u3000]+/"  # Transcripts /: one piece of a breadcrumb
    r")$",
    re.IGNORECASE,
)
#: A kicker in angle brackets before a headline: <APEC慶州首脳会議>韓日首脳会談… (not a crumb).
_KICKER_RE = re.compile(r"^[<＜〈][^>＞〉]{1,30}[>＞〉]")
#: A headline in a list of other articles, with the time it was posted: 港股半日升逾百點 (12:10).
_TIMED_HEADLINE_RE = re.compile(r"^[^。．.!?！？]{4,60}[ \u3000]*[（(][0-9]{1,2}:[0-9]{2}[)）]$")


def is_timed_headline(text: str) -> bool:
    return bool(_TIMED_HEADLINE_RE.match(text.strip()))


def _scripts(text: str) -> int:
    """How many writing systems a line mixes (a language switcher: عربي Español Русский 简体中文)."""
    found = set()
    for ch in text:
        if ch.isalpha():
            name = "latin" if ch.isascii() else ("cjk" if "\u3000" <= ch <= "\u9fff" else "other" + str(ord(ch) >> 8))
            found.add(name)
    return len(found)


def is_furniture(text: str) -> bool:
    """What the page put around the article: buttons, related lists' headings, crumbs, copyright."""
    if len(text) > 200:
        return False
    folded = _folded(text)
    stripped = text.strip()
    if folded in _FURNITURE_LINES or _FURNITURE_START_RE.match(stripped) or _FURNITURE_SHAPE_RE.match(stripped):
        return True
    if _TIMED_HEADLINE_RE.match(stripped) or (len(stripped) <= 60 and _scripts(stripped) >= 3):
        return True
    if (
        _CRUMB_RE.match(text)
        and not _KICKER_RE.match(text)
        and not read_date(text)
        and (any(ch in text for ch in ">›»＞\\") or text.count(" / ") >= 2)
    ):
        return True
    words = [w for w in re.split(r"[\s|｜/·・\-–—]+", folded) if w]
    return len(words) >= 2 and all(w in _BUTTON_WORDS for w in words)


def is_button(text: str) -> bool:
    """One of a share row's words standing alone (whatsapp, telegram, google-news)."""
    folded = _folded(text)
    return folded in _BUTTON_WORDS or folded.replace("-", " ") in _BUTTON_WORDS or folded in _SHARE_WORDS


#: Share buttons by their services' names, as pages print them one per line.
_SHARE_WORDS = frozenset({"google-news", "google news", "whatsapp", "telegram", "line", "viber", "kakaotalk", "wechat"})


def opens_related_list(text: str) -> bool:
    """A furniture line after which the page lists other articles' titles (Related:, 相关新闻, 関連記事)."""
    folded = _folded(text)
    return folded in _RELATED or any(folded.startswith(word) for word in _RELATED if len(word) > 3)


#: A menu: four or more short words of CJK script (即時 熱門 政治 國際 財經), or short words split by | .
_MENU_RE = re.compile(
    r"^[\u3000-\u9fff]{1,4}(?:[ \u3000]+[\u3000-\u9fff]{1,4}){3,}$"
    r"|^[\u3001-\u9fff]{1,6}(?:\u3000+[\u3001-\u9fff]{1,6}){2,}\u3000*$"  # ホーム　ニュース　オピニオン
)
_BAR_MENU_RE = re.compile(r"^[^|｜。.!?]{1,20}(?:[ \u3000]*[|｜][ \u3000]*[^|｜。.!?]{1,20}){2,}[|｜]?$")


def is_menu(text: str) -> bool:
    """A site's menu pasted as one line."""
    stripped = text.strip()
    return len(stripped) <= 120 and bool(_MENU_RE.match(stripped) or _BAR_MENU_RE.match(stripped))


_OUTLET_SUFFIX_RE = re.compile(
    r"^[^\s。，,.：:|｜]{1,8}(?:電子報|电子报|新聞網|新闻网|網|网|傳媒|传媒|日報|日报|新聞|新闻|時報|时报|青年报|青年報"
    r"|オンライン|デジタル)$"
)


#: A byline that opens with its outlet: 聯合報／ 記者…／…報導, 中央社／ 布魯塞爾5日專電
_BYLINE_OUTLET_RE = re.compile(r"^(?P<outlet>[\u4e00-\u9fff]{2,8}?[報报社網网台])[ \u3000]*[／/]")


def byline_outlet(text: str) -> str | None:
    m = _BYLINE_OUTLET_RE.match(text.strip())
    return m.group("outlet") if m else None


def outlet_in(text: str) -> str | None:
    """An outlet's name standing among a date line's pieces (Xinhua | Updated: …, 2025-04-06 13:17  CRI)."""
    for piece in re.split(r"[|｜]|\s{2,}|\u3000", text):
        piece = piece.strip()
        if piece and _folded(piece) in OUTLETS:
            return piece
    return None


def is_outlet(text: str) -> bool:
    """A line that is only an outlet's name (香港電台, 自由電子報, ABS-CBN News)."""
    folded = _folded(text)
    return folded in OUTLETS or folded in PUBLISHERS or bool(_OUTLET_SUFFIX_RE.match(text.strip()))


def is_publisher(text: str) -> bool:
    """A line that is only the name of an outlet that publishes its own pages (ABS-CBN News, BBC News)."""
    return _folded(text) in PUBLISHERS


# --------------------------------------------------------------------------- section labels and tags

#: Categories joined by slashes (法國/中國/外交), or one hashtag (#World News).
_SLASH_LABEL_RE = re.compile(r"^(?:[^/\s。，]{1,8}/){1,4}[^/\s。，]{1,8}$|^[#＃][^#＃]{1,24}$")
_CAPS_LABEL_RE = re.compile(r"^[A-Z][A-Z&'.-]{1,15}(?: [A-Z][A-Z&'.-]{1,15}){0,2}$")


def is_label(text: str) -> bool:
    """A section label standing alone (国際, 兩岸, WORLD, Asia Pacific)."""
    folded = _folded(text)
    stripped = text.strip()
    return (
        folded in _LABELS
        or bool(_SLASH_LABEL_RE.match(stripped))
        or (bool(_CAPS_LABEL_RE.match(stripped)) and width(text) <= 24)
    )


_TAGS_RE = re.compile(
    r"^(?:tags?|topics?|keywords?|filed under|标签|標籤|標簽|关键词|關鍵詞|关键字|關鍵字|キーワード|タグ|主题|主題"
    r"|相關(?:文章|主題|標籤))[ \u3000]*[:：]",
    re.IGNORECASE,
)
_HASHTAGS_RE = re.compile(r"^(?:[#＃][^\s#＃]{1,30}[ \u3000]*){2,}$")


_TAGS_HEADINGS = census_words("tag_headings")


def opens_tags(text: str) -> bool:
    """A line that only announces tags under it (KEYWORDS, 关键词, 関連キーワード)."""
    return _folded(text) in _TAGS_HEADINGS


#: Tags after an article, joined by slashes: Bangladesh / China / Teesta River, In: Philippines / China
_SLASH_TAGS_RE = re.compile(r"^(?:In: )?[A-Z][\w'-]*(?: [\w'-]+){0,3}(?: / [A-Z][\w'-]*(?: [\w'-]+){0,3}){2,9}$")


def slash_tags(text: str) -> bool:
    return len(text) <= 200 and _SLASH_TAGS_RE.match(text.strip()) is not None


def is_tags(text: str) -> bool:
    """A tag line: ``Tags: …``, ``标签：…``, ``#外交 #中国``."""
    return len(text) <= 300 and bool(_TAGS_RE.match(text) or _HASHTAGS_RE.match(text.strip()))


# --------------------------------------------------------------------------- stamps

#: A weekday or a bar: what a page's date line has and a title with a date in it has not.
_WEEKDAY_OR_BAR_RE = re.compile(
    r"[|｜]|[（(][月火水木金土日](?:曜日?)?[)）]|\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|星期|週[一二三四五六日]"
)


def has_weekday_or_bar(text: str) -> bool:
    return _WEEKDAY_OR_BAR_RE.search(text) is not None


def whole_date(text: str) -> bool:
    """A short line, no sentence, that states a whole date (a year, a day that exists)."""
    if len(text) > 160 or ends_like_sentence(text):
        return False
    found = read_date(text)
    return found is not None and found.year is not None and found.date() is not None


def is_dated_stamp(text: str) -> bool:
    """A line that stamps an article with its date: a whole date and a clock time, or a short
    line with a whole date, a weekday or a bar and no prose (NHKニュース|国際 2025年7月10日 (木曜日))."""
    if not whole_date(text):
        return False
    short = len(text) <= 60 and not any(ch in text for ch in "、，,。") and has_weekday_or_bar(text)
    return has_clock(text) or short or _OUTLET_AND_DATE_RE.match(text.strip()) is not None


def is_update_line(text: str) -> bool:
    """A page's tools with its update date (印刷 … ページ番号:0741852 更新日:2025年12月4日更新): under
    the title, like a stamp; not the article's date."""
    return _UPDATED_RE.search(text) is not None and whole_date(text) and not any(ch in text for ch in "。，,")


#: A page's update or page-number label inside a line (更新日:2025年12月4日, Last updated …).
_UPDATED_RE = re.compile(r"更新日|最終更新|ページ番号|Last updated|Last modified", re.IGNORECASE)
#: An outlet's name (or its logo's text) and a date ending the line: AFPBB News のロゴAFPBB News 2026/03/22
_OUTLET_AND_DATE_RE = re.compile(
    r"^[A-Za-z][A-Za-z .&ー\u30a0-\u30ff\u3040-\u309f]{2,40}[0-9]{4}[/.-][0-9]{1,2}[/.-][0-9]{1,2}$"
)


#: A room or a live stream: where a briefing was held, written under its date.
_VENUE_RE = re.compile(
    r"\b(?:[A-Z][a-z]+ Room|Auditorium|FB LIVE|Facebook Live|live stream|livestream)\b"
    r"|会議室|会見室|記者会見室|記者室|会见厅|會見廳|新闻发布厅|新聞發布廳|发布厅|發布廳"
)


def names_a_venue(text: str) -> bool:
    """A room or a live stream: MFA Press Conference Room and MFA FB LIVE, 記者会見室."""
    return bool(_VENUE_RE.search(text))
