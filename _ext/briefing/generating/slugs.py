"""Names: which files of the seed folder are seeds, and the page name (slug) each seed gets.

A slug is part of a URL and of the inventory, so it is plain ASCII, unique in
the book, never the name of a page the generator writes besides the briefings,
and stable: adding a seed never renames another seed's page.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

#: Names of the pages that group briefings (year-2025, month-2025-02, undated) or
#: entities (row-a, …): never slugs of briefings or ids of entities.
GROUP_RE = re.compile(r"year-\d{4}|month-\d{4}-\d{2}|undated|row-[a-z]+")

#: The sidecar of ``<name>.txt`` is ``<name>.yaml`` or ``<name>.yml``.
SIDECAR_SUFFIXES = (".yaml", ".yml")
INDEX_NAME = "index"
#: Pages the generator writes into the briefings folder besides the briefings themselves.
OVERVIEW_PAGES = ("takeaways", "timeline", "graph")
#: The root of the printed book (latex_documents): chapters, then appendices.
PRINT_PAGE = "print"
RESERVED_SLUGS = frozenset({INDEX_NAME, PRINT_PAGE, *OVERVIEW_PAGES})


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
