"""Toctrees one level deep, listed without resolving the tree below: what Sphinx would make."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from sphinx import addnodes
from sphinx.environment.adapters.toctree import _resolve_toctree

from briefing.speedups.toctrees import one_level
from tests.conftest import DATES, SEEDS, Root, write_seeds

NOTES = """\
---
orphan: true
---
# Notes

```{toctree}
:maxdepth: 1
:caption: Chosen pages

Every briefing <briefings/index>
briefings/takeaways
```

```{toctree}
:maxdepth: 1
:numbered:

entities/index
```

```{toctree}
:maxdepth: 1

self
https://example.org/
briefings/timeline
```

```{toctree}
:maxdepth: 2

briefings/graph
```
"""


@pytest.mark.sphinx("html", testroot="book")
def test_every_toctree_one_level_deep_resolves_as_sphinx_would(sphinx_root: Root) -> None:
    book = sphinx_root.src
    write_seeds(book, SEEDS, DATES)
    (book / "conf.py").write_text(
        (book / "conf.py").read_text("utf-8") + '\ninclude_patterns.append("notes.md")\n', "utf-8"
    )
    (book / "notes.md").write_text(NOTES, "utf-8")
    result = sphinx_root.build(briefing_group_above=2)  # years and months: toctrees within toctrees
    assert result.warnings == ""
    env, builder = result.app.env, result.app.builder
    listed = left = 0
    for docname in sorted(env.all_docs):
        ours = env.get_doctree(docname)
        theirs = env.get_doctree(docname)
        for mine, sphinx_s in zip(ours.findall(addnodes.toctree), theirs.findall(addnodes.toctree), strict=True):
            made = one_level(env, builder, docname, mine)
            if made is None:
                left += 1
                continue
            listed += 1
            expected = _resolve_toctree(env, docname, builder, sphinx_s, prune=True, tags=builder.tags)
            assert expected is not None
            assert made.pformat() == expected.pformat(), docname
    assert listed >= 8 and left >= 3, (listed, left)  # notes: numbered, self + URL, two levels


@pytest.mark.sphinx("html", testroot="book")
def test_the_index_pages_list_their_pages(sphinx_root: Root) -> None:
    write_seeds(sphinx_root.src, SEEDS, DATES)
    result = sphinx_root.build(briefing_group_above=2)
    page = BeautifulSoup((result.outdir / "briefings" / "index.html").read_text("utf-8"), "html.parser")
    article = page.select_one("article")
    assert article is not None
    links = [(a["href"], a.get_text()) for a in article.select(".toctree-wrapper li.toctree-l1 > a")]
    # The years (each month is listed once, by its year: one parent per page in the sidebar).
    assert ("year-2025.html", "2025年") in links and not any(str(href).startswith("month-") for href, _ in links)
    assert not article.select(".toctree-l2")
    year = BeautifulSoup((result.outdir / "briefings" / "year-2025.html").read_text("utf-8"), "html.parser")
    months = [a["href"] for a in year.select("article .toctree-wrapper li.toctree-l1 > a")]
    assert "month-2025-03.html" in months and "month-2025-01.html" in months


@pytest.mark.sphinx("epub", testroot="book")
def test_the_epub_table_of_contents_keeps_every_level(sphinx_root: Root) -> None:
    # EPUB resolves the root's whole tree (unpruned) for toc.ncx: the one-level list must not stand in.
    write_seeds(sphinx_root.src, SEEDS, DATES)
    result = sphinx_root.build(briefing_group_above=2)
    ncx = (result.outdir / "toc.ncx").read_text("utf-8")
    depth = re.search(r'name="dtb:depth" content="(\d+)"', ncx)
    assert depth is not None and int(depth.group(1)) >= 3, ncx[:400]
    assert "会談A" in ncx  # a briefing, three levels down: book, briefings, year, month
