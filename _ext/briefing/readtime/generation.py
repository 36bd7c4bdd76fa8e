"""Turn the seeds into briefing pages, inside the build (at ``builder-inited``).

``seeds/<name>.txt`` becomes ``briefings/<slug>.md`` (named by :mod:`.slugs`),
listed by the briefings' index and, once the book is large, by year and month
pages (:mod:`.grouping`); the registry becomes the entity pages and the page of
candidate names (:mod:`.candidates`).  This module only orchestrates: pages are
written only when their bytes would change and never over a person's work
(:mod:`.owned`), seeds are parsed again only when their bytes change
(:mod:`.seedcache`), and when no file the generation reads changed a build skips
it and says its messages again (:mod:`.recorder`).
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from briefing.articles.article import Problem
from briefing.generating.candidates import candidate_rows
from briefing.generating.candidates import prime as prime_candidates
from briefing.generating.grouping import group_by_month, group_by_row, sort_key
from briefing.generating.label_markup import label
from briefing.generating.owned import body_hash, file_hash, remove_stale, with_marker, write_generated
from briefing.generating.render import (
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
from briefing.generating.seed_cache import LoadedSeed, SeedCache
from briefing.generating.slugs import INDEX_NAME, PRINT_PAGE, SIDECAR_SUFFIXES, assign_slugs, is_seed_name
from briefing.language.words import release as release_analysers
from briefing.language.words import release_japanese
from briefing.matching.mentions import Matcher, matcher_for
from briefing.readtime.config import BriefingConfig
from briefing.readtime.labels import Labels
from briefing.readtime.page_tree import (
    include_generated_pages,
    overview_pages_are_orphans,
    print_root_outside_html_tree,
)
from briefing.registry.model import MatchTable, Registry
from briefing.registry.store import registry_for
from briefing.util import cache as build_cache
from briefing.util.files import UnsafeFile, folder_lock, regular_files
from briefing.util.messages import MessageRecorder, location, replay
from briefing.util.subtypes import Subtype

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


def _report(path: Path, problems: Iterable[Problem], messages: MessageRecorder) -> None:
    for problem in problems:
        where = location(path, problem.line)
        messages.log(problem.level, problem.message, type="briefing", subtype=problem.subtype, location=where)


def generate_pages(
    srcdir: Path,
    conf: BriefingConfig,
    labels: Labels,
    messages: MessageRecorder,
    registry: Registry | None = None,
    cache: SeedCache | None = None,
) -> list[BriefingPage]:
    """Bring ``briefings/`` (and the entity pages) up to date with ``seeds/`` and the registry.

    ``cache`` (optional) spares parsing and rendering the seeds that did not
    change since the build that filled it; the pages are the same either way.
    """
    cache = cache if cache is not None else SeedCache()
    out_dir = srcdir / conf.output_dir
    loaded = _load_seeds(srcdir / conf.seed_dir, cache, messages)
    pages = _briefing_pages(srcdir, loaded, messages)
    table = registry.match_table() if registry is not None and registry.entities else MatchTable({})
    matcher = matcher_for(table)
    registry_key = table.key()
    written = _write_briefings(srcdir, out_dir, pages, matcher, conf, cache, registry_key, messages)
    written += _write_navigation(out_dir, pages, registry, conf, labels, messages)
    remove_stale(out_dir, written, messages)
    if registry is not None:
        generate_entity_pages(srcdir, conf, labels, registry, pages, matcher, messages, cache, registry_key)
    return pages


def _load_seeds(seed_dir: Path, cache: SeedCache, messages: MessageRecorder) -> list[LoadedSeed]:
    """Every seed of ``seed_dir`` read (through the cache) with its sidecar; what cannot be read
    is reported, and the cache forgets the seeds that are gone."""
    seeds, refused = regular_files(seed_dir, is_seed_name)
    sidecars, refused_sidecars = regular_files(seed_dir, lambda name: name.endswith(SIDECAR_SUFFIXES))
    sidecar_of: dict[str, Path] = {}
    for found in sidecars:  # by name: probing <seed>.yaml could exceed the file-name limit
        sidecar_of.setdefault(found.name.rsplit(".", 1)[0], found)
    for path, why in [*refused, *refused_sidecars]:
        _report(path, [Problem(Subtype.FILE, why)], messages)
    loaded: list[LoadedSeed] = []
    for path in seeds:
        # Cs: bytes that are not UTF-8 in the name (Python keeps them as surrogates).
        if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") for ch in path.name):
            problem = Problem(Subtype.FILENAME, "the file name holds control or line-break characters; rename the file")
            _report(path, [problem], messages)
            continue
        try:
            _key, seed, sidecar, sidecar_problems = cache.load_seed(path, sidecar_of.get(path.name.rsplit(".", 1)[0]))
        except UnsafeFile as err:
            _report(path, [Problem(Subtype.FILE, str(err))], messages)
            continue
        _report(path, seed.problems, messages)
        if sidecar is not None:
            _report(sidecar, sidecar_problems, messages)
        loaded.append(seed)
    cache.forget_others(s.path.name for s in loaded)
    return loaded


def _briefing_pages(srcdir: Path, loaded: list[LoadedSeed], messages: MessageRecorder) -> list[BriefingPage]:
    """The page of each readable seed, named (:func:`.slugs.assign_slugs`) and in the book's order;
    two seeds with the same article are both kept, and said."""
    readable = [s for s in loaded if s.article is not None]
    first_of: dict[str, Path] = {}
    for seed in readable:
        twin = first_of.setdefault(seed.fingerprint, seed.path)
        if twin != seed.path:
            _report(
                seed.path, [Problem(Subtype.DUPLICATE, f"the same article as {twin.name}; both get a page")], messages
            )
    wanted = {s.path.name: s.article.metadata.slug for s in readable if s.article and s.article.metadata.slug}
    slugs = assign_slugs([s.path.name for s in readable], wanted)
    pages = [
        BriefingPage(slugs[s.path.name], s.path.relative_to(srcdir).as_posix(), s.article)
        for s in readable
        if s.article is not None
    ]
    pages.sort(key=sort_key)
    return pages


def _write_briefings(
    srcdir: Path,
    out_dir: Path,
    pages: list[BriefingPage],
    matcher: Matcher | None,
    conf: BriefingConfig,
    cache: SeedCache,
    registry_key: str,
    messages: MessageRecorder,
) -> list[Path]:
    """Each briefing page rendered and written, unless its seed, slug and registry are those of
    the page already there (and the page is the one the generator wrote).

    The Japanese pages come first, then the rest: Sudachi's dictionary is let go before jieba's
    is loaded, so the two are never held at once; each rendered page's candidate names are found
    right after it (:func:`.candidates.prime`), while its analyser is loaded.
    """
    written: list[Path] = []
    japanese_done = False
    for page in sorted(pages, key=lambda p: p.article.language != "ja"):
        if page.article.language != "ja" and not japanese_done:
            release_japanese()
            japanese_done = True
        target = out_dir / f"{page.slug}.md"
        seed_key = cache.seeds[Path(page.seed).name][0]
        key = f"{seed_key} {page.slug} {page.seed} {registry_key} {conf.link_mentions}"
        known = cache.pages.get(str(target))
        if known is None or known[0] != key or known[1] != file_hash(target):
            linker = MentionLinker(matcher, conf.link_mentions, page.article.language)
            text = render_briefing(page, linker)
            failed = matcher is not None and messages.analyser_failures(
                srcdir / page.seed, page.article.line_of, matcher.segmenter.failures
            )
            for shown, ids in dict.fromkeys(linker.mentions.ambiguous):
                messages.log(
                    "info",
                    "briefing: %r may name %s, all named in this article: not a mention",
                    shown,
                    " or ".join(ids),
                    location=str(srcdir / page.seed),
                )
            if not failed:
                prime_candidates(page, matcher, cache, registry_key)
            write_generated(target, page.seed, text, messages)
            written_hash = body_hash(with_marker(page.seed, text))
            if file_hash(target) == written_hash and not failed:
                cache.pages[str(target)] = (key, written_hash)
            else:  # a page a person owns, or an analyser failed: checked (and warned about) again next build
                cache.pages.pop(str(target), None)
            cache.dirty = True
        written.append(target)
    return written


def _write_navigation(
    out_dir: Path,
    pages: list[BriefingPage],
    registry: Registry | None,
    conf: BriefingConfig,
    labels: Labels,
    messages: MessageRecorder,
) -> list[Path]:
    """The briefings' index, the year and month pages, the overview pages and the print root."""
    written: list[Path] = []

    def write(name: str, text: str) -> None:
        target = out_dir / f"{name}.md"
        write_generated(target, conf.seed_dir + "/", text, messages)
        written.append(target)

    # The navigation: a flat list while the book is small; by year and month once it is
    # not, so that no page's sidebar lists more than a month of briefings.
    groups = group_by_month(pages, conf.group_above)
    # Each group page is listed once: years and "undated" here, months by their year.
    nested = {child for _name, _title, children in groups for child in children}
    top_entries = [name for name, _t, _c in groups if name not in nested] if groups else [p.slug for p in pages]
    write(INDEX_NAME, render_toc_page(labels.briefings, top_entries))
    for name, title, children in groups:
        write(name, render_toc_page(title, children))
    for name, title, directive in (
        ("takeaways", labels.takeaways, "takeaway-list"),
        ("timeline", labels.timeline, "briefing-timeline"),
        ("graph", labels.graph, "briefing-graph"),
    ):
        write(name, render_view_page(title, directive))
    kinds = [k for k in registry.kinds if registry.by_kind(k)] if registry is not None else []
    appendices = [f"/{conf.entity_dir}/{k}/{INDEX_NAME}" for k in kinds] + ["takeaways", "graph"]
    write(PRINT_PAGE, render_print_root(labels.book, [p.slug for p in pages], appendices))
    return written


