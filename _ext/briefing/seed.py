"""The seed parser: plain article text in, an :class:`Article` out.

Pure functions only: nothing here knows about Sphinx, MyST or files on disk
(decoding bytes is here too, since "what text does this file hold" is part of
reading a seed).  Every part of an article keeps the 1-based line of the seed
it came from, so that messages can point at it.

The format (see README.md, "The seed format"): line 1 is the title, line 2 the
lead; then sections, each a short bare heading line followed by paragraphs (one
line each) and bullet lists; the bullets are the article's takeaways.  A footer
``Reference(s):`` is followed by the sources: title, site and/or URL lines.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from .yamlio import load_yaml

__all__ = [
    "Article",
    "DecodedSeed",
    "Metadata",
    "Paragraph",
    "Problem",
    "Reference",
    "Section",
    "Takeaway",
    "TakeawayList",
    "decode_seed",
    "parse_metadata",
    "parse_seed",
]


@dataclass(frozen=True)
class Problem:
    """Something wrong with a seed that the reader should hear about."""

    subtype: str  # the warning subtype, e.g. "encoding" -> briefing.encoding
    message: str
    line: int | None = None


@dataclass(frozen=True)
class Paragraph:
    text: str
    line: int


@dataclass(frozen=True)
class Takeaway:
    text: str
    line: int
    number: int  # 1-based position among the article's takeaways


@dataclass(frozen=True)
class TakeawayList:
    items: tuple[Takeaway, ...]


Block = Paragraph | TakeawayList


@dataclass(frozen=True)
class Section:
    heading: str | None  # None for the text before the first heading
    line: int
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Reference:
    title: str
    line: int
    site: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Metadata:
    """Optional facts about a seed, from front matter or a sidecar file."""

    date: dt.date | None = None
    url: str | None = None
    language: str | None = None
    tags: tuple[str, ...] = ()
    slug: str | None = None


@dataclass(frozen=True)
class Article:
    title: str
    title_line: int
    lead: Paragraph | None
    sections: tuple[Section, ...]
    references: tuple[Reference, ...]
    metadata: Metadata = Metadata()
    problems: tuple[Problem, ...] = ()

    @property
    def takeaways(self) -> tuple[Takeaway, ...]:
        return tuple(
            item
            for section in self.sections
            for block in section.blocks
            if isinstance(block, TakeawayList)
            for item in block.items
        )

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(block for section in self.sections for block in section.blocks if isinstance(block, Paragraph))


# --------------------------------------------------------------------------- decoding


@dataclass(frozen=True)
class DecodedSeed:
    text: str | None  # None: the bytes are not text at all
    encoding: str | None
    problems: tuple[Problem, ...] = field(default=())


#: Encodings a Japanese news text plausibly arrives in besides UTF-8.
_LEGACY_ENCODINGS = ("cp932", "shift_jis", "euc_jp", "iso2022_jp")


#: Bytes :func:`_looks_binary` does not count as control bytes (deleted before counting).
_NOT_CONTROL_BYTES = bytes([0, 9, 10, 11, 12, 13, 27, *range(32, 256)])


def _looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding we would accept."""
    sample = data[:8192]
    if not sample:
        return False
    # Tab, newlines, form feed, vertical tab and ESC (ISO-2022-JP's shift
    # sequences) are at home in text; NUL is counted on its own below.
    controls = len(sample.translate(None, _NOT_CONTROL_BYTES))
    nuls = sample.count(0)
    # A stray NUL is damage in a text; many of them, or many other control
    # bytes, are a binary file (an image, a PDF, a zip) saved as .txt.
    return controls / len(sample) > 0.05 or nuls / len(sample) > 0.3


