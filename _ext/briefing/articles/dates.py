"""Dates as articles write them: ISO, 2025年3月22日, 令和7年3月22日, March 5, 2025, 11月18日 (pure).

A date is read from a line that states the article's date (a timestamp, a
dateline, a press release's date line), never from the prose, which names many
dates.  A month and day without a year take the year of another such line, if
the article has one; else they are no date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from briefing.articles.remember import per_line

#: Each Japanese era's first year (元年 = 1), first and last day: an era date outside them
#: (令和0年, 昭和99年, 平成31年5月1日) is no date.
ERAS = {
    "令和": (2019, dt.date(2019, 5, 1), dt.date.max),
    "平成": (1989, dt.date(1989, 1, 8), dt.date(2019, 4, 30)),
    "昭和": (1926, dt.date(1926, 12, 25), dt.date(1989, 1, 7)),
}
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}

_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_ISO_RE = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
#: An American time zone beside a date: the date is month first (03/05/2026 is March 5).
_US_ZONE_RE = re.compile(r"\b(?:EST|EDT|ET|CST|CDT|PST|PDT|MST|MDT)\b")
#: A date written as eight digits and nothing else (20251105).
_COMPACT_RE = re.compile(r"^\s*(20[0-9]{2})([01][0-9])([0-3][0-9])\s*$")
_DMY_RE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")
_JA_RE = re.compile(r"(?:(令和|平成|昭和)(\d{1,2}|元)|(?<!\d)(\d{4}))年(\d{1,2})月(\d{1,2})日")
#: A date in the Taiwanese calendar (民國114年12月12日, 114年12月12日): years 100 to 129 only.
_ROC_RE = re.compile(r"(?:民國|民国)?(?<!\d)(1[0-2][0-9])年(\d{1,2})月(\d{1,2})日")
#: The Taiwanese calendar with dashes (日期：114-11-06, the Executive Yuan's releases).
_ROC_DASH_RE = re.compile(r"(?<![\d-])(1[0-2][0-9])-([01]?[0-9])-([0-3]?[0-9])(?![\d-])")
_ROC_EPOCH = 1911
#: The Taiwanese calendar's date code that closes a CNA article (1141105: year 114, 5 November).
_ROC_CODE_RE = re.compile(r"(?:^|[)）\]】\s])1([0-9]{2})([01][0-9])([0-3][0-9])$")
_MONTH_DAY_JA_RE = re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})日")
#: A year, a space, then month/day: 2025 11/24 19:42 (西日本新聞's stamp).
_YEAR_THEN_MD_RE = re.compile(r"(?<![\d/])(\d{4}) (\d{1,2})/(\d{1,2})(?![\d/])")
#: An English date with its month written in Chinese: 11 月 6, 2025 (a Taiwanese site's template).
_MONTH_ZH_EN_RE = re.compile(r"(?<!\d)(\d{1,2}) ?月 ?(\d{1,2}), ?(\d{4})(?!\d)")
_MONTH_NAME = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_EN_RE = re.compile(
    rf"(?:(?P<month>{_MONTH_NAME})\.? (?P<day>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?(?:, (?P<year>\d{{4}}))?)"
    rf"|(?:(?<!\d)(?P<day2>\d{{1,2}}) (?P<month2>{_MONTH_NAME})\.?(?:,? (?P<year2>\d{{4}}))?)"
)


@dataclass(frozen=True)
class DateRead:
    """What a line says of a date: a whole date, or a month and day waiting for a year."""

    year: int | None
    month: int
    day: int
    era: str = ""  # the Japanese era it was written in: the date must fall within it

    def date(self, year: int | None = None) -> dt.date | None:
        try:
            found = dt.date(self.year or year or 0, self.month, self.day) if (self.year or year) else None
        except ValueError:
            return None
        if found is not None and self.era:
            _first_year, first, last = ERAS[self.era]
            return found if first <= found <= last else None
        return found


@per_line  # a line is asked for its date by many cues in turn
def read_date(text: str) -> DateRead | None:
    """The first date the text writes, in any of the forms above, or None."""
    text = text.translate(_DIGITS)
    compact = _COMPACT_RE.match(text)
    if compact:  # 20251105 alone on its line
        return DateRead(int(compact.group(1)), int(compact.group(2)), int(compact.group(3)))
    found: list[tuple[int, DateRead]] = []
    m = _ISO_RE.search(text)
    if m:
        found.append((m.start(), DateRead(int(m.group(1)), int(m.group(2)), int(m.group(3)))))
    m = _DMY_RE.search(text)
    if m and not found:
        first, second, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        # 14/01/2026 is day first (Commonwealth, Asian outlets); 01/14/2026 month first (American ones).
        american = _US_ZONE_RE.search(text) is not None
        day_first = (second, first) if second > 12 or (american and first <= 12) else (first, second)
        found.append((m.start(), DateRead(year, day_first[1], day_first[0])))
    for form, year_at in ((_YEAR_THEN_MD_RE, 1), (_MONTH_ZH_EN_RE, 3)):
        m = form.search(text)
        if m and not found:
            month, day = (m.group(2), m.group(3)) if year_at == 1 else (m.group(1), m.group(2))
            found.append((m.start(), DateRead(int(m.group(year_at)), int(month), int(day))))
    roc = _ROC_RE.search(text) or _ROC_DASH_RE.search(text)
    if roc:  # 114年12月12日: the Taiwanese calendar (year 1 is 1912)
        found.append((roc.start(), DateRead(_ROC_EPOCH + int(roc.group(1)), int(roc.group(2)), int(roc.group(3)))))
    m = _JA_RE.search(text)
    if m:
        era = m.group(1) or ""
        if era:
            era_year = 1 if m.group(2) == "元" else int(m.group(2))
            # 令和0年 is no year: 0 stands for a year before the era (never a valid date).
            year = ERAS[era][0] + era_year - 1 if era_year else 1
        else:
            year = int(m.group(3))
        found.append((m.start(), DateRead(year, int(m.group(4)), int(m.group(5)), era)))
    else:
        m = _MONTH_DAY_JA_RE.search(text)
        if m:
            found.append((m.start(), DateRead(None, int(m.group(1)), int(m.group(2)))))
    for m in _EN_RE.finditer(text):
        month = _MONTHS.get((m.group("month") or m.group("month2") or "").lower().rstrip("."))
        if month is None:
            continue
        day = int(m.group("day") or m.group("day2"))
        written = m.group("year") or m.group("year2")
        found.append((m.start(), DateRead(int(written) if written else None, month, day)))
        break
    if not found:
        return None
    return min(found, key=lambda pair: pair[0])[1]


_TIME_ETC_RE = re.compile(
    r"\d{1,2}[:：時.]\d{2}(?:[:：]\d{2})?分?(?: ?[ap]\.?m\.?)?|[（(][^（()）]{1,6}[)）]|[月火水木金土日]曜日?"
    r"|GMT|UTC|JST|BST|CET|HKT|SGT|KST|\b(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|urday|sday)?\b"
    r"|\b[AP]M\b|[-–—]",
    re.IGNORECASE,
)


@per_line
def is_date_only(text: str) -> bool:
    """A line that is a date and little else (a time, a weekday, an issuer's name)."""
    read = read_date(text)
    if read is None:
        return False
    rest = _ISO_RE.sub("", _DMY_RE.sub("", _JA_RE.sub("", _EN_RE.sub("", text.translate(_DIGITS)))))
    rest = _ROC_RE.sub("", _ROC_DASH_RE.sub("", _YEAR_THEN_MD_RE.sub("", _MONTH_ZH_EN_RE.sub("", rest))))
    rest = _TIME_ETC_RE.sub("", rest)
    return len(rest.strip(" \u3000,，.、")) <= 8


#: An English date, then where: September 18, 2025, The Kremlin, Moscow (a transcript's date line).
_DATE_AND_PLACE_RE = re.compile(
    r"^(?:(?:January|February|March|April|May|June|July|August|September|October|November|December) [0-9]{1,2},"
    r"|[0-9]{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December))"
    r" [0-9]{4}(?:, (?:the )?[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}){1,3}$"
)


def is_date_and_place(text: str) -> bool:
    """An English date and where, alone on a line: September 18, 2025, The Kremlin, Moscow."""
    return bool(_DATE_AND_PLACE_RE.match(text.strip()))


def roc_code(text: str) -> DateRead | None:
    """The date of a CNA date code closing a line (（編輯：…）1141105), in the Taiwanese calendar."""
    m = _ROC_CODE_RE.search(text.strip())
    if not m:
        return None
    return DateRead(_ROC_EPOCH + 100 + int(m.group(1)), int(m.group(2)), int(m.group(3)))


def ascii_digits(text: str) -> str:
    """The text with full-width digits (０-９) written as ASCII ones."""
    return text.translate(_DIGITS)
