"""Other books' ``briefings.json`` is untrusted: checked links only, bounded in time, size and depth, cached."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Build, LocalServer, Root

ARTICLE = "記事\n中国とロシアが北京で会談しました。\n見出し\n両国は協力を確認しました。\n"


def other_book(
    entity_url: str = "entities/actor/kim.html", mention_url: str = "briefings/a.html#p-1", **extra: Any
) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "project": "Other",
        "language": "ja",
        "base_url": "",
        "briefings": [{"id": "a", "title": "他の本の記事", "url": "briefings/a.html#briefing-a"}],
        "entities": [
            {"id": "kim", "kind": "actor", "name": {"ja": "金氏", "en": "Kim"}, "url": entity_url},
            {"id": "china", "kind": "actor", "name": {"ja": "中国", "en": "China"}, "url": "entities/actor/china.html"},
        ],
        "mentions": [
            {"entity": "china", "briefing": "a", "url": mention_url, "sentence": "他の本でも中国が出てきた。"}
        ],
        "takeaways": [],
        **extra,
    }


def make_book(src: Path) -> Path:
    """Turn a copy of ``test-hostile`` into a one-article book whose page links the other book's ``kim``."""
    (src / "registry" / "forums.yaml").unlink()
    (src / "registry" / "kinds.yaml").write_text("kinds:\n  actor:\n    name: {ja: アクター, en: Actors}\n", "utf-8")
    (src / "registry" / "actors.yaml").write_text(
        "entities:\n  - id: china\n    kind: actor\n    name: {ja: 中国, en: China}\n    reading: ちゅうごく\n", "utf-8"
    )
    (src / "seeds").mkdir()
    (src / "seeds" / "a.txt").write_text(ARTICLE, "utf-8")
    (src / "links.md").write_text("---\norphan: true\n---\n# Links\n\n{actor}`other:kim` です。\n", "utf-8")
    return src


def all_output(build: Build) -> str:
    return "\n".join(p.read_text("utf-8", errors="replace") for p in build.outdir.rglob("*.html"))


def external(build: Build) -> list[str]:
    return [line for line in build.warnings.splitlines() if "[briefing.external]" in line]


@pytest.mark.sphinx("html", testroot="hostile")
def test_a_good_book_over_http_links_its_pages(sphinx_root: Root, local_server: LocalServer) -> None:
    local_server.serve_bytes("/other/briefings.json", json.dumps(other_book()).encode())
    make_book(sphinx_root.src)
    result = sphinx_root.build(briefing_external_books={"other": f"{local_server.url}/other/"})
    assert result.warnings == ""
    html = all_output(result)
    assert f'href="{local_server.url}/other/entities/actor/kim.html"' in html
    assert f'href="{local_server.url}/other/briefings/a.html#p-1"' in html and "他の本でも中国が出てきた。" in html


@pytest.mark.sphinx("html", testroot="hostile")
@pytest.mark.parametrize(
    "bad", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "file:///etc/passwd"]
)
def test_a_url_that_is_not_http_is_a_warning_never_a_link(
    sphinx_root: Root, local_server: LocalServer, bad: str
) -> None:
    local_server.serve_bytes("/briefings.json", json.dumps(other_book(bad, bad)).encode())
    books = {"other": f"{local_server.url}/"}
    make_book(sphinx_root.src)
    result = sphinx_root.build(briefing_external_books=books)
    assert any("2 of its URLs are not http(s) links" in w for w in external(result)), result.warnings
    html = all_output(result)
    assert "javascript:" not in html.lower() and "data:text" not in html and "file://" not in html


@pytest.mark.sphinx("html", testroot="hostile")
def test_a_local_file_without_a_base_url_gives_no_file_links(sphinx_root: Root) -> None:
    src = make_book(sphinx_root.src)
    (src / "other.json").write_text(json.dumps(other_book()), "utf-8")
    result = sphinx_root.build(briefing_external_books={"other": ("", "other.json")})
    assert any("no base URL" in w for w in external(result)), result.warnings
    assert "file://" not in all_output(result)


@pytest.mark.sphinx("html", testroot="hostile")
@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested more deeply"),
        (
            json.dumps({**other_book(), "project": {"a": json.loads("[" * 40 + "1" + "]" * 40)}}).encode(),
            "nested more deeply",
        ),
        (
            json.dumps(other_book(schema_version=99)).encode(),
            "schema_version 99 is not one this extension reads (1, 2)",
        ),
        (b"x" * 5000, "larger than 4096 bytes"),
        (b"{not json", "not JSON"),
    ],
)
def test_bad_json_is_a_warning(sphinx_root: Root, local_server: LocalServer, body: bytes, words: str) -> None:
    local_server.serve_bytes("/briefings.json", body)
    make_book(sphinx_root.src)
    result = sphinx_root.build(
        briefing_external_books={"other": f"{local_server.url}/"},
        briefing_external_max_bytes=4096 if len(body) == 5000 else 64 * 1024 * 1024,
    )
    assert any(words in w for w in external(result)), result.warnings
    assert (result.outdir / "index.html").is_file()


