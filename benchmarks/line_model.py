"""Would a model learnt from the words of the annotated lines read unseen outlets' pages better?

    python benchmarks/line_model.py            # leave one set out, then the held-out sets
    python benchmarks/line_model.py --epochs 8

An experiment for DECISIONS 107, not part of the book. Each annotated line gets the role the
reader gives it and lexical features (its first and last words or, in Chinese and Japanese, its
first and last character pairs; its marks; its width, digits, a date; its place under the title
and after the last prose; its neighbours' roles as read). A multi-class averaged perceptron
learns the annotated role from them. Two measures, both of pages of outlets the model never saw:

- leave one set out: learn from every set tuned on but one (the census, the first 42, dev-a …
  dev-h), score the one left out, beside the reader alone;
- the held-out sets: learn from all the sets tuned on, score the two held-out sets (scores only:
  their errors are never read).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "_ext"))

import structure  # noqa: E402

from briefing.articles import cues  # noqa: E402
from briefing.articles.article import Article, LineRole  # noqa: E402
from briefing.articles.dates import read_date  # noqa: E402

FIXTURES = HERE.parent / "tests" / "fixtures"
Row = tuple[list[str], str, str]  # features, annotated role, the reader's role
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’.-]*|[0-9]+")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]+")


def _role(article: Article, line: LineRole) -> str:
    return f"heading-{structure._level(article, line.line)}" if line.role == "heading" else line.role


def _lexical(text: str) -> list[str]:
    words = [w.casefold() for w in _WORD_RE.findall(text)]
    cjk = "".join(_CJK_RE.findall(text))
    pairs = [cjk[i : i + 2] for i in range(len(cjk) - 1)]
    out = [f"w={w}" for w in words[:4]] + [f"wl={w}" for w in words[-2:]]
    out += [f"c={p}" for p in pairs[:4]] + [f"cl={p}" for p in pairs[-3:]]
    stripped = text.strip()
    out += [f"first={stripped[:1]}", f"last={stripped[-1:]}", f"first2={stripped[:2]}"]
    marks = sorted({ch for ch in stripped if not ch.isalnum() and not ch.isspace()})[:6]
    return out + [f"mark={m}" for m in marks]


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    return next((f"<{e}" for e in edges if n < e), "more")


def rows(folder: Path, chosen: list[str] | None = None) -> list[Row]:
    out: list[Row] = []
    for name in chosen if chosen is not None else structure.names(folder):
        lines = structure.expectation(folder, name)["lines"]
        article = structure.parse(folder, name)
        roles = list(article.roles)
        title = next((k for k, r in enumerate(roles) if r.role == "title"), 0)
        last = max((k for k, r in enumerate(roles) if r.role in ("paragraph", "lead")), default=len(roles))
        for k, line in enumerate(roles):
            if line.line not in lines:
                continue
            rule = _role(article, line)
            text = line.text
            features = ["bias", f"rule={rule}", f"place={_bucket(k - title, (0, 1, 2, 3, 6, 12))}"]
            features += [f"tail={k > last}", f"from_end={_bucket(len(roles) - k, (1, 2, 3, 5, 8))}"]
            features += [f"before={_role(article, roles[k - 1]) if k else 'start'}"]
            features += [f"after={_role(article, roles[k + 1]) if k + 1 < len(roles) else 'end'}"]
            features += [f"width={_bucket(cues.width(text), (4, 8, 16, 30, 60, 120))}"]
            features += [f"sentence={cues.ends_like_sentence(text)}", f"digits={any(c.isdigit() for c in text)}"]
            features += [f"date={read_date(text) is not None}", f"rule&width={rule}&{features[-4]}"]
            features += _lexical(text)
            out.append((features, lines[line.line], rule))
    return out


class Perceptron:
    """A multi-class averaged perceptron over string features."""

    def __init__(self) -> None:
        self.weights: dict[str, dict[str, float]] = defaultdict(dict)
        self._totals: dict[tuple[str, str], float] = defaultdict(float)
        self._stamps: dict[tuple[str, str], int] = defaultdict(int)
        self._seen = 0
        self.classes: set[str] = set()

    def _scores(self, features: list[str]) -> dict[str, float]:
        scores: dict[str, float] = defaultdict(float)
        for f in features:
            for label, w in self.weights.get(f, {}).items():
                scores[label] += w
        return scores

    def predict(self, features: list[str], fallback: str) -> str:
        scores = self._scores(features)
        return max(self.classes, key=lambda c: (scores.get(c, 0.0), c == fallback)) if scores else fallback

    def _update(self, label: str, f: str, v: float) -> None:
        key = (f, label)
        w = self.weights[f].get(label, 0.0)
        self._totals[key] += (self._seen - self._stamps[key]) * w
        self._stamps[key] = self._seen
        self.weights[f][label] = w + v

    def train(self, data: list[Row], epochs: int) -> None:
        self.classes = {gold for _f, gold, _r in data}
        for epoch in range(epochs):
            order = sorted(range(len(data)), key=lambda i: (i * 7919 + epoch * 104729) % len(data))
            for i in order:
                features, gold, rule = data[i]
                self._seen += 1
                guess = self.predict(features, rule)
                if guess != gold:
                    for f in features:
                        self._update(gold, f, 1.0)
                        self._update(guess, f, -1.0)
        for (f, label), total in self._totals.items():  # average
            w = self.weights[f].get(label, 0.0)
            total += (self._seen - self._stamps[(f, label)]) * w
            self.weights[f][label] = total / self._seen


def share(data: list[Row], model: Perceptron | None) -> float:
    right = sum((model.predict(f, rule) if model else rule) == gold for f, gold, rule in data)
    return right / len(data)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--epochs", type=int, default=6)
    args = parser.parse_args(argv)
    articles = FIXTURES / "articles"
    sets = {"census and first 42": rows(articles)}
    sets |= {folder.name: rows(folder) for folder in structure.DEVELOPMENT}
    print("| left out | lines | reader | model learnt from the rest |")
    print("|---|---|---|---|")
    for name, left_out in sets.items():
        model = Perceptron()
        model.train([row for other, data in sets.items() if other != name for row in data], args.epochs)
        print(f"| {name} | {len(left_out)} | {share(left_out, None):.3f} | {share(left_out, model):.3f} |")
    model = Perceptron()
    model.train([row for data in sets.values() for row in data], args.epochs)
    for folder in (structure.HOLDOUT, structure.HOLDOUT_2):
        held = rows(folder)
        print(f"| held out: {folder.name} | {len(held)} | {share(held, None):.3f} | {share(held, model):.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
