"""Shared fixtures: Sphinx's own test fixtures, and builds of a copy of the shipped book."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from sphinx.testing.util import SphinxTestApp

pytest_plugins = ("sphinx.testing.fixtures",)

# Under CI the property tests draw the same examples on every run (a gate that goes red only when
# the code changes, reproducible with CI=true make test); locally they keep exploring.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI", "").lower() == "true":
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
# Test roots load the extension by name, as the book's conf.py does.
sys.path.insert(0, str(ROOT / "_ext"))
#: What a copy of the book needs: the project files, never _build or .venv.
BOOK_FILES = ("conf.py", "index.md", "seeds", "briefings", "registry", "entities", "_ext")
#: Debian packages for programs the slow tests run.
APT_PACKAGES = {
    "latexmk": "latexmk",
    "uplatex": "texlive-lang-japanese",
    "dvipdfmx": "texlive-lang-japanese",
    "mendex": "texlive-lang-japanese",
    "extractbb": "texlive-binaries",
    "xelatex": "texlive-xetex",
    "pdftotext": "poppler-utils",
    "pdffonts": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "dot": "graphviz",
    "chromium": "chromium",
}


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOT / "tests" / "roots"


def require_programs(*programs: str) -> None:
    """Skip (or, under CI=true, fail) a test whose programs are not installed, saying how to get them."""
    missing = [p for p in programs if shutil.which(p) is None]
    if not missing:
        return
    packages = sorted({APT_PACKAGES.get(p, p) for p in missing})
    message = f"needs {', '.join(missing)}; install with: sudo apt-get install {' '.join(packages)}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def copy_book(dest: Path, files: tuple[str, ...] = BOOK_FILES) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in files:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


@dataclass
class Build:
    app: SphinxTestApp
    status: str
    warnings: str

    @property
    def outdir(self) -> Path:
        return Path(self.app.outdir)


BuildBook = Callable[..., Build]


def warnings_about(build: Build, path: str) -> list[str]:
    """The lines of ``build``'s warnings about the file at ``path`` (relative to the book: seeds/x.txt)."""
    return [line for line in build.warnings.splitlines() if f"/{path}:" in line]


def page_of_seed(src: Path, seed: str) -> Path | None:
    """The generated page of ``seeds/<seed>`` in the book at ``src`` (by its marker), if any."""
    from briefing.generating.owned import read_marker

    for page in (src / "briefings").glob("*.md"):
        marker = read_marker(page.read_text("utf-8"))
        if marker is not None and marker.source == f"seeds/{seed}":
            return page
    return None


