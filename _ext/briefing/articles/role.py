"""One line's role while the recogniser decides it (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Role:
    """One line's role while it is being decided; ``data`` holds what its cue found."""

    line: int
    text: str
    role: str = ""
    reason: str = ""
    style: str = ""  # a heading's or item's numbering style ("plain" for none)
    marker: str = ""  # a numbering or Q&A marker, as written
    body: str = ""  # the text after the marker
    level: int = 0
    data: dict[str, object] = field(default_factory=dict)

    def set(self, role: str, reason: str) -> None:
        self.role, self.reason = role, reason
