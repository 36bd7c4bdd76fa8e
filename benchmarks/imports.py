"""How well ``python -m briefing import`` takes articles out of saved pages and feeds: ``make eval`` and the tests.

Each fixture of ``tests/fixtures/pages/`` and ``tests/fixtures/feeds/`` is a page or feed written
in a real outlet's markup (``OUTLETS.md`` there) and ``<name>.expect.yaml``: what a careful reader
takes from it (the article's lines, title, date, address, source; for a feed, per entry). The
importer reads the file as the command does (without the child process); the scores are:

- **lines**: expected article lines found in the seed, in order, of all expected lines;
- **furniture**: pages or entries whose seed holds a line of page furniture (menus, share
  buttons, related links, footers, scripts), of all (the goal is none);
- **title**, **date**, **url**, **source**: pages and entries where each is exactly the expected one.

    python benchmarks/imports.py [-v]     # the scores, and with -v each miss
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT / "_ext") not in sys.path:
    sys.path.insert(0, str(ROOT / "_ext"))

from briefing.importing.command import articles_of  # noqa: E402
from briefing.importing.extract import Extracted  # noqa: E402
from briefing.importing.inputs import load_file  # noqa: E402
from briefing.importing.seeds import seed_text  # noqa: E402

PAGES = ROOT / "tests" / "fixtures" / "pages"
FEEDS = ROOT / "tests" / "fixtures" / "feeds"
#: Pages and feeds of other outlets, written afterwards by a helper that never read the importer.
HOLDOUT = ROOT / "tests" / "fixtures" / "import-holdout"
#: A second such set, written after the first had taught the importer.
HOLDOUT_2 = ROOT / "tests" / "fixtures" / "import-holdout-2"
#: The issue's goals: lines and facts, each a least share; furniture, a most.
GOALS = {"lines": 0.98, "title": 0.95, "date": 0.95, "url": 0.95, "source": 0.95}
FACTS = ("title", "date", "url", "source")
_MARKER = re.compile(r"^(?:・|- |\d+\. )")


@dataclass
class Score:
    """Counts over a set of fixtures, and what was missed (for ``-v``)."""

    lines: int = 0
    lines_found: int = 0
    items: int = 0
    furnished: int = 0
    facts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FACTS, 0))
    misses: list[str] = field(default_factory=list)
    inputs: int = 0
    outlets: set[str] = field(default_factory=set)

    def share(self, what: str) -> float:
        if what == "lines":
            return self.lines_found / self.lines if self.lines else 1.0
        if what == "furniture":
            return self.furnished / self.items if self.items else 0.0
        return self.facts[what] / self.items if self.items else 1.0


def fixtures(folder: Path) -> list[tuple[Path, Path]]:
    """(input file, expectation) pairs of a folder: ``x.html`` with ``x.expect.yaml`` or ``x.html.expect.yaml``."""
    pairs = []
    for expect in sorted(folder.glob("*.expect.yaml")):
        stem = expect.name.removesuffix(".expect.yaml")
        if (folder / stem).is_file():
            pairs.append((folder / stem, expect))
            continue
        found = [p for p in folder.glob(f"{stem}.*") if not p.name.endswith(".expect.yaml")]
        if len(found) == 1:
            pairs.append((found[0], expect))
    return pairs


def _in_order(expected: list[str], got: list[str]) -> list[str]:
    """The expected lines not found in ``got`` in order (each found line consumes those before it)."""
    missing, at = [], 0
    for line in expected:
        try:
            at = got.index(line, at) + 1
        except ValueError:
            missing.append(line)
    return missing


def _fold(text: str) -> str:
    return " ".join(str(text).split())


def score_article(score: Score, name: str, article: Extracted | None, expected: dict[str, Any]) -> None:
    """Add one page's (or entry's) result to ``score``."""
    score.items += 1
    if article is None:
        score.lines += len(expected.get("lines") or [])
        score.misses.append(f"{name}: no article")
        return
    seed = seed_text(article).splitlines()
    got = [_fold(_MARKER.sub("", line)) for line in seed[1:]]
    lines = [_fold(line) for line in expected.get("lines") or []]
    missing = _in_order(lines, got)
    score.lines += len(lines)
    score.lines_found += len(lines) - len(missing)
    score.misses += [f"{name}: line missing: {line[:70]}" for line in missing]
    text = "\n".join(seed)
    furniture = [f for f in expected.get("furniture") or [] if str(f).strip() and str(f) in text]
    if furniture:
        score.furnished += 1
        score.misses += [f"{name}: furniture in the seed: {f[:60]}" for f in furniture]
    date = expected.get("date")
    wanted = {
        "title": _fold(expected.get("title") or ""),
        "date": date.isoformat() if isinstance(date, dt.date) else date,
        "url": expected.get("url"),
        "source": expected.get("source"),
    }
    have = {
        "title": _fold(article.title),
        "date": article.date.isoformat() if article.date else None,
        "url": article.url,
        "source": article.source,
    }
    for fact in FACTS:
        if have[fact] == wanted[fact]:
            score.facts[fact] += 1
        else:
            score.misses.append(f"{name}: {fact} {have[fact]!r}, expected {wanted[fact]!r}")


def score_folder(folder: Path, score: Score | None = None) -> Score:
    """Import every fixture of ``folder`` and score it."""
    score = score or Score()
    for path, expect in fixtures(folder):
        expected = yaml.safe_load(expect.read_text("utf-8"))
        score.inputs += 1
        score.outlets.add(str(expected.get("outlet")))
        try:
            articles, _skipped = articles_of(load_file(path), None)
        except Exception as err:  # a fixture the importer refuses scores as nothing read
            articles = []
            score.misses.append(f"{path.name}: refused: {err}")
        entries = expected.get("entries") or [expected]
        for k, entry in enumerate(entries):
            name = path.name if len(entries) == 1 else f"{path.name}#{k + 1}"
            score_article(score, name, articles[k] if k < len(articles) else None, entry)
    return score


def report(score: Score, label: str) -> list[str]:
    row = " | ".join(f"{score.share(w):.3f}" for w in ("lines", "title", "date", "url", "source"))
    what = f"{label} ({score.inputs} files, {score.items} articles, {len(score.outlets)} outlets)"
    return [f"| {what} | {row} | {score.furnished} |"]


def main(argv: list[str]) -> int:
    pages, feeds, held, held_2 = (score_folder(f) for f in (PAGES, FEEDS, HOLDOUT, HOLDOUT_2))
    print("| fixtures | lines | title | date | url | source | with furniture |")
    print("|---|---|---|---|---|---|---|")
    for label, score in (("saved pages", pages), ("feeds", feeds), ("held out", held), ("held out 2", held_2)):
        print("\n".join(report(score, label)))
        if "-v" in argv:
            print("\n".join(f"    {m}" for m in score.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
