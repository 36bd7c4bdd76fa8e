"""A deterministic corpus for the benchmark: N seeds shaped like real briefings and a registry of M entities.

Each seed has a title, a lead, 3–5 sections of 2–3 paragraphs, a section of 3
takeaways and a reference, with entity mentions at about the shipped seed's
density (one mention per ~30 characters) and, like it, about a cast of a dozen
or so entities each.  The same (N, M, seed) always gives
the same files.  ``plain_pages`` renders the same briefings as plain MyST pages
for the floor of the benchmark (no extension, no directive, no role).
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "_ext"))

from briefing.articles.article import Paragraph
from briefing.articles.parse import parse_seed
from briefing.generating.render import escape_text

KANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"
HIRA = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわん"
FILLER = [
    "両国は緊密な協調を維持することで一致しました",
    "今後の協議の進め方について意見を交わしました",
    "地域の安定に向けた取り組みを確認しました",
    "経済分野での協力を一段と深める方針です",
    "国際情勢をめぐる立場の違いも浮き彫りになりました",
    "専門家は今回の動きを重要な節目と見ています",
]


def entity_name(i: int, rng: random.Random) -> tuple[str, str, str]:
    """(Japanese name, English name, kana reading) of entity ``i``, unique for each i."""
    a, b, c = KANA[i % len(KANA)], KANA[(i // len(KANA)) % len(KANA)], KANA[(i * 7 + 3) % len(KANA)]
    ja = f"{a}{b}{c}{KANA[rng.randrange(len(KANA))]}・{KANA[i % 11]}{KANA[(i // 11) % len(KANA)]}{i:04d}"
    reading = "".join(HIRA[KANA.index(ch)] if ch in KANA else "" for ch in ja)
    return ja, f"Person {i:05d}", reading


def write_registry(folder: Path, entities: int, seed: int = 7) -> list[tuple[str, str]]:
    """A registry of ``entities`` entries (a tenth forums); returns (id, Japanese name) pairs."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    kinds = {"actor": {"name": {"ja": "アクター", "en": "Actors"}, "types": ["person", "state", "organization"]}}
    kinds["forum"] = {"name": {"ja": "フォーラム", "en": "Forums"}}
    rows, out = [], []
    for i in range(entities):
        ja, en, reading = entity_name(i, rng)
        forum = i % 10 == 9
        eid = f"{'forum' if forum else 'actor'}-{i:05d}"
        row: dict[str, object] = {
            "id": eid,
            "kind": "forum" if forum else "actor",
            "name": {"ja": ja, "en": en},
            "reading": reading or "あ",
            "aliases": {"ja": [ja.split("・")[0] + f"{i:04d}"], "en": [f"P{i:05d}"]},
        }
        if not forum:
            row["type"] = "person"
        rows.append(row)
        out.append((eid, ja))
    (folder / "kinds.yaml").write_text(yaml.safe_dump({"kinds": kinds}, allow_unicode=True), "utf-8")
    (folder / "entities.yaml").write_text(yaml.safe_dump({"entities": rows}, allow_unicode=True), "utf-8")
    return out


def seed_text(n: int, names: list[str], rng: random.Random) -> str:
    """One briefing: its cast of entities, named at the shipped seed's density.

    Like the shipped seed (82 mentions of 15 entities), a briefing is about a
    cast of a dozen or so: three of the few names that recur in most briefings
    (中国 is in nearly everything) and ten others, the well-known more often than
    the obscure; every mention names one of the cast.
    """
    common, rare = names[:8], names[8:] or names[:8]
    cast = rng.sample(common, min(3, len(common)))
    others: list[str] = []
    weights = [1 / (rank + 10) for rank in range(len(rare))]  # a mild Zipf law over the rest
    while len(others) < min(10, len(rare)):
        pick = rng.choices(rare, weights)[0]
        if pick not in others:
            others.append(pick)

    def sentence() -> str:
        who = rng.choice(cast) if rng.random() < 0.5 else rng.choice(others)
        return f"{who}と{rng.choice(others)}は、{rng.choice(FILLER)}。"

    lines = [f"第{n}回 {rng.choice(cast)}と{rng.choice(others)}が会談", "".join(sentence() for _ in range(3))]
    for s in range(rng.randint(3, 5)):
        lines.append(f"論点{s + 1} {rng.choice(others)}の動き")
        lines += ["".join(sentence() for _ in range(rng.randint(3, 5))) for _ in range(rng.randint(2, 3))]
    lines.append("今回の会談が示す3つのポイント")
    lines += [f"- {rng.choice(cast)}が{rng.choice(FILLER)}こと" for _ in range(3)]
    lines += ["Reference(s):", f"Briefing source {n}", "example.com", ""]
    return "\n".join(lines)


def write_seeds(folder: Path, count: int, names: list[str], seed: int = 11, start: int = 0) -> list[Path]:
    """``count`` seeds with sidecar dates spread over three years, newest last."""
    rng = random.Random(seed + start)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    first = dt.date(2023, 1, 1)
    for n in range(start, start + count):
        path = folder / f"b{n:05d}.txt"
        path.write_text(seed_text(n, names, rng), "utf-8")
        date = first + dt.timedelta(days=(n * 1095) // max(1, count + start))
        path.with_suffix(".yaml").write_text(f"date: {date.isoformat()}\n", "utf-8")
        written.append(path)
    return written


def plain_pages(seeds: list[Path], out: Path) -> None:
    """The floor: the same briefings as plain MyST pages (title, lead, sections, list)."""
    out.mkdir(parents=True, exist_ok=True)
    names = []
    for path in seeds:
        article = parse_seed(path.read_text("utf-8"))
        lines = [f"# {escape_text(article.title)}", ""]
        lines += [escape_text(article.lead.text), ""] if article.lead else []
        for section in article.sections:
            if section.heading:
                lines += [f"## {escape_text(section.heading)}", ""]
            for block in section.blocks:
                items = getattr(block, "items", None)
                if isinstance(block, Paragraph) or items is None:  # prose, a note, a turn: a paragraph
                    lines += [escape_text(getattr(block, "text", "")), ""]
                else:
                    lines += [f"- {escape_text(item.text)}" for item in items] + [""]
        (out / f"{path.stem}.md").write_text("\n".join(lines), "utf-8")
        names.append(path.stem)
    index = [
        "# Briefings",
        "",
        "```{toctree}",
        ":maxdepth: 1",
        "",
        *(f"{out.name}/{n}" for n in sorted(names)),
        "```",
        "",
    ]
    (out.parent / "index.md").write_text("\n".join(index), "utf-8")
