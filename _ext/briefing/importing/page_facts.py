"""What a saved page says of its article beyond trafilatura's reading of it (pure).

trafilatura gives a title, a site name and a date; pages give them in ways it
does not settle, and these rules settle them from the page's own markup:

- **the headline** is the page's one ``<h1>`` when it is the title's own text (the
  ``<title>`` carries the site and section: ``X | 政治 | 中央社 CNA``, ``X：時事ドットコム``);
- **the site's name** as the page writes it: ``og:site_name``, the ``SiteName`` ``<meta>`` of
  Chinese government sites, else what the ``<title>`` adds to the headline (``…-新华网``,
  ``外務省: …``), else the host;
- **the date a reader sees**: where the page's timestamp is in UTC, a day may separate it
  from the date the page prints under its headline (``2025-02-28T16:45Z`` is printed
  ``Mar 01`` in Singapore), and the printed one is the article's; where htmldate finds
  none, the printed one (``令和7年3月4日``, which it does not read).
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import zip_longest
from typing import Any

from briefing.articles.dates import read_date

#: Separators between a headline and the site or section names a ``<title>`` adds.
_TITLE_PARTS = re.compile(r"\s+[|｜\-–—_]\s+|\s*[|｜]\s*|_|--+|(?<=\S)-(?=[^\s-]{2,40}$)|\s*[:：]\s+|：")
_SEPARATORS = " |｜-–—_:："
_ISO_DATE = re.compile(r"\d{4}[-/]\d\d[-/]\d\d")
#: A machine timestamp in UTC (``Z``, ``+00:00``).
_UTC_STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]00:?00)\b")
#: What a date stamp holds besides its date: removing these from one leaves nothing.
_STAMP_WORDS = re.compile(
    r"(?i)\b(?:updated?|published|posted|last|modified|on|at|am|pm|gmt|utc|[ecmp][sd]t|jst|sgt|hkt|cst)\b"
    r"|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|[月日年時分秒]|更新|公開|配信|発表|掲載|发布|發布|时间|時間|日期|来源"
    r"|令和|平成|昭和|[^\w]|\d|_"
)
#: How far below the headline the printed date is looked for (elements, in document order).
_DATE_REACH = 60
#: How far above it (elements, nearest first), for a date printed over the headline.
_ABOVE_REACH = 8
SKIPPED = {"script", "style", "noscript", "template", "nav", "footer", "aside", "form", "button", "select"}
#: What is never inside an article (a form may be: ASP.NET pages hold the whole page in one).
OUTSIDE = SKIPPED - {"form"}


def text_of(elem: Any) -> str:
    """An element's text, its whitespace folded."""
    return " ".join("".join(elem.itertext()).split())


def headline(tree: Any, title: str) -> Any | None:
    """The page's heading that is its title (its text begins the title, or the title begins it):
    an ``<h1>``, else an ``<h2>`` or ``<h3>`` (a page whose ``<h1>`` is its logo)."""
    folded = " ".join(title.split())
    if not folded:
        return None
    for level in ("h1", "h2", "h3"):
        for h in tree.iter(level):
            text = text_of(h)
            if text and (folded.startswith(text) or text.startswith(_first_part(folded)) or text in folded):
                return h
    return None


def _first_part(title: str) -> str:
    return _TITLE_PARTS.split(title, maxsplit=1)[0].strip() or title


def site_name(tree: Any, heading: str, host: str | None) -> str | None:
    """The site's name as the page writes it (see the module's note), or the host."""
    metas = {
        (m.get("property") or m.get("name") or "").lower(): (m.get("content") or "").strip() for m in tree.iter("meta")
    }
    for key in ("og:site_name", "sitename", "application-name"):
        if metas.get(key):
            return " ".join(metas[key].split())
    page_title = next((text_of(t) for t in tree.iter("title")), "")
    if heading and heading in page_title:
        before, _, after = page_title.partition(heading)
        before, after = before.rstrip(_SEPARATORS), after.lstrip(_SEPARATORS)
        names = [p.strip() for p in _TITLE_PARTS.split(after) if p.strip() and read_date(p) is None]
        if names:
            return names[-1]
        names = [p.strip() for p in _TITLE_PARTS.split(before) if p.strip() and read_date(p) is None]
        if names:
            return names[0]
    return host


def is_stamp(text: str) -> bool:
    """A line that is only a date and time (with words like Updated or 更新): the page's stamp."""
    return len(text) <= 60 and read_date(text) is not None and not _STAMP_WORDS.sub("", text)


def title_parts(tree: Any, heading: str) -> set[str]:
    """What the page's ``<title>`` adds to the headline: the site's and the section's names."""
    page_title = next((text_of(t) for t in tree.iter("title")), "")
    rest = page_title.replace(heading, "|") if heading else page_title
    return {part.strip() for part in _TITLE_PARTS.split(rest) if part.strip()}


def printed_date(tree: Any, head: Any | None) -> dt.date | None:
    """The whole date printed nearest the headline (below it, or just above: a date line over the
    headline; from the page's top without one). Never a link's text: that is another article's."""
    order = list(tree.iter())
    at = order.index(head) if head is not None else -1
    below = order[at + 1 : at + 1 + _DATE_REACH]
    above = order[max(0, at - _ABOVE_REACH) : at][::-1] if head is not None else []
    nearest = [e for pair in zip_longest(below, above) for e in pair if e is not None]
    for elem in nearest:
        if not isinstance(elem.tag, str) or elem.tag in SKIPPED or elem.tag == "a":
            continue
        if any(a.tag in OUTSIDE or a.tag == "a" for a in elem.iterancestors()):
            continue
        own = " ".join((elem.text or "").split())
        if not own or len(own) > 80:
            continue
        read = read_date(own)
        if read is not None and read.year is not None and (date := read.date()) is not None:
            return date
    return None


def _declared_dates(tree: Any) -> set[str]:
    """The ISO dates (YYYY-MM-DD) the page declares as data: in ``<meta>``, ``<time datetime>``, JSON-LD."""
    values = [m.get("content") or "" for m in tree.iter("meta")]
    values += [t.get("datetime") or "" for t in tree.iter("time")]
    values += [s.text or "" for s in tree.iter("script") if (s.get("type") or "").endswith("ld+json")]
    found: set[str] = set()
    for value in values:
        found.update(m.group().replace("/", "-") for m in _ISO_DATE.finditer(value))
    return found


def page_date(found: dt.date | None, tree: Any, head: Any | None, html: str) -> dt.date | None:
    """The article's date: htmldate's when the page declares it as data; else the one printed under
    the headline (a related link's address or a copyright line is no date of the article's); the
    printed one too where it is a day from a UTC timestamp."""
    printed = printed_date(tree, head)
    if found is None:
        return printed
    if printed is not None and printed != found and found.isoformat() not in _declared_dates(tree):
        return printed
    if printed is not None and printed != found and abs((printed - found).days) <= 1:
        stamps = {m.group()[:10] for m in _UTC_STAMP.finditer(html)}
        if found.isoformat() in stamps:
            return printed
    return found
