"""Hostile input and faults: nothing disclosed, nothing injected, nothing lost, nothing hangs.

One book (``tests/roots/test-hostile``) holds every bad file at once: each must
end in a warning naming the file, and the rest of the book builds.  Faults of
the process (a build killed while writing, a seed edited while it is read, a
folder that cannot be written, two builds at once) are tests of their own.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path

import pytest

from briefing.generating import seed_cache as seedcache
from briefing.generating.owned import read_marker
from briefing.generating.slugs import _short_hash
from briefing.util.files import folder_lock, write_atomic
from tests.conftest import PYTHON, ROOT, Build, Root, copy_root, page_of_seed, run_build, warnings_about

#: The whole-book tests the other ends of the supported range run too (noxfile.py).
pytestmark = pytest.mark.stacks

ARTICLE = "記事 {}\n中国とロシアが北京で会談しました。\n見出し\n両国は協力を確認しました。\n"


SECRET = "TOPSECRET-4711"


BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(8)
)


LONG_NAME = "n" * 251 + ".txt"  # 255 bytes: the longest name a file can have; <stem>.yaml would be 256


GAIJI = "\ue000\U00031350\U0001fae8"  # private use, CJK Extension H, an emoji newer than Python 3.11's tables


COLLIDER = f"index-{_short_hash('wants-index.txt')}.txt"  # the slug that wants-index.txt's "index" gets


def _seed_files(src: Path, outside: Path) -> None:
    seeds = src / "seeds"
    seeds.mkdir()
    (outside / "secret.txt").write_text(f"{SECRET}\n{SECRET} again.\n", "utf-8")
    (outside / "secret.yaml").write_text(f"tags: [{SECRET}]\n", "utf-8")
    (seeds / "leak.txt").symlink_to(outside / "secret.txt")
    (seeds / "sidecar-leak.txt").write_text(ARTICLE.format("sidecar"), "utf-8")
    (seeds / "sidecar-leak.yaml").symlink_to(outside / "secret.yaml")
    os.mkfifo(seeds / "fifo.txt")
    (seeds / "mem.txt").symlink_to("/proc/self/mem")
    (seeds / "folder.txt").mkdir()
    (seeds / LONG_NAME).write_text(ARTICLE.format("long"), "utf-8")
    (seeds / "bomb.txt").write_text(ARTICLE.format("bomb"), "utf-8")
    (seeds / "bomb.yaml").write_text(BOMB, "utf-8")
    (seeds / "front-bomb.txt").write_text("---\n" + BOMB + "---\n" + ARTICLE.format("front"), "utf-8")
    (seeds / "bad-date.txt").write_text(ARTICLE.format("date"), "utf-8")
    (seeds / "bad-date.yaml").write_text("date: 2025-02-30\ntags: [G20, 外交]\nlanguage: ja\n", "utf-8")
    (seeds / "bad-url.txt").write_text(ARTICLE.format("url"), "utf-8")
    (seeds / "bad-url.yaml").write_text('url: "https://example.com/a\'b"\n', "utf-8")
    (seeds / "newline-slug.txt").write_text(ARTICLE.format("slug"), "utf-8")
    (seeds / "newline-slug.yaml").write_text('slug: "newline\\n"\n', "utf-8")
    (seeds / "wants-index.txt").write_text(ARTICLE.format("index"), "utf-8")
    (seeds / "wants-index.yaml").write_text("slug: index\n", "utf-8")
    (seeds / COLLIDER).write_text(ARTICLE.format("collider"), "utf-8")
    (seeds / "ancient.txt").write_text(ARTICLE.format("ancient"), "utf-8")
    (seeds / "ancient.yaml").write_text("date: 0099-01-01\n", "utf-8")
    (seeds / "recent.txt").write_text(ARTICLE.format("recent"), "utf-8")
    (seeds / "recent.yaml").write_text("date: 2025-03-01\n", "utf-8")
    names = "中国とロシア、" * 10_000  # 20,000 mentions in one paragraph
    (seeds / "names.txt").write_text(f"名前だらけ\nリード。\n{names}おわり。\n", "utf-8")
    (seeds / "long-title.txt").write_text(f"{names}\nリード。\n", "utf-8")  # a title can't be split
    # Issue 24: what took the build down, or would have taken hours.
    (seeds / "expanding.txt").write_text("広がる文字\n" + "\ufdfa氏" * 3500 + "\n", "utf-8")  # 33 bytes for Sudachi
    (seeds / "long-line.txt").write_text("One word\n" + "a" * 100_000 + "\n", "utf-8")
    people = "".join(f"President {chr(65 + i % 26)}{i:04d}x spoke. " for i in range(3000))
    (seeds / "many-names.txt").write_text(f"Many names\n{people}\n", "utf-8")
    (seeds / "gaiji.txt").write_text(f"外字の記事\n本文に{GAIJI}がある。\n", "utf-8")
    (seeds / "era.txt").write_text("元号の記事\n令和0年3月1日\n本文です。\n", "utf-8")


def _registry_files(src: Path, outside: Path) -> None:
    registry = src / "registry"
    os.mkfifo(registry / "fifo.yaml")
    (registry / "folder.yaml").mkdir()
    (registry / "bomb.yaml").write_text(BOMB, "utf-8")
    (registry / "deep.yaml").write_text("entities: " + "[" * 990 + "]" * 990 + "\n", "utf-8")
    deep_alias = "{ja: " + "[" * 990 + "]" * 990 + "}"
    (registry / "deep-entry.yaml").write_text(
        f"entities:\n  - {{id: deep, kind: actor, name: {{ja: 深, en: Deep}}, reading: ふかい, aliases: {deep_alias}}}\n",
        "utf-8",
    )
    long = "中" * 40_000
    (registry / "long-alias.yaml").write_text(
        f"entities:\n  - id: long\n    kind: actor\n    name: {{ja: 長, en: Long}}\n    aliases: {{zh: [{long}]}}\n",
        "utf-8",
    )
    wide = "\ufdfa氏" * 3500
    (registry / "wide-name.yaml").write_text(
        f"entities:\n  - id: wide\n    kind: actor\n    name: {{ja: {wide}, en: Wide}}\n", "utf-8"
    )
    (outside / "leak.yaml").write_text(f"entities:\n  - id: leak\n    kind: actor\n    name: {{ja: {SECRET}, en: x}}\n")
    (registry / "leak.yaml").symlink_to(outside / "leak.yaml")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Build, float]:
    base = tmp_path_factory.mktemp("hostile")
    src, outside = base / "book", base / "outside"
    copy_root("hostile", src)
    outside.mkdir()
    _seed_files(src, outside)
    _registry_files(src, outside)
    start = time.monotonic()
    build = run_build(src)
    return src, build, time.monotonic() - start


@pytest.mark.parametrize(
    ("path", "subtype", "words"),
    [
        ("seeds/leak.txt", "file", "outside seeds/"),
        ("seeds/sidecar-leak.yaml", "file", "outside seeds/"),
        ("seeds/fifo.txt", "file", "not a regular file"),
        ("seeds/mem.txt", "file", "outside seeds/"),
        ("seeds/folder.txt", "file", "not a regular file"),
        ("seeds/bomb.yaml", "metadata", "expands to more than"),
        ("seeds/front-bomb.txt", "metadata", "expands to more than"),
        ("seeds/bad-date.yaml", "metadata", "2025-02-30"),
        ("seeds/bad-url.yaml", "metadata", "https://example.com/a'b"),
        ("seeds/newline-slug.yaml", "metadata", "slug"),
        ("registry/fifo.yaml", "registry-file", "not a regular file"),
        ("registry/folder.yaml", "registry-file", "not a regular file"),
        ("registry/bomb.yaml", "registry-yaml", "expands to more than"),
        ("registry/deep.yaml", "registry-schema", ""),
        ("registry/deep-entry.yaml", "registry-schema", "entry left out"),
        ("registry/leak.yaml", "registry-file", "outside registry/"),
        ("registry/kinds.yaml", "registry-kind", "'mention' is a name"),
        ("registry/actors.yaml", "registry-reference", "country is the entry itself"),
        ("registry/actors.yaml", "registry-alias", "only white space"),
        ("registry/actors.yaml", "registry-schema", "newline"),
        ("registry/forums.yaml", "registry-reference", "members listed more than once: china"),
        ("registry/long-alias.yaml", "registry-schema", "is too long"),
        ("registry/wide-name.yaml", "registry-schema", "is too long"),
        ("seeds/era.txt", "structure", "could not be read"),
    ],
)
def test_each_bad_file_is_a_warning_naming_it(
    hostile: tuple[Path, Build, float], path: str, subtype: str, words: str
) -> None:
    _src, build, _seconds = hostile
    found = [w for w in warnings_about(build, path) if f"[briefing.{subtype}]" in w and words in w]
    assert found, build.warnings


def test_the_rest_of_the_book_builds_without_a_traceback_and_in_time(hostile: tuple[Path, Build, float]) -> None:
    src, build, seconds = hostile
    assert "Traceback" not in build.warnings and "Exception" not in build.warnings
    for line in build.warnings.splitlines():
        assert "[briefing." in line, line  # every warning is the extension's, with a subtype
    assert (build.outdir / "index.html").is_file()
    for seed in (
        "long-title.txt",
        "sidecar-leak.txt",
        LONG_NAME,
        "bomb.txt",
        "front-bomb.txt",
        "bad-date.txt",
        "names.txt",
        "expanding.txt",
        "long-line.txt",
        "many-names.txt",
        "gaiji.txt",
    ):
        page = page_of_seed(src, seed)
        assert page is not None, seed
        assert (build.outdir / "briefings" / f"{page.stem}.html").is_file(), seed
    assert seconds < 60, f"the hostile book took {seconds:.0f} s"


def test_every_character_reaches_the_page(hostile: tuple[Path, Build, float]) -> None:
    src, build, _seconds = hostile
    page = page_of_seed(src, "gaiji.txt")
    assert page is not None
    assert GAIJI in page.read_text("utf-8")
    assert GAIJI in (build.outdir / "briefings" / f"{page.stem}.html").read_text("utf-8")


def test_an_impossible_era_date_is_no_date(hostile: tuple[Path, Build, float]) -> None:
    src, _build, _seconds = hostile
    page = page_of_seed(src, "era.txt")
    assert page is not None and ":date:" not in page.read_text("utf-8")


def test_no_file_outside_the_folders_is_published(hostile: tuple[Path, Build, float]) -> None:
    src, build, _seconds = hostile
    assert page_of_seed(src, "leak.txt") is None
    for folder in (src / "briefings", src / "entities", build.outdir):
        for path in folder.rglob("*"):
            if path.is_file() and path.suffix in (".md", ".html", ".json", ".txt", ".js"):
                assert SECRET not in path.read_text("utf-8", errors="replace"), path


def test_one_bad_key_drops_only_that_key(hostile: tuple[Path, Build, float]) -> None:
    src, _build, _seconds = hostile
    page = page_of_seed(src, "bad-date.txt")
    assert page is not None
    text = page.read_text("utf-8")
    assert ':tags: "G20, 外交"' in text and ":language: " in text and ":date:" not in text


def test_slugs_are_unique_after_every_rule(hostile: tuple[Path, Build, float]) -> None:
    src, _build, _seconds = hostile
    mine, theirs = page_of_seed(src, "wants-index.txt"), page_of_seed(src, COLLIDER)
    assert mine is not None and theirs is not None and mine != theirs
    assert theirs.stem == COLLIDER.removesuffix(".txt")
    assert read_marker((src / "briefings" / "index.md").read_text("utf-8")) is not None


def test_an_ancient_date_is_grouped_like_any_other(hostile: tuple[Path, Build, float]) -> None:
    src, build, _seconds = hostile
    assert (src / "briefings" / "month-0099-01.md").is_file()
    assert (src / "briefings" / "year-0099.md").is_file()
    assert (build.outdir / "briefings" / "month-0099-01.html").is_file()


def test_a_reserved_kind_does_not_replace_the_mention_role(hostile: tuple[Path, Build, float]) -> None:
    src, build, _seconds = hostile
    page = page_of_seed(src, "names.txt")
    assert page is not None
    html = (build.outdir / "briefings" / f"{page.stem}.html").read_text("utf-8")
    assert 'href="../entities/actor/china.html"' in html
    assert not (src / "entities" / "mention").exists()


def test_tags_and_language_are_in_the_header_and_the_json(hostile: tuple[Path, Build, float]) -> None:
    import json

    src, build, _seconds = hostile
    page = page_of_seed(src, "bad-date.txt")
    assert page is not None
    html = (build.outdir / "briefings" / f"{page.stem}.html").read_text("utf-8")
    assert "G20" in html and "外交" in html and "タグ" in html
    data = json.loads((build.outdir / "briefings.json").read_text("utf-8"))
    entry = next(b for b in data["briefings"] if b["id"] == page.stem)
    assert entry["tags"] == ["G20", "外交"] and entry["language"] == "ja"


def _small_book(src: Path, seeds: int = 3) -> Path:
    """Turn a copy of ``test-hostile`` into a small clean book of ``seeds`` articles about China."""
    for name in ("forums.yaml",):
        (src / "registry" / name).unlink()
    (src / "registry" / "kinds.yaml").write_text(
        "kinds:\n  actor:\n    name: {ja: アクター, en: Actors}\n    types: [person, state, organization]\n", "utf-8"
    )
    (src / "registry" / "actors.yaml").write_text(
        "entities:\n  - id: china\n    kind: actor\n    type: state\n    name: {ja: 中国, en: China}\n"
        "    reading: ちゅうごく\n",
        "utf-8",
    )
    (src / "seeds").mkdir()
    for i in range(seeds):
        (src / "seeds" / f"s{i}.txt").write_text(ARTICLE.format(i), "utf-8")
    return src


@pytest.mark.sphinx("html", testroot="hostile")
def test_a_page_cut_short_by_a_killed_build_is_made_again(sphinx_root: Root) -> None:
    src = _small_book(sphinx_root.src)
    assert sphinx_root.build().warnings == ""
    page = src / "briefings" / "s1.md"
    whole = page.read_text("utf-8")
    for cut in (whole[: len(whole) // 2], whole[:30], ""):
        page.write_text(cut, "utf-8")
        build = sphinx_root.build()
        assert build.warnings == "", build.warnings
        assert page.read_text("utf-8") == whole
    page.write_text(whole.replace("両国", "両国（編集）"), "utf-8")  # a person's edit is still kept
    build = sphinx_root.build()
    assert "[briefing.protected]" in build.warnings and "（編集）" in page.read_text("utf-8")


@pytest.mark.sphinx("html", testroot="hostile")
def test_a_seed_edited_while_the_build_reads_it_is_generated_again(sphinx_root: Root, monkeypatch) -> None:
    src = _small_book(sphinx_root.src)
    seed = src / "seeds" / "s2.txt"
    real = seedcache.load_seed

    def load_then_edit(path: Path, *args: object, **kwargs: object):
        result = real(path, *args, **kwargs)  # type: ignore[arg-type]
        if path.name == "s2.txt" and "後から" not in seed.read_text("utf-8"):
            seed.write_text(seed.read_text("utf-8") + "後から書き足した文。\n", "utf-8")  # the analyst saves now
        return result

    monkeypatch.setattr(seedcache, "load_seed", load_then_edit)
    sphinx_root.build()
    assert "後から" not in (src / "briefings" / "s2.md").read_text("utf-8")
    monkeypatch.setattr(seedcache, "load_seed", real)
    sphinx_root.build()
    assert "後から書き足した文" in (src / "briefings" / "s2.md").read_text("utf-8")


@pytest.mark.sphinx("html", testroot="hostile")
def test_a_page_that_cannot_be_written_is_a_warning_naming_it(sphinx_root: Root, monkeypatch) -> None:
    src = _small_book(sphinx_root.src)
    (src / "seeds" / "new.txt").write_text(ARTICLE.format("new"), "utf-8")
    real = write_atomic

    def read_only(path: Path, data: str | bytes) -> None:
        if path.name == "new.md":
            raise OSError(30, "Read-only file system")
        real(path, data)

    monkeypatch.setattr("briefing.generating.owned.write_atomic", read_only)
    build = sphinx_root.build()
    lines = [w for w in build.warnings.splitlines() if "new.md" in w]
    assert lines and "[briefing.write]" in lines[0] and "Read-only file system" in lines[0]
    assert (build.outdir / "briefings" / "s0.html").is_file()


def _sphinx(src: Path, out: str, *, quiet: bool = True) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "_ext")}
    cmd = [PYTHON, "-m", "sphinx", *(["-q"] if quiet else []), "-b", "html"]
    cmd += ["-d", str(src / out / "doctrees"), str(src), str(src / out / "html")]
    return subprocess.Popen(cmd, cwd=src, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.sphinx("html", testroot="hostile")
def test_a_second_build_waits_for_the_first_one_generating(sphinx_root: Root) -> None:
    src = _small_book(sphinx_root.src)
    held = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with folder_lock(src, lambda: None) as locked:
            assert locked
            held.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    assert held.wait(10)
    process = _sphinx(src, "_one", quiet=False)
    time.sleep(3)
    assert process.poll() is None, process.communicate()  # waiting, not generating
    assert not (src / "briefings").exists()
    release.set()
    holder.join()
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0 and err == "", err
    assert "another build is generating pages; waiting for it" in out
    assert (src / "briefings" / "s0.md").is_file()


@pytest.mark.sphinx("html", testroot="hostile")
def test_two_builds_at_once_neither_crashes_nor_warns(sphinx_root: Root) -> None:
    src = _small_book(sphinx_root.src, seeds=12)
    first, second = _sphinx(src, "_one"), _sphinx(src, "_two")
    results = [p.communicate(timeout=300) for p in (first, second)]
    for process, (_out, err) in zip((first, second), results, strict=True):
        assert process.returncode == 0 and err == "", err
    third = sphinx_root.build()  # and nothing false is replayed later
    assert third.warnings == ""
