"""Graphs drawn in one dot run at the end of an HTML build, and what happens when one fails."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from briefing.output import graphs
from tests.conftest import require_programs

if TYPE_CHECKING:
    import pytest


def fake_app(outdir: Path) -> Any:
    config = SimpleNamespace(graphviz_dot="dot", graphviz_dot_args=[], graphviz_output_format="svg")
    builder = SimpleNamespace(name="html", outdir=str(outdir), imagedir="_images")
    return SimpleNamespace(config=config, builder=builder)


def test_every_pending_graph_is_drawn_and_a_broken_one_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_programs("dot")
    images = tmp_path / "_images"
    images.mkdir()
    for i in range(3):
        (images / f"{graphs.PREFIX}{i}.gv").write_text(f'graph g {{ "a{i}" -- "b{i}"; }}', "utf-8")
    (images / f"{graphs.PREFIX}bad.gv").write_text("graph g { this is not dot", "utf-8")
    warnings: list[str] = []
    monkeypatch.setattr(graphs.logger, "warning", lambda msg, *args, **kw: warnings.append(msg % args))
    graphs.draw_pending(fake_app(tmp_path), None)
    for i in range(3):
        svg = images / f"{graphs.PREFIX}{i}.svg"
        assert svg.is_file() and f"a{i}" in svg.read_text("utf-8")
        assert not (images / f"{graphs.PREFIX}{i}.gv").exists()
    # The broken one keeps its source (drawn again next build), leaves no half drawing, and is reported.
    assert (images / f"{graphs.PREFIX}bad.gv").exists()
    assert not list(images.glob("*bad*.svg"))
    assert len(warnings) == 1 and "could not draw" in warnings[0]


def test_other_builders_draw_nothing_at_the_end(tmp_path: Path) -> None:
    app = fake_app(tmp_path)
    app.builder.name = "epub"
    (tmp_path / "_images").mkdir()
    (tmp_path / "_images" / f"{graphs.PREFIX}x.gv").write_text("graph g { a -- b; }", "utf-8")
    graphs.draw_pending(app, None)
    assert not list((tmp_path / "_images").glob("*.svg"))


def test_drawings_no_page_shows_are_deleted_by_the_next_build(tmp_path: Path) -> None:
    import re
    import shutil

    from tests.conftest import ROOT, run_build

    require_programs("dot")
    src = tmp_path / "book"
    shutil.copytree(ROOT / "tests" / "roots" / "test-hostile", src)
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

    first = run_build(src, graphviz_output_format="svg")
    assert first.warnings == ""
    before = shown_and_present(first.outdir)
    assert before[0] and before[0] == before[1]
    for i, text in enumerate(("中国とインドが会談した。", "ロシアとインドも会談した。")):
        (src / "seeds" / f"b{i}.txt").write_text(f"記事{i}\n{text}\n", "utf-8")
        later = run_build(src, graphviz_output_format="svg")
        assert later.warnings == ""
        shown, present = shown_and_present(later.outdir)
        assert shown == present, shown ^ present
        assert shown != before[0]
