"""``python -m briefing inspect seeds/X.txt``: how the parser read a seed, line by line, and why;
``python -m briefing import PATH…``: saved pages and feeds become seeds.

An analyst runs it on one seed to see each line's role (title, lead, heading,
item, caption, …) and the reason it got that role, the date and source read
from the text, and the warnings the build would give.  A wrong reading is
corrected in the seed's sidecar (``structure:``, see README.md), never in the
seed or the generated page.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from briefing.articles.article import Article, Fact, Metadata, Problem
from briefing.articles.cues import width
from briefing.articles.decode import decode_seed
from briefing.articles.metadata import parse_metadata
from briefing.articles.parse import parse_seed
from briefing.util.files import SEED_LIMIT, SIDECAR_LIMIT, UnsafeFile, read_inside
from briefing.util.subtypes import Subtype
from briefing.util.yamlio import load_yaml

#: How much of a line is shown.
SHOWN = 72

#: What is never printed raw to the analyst's terminal: controls (ESC starts a sequence that
#: can retitle or clear it, C1's CSI too), line and paragraph separators, and the bidi
#: embeddings, overrides and isolates (they reorder what the line shows); and the surrogates
#: that stand for a file name's bytes that are not UTF-8 (no terminal encoding takes them).
_ESCAPED = {
    code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    for code in (
        *range(0x20),
        *range(0x7F, 0xA0),
        0x2028,
        0x2029,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
        *range(0xD800, 0xE000),
    )
}


def shown(text: object) -> str:
    """``text`` (a path, a line, a message) as it is safe to print: each control character
    written as its escape (``\\x1b``), never sent to the terminal."""
    return str(text).translate(_ESCAPED)


def _sidecar(seed: Path) -> Path | None:
    for suffix in (".yaml", ".yml"):
        candidate = seed.with_suffix(suffix)
        if candidate.is_file():
            return candidate
    return None


def _read(path: Path, limit: int) -> bytes:
    return read_inside(path, path.parent, limit)


def load(seed: Path) -> tuple[Article | None, list[Problem], Path | None]:
    """The seed read as the build reads it (with its sidecar), and every problem."""
    problems: list[Problem] = []
    meta: Metadata | None = None
    sidecar = _sidecar(seed)
    if sidecar is not None:
        try:
            raw, _node = load_yaml(_read(sidecar, SIDECAR_LIMIT).decode("utf-8"))
            meta, found = parse_metadata(raw)
            problems += found
        except (yaml.YAMLError, UnicodeDecodeError, ValueError, RecursionError, UnsafeFile) as err:
            problems.append(Problem(Subtype.METADATA, f"{sidecar.name} cannot be read: {err}"))
    decoded = decode_seed(_read(seed, SEED_LIMIT))
    problems += decoded.problems
    if decoded.text is None:
        return None, problems, sidecar
    article = parse_seed(decoded.text, metadata=meta)
    return article, [*problems, *article.problems], sidecar


def _shortened(text: str) -> str:
    """At most :data:`SHOWN` columns of ``text`` (a wide character counts two)."""
    if width(text) <= SHOWN:
        return text
    out, used = [], 0
    for ch in text:
        used += width(ch)
        if used > SHOWN - 1:
            break
        out.append(ch)
    return "".join(out) + "…"


def _fact(label: str, given: str | None, read: Fact | None, hint: str) -> str:
    """One fact's line: from the sidecar or front matter, else read from a line, else none."""
    if given:
        return f"{label} {given} (sidecar or front matter)"
    if read is not None:
        return f"{label} {read.value} (read from line {read.line})"
    return f"{label} (none: {hint} to the sidecar)"


def report(seed: Path) -> str:
    """What ``inspect`` prints for one seed."""
    article, problems, sidecar = load(seed)
    out = [f"seed:    {seed}", f"sidecar: {sidecar if sidecar else '(none)'}"]
    if article is None:
        out += [f"{p.level}: [{p.subtype}] {p.message}" for p in problems]
        return "\n".join(map(shown, out)) + "\n"
    meta = article.metadata
    out.append(_fact("date:   ", meta.date.isoformat() if meta.date else None, article.date_fact, "add date:"))
    out.append(_fact("source: ", meta.source, article.source_fact, "add source:"))
    if article.dateline:
        d = article.dateline
        out.append(f"dateline: line {d.line}: {d.text!r} (place {d.place or '-'}, agency {d.agency or '-'})")
    out.append(f"takeaways: {len(article.takeaways)}")
    out.append("")
    levels = {s.line: s.level for s in article.sections if s.heading is not None}
    for r in article.roles:
        role = f"heading-{levels.get(r.line, 1)}" if r.role == "heading" else r.role
        text = _shortened(r.text)
        out.append(f"{r.line:>5}  {role:<12} {text}")
        if r.reason:
            out.append(f"{'':>5}  {'':<12} ← {r.reason}")
    if problems:
        out.append("")
        out += [f"{p.level}: line {p.line or 1}: [briefing.{p.subtype}] {p.message}" for p in problems]
    return "\n".join(map(shown, out)) + "\n"


def _import(paths: list[Path], urls: list[str], seeds: Path) -> int:
    """Import, say what happened to each input, then show how each new seed reads."""
    from briefing.importing.command import run  # trafilatura and feedparser load only for an import

    outcome = run(paths, urls, seeds)
    for line in outcome.messages:
        sys.stdout.write(shown(line) + "\n")
    for seed in outcome.written:
        sys.stdout.write("\n" + report(seed))
    written = len(outcome.written)
    sys.stdout.write(f"\n{written} seed{'s' * (written != 1)} written, {outcome.failed} input(s) not imported\n")
    return 1 if outcome.failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefing", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    inspect = sub.add_parser("inspect", help="print each line of a seed with the role it got and why")
    inspect.add_argument("seeds", nargs="+", type=Path, help="seed files (.txt)")
    imports = sub.add_parser("import", help="saved pages (.html, .mhtml) and feeds (Atom, RSS, RDF) become seeds")
    imports.add_argument("paths", nargs="*", type=Path, help="saved pages and feed files")
    imports.add_argument("--fetch", nargs="+", default=[], metavar="URL", help="also download these http(s) URLs")
    imports.add_argument("--seeds", type=Path, default=Path("seeds"), help="the seed folder (default: seeds)")
    args = parser.parse_args(argv)
    if args.command == "import":
        if not args.paths and not args.fetch:
            parser.error("import: name saved pages or feeds, or --fetch URL")
        return _import(args.paths, args.fetch, args.seeds)
    status = 0
    for seed in args.seeds:
        try:
            sys.stdout.write(report(seed))
        except (OSError, UnsafeFile) as err:
            sys.stderr.write(shown(f"{seed}: {err}") + "\n")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
