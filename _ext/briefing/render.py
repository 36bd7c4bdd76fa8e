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

from .article import Article, Block, Fields, ItemList, Note, Paragraph, Takeaway, TakeawayList, Turn
from .cues import URL_RE
from .mentions import Matcher
from .registry import Entity, Registry

__all__ = [
    "BriefingPage",
    "MentionLinker",
    "escape_text",
    "option_value",
    "render_briefing",
    "render_entity",
    "render_index",
    "takeaway_id",
]

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

    def __init__(self, matcher: Matcher | None, policy: str = "section") -> None:
        if policy not in self.POLICIES:
            raise ValueError(f"unknown mention policy {policy!r}; use one of {', '.join(self.POLICIES)}")
        self.matcher, self.policy = matcher, policy
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
        mentions = self.matcher.find(text) if self.matcher and text else []
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


def render_briefing(page: BriefingPage, linker: MentionLinker | None = None) -> str:
    """The MyST text of a briefing page (without the generated-file marker)."""
    article, slug = page.article, page.slug
    linker = linker or MentionLinker(None)
    # A title cannot be split like a paragraph: one longer than a paragraph may be is shown
    # without its mentions noted (MyST would copy the rest of the line at every role).
    title = article.title
    shown = linker.text(title, heading=True) if len(title) <= PARAGRAPH_LIMIT else escape_text(" ".join(title.split()))
    out: list[str] = [f"# {shown}", ""]
    out += _fence("briefing", slug, _header(page), [])
    out.append("")

    for block in article.preamble:
        out += _block(block, slug, linker)
    if article.lead:
        out += _paragraphs(article.lead.text, linker)

    for section in article.sections:
        linker.new_section()
        if section.heading is not None:
            out += [f"{'#' * (section.level + 1)} {_line(section.heading, linker, heading=True)}", ""]
        for block in section.blocks:
            out += _block(block, slug, linker)

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
    out += _fence("briefing-related", "", [], [])
    return "\n".join(out).rstrip("\n") + "\n"


def _header(page: BriefingPage) -> list[tuple[str, str]]:
    """The options of the page's ``{briefing}`` header: each fact, and where it came from when
    that was the text (a sidecar's or front matter's facts need no note)."""
    article, meta = page.article, page.article.metadata
    header: list[tuple[str, str]] = [("seed", option_value(page.seed))]
    if meta.date:
        header.append(("date", meta.date.isoformat()))
        if article.date_origin == "front matter":  # (no note: the sidecar's)
            header.append(("date-from", "front-matter"))
    elif article.date_fact:
        header += [("date", article.date_fact.value), ("date-line", str(article.date_fact.line))]
    if article.references:
        first = article.references[0]
        header.append(("source", option_value(first.title)))
        if first.site:
            header.append(("site", option_value(first.site)))
        if first.url:  # the reference's own link, never the sidecar's
            header.append(("source-url", option_value(first.url)))
    if meta.source:
        header.append(("outlet", option_value(meta.source)))
        if article.source_origin == "front matter":
            header.append(("outlet-from", "front-matter"))
    elif article.source_fact:
        header += [("outlet", option_value(article.source_fact.value)), ("outlet-line", str(article.source_fact.line))]
    if meta.url:  # the article's own link; a reference's URL stays with the reference
        header.append(("url", option_value(meta.url)))
    if meta.language:
        header.append(("language", option_value(meta.language)))
    if meta.tags:
        header.append(("tags", option_value(", ".join(meta.tags))))
    return header


def _line(text: str, linker: MentionLinker, *, heading: bool = False) -> str:
    """``text`` as one line of MyST: with its mentions while it is no longer than a paragraph
    may be (MyST copies the rest of a line at every role), else escaped only."""
    if len(text) <= PARAGRAPH_LIMIT:
        return linker.text(text, heading=heading)
    return escape_text(" ".join(text.split()))


def _paragraphs(text: str, linker: MentionLinker, prefix: str = "") -> list[str]:
    pieces = linker.paragraphs(text)
    if prefix:
        pieces[0] = f"{prefix}{pieces[0]}" if pieces[0] else prefix
    return [line for paragraph in pieces for line in (paragraph, "")]


def _container(classes: str, body: list[str]) -> list[str]:
    return [*_fence("container", classes, [], body), ""]


def _note(note: Note, linker: MentionLinker) -> list[str]:
    """A line that is not prose, as a paragraph of its kind (CSS shows the kind)."""
    return _container(f"briefing-note briefing-{note.role}", _paragraphs(note.text, linker)[:-1])


def _marked(marker: str) -> str:
    """A list item's numbering or a speaker's marker, kept as written, in bold."""
    return f"{{strong}}`{marker}` " if marker else ""


def _block(block: Block, slug: str, linker: MentionLinker) -> list[str]:
    if isinstance(block, Paragraph):
        return _paragraphs(block.text, linker)
    if isinstance(block, TakeawayList):
        out: list[str] = []
        for item in block.items:
            text = _paragraphs(item.text, linker, _marked(item.marker))[:-1]
            out += _fence("takeaway", takeaway_id(slug, item), [], text)
            out.append("")
        return out
    if isinstance(block, ItemList):
        numbered = any(item.marker for item in block.items)
        lines = [f"- {_marked(item.marker)}{_line(item.text, linker)}".rstrip() for item in block.items]
        return _container("briefing-items" + (" briefing-numbered" if numbered else ""), lines)
    if isinstance(block, Turn):
        body = _paragraphs(block.text, linker, _marked(block.marker))[:-1]
        return _container(f"briefing-turn briefing-{block.role}", body)
    if isinstance(block, Fields):
        out = []
        for field in block.items:
            out += [_line(field.key, linker, heading=True), f": {_line(field.value, linker)}", ""]
        return _container("briefing-fields", out[:-1])
    return _note(block, linker)


