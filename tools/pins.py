"""Say which installed packages the pinned requirements are about to replace (``make`` runs it).

    python tools/pins.py requirements.txt [more.txt ...]

Run with the virtual environment's Python, before ``pip install -r``: an environment someone
upgraded on purpose is then never downgraded without a word (``make html PINS=keep`` keeps it).
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

PIN_RE = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([^\s;#]+)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(path: Path) -> dict[str, str]:
    """``name==version`` lines of a requirements file, following ``-r other.txt``."""
    pins: dict[str, str] = {}
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("-r "):
            pins.update(read_pins(path.parent / line[3:].strip()))
        elif match := PIN_RE.match(line):
            pins[canonical(match[1])] = match[2]
    return pins


def changes(pins: dict[str, str], installed: dict[str, str]) -> list[str]:
    """``name installed -> pinned`` for every installed package whose version is not its pin."""
    return [
        f"{name} {installed[name]} -> {version}"
        for name, version in sorted(pins.items())
        if installed.get(name, version) != version
    ]


def main(argv: list[str]) -> int:
    pins: dict[str, str] = {}
    for arg in argv:
        pins.update(read_pins(Path(arg)))
    installed = {canonical(d.metadata["Name"]): d.version for d in metadata.distributions() if d.metadata["Name"]}
    found = changes(pins, installed)
    if found:
        print(f"make: installing the pinned versions of {', '.join(argv)} over what the environment has:")
        for line in found:
            print(f"  {line}")
        print("  (to build with the environment as it is: make <target> PINS=keep)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
