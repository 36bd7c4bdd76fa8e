"""An analyser that fails in a build is a ``briefing.analyser`` warning at the seed's file and line."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from briefing.language import words as segment
from tests.conftest import Root


def _book_with(book: Path, seed: str) -> Path:
    """Add ``seed`` to ``book`` as ``seeds/broken.txt``."""
    (book / "seeds" / "broken.txt").write_text(seed, "utf-8")
    return book


@pytest.mark.sphinx("html", testroot="book")
def test_an_analyser_failure_in_a_build_is_a_warning_at_the_file_and_line(
    sphinx_root: Root, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Broken:
        def tokenize(self, text: str) -> list[object]:
            raise RuntimeError("the dictionary is gone")

    book = _book_with(sphinx_root.src, "見出しの題\n本文です。\n中国外相と岩屋毅外相が会談した。\n")
    registry = book / "registry" / "zz-derived.yaml"
    registry.write_text(
        "entities:\n  - id: yamada-taro\n    kind: actor\n    name: {ja: 山田太郎, en: Taro Yamada}\n", "utf-8"
    )
    monkeypatch.setattr(segment, "_sudachi", functools.cache(lambda mode: Broken()))
    build = sphinx_root.build()
    assert (build.outdir / "index.html").is_file()
    seed = book / "seeds" / "broken.txt"
    analyser = [w for w in build.warnings.splitlines() if "[briefing.analyser]" in w and f"{seed}:" in w]
    assert len(analyser) == 1 and f"{seed}:3:" in analyser[0] and "Sudachi failed" in analyser[0], build.warnings
    derived = [w for w in build.warnings.splitlines() if "[briefing.registry-analyser]" in w]
    assert any(f"{registry}:2:" in w and "yamada-taro" in w for w in derived), build.warnings
    assert "Traceback" not in build.warnings
