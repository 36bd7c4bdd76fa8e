"""The article in a page, and its facts, taken out with trafilatura (pure).

trafilatura finds the article (its paragraphs, sub-headings, lists, tables and
quotes, without navigation, related links, share buttons, comments or scripts)
and its metadata (JSON-LD, OpenGraph, ``<meta>``; the date by htmldate, which
reads ``<time datetime>`` and the publish-date ``<meta>`` of Chinese portals).
This module asks it, then turns its result into the lines of a seed:

- a figure's caption, which trafilatura drops, is kept where the figure stood;
- the minimum article size is lowered (its default, 250 characters, is a short
  English story, but a long Japanese one), so that short articles keep their
  structure instead of falling back to one run of text;
- whitespace that only wrapped the HTML source is folded (never between two
  CJK characters, where a browser shows none).
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Literal

import lxml.html
from htmldate import find_date
from lxml import etree
from trafilatura import bare_extraction
from trafilatura.settings import Document, use_config

from briefing.articles.cues import ends_like_sentence
from briefing.articles.dates import read_date
from briefing.articles.metadata import safe_url
from briefing.articles.page_cues import is_furniture
from briefing.importing.inputs import Refused
from briefing.importing.page_facts import (
    OUTSIDE,
    SKIPPED,
    headline,
    is_stamp,
    page_date,
    site_name,
    text_of,
    title_parts,
)

BlockKind = Literal["heading", "paragraph", "item"]

#: The most elements a page may have (a saved news page has a few thousand).
MAX_ELEMENTS = 200_000
#: An article shorter than this (characters) is read by trafilatura as it is, not by its fallbacks.
MIN_ARTICLE = 20

_CONFIG = use_config()
_CONFIG.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(MIN_ARTICLE))
_CONFIG.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # the caller bounds the time, in a child process
_CONFIG.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_ELEMENTS))


def _date_params() -> dict[str, Any]:
    """htmldate's settings: the original date, searched widely; a page dated up to two days ahead of
    this machine's clock is no error (Tokyo's morning is still yesterday in UTC)."""
    latest = dt.datetime.now() + dt.timedelta(days=2)
    return {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d", "max_date": latest}


def _searched_date(tree: Any, url: str | None) -> dt.date | None:
    """htmldate's wide search (the address, the text's date patterns, a copyright year): the last resort."""
    params = {**_date_params(), "extensive_search": True}
    try:
        return _date(find_date(tree, url=url, **params))
    except (ValueError, TypeError):
        return None


_CJK = r"\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF"
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\n]*\n[ \t\r\n]*(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_TAG_SPLIT = re.compile(r"[,，、;；|]")
_LANG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})?")


@dataclass(frozen=True)
class Block:
    """One line of the article: its kind (as the page marked it up) and its text."""

    kind: BlockKind
    text: str
    marker: str = ""  # an ordered list item's number ("1."), else ""


@dataclass(frozen=True)
class Extracted:
    """An article taken out of a page or a feed entry: what a seed and its sidecar hold."""

    title: str
    blocks: tuple[Block, ...]
    date: dt.date | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    tags: tuple[str, ...] = ()
    summary_only: bool = False


def clean(text: str) -> str:
    """``text`` as one line: source wrapping between CJK characters removed, other runs of
    whitespace folded to one space."""
    return _SPACES.sub(" ", _CJK_BREAK.sub("", text)).strip()


def parse_html(html: str) -> Any:
    """The page as an lxml tree (no network, no huge-tree mode: libxml2's depth limit holds)."""
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html, count=1)  # lxml refuses a str with an encoding declaration
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        return lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError) as err:
        raise Refused(f"not readable as HTML: {err}") from err


def unwrap_cjk(tree: Any) -> None:
    """Remove the source's line breaks between two CJK characters in every text of ``tree``
    (CSS Text's segment break rule: a browser shows no space there; trafilatura would make one)."""
    for elem in tree.iter():
        if isinstance(elem.text, str) and "\n" in elem.text:
            elem.text = _CJK_BREAK.sub("", elem.text)
        if isinstance(elem.tail, str) and "\n" in elem.tail:
            elem.tail = _CJK_BREAK.sub("", elem.tail)


