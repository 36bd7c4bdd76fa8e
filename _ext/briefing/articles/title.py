"""Where a pasted page's article title stands (pure): the first line, unless it is the page's own
(a menu, a crumb, a label, a site's name, a date); then the first headline-like line that a date,
a byline or prose follows, looking past the page's lines.
"""

from __future__ import annotations

import re

from briefing.articles import captions, cues, page_cues, sentences, speakers
from briefing.articles.dates import is_date_and_place, is_date_only, read_date
from briefing.articles.role import Role

#: How far down a page the article's title may stand (under menus, crumbs, labels).
TITLE_REACH = 10


def _stamp(text: str) -> bool:
    """A line that stamps an article under its title: a date, a time, a byline."""
    if len(text) > 160:
        return False
    date_line = is_date_only(text) or cues.meta_label(text) or cues.is_byline(text) or is_date_and_place(text)
    return date_line or page_cues.is_dated_stamp(text) or page_cues.is_update_line(text)


def _page_own(text: str) -> bool:
    """A line of the page's own above the article: furniture, a label, a menu, the outlet's name,
    a caption, a word or two (快訊, Contact)."""
    if page_cues.is_timed_headline(text):  # a headline with its time: the title, or another article's
        return False
    return cues.width(text) < 10 or _known_page_line(text)


def _menu_bullet(text: str) -> bool:
    """• An Giang, • 时政: a short bulleted line, as a site's menu prints its entries."""
    return bool(cues.BULLET_RE.match(text)) and cues.width(text) <= 24 and not cues.ends_like_sentence(text)


def _known_page_line(text: str) -> bool:
    """A line the census's cues say is the page's: furniture, a label, a menu, an outlet, a caption."""
    return (
        page_cues.is_furniture(text)
        or page_cues.is_label(text)
        or page_cues.is_menu(text)
        or page_cues.is_outlet(text)
        or captions.is_caption(text)
    )


def _opens_article(text: str) -> bool:
    """What follows a title: a date, a byline, or the lead's prose."""
    if _stamp(text) or (cues.BULLET_RE.match(text) and cues.width(text) >= 40):  # a summary under the title
        return True
    # A sentence, or sentences with the page's date and name after them (…を示した。 2025年1月29日, Sputnik 日本).
    return cues.width(text) >= 40 and (
        cues.ends_like_sentence(text) or (cues.width(text) >= 80 and sentences.sentence_ends(text) >= 1)
    )


def title_at(roles: list[Role]) -> int:
    """The title. The first line, unless it is the page's own (a button, a crumb, a label, a
    date): then the first headline-like line that a date, a byline or prose follows, looking
    past the page's lines (other articles' titles are followed by more titles)."""
    first = roles[0].text
    if len(roles) < 2:
        return 0
    repeated = _title_again(roles)
    if repeated is not None:  # a browser's title (… | Inquirer, News / World / …) over the page's own
        return repeated
    dated = is_date_only(first) or cues.meta_label(first) or cues.is_byline(first)
    dated = dated or (_stamp(first) and page_cues.has_weekday_or_bar(first))
    # 外務大臣会見記録（平成14年11月12日(火)10:05～　於：…）: a title with its stamp in brackets after it.
    bracket = _TRAILING_BRACKETS_RE.search(first)
    if bracket and read_date(bracket.group()) and not read_date(first[: bracket.start()]):
        dated = dated and cues.width(first[: bracket.start()]) < 12
    named = _DATE_START_RE.search(first)  # 内閣官房長官記者会見　令和7年6月3日（火）午前: a name, then its date
    name = first[: named.start()].strip(" \u3000") if named else ""
    leading = _LEADING_DATE_RE.match(first)  # 令和7年12月9日 知事記者会見: its date, then its name
    if not name and leading and not cues.ends_like_sentence(first):
        name = first[leading.end() :].strip(" \u3000")
    own_name = not any(ch in name for ch in "|｜/") and not _known_page_line(name) and not cues.meta_label(first)
    if dated and name and not read_date(name) and own_name:
        dated = cues.width(name) < 12
    nav = (cues.width(first) < 10 or _menu_bullet(first)) and not any(
        cues.ends_like_sentence(r.text) or _stamp(r.text) for r in roles[1:3]
    )  # 快訊, 我的頻道 over other articles' titles, not 題 over its lead
    if not (nav or _known_page_line(first) or dated or _masthead(roles)):
        return _under_a_label(roles)
    top = roles[: TITLE_REACH + 1]
    candidates = [
        i
        for i, r in enumerate(top)
        if not (
            _page_own(r.text)
            or _stamp(r.text)
            or cues.qa_turn(r.text)
            or speakers.bracket_label(r.text)
            or _menu_bullet(r.text)
            or (i > 0 and captions.is_caption(r.text))  # a photo's caption under the title
        )
        and len(r.text) <= 200
    ]
    narrow: int | None = None  # a section's or a program's name (新聞與活動, CNN Newsroom), if nothing wider
    for i in candidates:
        title = roles[i].text
        following = next(
            (r.text for r in roles[i + 1 :] if (not _page_own(r.text) or _stamp(r.text)) and r.text != title), None
        )
        if following is None or _opens_article(following) or _deck_under(roles, i, following):
            if _teaser(roles, i) or i + 1 >= len(roles):
                continue
            if cues.width(title) <= NARROW_TITLE and narrow is None:
                narrow = i
                continue
            return i
    if narrow is not None:
        return narrow
    return candidates[0] if candidates and candidates[0] + 1 < len(roles) else 0


