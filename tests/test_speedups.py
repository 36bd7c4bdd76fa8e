"""The speed-ups (briefing.speedups): what they rely on holds here, and the book is the same without them."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing import speedups
from briefing.search import same_words_as_sphinx
from tests.conftest import copy_book, file_hashes, run_build


def _files(outdir: Path) -> dict[str, str]:
    """Every output file and its hash; not ``.buildinfo``: it hashes ``templates_path``, to which the
    theme appends its folders in place, so a second build in one process records a longer list."""
    return file_hashes(outdir, lambda rel: rel.name == ".buildinfo")


def test_what_every_part_relies_on_holds_on_this_sphinx(tmp_path: Path) -> None:
    result = run_build(copy_book(tmp_path / "book"))
    assert result.warnings == ""
    assert "speed-up" not in result.status
    assert {name: holds(result.app) for name, holds in speedups.PARTS.items()} == dict.fromkeys(speedups.PARTS)
    assert same_words_as_sphinx()


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_the_book_is_the_same_with_every_speed_up_off(tmp_path: Path, builder: str) -> None:
    on = run_build(copy_book(tmp_path / "on"), builder)
    off = run_build(copy_book(tmp_path / "off"), builder, briefing_speedups=False)
    assert on.warnings == off.warnings == ""
    assert all(speedups.active(on.app, name) for name in speedups.PARTS)
    assert not any(speedups.active(off.app, name) for name in speedups.PARTS)
    mine, sphinx_s = _files(on.outdir), _files(off.outdir)
    assert len(mine) > 40
    assert mine.keys() == sphinx_s.keys()
    differ = [name for name in mine if mine[name] != sphinx_s[name]]
    assert differ == []


def test_a_part_whose_assumption_fails_is_off_with_an_info_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(speedups.PARTS, "toctrees", lambda app: "pretend Sphinx changed")
    book = copy_book(tmp_path / "book")
    result = run_build(book)
    assert result.warnings == ""
    assert "speed-up 'toctrees' is off (pretend Sphinx changed)" in result.status
    assert not speedups.active(result.app, "toctrees") and speedups.active(result.app, "navigation")
