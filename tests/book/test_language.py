"""Generated pages never depend on the build's language: labels come in when a page is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Root

#: The whole-book tests the other ends of the supported range run too (noxfile.py).
pytestmark = pytest.mark.stacks


def snapshot(book: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(book)): p.read_bytes()
        for folder in ("briefings", "entities")
        for p in sorted((book / folder).rglob("*.md"))
    }


@pytest.mark.sphinx("html", testroot="book")
def test_another_language_changes_no_file_in_the_source_tree(sphinx_root: Root) -> None:
    book = sphinx_root.src
    committed = snapshot(book)
    english = sphinx_root.build(language="en")
    assert english.warnings == ""
    assert snapshot(book) == committed
    index = (english.outdir / "briefings" / "index.html").read_text("utf-8")
    assert "<h1>Briefings" in index
    candidates = (english.outdir / "entities" / "candidates.html").read_text("utf-8")
    assert "Names not in the registry" in candidates and "every name that looks like an actor" in candidates
    actors = (english.outdir / "entities" / "actor" / "index.html").read_text("utf-8")
    assert "<h1>Actors" in actors
    japanese = sphinx_root.build()  # and back: the same files, Japanese titles
    assert japanese.warnings == "" and snapshot(book) == committed
    assert "<h1>ブリーフィング" in (japanese.outdir / "briefings" / "index.html").read_text("utf-8")


@pytest.mark.sphinx("html", testroot="book")
def test_a_label_the_extension_does_not_know_is_a_warning(sphinx_root: Root) -> None:
    book = sphinx_root.src
    (book / "conf.py").write_text(
        (book / "conf.py").read_text("utf-8") + '\ninclude_patterns.append("x.md")\n', "utf-8"
    )
    (book / "x.md").write_text("---\norphan: true\n---\n# {briefing-label}`nonsense`\n", "utf-8")
    build = sphinx_root.build()
    assert "unknown briefing label 'nonsense'" in build.warnings and "[briefing.label]" in build.warnings


def test_the_committed_message_catalogs_are_compiled_from_their_po_files() -> None:
    from tests.conftest import PYTHON, ROOT, run

    done = run([PYTHON, "tools/compile_catalogs.py", "--check"], ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
