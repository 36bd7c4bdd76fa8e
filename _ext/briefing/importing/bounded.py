"""One file's import in a child process with a deadline and a memory cap (pure, POSIX).

A hostile page can be built to make any parser slow or hungry (millions of
nested elements, a regular expression's worst case in a library, an entity bomb
that slipped past a check).  The file is read in a forked child whose address
space is capped; past the deadline it is killed.  The analyst gets a message
naming the file, and the other files go on.  Where ``fork`` is missing (Windows)
the work runs in this process, bounded by the input size limits only.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

from briefing.importing.inputs import Refused

T = TypeVar("T")

#: Seconds one file may take.
DEADLINE = 60.0
#: Bytes of memory one file may use on top of what the importer uses already.
MEMORY = 1536 * 1024 * 1024


def _address_space() -> int:
    """This process's virtual memory size in bytes (0 where /proc does not say)."""
    try:
        return int(Path("/proc/self/statm").read_text("ascii").split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _child(send: Connection, work: Callable[..., Any], args: tuple[Any, ...], memory: int) -> None:
    if memory:
        limit = _address_space() + memory
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        send.send(("ok", work(*args)))
    except Refused as err:
        send.send(("refused", str(err)))
    except MemoryError:
        send.send(("refused", f"it needs more than {memory // 2**20:,} MB of memory to read; not imported"))
    except RecursionError:
        send.send(("refused", "it nests too deeply to read; not imported"))
    except Exception as err:  # a library's failure on a hostile file is the file's problem
        send.send(("refused", f"it could not be read ({type(err).__name__}: {str(err)[:200]})"))
    finally:
        send.close()


def run_bounded(work: Callable[..., T], *args: Any, deadline: float = DEADLINE, memory: int = MEMORY) -> T:
    """``work(*args)`` in a child process, or :class:`Refused` when it fails, takes longer than
    ``deadline`` seconds or needs more than ``memory`` bytes."""
    if "fork" not in multiprocessing.get_all_start_methods():  # pragma: no cover - Windows
        return work(*args)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, work, args, memory), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(deadline):
            raise Refused(f"reading it took longer than {deadline:g} s; not imported")
        status, value = receive.recv()
    except EOFError:
        raise Refused("reading it ended the reader (out of memory?); not imported") from None
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join()
    if status != "ok":
        raise Refused(value)
    return value  # type: ignore[no-any-return]
