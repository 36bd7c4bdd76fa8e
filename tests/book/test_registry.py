"""The registry in a build: entities from data alone, changed registry files, incremental builds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import Root, copy_book, run_build


@pytest.mark.sphinx("html", testroot="book")
def test_a_bad_registry_warns_with_file_and_line_and_the_book_still_builds(sphinx_root: Root) -> None:
    book = sphinx_root.src
    (book / "registry" / "zz-bad.yaml").write_text(
        "entities:\n  - id: china\n    kind: actor\n    type: state\n    name: {ja: 中国, en: China}\n    reading: ちゅうごく\n"
        "  - id: ghost\n    kind: spirit\n    name: {ja: 幽霊, en: Ghost}\n    reading: ゆうれい\n",
        "utf-8",
    )
    result = sphinx_root.build()
    lines = [w for w in result.warnings.splitlines() if w.strip()]
    assert len(lines) == 2, lines
    assert (
        "registry/zz-bad.yaml:2: WARNING: duplicate id 'china'" in lines[0]
        and "[briefing.registry-duplicate]" in lines[0]
    )
    assert "registry/zz-bad.yaml:7: WARNING: ghost: unknown kind 'spirit'" in lines[1]
    assert (result.outdir / "entities" / "actor" / "wang-yi.html").is_file()


@pytest.mark.sphinx("html", testroot="book")
def test_editing_the_registry_then_building_incrementally_equals_a_clean_build(
    sphinx_root: Root, tmp_path: Path
) -> None:
    from tests.conftest import assert_same_book

    book = sphinx_root.src
    sphinx_root.build()
    actors = book / "registry" / "actors.yaml"
    actors.write_text(
        actors.read_text("utf-8").replace("aliases:\n      ja: [王毅]", "aliases:\n      ja: [王毅, 王 毅]")
        + "\n  - id: emmanuel-macron\n    kind: actor\n    type: person\n    name: {ja: マクロン, en: Emmanuel Macron}\n"
        "    reading: まくろん\n",
        "utf-8",
    )
    incremental = sphinx_root.build()
    assert incremental.warnings == ""
    clean_src = copy_book(tmp_path / "clean")
    shutil.rmtree(clean_src / "registry")
    shutil.copytree(book / "registry", clean_src / "registry")
    shutil.rmtree(clean_src / "entities")
    clean = run_build(clean_src)
    assert_same_book(incremental, clean)
    assert (incremental.outdir / "entities" / "actor" / "emmanuel-macron.html").is_file()
