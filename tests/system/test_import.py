"""``python -m briefing import`` and ``make import``: saved pages, feeds and URLs into the seed folder.

Hostile inputs each give one message naming the file and nothing written for it;
the other files go on; importing the same files twice writes nothing the second time.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from briefing.importing.command import run
from tests.conftest import PYTHON, ROOT, LocalServer

#: The importer is tested on the other stacks too (its libraries' oldest declared versions).
pytestmark = pytest.mark.stacks

PAGE = """<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>{title} | 架空新聞</title>
<meta property="og:site_name" content="架空新聞"><meta property="og:url" content="{url}">
<meta property="article:published_time" content="2025-02-28T18:30:00+09:00">
<script>document.write("<p>SCRIPTTEXT</p>")</script><style>.x{{content:"STYLETEXT"}}</style></head>
<body><nav><a href="/">トップ</a><a href="/intl">国際</a></nav><article><h1>{title}</h1>
<p>岩屋毅外相は28日、南アフリカで開かれたG20外相会合に出席し、多国間主義の重要性を訴えた。</p>
<p>外相は会合で「国際社会の分断を防がなければならない」と述べた。</p></article>
<footer>Copyright 架空新聞社</footer></body></html>"""


def page(title: str, url: str = "https://example.jp/news/20250228/a1.html") -> str:
    return PAGE.format(title=title, url=url)


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "_ext")}
    return subprocess.run(
        [PYTHON, "-m", "briefing", "import", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def test_a_saved_page_becomes_a_seed_then_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "page.html").write_text(page("外相、G20会合で発言"), "utf-8")
    first = cli("page.html", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    seed = tmp_path / "seeds" / "2025-02-28-20250228-a1.txt"
    assert f"page.html: wrote seeds/{seed.name} and its sidecar" in first.stdout
    assert "1  title        外相、G20会合で発言" in first.stdout  # the inspect view of the new seed
    assert seed.read_text("utf-8").splitlines()[0] == "外相、G20会合で発言"
    text = seed.read_text("utf-8")
    assert "SCRIPTTEXT" not in text and "STYLETEXT" not in text and "トップ" not in text and "Copyright" not in text
    before = {p.name: p.read_bytes() for p in (tmp_path / "seeds").iterdir()}
    second = cli("page.html", cwd=tmp_path)
    assert second.returncode == 0 and "is already a seed (2025-02-28-20250228-a1.txt); skipped" in second.stdout
    assert {p.name: p.read_bytes() for p in (tmp_path / "seeds").iterdir()} == before


def _bomb() -> str:
    entities = "".join(f'<!ENTITY e{i + 1} "{("&e" + str(i) + ";") * 10}">' for i in range(9))
    return f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e0 "lol">{entities}]><rss version="2.0"><channel><title>&e9;</title></channel></rss>'


HOSTILE = {
    "image.html": (b"\x89PNG\r\n\x1a\n" + bytes(1000), "its suffix says an HTML page, but it is a PNG image"),
    "deep.html": (
        ("<html><body>" + "<div>" * 200_000 + "<p>本文。</p>" + "</div>" * 200_000 + "</body></html>").encode(),
        "no article found",
    ),
    "wide.html": (
        ("<html><body><article>" + "<p>x</p>" * 250_000 + "</article></body></html>").encode(),
        "more than 200,000 elements",
    ),
    "bomb.xml": (_bomb().encode(), "declares XML entities"),
    "menus.html": (
        b"<html><body><nav><ul><li><a href='/'>Home</a></li><li>World</li></ul></nav></body></html>",
        "no article",
    ),
    "huge.html": (b"<html><body><p>" + b"x" * (33 * 1024 * 1024) + b"</p></body></html>", "larger than"),
    "notes.txt": (b"plain notes", "not a saved page or a feed"),
}


def test_hostile_files_are_each_a_message_and_the_others_go_on(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    names = []
    for name, (data, _message) in HOSTILE.items():
        (tmp_path / "in" / name).write_bytes(data)
        names.append(tmp_path / "in" / name)
    (tmp_path / "in" / "good.html").write_text(
        page("外相が会談", "javascript:alert(1)").replace("<h1>", "<a href='javascript:x'>click</a><h1>"), "utf-8"
    )
    start = time.monotonic()
    outcome = run([*names, tmp_path / "in" / "good.html"], [], tmp_path / "seeds")
    assert time.monotonic() - start < 60
    assert outcome.failed == len(HOSTILE)
    for name, (_data, message) in HOSTILE.items():
        assert any(line.startswith(str(tmp_path / "in" / name)) and message in line for line in outcome.messages), (
            name,
            outcome.messages,
        )
    (seed,) = outcome.written
    sidecar = seed.with_suffix(".yaml").read_text("utf-8")
    assert "url:" not in sidecar and "javascript" not in sidecar + seed.read_text("utf-8")
    assert sorted(p.name for p in (tmp_path / "seeds").iterdir()) == [seed.name, seed.with_suffix(".yaml").name]


def test_fetch_reads_http_pages_within_bounds(tmp_path: Path, local_server: LocalServer) -> None:
    local_server.serve_bytes("/a.html", page("外相が訪中").encode(), "text/html; charset=utf-8")
    local_server.serve_bytes("/big.html", b"<html>" + b"x" * (33 * 1024 * 1024), "text/html")
    local_server.serve_bytes("/img", b"\x89PNG\r\n\x1a\nxxxx", "image/png")

    def to_file(request: object) -> None:
        request.send_response(302)  # type: ignore[attr-defined]
        request.send_header("Location", "file:///etc/passwd")  # type: ignore[attr-defined]
        request.end_headers()  # type: ignore[attr-defined]

    local_server.routes["/moved"] = to_file
    urls = [f"{local_server.url}/{name}" for name in ("a.html", "big.html", "img", "moved")] + ["ftp://example.com/x"]
    outcome = run([], urls, tmp_path / "seeds")
    assert len(outcome.written) == 1 and outcome.failed == 4, outcome.messages
    assert "url: https://example.jp/news/20250228/a1.html" in outcome.written[0].with_suffix(".yaml").read_text("utf-8")
    text = "\n".join(outcome.messages)
    assert "larger than" in text and "a PNG image" in text and "not an http(s) URL" in text


@pytest.mark.parametrize("attack", ["x; touch {m}", 'x"; touch {m}; "', "$(touch {m})", "`touch {m}`", "*"])
def test_make_import_takes_files_as_names_never_commands(tmp_path: Path, attack: str) -> None:
    marker = tmp_path / "pwned"
    done = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "import",
            f"FILES={attack.format(m=marker)}",
            "PINS=keep",
            f"VENV={Path(PYTHON).parent.parent}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert not marker.exists(), (done.stdout, done.stderr)
    assert done.returncode != 0
    assert not list((ROOT / "seeds").glob("undated-*")), "an attack wrote a seed"
