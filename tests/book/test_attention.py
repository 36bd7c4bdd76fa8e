"""Attention over time on entity pages, and the co-mention graph of one period (``:from:``, ``:to:``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SEEDS, Root, write_seeds

SIDECARS = {
    "a.yaml": "date: 2025-03-01\nsource: 共同通信\n",
    "b.yaml": "date: 2025-01-10\n",
    "c.yaml": "date: 2025-01-15\n",
}


@pytest.mark.sphinx("html", testroot="book")
def test_an_entity_page_charts_its_months_and_names_its_sources(sphinx_root: Root) -> None:
    write_seeds(sphinx_root.src, SEEDS, SIDECARS)
    build = sphinx_root.build()
    assert build.warnings == "", build.warnings
    china = (build.outdir / "entities/actor/china.html").read_text("utf-8")
    assert (
        china.count('<svg class="briefing-attention-chart"') == 1
        and "<script" not in china.split("<svg")[1].split("</svg>")[0]
    )
    # a.txt (2025-03) and the shipped seed (2025-02) name China: two months with a bar each.
    assert "<title>2025-02: 1</title>" in china and "<title>2025-03: 1</title>" in china
    assert "配信元別" in china and "共同通信 (1)" in china


@pytest.mark.sphinx("latex", testroot="book")
def test_the_pdf_draws_the_chart_as_a_picture(sphinx_root: Root) -> None:
    write_seeds(sphinx_root.src, SEEDS, SIDECARS)
    build = sphinx_root.build()
    assert build.warnings == "", build.warnings
    tex = next(Path(build.outdir).glob("*.tex")).read_text("utf-8")
    assert r"\begin{picture}" in tex and "言及したブリーフィング（月別）" in tex


@pytest.mark.sphinx("html", testroot="book")
def test_a_graph_of_one_period_and_a_bad_month_said(sphinx_root: Root) -> None:
    write_seeds(sphinx_root.src, SEEDS, SIDECARS)
    page = (
        "# 一月\n\n```{briefing-graph}\n:from: 2025-01\n:to: 2025-01\n```\n\n```{briefing-graph}\n:from: January\n```\n"
    )
    index = (sphinx_root.src / "index.md").read_text("utf-8")
    (sphinx_root.src / "index.md").write_text(index + "\n" + page.replace("# 一月", "## 一月"), "utf-8")
    build = sphinx_root.build()
    lines = [line for line in build.warnings.splitlines() if "index.md" in line]
    assert len(lines) == 1 and "takes a month like 2025-01, not 'January'" in lines[0], build.warnings
    assert "[briefing.directive]" in lines[0] and f"index.md:{index.count(chr(10)) + 9}" in lines[0]
