"""Learn the reader's line model (``_ext/briefing/articles/line_model.json``) from the annotated sets.

    python tools/train_line_model.py              # learn from every set tuned on; write the weights
    python tools/train_line_model.py --measure    # leave each set out in turn: the reader with and without

The sets learnt from are the census with the first 42 (``tests/fixtures/articles/``) and the sets
written the held-out way and tuned on (``articles-dev-*``); never the held-out sets, which
``make eval`` only scores.  Each line's features are taken where the reader asks the model
(after its rules, before the lead and the heading levels): a multi-class averaged perceptron
learns the annotated role from them (a heading of any level is ``heading``, the lead is prose).
Deterministic: the same sets give the same file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "_ext"))

from benchmarks import structure  # noqa: E402
from briefing.articles import line_model  # noqa: E402
from briefing.articles.role import Role  # noqa: E402

Row = tuple[list[str], str, str]  # features, annotated role (in the model's terms), the rules' role
EPOCHS = 6


@contextmanager
def _capturing(into: list[tuple[list[str], int, str]]) -> Iterator[None]:
    """Record each line's features where the reader asks the model, and change nothing."""
    asked = line_model.correct

    def capture(body: list[Role], at: int) -> None:
        last = max((k for k, r in enumerate(body) if r.role == "paragraph"), default=len(body))
        for k, r in enumerate(body):
            into.append((line_model.features(body, k, k + 1 - at, last), r.line, r.role))

    line_model.correct = capture
    try:
        yield
    finally:
        line_model.correct = asked


def _gold(role: str) -> str | None:
    if role.startswith("heading-"):
        return "heading"
    if role == "lead":
        return "paragraph"
    return None if role == "title" else role


def rows(folder: Path) -> list[Row]:
    out: list[Row] = []
    for name in structure.names(folder):
        lines = structure.expectation(folder, name)["lines"]
        seen: list[tuple[list[str], int, str]] = []
        with _capturing(seen):
            structure.parse(folder, name)
        for feats, line, rule in seen:
            gold = _gold(lines[line]) if line in lines else None
            if gold is not None:
                out.append((feats, gold, rule))
    return out


def learn(data: list[Row], epochs: int = EPOCHS) -> dict[str, dict[str, float]]:
    """An averaged perceptron's weights, rounded and the smallest dropped."""
    weights: dict[str, dict[str, float]] = defaultdict(dict)
    totals: dict[tuple[str, str], float] = defaultdict(float)
    stamps: dict[tuple[str, str], int] = defaultdict(int)
    classes = sorted({gold for _f, gold, _r in data})
    seen = 0

    def predict(feats: list[str], rule: str) -> str:
        scores: dict[str, float] = defaultdict(float)
        for f in feats:
            for label, w in weights.get(f, {}).items():
                scores[label] += w
        return max(classes, key=lambda c: (scores.get(c, 0.0), c == rule)) if scores else rule

    def update(label: str, f: str, v: float) -> None:
        key = (f, label)
        w = weights[f].get(label, 0.0)
        totals[key] += (seen - stamps[key]) * w
        stamps[key] = seen
        weights[f][label] = w + v

    for epoch in range(epochs):
        for i in sorted(range(len(data)), key=lambda i: (i * 7919 + epoch * 104729) % len(data)):
            feats, gold, rule = data[i]
            seen += 1
            guess = predict(feats, rule)
            if guess != gold:
                for f in feats:
                    update(gold, f, 1.0)
                    update(guess, f, -1.0)
    out: dict[str, dict[str, float]] = {}
    for (f, label), total in sorted(totals.items()):
        w = weights[f].get(label, 0.0)
        averaged = round((total + (seen - stamps[(f, label)]) * w) / seen, 3)
        if abs(averaged) >= 0.01:
            out.setdefault(f, {})[label] = averaged
    return out


def _sets() -> dict[str, Path]:
    return {"articles": structure.ARTICLES} | {folder.name: folder for folder in structure.DEVELOPMENT}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--measure", action="store_true", help="leave each set out in turn")
    parser.add_argument("--margin", type=float, default=line_model.MARGIN, help="what --measure tries")
    args = parser.parse_args(argv)
    line_model.MARGIN = args.margin
    line_model.use({})  # the rules alone while the features are taken
    data = {name: rows(folder) for name, folder in _sets().items()}
    if args.measure:
        print("| left out | reader (rules) | with a model learnt from the rest |")
        print("|---|---|---|")
        for name, folder in _sets().items():
            line_model.use({})
            alone = structure.score(folder).tallies["line roles"].share
            line_model.use(learn([row for other, rows_ in data.items() if other != name for row in rows_]))
            learnt = structure.score(folder).tallies["line roles"].share
            print(f"| {name} | {alone:.3f} | {learnt:.3f} |")
        line_model.use(None)
        return 0
    weights = learn([row for rows_ in data.values() for row in rows_])
    target = ROOT / "_ext" / "briefing" / "articles" / "line_model.json"
    target.write_text(json.dumps(weights, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n", "utf-8")
    print(f"{target.relative_to(ROOT)}: {len(weights)} features, {target.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
