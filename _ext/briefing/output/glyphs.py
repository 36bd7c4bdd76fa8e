"""Characters the PDF's fonts cannot print, named before LaTeX drops them without a word.

dvipdfmx only writes "No character mapping available" into its log when a font has
no glyph for a character, and the PDF silently loses it.  So when the latex builder
runs, every seed is read for characters beyond Latin (CJK, kana, Hangul, symbols)
that the book's CJK font lacks: Noto CJK when it is installed (the package
``briefingcjk`` chooses it then; it covers Japanese and simplified and traditional
Chinese), else Harano Aji.  Each line with such characters is a ``briefing.glyph``
warning naming the seed and the line.

The font's character map is read with fontTools and kept in the doctree folder,
keyed by the font file's path, size and time.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from briefing.articles.decode import decode_seed
from briefing.articles.parse import seed_lines
from briefing.generating.slugs import is_seed_name
from briefing.readtime.config import BriefingConfig
from briefing.util import cache as build_cache
from briefing.util.files import SEED_LIMIT, UnsafeFile, read_inside, regular_files
from briefing.util.subtypes import Subtype

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

#: The fonts the PDF prints CJK text with (see :func:`.latex.add_latex_packages`): Noto CJK when all
#: of the first group are there, else Harano Aji.
NOTO = ("NotoSerifCJK-Regular.ttc", "NotoSansCJK-Bold.ttc", "NotoSerifCJK-Bold.ttc")
HARANO = ("HaranoAjiMincho-Regular.otf",)
#: From here on a character goes to the CJK font (below: Latin, Greek, Cyrillic, punctuation, in
#: the Latin fonts).
FIRST_CJK = 0x2E80
#: Characters no font needs: variation selectors and other invisible marks.
_INVISIBLE = frozenset([*range(0xFE00, 0xFE10), 0xFEFF, *range(0xE0100, 0xE01F0)])
#: Categories of characters that are never drawn: formats, controls, surrogates, spaces, breaks.
_NOT_DRAWN = frozenset({"Cf", "Cc", "Cs", "Zs", "Zl", "Zp"})


@cache
def _find(name: str) -> Path | None:
    """Where TeX finds a font file (kpsewhich), or None."""
    program = shutil.which("kpsewhich")
    if program is None:
        return None
    try:
        out = subprocess.run([program, name], capture_output=True, text=True, timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(out.strip()) if out.strip() else None
    return path if path is not None and path.is_file() else None


def uses_noto() -> bool:
    """Whether TeX finds the Noto CJK files the book prints with (else it uses Harano Aji)."""
    return all(_find(name) for name in NOTO)


def book_font() -> Path | None:
    """The file of the font the PDF prints CJK body text with (``briefingcjk.sty``'s choice)."""
    return _find(NOTO[0]) if uses_noto() else _find(HARANO[0])


def font_characters(path: Path, cache_dir: Path | None = None) -> frozenset[int]:
    """The code points ``path`` (the first font of a collection) has glyphs for."""
    stat = path.stat()
    key = f"{path} {stat.st_size} {stat.st_mtime_ns}"
    where = cache_dir / "briefing-glyphs.pickle" if cache_dir is not None else None
    if where is not None:
        known = build_cache.load(where, key)
        if isinstance(known, frozenset):
            return known
    from fontTools.ttLib import TTFont  # imported here: only a PDF build needs it

    with TTFont(str(path), fontNumber=0, lazy=True) as font:
        covered = frozenset(font.getBestCmap() or {})
    if where is not None:
        build_cache.save(where, key, covered)
    return covered


def _shown(ch: str) -> bool:
    """Whether ``ch`` is drawn: not a format character (ZWJ, bidi marks), a control or a
    variation selector.  Private-use and unassigned characters (newer than Python's
    Unicode tables) are drawn, if the font has them."""
    return ord(ch) not in _INVISIBLE and unicodedata.category(ch) not in _NOT_DRAWN


def missing(text: str, covered: frozenset[int]) -> list[tuple[int, str]]:
    """(line number, characters) of each line of ``text`` with characters the font lacks,
    numbered as the seed parser numbers them (:func:`.seed.seed_lines`)."""
    out = []
    for number, line in enumerate(seed_lines(text), start=1):
        lacking = {ch for ch in line if ord(ch) >= FIRST_CJK and ord(ch) not in covered and _shown(ch)}
        if lacking:
            out.append((number, "".join(sorted(lacking))))
    return out


def seed_texts(srcdir: Path, folder: str) -> Iterable[tuple[Path, str]]:
    """(path, text) of every seed the generator would read (bad ones it reports itself)."""
    root = srcdir / folder
    paths, _refused = regular_files(root, is_seed_name)
    for path in paths:
        try:
            decoded = decode_seed(read_inside(path, root, SEED_LIMIT))
        except (UnsafeFile, ValueError, OSError):
            continue
        if decoded.text is not None:
            yield path, decoded.text


def check_glyphs(app: Sphinx) -> None:
    """Warn (``briefing.glyph``) of each seed line with characters the PDF cannot print."""
    conf = BriefingConfig.of(app.config)
    if app.builder.name != "latex" or not conf.latex_cjk_fonts:
        return
    font = book_font()
    if font is None:
        return  # no TeX here: there is no PDF to print either
    covered = font_characters(font, Path(app.doctreedir))
    for path, text in seed_texts(Path(app.srcdir), conf.seed_dir):
        for line, chars in missing(text, covered):
            logger.warning(
                "briefing: %s has no glyph for %s: the PDF cannot print %s (the HTML keeps %s)",
                font.name,
                " ".join(f"{ch} (U+{ord(ch):04X})" for ch in chars[:10]),
                *(["them"] * 2 if len(chars) > 1 else ["it"] * 2),
                type="briefing",
                subtype=Subtype.GLYPH,
                location=f"{path}:{line}",
            )


class DropFormatCharacters(SphinxPostTransform):
    """Leave format characters out of the printed book: they are drawn as nothing on screen,
    but TeX's fonts have no glyph for them and the PDF would show each as a box.  The page's
    source and the HTML keep them (every character of a seed reaches the page)."""

    default_priority = 900
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        for text in list(self.document.findall(nodes.Text)):
            if text.isprintable() or text.parent is None:  # most texts: no character of category C
                continue
            printed = "".join(ch for ch in text.astext() if unicodedata.category(ch) != "Cf")
            if printed != text.astext():
                text.parent.replace(text, nodes.Text(printed))


def setup_glyphs(app: Sphinx) -> None:
    app.connect("builder-inited", check_glyphs)
    app.add_post_transform(DropFormatCharacters)
