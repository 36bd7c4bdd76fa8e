"""Reading seeds, and what earlier builds learnt from each one, keyed by the bytes they learnt it from.

A seed is decoded and parsed (with its sidecar's metadata) into a
:class:`LoadedSeed` that carries its problems as data: a seed taken from the
cache gives the same problems, and so the same warnings, as one parsed again.
The cache is kept in Sphinx's doctree folder (``-d``), so a clean build starts
without it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from briefing.articles.article import Article, Metadata, Problem
from briefing.articles.decode import decode_seed
from briefing.articles.metadata import parse_metadata
from briefing.articles.parse import parse_seed
from briefing.util import cache as build_cache
from briefing.util.files import SEED_LIMIT, SIDECAR_LIMIT, UnsafeFile, read_inside
from briefing.util.subtypes import Subtype
from briefing.util.yamlio import load_yaml


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
        return None, (Problem(Subtype.METADATA, f"{sidecar.name} is not valid YAML: {err}", line),)
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
    problems = decoded.problems + tuple(p for p in article.problems if not p.in_sidecar)
    # An override that matches no line is the sidecar's problem (reported with its path).
    sidecar_problems += tuple(p for p in article.problems if p.in_sidecar)
    readable = not any(p.subtype == Subtype.EMPTY for p in problems)
    fingerprint = hashlib.sha256(" ".join(decoded.text.split()).encode("utf-8")).hexdigest()
    return LoadedSeed(path, article if readable else None, problems, fingerprint), sidecar, sidecar_problems


@dataclass
class SeedCache:
    """What earlier builds learnt from each seed, keyed by the bytes they learnt it from.

    A no-op build should not parse and render every seed again: a seed whose
    bytes (and sidecar's) are unchanged gives the same article, and the same
    page while the registry and the options are unchanged too.
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
                sidecar_problems = (Problem(Subtype.FILE, str(err)),)
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
