"""Compile the extension's message catalogs (.po -> .mo), or check they are up to date.

python tools/compile_catalogs.py          # write every briefing.mo
python tools/compile_catalogs.py --check  # exit 1 if a .mo translates otherwise than its .po
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

LOCALES = Path(__file__).resolve().parent.parent / "_ext" / "briefing" / "locales"


def compiled(po: Path) -> bytes:
    with po.open("rb") as f:
        catalog = read_po(f)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def messages(mo: bytes) -> dict[object, object]:
    """What a compiled catalog translates (not its header, which names the Babel that wrote it)."""
    return {m.id: m.string for m in read_mo(io.BytesIO(mo)) if m.id}


def main(argv: list[str]) -> int:
    stale = []
    for po in sorted(LOCALES.glob("*/LC_MESSAGES/*.po")):
        mo, data = po.with_suffix(".mo"), compiled(po)
        if "--check" in argv:
            if not mo.exists() or messages(mo.read_bytes()) != messages(data):
                stale.append(mo)
        else:
            mo.write_bytes(data)
    for mo in stale:
        print(f"{mo} is out of date: run `make catalogs`", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
