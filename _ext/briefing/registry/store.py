"""The registry of a book, kept between builds (a cache, never state): in this process, and in
Sphinx's doctree folder, keyed by the bytes of the files it was read from.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from pathlib import Path

from briefing.registry.loading import load_registry, read_registry_files
from briefing.registry.model import Registry
from briefing.util import cache as build_cache

_registry_cache: dict[tuple[str, tuple[tuple[str, int], ...]], Registry] = {}


def registry_for(srcdir: str | Path, folder: str, cache_dir: str | Path | None = None) -> Registry:
    """The registry of a book, loaded once per set of file versions (a cache, not state).

    With ``cache_dir`` (Sphinx's doctree folder) the loaded registry is kept
    on disk too, keyed by the files' bytes: a build that did not touch the
    registry does not parse and validate it again.
    """
    root = Path(srcdir) / folder
    try:
        with os.scandir(root) as scan:
            stamp = tuple(sorted((e.name, e.stat().st_mtime_ns) for e in scan if e.name.endswith((".yaml", ".yml"))))
    except OSError:
        stamp = ()
    key = (str(root), stamp)
    if key in _registry_cache:
        return _registry_cache[key]
    _registry_cache.clear()
    files, problems = read_registry_files(root)
    registry: Registry | None = None
    digest = hashlib.sha256(str(root).encode("utf-8"))
    for path, data in files:
        digest.update(path.name.encode("utf-8") + b"\0" + data + b"\0")
    where = Path(cache_dir) / "briefing-registry.pickle" if cache_dir is not None else None
    if where is not None:
        registry = build_cache.load(where, digest.hexdigest())
    if not isinstance(registry, Registry):
        registry = load_registry(root, files)
        if where is not None:
            build_cache.save(where, digest.hexdigest(), registry)
    if problems:  # files refused: not part of the cached registry, whose key holds only what was read
        registry = replace(registry, problems=(*problems, *registry.problems))
    _registry_cache[key] = registry
    return registry
