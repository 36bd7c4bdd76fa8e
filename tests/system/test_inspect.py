"""``python -m briefing inspect`` and ``make inspect`` on hostile file names: controls escaped, SEED never a command."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.conftest import PYTHON, ROOT


def test_inspect_shows_a_file_name_s_controls_escaped(tmp_path: Path) -> None:
    name = "x\x1b]0;pwned\x07\x1b[2J\u202e.txt"
    seed = tmp_path / name
    seed.write_text("題\x1b[31m\n本文\x9b2Jです。\n", "utf-8")
    done = subprocess.run(
        [PYTHON, "-m", "briefing", "inspect", str(seed)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "_ext")},
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode("utf-8")
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out and "\u202e" not in out
    assert "x\\x1b]0;pwned\\x07\\x1b[2J\\u202e.txt" in out


def test_make_inspect_takes_seed_as_a_file_name_never_a_command(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    for seed in (f"x; touch {marker}", f'x"; touch {marker}; "', f"$$(touch {marker})", f"`touch {marker}`"):
        done = subprocess.run(
            [
                "make",
                "--no-print-directory",
                "inspect",
                f"SEED={seed}",
                "PINS=keep",
                f"VENV={Path(PYTHON).parent.parent}",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode != 0 and not marker.exists(), (seed, done.stdout, done.stderr)
        assert "not a file" in done.stderr
