"""One large book and its floor, full builds only: time, peak memory, the analysers' calls.

    python benchmarks/big.py                      # N = 10,000 briefings, 2,000 entities (~15 min)
    python benchmarks/big.py --n 3000 --entities 1000

``make bench`` measures N = 250 to 1,000 with its incremental figures; this is the figure for
archives beyond it (issue 29, item 4), on the same realistic corpus, in one run.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--entities", type=int, default=2_000)
    parser.add_argument("--work", type=Path, default=HERE / "_work" / "big")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    book, seeds, _names = run.make_book(args.work / "book", args.n, args.entities, "realistic")
    floor = run.make_floor(args.work / "floor", seeds)
    print(f"corpus: {time.perf_counter() - started:.0f} s", flush=True)
    f = run.sphinx(floor, args.work / "out-floor", fresh=True)
    print(f"floor N={args.n}: {f.seconds:.1f} s, {f.peak_mb:.0f} MB", flush=True)
    b = run.sphinx(book, args.work / "out-book", fresh=True)
    print(f"book N={args.n}: {b.seconds:.1f} s, {b.peak_mb:.0f} MB; analysers: {b.analysers()}", flush=True)
    print(f"book / floor: time {b.seconds / f.seconds:.2f}, memory {b.peak_mb / f.peak_mb:.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
