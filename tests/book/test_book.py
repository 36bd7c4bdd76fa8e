"""The shipped book builds cleanly, from a clean copy, in every format the README promises."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import PYTHON, ROOT, Root, copy_book, copy_root, require_programs, run

#: The whole-book tests the other ends of the supported range run too (noxfile.py).
pytestmark = pytest.mark.stacks

SEED_PAGE = "briefings/000_5334bc82fd01faaf"


@pytest.mark.sphinx(testroot="book")
@pytest.mark.parametrize("builder", ["html", "latex", "epub"])
def test_shipped_book_builds_without_warnings(sphinx_root: Root, builder: str) -> None:
    result = sphinx_root.build(builder)
    assert result.warnings == ""
    if builder == "html":
        assert (result.outdir / "index.html").is_file()
        assert (result.outdir / f"{SEED_PAGE}.html").is_file()


@pytest.mark.sphinx("html", testroot="book")
def test_build_with_no_change_reads_no_document(sphinx_root: Root) -> None:
    book = sphinx_root.src
    first = sphinx_root.build()
    assert re.search(r"[1-9][0-9]* added", first.status)
    before = {p: p.stat().st_mtime_ns for p in (book / "briefings").glob("*.md")}
    second = sphinx_root.build()
    assert "0 added, 0 changed, 0 removed" in second.status
    assert {p: p.stat().st_mtime_ns for p in (book / "briefings").glob("*.md")} == before


@pytest.mark.sphinx("dummy", testroot="book")
def test_committed_pages_equal_what_the_generator_makes(sphinx_root: Root) -> None:
    """Every committed generated page is what the committed seeds make today."""
    from briefing.generating.owned import read_marker

    book = sphinx_root.src
    shutil.rmtree(book / "briefings")
    shutil.rmtree(book / "entities")
    sphinx_root.build()  # any build regenerates every page at builder-inited
    committed = sorted(
        p.relative_to(ROOT)
        for folder in ("briefings", "entities")
        for p in (ROOT / folder).rglob("*.md")
        if (m := read_marker(p.read_text("utf-8"))) and m.intact
    )
    assert committed, "the shipped book has generated pages"
    regenerated = sorted(
        p.relative_to(book) for folder in ("briefings", "entities") for p in (book / folder).rglob("*.md")
    )
    assert committed == regenerated
    for page in committed:
        assert (ROOT / page).read_bytes() == (book / page).read_bytes(), page


def test_readthedocs_config_is_valid() -> None:
    result = run(
        [str(Path(PYTHON).parent / "check-jsonschema"), "--builtin-schema", "vendor.readthedocs", ".readthedocs.yaml"],
        ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_readthedocs_command_line_on_a_clean_copy(tmp_path: Path) -> None:
    """Read the Docs runs sphinx directly, with no make step: the extension must do everything."""
    copy = copy_book(tmp_path / "clean", ("conf.py", "index.md", "seeds", "registry", "_ext", "requirements.txt"))
    cmd = [PYTHON, "-m", "sphinx", "-T", "-W", "--keep-going", "-b", "html", "-d", "_build/doctrees"]
    result = run([*cmd, "-D", "language=ja", ".", "OUT"], copy)
    assert result.returncode == 0, result.stderr
    assert (copy / "OUT" / "index.html").is_file()
    assert (copy / "OUT" / f"{SEED_PAGE}.html").is_file()


def test_no_space_between_japanese_characters_across_a_line_break(app_html: BeautifulSoup) -> None:
    paragraphs = [p.get_text() for p in app_html.select("section p")]
    assert "日本語の文章がここで改行されています。" in paragraphs
    assert re.fullmatch(r"English words\sstay apart\.", paragraphs[1])
    assert "日本語とEnglish が混ざる\n行の例。" in paragraphs or "日本語と\nEnglish が混ざる行の例。" in paragraphs
    assert "強調のあとで改行。" in paragraphs
    code, pre = app_html.select_one("code"), app_html.select_one("pre")
    assert code is not None and pre is not None
    assert "コード ブロック" in code.get_text()  # CommonMark: a newline in code is a space
    assert "日本語の\n整形済みテキスト" in pre.get_text()


@pytest.fixture
def app_html(make_app, tmp_path: Path) -> BeautifulSoup:
    srcdir = copy_root("cjk-breaks", tmp_path / "cjk")
    app = make_app("html", srcdir=srcdir)
    app.build()
    return BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "html.parser")


@pytest.mark.slow
def test_pdf_has_the_text_and_embeds_every_font(book: Path) -> None:
    require_programs("latexmk", "uplatex", "dvipdfmx", "mendex", "pdftotext", "pdffonts")
    result = run(
        [PYTHON, "-m", "sphinx", "-M", "latexpdf", ".", "_build", "-W", "--keep-going", "-q"], book, timeout=900
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    pdf = book / "_build" / "latex" / "briefing-book.pdf"
    assert pdf.is_file()
    text = run(["pdftotext", "-layout", str(pdf), "-"], book).stdout
    for needle in ("ブリーフィングブック", "中国とロシアが北京で戦略対話", "王毅", "ショイグ"):
        assert needle in text
    fonts = run(["pdffonts", str(pdf)], book).stdout.splitlines()[2:]
    assert fonts, "pdffonts lists the fonts"
    not_embedded = [line for line in fonts if line.split()[-5] != "yes"]
    assert not not_embedded, "\n".join(not_embedded)

    # Every sentence of every seed is in the PDF's text (pdftotext adds spaces and line breaks).
    flat = re.sub(r"\s+", "", text)
    for seed in sorted((book / "seeds").glob("*.txt")):
        lines = [line.strip() for line in seed.read_text("utf-8").splitlines() if line.strip()]
        body = [line.removeprefix("- ") for line in lines if line not in ("Reference(s):",)]
        for sentence in (s for line in body for s in re.split(r"(?<=。)", line) if s):
            assert re.sub(r"\s+", "", sentence) in flat, sentence

    # A clean log: no undefined reference, no overfull box wider than 10pt.
    log = (book / "_build" / "latex" / "briefing-book.log").read_text("utf-8", errors="replace")
    assert "undefined references" not in log and "Reference `" not in log
    overfull = [float(w) for w in re.findall(r"Overfull \\[hv]box \(([\d.]+)pt too", log)]
    assert all(w <= 10 for w in overfull), overfull

    # The bookmarks follow the chapters and appendices; cross-references show page numbers.
    bookmarks = (book / "_build" / "latex" / "briefing-book.out").read_text("utf-8", errors="replace")
    assert bookmarks.count("chapter.") >= 1 + 4 and bookmarks.count("appendix.") >= 4
    # (a backlink on an entity page: the quoted sentence, then its page)
    assert re.search(r"戦略対話を行いました。\(ページ\d+\)", flat)


def test_latexpdf_without_tex_names_the_missing_programs_and_the_install_command(tmp_path: Path) -> None:
    bindir = tmp_path / "bin"
    bindir.mkdir()
    for tool in ("bash", "dpkg-query", "grep", "sed", "cat", "id"):
        found = shutil.which(tool)
        if found:
            (bindir / tool).symlink_to(found)
    result = run(["bash", str(ROOT / "tools" / "system-deps"), "--tex"], tmp_path, env={"PATH": str(bindir)})
    assert result.returncode == 1
    assert "latexmk" in result.stderr and "uplatex" in result.stderr
    assert "sudo apt-get install texlive-lang-japanese" in result.stderr
    assert "!" not in result.stderr  # no LaTeX log
