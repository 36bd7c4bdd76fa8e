"""Serve a built book on 127.0.0.1 and drive Debian's Chromium with Playwright.

Used by the browser tests and by ``make screenshots``.  Playwright cannot
download its own browser here, so it launches ``/usr/bin/chromium``.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: One page of each type a reader meets, for screenshots and the phone-width check.
PAGE_TYPES = {
    "landing": "index.html",
    "briefing": "briefings/000_5334bc82fd01faaf.html",
    "briefing-list": "briefings/index.html",
    "entity": "entities/actor/wang-yi.html",
    "forum": "entities/forum/sco.html",
    "kind-list": "entities/actor/index.html",
    "candidates": "entities/candidates.html",
    "takeaways": "briefings/takeaways.html",
    "timeline": "briefings/timeline.html",
    "graph": "briefings/graph.html",
    "domain-index": "briefing-actor.html",
    "general-index": "genindex.html",
    "search": "search.html?q=%E3%82%B7%E3%83%A7%E3%82%A4%E3%82%B0",
}


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on a free port of 127.0.0.1; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if path is None:
        raise RuntimeError("chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def take_screenshots(base: str, chrome: Any, out: Path) -> list[Path]:
    """A desktop and a phone screenshot of every page type of the book served at ``base``."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for size, viewport in (("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 390, "height": 844})):
        page = chrome.new_page(viewport=viewport)
        for name, path in PAGE_TYPES.items():
            page.goto(base + path, wait_until="networkidle")
            target = out / f"{name}-{size}.png"
            page.screenshot(path=str(target), full_page=True)
            written.append(target)
        page.close()
    return written


def screenshots(html: Path, out: Path) -> list[Path]:
    with serve(html) as base, browser() as chrome:
        return take_screenshots(base, chrome, out)


if __name__ == "__main__":
    html_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "_build/html")
    out_dir = Path(sys.argv[2] if len(sys.argv) > 2 else "_build/screenshots")
    for shot in screenshots(html_dir, out_dir):
        print(shot)
