"""The generation never holds Sudachi's and jieba's dictionaries at once (issue 29: the build's
peak memory was the two together), and finds the same candidates as before."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from briefing.language import words
from tests.conftest import run_build, write_seeds

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

SEEDS = {
    "ja.txt": "ラブロフ外相が訪中\n\nロシアのラブロフ外相は5日、中国の王毅外相と会談した。ミハイロフ副首相も同席した。\n",
    "zh.txt": "王毅会见俄罗斯外长\n\n外交部长王毅5日在北京会见俄罗斯外长拉夫罗夫。副总理米哈伊洛夫出席。\n",
    "ja2.txt": "日中外相が会談\n\n岩屋外相は王毅外相と会談した。\n",
}


def test_sudachi_is_let_go_before_jieba_is_loaded(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_seeds(book, SEEDS)
    held: list[int] = []
    loaded = words._jieba

    def jieba_loaded(user_words: frozenset[str]) -> Any:
        held.append(words._dictionary.cache_info().currsize)  # is Sudachi's dictionary held now?
        return loaded(user_words)

    jieba_loaded.cache_clear = loaded.cache_clear  # type: ignore[attr-defined]
    words.release()  # start from nothing loaded, as a fresh build does
    monkeypatch.setattr(words, "_jieba", jieba_loaded)
    build = run_build(book)
    assert held, "jieba was used"
    assert set(held) == {0}, "Sudachi's dictionary was held while jieba's was in use"
    candidates = (book / "entities" / "candidates.md").read_text("utf-8")
    assert "ミハイロフ" in candidates  # found by the Japanese page's pass (primed, then listed)
    assert "WARNING" not in build.warnings
