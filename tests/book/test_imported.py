"""A book of imported seeds: the shipped book plus every saved page and feed of the fixtures,
imported as an analyst would, builds without a warning (``-n``), its pages titled as the pages were."""

from __future__ import annotations

import re
from html import unescape

import pytest

from benchmarks.imports import FEEDS, PAGES, fixtures
from briefing.importing.command import run
from tests.conftest import Root, page_of_seed

#: The importer is tested on the other stacks too (its libraries' oldest declared versions).
pytestmark = pytest.mark.stacks


@pytest.mark.sphinx("html", testroot="book")
def test_imported_seeds_build_without_a_warning(sphinx_root: Root) -> None:
    inputs = [path for folder in (PAGES, FEEDS) for path, _expect in fixtures(folder)]
    assert len(inputs) >= 1
    outcome = run(inputs, [], sphinx_root.src / "seeds")
    assert outcome.failed == 0, outcome.messages
    assert len(outcome.written) >= len(inputs)
    build = sphinx_root.build()
    assert build.warnings == "", build.warnings
    for seed in outcome.written:
        page = page_of_seed(sphinx_root.src, seed.name)
        assert page is not None, seed
        title = " ".join(seed.read_text("utf-8").splitlines()[0].split())
        html = (build.outdir / "briefings" / f"{page.stem}.html").read_text("utf-8")
        shown = re.search(r"<title>(.*?) &#8212;", html)
        assert shown is not None and unescape(shown.group(1)) == title, seed
    again = run(inputs, [], sphinx_root.src / "seeds")
    assert again.written == [] and again.failed == 0
