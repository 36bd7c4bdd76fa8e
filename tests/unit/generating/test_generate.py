"""The generator's pure parts: slugs, markers, protection of files a person owns."""

from __future__ import annotations

import os
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.articles.metadata import SLUG_RE
from briefing.generating.grouping import bucket_undated
from briefing.generating.owned import read_marker, with_marker, write_generated
from briefing.generating.slugs import assign_slugs, base_slug
from briefing.readtime.generation import files_state
from briefing.util.messages import MessageRecorder, replay


@pytest.mark.parametrize(
    ("stem", "slug"),
    [
        ("000_5334bc82fd01faaf", "000_5334bc82fd01faaf"),
        ("My Seed", "my-seed"),
        ("  spaced   out  ", "spaced-out"),
        ("2025-03-01 G20", "2025-03-01-g20"),
        ("ＦＵＬＬ　ｗｉｄｔｈ", "full-width"),
    ],
)
def test_base_slug_of_ascii_names(stem: str, slug: str) -> None:
    assert base_slug(stem) == slug


@pytest.mark.parametrize("stem", ["北京会談", "北京 会談 2025", "été", "!!!", "ロシア"])
def test_base_slug_of_other_names_is_safe_and_keeps_them_apart(stem: str) -> None:
    slug = base_slug(stem)
    assert SLUG_RE.fullmatch(slug), slug
    assert base_slug(stem) == slug  # stable


def test_japanese_names_never_share_a_slug() -> None:
    names = ["北京会談.txt", "北京会議.txt", "東京会談.txt", "会談.txt"]
    slugs = assign_slugs(names)
    assert len(set(slugs.values())) == len(names)


def test_colliding_names_get_distinct_slugs_and_the_exact_name_keeps_its_slug() -> None:
    slugs = assign_slugs(["a.txt", "A.txt", "a.TXT", "A .txt"])
    assert slugs["a.txt"] == "a"
    assert len(set(slugs.values())) == 4
    assert all(SLUG_RE.fullmatch(s) for s in slugs.values())


def test_adding_a_seed_does_not_change_other_slugs() -> None:
    before = assign_slugs(["a.txt", "b.txt"])
    after = assign_slugs(["a.txt", "b.txt", "A.txt"])
    assert after["a.txt"] == before["a.txt"] and after["b.txt"] == before["b.txt"]


@pytest.mark.parametrize("name", ["index", "takeaways", "timeline", "graph"])
def test_generated_page_names_are_never_briefing_slugs(name: str) -> None:
    assert assign_slugs([f"{name}.txt"])[f"{name}.txt"] != name


def test_metadata_slug_wins_and_still_never_collides() -> None:
    slugs = assign_slugs(["x.txt", "y.txt"], {"x.txt": "g20", "y.txt": "g20"})
    assert len(set(slugs.values())) == 2 and "g20" in slugs["x.txt"]


def test_marker_round_trip() -> None:
    text = with_marker('seeds/odd "name".txt', "# Title\n")
    marker = read_marker(text)
    assert marker is not None and marker.intact and marker.source == 'seeds/odd "name".txt'
    edited = read_marker(text + "an edit\n")
    assert edited is not None and not edited.intact
    assert read_marker("# A page a person wrote\n") is None