@pytest.mark.sphinx("html", testroot="hostile")
def test_a_server_that_trickles_is_cut_off_at_the_deadline(sphinx_root: Root, local_server: LocalServer) -> None:
    stop = threading.Event()

    def trickle(request: Any) -> None:
        request.send_response(200)
        request.send_header("Content-Length", "1000")
        request.end_headers()
        for _ in range(40):  # a byte every half second: 20 s in all
            if stop.is_set():
                return
            request.wfile.write(b" ")
            request.wfile.flush()
            time.sleep(0.5)

    local_server.routes["/briefings.json"] = trickle
    start = time.monotonic()
    try:
        make_book(sphinx_root.src)
        result = sphinx_root.build(
            briefing_external_books={"other": f"{local_server.url}/"}, briefing_external_timeout=2
        )
    finally:
        stop.set()
    assert any("not read within 2 s" in w for w in external(result)), result.warnings
    assert time.monotonic() - start < 15


@pytest.mark.sphinx("html", testroot="hostile")
def test_a_silent_server_costs_one_wait_not_one_per_build(sphinx_root: Root) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    accepted: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                conn, _addr = listener.accept()
            except OSError:
                return
            accepted.append(conn)  # and never answer

    threading.Thread(target=accept, daemon=True).start()
    make_book(sphinx_root.src)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
    try:
        first = sphinx_root.build(briefing_external_books={"other": url}, briefing_external_timeout=1)
        start = time.monotonic()
        second = sphinx_root.build(briefing_external_books={"other": url}, briefing_external_timeout=1)
        seconds = time.monotonic() - start
    finally:
        listener.close()
        for conn in accepted:
            conn.close()
    assert external(first) and external(second) == external(first)  # the failure is said again
    assert len(accepted) == 1 and seconds < 5


@pytest.mark.sphinx("html", testroot="hostile")
@pytest.mark.parametrize("where", ["javascript:alert(1)", "file:///etc/passwd", "http://[bad", "http://h:port/"])
def test_a_redirect_anywhere_but_http_is_a_warning(sphinx_root: Root, local_server: LocalServer, where: str) -> None:
    def redirect(request: Any) -> None:
        request.send_response(302)
        request.send_header("Location", where)
        request.send_header("Content-Length", "0")
        request.end_headers()

    local_server.routes["/briefings.json"] = redirect
    make_book(sphinx_root.src)
    result = sphinx_root.build(briefing_external_books={"other": f"{local_server.url}/"})
    assert external(result) and "Traceback" not in result.warnings, result.warnings
    assert (result.outdir / "index.html").is_file()


@pytest.mark.sphinx("html", testroot="hostile")
def test_a_url_that_is_not_a_url_is_left_out(sphinx_root: Root, local_server: LocalServer) -> None:
    local_server.serve_bytes("/briefings.json", json.dumps(other_book("http://[x", "http://[x")).encode())
    make_book(sphinx_root.src)
    result = sphinx_root.build(briefing_external_books={"other": f"{local_server.url}/"})
    assert any("2 of its URLs are not http(s) links" in w for w in external(result)), result.warnings


@pytest.mark.sphinx("html", testroot="hostile")
def test_a_body_without_a_length_is_cut_at_the_cap(sphinx_root: Root, local_server: LocalServer) -> None:
    def endless(request: Any) -> None:
        request.send_response(200)
        request.end_headers()  # no Content-Length: read until the server closes
        for _ in range(100):
            request.wfile.write(b" " * 1024)

    local_server.routes["/briefings.json"] = endless
    make_book(sphinx_root.src)
    result = sphinx_root.build(
        briefing_external_books={"other": f"{local_server.url}/"}, briefing_external_max_bytes=8192
    )
    assert any("larger than 8192 bytes" in w for w in external(result)), result.warnings


@pytest.mark.sphinx("html", testroot="hostile")
def test_a_server_that_trickles_its_headers_is_cut_off_too(sphinx_root: Root) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)

    def trickle() -> None:
        with contextlib.suppress(OSError):
            conn, _addr = listener.accept()
            conn.recv(4096)
            conn.sendall(b"HTTP/1.1 200 OK\r\n")
            for _ in range(40):  # a header byte every half second
                conn.sendall(b"X")
                time.sleep(0.5)
            conn.close()

    threading.Thread(target=trickle, daemon=True).start()
    start = time.monotonic()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
    try:
        make_book(sphinx_root.src)
        result = sphinx_root.build(briefing_external_books={"other": url}, briefing_external_timeout=2)
    finally:
        listener.close()
    assert any("not read within 2 s" in w for w in external(result)), result.warnings
    assert time.monotonic() - start < 15
