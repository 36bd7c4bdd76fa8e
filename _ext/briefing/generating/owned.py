"""The files the generator owns: the marker that says so, and writes that never lose a person's work.

Each generated page starts with a marker line holding its source and the hash
of the rest of the file, so the generator can tell its own untouched output
from a page a person wrote or edited: those are never overwritten or deleted.
A page is written only when its bytes would change, and whole
(:func:`.files.write_atomic`), so an interrupted build leaves no half page.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from briefing.util.files import write_atomic
from briefing.util.messages import MessageRecorder, location
from briefing.util.subtypes import Subtype

MARKER_PREFIX = "% briefing:generated "
_MARKER_RE = re.compile(r"^% briefing:generated source=(\"(?:[^\"\\]|\\.)*\") sha256=([0-9a-f]{64})$")


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


def file_hash(path: Path) -> str:
    """The hash of a generated page as it is now ("" when it is missing or not a regular file)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
    except OSError:
        return ""


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


def write_generated(path: Path, source: str, body: str, messages: MessageRecorder) -> bool:
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
            messages.log("info", "briefing: %s was cut short by an interrupted build; written again", path, once=True)
        elif marker is None or not marker.intact:
            how = "was not written by the briefing generator" if marker is None else "was edited after it was generated"
            messages.log(
                "warning",
                "%s %s; left as it is. Delete the file (or restore it with git) to regenerate it from %s",
                path.name,
                how,
                source,
                type="briefing",
                subtype=Subtype.PROTECTED,
                location=location(path),
            )
            return False
    try:
        write_atomic(path, text)
    except OSError as err:
        messages.log(
            "warning",
            "cannot write %s: %s; the page is not up to date",
            path.name,
            err.strerror or err,
            type="briefing",
            subtype=Subtype.WRITE,
            location=location(path),
        )
        return False
    return True


def remove_stale(out_dir: Path, keep: Iterable[Path], messages: MessageRecorder) -> None:
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
                messages.log("warning", "cannot remove %s: %s", page.name, err.strerror or err,
                             type="briefing", subtype=Subtype.WRITE, location=location(page))  # fmt: skip
                continue
            messages.log("info", "removed %s: its seed %s is gone", page.name, marker.source, once=True)
        else:
            messages.log(
                "warning",
                "%s was generated from %s, which is gone, but it was edited since, so it is kept",
                page.name,
                marker.source,
                type="briefing",
                subtype=Subtype.PROTECTED,
                location=location(page),
            )
