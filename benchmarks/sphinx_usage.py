"""``sphinx-build``, then what the analysers cost in that process: ``python sphinx_usage.py OUT.json ARGS…``.

The benchmark runs each build in a child process through this script, which writes
the analysers' calls and seconds (:data:`briefing.language.errors.USAGE`) to
``OUT.json`` after the build: the figures of the build's main process, where pages
are generated and mentions found (a ``-j`` build's reading workers are not counted).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sphinx.cmd.build import main


def run(argv: list[str]) -> int:
    out, args = Path(argv[0]), argv[1:]
    status = main(args)
    errors = sys.modules.get("briefing.language.errors")
    usage = getattr(errors, "USAGE", {}) if errors is not None else {}
    out.write_text(json.dumps({name: {"calls": int(c), "seconds": s} for name, (c, s) in usage.items()}), "utf-8")
    return status


if __name__ == "__main__":
    raise SystemExit(run(sys.argv[1:]))
