"""How well the book reads an article's structure: ``make eval`` (with the mentions) and the tests.

Each article of ``tests/fixtures/articles/`` (and the held-out ``articles-holdout/``) is three
files: the text, an optional sidecar, and ``<name>.expect.yaml``, what a careful reader sees in
it line by line (``FORMAT.md`` there). The book's own parser reads the text; the scores are:

- **line roles**: lines whose role is the expected one, of all annotated lines;
- **date**: articles whose date is read right, of those whose text states one (and how many
  warn "no year in the text" although it states one: a false warning);
- **source**, **lead**, **takeaway count**: articles where each is exactly the expected one;
- **turns**: transcript lines whose role (question or answer) and speaker are both right.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT / "_ext") not in sys.path:
    sys.path.insert(0, str(ROOT / "_ext"))

from briefing.articles.article import Article, Turn  # noqa: E402
from briefing.articles.metadata import parse_metadata  # noqa: E402
from briefing.articles.parse import parse_seed  # noqa: E402

ARTICLES = ROOT / "tests" / "fixtures" / "articles"
HOLDOUT = ROOT / "tests" / "fixtures" / "articles-holdout"
#: A second held-out set, written later by another writer who never read the reader, never tuned on.
HOLDOUT_2 = ROOT / "tests" / "fixtures" / "articles-holdout-2"
#: Sets written the held-out way (by writers who never read the reader), which the reader is tuned on.
DEVELOPMENT = tuple(ROOT / "tests" / "fixtures" / f"articles-dev-{part}" for part in "abcdefgh")
#: The issue's goals, each a least share.
GOALS = {
    "line roles": 0.97,
    "date": 0.98,
    "source": 0.95,
    "lead": 0.95,
    "takeaway count": 0.90,
    "turns": 0.95,
}


def names(folder: Path) -> list[str]:
    return sorted(p.name.removesuffix(".expect.yaml") for p in folder.glob("*.expect.yaml"))


def expectation(folder: Path, name: str) -> dict[str, Any]:
    loaded = yaml.safe_load((folder / f"{name}.expect.yaml").read_text("utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def parse(folder: Path, name: str) -> Article:
    sidecar = folder / f"{name}.yaml"
    meta = None
    if sidecar.exists():
        meta, problems = parse_metadata(yaml.safe_load(sidecar.read_text("utf-8")))
        assert problems == (), problems
    return parse_seed((folder / f"{name}.txt").read_text("utf-8"), metadata=meta)


def _level(article: Article, line: int) -> int:
    return next((s.level for s in article.sections if s.line == line and s.heading is not None), 0)


def understood(article: Article) -> dict[str, Any]:
    """The article in the shape of an expectation."""
    if article.metadata.date:
        date, date_from = article.metadata.date.isoformat(), "sidecar"
    elif article.date_fact:
        date, date_from = article.date_fact.value, "text"
    else:
        date, date_from = None, "none"
    roles = {}
    for r in article.roles:
        role = r.role
        if role == "heading":
            role = f"heading-{_level(article, r.line)}"
        roles[r.line] = role
    turns = {
        block.line: block.speaker
        for section in article.sections
        for block in section.blocks
        if isinstance(block, Turn) and block.speaker
    }
    turns.update({b.line: b.speaker for b in article.preamble if isinstance(b, Turn) and b.speaker})
    return {
        "date": date,
        "date_from": date_from,
        "source": article.metadata.source or (article.source_fact.value if article.source_fact else None),
        "takeaways": [t.text for t in article.takeaways],
        "lines": roles,
        "turns": turns,
        "no_year_warning": any("no year" in p.message for p in article.problems),
    }


@dataclass
class Tally:
    right: int = 0
    of: int = 0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.of += 1

    @property
    def share(self) -> float:
        return self.right / self.of if self.of else 1.0


@dataclass
class Scores:
    articles: int = 0
    tallies: dict[str, Tally] = field(default_factory=lambda: {key: Tally() for key in GOALS})
    false_no_year: int = 0
    perfect: int = 0
    errors: dict[str, list[str]] = field(default_factory=dict)


def score(folder: Path, only: list[str] | None = None) -> Scores:
    """The scores of every article in ``folder`` (or of ``only`` those)."""
    out = Scores()
    for name in only if only is not None else names(folder):
        want = expectation(folder, name)
        got = understood(parse(folder, name))
        text = (folder / f"{name}.txt").read_text("utf-8").splitlines()
        out.articles += 1
        wrong = _compare(want, got, text, out)
        out.perfect += not wrong
        if wrong:
            out.errors[name] = wrong
    return out


def _compare(want: dict[str, Any], got: dict[str, Any], text: list[str], out: Scores) -> list[str]:
    tallies, wrong = out.tallies, []
    for line, role in want["lines"].items():
        ok = got["lines"].get(line) == role
        tallies["line roles"].add(ok)
        if not ok:
            wrong.append(f"line {line}: {role} expected, got {got['lines'].get(line)} — {text[line - 1][:60]}")
    stated = want["date"] is not None and want.get("date_from") == "text"
    expected_date = str(want["date"]) if want["date"] is not None else None
    if stated:
        tallies["date"].add(got["date"] == expected_date)
        out.false_no_year += bool(got["no_year_warning"])
    if got["date"] != expected_date:
        wrong.append(f"date: {expected_date} expected, got {got['date']}")
    for key, ok in (
        ("source", got["source"] == want["source"]),
        ("lead", _lines_of(got, "lead") == _lines_of(want, "lead")),
        ("takeaway count", len(got["takeaways"]) == len(want["takeaways"] or [])),
    ):
        tallies[key].add(ok)
        if not ok:
            wrong.append(f"{key}: {want.get(key.split()[0])!r} expected")
    speakers = want.get("turns") or {}
    for line, role in want["lines"].items():
        if role in ("question", "answer"):
            ok = got["lines"].get(line) == role and got["turns"].get(line, None) == speakers.get(line)
            tallies["turns"].add(ok)
    if list(got["takeaways"]) != list(want["takeaways"] or []):
        wrong.append("takeaways differ")
    return wrong


def _lines_of(table: dict[str, Any], role: str) -> list[int]:
    return sorted(line for line, r in table["lines"].items() if r == role)


def report(scores: Scores) -> str:
    rows = [
        f"| {key} | {tally.share:.3f} | {tally.right} | {tally.of} | ≥ {GOALS[key]} |"
        for key, tally in scores.tallies.items()
    ]
    return "\n".join(
        [
            "| what | share right | right | of | goal |",
            "|---|---|---|---|---|",
            *rows,
            f'| false "no year" warnings | | {scores.false_no_year} | | 0 |',
            f"| articles read wholly right | {scores.perfect / max(scores.articles, 1):.3f} | {scores.perfect} "
            f"| {scores.articles} | |",
        ]
    )


def main(argv: list[str]) -> int:
    """``python benchmarks/structure.py [--errors] [--own|--real] [FOLDER]``: the scores, and each article's errors."""
    folder = next((Path(a) for a in argv if not a.startswith("--")), ARTICLES)
    chosen = names(folder)
    if "--real" in argv or "--own" in argv:
        real = {n for n in chosen if "outlet" in expectation(folder, n)}
        chosen = [n for n in chosen if (n in real) == ("--real" in argv)]
    scores = score(folder, chosen)
    print(report(scores))
    if "--errors" in argv:
        for name, wrong in scores.errors.items():
            print(f"== {name}")
            print("\n".join(f"   {line}" for line in wrong))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
