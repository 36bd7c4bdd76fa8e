"""Seed text as MyST that can only ever be text: escaped prose and quoted option values.

Seed text is data: every piece of it goes through :func:`escape_text` (for prose)
or :func:`option_value` (for directive options), and through nothing else, so that
no seed can ever produce a directive, a role, a target, raw HTML, an include or a link.
"""

from __future__ import annotations

import json
import re

__all__ = ["escape_text", "option_value"]

# Every ASCII punctuation character may be backslash-escaped in CommonMark, and an
# escaped one is always literal text.  MyST's own syntax ({role}, (target)=,
# :::, $math$, {{subst}}, %comment, [^footnote]) is all built from these, so
# escaping all of them is total, also against MyST's optional "smartquotes" and
# "replacements" syntax.  Only / @ ; mean nothing anywhere in MyST and stay.
_UNESCAPED_PUNCTUATION = set("/@;")
_ESCAPE_RE = re.compile(
    "["
    + re.escape(
        "".join(chr(c) for c in range(33, 127) if not chr(c).isalnum() and chr(c) not in _UNESCAPED_PUNCTUATION)
    )
    + "]"
)
_SPACE_RE = re.compile(r"[ \t\r\n\v\f]+")


def escape_text(text: str, *, strip: bool = True) -> str:
    """Return MyST source that renders as exactly ``text`` (with runs of ASCII whitespace folded).

    The result is one line with no leading or trailing ASCII space (unless
    ``strip`` is false, for a piece in the middle of a line), so it can
    stand as a paragraph, a heading's text or a list item's text, and can never
    be read as indentation (code block), a line break or a block marker.
    """
    text = _CONTROL_RE.sub("", text)
    text = _SPACE_RE.sub(" ", text)
    return _ESCAPE_RE.sub(lambda m: "\\" + m.group(0), text.strip(" ") if strip else text)


#: C0 and C1 control characters but tab and line feed (dropped from the text; one regex, not a loop).
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


#: Characters Python's str.splitlines() breaks on, besides \n and \r (MyST splits options with it).
_LINE_BREAKS_RE = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def option_value(text: str) -> str:
    """A directive option value holding ``text`` as plain data (a double-quoted scalar on one line)."""
    quoted = json.dumps(_SPACE_RE.sub(" ", text).strip(), ensure_ascii=False)
    return _LINE_BREAKS_RE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", quoted)
