"""The book's language, asked in one place: which of an entity's names, labels and dates to show."""

from __future__ import annotations


def english(language: str | None) -> bool:
    """Whether the book is written in English; otherwise it is Japanese first (also without a language)."""
    return (language or "ja").startswith("en")


def japanese(language: str | None) -> bool:
    """Whether the build language is Japanese (``ja``, ``ja_JP``, ``ja-JP``); Sphinx's own default is English."""
    return (language or "en").replace("-", "_").split("_")[0] == "ja"
