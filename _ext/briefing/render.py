"""Render an :class:`~briefing.seed.Article` as the MyST text of a briefing page.

A pure function from data to text.  Seed text is data: every piece of it goes
through :func:`escape_text` (for prose) or :func:`option_value` (for directive
options), and through nothing else, so that no seed can ever produce a
directive, a role, a target, raw HTML, an include or a link.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .seed import Article, Paragraph, Takeaway, TakeawayList

__all__ = ["BriefingPage", "escape_text", "option_value", "render_briefing", "render_index", "takeaway_id"]

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


def escape_text(text: str) -> str:
    """Return MyST source that renders as exactly ``text`` (with runs of ASCII whitespace folded).

    The result is one line with no leading or trailing ASCII space, so it can
    stand as a paragraph, a heading's text or a list item's text, and can never
    be read as indentation (code block), a line break or a block marker.
    """
    text = "".join(ch for ch in text if ch in "\t\n" or not _is_control(ch))
    return _ESCAPE_RE.sub(lambda m: "\\" + m.group(0), _SPACE_RE.sub(" ", text).strip(" "))


def _is_control(ch: str) -> bool:
    code = ord(ch)
    return code < 32 or 127 <= code < 160


def option_value(text: str) -> str:
    """A directive option value holding ``text`` as plain data (a double-quoted scalar)."""
    return json.dumps(_SPACE_RE.sub(" ", text).strip(), ensure_ascii=False)


def takeaway_id(slug: str, takeaway: Takeaway) -> str:
    """The stable id of a takeaway: the briefing's slug and the takeaway's number."""
    return f"{slug}-{takeaway.number}"


@dataclass(frozen=True)
class BriefingPage:
    """What the generator needs to know about one rendered briefing."""

    slug: str
    seed: str  # the seed's path relative to the source directory, with /
    article: Article


def _fence(
    name: str, argument: str, options: Sequence[tuple[str, str]], body: Sequence[str], colons: int = 3
) -> list[str]:
    fence = ":" * colons
    out = [f"{fence}{{{name}}} {argument}".rstrip()]
    out += [f":{key}: {value}" for key, value in options]
    if body:
        if options:
            out.append("")  # a blank line ends the options block
        out += body
    out.append(fence)
    return out


def render_briefing(page: BriefingPage) -> str:
    """The MyST text of a briefing page (without the generated-file marker)."""
    article, slug = page.article, page.slug
    out: list[str] = [f"# {escape_text(article.title)}", ""]

    header: list[tuple[str, str]] = [("seed", option_value(page.seed))]
    if article.metadata.date:
        header.append(("date", article.metadata.date.isoformat()))
    if article.references:
        first = article.references[0]
        header.append(("source", option_value(first.title)))
        if first.site:
            header.append(("site", option_value(first.site)))
    if article.metadata.url or (article.references and article.references[0].url):
        header.append(("url", option_value(article.metadata.url or article.references[0].url or "")))
    if article.metadata.language:
        header.append(("language", option_value(article.metadata.language)))
    if article.metadata.tags:
        header.append(("tags", option_value(", ".join(article.metadata.tags))))
    out += _fence("briefing", slug, header, [])
    out.append("")

    if article.lead:
        out += [escape_text(article.lead.text), ""]

    for section in article.sections:
        if section.heading is not None:
            out += [f"## {escape_text(section.heading)}", ""]
        for block in section.blocks:
            if isinstance(block, Paragraph):
                out += [escape_text(block.text), ""]
            elif isinstance(block, TakeawayList):
                for item in block.items:
                    out += _fence("takeaway", takeaway_id(slug, item), [], [escape_text(item.text)])
                    out.append("")

    if article.references:
        body: list[str] = []
        for ref in article.references:
            fields = [("title", option_value(ref.title))]
            if ref.site:
                fields.append(("site", option_value(ref.site)))
            if ref.url:
                fields.append(("url", option_value(ref.url)))
            body += _fence("briefing-source", "", fields, [])
        out += _fence("briefing-sources", "", [], body, colons=4)
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def render_index(entries: Sequence[tuple[str, str]], title: str) -> str:
    """The briefings index: a toctree of ``(docname, heading)`` entries in reading order.

    The caption and entries are data too; entries are document names made by
    the generator (safe slugs), so only the title needs escaping.
    """
    out = [f"# {escape_text(title)}", "", "```{toctree}", ":maxdepth: 1", ""]
    out += [docname for docname, _ in entries]
    out += ["```", ""]
    return "\n".join(out)