#: The attribute marking a paragraph made of a figure's caption (in our copy of the page only).
CAPTION = "data-briefing-caption"
#: Words in an element's class, id or test id that mark the page's own boxes, not the article.
BOILERPLATE = frozenset(
    {
        *("ad", "ads", "advert", "advertisement", "advertising", "newsletter", "newsletters", "promo", "signup"),
        *("subscribe", "subscription", "related", "share", "sharing", "social", "sns", "recommend", "recommended"),
        *("recommendation", "outbrain", "taboola", "sponsor", "sponsored"),
    }
)
_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_INLINE = {"a", "span", "em", "strong", "b", "i", "u", "br", "time", "small", "sup", "sub", "abbr", "cite", "q", "mark"}


#: Classes of text written for screen readers only (Bootstrap's, WordPress's, the BBC's).
_SCREEN_READER = ("visually-hidden", "visuallyhidden", "sr-only", "screen-reader-text", "screenreader-only")


def _screen_reader_only(elem: Any) -> bool:
    classes = (elem.get("class") or "").lower().split()
    return elem.getparent() is not None and any(name in classes for name in _SCREEN_READER)


def prune_boilerplate(tree: Any, keep: Any | None) -> None:
    """Drop the page's own boxes (ads, newsletters, share buttons, related links) by the words of
    their class, id or test id; never an element holding ``keep`` (the headline)."""
    keeping = set(keep.iterancestors()) | {keep} if keep is not None else set()
    for caption in tree.iter("p"):
        if caption.get(CAPTION) is not None:  # an editor's table of photos named like an ad (adEditor)
            keeping |= set(caption.iterancestors())
    for elem in list(tree.iter()):
        if not isinstance(elem.tag, str) or elem in keeping or elem.getparent() is None:
            continue
        if _words(elem) & BOILERPLATE:
            elem.drop_tree()


#: Words of a class or id that name a photo's caption (trafilatura drops such elements whole).
CAPTION_WORDS = frozenset({"caption", "pictext", "figcaption", "imgcaption", "photocaption", "credit"})
#: The most a caption holds; a larger element so named is a container (its name is taken off).
CAPTION_LIMIT = 300
_AD_LABEL = re.compile(r"^(?:advertisement|advert|ad|sponsored|廣告|广告|広告|スポンサー)\b", re.IGNORECASE)


def _words(elem: Any) -> set[str]:
    names = " ".join(elem.get(a) or "" for a in ("class", "id", "data-testid"))
    return {w.lower() for w in _WORDS.findall(names)} if names else set()


def _as_caption(elem: Any, text: str) -> None:
    paragraph = lxml.html.Element("p", {CAPTION: ""})
    paragraph.text = text
    paragraph.tail = elem.tail
    parent = elem.getparent()
    if parent is not None:
        parent.replace(elem, paragraph)


def mark_captions(tree: Any) -> None:
    """Photos' captions outside ``<figure>`` become caption paragraphs where they stand: an element
    named a caption (``imgCaption``, ``pictext``), or one whose text is its photo's ``alt`` or
    ``title``. A large element so named (an article body in ``page-caption-p``) loses the name."""
    alts = {
        " ".join((img.get("alt") or img.getparent().get("title") or "").split())
        for img in tree.iter("img")
        if img.getparent() is not None
    }
    alts.discard("")
    for elem in list(tree.iter()):
        if not isinstance(elem.tag, str) or elem.tag in ("img", "figure", "figcaption") or elem.getparent() is None:
            continue
        named = bool(_words(elem) & CAPTION_WORDS)
        text = clean("".join(elem.itertext()))
        if named and (len(text) > CAPTION_LIMIT or len(elem.findall(".//p")) > 1):
            elem.set("class", " ".join(w for w in (elem.get("class") or "").split() if "caption" not in w.lower()))
        elif text and (named or (text in alts and len(text) >= 6)) and elem.find(".//img") is None:
            _as_caption(elem, text)


def text_divs_as_paragraphs(tree: Any) -> None:
    """A ``<div>`` of lines of text broken by ``<br>`` (and inline elements only) is a paragraph:
    made one, so that trafilatura keeps its first line (it may drop a div's own text)."""
    for div in list(tree.iter("div")):
        own = len((div.text or "").strip()) >= 20
        inline = all(isinstance(child.tag, str) and child.tag in _INLINE for child in div)
        if own and inline and div.find("br") is not None:
            div.tag = "p"


def is_page_line(text: str) -> bool:
    """A line of the page's own, never the article's: a button or label the census knows, an ad's label."""
    return is_furniture(text) or (len(text) <= 40 and bool(_AD_LABEL.match(text)))


