"""Turn the seeds into briefing pages, inside the build (at ``builder-inited``).

``seeds/<name>.txt`` becomes ``briefings/<slug>.md``.  Each generated page starts
with a marker line holding the hash of the rest of the file, so the generator
can tell its own untouched output from a page a person wrote or edited: those
are never overwritten or deleted.  A page is written only when its bytes would
change, so a build with nothing new re-reads no document.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from sphinx.locale import get_translation
from sphinx.util import logging

from . import cache as build_cache
from .config import BriefingConfig
from .files import SEED_LIMIT, SIDECAR_LIMIT, UnsafeFile, folder_lock, read_inside, regular_files, write_atomic
from .labels import GOJUON_ROWS, label
from .mentions import Matcher, find_candidates
from .registry import Entity, Registry, reading_key, registry_for
from .render import (
    BriefingPage,
    MentionLinker,
    escape_text,
    render_briefing,
    render_candidates,
    render_entity,
    render_print_root,
    render_toc_page,
    render_view_page,
)
from .seed import Article, Metadata, Problem, decode_seed, parse_metadata, parse_seed
from .yamlio import load_yaml

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)
_ = get_translation("briefing")

#: A message the generation logged: (level, message, arguments, Sphinx's keywords).
Message = tuple[str, str, tuple[Any, ...], dict[str, Any]]
#: While the generation runs in a build: the messages it would log again on the same files.
_recording: list[Message] | None = None


def _log(level: str, message: str, *args: Any, once: bool = False, **kwargs: Any) -> None:
    """Log through Sphinx; remembered (unless ``once``: an action done) for a build that skips the work."""
    if _recording is not None and not once:
        _recording.append((level, message, args, kwargs))
    getattr(logger, level)(message, *args, **kwargs)


MARKER_PREFIX = "% briefing:generated "
_MARKER_RE = re.compile(r"^% briefing:generated source=(\"(?:[^\"\\]|\\.)*\") sha256=([0-9a-f]{64})$")
SIDECAR_SUFFIXES = (".yaml", ".yml")
INDEX_NAME = "index"
#: Pages the generator writes into the briefings folder besides the briefings themselves.
OVERVIEW_PAGES = ("takeaways", "timeline", "graph")
#: The root of the printed book (latex_documents): chapters, then appendices.
PRINT_PAGE = "print"
RESERVED_SLUGS = frozenset({INDEX_NAME, PRINT_PAGE, *OVERVIEW_PAGES})


# --------------------------------------------------------------------------- pure helpers


def body_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def with_marker(source: str, body: str) -> str:
    """The full text of a generated file: marker line + body."""
    return f"{MARKER_PREFIX}source={json.dumps(source, ensure_ascii=False)} sha256={body_hash(body)}\n{body}"


@dataclass(frozen=True)
class Marker:
    source: str
    intact: bool  # the body still hashes to what the marker says


def read_marker(text: str) -> Marker | None:
    """The marker of a generated file, or None when the file has none."""
    first, _sep, body = text.partition("\n")
    match = _MARKER_RE.match(first)
    if match is None:
        return None
    return Marker(json.loads(match.group(1)), body_hash(body) == match.group(2))


def is_seed_name(name: str) -> bool:
    return name.lower().endswith(".txt") and not name.startswith(".")


def _short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def base_slug(stem: str) -> str:
    """A URL-safe slug from a seed's file stem (no collision handling)."""
    norm = unicodedata.normalize("NFKC", stem).lower()
    ascii_part = re.sub(r"[^a-z0-9_-]+", "-", norm).strip("-_")[:80]
    # A name that was not plain ASCII keeps a hash of the original, so that two
    # Japanese names never fold to the same slug.
    if not norm.isascii() or not ascii_part:
        return f"{ascii_part}-{_short_hash(stem)}" if ascii_part else f"seed-{_short_hash(stem)}"
    return ascii_part


