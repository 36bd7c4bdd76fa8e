"""Render an :class:`~briefing.articles.parse.Article` as the MyST text of a briefing page.

A pure function from data to text.  Seed text is data: every piece of it goes
through :func:`escape_text` (for prose) or :func:`option_value` (for directive
options), and through nothing else, so that no seed can ever produce a
directive, a role, a target, raw HTML, an include or a link.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefing.articles.article import (
    UNMENTIONED_ROLES,
    Article,
    Block,
    Fields,
    ItemList,
    Note,
    Paragraph,
    Takeaway,
    TakeawayList,
    Turn,
)
from briefing.generating.escaping import escape_text, option_value
from briefing.generating.mention_markup import PARAGRAPH_LIMIT, MentionLinker
from briefing.registry.model import Entity, Registry

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

    out += _blocks(article.preamble, slug, linker)
    if article.lead:
        out += _paragraphs(article.lead.text, linker)

    for section in article.sections:
        linker.new_section()
        if section.takeaway is not None:
            # A heading the article announced as a takeaway is shown as one, in the heading's place.
            out += [
                *_fence(
                    "takeaway", takeaway_id(slug, section.takeaway), [], _paragraphs(section.heading or "", linker)[:-1]
                ),
                "",
            ]
        elif section.heading is not None:
            out += [f"{'#' * (section.level + 1)} {_line(section.heading, linker, heading=True)}", ""]
        out += _blocks(section.blocks, slug, linker)

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
    """A line that is not prose, as a paragraph of its kind (CSS shows the kind). The lines of
    the page, the outlet and the writer (furniture, labels, tags, dates, bylines, source and
    editor's lines) are kept as text: they name no actor of the article."""
    if note.role in UNMENTIONED_ROLES:
        return _container(f"briefing-note briefing-{note.role}", [escape_text(" ".join(note.text.split()))])
    return _container(f"briefing-note briefing-{note.role}", _paragraphs(note.text, linker)[:-1])


def _marked(marker: str) -> str:
    """A list item's numbering or a speaker's marker, kept as written, in bold."""
    return f"{{strong}}`{marker}` " if marker else ""


def _blocks(blocks: Sequence[Block], slug: str, linker: MentionLinker) -> list[str]:
    """The blocks in order; a caption the page printed twice in a row names its actors once
    (its second copy is kept as text, so an entity's page does not list the same line twice)."""
    out: list[str] = []
    previous: Block | None = None
    for block in blocks:
        same = (
            isinstance(previous, Note)
            and isinstance(block, Note)
            and (previous.role, previous.text) == (block.role, block.text)
        )
        if same and isinstance(block, Note) and block.role == "caption":
            out += _container("briefing-note briefing-caption", [escape_text(" ".join(block.text.split()))])
        else:
            out += _block(block, slug, linker)
        previous = block
    return out


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
