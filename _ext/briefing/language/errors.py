"""One error for whatever an analyser (Sudachi, jieba, OpenCC) raises (pure).

The analysers are third-party code run on untrusted text: an input they refuse,
a dictionary that fails to load, a bug.  Each call into one goes through
:func:`analysing`, so its callers handle one error, which they turn into a
warning naming the file and line they were reading, and the book goes on.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

__all__ = ["AnalyserError", "analysing"]


class AnalyserError(Exception):
    """An analyser (Sudachi, jieba, OpenCC) failed on a text: the message says which and why.

    Whatever an analyser raises reaches the callers as this one error, which each
    turns into a warning naming the file and line it was reading (never a traceback).
    """


@contextlib.contextmanager
def analysing(name: str) -> Iterator[None]:
    """Turn any error ``name`` (an analyser) raises into an :class:`AnalyserError`."""
    try:
        yield
    except AnalyserError:
        raise
    except Exception as err:  # a third-party analyser: whatever it raises, the book goes on
        raise AnalyserError(f"{name} failed: {type(err).__name__}: {str(err)[:200]}") from err
