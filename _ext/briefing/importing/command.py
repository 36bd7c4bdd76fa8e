"""``python -m briefing import``: saved pages, feeds and (when asked) URLs into the seed folder.

Each input is read on its own, bounded (:mod:`briefing.importing.bounded`); an
input that gives nothing is one message naming it, and the others go on.  What
was written is returned, so that the caller can show how each new seed reads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from briefing.importing.bounded import run_bounded
from briefing.importing.extract import Extracted, extract_page
from briefing.importing.feeds import read_feed
from briefing.importing.inputs import FEED_LIMIT, PAGE_LIMIT, Kind, Loaded, Refused, load_bytes, load_file, what_it_is
from briefing.importing.seeds import Folder
from briefing.util.files import UnsafeFile
from briefing.util.http import FetchError, fetch

#: An input's articles, and a message for each part of it that gave none.
Found = tuple[list[Extracted], list[str]]
#: Seconds a ``--fetch`` may take in all, per URL.
FETCH_DEADLINE = 30.0


@dataclass
class Outcome:
    """What an import did: the seeds written, and one line per thing to tell the analyst."""

    written: list[Path] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    failed: int = 0


def articles_of(loaded: Loaded, url_hint: str | None) -> Found:
    """The articles of one loaded input (a page gives one, a feed one per entry)."""
    if loaded.kind == "feed":
        return read_feed(loaded.feed)
    return [extract_page(loaded.html, url_hint or loaded.saved_from)], []


def _from_file(path: Path) -> Found:
    return articles_of(load_file(path), None)


def _from_bytes(data: bytes, kind: Kind, url: str) -> Found:
    return articles_of(load_bytes(data, kind), url)


def _from_url(url: str) -> Found:
    data, kind = _fetched(url)
    return run_bounded(_from_bytes, data, kind, url)


def _fetched(url: str) -> tuple[bytes, Kind]:
    data = fetch(url, FETCH_DEADLINE, PAGE_LIMIT, accept="text/html, application/xhtml+xml, application/xml;q=0.9")
    kind = what_it_is(data)
    if kind not in ("html", "feed"):
        raise Refused(f"it is {kind}, neither a page nor a feed")
    if kind == "feed" and len(data) > FEED_LIMIT:
        raise Refused(f"a feed larger than {FEED_LIMIT:,} bytes")
    return data, kind  # type: ignore[return-value]


def run(paths: list[Path], urls: list[str], seeds: Path) -> Outcome:
    """Import ``paths`` and ``urls`` into the folder ``seeds``."""
    outcome = Outcome()
    folder = Folder.read(seeds)
    jobs: list[tuple[str, Callable[[], Found]]] = [
        (str(path), partial(run_bounded, _from_file, path)) for path in paths
    ]
    jobs += [(url, partial(_from_url, url)) for url in urls]
    for name, job in jobs:
        try:
            articles, skipped = job()
        except (Refused, UnsafeFile, FetchError, OSError) as err:
            outcome.failed += 1
            outcome.messages.append(f"{name}: {err}")
            continue
        outcome.messages += [f"{name}: {line}" for line in skipped]
        for article in articles:
            _store(folder, name, article, outcome)
    return outcome


def _store(folder: Folder, name: str, article: Extracted, outcome: Outcome) -> None:
    existing = folder.already(article)
    if existing is not None:
        outcome.messages.append(f"{name}: {article.title[:60]!r} is already a seed ({existing}); skipped")
        return
    try:
        seed = folder.write(article)
    except OSError as err:
        outcome.failed += 1
        outcome.messages.append(f"{name}: cannot write its seed: {err}")
        return
    outcome.written.append(seed)
    note = " (only a summary: the seed holds it and its link)" if article.summary_only else ""
    outcome.messages.append(f"{name}: wrote {seed} and its sidecar{note}")
