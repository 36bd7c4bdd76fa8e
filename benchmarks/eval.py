"""How far the mentions, second references and candidates can be trusted: ``make eval``.

Runs the book's matcher (with the shipped registry) and candidate finder over the
annotated corpus in ``tests/fixtures/mentions/`` (articles of our own writing, in
Japanese, English and Chinese; ``FORMAT.md`` there defines the marks) and prints
precision and recall; with ``--write``, into ``EVAL.md``.

Each article is read as the book reads it: its language from its scripts, its
lines in order, second references bound within it, candidates merged within it.
A mention counts when its span and its entities are those of the gold mark.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "_ext"))

import imports  # noqa: E402
import structure  # noqa: E402

from briefing.language.scripts import text_language  # noqa: E402
from briefing.matching.mentions import Matcher, matcher_for  # noqa: E402
from briefing.matching.person_names import merge_candidates, people_in  # noqa: E402
from briefing.registry.loading import load_registry  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "mentions"
#: A second set, written afterwards by another writer, on which nothing was tuned.
HOLDOUT = ROOT / "tests" / "fixtures" / "mentions-holdout"
GOALS = {"mentions": (0.99, 0.95), "second references": (0.98, 0.90), "candidates": (0.90, None)}

_MARK_RE = re.compile(r"⟦([^|⟧]*)\|([^|⟧]*)(?:\|(2))?⟧|⟪([^|⟫]*)(?:\|([^⟫]*))?⟫")

Span = tuple[int, int, int, tuple[str, ...]]  # line, start, end, sorted ids


@dataclass
class Gold:
    name: str
    lines: list[str] = field(default_factory=list)
    mentions: set[Span] = field(default_factory=set)
    seconds: set[Span] = field(default_factory=set)
    candidates: set[str] = field(default_factory=set)


def parse(name: str, text: str) -> Gold:
    """The plain article and its gold marks."""
    gold = Gold(name)
    for number, raw in enumerate(text.splitlines()):
        plain: list[str] = []
        at = pos = 0
        for match in _MARK_RE.finditer(raw):
            plain.append(raw[pos : match.start()])
            at += match.start() - pos
            surface = match.group(1) if match.group(1) is not None else match.group(4)
            if match.group(1) is not None:
                ids = tuple(sorted(match.group(2).split(",")))
                (gold.seconds if match.group(3) else gold.mentions).add((number, at, at + len(surface), ids))
            else:
                gold.candidates.add(match.group(5) or surface)
            plain.append(surface)
            at += len(surface)
            pos = match.end()
        plain.append(raw[pos:])
        gold.lines.append("".join(plain))
    return gold


@dataclass
class Found:
    mentions: set[Span] = field(default_factory=set)
    seconds: set[Span] = field(default_factory=set)
    candidates: set[str] = field(default_factory=set)


def run(gold: Gold, matcher: Matcher | None) -> Found:
    """What the book finds in the plain article."""
    language = text_language("\n".join(gold.lines))
    found = Found()
    raw = []
    for number, (known, people) in enumerate(people_in(gold.lines, matcher, language)):
        for m in known:
            (found.seconds if m.short else found.mentions).add((number, m.start, m.end, tuple(sorted(m.entities))))
        raw += people
    fullest = merge_candidates(raw)
    found.candidates = {fullest[c.name] for c in raw}
    return found


def score(pairs: Iterable[tuple[set[object], set[object]]]) -> tuple[int, int, int]:
    """(true positives, found, gold) over (found, gold) pairs."""
    tp = fp = fn = 0
    for got, want in pairs:
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
    return tp, tp + fp, tp + fn


def ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def evaluate(corpus: Path = CORPUS) -> dict[str, object]:
    registry = load_registry(ROOT / "registry")
    matcher = matcher_for(registry.match_table())
    results: list[tuple[Gold, Found]] = []
    started = time.perf_counter()
    for path in sorted(corpus.glob("*.txt")):
        gold = parse(path.name, path.read_text("utf-8"))
        results.append((gold, run(gold, matcher)))
    seconds = time.perf_counter() - started
    table: dict[str, object] = {"articles": len(results), "time": seconds}
    for what in ("mentions", "seconds", "candidates"):
        tp, got, want = score((getattr(f, what), getattr(g, what)) for g, f in results)
        table[what] = (ratio(tp, got), ratio(tp, want), tp, got, want)
    by_language: dict[str, tuple[float, float, int]] = {}
    for lang in ("ja", "en", "zh"):
        part = [(g, f) for g, f in results if g.name.startswith(lang)]
        tp, got, want = score((f.mentions | f.seconds, g.mentions | g.seconds) for g, f in part)
        by_language[lang] = (ratio(tp, got), ratio(tp, want), len(part))
    table["by language"] = by_language
    table["errors"] = [
        (g.name, sorted(f.mentions - g.mentions), sorted(g.mentions - f.mentions))
        for g, f in results
        if f.mentions != g.mentions
    ]
    table["second errors"] = [
        (g.name, sorted(f.seconds - g.seconds), sorted(g.seconds - f.seconds))
        for g, f in results
        if f.seconds != g.seconds
    ]
    table["candidate errors"] = [
        (g.name, sorted(f.candidates - g.candidates), sorted(g.candidates - f.candidates))
        for g, f in results
        if f.candidates != g.candidates
    ]
    table["lines"] = {g.name: g.lines for g, _f in results}
    return table


def report(table: dict[str, object]) -> str:
    rows = []
    names = {"mentions": "mentions", "seconds": "second references", "candidates": "candidates"}
    for key, label in names.items():
        p, r, tp, got, want = table[key]  # type: ignore[misc]
        goal_p, goal_r = GOALS[label]
        goal = f"P ≥ {goal_p}" + (f", R ≥ {goal_r}" if goal_r else "")
        rows.append(f"| {label} | {p:.3f} | {r:.3f} | {tp} | {got} | {want} | {goal} |")
    langs = table["by language"]
    assert isinstance(langs, dict)
    lang_rows = [f"| {lang} | {n} | {p:.3f} | {r:.3f} |" for lang, (p, r, n) in langs.items()]
    return "\n".join(
        [
            "| what | precision | recall | right | found | gold | goal |",
            "|---|---|---|---|---|---|---|",
            *rows,
            "",
            "| language | articles | mention P (all) | mention R (all) |",
            "|---|---|---|---|",
            *lang_rows,
        ]
    )


def show_errors(table: dict[str, object], limit: int = 200) -> None:
    lines = table["lines"]
    assert isinstance(lines, dict)
    for key in ("errors", "second errors", "candidate errors"):
        for name, extra, missing in table[key][:limit]:  # type: ignore[index]
            print(f"== {key}: {name}")
            for item in extra:
                text = lines[name][item[0]][item[1] : item[2]] if isinstance(item, tuple) else item
                ctx = lines[name][item[0]][max(0, item[1] - 8) : item[2] + 8] if isinstance(item, tuple) else ""
                print(f"   + {text!r} {item} «{ctx}»")
            for item in missing:
                text = lines[name][item[0]][item[1] : item[2]] if isinstance(item, tuple) else item
                ctx = lines[name][item[0]][max(0, item[1] - 8) : item[2] + 8] if isinstance(item, tuple) else ""
                print(f"   - {text!r} {item} «{ctx}»")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="write the figures into EVAL.md")
    parser.add_argument("--errors", action="store_true", help="list every wrong or missed item")
    args = parser.parse_args(argv)
    sections = []
    for title, corpus in (
        ("The corpus (`tests/fixtures/mentions/`)", CORPUS),
        ("Held out (`tests/fixtures/mentions-holdout/`)", HOLDOUT),
    ):
        if not any(corpus.glob("*.txt")):
            continue
        table = evaluate(corpus)
        text = report(table)
        print(f"## {title}\n")
        print(text)
        print(f"{table['articles']} articles in {table['time']:.1f} s\n")
        if args.errors:
            show_errors(table)
        sections.append(f"### {title}: {table['articles']} articles\n\n{text}\n")
    structure_sections = _structure(args.errors)
    if args.write:
        path = ROOT / "EVAL.md"
        text = path.read_text("utf-8") if path.exists() else ""
        text = _between(text, "<!-- eval:start -->", "<!-- eval:end -->", "\n".join(sections))
        text = _between(text, "<!-- structure:start -->", "<!-- structure:end -->", "\n".join(structure_sections))
        text = _between(text, "<!-- imports:start -->", "<!-- imports:end -->", _imports())
        path.write_text(text, "utf-8")
    return 0


def _between(text: str, start: str, end: str, body: str) -> str:
    if start not in text or end not in text:
        return text
    return text[: text.index(start) + len(start)] + "\n" + body + text[text.index(end) :]


def _structure(errors: bool) -> list[str]:
    """How each line, the date, the source, the lead, the takeaways and the turns are read."""
    out = []
    own = [
        n for n in structure.names(structure.ARTICLES) if "outlet" not in structure.expectation(structure.ARTICLES, n)
    ]
    real = [n for n in structure.names(structure.ARTICLES) if n not in own]
    for title, folder, chosen in (
        ("Articles in real outlets' shapes (`tests/fixtures/articles/`, `outlet:`)", structure.ARTICLES, real),
        ("Our first articles (`tests/fixtures/articles/`, the first 42)", structure.ARTICLES, own),
        *((f"Written the held-out way, tuned on (`tests/fixtures/{d.name}/`)", d, None) for d in structure.DEVELOPMENT),
        ("Held out (`tests/fixtures/articles-holdout/`)", structure.HOLDOUT, None),
        ("Held out, second set (`tests/fixtures/articles-holdout-2/`)", structure.HOLDOUT_2, None),
    ):
        if not folder.is_dir() or not any(folder.glob("*.expect.yaml")):
            continue
        started = time.perf_counter()
        scores = structure.score(folder, chosen)
        text = structure.report(scores)
        print(f"## Structure: {title}\n\n{text}\n{scores.articles} articles in {time.perf_counter() - started:.1f} s\n")
        if errors:
            for name, wrong in scores.errors.items():
                print(f"== {name}\n" + "\n".join(f"   {line}" for line in wrong))
        out.append(f"### {title}: {scores.articles} articles\n\n{text}\n")
    return out


def _imports() -> str:
    """What ``python -m briefing import`` takes out of the saved pages and feeds of the fixtures."""
    started = time.perf_counter()
    pages, feeds = imports.score_folder(imports.PAGES), imports.score_folder(imports.FEEDS)
    held = imports.score_folder(imports.HOLDOUT)
    rows = [*imports.report(pages, "saved pages"), *imports.report(feeds, "feeds")]
    rows += imports.report(held, "held out (pages and feeds)")
    rows += imports.report(imports.score_folder(imports.HOLDOUT_2), "second held-out set")
    header = ["| fixtures | lines | title | date | url | source | with furniture |", "|---|---|---|---|---|---|---|"]
    text = "\n".join([*header, *rows])
    print(f"## Importing\n\n{text}\n({time.perf_counter() - started:.1f} s)\n")
    return f"{text}\n"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
