"""Old code against new code on one corpus, in one run: does a change make the book slower?

    python benchmarks/ab.py b547bbf                 # that commit against the work tree, N = 500, 3 rounds
    python benchmarks/ab.py b547bbf --n 1000 --rounds 2
    python benchmarks/ab.py d55548a --corpus fixtures --n 400   # the test suite's real-shaped articles

``--corpus realistic`` (the default) is make bench's book (benchmarks/realistic.py: the analysers
at work); ``--corpus synthetic`` the book of make bench before issue 29, whose names never wake
the analysers; ``--corpus fixtures`` repeats the test suite's real-shaped articles (Japanese, Chinese in both
written forms, English; their annotation marks removed) with the shipped registry.

Each round builds both books from scratch (fresh output), alternating which goes first, so that a
slow minute of the machine hurts both; prints every build's time and new/old by best and by mean.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
import realistic  # noqa: E402


def book(where: Path, code: Path, corpus_dir: Path) -> Path:
    where.mkdir(parents=True)
    for name in ("conf.py", "index.md"):
        shutil.copy(code / name, where / name)
    shutil.copytree(code / "_ext", where / "_ext", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(corpus_dir / "registry", where / "registry")
    shutil.copytree(corpus_dir / "seeds", where / "seeds")
    return where


def fixtures_corpus(folder: Path, n: int) -> None:
    """``n`` seeds cut from the test suite's articles (dated, each title numbered) and the shipped registry."""
    fixtures = ROOT / "tests" / "fixtures"
    paths = sorted(fixtures.glob("mentions*/*.txt")) + sorted(fixtures.glob("articles/*.txt"))
    texts = [re.sub(r"[⟦⟪]([^|⟧⟫]*)\|?[^⟧⟫]*[⟧⟫]", r"\1", path.read_text("utf-8")) for path in paths]
    (folder / "seeds").mkdir(parents=True)
    shutil.copytree(ROOT / "registry", folder / "registry")
    for i in range(n):
        title, _, rest = texts[i % len(texts)].partition("\n")
        (folder / "seeds" / f"s{i:04d}.txt").write_text(f"{title} ({i})\n{rest}", "utf-8")
        (folder / "seeds" / f"s{i:04d}.yaml").write_text(f"date: 2025-{1 + i % 12:02d}-{1 + i % 28:02d}\n", "utf-8")


def build(src: Path) -> float:
    shutil.rmtree(src / "_build", ignore_errors=True)
    start = time.perf_counter()
    cmd = [
        sys.executable,
        "-m",
        "sphinx",
        "-q",
        "-b",
        "html",
        "-d",
        str(src / "_build/d"),
        str(src),
        str(src / "_build/html"),
        "-D",
        "html_baseurl=https://example.org/bench/",  # as make bench: the feeds are part of a build
    ]
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", help="the commit to compare the work tree with")
    parser.add_argument("--n", type=int, default=500, help="briefings")
    parser.add_argument("--entities", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--corpus", choices=("realistic", "synthetic", "fixtures"), default="realistic")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        old_code = work / "old-code"
        old_code.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.old], check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", str(old_code)], input=archive.stdout, check=True)
        if args.corpus == "fixtures":
            fixtures_corpus(work / "corpus", args.n)
        elif args.corpus == "realistic":
            known, strangers = realistic.write_registry(work / "corpus" / "registry", args.entities)
            realistic.write_seeds(work / "corpus" / "seeds", args.n, known, strangers)
        else:
            names = [ja for _eid, ja in corpus.write_registry(work / "corpus" / "registry", args.entities)]
            corpus.write_seeds(work / "corpus" / "seeds", args.n, names)
        books = {"old": book(work / "old", old_code, work / "corpus"), "new": book(work / "new", ROOT, work / "corpus")}
        times: dict[str, list[float]] = {"old": [], "new": []}
        for round_ in range(args.rounds):
            for label in ("old", "new") if round_ % 2 == 0 else ("new", "old"):
                times[label].append(build(books[label]))
                print(f"{label} {times[label][-1]:.1f} s", flush=True)
    best = min(times["new"]) / min(times["old"])
    mean = (sum(times["new"]) / len(times["new"])) / (sum(times["old"]) / len(times["old"]))
    print(f"N={args.n} ({args.corpus}): new/old {best:.3f} (best), {mean:.3f} (mean)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