def keep_captions(tree: Any) -> None:
    """Each ``<figure>`` with a caption becomes a paragraph of its caption, where it stood."""
    for figure in list(tree.iter("figure")):
        caption = figure.find(".//figcaption")
        if caption is not None:
            for link in caption.findall(".//a[@target='_blank']"):  # a button (licensing, enlarge), not the caption
                link.drop_tree()
        text = clean("".join(caption.itertext())) if caption is not None else ""
        parent = figure.getparent()
        if parent is None:
            continue
        if text:
            paragraph = lxml.html.Element("p", {CAPTION: ""})
            paragraph.text = text
            paragraph.tail = figure.tail
            parent.replace(figure, paragraph)
        else:
            figure.drop_tree()


def page_language(tree: Any) -> str | None:
    """The language the page declares (``<html lang>``, Content-Language, ``og:locale``), as ``ja``/``zh-TW``."""
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    for meta in tree.iter("meta"):
        key = (meta.get("http-equiv") or meta.get("property") or meta.get("name") or "").lower()
        if key in ("content-language", "og:locale", "language", "dc.language"):
            candidates.append(meta.get("content"))
    for value in candidates:
        if isinstance(value, str) and _LANG.fullmatch(value.strip()):
            return value.strip().replace("_", "-")
    return None


def extract_page(html: str, url_hint: str | None = None) -> Extracted:
    """The article of a saved page, or :class:`Refused` when the page holds none."""
    tree = parse_html(html)
    if sum(1 for _ in tree.iter()) > MAX_ELEMENTS:
        raise Refused(f"more than {MAX_ELEMENTS:,} elements: not a saved article page")
    language = page_language(tree)
    unwrap_cjk(tree)
    for hidden in [e for e in tree.iter() if isinstance(e.tag, str) and _screen_reader_only(e)]:
        hidden.drop_tree()  # "Image caption, " read out to a screen reader, never shown
    keep_captions(tree)
    mark_captions(tree)
    text_divs_as_paragraphs(tree)
    first_title = next((text_of(t) for t in tree.iter("title")), "")
    prune_boilerplate(tree, headline(tree, first_title))
    doc = bare_extraction(
        copy.deepcopy(tree),  # trafilatura prunes the tree it is given; the lead zone is read from ours
        url=url_hint,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_formatting=False,
        include_links=False,
        favor_precision=True,
        config=_CONFIG,
        date_extraction_params=_date_params(),
    )
    body = getattr(doc, "body", None)
    blocks = blocks_of(body) if body is not None else []
    if not isinstance(doc, Document) or not blocks:
        raise Refused("no article found in it (only page furniture, or no text)")
    head = headline(tree, clean(doc.title or first_title))
    title = text_of(head) if head is not None else clean(doc.title or "")
    if blocks and blocks[0].kind == "heading" and (not title or blocks[0].text == title):
        title, blocks = blocks[0].text, blocks[1:]
    blocks = _leading(tree, head, blocks)
    if not title and blocks:
        title, blocks = blocks[0].text, blocks[1:]
    if not any(b.kind == "paragraph" for b in blocks):
        raise Refused("no article found in it: no paragraph of text beside the page's menus and lists")
    url = safe_url(doc.url) or safe_url(url_hint)
    return Extracted(
        title=title,
        blocks=tuple(blocks),
        date=page_date(_date(doc.date), tree, head, html) or _searched_date(copy.deepcopy(tree), url),
        url=url,
        source=site_name(tree, title, _host(url)),
        language=language,
        tags=tags_of([*(doc.categories or []), *(doc.tags or [])]),
    )


