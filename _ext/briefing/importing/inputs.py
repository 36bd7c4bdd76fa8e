"""What a file to import is, by its bytes, and its text in the encoding the page declares (pure).

A saved page is HTML or MHTML (the single file browsers save: a MIME message whose
HTML part is the page); a feed is Atom, RSS 2.0 or RDF XML.  The suffix says what
the analyst expects; the first bytes say what the file is, and a file that is not
what its suffix says (a PNG named ``.html``, a page named ``.xml``) is refused.
"""

from __future__ import annotations

import codecs
import email.parser
import email.policy
import re
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Literal

from charset_normalizer import from_bytes

from briefing.util.files import read_inside

#: Largest saved page read (an ``.mhtml`` carries the page's images too).
PAGE_LIMIT = 32 * 1024 * 1024
#: Largest feed read.
FEED_LIMIT = 16 * 1024 * 1024

Kind = Literal["html", "mhtml", "feed"]

#: What each suffix promises.
SUFFIXES: dict[str, Kind] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".mhtml": "mhtml",
    ".mht": "mhtml",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
}

#: Other files analysts have at hand, told by their first bytes.
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"\x7fELF", "a program"),
    (b"RIFF", "a RIFF file (an image, sound or video)"),
)
_KIND_NAMES = {"html": "an HTML page", "mhtml": "an MHTML page", "feed": "a feed"}
#: The first element of a document: skipping the XML declaration, doctype, comments and PIs.
_FIRST_ELEMENT = re.compile(rb"<(?![!?/])([A-Za-z][\w:.-]*)")
_FEED_ROOTS = {b"rss", b"feed", b"rdf:rdf", b"rdf"}
_HTML_ROOTS = {b"html", b"head", b"body", b"meta", b"title", b"div", b"article", b"p"}
#: ``<meta charset=…>`` or ``<meta http-equiv="Content-Type" content="…; charset=…">`` near the top.
_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
#: Internet Explorer's and Chrome's note of where a page was saved from.
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(https?://[^\s>]{1,2000}?)\s*-->", re.IGNORECASE)
#: Labels pages use for encodings Python names otherwise, or whose superset browsers decode with
#: (the WHATWG Encoding Standard: Shift_JIS is windows-31j, GB2312 and GBK are GB18030).
_SUPERSETS = {
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "ms_kanji": "cp932",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "big5": "big5hkscs",
    "x-euc-jp": "euc_jp",
    "iso-8859-1": "cp1252",
    "us-ascii": "cp1252",
}


class Refused(Exception):
    """A file (or page, or entry) that gives no seed: the message says why, for the analyst."""


@dataclass(frozen=True)
class Loaded:
    """A file's content: the page's HTML as text, or a feed's bytes (its XML declares its own encoding)."""

    kind: Kind
    html: str = ""
    feed: bytes = b""
    saved_from: str | None = None  # where the browser saved it from, when it says so


def what_it_is(data: bytes) -> Kind | str:
    """The kind of ``data`` by its first bytes, or a description of what else it is."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = head.decode("utf-16", errors="ignore").encode("utf-8", errors="ignore")
    head = head.lstrip(codecs.BOM_UTF8).lstrip()
    if re.match(rb"(?i)(?:[\w-]+:[^\r\n]*\r?\n){1,40}", head) and re.search(rb"(?im)^content-type:\s*multipart/", head):
        return "mhtml"
    if b"\x00" in head:
        return "a binary file"
    first = _FIRST_ELEMENT.search(head)
    if first is None:
        return "plain text, not markup"
    root = first.group(1).lower()
    if root in _FEED_ROOTS:
        return "feed"
    if root in _HTML_ROOTS or re.match(rb"(?i)<!doctype\s+html", head):
        return "html"
    return f"XML whose root is <{root.decode('ascii', 'replace')}>, neither a page nor a feed"


def load_file(path: Path) -> Loaded:
    """The file at ``path`` read within its limit (a regular file inside its folder), checked and decoded."""
    expected = SUFFIXES.get(path.suffix.lower())
    if expected is None:
        known = ", ".join(sorted(SUFFIXES))
        raise Refused(f"{path.suffix or 'no suffix'}: not a saved page or a feed (known suffixes: {known})")
    data = read_inside(path, path.parent, FEED_LIMIT if expected == "feed" else PAGE_LIMIT)
    found = what_it_is(data)
    if found != expected:
        what = _KIND_NAMES.get(found, found)
        raise Refused(f"its suffix says {_KIND_NAMES[expected]}, but it is {what}; nothing imported")
    return load_bytes(data, expected)


def load_bytes(data: bytes, kind: Kind) -> Loaded:
    """``data`` of a known ``kind`` decoded: a page's text, or a feed's bytes as they are."""
    if kind == "feed":
        return Loaded("feed", feed=data)
    if kind == "mhtml":
        html, charset, location = _mhtml_part(data)
        return Loaded("html", html=decode_html(html, charset), saved_from=location)
    text = decode_html(data, None)
    saved = _SAVED_FROM.search(text[:4096])
    return Loaded("html", html=text, saved_from=saved.group(1) if saved else None)


def _codec(label: str | None) -> str | None:
    """Python's codec for an encoding label, or None when Python knows no such encoding."""
    if not label:
        return None
    name = _SUPERSETS.get(label.strip().lower(), label.strip().lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes, declared: str | None) -> str:
    """A page's bytes as text: by its byte-order mark, else the charset declared (the MIME part's
    or the page's ``<meta>``), else UTF-8, else the encoding charset-normalizer finds; strictly
    (a byte that does not decode is never dropped or replaced), or :class:`Refused`."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _strict(data, name) or _refuse_encoding(name)
    meta = _META_CHARSET.search(data[:8192])
    for label in (declared, meta.group(1).decode("ascii") if meta else None, "utf-8"):
        codec = _codec(label)
        if codec is not None and (text := _strict(data, codec)) is not None:
            return text
    best = from_bytes(data[:PAGE_LIMIT]).best()
    if best is not None and (text := _strict(data, best.encoding)) is not None:
        return text
    return _refuse_encoding(declared or (meta.group(1).decode("ascii") if meta else "none declared"))


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _refuse_encoding(label: str) -> str:
    raise Refused(f"its text does not decode in the encoding it declares ({label}) nor in one found for it")


def _mhtml_part(data: bytes) -> tuple[bytes, str | None, str | None]:
    """The page inside an MHTML file: (its bytes, its charset, the address it was saved from)."""
    message = email.parser.BytesParser(policy=email.policy.default).parsebytes(data)
    if not isinstance(message, EmailMessage):  # pragma: no cover - the policy makes EmailMessage
        raise Refused("not a MIME message")
    snapshot = "".join(str(message.get("Snapshot-Content-Location", "")).split())
    pages = [part for part in message.walk() if part.get_content_type() in ("text/html", "application/xhtml+xml")]
    if not pages:
        raise Refused("an MHTML file without an HTML part; nothing imported")
    page = next(
        (p for p in pages if snapshot and "".join(str(p.get("Content-Location", "")).split()) == snapshot), pages[0]
    )
    body = page.get_payload(decode=True)
    if not isinstance(body, bytes) or not body.strip():
        raise Refused("the MHTML file's HTML part is empty")
    location = snapshot or "".join(str(page.get("Content-Location", "")).split())
    return body, page.get_content_charset(), location or None