def render_index(entries: Sequence[tuple[str, str]], title: str) -> str:
    """The briefings index: a toctree of the briefings in reading order (the PDF's chapters).

    Entries are document names made by the generator (safe slugs), so only the
    title needs escaping.
    """
    out = [f"# {escape_text(title)}", ""]
    out += ["```{toctree}", ":maxdepth: 1", ""]
    out += [docname for docname, _ in entries]
    out += ["```", ""]
    return "\n".join(out)


def entity_heading(entity: Entity) -> str:
    """The title of an entity page, the same in every language: 王毅 (Wang Yi)."""
    if entity.name_en and entity.name_en != entity.name_ja:
        return f"{entity.name_ja} ({entity.name_en})"
    return entity.name_ja


def render_entity(entity: Entity, registry: Registry) -> str:
    """The MyST text of an entity page: a label for intersphinx, the title, the facts directive."""
    kind = registry.kinds[entity.kind]
    options: list[tuple[str, str]] = [
        ("kind", entity.kind),
        # The kind's names too: renaming a kind in the registry changes this page.
        ("kind-ja", option_value(kind.name_ja)),
        ("kind-en", option_value(kind.name_en)),
        ("name-ja", option_value(entity.name_ja)),
        ("name-en", option_value(entity.name_en)),
        ("reading", option_value(entity.reading)),
    ]

    def add(key: str, value: str | Sequence[str]) -> None:
        if isinstance(value, str):
            if value:
                options.append((key, option_value(value)))
        elif value:
            options.append((key, option_value(" | ".join(value))))

    add("type", entity.type)
    add("full-name-ja", entity.full_name_ja if entity.full_name_ja != entity.name_ja else "")
    add("full-name-en", entity.full_name_en if entity.full_name_en != entity.name_en else "")
    add("aliases", [a for a in entity.all_aliases if a not in (entity.name_ja, entity.name_en)])
    add("titles-ja", entity.titles_ja)
    add("titles-en", entity.titles_en)
    add("country", entity.country)
    add("members", entity.members)
    add("forums", registry.forums_of(entity.id))
    add("description-ja", entity.description_ja)
    add("description-en", entity.description_en)
    # A std label too, "<kind>-<id>", so that a project without this extension
    # can link the page through intersphinx ({ref}`book:actor-wang-yi`).
    out = [f"({entity.kind}-{entity.id})=", f"# {escape_text(entity_heading(entity))}", ""]
    out += _fence("entity", entity.id, options, [])
    return "\n".join(out) + "\n"


def render_toc_page(title: str, entries: Sequence[str], intro: str = "") -> str:
    """A page that is only a title, an optional line of text and a toctree of ``entries``.

    ``title`` and ``intro`` are MyST already (a label, or text through :func:`escape_text`).
    """
    out = [f"# {title}", ""]
    if intro:
        out += [intro, ""]
    out += ["```{toctree}", ":maxdepth: 1", "", *entries, "```", ""]
    return "\n".join(out)


def render_candidates(
    title: str, intro: str, rows: Sequence[tuple[str, str, int, Sequence[str]]], empty: str = "None."
) -> str:
    """The page of names that look like actors but are not in the registry.

    ``rows``: (name, title seen with it, count, docnames of the briefings); ``title``,
    ``intro`` and ``empty`` are MyST already (labels).
    """
    out = [f"# {title}", "", intro, ""]
    if not rows:
        out += [empty, ""]
    for name, seen_title, count, docs in rows:
        refs = ", ".join(f"{{doc}}`/{doc}`" for doc in docs)
        out.append(f"- **{escape_text(name)}** \\({escape_text(seen_title)}\\) × {count}: {refs}")
    out.append("")
    return "\n".join(out)


def render_view_page(title: str, directive: str) -> str:
    """A page that is a title (MyST: a label) and one gathering directive (the takeaways, the timeline, the graph)."""
    return "\n".join([f"# {title}", "", *_fence(directive, "", [], []), ""])


def render_print_root(title: str, chapters: Sequence[str], appendices: Sequence[str]) -> str:
    """The root of the printed book: every briefing as a chapter, then the appendices.

    Only LaTeX reads it (``latex_documents``); it is an orphan in HTML, and its
    toctrees are hidden there: LaTeX includes every document of a hidden toctree
    all the same, and an HTML page listing every section of every briefing would
    be written again after each new briefing, for a page nothing links to.
    Sphinx does not expand toctrees inside ``latex_appendices``, so the
    appendices are a second toctree here, after LaTeX's ``\\appendix``.
    """
    out = [f"# {title}", "", "```{toctree}", ":maxdepth: 2", ":hidden:", "", *chapters, "```", ""]
    out += ["```{raw} latex", "\\appendix", "```", ""]
    out += ["```{toctree}", ":maxdepth: 2", ":hidden:", "", *appendices, "```", ""]
    return "\n".join(out)
