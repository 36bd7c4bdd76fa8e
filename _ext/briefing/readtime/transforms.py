"""Drop the soft line breaks that sit between two Japanese characters.

MyST keeps a source newline inside a paragraph as ``\\n`` in the text; a
browser shows it as a space, which is wrong between two Japanese characters
(日本語の文が途中で切れて「 」が入る).  This transform removes such newlines
once, for the whole book, after reading.  Newlines next to Latin text stay (they
are real word spaces), and literals, code and math are never touched.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# Characters that are written without spaces between them: CJK ideographs,
# kana, CJK punctuation and full-width forms.
_CJK = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u31a0-\u31ff\u3200-\u9fff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff"
)
_CJK_RE = re.compile(f"[{_CJK}]")
_SOFT_BREAK_RE = re.compile(f"(?<=[{_CJK}])[ \t]*\n[ \t]*(?=[{_CJK}])")

_SKIP = (nodes.FixedTextElement, nodes.literal, nodes.math, nodes.raw, nodes.comment, nodes.Invisible)


def join_cjk_lines(text: str) -> str:
    """``text`` without the newlines that stand between two CJK characters."""
    return _SOFT_BREAK_RE.sub("", text) if "\n" in text else text


def _skipped(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, _SKIP):
            return True
        parent = parent.parent
    return False


class JoinCJKLines(SphinxTransform):
    """Remove soft line breaks between Japanese characters, in every document."""

    default_priority = 700  # after MyST and Sphinx's own read-time transforms

    def apply(self, **kwargs: object) -> None:
        for block in self.document.findall(nodes.TextElement):
            if isinstance(block, _SKIP):
                continue
            texts = [t for t in block.findall(nodes.Text) if str(t) and not _skipped(t)]
            self._join_across(texts)

    @staticmethod
    def _join_across(texts: list[nodes.Text]) -> None:
        values = [str(t) for t in texts]
        for i, value in enumerate(values):
            new = join_cjk_lines(value)
            # A break at the edge of a text node (MyST makes each soft break a
            # node of its own, e.g. after **強調**) looks at its neighbours.
            before = values[i - 1][-1:] if i > 0 else ""
            after = values[i + 1][:1] if i + 1 < len(values) else ""
            if new.startswith("\n") and _CJK_RE.match(before) and _CJK_RE.match(new.lstrip("\n")[:1] or after):
                new = new.lstrip("\n")
            if new.endswith("\n") and _CJK_RE.match(after) and _CJK_RE.match(new.rstrip("\n")[-1:] or before):
                new = new.rstrip("\n")
            if new != value:
                values[i] = new
                texts[i].parent.replace(texts[i], nodes.Text(new))


def setup_transforms(app: Sphinx) -> None:
    app.add_transform(JoinCJKLines)