def _leading(tree: Any, head: Any | None, blocks: list[Block]) -> list[Block]:
    """``blocks`` with what stands between the headline and the article's first line restored
    (a photo's caption, a summary paragraph: trafilatura keeps only the body's container) and
    the page's date stamps before the first paragraph dropped (the sidecar has the date)."""
    order = list(tree.iter())
    start = order.index(head) + 1 if head is not None else 0
    first = next((b.text for b in blocks if b.kind == "paragraph"), None)
    end = next((i for i in range(start, len(order)) if first and clean(text_of(order[i])).startswith(first)), None)
    known = {b.text for b in blocks}
    restored: list[Block] = []
    for elem in order[start:end] if end is not None else []:
        if not isinstance(elem.tag, str) or elem.tag in SKIPPED or not _leaf_block(elem):
            continue
        if any(a.tag in OUTSIDE for a in elem.iterancestors()):
            continue
        text = clean("".join(elem.itertext()))
        # A standfirst may end bare; a line of the page's facts (date, source, editor) holds a date.
        prose = (len(text) >= 20 and ends_like_sentence(text)) or (len(text) >= 40 and read_date(text) is None)
        if text and (elem.get(CAPTION) is not None or prose) and text not in known:
            restored.append(Block("paragraph", text))
            known.add(text)
    at = next((i for i, b in enumerate(blocks) if b.kind == "paragraph"), len(blocks))
    # The site's or section's name the <title> carries, printed again by the headline (【…】).
    names = title_parts(tree, text_of(head) if head is not None else "")
    out = [
        b
        for b in (*blocks[:at], *restored, *blocks[at:])
        if b.kind == "heading" or not (is_page_line(b.text) or b.text.strip("【】[]［］ ") in names)
    ]
    lead = next((i for i, b in enumerate(out) if b.kind == "paragraph" and not is_stamp(b.text)), len(out))
    return [b for i, b in enumerate(out) if i >= lead or not is_stamp(b.text)]


def _leaf_block(elem: Any) -> bool:
    """A block of text (a paragraph, a div of text, a caption) with no block inside it."""
    return elem.tag in ("p", "div", "figcaption", "li", "dd") and all(
        isinstance(child.tag, str) and child.tag in _INLINE for child in elem
    )


def fragment_lines(html: str) -> tuple[list[Block], str]:
    """The lines of an HTML fragment that is all article (a feed entry's content), and its
    plain text for when trafilatura finds no article in it."""
    tree = parse_html(f"<html><body><article>{html}</article></body></html>")
    unwrap_cjk(tree)
    keep_captions(tree)
    doc = bare_extraction(tree, config=_CONFIG, include_comments=False, include_tables=True, favor_recall=True)
    body = getattr(doc, "body", None)
    return (blocks_of(body) if body is not None else []), "\n".join(tree.itertext())


def blocks_of(body: Any) -> list[Block]:
    """The lines of trafilatura's article tree, in order: headings, paragraphs, list items
    (nested ones too), table rows (cells joined by a space), quotes; a ``<lb/>`` ends a line."""
    out: list[Block] = []
    for elem in body:
        tag = elem.tag
        if tag == "head":
            out += _lines(elem, "heading")
        elif tag == "list":
            out += _items(elem)
        elif tag == "table":
            for row in elem.iter("row"):
                cells = [clean("".join(cell.itertext())) for cell in row.iter("cell")]
                if text := " ".join(c for c in cells if c):
                    out.append(Block("paragraph", text))
        elif tag == "quote" and len(elem):
            out += blocks_of(elem)
        elif tag != "graphic":
            out += _lines(elem, "paragraph")
    return out


def _items(listing: Any) -> list[Block]:
    ordered = listing.get("rend") == "ol"
    out: list[Block] = []
    number = 0
    for item in listing.iter("item"):
        if item.getparent() is not listing:
            continue
        number += 1
        nested = [child for child in item if child.tag == "list"]
        for child in nested:
            item.remove(child)
        out += [Block("item", b.text, f"{number}." if ordered else "") for b in _lines(item, "item")]
        for child in nested:
            out += _items(child)
    return out


def _lines(elem: Any, kind: BlockKind) -> list[Block]:
    """``elem``'s text split where the page broke the line (``<lb/>``), each part cleaned."""
    parts, current = [], [elem.text or ""]
    for child in elem:
        if child.tag == "lb":
            parts.append("".join(current))
            current = [child.tail or ""]
        else:
            current += ["".join(child.itertext()), child.tail or ""]
    parts.append("".join(current))
    return [Block(kind, text) for text in map(clean, parts) if text]


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _host(url: str | None) -> str | None:
    match = re.match(r"https?://(?:www\.)?([^/:?#]+)", url or "")
    return match.group(1) if match else None


def tags_of(values: list[str]) -> tuple[str, ...]:
    """The page's keywords as tags: split where the page lists several in one string, cleaned, each once."""
    tags: dict[str, None] = {}
    for value in values:
        for part in _TAG_SPLIT.split(value or ""):
            if (tag := clean(part)) and len(tag) <= 60:
                tags.setdefault(tag, None)
    return tuple(tags)[:20]