def decode_seed(data: bytes) -> DecodedSeed:
    """Decode a seed's bytes: UTF-8 (with or without BOM), else a detected legacy encoding.

    Shift_JIS/CP932 and EUC-JP seeds are decoded with charset-normalizer's guess
    and reported (subtype ``encoding``) so the analyst can convert the file;
    binary data is refused (``text`` is None).
    """
    problems: list[Problem] = []
    # UTF-16 with a BOM (Notepad's "Unicode") and ISO-2022-JP ("JIS", old mail: 7-bit, so
    # also valid UTF-8; its escape sequences are the only way to tell) are text too.
    for recognised, encoding, iconv in (
        (data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)), "utf-16", "utf-16"),
        (b"\x1b$B" in data or b"\x1b$@" in data, "iso2022_jp", "iso-2022-jp"),
    ):
        if not recognised:
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        note = f"the file is {iconv.upper()}; decoded it (convert it with: iconv -f {iconv} -t utf-8)"
        return DecodedSeed(text, encoding, (Problem("encoding", note),))
    if _looks_binary(data):
        return DecodedSeed(None, None, (Problem("binary", "the file holds binary data, not text; no page made"),))
    if b"\x00" in data:
        problems.append(Problem("nul", f"the file holds {data.count(0)} NUL byte(s); they were dropped"))
        data = data.replace(b"\x00", b"")
    try:
        text = data.decode("utf-8-sig")
        encoding = "utf-8"
    except UnicodeDecodeError:
        import charset_normalizer  # imported here: only legacy files need it

        best = charset_normalizer.from_bytes(data, cp_isolation=list(_LEGACY_ENCODINGS)).best()
        if best is None:
            return DecodedSeed(
                None,
                None,
                (
                    *problems,
                    Problem("encoding", "the file is not UTF-8 and its encoding could not be detected; no page made"),
                ),
            )
        encoding = best.encoding
        text = str(best)
        problems.append(
            Problem(
                "encoding",
                f"the file is not UTF-8; decoded it as {encoding} (convert it with: iconv -f {encoding} -t utf-8)",
            )
        )
    return DecodedSeed(text, encoding, tuple(problems))


# --------------------------------------------------------------------------- metadata

_METADATA_KEYS = {"date", "url", "source_url", "language", "tags", "slug"}
#: Matched with ``fullmatch``: ``$`` would also match before a final newline.
SLUG_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,99}")
#: A URL the book links: http(s) only, nothing that could leave an attribute or a role.
HTTP_URL_RE = re.compile(r"https?://[^\s<>\"'`\\]+")
_LANGUAGE_RE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*")


def parse_metadata(raw: Any, *, line: int | None = None) -> tuple[Metadata, tuple[Problem, ...]]:
    """Check a metadata mapping (front matter or sidecar) and turn it into :class:`Metadata`.

    Bad values are reported and dropped one by one; the rest still counts.
    """
    if raw is None:
        return Metadata(), ()
    if not isinstance(raw, dict):
        return Metadata(), (Problem("metadata", "metadata must be a mapping of keys to values", line),)
    problems: list[Problem] = []
    for key in sorted(set(map(str, raw)) - _METADATA_KEYS):
        problems.append(
            Problem("metadata", f"unknown metadata key {key!r} (known: {', '.join(sorted(_METADATA_KEYS))})", line)
        )

    date: dt.date | None = None
    value = raw.get("date")
    if isinstance(value, dt.datetime):
        date = value.date()
    elif isinstance(value, dt.date):
        date = value
    elif isinstance(value, str):
        date = _iso_date(value.strip())
        if date is None:
            problems.append(Problem("metadata", f"date {value!r} is not a date like 2025-02-28", line))
    elif value is not None:
        problems.append(Problem("metadata", f"date {value!r} is not a date like 2025-02-28", line))

    url = raw.get("url", raw.get("source_url"))
    if url is not None and not (isinstance(url, str) and HTTP_URL_RE.fullmatch(url)):
        problems.append(
            Problem("metadata", f"url {url!r} is not an http(s) URL without spaces, quotes, < > ` or \\", line)
        )
        url = None

    language = raw.get("language")
    if language is not None and not (isinstance(language, str) and _LANGUAGE_RE.fullmatch(language)):
        problems.append(Problem("metadata", f"language {language!r} is not a language code like ja or en", line))
        language = None

    tags_raw = raw.get("tags", ())
    if isinstance(tags_raw, str):
        tags_raw = [tags_raw]
    tags: tuple[str, ...] = ()
    if isinstance(tags_raw, list | tuple) and all(isinstance(t, str | int) for t in tags_raw):
        tags = tuple(" ".join(str(t).split()) for t in tags_raw if str(t).strip())
        if any("," in t for t in tags):  # the page lists them with commas
            problems.append(Problem("metadata", "a tag may not hold a comma; those tags were dropped", line))
            tags = tuple(t for t in tags if "," not in t)
    else:
        problems.append(Problem("metadata", "tags must be a list of words", line))

    slug = raw.get("slug")
    if slug is not None and not (isinstance(slug, str) and SLUG_RE.fullmatch(slug)):
        problems.append(Problem("metadata", f"slug {slug!r} must be lower-case ASCII letters, digits, - and _", line))
        slug = None

    return Metadata(date=date, url=url, language=language, tags=tags, slug=slug), tuple(problems)