def run_build(srcdir: Path, builder: str = "html", *, parallel: int = 0, **overrides: object) -> Build:
    """Build ``srcdir`` like ``sphinx-build -n --keep-going`` and collect its output."""
    status, warning = StringIO(), StringIO()
    confoverrides = {"nitpicky": True, **overrides}
    app = SphinxTestApp(
        builder,
        srcdir=srcdir,
        builddir=srcdir / "_build",
        confoverrides=confoverrides,
        status=status,
        warning=warning,
        parallel=parallel,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return Build(app, status.getvalue(), warning.getvalue())


@dataclass
class Root:
    """A fresh copy of the test root a test's ``@pytest.mark.sphinx`` names, and builds of it.

    ``@pytest.mark.sphinx("latex", testroot="hostile", confoverrides={...})`` names the builder,
    the project (``tests/roots/test-hostile``; ``testroot="book"``, the default, is the shipped
    book) and the settings; every test gets a copy of its own, so a build that writes pages into
    its sources never meets another test's.
    """

    src: Path
    builder: str
    overrides: dict[str, object]

    def build(self, builder: str | None = None, *, parallel: int = 0, **overrides: object) -> Build:
        """Build the copy like ``sphinx-build -n --keep-going`` (the mark's builder unless another is named)."""
        return run_build(self.src, builder or self.builder, parallel=parallel, **{**self.overrides, **overrides})


def copy_root(testroot: str, dest: Path) -> Path:
    """A copy of ``tests/roots/test-<testroot>`` (``book``: the shipped book) at ``dest``."""
    if testroot == "book":
        return copy_book(dest)
    shutil.copytree(ROOT / "tests" / "roots" / f"test-{testroot}", dest)
    return dest


@pytest.fixture
def sphinx_root(request: pytest.FixtureRequest, tmp_path: Path) -> Root:
    """The project of the test's ``@pytest.mark.sphinx`` mark, copied for this test alone."""
    marker = request.node.get_closest_marker("sphinx")
    if marker is None:
        pytest.fail("sphinx_root needs @pytest.mark.sphinx(builder, testroot=...)")
    testroot = str(marker.kwargs.get("testroot", "book"))
    src = copy_root(testroot, tmp_path / testroot)
    builder = str(marker.args[0]) if marker.args else str(marker.kwargs.get("buildername", "html"))
    return Root(src, builder, dict(marker.kwargs.get("confoverrides", {})))


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """A fresh copy of the shipped book's sources."""
    return copy_book(tmp_path / "book")


@pytest.fixture
def build_book() -> BuildBook:
    return run_build


def run(cmd: list[str], cwd: Path, timeout: int = 600, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False, **kw)  # type: ignore[call-overload, no-any-return]


PYTHON = sys.executable


def file_hashes(root: Path, skip: Callable[[Path], bool] = lambda p: False) -> dict[str, str]:
    """Every file under ``root`` (relative path) and a hash of its bytes; ``skip(relative path)`` leaves one out."""
    import hashlib

    return {
        str(rel): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not skip(rel := p.relative_to(root))
    }


def broken_links(root: Path) -> tuple[int, list[str]]:
    """Crawl a built HTML site: (pages read, every href/src inside it that points at no file or no #anchor)."""
    import urllib.parse

    from bs4 import BeautifulSoup

    ids: dict[Path, set[str]] = {}

    def anchors(path: Path) -> set[str]:
        if path not in ids:
            soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
            ids[path] = {str(t["id"]) for t in soup.find_all(id=True)} | {
                str(t["name"]) for t in soup.find_all("a", attrs={"name": True})
            }
        return ids[path]

    broken = []
    pages = sorted(p for p in root.rglob("*.html") if "_static" not in p.relative_to(root).parts)
    for page in pages:
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for tag, attr in (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("object", "data")):
            for node in soup.find_all(tag, attrs={attr: True}):
                url = str(node[attr])
                parsed = urllib.parse.urlsplit(url)
                if parsed.scheme or url.startswith("//") or url.startswith(("mailto:", "javascript:")):
                    continue
                rel = urllib.parse.unquote(parsed.path)
                target = page if not rel else (page.parent / rel).resolve()
                if target.is_dir():
                    target = target / "index.html"
                if not target.exists():
                    broken.append(f"{page.relative_to(root)}: {url}")
                elif (
                    parsed.fragment
                    and target.suffix == ".html"
                    and urllib.parse.unquote(parsed.fragment) not in anchors(target)
                ):
                    broken.append(f"{page.relative_to(root)}: {url} (no such anchor)")
    return len(pages), broken


class LocalServer:
    """An HTTP server on 127.0.0.1 in a thread: ``routes`` maps a path to a handler ``(request) -> None``."""

    def __init__(self) -> None:
        import http.server

        server = self
        self.routes: dict[str, Callable[[http.server.BaseHTTPRequestHandler], None]] = {}
        self.hits: list[str] = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.hits.append(self.path)
                route = server.routes.get(self.path.split("?")[0])
                if route is None:
                    self.send_error(404)
                else:
                    route(self)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        import threading

        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def serve_bytes(self, path: str, body: bytes, content_type: str = "application/json") -> None:
        def handler(request: Any) -> None:
            request.send_response(200)
            request.send_header("Content-Type", content_type)
            request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            request.wfile.write(body)

        self.routes[path] = handler

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def local_server() -> Iterator[LocalServer]:
    server = LocalServer()
    try:
        yield server
    finally:
        server.close()


def seed_text(title: str, *lines: str) -> str:
    return "\n".join([title, f"{title}についてのリード文です。", *lines, "Reference(s):", title, "example.com", ""])


#: Five small seeds (Japanese and English, with and without entities) for builds that change a book.
SEEDS = {
    "a.txt": seed_text(
        "会談A", "背景", "中国とロシアが会談しました。", "要点", "- 協力を確認したこと", "- 対話を続けること"
    ),
    "b.txt": seed_text("会談B", "背景", "国連で議論が行われました。"),
    "c.txt": seed_text("会談C", "背景", "G20の会合が開かれました。", "- 一つ目の要点"),
    "d.txt": seed_text("Meeting D", "Background", "Leaders met in Beijing.", "Key points", "- They agreed."),
    # No entity at all: only navigation ties it to the rest of the book.
    "f.txt": seed_text("天気の話", "背景", "今日は晴れでした。"),
}
DATES = {"a.yaml": "date: 2025-03-01\n", "c.yaml": "date: 2025-01-15\n"}


def write_seeds(book: Path, seeds: dict[str, str], sidecars: dict[str, str] | None = None) -> None:
    folder = book / "seeds"
    for name, text in seeds.items():
        (folder / name).write_text(text, "utf-8")
    for name, text in (sidecars or {}).items():
        (folder / name).write_text(text, "utf-8")


def html_pages(build: Build) -> dict[str, bytes]:
    """Every HTML file of the output (not only the documents the build knows: no leftovers either)."""
    root = build.outdir
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*.html"))
        if "_static" not in p.relative_to(root).parts
    }


def inventory(build: Build) -> set[tuple[str, str, str]]:
    from sphinx.util.inventory import InventoryFile

    inv = InventoryFile.loads((build.outdir / "objects.inv").read_bytes(), uri="")
    return {(typ, name, item.uri) for typ, items in inv.data.items() for name, item in items.items()}


def assert_same_book(left: Build, right: Build) -> None:
    a, b = html_pages(left), html_pages(right)
    assert sorted(a) == sorted(b)
    for doc in a:
        assert a[doc] == b[doc], doc
    assert inventory(left) == inventory(right)
