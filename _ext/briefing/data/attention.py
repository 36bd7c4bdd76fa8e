"""Attention over time: how many briefings mention an entity each month, and from which sources (pure).

The months run without a gap from the first month a dated briefing mentions the entity to
the last (a month without one counts 0, so the chart's time axis is even); undated
briefings are counted apart. Sources are the briefings' outlets (else their site), most
first, ties by name.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from briefing.data.views import BookViews

#: A month as the graph directive's ``:from:`` and ``:to:`` take it.
MONTH_RE = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


class Attention(NamedTuple):
    months: tuple[tuple[str, int], ...]  # (YYYY-MM, briefings), every month from the first to the last
    sources: tuple[tuple[str, int], ...]  # (outlet or site, briefings), most first
    undated: int


def _next(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{year + number // 12:04d}-{number % 12 + 1:02d}"


def month_range(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` (YYYY-MM), both included."""
    out, month = [], first
    while month <= last:
        out.append(month)
        month = _next(month)
    return out


def attention(views: BookViews, eid: str) -> Attention:
    """The entity's attention: briefings per month, per source, and those without a date."""
    counts: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    undated = 0
    for doc in views.by_entity.get(eid, {}):
        record = views.briefing_of_doc.get(doc)
        if record is None:
            continue
        if record.date:
            counts[record.date[:7]] += 1
        else:
            undated += 1
        source = record.outlet or record.site
        if source:
            sources[source] += 1
    months = tuple((m, counts[m]) for m in month_range(min(counts), max(counts))) if counts else ()
    ranked = tuple(sorted(sources.items(), key=lambda kv: (-kv[1], kv[0])))
    return Attention(months, ranked, undated)