def safe_url(url: str | None) -> str | None:
    """The URL when it is a plain http(s) URL, else None (never javascript: and friends)."""
    return url if url and HTTP_URL_RE.fullmatch(url) else None


def _iso_date(text: str) -> dt.date | None:
    """The date of an ISO 8601 date or date and time (``2025-02-28``, ``2025-02-28T09:00+09:00``)."""
    for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
        try:
            value = parse(text)
        except ValueError:
            continue
        return value.date() if isinstance(value, dt.datetime) else value
    return None


def _split_front_matter(lines: list[str]) -> tuple[Any, int, tuple[Problem, ...]]:
    """Return (raw front matter, number of lines it takes, problems)."""
    if not lines or lines[0].strip() != "---":
        return None, 0, ()
    for end in range(1, min(len(lines), 200)):
        if lines[end].strip() in ("---", "..."):
            try:
                raw, _node = load_yaml("\n".join(lines[1:end]))
            except (yaml.YAMLError, ValueError, RecursionError) as err:
                # ValueError: a document that expands too far (aliases of aliases).
                mark = getattr(err, "problem_mark", None)
                where = 2 + mark.line if mark is not None else 1
                return None, end + 1, (Problem("metadata", f"front matter is not valid YAML: {err}", where),)
            if not isinstance(raw, dict):
                # Two "---" lines around article text are not front matter: keep the text.
                return None, 0, ()
            return raw, end + 1, ()
    return None, 0, ()  # an opening --- without a closing one is just text


# --------------------------------------------------------------------------- structure

_SENTENCE_END = set("。．.!?！？…")
_CLOSERS = set("」』）)]】〕〉》\"'”’")
_BULLET_RE = re.compile(r"^(?:[-*•]\s+|・\s*)(?=\S)")
_FOOTER_WORDS = {"reference", "references", "reference(s)", "source", "sources", "source(s)", "出典", "参考", "参照"}
_URL_RE = re.compile(r"^https?://\S+$")
_SITE_RE = re.compile(r"^(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/?$")
#: A heading is at most this wide (East Asian wide characters count two).
HEADING_MAX_WIDTH = 100


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


#: Controls that separate words (Word's manual line break is \v): each becomes a space.
_WHITESPACE_CONTROLS_RE = re.compile("[\t\v\f\x1c\x1d\x1e\x1f\x85\u2028\u2029]")


def _is_footer(text: str) -> bool:
    """A ``Reference(s):`` line (and its variants).  Plain string work: linear on any line."""
    word = text.strip().rstrip(":：").rstrip().lower()
    return word in _FOOTER_WORDS


def _clean(line: str) -> str:
    """One line as the page should hold it: no tabs or control characters, no edge spaces."""
    line = _WHITESPACE_CONTROLS_RE.sub(" ", line)
    if not line.isprintable():  # else no character of category C (most lines: no loop)
        line = "".join(ch for ch in line if ch == " " or unicodedata.category(ch)[0] != "C" or ch in "\u200d")
    return line.strip(" \u3000\u00a0\ufeff")


def is_heading_like(text: str) -> bool:
    """A short bare line: not a bullet, not ending like a sentence."""
    # A character is one or two columns wide: a line of more characters than the limit is never a heading.
    if len(text) > HEADING_MAX_WIDTH or _BULLET_RE.match(text) or _width(text) > HEADING_MAX_WIDTH:
        return False
    core = text.rstrip("".join(_CLOSERS))
    return bool(core) and core[-1] not in _SENTENCE_END


