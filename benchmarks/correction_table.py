"""Would a table learnt from the annotated lines correct the reader on outlets it has not seen?

    python benchmarks/correction_table.py

An experiment for DECISIONS 104, not part of the book. Each annotated line gets a few plain
features (the role the reader gives it, its place under the title, whether it stands after the
article's last prose, its neighbours' roles, its width, whether it ends like a sentence); a
back-off table maps the most specific combination seen often enough (``min_n`` lines, one role
in ``margin`` of them) to the annotated role, else keeps the reader's. It learns from the census,
the first 42 and the two sets written the held-out way; it is scored on the two held-out sets,
beside the reader alone (the held-out sets are only scored, as everywhere).
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "_ext"))

import structure  # noqa: E402

from briefing.articles import cues  # noqa: E402
from briefing.articles.article import Article, LineRole  # noqa: E402

FIXTURES = HERE.parent / "tests" / "fixtures"
Features = dict[str, str]
Row = tuple[Features, str]
#: The combinations looked up, the most specific first.
KEYS = (
    ("rule", "place", "tail", "pasted", "before", "after", "width", "end"),
    ("rule", "place", "tail", "before", "after", "width"),
    ("rule", "place", "before", "after"),
    ("rule", "place", "width", "end"),
    ("rule", "place"),
)


def _role(article: Article, line: LineRole) -> str:
    return f"heading-{structure._level(article, line.line)}" if line.role == "heading" else line.role


def _width(width: int) -> str:
    return next((f"<{edge}" for edge in (8, 16, 30, 60, 120) if width < edge), "wide")


def _place(distance: int) -> str:
    if distance < 0:
        return "above"
    return {0: "title", 1: "1", 2: "2"}.get(distance, "3-5" if distance <= 5 else "6+")


def rows(folder: Path, chosen: list[str] | None = None) -> list[Row]:
    """Each annotated line of the folder's articles: its features and its annotated role."""
    out: list[Row] = []
    for name in chosen if chosen is not None else structure.names(folder):
        lines = structure.expectation(folder, name)["lines"]
        article = structure.parse(folder, name)
        roles = list(article.roles)
        title = next((k for k, r in enumerate(roles) if r.role == "title"), 0)
        pasted = any(r.role in ("furniture", "label", "tags") for r in roles)
        last = max((k for k, r in enumerate(roles) if r.role in ("paragraph", "lead")), default=len(roles))
        for k, line in enumerate(roles):
            if line.line not in lines:
                continue
            features = {
                "rule": _role(article, line),
                "place": _place(k - title),
                "tail": str(k > last),
                "pasted": str(pasted),
                "before": _role(article, roles[k - 1]) if k else "start",
                "after": _role(article, roles[k + 1]) if k + 1 < len(roles) else "end",
                "width": _width(cues.width(line.text)),
                "end": str(cues.ends_like_sentence(line.text)),
            }
            out.append((features, lines[line.line]))
    return out


def learn(data: list[Row], min_n: int, margin: float) -> Callable[[Features], str]:
    tables: list[tuple[tuple[str, ...], dict[tuple[str, ...], Counter[str]]]] = []
    for key in KEYS:
        table: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        for features, gold in data:
            table[tuple(features[k] for k in key)][gold] += 1
        tables.append((key, table))

    def predict(features: Features) -> str:
        for key, table in tables:
            seen = table.get(tuple(features[k] for k in key))
            if seen and sum(seen.values()) >= min_n:
                role, count = seen.most_common(1)[0]
                if count >= margin * sum(seen.values()):
                    return role
        return features["rule"]

    return predict


def share(data: list[Row], predict: Callable[[Features], str]) -> float:
    return sum(predict(features) == gold for features, gold in data) / len(data)


def main() -> int:
    articles = FIXTURES / "articles"
    every = structure.names(articles)
    real = [n for n in every if "outlet" in structure.expectation(articles, n)]
    own = [n for n in every if n not in real]
    data = rows(articles, real) + rows(articles, own)
    data += rows(FIXTURES / "articles-dev-a") + rows(FIXTURES / "articles-dev-b")
    held = {folder.name: rows(folder) for folder in (structure.HOLDOUT, structure.HOLDOUT_2)}
    print("| min_n | margin | " + " | ".join(f"{name}: reader / with the table" for name in held) + " |")
    print("|---|---|" + "---|" * len(held))
    for min_n, margin in ((3, 0.6), (5, 0.7), (8, 0.8)):
        predict = learn(data, min_n, margin)
        cells = [f"{share(rows_, lambda f: f['rule']):.3f} / {share(rows_, predict):.3f}" for rows_ in held.values()]
        print(f"| {min_n} | {margin} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
