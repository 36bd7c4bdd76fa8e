"""``make bench-edges``: the two shapes of book the scale benchmark does not cover, measured here and now.

1. **Many undated briefings.**  N seeds without a date, then one more undated
   seed: how many pages the incremental build writes, against the same book
   with every seed dated (the baseline: briefings grouped by month).
2. **A large registry.**  A few briefings and M entities (each entity is a
   page), for M = 2,000 and 20,000: full build time and memory, and how the
   time grows with M (10× the entities should cost about 10× the time).

    python benchmarks/edges.py                       # N = 1000; M = 2,000 and 20,000
    python benchmarks/edges.py --undated 200 --registry 500 2000 --no-write   # a quick look
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
from run import make_book, sphinx  # noqa: E402

MARKER = "## Edges: many undated briefings, a large registry"


def pages_written(out: Path) -> int:
    """Pages the last build in ``out`` wrote, from Sphinx's own log."""
    log = (out / "build.log").read_text("utf-8")
    found = re.search(
        r"writing output\.\.\.(.*?)(?:generating indices|dumping search index|build succeeded)", log, re.S
    )
    return len(re.findall(r"\[\s*\d+%\]", found.group(1))) if found else -1


def add_one(book: Path, out: Path, dated: bool, names: list[str], n: int) -> tuple[float, int]:
    seed = corpus.write_seeds(book / "seeds", 1, names, start=n)[0]
    if not dated:
        seed.with_suffix(".yaml").unlink()
    run = sphinx(book, out)
    return run.seconds, pages_written(out)


def undated_case(work: Path, n: int, entities: int) -> list[tuple[str, str]]:
    rows = []
    for dated in (True, False):
        label = "dated (grouped by month)" if dated else "undated (grouped by a hash of the name)"
        book, seeds, names = make_book(work / f"edge-{'dated' if dated else 'undated'}", n, entities)
        if not dated:
            for seed in seeds:
                seed.with_suffix(".yaml").unlink()
        out = work / f"out-edge-{'dated' if dated else 'undated'}"
        full = sphinx(book, out, fresh=True)
        seconds, written = add_one(book, out, dated, names, n)
        print(f"{label}: full {full.seconds:.1f} s; add one: {seconds:.1f} s, {written} pages written", flush=True)
        rows.append(
            (
                f"N={n} {label}: add one seed",
                f"{seconds:.1f} s = {100 * seconds / full.seconds:.0f}% of the full build ({full.seconds:.1f} s), "
                f"{written} pages written",
            )
        )
    return rows


def registry_case(work: Path, sizes: list[int], seeds: int) -> list[tuple[str, str]]:
    rows, runs = [], {}
    for m in sizes:
        book, _seeds, _names = make_book(work / f"edge-registry-{m}", seeds, m)
        start = time.perf_counter()
        run = sphinx(book, work / f"out-edge-registry-{m}", fresh=True)
        runs[m] = run
        print(f"M={m}: {run.seconds:.1f} s ({time.perf_counter() - start:.1f}), {run.peak_mb:.0f} MB", flush=True)
        rows.append(
            (
                f"M={m:,} entities, N={seeds} briefings: full build",
                f"{run.seconds:.1f} s ({1000 * run.seconds / m:.1f} ms an entity), {run.peak_mb:.0f} MB",
            )
        )
    low, high = min(sizes), max(sizes)
    if low != high:
        growth = runs[high].seconds / runs[low].seconds
        rows.append((f"M={low:,} → M={high:,} ({high // low}× the entities)", f"{growth:.2f}× the time"))
    return rows


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--undated", type=int, default=1000, help="briefings in the undated case")
    parser.add_argument("--registry", type=int, nargs="+", default=[2000, 20000], help="entities in the registry case")
    parser.add_argument("--work", type=Path, default=HERE / "_work")
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    rows = undated_case(args.work, args.undated, 500) + registry_case(args.work, args.registry, 50)
    rows.append(("this benchmark's wall time", f"{(time.perf_counter() - began) / 60:.1f} min"))
    width = max(len(k) for k, _ in rows)
    table = "\n".join(f"| {k.ljust(width)} | {v} |" for k, v in rows)
    print("\n" + table)
    if not args.no_write:
        section = (
            f"{MARKER}\n\n"
            f"Made by `make bench-edges` (`python benchmarks/edges.py --undated {args.undated} --registry "
            f"{' '.join(map(str, args.registry))}`) on {time.strftime('%Y-%m-%d')}, on the machine above.\n\n"
            f"| case | figure |\n|---|---|\n{table}\n"
        )
        (HERE / "EDGES.md").write_text(section, "utf-8")
        target = ROOT / "BENCHMARKS.md"  # its last section (run.py's report puts EDGES.md last)
        text = target.read_text("utf-8")
        text = text[: text.index(MARKER)] if MARKER in text else text.rstrip() + "\n\n"
        target.write_text(text + section, "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
