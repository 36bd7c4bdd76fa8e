"""Drawings of a whole book: the ones no page shows any more are deleted by the next build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.output import graphs
from tests.conftest import Root, require_programs


@pytest.mark.sphinx("html", testroot="hostile", confoverrides={"graphviz_output_format": "svg"})
def test_drawings_no_page_shows_are_deleted_by_the_next_build(sphinx_root: Root) -> None:
    require_programs("dot")
    src = sphinx_root.src
    (src / "registry" / "kinds.yaml").write_text(
        "kinds:\n  actor:\n    name: {ja: アクター, en: Actors}\n  forum:\n    name: {ja: フォーラム, en: Forums}\n",
        "utf-8",
    )
    (src / "registry" / "actors.yaml").write_text(
        "".join(
            f"  - id: {eid}\n    kind: actor\n    name: {{ja: {ja}, en: {eid}}}\n    reading: {reading}\n"
            for eid, ja, reading in (
                ("china", "中国", "ちゅうごく"),
                ("russia", "ロシア", "ろしあ"),
                ("india", "インド", "いんど"),
            )
        ).join(["entities:\n", ""]),
        "utf-8",
    )
    (src / "registry" / "forums.yaml").write_text("entities: []\n", "utf-8")
    (src / "seeds").mkdir()
    (src / "seeds" / "a.txt").write_text("記事\n中国とロシアが会談した。\n", "utf-8")

    def shown_and_present(build_dir: Path) -> tuple[set[str], set[str]]:
        html = "".join(p.read_text("utf-8") for p in build_dir.rglob("*.html"))
        shown = set(re.findall(rf"({graphs.PREFIX}[0-9a-f]+)\.svg", html))
        present = {p.stem for p in (build_dir / "_images").glob(f"{graphs.PREFIX}*.svg")}
        return shown, present

    first = sphinx_root.build()
    assert first.warnings == ""
    before = shown_and_present(first.outdir)
    assert before[0] and before[0] == before[1]
    for i, text in enumerate(("中国とインドが会談した。", "ロシアとインドも会談した。")):
        (src / "seeds" / f"b{i}.txt").write_text(f"記事{i}\n{text}\n", "utf-8")
        later = sphinx_root.build()
        assert later.warnings == ""
        shown, present = shown_and_present(later.outdir)
        assert shown == present, shown ^ present
        assert shown != before[0]
