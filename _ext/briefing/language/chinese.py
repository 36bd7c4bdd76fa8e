"""Traditional and simplified forms of the registry's Chinese names, through OpenCC.

A registry lists a Chinese name once (in simplified characters, or traditional);
the matcher also looks for its other forms (联合国 → 聯合國, 習近平 → 习近平), so an
article from Taipei or Hong Kong links like one from Beijing.  The aliases are
converted, never the text: offsets into the text stay those of the article.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from briefing.language.errors import analysing

__all__ = ["release", "to_simplified", "variants"]

#: OpenCC's conversions: to traditional (general, Taiwan, Hong Kong) and to simplified.
CONVERSIONS = ("s2t", "s2tw", "s2hk", "t2s")


@cache
def _converter(name: str) -> Any:
    with analysing("OpenCC"):
        import opencc

        return opencc.OpenCC(name)


@cache
def variants(text: str) -> tuple[str, ...]:
    """The other written forms of a Chinese ``text`` (without ``text`` itself).

    Raises :class:`~.analyser_errors.AnalyserError` when OpenCC fails.
    """
    converters = [_converter(name) for name in CONVERSIONS]
    with analysing("OpenCC"):
        found = dict.fromkeys(str(converter.convert(text)) for converter in converters)
    found.pop(text, None)
    return tuple(found)


def to_simplified(text: str) -> str:
    """``text`` in simplified characters (OpenCC's t2s).

    Raises :class:`~.analyser_errors.AnalyserError` when OpenCC fails.
    """
    converter = _converter("t2s")
    with analysing("OpenCC"):
        return str(converter.convert(text))


def release() -> None:
    """Let OpenCC's converters go (their dictionaries are tens of megabytes); results stay cached."""
    _converter.cache_clear()
