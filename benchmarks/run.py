"""``make bench``: the briefing book against plain MyST, in one run, on this machine.

The corpus (:mod:`realistic`) reads like the news analysts paste: Japanese, Chinese in
both written forms and English; names before and after titles, in katakana and
transliterated, second references, people the registry lacks; datelines, date lines,
captions.  So the analysers (Sudachi, jieba, OpenCC) run as often as on a real book,
and the report says how many calls a build made into them and what they cost.
``--corpus synthetic`` is the corpus of the benchmark before issue 29 (registry aliases
followed by a particle: the analysers never wake).

Every figure is measured here, now, against a baseline built in the same run by
the same Python: the *floor* is the same briefings as plain MyST pages (no
briefing extension, Sphinx's basic theme, no sidebar).  Variants alternate
(book, floor, book, floor …) so that a slow minute hurts both alike.

    python benchmarks/run.py                 # N = 250, 500, 1000; M = 500; writes BENCHMARKS.md
    python benchmarks/run.py --sizes 50 --no-write   # the smoke test's size
    python benchmarks/run.py --corpus synthetic --no-write   # the old corpus
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "_ext"))

import corpus  # noqa: E402
import realistic  # noqa: E402

from briefing.matching.mentions import Matcher, naive_find  # noqa: E402

FLOOR_CONF = """\
extensions = ["myst_parser"]
project = "floor"
language = "ja"
html_theme = "basic"
html_sidebars = {"**": []}
html_search_options = {"type": "sphinx.search.ja.DefaultSplitter"}
"""


#: The base URL the benchmark's books are built with: it makes the html build write its feeds.
BASE_URL = "https://example.org/bench/"


@dataclass
class Run:
    seconds: float
    peak_mb: float
    read: int  # documents read
    usage: dict[str, dict[str, float]]  # analyser -> calls, seconds (the build's main process)

    def analysers(self) -> str:
        parts = [f"{name} {int(u['calls']):,} calls {u['seconds']:.1f} s" for name, u in sorted(self.usage.items())]
        return "; ".join(parts) or "none"


def sphinx(src: Path, out: Path, *, jobs: int = 1, fresh: bool = False) -> Run:
    """One ``sphinx-build -b html`` in a child process: wall time, peak memory, documents read.

    ``fresh``: start from an empty output and doctree folder (a full build).
    """
    if fresh and out.exists():
        shutil.rmtree(out)
    usage_file = out / "usage.json"
    cmd = [
        sys.executable,
        str(HERE / "sphinx_usage.py"),
        str(usage_file),
        "-b",
        "html",
        "-d",
        str(out / ".doctrees"),
        str(src),
        str(out / "html"),
    ]
    cmd += ["-D", f"html_baseurl={BASE_URL}"]  # the book's feeds are part of what a build does (issue 28)
    if jobs > 1:
        cmd += ["-j", str(jobs)]
    out.mkdir(parents=True, exist_ok=True)
    log, err = out / "build.log", out / "build.err"
    start = time.perf_counter()
    # Output to files, not pipes: wait4 (for the peak memory) must not wait on a full pipe.
    with log.open("w") as stdout_file, err.open("w") as stderr_file:
        proc = subprocess.Popen(cmd, stdout=stdout_file, stderr=stderr_file)
        _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    stdout, stderr = log.read_text("utf-8"), err.read_text("utf-8")
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"build of {src} failed:\n{stderr[-3000:]}")
    found = re.search(r"(\d+) added, (\d+) changed", stdout)
    read = int(found.group(1)) + int(found.group(2)) if found else -1
    used = json.loads(usage_file.read_text("utf-8")) if usage_file.exists() else {}
    return Run(seconds, usage.ru_maxrss / 1024, read, used)


def write_corpus(where: Path, count: int, entities: int, kind: str, start: int = 0) -> tuple[list[Path], list[str]]:
    """The registry in ``where / "registry"`` and ``count`` seeds from ``start`` in ``where / "seeds"``."""
    if kind == "synthetic":
        names = [ja for _eid, ja in corpus.write_registry(where / "registry", entities)]
        return corpus.write_seeds(where / "seeds", count, names, start=start), names
    known, strangers = realistic.write_registry(where / "registry", entities)
    return realistic.write_seeds(where / "seeds", count, known, strangers, start=start), [p.ja for p in known]


def make_book(where: Path, count: int, entities: int, kind: str) -> tuple[Path, list[Path], list[str]]:
    if where.exists():
        shutil.rmtree(where)
    where.mkdir(parents=True)
    for name in ("conf.py", "index.md"):
        shutil.copy(ROOT / name, where / name)
    shutil.copytree(ROOT / "_ext", where / "_ext", ignore=shutil.ignore_patterns("__pycache__"))
    seeds, names = write_corpus(where, count, entities, kind)
    return where, seeds, names


def make_floor(where: Path, seeds: list[Path]) -> Path:
    if where.exists():
        shutil.rmtree(where)
    corpus.plain_pages(seeds, where / "pages")
    (where / "conf.py").write_text(FLOOR_CONF, "utf-8")
    return where


def matcher_speed(names: list[str], aliases: int, text: str) -> tuple[float, float]:
    """(matcher MB/s, naive loop MB/s) with ``aliases`` aliases over ``text``."""
    table = {name: [f"e{i}"] for i, name in enumerate(names[:aliases])}
    i = len(table)
    while len(table) < aliases:  # more aliases than names: made-up ones that never match
        table[f"別名{i:06d}・テスト"] = [f"x{i}"]
        i += 1
    matcher = Matcher(table)
    size = len(text.encode("utf-8")) / 1e6
    start = time.perf_counter()
    matcher.find(text)
    fast = size / (time.perf_counter() - start)
    sample = text[: max(20_000, len(text) // 20)]  # the naive loop is slow: a slice is enough
    start = time.perf_counter()
    naive_find(table, sample)
    slow = (len(sample.encode("utf-8")) / 1e6) / (time.perf_counter() - start)
    return fast, slow


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000])
    parser.add_argument("--entities", type=int, default=500)
    parser.add_argument("--work", type=Path, default=HERE / "_work")
    parser.add_argument("--corpus", choices=("realistic", "synthetic"), default="realistic")
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    args = parser.parse_args(argv)
    work: Path = args.work
    began = time.perf_counter()
    top = max(args.sizes)
    results: dict[str, object] = {}
    rows: list[tuple[str, str]] = []

    for n in sorted(args.sizes):
        book, seeds, _names = make_book(work / f"book-{n}", n, args.entities, args.corpus)
        floor = make_floor(work / f"floor-{n}", seeds)
        b = sphinx(book, work / f"out-book-{n}", fresh=True)
        f = sphinx(floor, work / f"out-floor-{n}", fresh=True)
        results[f"book-{n}"], results[f"floor-{n}"] = b, f
        print(
            f"N={n}: book {b.seconds:.1f} s ({b.peak_mb:.0f} MB), floor {f.seconds:.1f} s ({f.peak_mb:.0f} MB)",
            flush=True,
        )

    book_top, floor_top = results[f"book-{top}"], results[f"floor-{top}"]
    assert isinstance(book_top, Run) and isinstance(floor_top, Run)
    book = work / f"book-{top}"
    out = work / f"out-book-{top}"
    noop = sphinx(book, out)
    print(f"no-op: {noop.seconds:.1f} s, {noop.read} read", flush=True)
    shutil.rmtree(work / "one", ignore_errors=True)
    (one,), _names = write_corpus(work / "one", 1, args.entities, args.corpus, start=top)
    shutil.copy(one, book / "seeds" / one.name)
    added = sphinx(book, out)
    print(f"add one seed: {added.seconds:.1f} s, {added.read} read", flush=True)
    parallel = sphinx(book, work / f"out-book-{top}-j2", jobs=2, fresh=True)
    print(f"-j 2: {parallel.seconds:.1f} s", flush=True)

    # The matcher alone (its goal of issue 8): the synthetic corpus, whose hits never ask an analyser.
    synthetic = [ja for _eid, ja in corpus.write_registry(work / "matcher" / "registry", args.entities)]
    seeds = corpus.write_seeds(work / "matcher" / "seeds", top, synthetic)
    text = "\n".join(p.read_text("utf-8") for p in seeds)
    m500 = matcher_speed(synthetic, 500, text)
    m10k = matcher_speed(synthetic, 10_000, text)
    print(f"matcher: {m500[0]:.1f} MB/s at 500 aliases, {m10k[0]:.1f} MB/s at 10,000 (naive {m10k[1]:.2f})", flush=True)

    smallest = min(args.sizes)
    growth = book_top.seconds / results[f"book-{smallest}"].seconds if smallest != top else 1.0  # type: ignore[attr-defined]
    rows = [
        (f"full build, N={top} (book)", f"{book_top.seconds:.1f} s"),
        (f"floor: plain MyST, basic theme, N={top}", f"{floor_top.seconds:.1f} s"),
        ("full build / floor (goal ≤ 1.6, aim 1.5)", f"{book_top.seconds / floor_top.seconds:.2f}"),
        *(
            (
                f"full build, N={n}",
                f"{results[f'book-{n}'].seconds:.1f} s (floor {results[f'floor-{n}'].seconds:.1f} s)",
            )  # type: ignore[attr-defined]
            for n in sorted(args.sizes)
        ),
        (f"N={smallest} → N={top} (goal ≤ 4.1 for 250 → 1,000)", f"{growth:.2f}×"),
        ("no-op rebuild (goal ≤ 2 s, 0 read)", f"{noop.seconds:.1f} s, {noop.read} documents read"),
        (
            "add one seed, incremental (goal ≤ 8% of full)",
            f"{added.seconds:.1f} s = {100 * added.seconds / book_top.seconds:.0f}%, {added.read} read",
        ),
        (
            "-j 2 full build / -j 1",
            f"{parallel.seconds:.1f} s / {book_top.seconds:.1f} s = {parallel.seconds / book_top.seconds:.2f}",
        ),
        (
            "peak memory book / floor (goal ≤ 1.5)",
            f"{book_top.peak_mb:.0f} MB / {floor_top.peak_mb:.0f} MB = {book_top.peak_mb / floor_top.peak_mb:.2f}",
        ),
        (f"analysers, full build N={top}", book_top.analysers()),
        ("analysers, add one seed", added.analysers()),
        ("analysers, no-op rebuild", noop.analysers()),
        (
            "matcher alone (synthetic text), 500 aliases",
            f"{m500[0]:.1f} MB/s (naive loop {m500[1]:.2f} MB/s, {m500[0] / m500[1]:.0f}×)",
        ),
        (
            "matcher alone, 10,000 aliases (goal ≥ 20 MB/s, ≥ 50× naive)",
            f"{m10k[0]:.1f} MB/s (naive loop {m10k[1]:.3f} MB/s, {m10k[0] / m10k[1]:.0f}×)",
        ),
        ("this benchmark's wall time (goal < 20 min)", f"{(time.perf_counter() - began) / 60:.1f} min"),
    ]
    width = max(len(k) for k, _ in rows)
    table = "\n".join(f"| {k.ljust(width)} | {v} |" for k, v in rows)
    print("\n" + table)
    if not args.no_write:
        write_report(rows, args)
    return 0


def write_report(rows: list[tuple[str, str]], args: argparse.Namespace) -> None:
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}"
    lines = [
        "# Benchmarks",
        "",
        "Made by `make bench` (`python benchmarks/run.py --sizes "
        + " ".join(map(str, args.sizes))
        + f" --entities {args.entities} --corpus {args.corpus}`) on {time.strftime('%Y-%m-%d')}, {machine}.",
        *(
            [
                "The corpus reads like real news (benchmarks/realistic.py: Japanese, Chinese in both written",
                "forms, English; names with titles, katakana and transliterated names, second references,",
                "people the registry lacks; datelines and captions), so the analysers run as on a real book;",
                "their calls and seconds are those of the build's main process.",
            ]
            if args.corpus == "realistic"
            else ["The synthetic corpus (benchmarks/corpus.py): the analysers never wake."]
        ),
        "Every figure comes from the same run; the floor is the same briefings as plain MyST pages",
        "(no briefing extension, Sphinx's basic theme, no sidebar), built by the same Python.",
        "",
        "| measure | result |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in rows),
        "",
    ]
    for name in ("NOTES.md", "EDGES.md"):  # the notes, then benchmarks/edges.py's last table
        if (HERE / name).exists():
            lines += [(HERE / name).read_text("utf-8")]
    (ROOT / "BENCHMARKS.md").write_text("\n".join(lines), "utf-8")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
