"""Write the docs' tables from the code: options, warning subtypes, the build's lifecycle.

    python tools/docs_tables.py           # rewrite the tables in docs/
    python tools/docs_tables.py --check   # exit 1 if a file differs (tests/unit/test_declarations.py)

The options are declared once in ``briefing/readtime/config.py`` (``BriefingConfig``), the
subtypes in ``briefing/util/subtypes.py``; the lifecycle is every ``app.connect`` the
extension's ``setup()`` makes, with the handler's docstring and the comment at the call.
A file holds what this writes between its ``<!-- name: … -->`` and ``<!-- /name -->`` markers.
"""

from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))

from briefing.readtime.config import options  # noqa: E402
from briefing.util.subtypes import HELP  # noqa: E402


def options_table() -> str:
    rows = ["| option | default | meaning |", "|---|---|---|"]
    rows += [f"| `{o.name}` | `{o.shown}` | {o.help} |" for o in options()]
    return "\n".join(rows)


def subtypes_table() -> str:
    rows = ["| subtype | when | what happens |", "|---|---|---|"]
    rows += [f"| `{subtype.value}` | {when} | {then} |" for subtype, (when, then) in HELP.items()]
    return "\n".join(rows)


#: Sphinx's events in the order a build emits them (``doctree-read`` for each page read, …).
EVENTS = (
    "config-inited", "builder-inited", "env-get-outdated", "env-before-read-docs", "source-read",
    "doctree-read", "env-merge-info", "env-updated", "env-check-consistency", "missing-reference",
    "warn-missing-reference", "doctree-resolved", "html-page-context", "build-finished",
)  # fmt: skip
PACKAGE = ROOT / "_ext" / "briefing"


def _comment_at(path: str, line: int) -> str:
    """The comment on the line of a call, or in the lines just above it."""
    lines = Path(path).read_text("utf-8").splitlines()
    found = []
    at = line - 2
    while at >= 0 and lines[at].strip().startswith("#"):
        found.insert(0, lines[at].strip().lstrip("#").strip())
        at -= 1
    code = lines[line - 1]
    if "  # " in code:
        found.append(code.split("  # ", 1)[1].strip())
    return " ".join(found)


def handlers() -> list[tuple[str, int, str, str, str]]:
    """(event, priority, handler, what it does, why there) of every handler ``setup()`` connects."""
    from briefing.extension import setup

    found: list[tuple[str, int, str, str, str]] = []

    def connect(event: str, handler: Any, priority: int = 500) -> int:
        caller = next(f for f in inspect.stack()[1:] if f.filename.startswith(str(PACKAGE)))
        doc = (inspect.getdoc(handler) or "").split("\n\n")[0].replace("\n", " ")
        name = f"{handler.__module__}.{handler.__qualname__}".removeprefix("briefing.")
        found.append((event, priority, name, doc, _comment_at(caller.filename, caller.lineno)))
        return len(found)

    app = mock.MagicMock()
    app.connect.side_effect = connect
    setup(app)
    return sorted(found, key=lambda row: (EVENTS.index(row[0]), row[1]))


def lifecycle_table() -> str:
    rows = ["| event | priority | handler | what it does | why there |", "|---|---|---|---|---|"]
    rows += [f"| `{e}` | {p} | `{h}` | {what} | {why} |" for e, p, h, what, why in handlers()]
    return "\n".join(rows)


TABLES = {"options": options_table, "subtypes": subtypes_table, "lifecycle": lifecycle_table}
FILES = tuple(
    ROOT / "docs" / name for name in ("operator/configuration.md", "analyst/seeds.md", "develop/lifecycle.md")
)


def written(text: str) -> str:
    """``text`` with each table it marks written anew."""
    for name, make in TABLES.items():
        pattern = re.compile(rf"(<!-- {name}: [^\n]*-->\n)(?:.*?\n)?(<!-- /{name} -->)", re.S)
        if pattern.search(text):
            table = make()
            text = pattern.sub(lambda m, table=table: m.group(1) + table + "\n" + m.group(2), text)
    return text


def main(argv: list[str]) -> int:
    stale = []
    for path in FILES:
        text = path.read_text("utf-8")
        new = written(text)
        if new != text:
            stale.append(path.relative_to(ROOT).as_posix())
            if "--check" not in argv:
                path.write_text(new, "utf-8")
    if stale and "--check" in argv:
        print(f"{', '.join(stale)}: the tables differ from the code: run python tools/docs_tables.py")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
