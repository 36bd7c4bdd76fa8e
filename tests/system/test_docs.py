"""The guides (docs/) build warning-free, nitpicky, as `make docs` builds them; the README stays short."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_the_guides_build_with_warnings_as_errors(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-q", "-b", "html",
         "-d", str(tmp_path / "doctrees"), str(ROOT / "docs"), str(tmp_path / "html")],
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "html" / "develop" / "lifecycle.html").is_file()


def test_the_readme_is_short_and_its_links_lead_to_guides() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert len(readme.splitlines()) <= 150
    links = re.findall(r"\]\(([^)#]+)\)", readme)
    assert links, "the README points to the guides"
    for link in links:
        assert (ROOT / link).is_file(), link


def test_every_pre_commit_hook_runs_a_tool_this_project_has() -> None:
    import shlex

    import yaml

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert {h["id"] for h in hooks} >= {"ruff", "ruff-format", "mypy", "import-contracts", "registry-schema"}
    for hook in hooks:
        words = [w for w in shlex.split(hook["entry"]) if w != "env" and "=" not in w]
        program = ROOT / words[0]
        assert program.name in {"ruff", "mypy", "lint-imports", "check-jsonschema", "python"}, hook["id"]
        for word in words[1:]:
            if word.endswith((".json", ".py")):
                assert (ROOT / word).is_file(), (hook["id"], word)
