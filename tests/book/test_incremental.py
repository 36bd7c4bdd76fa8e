"""Incremental and parallel builds give the same book as a clean, serial one; hand edits survive."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import (
    DATES,
    SEEDS,
    Root,
    assert_same_book,
    copy_book,
    html_pages,
    run_build,
    seed_text,
    write_seeds,
)

#: The whole-book tests the other ends of the supported range run too (noxfile.py).
pytestmark = pytest.mark.stacks


@pytest.mark.sphinx("html", testroot="book")
@pytest.mark.parametrize("group_above", [40, 2], ids=["flat", "grouped"])
def test_add_edit_delete_then_incremental_equals_clean(sphinx_root: Root, tmp_path: Path, group_above: int) -> None:
    """Grouped: briefings under years and months, which the PDF's root lists too (two parents)."""
    book = sphinx_root.src
    write_seeds(book, SEEDS, DATES)
    first = sphinx_root.build(briefing_group_above=group_above)
    assert first.warnings == ""

    (book / "seeds" / "b.txt").unlink()  # delete
    write_seeds(book, {"a.txt": SEEDS["a.txt"].replace("協力を確認した", "協力を強く確認した")})  # edit
    write_seeds(
        book, {"e.txt": seed_text("会談E", "背景", "APECで会合がありました。")}, {"e.yaml": "date: 2025-04-01\n"}
    )  # add
    incremental = sphinx_root.build(briefing_group_above=group_above)
    assert incremental.warnings == ""
    assert not (book / "briefings" / "b.md").exists()

    clean_src = copy_book(tmp_path / "clean")
    shutil.rmtree(clean_src / "briefings")
    shutil.rmtree(clean_src / "seeds")
    shutil.copytree(book / "seeds", clean_src / "seeds")
    clean = run_build(clean_src, briefing_group_above=group_above)
    assert clean.warnings == ""
    assert_same_book(incremental, clean)
    if group_above == 40:
        order = (book / "briefings" / "index.md").read_text("utf-8").split("```{toctree}")[-1].split()
        assert order[2:-1] == ["e", "a", "000_5334bc82fd01faaf", "c", "d", "f"]  # newest first, then undated


@pytest.mark.sphinx("html", testroot="book")
@pytest.mark.parametrize("group_above", [40, 2], ids=["flat", "grouped"])
def test_parallel_build_equals_serial(sphinx_root: Root, tmp_path: Path, group_above: int) -> None:
    books = [sphinx_root.src, copy_book(tmp_path / "parallel")]
    for book in books:
        write_seeds(book, SEEDS, DATES)
    serial = sphinx_root.build(parallel=1, briefing_group_above=group_above)
    parallel = run_build(books[1], parallel=2, briefing_group_above=group_above)
    assert serial.warnings == parallel.warnings == ""
    assert_same_book(serial, parallel)


@pytest.mark.sphinx("html", testroot="book")
def test_an_edited_page_is_kept_and_the_warning_says_how_to_regenerate(sphinx_root: Root) -> None:
    book = sphinx_root.src
    write_seeds(book, SEEDS)
    sphinx_root.build()
    page = book / "briefings" / "b.md"
    edited = page.read_text("utf-8") + "\n編集者のメモ。\n"
    page.write_text(edited, "utf-8")
    write_seeds(book, {"b.txt": SEEDS["b.txt"].replace("国連", "国連総会")})
    again = sphinx_root.build()
    assert page.read_text("utf-8") == edited
    assert "b.md" in again.warnings and "[briefing.protected]" in again.warnings
    assert "Delete the file" in again.warnings
    assert "編集者のメモ。" in (again.outdir / "briefings" / "b.html").read_text("utf-8")

    (book / "seeds" / "b.txt").unlink()
    gone = sphinx_root.build()
    assert page.exists() and "[briefing.protected]" in gone.warnings


@pytest.mark.sphinx("html", testroot="book")
def test_a_hand_written_page_in_the_way_is_never_overwritten(sphinx_root: Root) -> None:
    book = sphinx_root.src
    (book / "briefings" / "d.md").write_text("# 手書きのページ\n", "utf-8")
    write_seeds(book, SEEDS)
    result = sphinx_root.build()
    assert (book / "briefings" / "d.md").read_text("utf-8") == "# 手書きのページ\n"
    assert "d.md was not written by the briefing generator" in result.warnings


