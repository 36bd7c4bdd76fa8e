"""A line's readings are remembered only for short lines, so memory stays bounded."""

from __future__ import annotations

from briefing.articles.remember import CACHED_LINE, per_line


def test_short_lines_are_remembered_and_long_ones_read_each_time() -> None:
    calls: list[str] = []

    @per_line
    def read(text: str) -> int:
        calls.append(text)
        return len(text)

    short, long = "国際" * 3, "x" * (CACHED_LINE + 1)
    assert [read(short), read(short), read(long), read(long)] == [6, 6, CACHED_LINE + 1, CACHED_LINE + 1]
    assert calls == [short, long, long]
