"""The order of the briefings and the pages that group them, so that no sidebar grows with the book.

While the book is small its index lists every briefing; once it is not,
briefings are grouped by year and month (undated ones in groups of their own)
and entities by gojūon row, each group a page of its own.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence

from briefing.generating.label_markup import GOJUON_ROWS, label
from briefing.generating.render import BriefingPage
from briefing.registry.model import Entity, reading_key


def group_by_month(pages: Sequence[BriefingPage], above: int) -> list[tuple[str, str, list[str]]]:
    """(page name, title, entries) of the year and month pages; none while ``pages`` is small.

    Years list their months, months their briefings (newest first); undated
    briefings get a page of their own.
    """
    if len(pages) <= above:
        return []
    months: dict[str, list[str]] = defaultdict(list)
    undated: list[str] = []
    for page in pages:  # already newest first
        date = page.article.date
        if date:
            months[date.isoformat()[:7]].append(page.slug)  # not strftime: %Y drops a year's leading zeros
        else:
            undated.append(page.slug)
    years: dict[str, list[str]] = defaultdict(list)
    for month in months:
        years[month[:4]].append(f"month-{month}")
    out = [(f"year-{year}", label("year", year), children) for year, children in years.items()]
    out += [(f"month-{m}", label("month", m), slugs) for m, slugs in months.items()]
    if len(undated) > above:  # no month to group them by
        buckets = bucket_undated(undated, above)
        out.append(("undated", label("undated"), [f"undated.{i}" for i in sorted(buckets)]))
        out += [(f"undated.{i}", label("undated", str(i)), buckets[i]) for i in sorted(buckets)]
    elif undated:
        out.append(("undated", label("undated"), undated))
    return out


def bucket_undated(slugs: Sequence[str], above: int) -> dict[int, list[str]]:
    """Undated briefings in numbered groups of about ``above`` / 2 to ``above`` each (1-based, in slug order).

    A briefing's group is fixed by a hash of its slug and the number of groups,
    a power of two that changes only when the book doubles: a new undated
    briefing changes its own group and no other, so the other undated pages
    keep their sidebars (grouping by name would open a new group, listed in
    every sidebar, every few briefings when names are numbered).  Group names
    are never slugs (``undated.<n>``: a slug holds no dot).
    """
    count, above = 1, max(1, above)
    while len(slugs) > count * above:
        count *= 2
    buckets: dict[int, list[str]] = defaultdict(list)
    for slug in slugs:
        buckets[1 + int(hashlib.sha256(slug.encode("utf-8")).hexdigest()[:8], 16) % count].append(slug)
    return dict(buckets)


def group_by_row(members: Sequence[Entity]) -> list[tuple[str, str, list[str]]]:
    """(page name, title as MyST, entity ids) per gojūon row (あ行, か行, …; the rest last)."""
    rows: dict[str, list[str]] = defaultdict(list)
    for entity in members:  # already in gojūon order
        head = reading_key(entity.reading)[:1]
        row = next((name for name, kana in GOJUON_ROWS if head and head in kana), "other")
        rows[row].append(entity.id)
    order = [name for name, _kana in GOJUON_ROWS] + ["other"]
    return [(f"row-{r}", label("row", r), rows[r]) for r in order if rows.get(r)]


def sort_key(page: BriefingPage) -> tuple[int, str, str]:
    """Newest first where a date is known, then undated ones, each by slug."""
    date = page.article.date
    return (
        (0, f"{9999_99_99 - (date.year * 10000 + date.month * 100 + date.day):08d}", page.slug)
        if date
        else (1, "", page.slug)
    )
