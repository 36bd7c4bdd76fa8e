"""Build caches kept in Sphinx's doctree folder (``-d``): gone with a clean build, never state.

Each cache is stamped with a hash of this package's code, so that a changed
extension never reuses what an older one computed.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import pickle
import sys
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

#: The libraries whose behaviour what is cached depends on (decoding, YAML, schemas, matching).
LIBRARIES = ("PyYAML", "jsonschema", "pyahocorasick", "charset-normalizer", "sphinx", "myst-parser")


@cache
def code_version() -> str:
    """A hash of this package's code and schemas, the libraries it caches the work of,
    Python's and Unicode's versions: any change to them invalidates every cache."""
    digest = hashlib.sha256(f"{sys.version} {unicodedata.unidata_version}".encode())
    for name in LIBRARIES:
        try:
            digest.update(f"{name} {importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{name} -".encode())
    here = Path(__file__).parent
    for path in sorted([*here.glob("*.py"), *here.glob("schemas/*.json")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


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
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as stream:
        pickle.dump(((code_version(), key), value), stream, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