def generate_entity_pages(
    srcdir: Path,
    conf: BriefingConfig,
    labels: Labels,
    registry: Registry,
    pages: list[BriefingPage],
    matcher: Matcher | None,
    messages: MessageRecorder,
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
            write_generated(target, source, render_entity(entity, registry), messages)
            written.append(target)
        title = label("kind", kind.id)
        index = out_dir / kind.id / f"{INDEX_NAME}.md"
        row_groups = group_by_row(members) if len(members) > conf.group_above else []
        entries = [name for name, _title, _children in row_groups] if row_groups else [e.id for e in members]
        write_generated(index, source, render_toc_page(title, entries), messages)
        written.append(index)
        for name, row_title, children in row_groups:
            target = out_dir / kind.id / f"{name}.md"
            write_generated(target, source, render_toc_page(row_title, children), messages)
            written.append(target)
        kind_pages.append(f"{kind.id}/{INDEX_NAME}")

    rows = candidate_rows(pages, matcher, srcdir, messages, cache, registry_key, conf.output_dir)
    candidates = out_dir / "candidates.md"
    write_generated(
        candidates,
        conf.seed_dir + "/",
        render_candidates(labels.candidates, labels.candidates_intro, rows, labels.none),
        messages,
    )
    written.append(candidates)
    top = out_dir / f"{INDEX_NAME}.md"
    write_generated(top, source, render_toc_page(labels.entities, [*kind_pages, "candidates"]), messages)
    written.append(top)
    for folder in [out_dir, *(p for p in out_dir.iterdir() if p.is_dir())] if out_dir.is_dir() else []:
        remove_stale(folder, [p for p in written if p.parent == folder], messages)


def on_builder_inited(app: Sphinx) -> None:
    """Bring the generated pages up to date with the seeds and the registry, before Sphinx reads."""
    conf = BriefingConfig.of(app.config)
    srcdir = Path(app.srcdir)
    # What the generation reads, as it is before it is read (see _generate_unless_done).
    inputs = files_state(srcdir, (conf.seed_dir, conf.registry_dir), f"{srcdir}\0{conf!r}")
    registry = registry_for(srcdir, conf.registry_dir, app.doctreedir)
    for problem in registry.problems:
        logger.warning(
            problem.message,
            type="briefing",
            subtype=problem.subtype,
            location=location(problem.path, problem.line),
        )
    if not (srcdir / conf.seed_dir).is_dir():
        logger.info("briefing: no seed folder %s/; no briefing pages generated", conf.seed_dir)
        return
    title = conf.index_title
    labels = Labels(
        book=escape_text(str(app.config.project)),
        briefings=escape_text(title) if title else label("briefings"),
    )
    try:
        with folder_lock(srcdir, lambda: logger.info("briefing: another build is generating pages; waiting for it")):
            _generate_unless_done(app, conf, labels, registry, inputs)
    finally:
        release_analysers()  # the rest of the build does not need their dictionaries


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
        replay(logger, done[1])
        return
    cache_file = Path(app.doctreedir) / "briefing-seeds.pickle"
    cache = SeedCache.load(cache_file)
    messages = MessageRecorder(logger)
    generate_pages(srcdir, conf, labels, messages, registry if registry.entities or registry.kinds else None, cache)
    cache.save(cache_file)
    state = (inputs, files_state(srcdir, outputs, repr(labels)))
    build_cache.save(done_file, "generated", (state, messages.messages))


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
    and skips it.  The same test Sphinx makes of its sources: a file rewritten
    with the same size within the same nanosecond would be missed.
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


def setup_generate(app: Sphinx) -> None:
    app.connect("config-inited", include_generated_pages)
    app.connect("doctree-read", overview_pages_are_orphans)
    # Before rewrite.pages_to_rewrite (500), which reads the tree this mends.
    app.connect("env-updated", print_root_outside_html_tree, priority=100)
    # Priority below the default so that other builder-inited handlers
    # (e.g. ones adding source files) see the generated pages too.
    app.connect("builder-inited", on_builder_inited, priority=400)
