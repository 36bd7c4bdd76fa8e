"""Files the extension reads and writes, treated as untrusted on the way in and written whole.

Seeds, sidecars and registry files come from people and other tools: a seed
may be a symbolic link to ``/etc/passwd``, a FIFO that never ends, a directory
named ``x.yaml`` or a file of gigabytes.  :func:`read_inside` reads a file only
when it is a regular file whose resolved path lies inside its folder, and only
up to a size limit; anything else is an :class:`UnsafeFile` saying why.

Every file the extension writes goes through :func:`write_atomic` (a temporary
file in the same folder, then a rename), so a build killed or a disk that fills
up never leaves half a page that later builds would take for a person's edit.
:func:`folder_lock` keeps two builds of one checkout from generating at once.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

__all__ = [
    "UnsafeFile",
    "atomic_stream",
    "folder_lock",
    "inside",
    "read_inside",
    "regular_files",
    "write_atomic",
    "write_new",
]

#: Largest seed read (a long article is a few hundred kilobytes).
SEED_LIMIT = 16 * 1024 * 1024
#: Largest sidecar read: a handful of keys.
SIDECAR_LIMIT = 256 * 1024
#: Largest registry file read, and the most all of them may hold together: set by what the
#: analysers hold for it (jieba keeps every prefix of each Chinese name it is told, OpenCC's
#: written forms add up to three more), not by what YAML can read.  20,000 entities take 4 MB;
#: the most costly 16 MiB (every name 100 Chinese characters) load in about 45 s and 1.8 GB.
REGISTRY_LIMIT = 8 * 1024 * 1024
REGISTRY_TOTAL_LIMIT = 16 * 1024 * 1024


class UnsafeFile(Exception):
    """A file that is not read: outside its folder, not a regular file, too large or unreadable."""


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, with every symbolic link resolved, lies inside ``folder`` (resolved too)."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
        return False


def read_inside(path: Path, folder: Path, limit: int) -> bytes:
    """The bytes of ``path`` if it is a regular file inside ``folder`` of at most ``limit`` bytes.

    The file is opened without blocking (a FIFO gives no data instead of
    waiting for a writer) and checked on the open descriptor, so a file swapped
    for something else between the check and the read is caught too.
    """
    if not inside(path, folder):
        raise UnsafeFile(f"{path.name} points outside {folder.name}/ (a symbolic link?); not read")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        # The resolved path, not followed again: a link swapped in after the check is refused.
        fd = os.open(path.resolve(), flags | getattr(os, "O_NOFOLLOW", 0))
    except OSError as err:
        raise UnsafeFile(f"{path.name} cannot be read: {err.strerror or err}") from err
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFile(f"{path.name} is not a regular file; not read")
        if info.st_size > limit:
            raise UnsafeFile(f"{path.name} is larger than {limit // 1024} KiB ({info.st_size} bytes); not read")
        chunks: list[bytes] = []
        size = 0
        while True:  # the size may lie (a file growing while read): never more than the limit
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise UnsafeFile(f"{path.name} is larger than {limit // 1024} KiB; not read")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as err:
        raise UnsafeFile(f"{path.name} cannot be read: {err.strerror or err}") from err
    finally:
        os.close(fd)


def regular_files(folder: Path, keep: Callable[[str], bool]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The files of ``folder`` whose names ``keep`` accepts, in name order, and the refused ones.

    Returns (files to read, [(path, why not)]): an entry that is a directory,
    a FIFO, a device or a link leading out of the folder is refused here, with
    the reason, instead of failing (or hanging) the build when it is read.
    """
    try:
        with os.scandir(folder) as scan:
            entries = sorted((e for e in scan if keep(e.name)), key=lambda e: e.name)
    except OSError:
        return [], []
    good: list[Path] = []
    refused: list[tuple[Path, str]] = []
    for entry in entries:
        path = Path(entry.path)
        try:
            regular = entry.is_file(follow_symlinks=True)
        except OSError:
            regular = False
        if entry.is_symlink() and not inside(path, folder):
            refused.append((path, f"{entry.name} points outside {folder.name}/ (a symbolic link?); not read"))
        elif not regular:
            refused.append((path, f"{entry.name} is not a regular file; not read"))
        else:
            good.append(path)
    return good, refused


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all: a temporary file beside it, then a rename.

    Raises ``OSError`` (nothing changed at ``path``) when the folder cannot be
    written or the disk is full.  Not synced to the disk: a crash of the build
    is covered, a power cut is not (a rebuild makes the page again).
    """
    with atomic_stream(path, binary=True) as stream:
        stream.write(data.encode("utf-8") if isinstance(data, str) else data)


def write_new(path: Path, data: str | bytes) -> None:
    """Write a file that must not exist yet, whole or not at all: a temporary file beside it,
    then a hard link to the name (which fails, leaving what is there, when the name is taken).

    Raises ``FileExistsError`` when ``path`` exists, ``OSError`` when the folder cannot be
    written; a file system without hard links falls back to an exclusive create.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, name = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(payload)
        tmp.chmod(0o666 & ~_UMASK)
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise
        except OSError:  # no hard links here: create exclusively, then fill
            with path.open("xb") as stream:
                stream.write(payload)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


@contextlib.contextmanager
def atomic_stream(path: Path, *, binary: bool = False) -> Iterator[Any]:
    """A stream whose text replaces ``path`` once the ``with`` block ends without an error (:func:`write_atomic`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
        tmp.chmod(0o666 & ~_UMASK)  # mkstemp makes 0600; a page is as readable as any file
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _read_umask() -> int:
    mask = os.umask(0o022)  # the only way to read it: set, then put back (once, at import)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


@contextlib.contextmanager
def folder_lock(folder: Path, on_wait: Callable[[], None], timeout: float = 600.0) -> Iterator[bool]:
    """Hold an exclusive lock on ``folder`` (yields True), waiting for another holder to finish.

    ``on_wait`` is called once if another process holds it.  Yields False
    without a lock when the folder cannot be locked (no ``fcntl``, a read-only
    or missing folder) or the wait exceeds ``timeout`` seconds.
    """
    try:
        import fcntl
    except ImportError:  # not POSIX
        yield False
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield False
        return
    try:
        waited = False
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not waited:
                    on_wait()
                    waited = True
                if time.monotonic() > deadline:
                    yield False
                    return
                time.sleep(0.1)
            except OSError:
                yield False
                return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
