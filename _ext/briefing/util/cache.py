"""Build caches kept in Sphinx's doctree folder (``-d``): gone with a clean build, never state.

Each cache is stamped with a hash of this package's code, so that a changed
extension never reuses what an older one computed.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import pickle
import sys
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from briefing.util.files import write_atomic

#: The libraries whose behaviour what is cached depends on (decoding, YAML, schemas, matching),
#: the analysers and their dictionaries among them (readings, words, written forms: a
#: dictionary upgrade must not keep what the old one derived).
LIBRARIES = (
    "PyYAML",
    "jsonschema",
    "pyahocorasick",
    "charset-normalizer",
    "sphinx",
    "myst-parser",
    "SudachiPy",
    "sudachidict-core",
    "jieba",
    "OpenCC",
)


@cache
def code_version() -> str:
    """A hash of this package's code, schemas and data (the census's cue lists), the libraries it caches the work of,
    Python's and Unicode's versions: any change to them invalidates every cache."""
    digest = hashlib.sha256(f"{sys.version} {unicodedata.unidata_version}".encode())
    for line in library_versions(LIBRARIES):
        digest.update(line.encode())
    here = Path(__file__).parent.parent  # the package, not this floor
    for path in sorted([*here.rglob("*.py"), *here.rglob("*.yaml"), *here.glob("schemas/*.json")]):
        digest.update(path.relative_to(here).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def library_versions(names: Iterable[str]) -> tuple[str, ...]:
    """``"name version"`` of each installed distribution, ``"name -"`` of one that is not."""
    found = []
    for name in names:
        try:
            found.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name} -")
    return tuple(found)


def load(path: Path, key: str) -> Any:
    """What :func:`save` stored at ``path`` under ``key`` (with this code), else None."""
    try:
        with path.open("rb") as stream:
            stamp, value = pickle.load(stream)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return value if stamp == (code_version(), key) else None


def save(path: Path, key: str, value: Any) -> None:
    """Store ``value`` at ``path`` under ``key``, atomically (a reader never sees half a file)."""
    with contextlib.suppress(OSError):  # a cache that cannot be written is only work done again next time
        write_atomic(path, pickle.dumps(((code_version(), key), value), protocol=pickle.HIGHEST_PROTOCOL))
