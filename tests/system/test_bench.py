"""The benchmark's small version (N = 50): it runs end to end on its realistic corpus (the analysers
at work); nothing is asserted about time."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import PYTHON, ROOT, run

pytestmark = pytest.mark.slow


def test_benchmark_runs_at_n_50(tmp_path: Path) -> None:
    cmd = [
        PYTHON,
        str(ROOT / "benchmarks" / "run.py"),
        "--sizes",
        "50",
        "--entities",
        "80",
        "--no-write",
        "--work",
        str(tmp_path),
    ]
    result = run(cmd, ROOT, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    for measure in (
        "full build / floor",
        "no-op rebuild",
        "add one seed",
        "-j 2 full build",
        "peak memory",
        "matcher alone, 10,000",
    ):
        assert measure in result.stdout
    assert "0 documents read" in result.stdout  # the no-op rebuild reads nothing
    full = next(line for line in result.stdout.splitlines() if "analysers, full build" in line)
    assert "Sudachi" in full and "jieba" in full and "OpenCC" in full  # the corpus wakes them all


def test_the_notes_of_benchmarks_md_are_kept_where_make_bench_reads_them() -> None:
    """make bench writes BENCHMARKS.md as its table, then benchmarks/NOTES.md and EDGES.md: prose
    added to BENCHMARKS.md alone would be lost at the next run."""
    written = (ROOT / "BENCHMARKS.md").read_text("utf-8")
    notes = (ROOT / "benchmarks" / "NOTES.md").read_text("utf-8")
    edges = (ROOT / "benchmarks" / "EDGES.md").read_text("utf-8")
    assert written.endswith(notes + "\n" + edges)
