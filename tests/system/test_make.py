"""The Makefile passes any target it does not know to ``sphinx-build -M``, as Sphinx's own does."""

from __future__ import annotations

import shutil
from typing import Any

import pytest

from tests.conftest import ROOT, run


@pytest.mark.parametrize("target", ["singlehtml", "text", "man", "gettext", "linkcheck", "dirhtml", "html"])
def test_any_builder_is_a_make_target(target: str) -> None:
    if shutil.which("make") is None:
        pytest.fail("make is not installed")
    done = run(["make", "-n", target], ROOT)
    assert done.returncode == 0, done.stderr
    assert f"-m sphinx -M {target} " in done.stdout, done.stdout


@pytest.mark.parametrize("target", ["Makefile", "requirements.txt", "requirements-dev.txt"])
def test_the_catch_all_never_tries_to_build_the_makefile_or_the_requirements(target: str) -> None:
    done = run(["make", "-n", target], ROOT)
    assert "sphinx -M" not in done.stdout, done.stdout


def _pins_module() -> Any:  # tools/pins.py, a script
    import importlib.util

    spec = importlib.util.spec_from_file_location("pins", ROOT / "tools" / "pins.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pins_name_every_installed_version_they_would_replace(tmp_path) -> None:
    pins = _pins_module()
    (tmp_path / "base.txt").write_text(
        "# comment\nSphinx==9.0.4\nmyst_parser==5.2.0 ; python_version >= '3.11'\n", "utf-8"
    )
    (tmp_path / "dev.txt").write_text("-r base.txt\npytest==9.2.0\nruff>=0.1\n", "utf-8")
    found = pins.read_pins(tmp_path / "dev.txt")
    assert found == {"sphinx": "9.0.4", "myst-parser": "5.2.0", "pytest": "9.2.0"}
    installed = {"sphinx": "9.1.0", "myst-parser": "5.2.0"}  # pytest not installed yet: nothing replaced
    assert pins.changes(found, installed) == ["sphinx 9.1.0 -> 9.0.4"]
    assert pins.changes(found, {"sphinx": "9.0.4"}) == []


def test_make_says_what_it_replaces_before_installing_and_can_keep_the_environment(tmp_path) -> None:
    """The real recipe, with a stand-in for the environment's Python that logs what it is asked."""
    venv = tmp_path / "venv"
    stamp = venv / ".installed-book"
    keep = run(["make", "-s", f"VENV={venv}", "PINS=keep", str(stamp)], ROOT)
    assert keep.returncode != 0 and "has no Python yet" in keep.stderr  # nothing to keep: said, not guessed

    (venv / "bin").mkdir(parents=True)
    log = tmp_path / "calls"
    python = venv / "bin" / "python"
    python.write_text(f'#!/bin/sh\necho "$*" >> {log}\n', "utf-8")
    python.chmod(0o755)
    keep = run(["make", "-s", f"VENV={venv}", "PINS=keep", str(stamp)], ROOT)
    assert keep.returncode == 0, keep.stderr
    assert "is used as it is" in keep.stdout
    assert not log.exists() and not stamp.exists()

    install = run(["make", "-s", f"VENV={venv}", str(stamp)], ROOT)
    assert install.returncode == 0, install.stderr
    calls = log.read_text("utf-8").splitlines()
    assert calls[0] == "tools/pins.py requirements.txt"
    assert calls[1].startswith("-m pip install") and calls[1].endswith("-r requirements.txt")
    assert stamp.exists()
