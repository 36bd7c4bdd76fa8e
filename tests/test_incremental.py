"""Incremental and parallel builds give the same book as a clean, serial one; hand edits survive."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import Build, copy_book, run_build

#: The whole-book tests the other ends of the supported range run too (tools/stacks).
pytestmark = pytest.mark.stacks


def seed(title: str, *lines: str) -> str:
    return "\n".join([title, f"{title}についてのリード文です。", *lines, "Reference(s):", title, "example.com", ""])


SEEDS = {
    "a.txt": seed(
        "会談A", "背景", "中国とロシアが会談しました。", "要点", "- 協力を確認したこと", "- 対話を続けること"
    ),
    "b.txt": seed("会談B", "背景", "国連で議論が行われました。"),
    "c.txt": seed("会談C", "背景", "G20の会合が開かれました。", "- 一つ目の要点"),
    "d.txt": seed("Meeting D", "Background", "Leaders met in Beijing.", "Key points", "- They agreed."),
    # No entity at all: only navigation ties it to the rest of the book.
    "f.txt": seed("天気の話", "背景", "今日は晴れでした。"),
}
DATES = {"a.yaml": "date: 2025-03-01\n", "c.yaml": "date: 2025-01-15\n"}


def write_seeds(book: Path, seeds: dict[str, str], sidecars: dict[str, str] | None = None) -> None:
    folder = book / "seeds"
    for name, text in seeds.items():
        (folder / name).write_text(text, "utf-8")
    for name, text in (sidecars or {}).items():
        (folder / name).write_text(text, "utf-8")


def html_pages(build: Build) -> dict[str, bytes]:
    """Every HTML file of the output (not only the documents the build knows: no leftovers either)."""
    root = build.outdir
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*.html"))
        if "_static" not in p.relative_to(root).parts
    }


def inventory(build: Build) -> set[tuple[str, str, str]]:
    from sphinx.util.inventory import InventoryFile

    inv = InventoryFile.loads((build.outdir / "objects.inv").read_bytes(), uri="")
    return {(typ, name, item.uri) for typ, items in inv.data.items() for name, item in items.items()}


def assert_same_book(left: Build, right: Build) -> None:
    a, b = html_pages(left), html_pages(right)
    assert sorted(a) == sorted(b)
    for doc in a:
        assert a[doc] == b[doc], doc
    assert inventory(left) == inventory(right)


@pytest.mark.parametrize("group_above", [40, 2], ids=["flat", "grouped"])
def test_add_edit_delete_then_incremental_equals_clean(tmp_path: Path, group_above: int) -> None:
    """Grouped: briefings under years and months, which the PDF's root lists too (two parents)."""
    book = copy_book(tmp_path / "inc")
    write_seeds(book, SEEDS, DATES)
    first = run_build(book, briefing_group_above=group_above)
    assert first.warnings == ""

    (book / "seeds" / "b.txt").unlink()  # delete
    write_seeds(book, {"a.txt": SEEDS["a.txt"].replace("協力を確認した", "協力を強く確認した")})  # edit
    write_seeds(
        book, {"e.txt": seed("会談E", "背景", "APECで会合がありました。")}, {"e.yaml": "date: 2025-04-01\n"}
    )  # add
    incremental = run_build(book, briefing_group_above=group_above)
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


@pytest.mark.parametrize("group_above", [40, 2], ids=["flat", "grouped"])
def test_parallel_build_equals_serial(tmp_path: Path, group_above: int) -> None:
    books = []
    for name in ("serial", "parallel"):
        book = copy_book(tmp_path / name)
        write_seeds(book, SEEDS, DATES)
        books.append(book)
    serial = run_build(books[0], parallel=1, briefing_group_above=group_above)
    parallel = run_build(books[1], parallel=2, briefing_group_above=group_above)
    assert serial.warnings == parallel.warnings == ""
    assert_same_book(serial, parallel)


def test_an_edited_page_is_kept_and_the_warning_says_how_to_regenerate(tmp_path: Path) -> None:
    book = copy_book(tmp_path / "edit")
    write_seeds(book, SEEDS)
    run_build(book)
    page = book / "briefings" / "b.md"
    edited = page.read_text("utf-8") + "\n編集者のメモ。\n"
    page.write_text(edited, "utf-8")
    write_seeds(book, {"b.txt": SEEDS["b.txt"].replace("国連", "国連総会")})
    again = run_build(book)
    assert page.read_text("utf-8") == edited
    assert "b.md" in again.warnings and "[briefing.protected]" in again.warnings
    assert "Delete the file" in again.warnings
    assert "編集者のメモ。" in (again.outdir / "briefings" / "b.html").read_text("utf-8")

    (book / "seeds" / "b.txt").unlink()
    gone = run_build(book)
    assert page.exists() and "[briefing.protected]" in gone.warnings