def _parse_references(lines: list[tuple[int, str]]) -> tuple[Reference, ...]:
    refs: list[Reference] = []
    current: dict[str, Any] | None = None

    def close() -> None:
        nonlocal current
        if current is not None:
            refs.append(Reference(**current))
            current = None

    for lineno, text in lines:
        if _URL_RE.match(text):
            if current is None or current.get("url"):
                close()
                current = {"title": text, "line": lineno}
            current["url"] = text
        elif _SITE_RE.match(text) and current is not None and not current.get("site"):
            current["site"] = text.rstrip("/")
        else:
            close()
            current = {"title": text, "line": lineno}
    close()
    return tuple(refs)


def parse_seed(text: str, *, metadata: Metadata | None = None) -> Article:
    """Parse a seed's text into an :class:`Article`.

    ``metadata`` (from a sidecar file) is merged under any front matter the seed
    holds: a key in the sidecar wins, since the sidecar is where an analyst adds
    facts without touching the delivered text.  Never raises on any text; an
    empty text gives an article with an empty title and a ``empty`` problem.
    """
    problems: list[Problem] = []
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    raw_lines = text.split("\n")

    raw_meta, skip, meta_problems = _split_front_matter(raw_lines)
    problems.extend(meta_problems)
    front, front_problems = parse_metadata(raw_meta, line=1)
    problems.extend(front_problems)
    meta = _merge_metadata(front, metadata)

    lines = [(i + 1, _clean(raw)) for i, raw in enumerate(raw_lines) if i >= skip]
    lines = [(n, t) for n, t in lines if t]
    if not lines:
        return Article("", 1, None, (), (), meta, (*problems, Problem("empty", "the seed holds no text; no page made")))

    (title_line, title), rest = lines[0], lines[1:]
    # The footer: the last "Reference(s):" line and everything after it.
    footer_at = next((i for i in range(len(rest) - 1, -1, -1) if _is_footer(rest[i][1])), None)
    references: tuple[Reference, ...] = ()
    if footer_at is not None:
        references = _parse_references(rest[footer_at + 1 :])
        rest = rest[:footer_at]

    lead: Paragraph | None = None
    # Line 2 is the lead, unless it is a bullet or plainly the heading of a list
    # that follows it ("Key points" right after the title).
    heads_a_list = len(rest) > 1 and is_heading_like(rest[0][1]) and bool(_BULLET_RE.match(rest[1][1]))
    if rest and not _BULLET_RE.match(rest[0][1]) and not heads_a_list:
        lead = Paragraph(rest[0][1], rest[0][0])
        rest = rest[1:]
    if not rest and lead is None:
        problems.append(Problem("structure", "the seed holds only a title", title_line))

    sections = _parse_sections(rest)
    return Article(title, title_line, lead, sections, references, meta, tuple(problems))


def _merge_metadata(front: Metadata, sidecar: Metadata | None) -> Metadata:
    if sidecar is None:
        return front
    return Metadata(
        date=sidecar.date or front.date,
        url=sidecar.url or front.url,
        language=sidecar.language or front.language,
        tags=sidecar.tags or front.tags,
        slug=sidecar.slug or front.slug,
    )


def _parse_sections(lines: list[tuple[int, str]]) -> tuple[Section, ...]:
    sections: list[Section] = []
    heading: str | None = None
    heading_line = lines[0][0] if lines else 1
    blocks: list[Block] = []
    bullets: list[Takeaway] = []
    number = 0

    def flush_bullets() -> None:
        if bullets:
            blocks.append(TakeawayList(tuple(bullets)))
            bullets.clear()

    def close_section() -> None:
        flush_bullets()
        if heading is not None or blocks:
            sections.append(Section(heading, heading_line, tuple(blocks)))

    for i, (lineno, text) in enumerate(lines):
        bullet = _BULLET_RE.match(text)
        if bullet:
            number += 1
            bullets.append(Takeaway(text[bullet.end() :].strip(), lineno, number))
            continue
        # A heading needs something after it; a short last line is a paragraph.
        if is_heading_like(text) and i + 1 < len(lines):
            close_section()
            heading, heading_line, blocks = text, lineno, []
            continue
        flush_bullets()
        blocks.append(Paragraph(text, lineno))
    close_section()
    return tuple(sections)