def assign_slugs(names: Sequence[str], wanted: dict[str, str] | None = None) -> dict[str, str]:
    """Map each seed file name to a unique slug, stable under adding other seeds.

    ``wanted`` holds slugs asked for in metadata.  When several seeds fold to
    one slug, the one whose file is named exactly ``<slug>.txt`` keeps it and
    the others get a hash of their file name appended.
    """
    wanted = wanted or {}
    candidates = {name: wanted.get(name) or base_slug(Path(name).stem) for name in names}
    groups: dict[str, list[str]] = defaultdict(list)
    for name, slug in candidates.items():
        groups[slug].append(name)
    result: dict[str, str] = {}
    for slug, members in groups.items():
        reserved = slug in RESERVED_SLUGS or bool(GROUP_RE.fullmatch(slug))
        if len(members) == 1 and not reserved:
            result[members[0]] = slug
            continue
        for name in members:
            keeps = not reserved and name == f"{slug}.txt"
            result[name] = slug if keeps else f"{slug}-{_short_hash(name)}"
    # A suffixed slug may be another seed's own (``index`` + hash is the stem of
    # ``index-<hash>.txt``): the seed whose slug came from a suffix moves on, again by a hash.
    taken: dict[str, str] = {}
    for name in sorted(result, key=lambda n: (result[n] != candidates[n], n)):
        slug = result[name]
        salt = 0
        while slug in taken or slug in RESERVED_SLUGS or GROUP_RE.fullmatch(slug):
            salt += 1
            slug = f"{candidates[name]}-{_short_hash(f'{name}/{salt}')}"
        taken[slug] = name
        result[name] = slug
    return result


#: Names of the pages that group briefings (year-2025, month-2025-02, undated) or
#: entities (row-a, …): never slugs of briefings or ids of entities.
GROUP_RE = re.compile(r"year-\d{4}|month-\d{4}-\d{2}|undated|row-[a-z]+")


def group_by_month(pages: Sequence[BriefingPage], above: int, labels: Labels) -> list[tuple[str, str, list[str]]]:
    """(page name, title, entries) of the year and month pages; none while ``pages`` is small.

    Years list their months, months their briefings (newest first); undated
    briefings get a page of their own.
    """
    if len(pages) <= above:
        return []
    months: dict[str, list[str]] = defaultdict(list)
    undated: list[str] = []
    for page in pages:  # already newest first
        date = page.article.metadata.date
        if date:
            months[date.isoformat()[:7]].append(page.slug)  # not strftime: %Y drops a year's leading zeros
        else:
            undated.append(page.slug)
    years: dict[str, list[str]] = defaultdict(list)
    for month in months:
        years[month[:4]].append(f"month-{month}")
    out = [(f"year-{year}", label("year", year), children) for year, children in years.items()]
    out += [(f"month-{m}", label("month", m), slugs) for m, slugs in months.items()]
    if len(undated) > above:  # no month to group them by
        buckets = bucket_undated(undated, above)
        out.append(("undated", label("undated"), [f"undated.{i}" for i in sorted(buckets)]))
        out += [(f"undated.{i}", label("undated", str(i)), buckets[i]) for i in sorted(buckets)]
    elif undated:
        out.append(("undated", label("undated"), undated))
    return out


def bucket_undated(slugs: Sequence[str], above: int) -> dict[int, list[str]]:
    """Undated briefings in numbered groups of about ``above`` / 2 to ``above`` each (1-based, in slug order).

    A briefing's group is fixed by a hash of its slug and the number of groups,
    a power of two that changes only when the book doubles: a new undated
    briefing changes its own group and no other, so the other undated pages
    keep their sidebars (grouping by name would open a new group, listed in
    every sidebar, every few briefings when names are numbered).  Group names
    are never slugs (``undated.<n>``: a slug holds no dot).
    """
    count, above = 1, max(1, above)
    while len(slugs) > count * above:
        count *= 2
    buckets: dict[int, list[str]] = defaultdict(list)
    for slug in slugs:
        buckets[1 + int(hashlib.sha256(slug.encode("utf-8")).hexdigest()[:8], 16) % count].append(slug)
    return dict(buckets)


