"""A bounded HTTP GET (stdlib only): one deadline, a size cap, http(s) only, redirects too.

Used for other books' ``briefings.json`` and for ``python -m briefing import --fetch``:
what comes from the network is untrusted, so a slow or endless server, a huge body or a
redirect to ``file:`` or ``javascript:`` is a :class:`FetchError` saying why.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time
import urllib.parse

__all__ = ["FetchError", "fetch"]

_MAX_REDIRECTS = 5


class FetchError(Exception):
    """A URL that could not be read within its bounds (its message says why)."""


def fetch(url: str, timeout: float, max_bytes: int, accept: str = "*/*") -> bytes:
    """The body of an http(s) GET of ``url``, within ``timeout`` seconds in all and ``max_bytes`` bytes.

    Redirects are followed to http(s) URLs only.  One deadline covers the whole
    fetch: a timer shuts the connection down when it passes, so a server that
    sends its headers, chunk sizes or body a byte at a time is cut off too.
    """
    deadline = time.monotonic() + timeout
    for _hop in range(_MAX_REDIRECTS + 1):
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchError(f"no answer within {timeout:g} s")
        try:
            answer = _get(url, left, max_bytes, accept)
        except (OSError, ValueError, http.client.HTTPException) as err:  # ValueError: a malformed URL
            if time.monotonic() >= deadline:
                raise FetchError(f"not read within {timeout:g} s") from err
            raise FetchError(f"{type(err).__name__}: {err}") from err
        if isinstance(answer, bytes):
            return answer
        url = answer
    raise FetchError(f"more than {_MAX_REDIRECTS} redirects")


def _get(url: str, left: float, max_bytes: int, accept: str) -> str | bytes:
    """One request: the body (bytes), or the URL a redirect names (str)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url[:200]} is not an http(s) URL")
    connection_type = http.client.HTTPSConnection if parts.scheme.lower() == "https" else http.client.HTTPConnection
    connection = connection_type(parts.hostname, parts.port, timeout=left)
    stop: threading.Timer | None = None
    fired = threading.Event()
    try:
        connection.connect()
        # The socket itself: the connection lets go of it once the response says it will close.
        stop = threading.Timer(left, _shut, (connection.sock, fired))
        stop.daemon = True
        stop.start()
        path = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
        connection.request("GET", path, headers={"Accept": accept, "User-Agent": "briefing-book"})
        response = connection.getresponse()
        location = response.getheader("Location")
        if response.status in (301, 302, 303, 307, 308) and location:
            return urllib.parse.urljoin(url, location)
        if response.status != 200:
            raise FetchError(f"HTTP {response.status} {response.reason}")
        declared = response.getheader("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(f"larger than {max_bytes} bytes ({declared})")
        chunks: list[bytes] = []
        size = 0
        while chunk := response.read1(65536):  # what has arrived, not a full 64 KiB
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"larger than {max_bytes} bytes")
            chunks.append(chunk)
        if fired.is_set():  # the timer shut the connection: what came is not the whole file
            raise TimeoutError("the deadline passed")
        return b"".join(chunks)
    finally:
        if stop is not None:
            stop.cancel()
        connection.close()


def _shut(sock: socket.socket | None, fired: threading.Event) -> None:
    """At the deadline: end the connection, so that a read waiting on it returns now."""
    fired.set()  # before the shutdown: a read it ends must see it
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