@pytest.mark.sphinx("html", testroot="book")
def test_the_page_of_a_deleted_seed_is_removed(sphinx_root: Root) -> None:
    book = sphinx_root.src
    write_seeds(book, SEEDS)
    sphinx_root.build()
    assert (book / "briefings" / "c.md").exists()
    (book / "seeds" / "c.txt").unlink()
    result = sphinx_root.build()
    assert result.warnings == ""
    assert not (book / "briefings" / "c.md").exists()
    assert "\nc\n" not in (book / "briefings" / "index.md").read_text("utf-8")


@pytest.mark.sphinx("html", testroot="book")
@pytest.mark.parametrize(
    "change",
    [
        {"g.txt": seed_text("会談G", "背景", "王毅氏が中東を訪れました。")},  # a new briefing
        {
            "a.txt": SEEDS["a.txt"].replace("中国とロシアが会談しました。", "中国とロシアが再び会談しました。")
        },  # an edit
    ],
    ids=["add", "edit"],
)
def test_another_builder_in_between_does_not_leave_html_stale(
    sphinx_root: Root, tmp_path: Path, change: dict[str, str]
) -> None:
    """`make latexpdf` and `make html` share the doctrees: the LaTeX build reads the change,
    and the HTML build after it must still write every page the change reached."""
    book = sphinx_root.src
    write_seeds(book, SEEDS, DATES)
    sphinx_root.build()
    write_seeds(book, change)
    sphinx_root.build("latex")
    mixed = sphinx_root.build()
    if "a.txt" in change:  # the entity page quoting the edited sentence was not read again
        assert "再び会談" in (mixed.outdir / "entities" / "actor" / "china.html").read_text("utf-8")
    clean_src = copy_book(tmp_path / "clean")
    shutil.rmtree(clean_src / "briefings")
    shutil.rmtree(clean_src / "seeds")
    shutil.copytree(book / "seeds", clean_src / "seeds")
    assert_same_book(mixed, run_build(clean_src))


@pytest.mark.sphinx("html", testroot="book")
def test_renaming_a_kind_then_building_incrementally_equals_a_clean_build(sphinx_root: Root, tmp_path: Path) -> None:
    book = sphinx_root.src
    sphinx_root.build()
    kinds = book / "registry" / "kinds.yaml"
    kinds.write_text(kinds.read_text("utf-8").replace("アクター", "主体"), "utf-8")
    renamed = sphinx_root.build()
    assert "主体" in (renamed.outdir / "entities" / "actor" / "wang-yi.html").read_text("utf-8")
    clean_src = copy_book(tmp_path / "clean")
    shutil.copy(kinds, clean_src / "registry" / "kinds.yaml")
    shutil.rmtree(clean_src / "entities")
    assert_same_book(renamed, run_build(clean_src))


@pytest.mark.sphinx("html", testroot="book")
def test_unchanged_files_skip_the_generation_and_repeat_its_messages(
    sphinx_root: Root, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.readtime import generation as generate

    book = sphinx_root.src
    (book / "briefings" / "d.md").write_text("# 手書きのページ\n", "utf-8")  # a warning each build
    write_seeds(book, {**SEEDS, "empty.txt": ""})  # and another
    first = sphinx_root.build()
    assert "d.md was not written by the briefing generator" in first.warnings
    assert "empty.txt" in first.warnings
    pages = html_pages(first)

    calls: list[Path] = []
    real = generate.generate_pages

    def counted(srcdir: Path, *args: object, **kwargs: object) -> object:
        calls.append(srcdir)
        return real(srcdir, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(generate, "generate_pages", counted)
    again = sphinx_root.build()
    assert calls == []
    assert again.warnings == first.warnings
    assert html_pages(again) == pages

    # Any change to what the generation reads runs it again: a seed, a generated page, the registry.
    for change in (
        lambda: write_seeds(book, {"e.txt": seed_text("会談E", "背景", "APECで会合がありました。")}),
        lambda: (book / "briefings" / "a.md").write_text("# 編集\n", "utf-8"),
        lambda: (book / "registry" / "extra.yaml").write_text("entities: []\n", "utf-8"),
    ):
        change()
        sphinx_root.build()
        assert len(calls) == 1
        calls.clear()