def group_by_row(members: Sequence[Entity], above: int) -> list[tuple[str, str, list[str]]]:
    """(page name, title as MyST, entity ids) per gojūon row (あ行, か行, …; the rest last)."""
    rows: dict[str, list[str]] = defaultdict(list)
    for entity in members:  # already in gojūon order
        head = reading_key(entity.reading)[:1]
        row = next((name for name, kana in GOJUON_ROWS if head and head in kana), "other")
        rows[row].append(entity.id)
    order = [name for name, _kana in GOJUON_ROWS] + ["other"]
    return [(f"row-{r}", label("row", r), rows[r]) for r in order if rows.get(r)]


def sort_key(page: BriefingPage) -> tuple[int, str, str]:
    """Newest first where a date is known, then undated ones, each by slug."""
    date = page.article.metadata.date
    return (
        (0, f"{9999_99_99 - (date.year * 10000 + date.month * 100 + date.day):08d}", page.slug)
        if date
        else (1, "", page.slug)
    )


# --------------------------------------------------------------------------- reading seeds


@dataclass(frozen=True)
class LoadedSeed:
    path: Path
    article: Article | None  # None: the file could not be read as text
    problems: tuple[Problem, ...]
    fingerprint: str  # hash of the normalised text, to spot the same article twice


def _parse_sidecar(sidecar: Path, data: bytes) -> tuple[Metadata | None, tuple[Problem, ...]]:
    """The metadata of a sidecar's bytes; a bad value drops its key, bad YAML the whole file."""
    try:
        raw, _node = load_yaml(data.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError, ValueError, RecursionError) as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        return None, (Problem("metadata", f"{sidecar.name} is not valid YAML: {err}", line),)
    meta, problems = parse_metadata(raw)
    return meta, problems


def load_seed(
    path: Path, data: bytes, sidecar: Path | None = None, sidecar_data: bytes | None = None
) -> tuple[LoadedSeed, Path | None, tuple[Problem, ...]]:
    """Decode and parse one seed's bytes (and its sidecar's): the seed, its sidecar, the sidecar's problems."""
    decoded = decode_seed(data)
    sidecar_meta, sidecar_problems = (
        _parse_sidecar(sidecar, sidecar_data) if sidecar and sidecar_data is not None else (None, ())
    )
    if decoded.text is None:
        return LoadedSeed(path, None, decoded.problems, ""), sidecar, sidecar_problems
    article = parse_seed(decoded.text, metadata=sidecar_meta)
    problems = decoded.problems + article.problems
    readable = not any(p.subtype == "empty" for p in problems)
    fingerprint = hashlib.sha256(" ".join(decoded.text.split()).encode("utf-8")).hexdigest()
    return LoadedSeed(path, article if readable else None, problems, fingerprint), sidecar, sidecar_problems


@dataclass
class SeedCache:
    """What earlier builds learnt from each seed, keyed by the bytes they learnt it from.

    A no-op build should not parse and render every seed again: a seed whose
    bytes (and sidecar's) are unchanged gives the same article, and the same
    page while the registry and the options are unchanged too.  Kept in
    Sphinx's doctree folder (``-d``), so a clean build starts without it.
    """

    seeds: dict[str, tuple[str, LoadedSeed, Path | None, tuple[Problem, ...]]] = field(default_factory=dict)
    pages: dict[str, tuple[str, str]] = field(default_factory=dict)  # target -> (render key, hash of file)
    candidates: dict[str, tuple[str, tuple[tuple[str, str, int], ...]]] = field(default_factory=dict)
    dirty: bool = False

    @classmethod
    def load(cls, path: Path) -> SeedCache:
        cached = build_cache.load(path, "seeds")
        if not isinstance(cached, cls):
            return cls()
        cached.dirty = False
        return cached

    def save(self, path: Path) -> None:
        if self.dirty:
            self.dirty = False
            build_cache.save(path, "seeds", self)

    def load_seed(
        self, path: Path, sidecar: Path | None = None
    ) -> tuple[str, LoadedSeed, Path | None, tuple[Problem, ...]]:
        """(input key, seed, sidecar, sidecar problems): parsed again only when the bytes read changed.

        Each file is read once, and the key is the hash of those very bytes: a
        seed edited while the build runs is read again by the next build.
        Raises :class:`~.files.UnsafeFile` for a seed that must not be read.
        """
        folder = path.parent
        data = read_inside(path, folder, SEED_LIMIT)
        digest = hashlib.sha256(data)
        sidecar_data: bytes | None = None
        sidecar_problems: tuple[Problem, ...] = ()
        if sidecar is not None:
            try:
                sidecar_data = read_inside(sidecar, folder, SIDECAR_LIMIT)
            except UnsafeFile as err:
                sidecar_problems = (Problem("file", str(err)),)
                digest.update(b"refused sidecar\0" + str(err).encode("utf-8", "replace"))
            else:
                digest.update(sidecar.suffix.encode() + b"\0" + sidecar_data)
        key = digest.hexdigest()
        hit = self.seeds.get(path.name)
        if hit is not None and hit[0] == key and hit[1].path == path:  # a refused sidecar is in the key
            return hit
        seed, _sidecar, problems = load_seed(path, data, sidecar if sidecar_data is not None else None, sidecar_data)
        entry = (key, seed, sidecar, sidecar_problems + problems)
        self.seeds[path.name] = entry
        self.dirty = True
        return entry

    def forget_others(self, names: Iterable[str]) -> None:
        keep = set(names)
        for table in (self.seeds, self.candidates):
            for name in [n for n in table if n not in keep]:
                del table[name]
                self.dirty = True


