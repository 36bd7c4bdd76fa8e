"""The Makefile passes any target it does not know to ``sphinx-build -M``, as Sphinx's own does."""

from __future__ import annotations

import shutil

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
