"""Hostile input without a build: YAML bombs, slugs, files outside their folder, atomic writes.

The whole-book cases are in :mod:`tests.book.test_hostile`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.articles.metadata import parse_metadata
from briefing.generating.slugs import _short_hash, assign_slugs
from briefing.util.files import UnsafeFile, read_inside, write_atomic
from briefing.util.yamlio import YAMLTooLarge, load_yaml

BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(8)
)


COLLIDER = f"index-{_short_hash('wants-index.txt')}.txt"  # the slug that wants-index.txt's "index" gets


def test_yaml_bombs_and_self_references_are_refused_before_they_expand() -> None:
    with pytest.raises(YAMLTooLarge):
        load_yaml(BOMB)
    with pytest.raises(YAMLTooLarge):
        load_yaml("&a [*a]")
    value, _node = load_yaml("a: &x [1, 2]\nb: *x\ndate: 2025-02-30\n")
    assert value == {"a": [1, 2], "b": [1, 2], "date": "2025-02-30"}


@pytest.mark.parametrize("slug", ["abc\n", "index\n", "ok\nno"])
def test_a_slug_with_a_newline_is_refused(slug: str) -> None:
    meta, problems = parse_metadata({"slug": slug})
    assert meta.slug is None and problems


def test_suffixed_slugs_never_meet_another_seeds_own() -> None:
    names = ["wants-index.txt", COLLIDER, "index.txt", "a.txt"]
    slugs = assign_slugs(names, {"wants-index.txt": "index", "a.txt": "index"})
    assert len(set(slugs.values())) == len(names)
    assert slugs[COLLIDER] == COLLIDER.removesuffix(".txt")
    assert "index" not in slugs.values()


def test_read_inside_refuses_what_is_not_a_small_regular_file_inside(tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "ok.txt").write_bytes(b"x" * 10)
    assert read_inside(folder / "ok.txt", folder, 10) == b"x" * 10
    with pytest.raises(UnsafeFile, match="larger than"):
        read_inside(folder / "ok.txt", folder, 9)
    (folder / "up.txt").symlink_to("../outside.txt")
    (tmp_path / "outside.txt").write_text("secret")
    with pytest.raises(UnsafeFile, match="outside"):
        read_inside(folder / "up.txt", folder, 100)
    (folder / "loop.txt").symlink_to("loop.txt")
    with pytest.raises(UnsafeFile):
        read_inside(folder / "loop.txt", folder, 100)
    # An unreadable file (as root no permission stops a read; the kernel's own memory file does).
    with pytest.raises(UnsafeFile, match="cannot be read"):
        read_inside(Path("/proc/self/mem"), Path("/proc/self"), 100)


def test_an_atomic_write_that_fails_leaves_the_old_file_and_no_litter(tmp_path: Path, monkeypatch) -> None:
    page = tmp_path / "page.md"
    write_atomic(page, "old\n")

    class Full:
        def __init__(self, stream: object) -> None:
            self.stream = stream

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.stream.close()  # type: ignore[attr-defined]

        def write(self, data: bytes) -> int:
            raise OSError(28, "No space left on device")

    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: Full(real_fdopen(fd, *a, **k)))
    with pytest.raises(OSError, match="No space"):
        write_atomic(page, "new\n")
    assert page.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["page.md"]
