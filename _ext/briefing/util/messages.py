"""The generation's messages, kept so that a build which skips the generation can say them again.

The generation runs only when a file it reads changed (:func:`.generate.files_state`).
A build that skips it must still warn about what it would warn about: a page a
person owns, a seed that cannot be read.  So every part of the generation that
logs is handed a :class:`MessageRecorder`, which logs through Sphinx and keeps
each message; the orchestration stores what it kept with the state of the files,
and :func:`replay` logs it again.  An action done (a page written again, a page
removed) is logged but not kept: the next build has nothing left to do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.util.subtypes import Subtype

if TYPE_CHECKING:
    from sphinx.util.logging import SphinxLoggerAdapter

#: A message the generation logged: (level, message, arguments, Sphinx's keywords).
Message = tuple[str, str, tuple[Any, ...], dict[str, Any]]


class MessageRecorder:
    """Logs through a Sphinx logger and keeps what it logged, for a build that skips the work."""

    def __init__(self, logger: SphinxLoggerAdapter) -> None:
        self.logger = logger
        self.messages: list[Message] = []
        self._failures_told: set[tuple[str, str]] = set()

    def log(self, level: str, message: str, *args: Any, once: bool = False, **kwargs: Any) -> None:
        """Log through Sphinx (``level``: ``"info"``, ``"warning"``…); kept unless ``once`` (an action done)."""
        if not once:
            self.messages.append((level, message, args, kwargs))
        getattr(self.logger, level)(message, *args, **kwargs)

    def analyser_failures(self, path: Path, line_of: Callable[[str], int], failures: list[tuple[str, str]]) -> bool:
        """Warn (``briefing.analyser``) of each (text, why) an analyser failed on while the
        file at ``path`` was read, at the line ``line_of`` finds for the text; empty
        ``failures`` and say whether there were any.  Each (line, why) is told once per
        generation (a line's mentions and its candidates may both fail)."""
        for fragment, why in failures:
            where = location(path, line_of(fragment))
            if (where, why) in self._failures_told:
                continue
            self._failures_told.add((where, why))
            self.log(
                "warning",
                "briefing: %s; the words there were not checked: no mention or candidate is taken from them",
                why,
                type="briefing",
                subtype=Subtype.ANALYSER,
                location=where,
            )
        had = bool(failures)
        failures.clear()
        return had


def replay(logger: SphinxLoggerAdapter, messages: Iterable[Message]) -> None:
    """Log again, in their order, the messages a :class:`MessageRecorder` kept."""
    for level, message, args, kwargs in messages:
        getattr(logger, level)(message, *args, **kwargs)


def location(path: Path, line: int | None = None) -> str:
    """The location of a message about a file: always ``file:line``.

    A location without a colon is taken by Sphinx for a docname; a problem with
    the whole file points at its first line.
    """
    return f"{path}:{line or 1}"
