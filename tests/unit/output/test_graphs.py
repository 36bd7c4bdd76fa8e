"""Graphs drawn in one dot run at the end of an HTML build, and what happens when one fails (a stand-in app)."""

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
