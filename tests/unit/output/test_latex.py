"""The printed book's engine, fonts and index entries (briefing.output.latex), without a build."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from sphinx.util import texescape

from briefing.output.latex import FALLBACK_ENGINE, _index_text, choose_engine


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


def test_missing_lists_only_what_the_font_lacks() -> None:
    from briefing.output.glyphs import missing

    covered = frozenset(map(ord, "中国語"))
    assert missing("中国語\nabc Привет\n中华", covered) == [(3, "华")]
    assert missing("中\ufe0f国", covered) == []  # a variation selector needs no glyph
