"""The book's language, asked in one place: which of an entity's names, labels and dates to show."""

from __future__ import annotations


def english(language: str | None) -> bool:
    """Whether the book is written in English; otherwise it is Japanese first (also without a language)."""
    return (language or "ja").startswith("en")


def japanese(language: str | None) -> bool:
    """Whether the build language is Japanese (``ja``, ``ja_JP``, ``ja-JP``); Sphinx's own default is English."""
    return (language or "en").replace("-", "_").split("_")[0] == "ja"


def text_language(text: str) -> str:
    """The language of an article's text, by its scripts: ``ja`` with kana, ``zh`` with Chinese
    characters and no kana, else ``en`` (a seed's sidecar ``language:`` wins over this)."""
    kana = han = latin = 0
    for ch in text[:20_000]:
        code = ord(ch)
        if 0x3041 <= code <= 0x30FA:
            kana += 1
        elif 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
            han += 1
        elif ch.isascii() and ch.isalpha():
            latin += 1
    if kana and kana * 20 >= han:
        return "ja"
    if han and han * 2 >= latin:
        return "zh"
    return "en"