def test_a_hand_written_page_in_the_way_is_never_overwritten(tmp_path: Path) -> None:
    book = copy_book(tmp_path / "hand")
    (book / "briefings" / "d.md").write_text("# 手書きのページ\n", "utf-8")
    write_seeds(book, SEEDS)
    result = run_build(book)
    assert (book / "briefings" / "d.md").read_text("utf-8") == "# 手書きのページ\n"
    assert "d.md was not written by the briefing generator" in result.warnings


def test_the_page_of_a_deleted_seed_is_removed(tmp_path: Path) -> None:
    book = copy_book(tmp_path / "del")
    write_seeds(book, SEEDS)
    run_build(book)
    assert (book / "briefings" / "c.md").exists()
    (book / "seeds" / "c.txt").unlink()
    result = run_build(book)
    assert result.warnings == ""
    assert not (book / "briefings" / "c.md").exists()
    assert "\nc\n" not in (book / "briefings" / "index.md").read_text("utf-8")


@pytest.mark.parametrize(
    "change",
    [
        {"g.txt": seed("会談G", "背景", "王毅氏が中東を訪れました。")},  # a new briefing
        {
            "a.txt": SEEDS["a.txt"].replace("中国とロシアが会談しました。", "中国とロシアが再び会談しました。")
        },  # an edit
    ],
    ids=["add", "edit"],
)
def test_another_builder_in_between_does_not_leave_html_stale(tmp_path: Path, change: dict[str, str]) -> None:
    """`make latexpdf` and `make html` share the doctrees: the LaTeX build reads the change,
    and the HTML build after it must still write every page the change reached."""
    book = copy_book(tmp_path / "mixed")
    write_seeds(book, SEEDS, DATES)
    run_build(book)
    write_seeds(book, change)
    run_build(book, "latex")
    mixed = run_build(book)
    if "a.txt" in change:  # the entity page quoting the edited sentence was not read again
        assert "再び会談" in (mixed.outdir / "entities" / "actor" / "china.html").read_text("utf-8")
    clean_src = copy_book(tmp_path / "clean")
    shutil.rmtree(clean_src / "briefings")
    shutil.rmtree(clean_src / "seeds")
    shutil.copytree(book / "seeds", clean_src / "seeds")
    assert_same_book(mixed, run_build(clean_src))


def test_renaming_a_kind_then_building_incrementally_equals_a_clean_build(tmp_path: Path) -> None:
    book = copy_book(tmp_path / "kind")
    run_build(book)
    kinds = book / "registry" / "kinds.yaml"
    kinds.write_text(kinds.read_text("utf-8").replace("アクター", "主体"), "utf-8")
    renamed = run_build(book)
    assert "主体" in (renamed.outdir / "entities" / "actor" / "wang-yi.html").read_text("utf-8")
    clean_src = copy_book(tmp_path / "clean")
    shutil.copy(kinds, clean_src / "registry" / "kinds.yaml")
    shutil.rmtree(clean_src / "entities")
    assert_same_book(renamed, run_build(clean_src))


def test_unchanged_files_skip_the_generation_and_repeat_its_messages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.readtime import generation as generate

    book = copy_book(tmp_path / "skip")
    (book / "briefings" / "d.md").write_text("# 手書きのページ\n", "utf-8")  # a warning each build
    write_seeds(book, {**SEEDS, "empty.txt": ""})  # and another
    first = run_build(book)
    assert "d.md was not written by the briefing generator" in first.warnings
    assert "empty.txt" in first.warnings
    pages = html_pages(first)

    calls: list[Path] = []
    real = generate.generate_pages

    def counted(srcdir: Path, *args: object, **kwargs: object) -> object:
        calls.append(srcdir)
        return real(srcdir, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(generate, "generate_pages", counted)
    again = run_build(book)
    assert calls == []
    assert again.warnings == first.warnings
    assert html_pages(again) == pages

    # Any change to what the generation reads runs it again: a seed, a generated page, the registry.
    for change in (
        lambda: write_seeds(book, {"e.txt": seed("会談E", "背景", "APECで会合がありました。")}),
        lambda: (book / "briefings" / "a.md").write_text("# 編集\n", "utf-8"),
        lambda: (book / "registry" / "extra.yaml").write_text("entities: []\n", "utf-8"),
    ):
        change()
        run_build(book)
        assert len(calls) == 1
        calls.clear()
