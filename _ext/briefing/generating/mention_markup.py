"""Prose of a seed as MyST with every mention of an entity as a ``{mention}`` role.

Text is escaped (:mod:`.escaping`); mentions come from the matcher, bound within
the article (:class:`.mentions.ArticleMentions`); http(s) URLs become autolinks.
"""

from __future__ import annotations

from briefing.articles.cues import URL_RE
from briefing.generating.escaping import escape_text
from briefing.matching.mentions import ArticleMentions, Matcher

__all__ = ["PARAGRAPH_LIMIT", "MentionLinker", "split_long", "url_spans"]


#: Longest paragraph rendered as one (characters); see :meth:`MentionLinker.paragraphs`.
PARAGRAPH_LIMIT = 5000
_SENTENCE_ENDS = "。．.!?！？"
_SOFT_BREAKS = "、，,;； \u3000"


def split_long(text: str, limit: int = PARAGRAPH_LIMIT) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters, after a sentence end where there is one.

    Else after a comma or a space; else at the limit; never inside a URL (its dots are no
    sentence end).  ``"".join`` of the pieces (with the spaces at the cuts) is the text.
    """
    if len(text) <= limit:
        return [text]
    spans = url_spans(text) if "://" in text else []
    pieces: list[str] = []
    pos = 0
    while len(text) - pos > limit:
        window = text[pos : pos + limit]
        cut = max(window.rfind(ch) for ch in _SENTENCE_ENDS) + 1
        if cut <= limit // 2:
            cut = max(cut, max(window.rfind(ch) for ch in _SOFT_BREAKS) + 1)
        if cut <= 0:
            cut = limit
        for start, end in spans:  # a cut inside a URL moves before it (or, if it starts the piece, after)
            if start < pos + cut < end:
                cut = start - pos if start > pos else min(end - pos, len(text) - pos)
                break
        pieces.append(text[pos : pos + cut].strip())
        pos += cut
    pieces.append(text[pos:].strip())
    return [piece for piece in pieces if piece]


_TRAILING = ".,;:!?'*"


def url_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` holds an http(s) URL: without the sentence's punctuation after it, or a
    closing parenthesis it does not open."""
    spans = []
    for m in URL_RE.finditer(text):
        start, end = m.span()
        opened, closed = text.count("(", start, end), text.count(")", start, end)  # once: linear
        while end > start:
            last = text[end - 1]
            if last in _TRAILING or (last == ")" and opened < closed):
                closed -= last == ")"
                end -= 1
                continue
            break
        if end - start > len("https://"):
            spans.append((start, end))
    return spans


class MentionLinker:
    """Turns text into MyST with every mention as a ``{mention}`` role.

    Every mention is recorded (the role carries the entity ids); which ones are
    links follows the policy: ``"section"`` links the first mention of an entity
    in each section, ``"page"`` the first in the page, ``"all"`` every one,
    ``"none"`` none.  Mentions in headings are never links.
    """

    POLICIES = ("section", "page", "all", "none")

    def __init__(self, matcher: Matcher | None, policy: str = "section", language: str | None = None) -> None:
        if policy not in self.POLICIES:
            raise ValueError(f"unknown mention policy {policy!r}; use one of {', '.join(self.POLICIES)}")
        self.matcher, self.policy = matcher, policy
        #: The article's mentions, in reading order: second references bind within it.
        self.mentions = ArticleMentions(matcher, language)
        self._linked: set[str] = set()

    def new_section(self) -> None:
        if self.policy == "section":
            self._linked.clear()

    def text(self, text: str, *, heading: bool = False) -> str:
        """``text`` as MyST: escaped, with its mentions as roles and (outside headings) its
        http(s) URLs as links."""
        text = " ".join(text.split())
        if heading or "://" not in text:
            return self._mentions(text, heading)
        out: list[str] = []
        pos = 0
        for start, end in url_spans(text):
            out.append(self._mentions(text[pos:start], heading))
            out.append(f"<{text[start:end]}>")  # an autolink: nothing in it is markup
            pos = end
        out.append(self._mentions(text[pos:], heading))
        return "".join(out)

    def _mentions(self, text: str, heading: bool) -> str:
        mentions = self.mentions.find(text) if text else []
        out: list[str] = []
        pos = 0
        for mention in mentions:
            out.append(escape_text(text[pos : mention.start], strip=False))
            out.append(self._role(mention.text(text), mention.entities, heading))
            pos = mention.end
        out.append(escape_text(text[pos:], strip=False))
        return "".join(out)

    def paragraphs(self, text: str) -> list[str]:
        """``text`` as one or more MyST paragraphs: a very long one is split at sentence ends.

        MyST's inline parser copies the rest of a paragraph at every role, so a
        paragraph of a megabyte full of names would take hours; no article has
        a paragraph of :data:`PARAGRAPH_LIMIT` characters, and every character
        still reaches the page, in order.
        """
        return [self.text(piece) for piece in split_long(" ".join(text.split()))]

    def _role(self, shown: str, ids: tuple[str, ...], heading: bool) -> str:
        link = not heading and len(ids) == 1 and self.policy != "none"
        if link and self.policy != "all":
            link = ids[0] not in self._linked
            self._linked.add(ids[0])
        # Aliases never hold ` < > \ (the registry schema forbids them), so the
        # matched text is safe inside the role; ! is Sphinx's "no link".
        return f"{{mention}}`{shown} <{'' if link else '!'}{','.join(ids)}>`"
