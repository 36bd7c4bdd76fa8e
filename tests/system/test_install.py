"""The extension installs with pip, and a second book that only names it builds warning-free."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import PYTHON, ROOT, run


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The extension installed with pip from a copy of the repository (no dependency downloaded)."""
    work = tmp_path_factory.mktemp("install")
    src = work / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "_ext", src / "_ext", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    target = work / "site"
    cmd = [PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    result = run([*cmd, "--no-deps", "--no-build-isolation", "--target", str(target), str(src)], work)
    assert result.returncode == 0, result.stdout + result.stderr
    return target


def _env(site: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(site)}


def test_the_installed_package_declares_its_dependencies_and_ships_its_data(site: Path) -> None:
    metadata = next(site.glob("sphinx_briefing_book-*.dist-info")) / "METADATA"
    requires = [
        line.split(":", 1)[1].strip()
        for line in metadata.read_text("utf-8").splitlines()
        if line.startswith("Requires-Dist:")
    ]
    assert "sphinx<9.2,>=8.2" in requires or "sphinx>=8.2,<9.2" in requires
    assert any(r.startswith("myst-parser") for r in requires) and any(r.startswith("sphinx-design") for r in requires)
    package = site / "briefing"
    for data in (
        "static/briefing.css",
        "static/briefing.sty",
        "static/briefingcjk.sty",
        "schemas/registry.schema.json",
        "schemas/briefings.schema.json",
        "locales/ja/LC_MESSAGES/briefing.mo",
    ):
        assert (package / data).is_file(), data


def test_a_second_book_with_its_own_seeds_and_registry_builds(site: Path, tmp_path: Path, rootdir: Path) -> None:
    book = tmp_path / "second"
    shutil.copytree(rootdir / "test-second-book", book)
    where = run([PYTHON, "-c", "import briefing; print(briefing.__file__)"], book, env=_env(site))
    assert Path(where.stdout.strip()).is_relative_to(site), "the build uses the installed copy"

    for builder in ("html", "latex"):
        cmd = [PYTHON, "-m", "sphinx", "-W", "--keep-going", "-n", "-q", "-b", builder, ".", f"_build/{builder}"]
        result = run(cmd, book, env=_env(site))
        assert result.returncode == 0, result.stderr

    html = book / "_build" / "html"
    page = (html / "briefings" / "asean-trade.html").read_text("utf-8")
    assert 'href="../entities/sector/semiconductors.html"' in page  # its own kind of entity
    assert 'href="../entities/forum/asean.html"' in page
    english = (html / "briefings" / "vietnam-chips.html").read_text("utf-8")
    assert 'href="../entities/actor/malaysia.html"' in english
    assert (html / "entities" / "sector" / "index.html").is_file()
    assert ":::{briefing}" not in page, "MyST's colon fences are on without the book asking"
    assert (book / "_build" / "latex" / "trade-notes.tex").is_file()
