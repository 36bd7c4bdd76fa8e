"""One error for whatever an analyser (Sudachi, jieba, OpenCC) raises (pure).

The analysers are third-party code run on untrusted text: an input they refuse,
a dictionary that fails to load, a bug.  Each call into one goes through
:func:`analysing`, so its callers handle one error, which they turn into a
warning naming the file and line they were reading, and the book goes on.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator

__all__ = ["USAGE", "AnalyserError", "analysing"]

#: Per analyser, the calls made into it in this process and the seconds they took (loading
#: its dictionary included): ``make bench`` reports them for a whole build.
USAGE: dict[str, list[float]] = {}


class AnalyserError(Exception):
    """An analyser (Sudachi, jieba, OpenCC) failed on a text: the message says which and why.

    Whatever an analyser raises reaches the callers as this one error, which each
    turns into a warning naming the file and line it was reading (never a traceback).
    """


@contextlib.contextmanager
def analysing(name: str) -> Iterator[None]:
    """Turn any error ``name`` (an analyser) raises into an :class:`AnalyserError`; count the call
    and its time in :data:`USAGE`."""
    start = time.perf_counter()
    try:
        yield
    except AnalyserError:
        raise
    except Exception as err:  # a third-party analyser: whatever it raises, the book goes on
        raise AnalyserError(f"{name} failed: {type(err).__name__}: {str(err)[:200]}") from err
    finally:
        used = USAGE.setdefault(name, [0, 0.0])
        used[0] += 1
        used[1] += time.perf_counter() - start