def test_write_generated_only_when_bytes_change(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    assert write_generated(page, "seeds/p.txt", "# One\n", MessageRecorder(mock.Mock()))
    mtime = page.stat().st_mtime_ns
    assert not write_generated(page, "seeds/p.txt", "# One\n", MessageRecorder(mock.Mock()))
    assert page.stat().st_mtime_ns == mtime
    assert write_generated(page, "seeds/p.txt", "# Two\n", MessageRecorder(mock.Mock()))
    assert page.read_text("utf-8").endswith("# Two\n")


@pytest.mark.parametrize("current", ["# Hand-written\n", None])
def test_write_generated_never_overwrites_a_persons_file(tmp_path: Path, current: str | None) -> None:
    page = tmp_path / "p.md"
    if current is None:  # generated, then edited
        write_generated(page, "seeds/p.txt", "# One\n", MessageRecorder(mock.Mock()))
        current = page.read_text("utf-8") + "\nMy note.\n"
    page.write_text(current, "utf-8")
    assert not write_generated(page, "seeds/p.txt", "# Two\n", MessageRecorder(mock.Mock()))
    assert page.read_text("utf-8") == current


def test_files_state_follows_names_sizes_times_and_the_setting(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "out" / "deep").mkdir(parents=True)
    seed = tmp_path / "seeds" / "a.txt"
    seed.write_text("一", "utf-8")
    (tmp_path / "out" / "deep" / "p.md").write_text("x", "utf-8")
    folders = ("seeds", "out", "missing")

    def state(setting: str = "s") -> str:
        return files_state(tmp_path, folders, setting)

    first = state()
    assert state() == first
    assert state("t") != first
    seen = {first}
    info = seed.stat()
    os.utime(seed, ns=(info.st_atime_ns, info.st_mtime_ns + 1))  # touched
    seen.add(state())
    seed.write_text("二", "utf-8")  # same size
    os.utime(seed, ns=(info.st_atime_ns, info.st_mtime_ns + 2))
    seen.add(state())
    seed.write_text("二三", "utf-8")  # another size
    seen.add(state())
    (tmp_path / "out" / "deep" / "q.md").write_text("y", "utf-8")  # a new file, deep down
    seen.add(state())
    (tmp_path / "out" / "deep" / "p.md").unlink()  # a file gone
    seen.add(state())
    (tmp_path / "missing").mkdir()  # an empty folder appears: nothing the generation reads
    assert state() in seen
    assert len(seen) == 6


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet="ab01_-", min_size=1, max_size=8), min_size=1, max_size=300, unique=True),
    st.text(alphabet="ab01_-", min_size=1, max_size=8),
    st.integers(min_value=2, max_value=40),
)
def test_undated_groups_keep_order_and_a_new_slug_moves_only_its_own(slugs: list[str], new: str, above: int) -> None:
    slugs = sorted(slugs)
    groups = bucket_undated(slugs, above)
    assert sorted(s for members in groups.values() for s in members) == slugs
    assert all(members == sorted(members) for members in groups.values())
    assert len(groups) * above < 2 * len(slugs) + 2 * above  # about above / 2 or more a group
    if new in slugs:
        return
    after = bucket_undated(sorted([*slugs, new]), above)
    if max(after) == max(groups) or len(slugs) + 1 <= above:  # the number of groups did not double
        changed = {i for i in set(groups) | set(after) if groups.get(i) != after.get(i)}
        assert len(changed) == 1 and new in after[changed.pop()]


def test_the_recorder_keeps_what_it_logs_except_actions_done_and_replays_it_in_order() -> None:
    logger = mock.Mock()
    messages = MessageRecorder(logger)
    messages.log("warning", "%s is bad", "a.txt", type="briefing", subtype="file", location="a.txt:1")
    messages.log("info", "removed %s", "b.md", once=True)  # an action done: the next build has nothing to do
    messages.log("info", "briefing: %r looks like an actor", "X氏", location="a.txt:3")
    assert messages.messages == [
        ("warning", "%s is bad", ("a.txt",), {"type": "briefing", "subtype": "file", "location": "a.txt:1"}),
        ("info", "briefing: %r looks like an actor", ("X氏",), {"location": "a.txt:3"}),
    ]
    assert len(logger.mock_calls) == 3  # all of them said now
    again = mock.Mock()
    replay(again, messages.messages)
    assert again.mock_calls == [logger.mock_calls[0], logger.mock_calls[2]]


def test_a_protected_page_is_a_recorded_warning_and_a_page_made_again_is_not(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    page.write_text("# Hand-written\n", "utf-8")
    messages = MessageRecorder(mock.Mock())
    assert not write_generated(page, "seeds/p.txt", "# One\n", messages)
    assert [(m[0], m[3]["subtype"]) for m in messages.messages] == [("warning", "protected")]
    other = tmp_path / "q.md"
    other.write_text(with_marker("seeds/q.txt", "# One\n")[:10], "utf-8")  # cut short by a killed build
    cut = MessageRecorder(mock.Mock())
    assert write_generated(other, "seeds/q.txt", "# One\n", cut)
    assert cut.messages == [] and len(cut.logger.mock_calls) == 1  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("module", "never"),
    [
        ("briefing.generating.slugs", ("briefing.matching", "briefing.language", "sphinx", "docutils")),
        ("briefing.generating.grouping", ("sphinx", "docutils", "myst_parser")),
        ("briefing.articles.parse", ("sphinx", "docutils", "myst_parser", "briefing.registry")),
    ],
)
def test_a_pure_module_loads_nothing_above_its_floor(module: str, never: tuple[str, ...]) -> None:
    """What import-linter's contracts say of the code, seen in a fresh interpreter."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    probe = f"import sys, {module}; print(sorted(m for m in sys.modules if m.startswith({never!r})))"
    done = subprocess.run(
        [sys.executable, "-c", probe],
        env={**os.environ, "PYTHONPATH": str(ROOT / "_ext")},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "[]", done.stdout