def _file_hash(path: Path) -> str:
    """The hash of a generated page as it is now ("" when it is missing or not a regular file)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
    except OSError:
        return ""


# --------------------------------------------------------------------------- writing pages


def _location(path: Path, line: int | None = None) -> str:
    # Always "file:line": a location without a colon is taken by Sphinx for a
    # docname.  A problem with the whole file points at its first line.
    return f"{path}:{line or 1}"


def interrupted(current: str, text: str) -> bool:
    """Whether ``current`` is a generated file cut short on its way to disk (``text`` is what it would be).

    Before pages were written atomically, a build killed while writing left the
    start of a page, or an empty file.  That is no person's edit: the start of
    the very page the generator makes now (its marker line included), or
    shorter than a whole marker line and the start of one.
    """
    if len(current) >= len(text):
        return False
    first_line = current.partition("\n")[0]
    return text.startswith(current) or (
        "\n" not in current and MARKER_PREFIX.startswith(first_line[: len(MARKER_PREFIX)])
    )


def write_generated(path: Path, source: str, body: str) -> bool:
    """Write a generated page unless a person owns it; True when the file changed.

    A page without a marker (hand-written) or whose body no longer matches its
    marker's hash (edited) is left alone, with a warning saying how to get the
    generated page back.  A page cut short by an interrupted build is made again.
    The file is replaced whole (:func:`.files.write_atomic`); a folder that cannot
    be written is a warning naming the page.
    """
    text = with_marker(source, body)
    current: str | None = None
    try:
        current = path.read_text("utf-8", errors="replace") if path.is_file() else None
    except OSError:
        current = None
    if current is not None:
        if current == text:
            return False
        marker = read_marker(current)
        if interrupted(current, text):
            _log("info", "briefing: %s was cut short by an interrupted build; written again", path, once=True)
        elif marker is None or not marker.intact:
            how = "was not written by the briefing generator" if marker is None else "was edited after it was generated"
            _log(
                "warning",
                "%s %s; left as it is. Delete the file (or restore it with git) to regenerate it from %s",
                path.name,
                how,
                source,
                type="briefing",
                subtype="protected",
                location=_location(path),
            )
            return False
    try:
        write_atomic(path, text)
    except OSError as err:
        _log(
            "warning",
            "cannot write %s: %s; the page is not up to date",
            path.name,
            err.strerror or err,
            type="briefing",
            subtype="write",
            location=_location(path),
        )
        return False
    return True


def remove_stale(out_dir: Path, keep: Iterable[Path]) -> None:
    """Delete generated pages whose seed is gone, unless someone edited them."""
    keep_set = {p.name for p in keep if p.parent == out_dir}
    for page in sorted(out_dir.glob("*.md")):
        if page.name in keep_set or not page.is_file():
            continue
        try:
            marker = read_marker(page.read_text("utf-8", errors="replace"))
        except OSError:
            continue
        if marker is None:
            continue  # a page a person wrote: not ours to touch
        if marker.intact:
            try:
                page.unlink()
            except OSError as err:
                _log("warning", "cannot remove %s: %s", page.name, err.strerror or err,
                     type="briefing", subtype="write", location=_location(page))  # fmt: skip
                continue
            _log("info", "removed %s: its seed %s is gone", page.name, marker.source, once=True)
        else:
            _log(
                "warning",
                "%s was generated from %s, which is gone, but it was edited since, so it is kept",
                page.name,
                marker.source,
                type="briefing",
                subtype="protected",
                location=_location(page),
            )


def _report(path: Path, problems: Iterable[Problem]) -> None:
    for problem in problems:
        _log(
            "warning", problem.message, type="briefing", subtype=problem.subtype, location=_location(path, problem.line)
        )


@dataclass(frozen=True)
class Labels:
    """The titles and words of the generated pages, as MyST: labels named, not written out
    (:mod:`briefing.labels`), so a page is the same in every build language."""

    book: str = "Briefing book"  # the printed book's title: the project's name, escaped
    briefings: str = label("briefings")
    takeaways: str = label("takeaways")
    timeline: str = label("timeline")
    graph: str = label("graph")
    entities: str = label("entities")
    candidates: str = label("candidates")
    candidates_intro: str = label("candidates-intro")
    none: str = label("candidates-none")


def generate_pages(
    srcdir: Path,
    conf: BriefingConfig,
    labels: Labels,
    registry: Registry | None = None,
    cache: SeedCache | None = None,
) -> list[BriefingPage]:
    """Bring ``briefings/`` (and the entity pages) up to date with ``seeds/`` and the registry.

    ``cache`` (optional) spares parsing and rendering the seeds that did not
    change since the build that filled it; the pages are the same either way.
    """
    cache = cache if cache is not None else SeedCache()
    seed_dir = srcdir / conf.seed_dir
    out_dir = srcdir / conf.output_dir
    seeds, refused = regular_files(seed_dir, is_seed_name)
    sidecars, refused_sidecars = regular_files(seed_dir, lambda name: name.endswith(SIDECAR_SUFFIXES))
    sidecar_of: dict[str, Path] = {}
    for found in sidecars:  # by name: probing <seed>.yaml could exceed the file-name limit
        sidecar_of.setdefault(found.name.rsplit(".", 1)[0], found)
    for path, why in [*refused, *refused_sidecars]:
        _report(path, [Problem("file", why)])

    loaded: list[LoadedSeed] = []
    for path in seeds:
        # Cs: bytes that are not UTF-8 in the name (Python keeps them as surrogates).
        if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") for ch in path.name):
            _report(
                path, [Problem("filename", "the file name holds control or line-break characters; rename the file")]
            )
            continue
        try:
            _key, seed, sidecar, sidecar_problems = cache.load_seed(path, sidecar_of.get(path.name.rsplit(".", 1)[0]))
        except UnsafeFile as err:
            _report(path, [Problem("file", str(err))])
            continue
        _report(path, seed.problems)
        if sidecar is not None:
            _report(sidecar, sidecar_problems)
        loaded.append(seed)
    cache.forget_others(s.path.name for s in loaded)

    readable = [s for s in loaded if s.article is not None]
    first_of: dict[str, Path] = {}
    for seed in readable:
        twin = first_of.setdefault(seed.fingerprint, seed.path)
        if twin != seed.path:
            _report(seed.path, [Problem("duplicate", f"the same article as {twin.name}; both get a page")])

    wanted = {s.path.name: s.article.metadata.slug for s in readable if s.article and s.article.metadata.slug}
    slugs = assign_slugs([s.path.name for s in readable], wanted)
    pages = [
        BriefingPage(slugs[s.path.name], s.path.relative_to(srcdir).as_posix(), s.article)
        for s in readable
        if s.article is not None
    ]
    pages.sort(key=sort_key)

    aliases = registry.aliases() if registry is not None and registry.entities else {}
    matcher = Matcher(aliases) if aliases else None
    registry_key = hashlib.sha256(repr(sorted(aliases.items())).encode("utf-8")).hexdigest()
    written: list[Path] = []
    for page in pages:
        target = out_dir / f"{page.slug}.md"
        seed_key = cache.seeds[Path(page.seed).name][0]
        key = f"{seed_key} {page.slug} {page.seed} {registry_key} {conf.link_mentions}"
        known = cache.pages.get(str(target))
        if known is None or known[0] != key or known[1] != _file_hash(target):
            text = render_briefing(page, MentionLinker(matcher, conf.link_mentions))
            write_generated(target, page.seed, text)
            written_hash = body_hash(with_marker(page.seed, text))
            if _file_hash(target) == written_hash:
                cache.pages[str(target)] = (key, written_hash)
            else:  # a page a person owns: checked (and warned about) again next build
                cache.pages.pop(str(target), None)
            cache.dirty = True
        written.append(target)
    # The navigation: a flat list while the book is small; by year and month once it is
    # not, so that no page's sidebar lists more than a month of briefings.
    groups = group_by_month(pages, conf.group_above, labels)
    index = out_dir / f"{INDEX_NAME}.md"
    # Each group page is listed once: years and "undated" here, months by their year.
    nested = {child for _name, _title, children in groups for child in children}
    top_entries = [name for name, _t, _c in groups if name not in nested] if groups else [p.slug for p in pages]
    write_generated(index, conf.seed_dir + "/", render_toc_page(labels.briefings, top_entries))
    written.append(index)
    for name, title, children in groups:
        target = out_dir / f"{name}.md"
        write_generated(target, conf.seed_dir + "/", render_toc_page(title, children))
        written.append(target)
    for name, title, directive in (
        ("takeaways", labels.takeaways, "takeaway-list"),
        ("timeline", labels.timeline, "briefing-timeline"),
        ("graph", labels.graph, "briefing-graph"),
    ):
        target = out_dir / f"{name}.md"
        write_generated(target, conf.seed_dir + "/", render_view_page(title, directive))
        written.append(target)
    kinds = [k for k in registry.kinds if registry.by_kind(k)] if registry is not None else []
    appendices = [f"/{conf.entity_dir}/{k}/{INDEX_NAME}" for k in kinds] + ["takeaways", "graph"]
    printed = out_dir / f"{PRINT_PAGE}.md"
    write_generated(printed, conf.seed_dir + "/", render_print_root(labels.book, [p.slug for p in pages], appendices))
    written.append(printed)
    remove_stale(out_dir, written)

    if registry is not None:
        generate_entity_pages(srcdir, conf, labels, registry, pages, matcher, cache, registry_key)
    return pages


def generate_entity_pages(
    srcdir: Path,
    conf: BriefingConfig,
    labels: Labels,
    registry: Registry,
    pages: list[BriefingPage],
    matcher: Matcher | None,
    cache: SeedCache | None = None,
    registry_key: str = "",
) -> None:
    """One page per entity, one list per kind, and the page of candidate names."""
    out_dir = srcdir / conf.entity_dir
    source = conf.registry_dir + "/"
    written: list[Path] = []
    kind_pages: list[str] = []
    for kind in registry.kinds.values():
        members = registry.by_kind(kind.id)
        if not members:
            continue
        for entity in members:
            target = out_dir / kind.id / f"{entity.id}.md"
            write_generated(target, source, render_entity(entity, registry))
            written.append(target)
        title = label("kind", kind.id)
        index = out_dir / kind.id / f"{INDEX_NAME}.md"
        row_groups = group_by_row(members, conf.group_above) if len(members) > conf.group_above else []
        entries = [name for name, _title, _children in row_groups] if row_groups else [e.id for e in members]
        write_generated(index, source, render_toc_page(title, entries))
        written.append(index)
        for name, row_title, children in row_groups:
            target = out_dir / kind.id / f"{name}.md"
            write_generated(target, source, render_toc_page(row_title, children))
            written.append(target)
        kind_pages.append(f"{kind.id}/{INDEX_NAME}")

    rows = _candidate_rows(pages, matcher, srcdir, cache, registry_key, conf.output_dir)
    candidates = out_dir / "candidates.md"
    write_generated(
        candidates,
        conf.seed_dir + "/",
        render_candidates(labels.candidates, labels.candidates_intro, rows, labels.none),
    )
    written.append(candidates)
    top = out_dir / f"{INDEX_NAME}.md"
    write_generated(top, source, render_toc_page(labels.entities, [*kind_pages, "candidates"]))
    written.append(top)
    for folder in [out_dir, *(p for p in out_dir.iterdir() if p.is_dir())] if out_dir.is_dir() else []:
        remove_stale(folder, [p for p in written if p.parent == folder])


def _page_candidates(article: Article, matcher: Matcher | None) -> tuple[tuple[str, str, int], ...]:
    """(name, title, line) of every name in one article that looks like an actor the registry lacks."""
    texts = [(article.title, article.title_line)]
    texts += [(article.lead.text, article.lead.line)] if article.lead else []
    texts += [(s.heading, s.line) for s in article.sections if s.heading]
    texts += [(p.text, p.line) for p in article.paragraphs] + [(t.text, t.line) for t in article.takeaways]
    found = []
    for text, line in texts:
        known = matcher.find(text) if matcher else []
        found += [(c.name, c.title, line) for c in find_candidates(text, known)]
    return tuple(found)


def _candidate_rows(
    pages: list[BriefingPage],
    matcher: Matcher | None,
    srcdir: Path,
    cache: SeedCache | None = None,
    registry_key: str = "",
    output_dir: str = "briefings",
) -> list[tuple[str, str, int, list[str]]]:
    """Names that look like actors but are not in the registry, most frequent first; each logged once."""
    seen: dict[str, tuple[str, int, list[str]]] = {}
    for page in pages:
        name = Path(page.seed).name
        entry = cache.seeds.get(name) if cache is not None else None
        key = f"{entry[0]} {registry_key}" if entry is not None else ""
        hit = cache.candidates.get(name) if cache is not None and key else None
        if hit is not None and hit[0] == key:
            found = hit[1]
        else:
            found = _page_candidates(page.article, matcher)
            if cache is not None and key:
                cache.candidates[name] = (key, found)
                cache.dirty = True
        for cname, ctitle, line in found:
            title, count, docs = seen.get(cname, (ctitle, 0, []))
            if not docs:
                _log(
                    "info",
                    "briefing: %r (%s) looks like an actor but is not in the registry",
                    cname,
                    ctitle,
                    location=f"{srcdir / page.seed}:{line}",
                )
            docname = f"{output_dir}/{page.slug}"
            seen[cname] = (title, count + 1, docs if docname in docs else [*docs, docname])
    return sorted(((n, t, c, d) for n, (t, c, d) in seen.items()), key=lambda r: (-r[2], r[0]))


def on_builder_inited(app: Sphinx) -> None:
    conf = BriefingConfig.from_sphinx(app)
    srcdir = Path(app.srcdir)
    # What the generation reads, as it is before it is read (see _generate_unless_done).
    inputs = files_state(srcdir, (conf.seed_dir, conf.registry_dir), f"{srcdir}\0{conf!r}")
    registry = registry_for(srcdir, conf.registry_dir, app.doctreedir)
    for problem in registry.problems:
        logger.warning(
            problem.message,
            type="briefing",
            subtype=problem.subtype,
            location=_location(problem.path, problem.line),
        )
    if not (srcdir / conf.seed_dir).is_dir():
        logger.info("briefing: no seed folder %s/; no briefing pages generated", conf.seed_dir)
        return
    title = conf.index_title
    labels = Labels(
        book=escape_text(str(app.config.project)),
        briefings=escape_text(title) if title else label("briefings"),
    )
    with folder_lock(srcdir, lambda: logger.info("briefing: another build is generating pages; waiting for it")):
        _generate_unless_done(app, conf, labels, registry, inputs)


def _generate_unless_done(app: Sphinx, conf: BriefingConfig, labels: Labels, registry: Registry, inputs: str) -> None:
    """Generate the pages, or replay the last generation's messages when nothing it reads changed.

    ``inputs`` is the state of the seed and registry folders taken before they
    were read, so a seed edited while this build runs is generated again by the
    next one; the generated folders are stamped as this generation leaves them.
    """
    srcdir = Path(app.srcdir)
    outputs = (conf.output_dir, conf.entity_dir)
    done_file = Path(app.doctreedir) / "briefing-generated.pickle"
    done = build_cache.load(done_file, "generated")
    if done is not None and done[0] == (inputs, files_state(srcdir, outputs, repr(labels))):
        for level, message, args, kwargs in done[1]:
            getattr(logger, level)(message, *args, **kwargs)
        return
    cache_file = Path(app.doctreedir) / "briefing-seeds.pickle"
    cache = SeedCache.load(cache_file)
    global _recording
    messages: list[Message] = []
    _recording = messages
    try:
        generate_pages(srcdir, conf, labels, registry if registry.entities or registry.kinds else None, cache)
    finally:
        _recording = None
    cache.save(cache_file)
    build_cache.save(done_file, "generated", ((inputs, files_state(srcdir, outputs, repr(labels))), messages))


def _files_under(folder: str) -> Iterator[os.DirEntry[str]]:
    """Every file under ``folder``, in name order (none if it is missing)."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _files_under(entry.path)
        else:
            yield entry


