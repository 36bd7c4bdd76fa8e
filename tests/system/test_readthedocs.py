"""Read the Docs' own command lines, on a clean copy, in a Japanese and an English project.

Read the Docs runs Sphinx directly (never ``make``), then makes the PDF with latexmk itself,
named after the project's slug (readthedocs/doc_builder/backends/sphinx.py, PdfBuilder):
Japanese projects with ``latexmkjarc`` and ``-pdfdvi``, every other language with
``latexmkrc`` and ``-pdf``.  The book must come out whole either way, its index in gojūon
order whatever the job name, and no file in the source tree may change.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import BOOK_FILES, PYTHON, ROOT, Root, copy_book, file_hashes, require_programs, run

#: The whole-book tests the other ends of the supported range run too (noxfile.py).
pytestmark = pytest.mark.stacks

SPHINX = [PYTHON, "-m", "sphinx", "-T", "-W", "--keep-going"]


ARTICLES = ROOT / "tests" / "fixtures" / "articles"


def _tree(root: Path) -> dict[str, str]:
    """Every file of the source tree (not the build's output, not bytecode) and a hash of its bytes."""
    return file_hashes(root, lambda rel: rel.parts[0] in ("_build", "OUT") or "__pycache__" in rel.parts)


def _sphinx(copy: Path, builder: str, language: str, out: str) -> None:
    cmd = [*SPHINX, "-b", builder, "-d", "_build/doctrees", "-D", f"language={language}", ".", out]
    result = run(cmd, copy, timeout=900)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    assert "WARNING" not in result.stderr, result.stderr


def _latexmk(outdir: Path, japanese: bool, slug: str) -> None:
    """Read the Docs' PdfBuilder._build_latexmk, step by step."""
    images = [p for ext in ("png", "gif", "jpg", "jpeg") for p in outdir.glob(f"*.{ext}")]
    if japanese:
        images += list(outdir.glob("*.pdf"))
    for image in images:
        run(["extractbb", image.name], outdir)
    rcfile = "latexmkjarc" if japanese else "latexmkrc"
    cmd = ["latexmk", "-r", rcfile, "-pdfdvi" if japanese else "-pdf", "-f", "-dvi-", "-ps-"]
    result = run([*cmd, f"-jobname={slug}", "-interaction=nonstopmode"], outdir, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def _index_names(ind: str) -> list[str]:
    return re.findall(r"^\s*\\item \\spxentry\{([^}]*)\}", ind, flags=re.MULTILINE)


@pytest.mark.slow
@pytest.mark.sphinx("dummy", testroot="book")
@pytest.mark.parametrize(
    ("language", "slug"),
    [("ja", "briefing-book-ja"), ("en", "my-briefings")],
    ids=["japanese-project", "english-dashboard"],
)
def test_readthedocs_pdf_whatever_the_language_and_job_name(sphinx_root: Root, language: str, slug: str) -> None:
    from briefing.registry.loading import load_registry
    from briefing.registry.model import reading_key

    japanese = language == "ja"
    engine, indexer = ("uplatex", "mendex") if japanese else ("xelatex", "upmendex")
    require_programs("latexmk", "extractbb", engine, indexer, "pdftotext", "pdffonts")
    copy = copy_book(sphinx_root.src, ("requirements.txt", ".readthedocs.yaml"))  # with what Read the Docs reads
    # Chinese articles in simplified and traditional characters: every character must print.
    chinese = {name: (ARTICLES / name).read_text("utf-8") for name in ("zh-hans-1.txt", "zh-hant-1.txt")}
    for name, text in chinese.items():
        (copy / "seeds" / name).write_text(text, "utf-8")
    sphinx_root.build()  # their pages, as a checkout that added them would have committed them
    before = _tree(copy)

    _sphinx(copy, "latex", language, "OUT/pdf")
    outdir = copy / "OUT" / "pdf"
    assert not list(outdir.glob("*.dic")), "nothing depends on a file named after the job"
    _latexmk(outdir, japanese, slug)

    pdf = outdir / f"{slug}.pdf"
    assert pdf.is_file()
    text = run(["pdftotext", "-layout", str(pdf), "-"], outdir).stdout
    flat = re.sub(r"\s+", "", text)
    for needle in ("ブリーフィングブック", "中国とロシアが北京で戦略対話", "王毅", "ショイグ"):
        assert needle in flat
    for name, seed in chinese.items():
        lost = sorted({ch for ch in seed if ord(ch) >= 0x2E80 and not ch.isspace()} - set(flat))
        assert not lost, f"{name}: not in the PDF: {''.join(lost)}"
    fonts = run(["pdffonts", str(pdf)], outdir).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), "\n".join(fonts)
    log = (outdir / f"{slug}.log").read_text("utf-8", errors="replace")
    assert "Missing character" not in log

    # The general index: Latin names in alphabetical order, then Japanese names in gojūon order.
    registry = load_registry(copy / "registry")
    readings = {e.name_ja: reading_key(e.reading) for e in registry.entities.values() if e.reading}
    # (made by mendex or upmendex, which head kana entries by their row; makeindex cannot)
    assert (outdir / f"{slug}.ilg").read_text("utf-8", errors="replace").startswith(f"This is {indexer}")
    ind = (outdir / f"{slug}.ind").read_text("utf-8")
    assert re.search(r"\\bigletter [ア-ン]", ind), "kana group headings"
    names = _index_names(ind)
    japanese_names = [n for n in names if not n.isascii()]
    assert len(japanese_names) >= 10
    assert japanese_names == sorted(japanese_names, key=lambda n: readings[n])

    assert _tree(copy) == before, "the build changed a file in the source tree"


@pytest.mark.parametrize("language", ["ja", "en"])
def test_readthedocs_html_and_epub_change_no_source_file(tmp_path: Path, language: str) -> None:
    copy = copy_book(tmp_path / "rtd", (*BOOK_FILES, "requirements.txt", ".readthedocs.yaml"))
    before = _tree(copy)
    _sphinx(copy, "html", language, "OUT/html")
    _sphinx(copy, "epub", language, "OUT/epub")
    assert (copy / "OUT" / "html" / "index.html").is_file()
    assert list((copy / "OUT" / "epub").glob("*.epub"))
    assert _tree(copy) == before
