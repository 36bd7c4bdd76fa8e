"""What text a seed file holds: UTF-8, UTF-16, ISO-2022-JP or a detected legacy encoding (pure)."""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from briefing.articles.article import Problem
from briefing.util.subtypes import Subtype


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
        return DecodedSeed(text, encoding, (Problem(Subtype.ENCODING, note),))
    if _looks_binary(data):
        return DecodedSeed(None, None, (Problem(Subtype.BINARY, "the file holds binary data, not text; no page made"),))
    if b"\x00" in data:
        problems.append(Problem(Subtype.NUL, f"the file holds {data.count(0)} NUL byte(s); they were dropped"))
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
                    Problem(
                        Subtype.ENCODING, "the file is not UTF-8 and its encoding could not be detected; no page made"
                    ),
                ),
            )
        encoding = best.encoding
        text = str(best)
        problems.append(
            Problem(
                Subtype.ENCODING,
                f"the file is not UTF-8; decoded it as {encoding} (convert it with: iconv -f {encoding} -t utf-8)",
            )
        )
    return DecodedSeed(text, encoding, tuple(problems))