def files_state(srcdir: Path, folders: Iterable[str], setting: str) -> str:
    """A hash of the names, sizes and modification times of every file in ``folders``, and ``setting``.

    The generation reads nothing else (its code is in the cache's stamp): when
    this is what it was after the last generation, the generation would write
    the same files and log the same messages, so a build replays the messages
    and skips it (about half a second at a thousand seeds).  The same test
    Sphinx makes of its sources: a file rewritten with the same size within
    the same nanosecond would be missed.
    """
    digest = hashlib.sha256(setting.encode("utf-8", "surrogateescape"))
    for folder in folders:
        digest.update(f"\0{folder}\n".encode("utf-8", "surrogateescape"))
        for entry in _files_under(str(srcdir / folder)):
            try:
                info = entry.stat()
            except OSError:
                continue
            digest.update(f"{entry.path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def overview_pages_are_orphans(app: Sphinx, doctree: object) -> None:
    """The generated overview pages need no toctree (a book links them where it likes)."""
    folder = str(app.config.briefing_output_dir).strip("/")
    if app.env.docname in {f"{folder}/{name}" for name in (*OVERVIEW_PAGES, PRINT_PAGE)}:
        app.env.metadata[app.env.docname]["orphan"] = True
    if app.env.docname == f"{folder}/{PRINT_PAGE}":
        app.env.metadata[app.env.docname]["nosearch"] = True  # the PDF's root, not a page to find


def print_root_outside_html_tree(app: Sphinx, env: BuildEnvironment) -> None:
    """The print root is nobody's parent in the book's tree: only LaTeX follows its toctrees.

    It lists every briefing as a chapter, and each briefing is listed by its
    month (or the briefings' index) too.  Sphinx gives a page listed twice the
    parent whose name sorts last, so every briefing's sidebar would place it
    under the print root (an orphan no sidebar shows) instead of "briefings".
    The printed builders do not need the relation: they follow the toctree
    nodes in the print root's own doctree.  So after reading, its entries leave
    the environment's tree (and what Sphinx rewrites when a briefing changes).
    """
    root = f"{str(app.config.briefing_output_dir).strip('/')}/{PRINT_PAGE}"
    for child in env.toctree_includes.pop(root, ()):
        env.files_to_rebuild.get(child, set()).discard(root)


def include_generated_pages(app: Sphinx, config: Config) -> None:
    """Make sure the generated folders are sources even when conf.py narrows include_patterns."""
    patterns = list(config.include_patterns)
    if patterns != ["**"]:
        for folder in (config.briefing_output_dir, config.briefing_entity_dir):
            pattern = f"{str(folder).strip('/')}/**"
            if pattern not in patterns:
                patterns.append(pattern)
        config.include_patterns = patterns


def setup_generate(app: Sphinx) -> None:
    app.connect("config-inited", include_generated_pages)
    app.connect("doctree-read", overview_pages_are_orphans)
    app.connect("env-updated", print_root_outside_html_tree, priority=100)  # before pages.pages_to_rewrite
    # Priority below the default so that other builder-inited handlers
    # (e.g. ones adding source files) see the generated pages too.
    app.connect("builder-inited", on_builder_inited, priority=400)
