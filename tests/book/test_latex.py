"""The printed book built: the LaTeX the latex builder writes, and the PDF where TeX is installed."""

from __future__ import annotations

import pytest

from briefing.output.latex import SPHINX_MAKEINDEX, UPMENDEX
from tests.conftest import Root, require_programs


@pytest.mark.sphinx("latex", testroot="book", confoverrides={"language": "en"})
def test_english_build_writes_xelatex_with_japanese_fonts_and_upmendex(sphinx_root: Root) -> None:
    result = sphinx_root.build()
    assert result.warnings == ""
    assert "using xelatex for the PDF" in result.status
    tex = (result.outdir / "briefing-book.tex").read_text("utf-8")
    from briefing.output.glyphs import uses_noto

    package = r"\usepackage[noto]{briefingcjk}" if uses_noto() else r"\usepackage{briefingcjk}"
    assert package in tex and r"\setmainfont{texgyretermes}" in tex
    assert (result.outdir / "briefingcjk.sty").is_file()
    rc = (result.outdir / "latexmkrc").read_text("utf-8")
    assert UPMENDEX in rc and SPHINX_MAKEINDEX not in rc


@pytest.mark.sphinx("latex", testroot="book", confoverrides={"briefing_latex_cjk_fonts": False})
def test_fonts_can_be_left_to_the_book(sphinx_root: Root) -> None:
    result = sphinx_root.build()
    assert result.warnings == ""
    assert "{briefingcjk}" not in (result.outdir / "briefing-book.tex").read_text("utf-8")


@pytest.mark.sphinx("latex", testroot="book")
def test_a_character_no_font_has_is_a_glyph_warning(sphinx_root: Root) -> None:
    """The PDF would drop it silently (dvipdfmx only logs it): the build names the seed and line."""
    from briefing.output.glyphs import book_font

    if book_font() is None:
        require_programs("kpsewhich")  # no TeX: no PDF; under CI=true this fails instead
    book = sphinx_root.src
    (book / "seeds" / "glyphs.txt").write_text(
        "絵文字の記事\n\n本文です。\n絵文字 \U0001f600 と \u2f8a6 を含む行。\n", "utf-8"
    )
    result = sphinx_root.build()
    assert "[briefing.glyph]" in result.warnings
    assert "glyphs.txt:4" in result.warnings and "U+1F600" in result.warnings
    assert result.warnings.count("[briefing.glyph]") == 1  # one warning for the line
    html = sphinx_root.build("html")  # the HTML has every glyph the reader's fonts have: no warning
    assert "briefing.glyph" not in html.warnings