#: How wide a line may be and still be taken for a section's name rather than a headline when a
#: wider line further down also heads the article.
NARROW_TITLE = 12


#: How wide a site's name over its page may be (商業電台 881903, 岐阜新聞Web, 大紀元 エポックタイムズ).
MASTHEAD_WIDTH = 24


def _masthead(roles: list[Role]) -> bool:
    """A short first line, no sentence, with neither a date nor prose under it: a site's name
    over its menus (the title is further down, the line a date or the lead follows)."""
    first = roles[0].text
    if cues.width(first) > MASTHEAD_WIDTH or cues.ends_like_sentence(first):
        return False
    if _stamp(roles[1].text) or _opens_article(roles[1].text):
        return False
    for k in range(1, min(len(roles) - 1, TITLE_REACH + 1)):  # a wider headline with its date under it
        text = roles[k].text
        if _page_own(text) or _stamp(text) or cues.width(text) <= cues.width(first):
            continue
        under = next((r.text for r in roles[k + 1 : k + 4] if not _page_own(r.text) or _stamp(r.text)), "")
        if _stamp(under):
            return True
    return False


def _deck_under(roles: list[Role], i: int, following: str) -> bool:
    """A shorter headline-like line (a deck) under the title, and the article's date under both
    (APEC首脳会議、自由貿易で結束演出も / 首脳宣言、…弱める / APEC / 2025/11/2 6:50)."""
    title = roles[i].text
    if cues.ends_like_sentence(following) or cues.width(following) > cues.width(title):
        return False
    at = next((k for k in range(i + 1, len(roles)) if roles[k].text == following), None)
    after = next((r.text for r in roles[(at or i) + 1 :] if not _page_own(r.text) or _stamp(r.text)), None)
    return at is not None and after is not None and _stamp(after)


def _teaser(roles: list[Role], i: int) -> bool:
    """A headline and its date in a list of others (要闻 / title / date / 要闻 / title / date): the
    line after its date is the same label as the line above it."""
    if i < 1 or i + 3 >= len(roles) or not _stamp(roles[i + 1].text):
        return False
    return roles[i + 2].text.strip() == roles[i - 1].text.strip() and _page_own(roles[i - 1].text)


#: A date opening a line, in Japanese or Chinese (令和7年12月9日, 2025年12月9日).
_LEADING_DATE_RE = re.compile(
    r"^(?:令和|平成|昭和)?[0-9０-９元]{1,4}年[0-9０-９]{1,2}月[0-9０-９]{1,2}日(?:[（(][^）)]{1,3}[)）])?"
)
#: Where a date starts in a line: an era's name or a digit.
_DATE_START_RE = re.compile(r"令和|平成|昭和|[0-9０-９]")
_TRAILING_BRACKETS_RE = re.compile(r"[（(《][^（()）《》]*[)）》]$")


def _title_again(roles: list[Role]) -> int | None:
    """Where the first line holds a later one whole and more (the page's title in the browser,
    ``X | Outlet``, or a crumb ending in it), that later line: the article's title."""
    first = " ".join(roles[0].text.split())
    for k, r in enumerate(roles[1 : TITLE_REACH + 1], start=1):
        text = " ".join(r.text.split())
        if len(text) >= 10 and text != first and text in first and k + 1 < len(roles) and not _stamp(text):
            return k
    return None


def _under_a_label(roles: list[Role]) -> int:
    """0, unless the first line is a short label over the title: a line no wider than 30 columns
    that no date or prose follows, over a longer one that they do follow."""
    first, second = roles[0].text, roles[1].text
    if cues.width(first) > 30 or cues.ends_like_sentence(first) or _stamp(second) or len(roles) < 3:
        return 0
    shorter = cues.width(second) <= cues.width(first) and not (
        _stamp(roles[2].text) and cues.width(second) * 5 >= cues.width(first) * 3
    )  # ベトナム社会主義共和国 over 日・ベトナム首脳会談 over its date: a country's page label over the title
    if shorter or cues.ends_like_sentence(second) or cues.width(second) > 150 or captions.is_caption(second):
        return 0  # a photo's caption under the title is not the title
    if _opens_article(roles[2].text) and not _opens_article(second):
        return 1
    return 0
