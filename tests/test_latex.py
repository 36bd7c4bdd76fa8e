"""The printed book's engine, fonts and index entries (briefing.output.latex)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sphinx.util import texescape

from briefing.output.latex import FALLBACK_ENGINE, SPHINX_MAKEINDEX, UPMENDEX, _index_text, choose_engine
from tests.conftest import copy_book, require_programs, run_build


class FakeTranslator:
    def __init__(self) -> None:
        texescape.init()  # the tables Sphinx's LaTeX builder sets up

    def encode(self, text: str) -> str:
        return texescape.escape(text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("王毅", "王毅"),
        ("A@B", 'A"@B'),
        ("A!B", 'A"!B'),
        ('say "x"', 'say ""x""'),
        ("a|b", r"a\textbar{}b"),
        ("{x}", r"\sphinxleftcurlybrace{}x\sphinxrightcurlybrace{}"),
        ("100%", r"100\%"),
    ],
)
def test_index_text_quotes_what_makeindex_reads(value: str, expected: str) -> None:
    assert _index_text(FakeTranslator(), value) == expected  # type: ignore[arg-type]


def _config(language: str | None, engine: str, **elements: str) -> Any:
    return SimpleNamespace(language=language, latex_engine=engine, latex_use_xindy=True, latex_elements=elements)


@pytest.mark.parametrize("engine", ["uplatex", "platex", "pdflatex"])
def test_another_language_gets_an_engine_that_writes_pdf(engine: str) -> None:
    config = _config("en", engine, papersize="a4paper")
    choose_engine(None, config)  # type: ignore[arg-type]
    assert config.latex_engine == FALLBACK_ENGINE
    assert config.latex_use_xindy is False
    assert "texgyretermes" in config.latex_elements["fontpkg"]
    assert config.latex_elements["papersize"] == "a4paper"


@pytest.mark.parametrize(
    ("language", "engine"), [("ja", "uplatex"), ("ja_JP", "platex"), ("en", "lualatex"), ("zh_CN", "xelatex")]
)
def test_an_engine_that_serves_the_language_is_kept(language: str, engine: str) -> None:
    config = _config(language, engine)
    choose_engine(None, config)  # type: ignore[arg-type]
    assert config.latex_engine == engine and config.latex_use_xindy is True and "fontpkg" not in config.latex_elements


def test_fonts_the_book_chose_are_kept() -> None:
    config = _config("en", "uplatex", fontpkg=r"\setmainfont{Mine}")
    choose_engine(None, config)  # type: ignore[arg-type]
    assert config.latex_elements["fontpkg"] == r"\setmainfont{Mine}"


def test_english_build_writes_xelatex_with_japanese_fonts_and_upmendex(tmp_path: Path) -> None:
    result = run_build(copy_book(tmp_path / "book"), "latex", language="en")
    assert result.warnings == ""
    assert "using xelatex for the PDF" in result.status
    tex = (result.outdir / "briefing-book.tex").read_text("utf-8")
    from briefing.output.glyphs import uses_noto

    package = r"\usepackage[noto]{briefingcjk}" if uses_noto() else r"\usepackage{briefingcjk}"
    assert package in tex and r"\setmainfont{texgyretermes}" in tex
    assert (result.outdir / "briefingcjk.sty").is_file()
    rc = (result.outdir / "latexmkrc").read_text("utf-8")
    assert UPMENDEX in rc and SPHINX_MAKEINDEX not in rc


def test_fonts_can_be_left_to_the_book(tmp_path: Path) -> None:
    result = run_build(copy_book(tmp_path / "book"), "latex", briefing_latex_cjk_fonts=False)
    assert result.warnings == ""
    assert "{briefingcjk}" not in (result.outdir / "briefing-book.tex").read_text("utf-8")


def test_a_character_no_font_has_is_a_glyph_warning(tmp_path: Path) -> None:
    """The PDF would drop it silently (dvipdfmx only logs it): the build names the seed and line."""
    from briefing.output.glyphs import book_font

    if book_font() is None:
        require_programs("kpsewhich")  # no TeX: no PDF; under CI=true this fails instead
    book = copy_book(tmp_path / "book")
    (book / "seeds" / "glyphs.txt").write_text(
        "絵文字の記事\n\n本文です。\n絵文字 \U0001f600 と \u2f8a6 を含む行。\n", "utf-8"
    )
    result = run_build(book, "latex")
    assert "[briefing.glyph]" in result.warnings
    assert "glyphs.txt:4" in result.warnings and "U+1F600" in result.warnings
    assert result.warnings.count("[briefing.glyph]") == 1  # one warning for the line
    html = run_build(book, "html")  # the HTML has every glyph the reader's fonts have: no warning
    assert "briefing.glyph" not in html.warnings


def test_missing_lists_only_what_the_font_lacks() -> None:
    from briefing.output.glyphs import missing

    covered = frozenset(map(ord, "中国語"))
    assert missing("中国語\nabc Привет\n中华", covered) == [(3, "华")]
    assert missing("中\ufe0f国", covered) == []  # a variation selector needs no glyph
