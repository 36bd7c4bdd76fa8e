"""A line's readings, remembered (pure): a line is asked about by many cues in turn (its width,
its date), so the answers for the last short lines are kept. Memory stays bounded whatever the
seeds hold: at most :data:`LINE_CACHE` lines of at most :data:`CACHED_LINE` characters each.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

#: How many lines' readings are remembered.
LINE_CACHE = 4096
#: How long a line may be to be remembered.
CACHED_LINE = 1000

_T = TypeVar("_T")


def per_line(read: Callable[[str], _T]) -> Callable[[str], _T]:
    """``read`` remembered for the last :data:`LINE_CACHE` short lines it was asked about."""
    cached = functools.lru_cache(maxsize=LINE_CACHE)(read)

    @functools.wraps(read)
    def reading(text: str) -> _T:
        return cached(text) if len(text) <= CACHED_LINE else read(text)

    return reading
