"""A dossier (one entity, a period) and a handout (one briefing) as PDFs of their own, checked in
``pdftotext`` and ``pdffonts``; both through ``make`` and plain ``sphinx-build -D``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import BOOK_FILES, PYTHON, copy_book, require_programs, run

pytestmark = pytest.mark.slow

#: Forty briefings naming Wang Yi, five a month from 2025-01 to 2025-08.
MONTHS = [f"2025-{m:02d}" for m in range(1, 9)]
#: The book with what ``make`` needs.
WITH_MAKE = (*BOOK_FILES, "Makefile", "tools", "requirements.txt")


def _make(book: Path, *args: str) -> str:
    require_programs("latexmk", "uplatex", "dvipdfmx", "mendex", "pdftotext", "pdffonts")
    done = run(["make", "--no-print-directory", *args, "PINS=keep", f"VENV={Path(PYTHON).parent.parent}"], book, 900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout


def _text(pdf: Path) -> str:
    assert pdf.is_file(), pdf
    fonts = run(["pdffonts", str(pdf)], pdf.parent).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # every font embedded
    return re.sub(r"\s+", "", run(["pdftotext", str(pdf), "-"], pdf.parent).stdout)


def test_the_shipped_book_s_wang_yi_dossier(tmp_path: Path) -> None:
    book = copy_book(tmp_path / "book", WITH_MAKE)
    _make(book, "dossier", "ENTITY=wang-yi")
    text = _text(book / "_build/latex/dossier-wang-yi.pdf")
    assert "王毅(WangYi)" in text and "1件のブリーフィングで" in text
    assert "中国とロシアが北京で戦略対話" in text and "金曜日に北京でショイグ氏と戦略対話を行いました" in text
    assert "言及したブリーフィング（月別）" in text
    assert not (book / "_build/latex/briefing-book.tex").exists()  # the book was not asked for


def test_a_two_month_dossier_of_a_forty_briefing_book_holds_exactly_its_months(tmp_path: Path) -> None:
    book = copy_book(tmp_path / "book", WITH_MAKE)
    for i in range(40):
        month = MONTHS[i // 5]
        name = f"w{i:02d}"
        (book / "seeds" / f"{name}.txt").write_text(
            f"王毅外相の会談記録{i:02d}号\n中国の王毅外相は{month[5:].lstrip('0')}月、第{i:02d}回の会談に臨んだ。\n",
            "utf-8",
        )
        (book / "seeds" / f"{name}.yaml").write_text(f"date: {month}-1{i % 5}\n", "utf-8")
    _make(book, "dossier", "ENTITY=wang-yi", "FROM=2025-03", "TO=2025-04")
    text = _text(book / "_build/latex/dossier-wang-yi.pdf")
    held = {i for i in range(40) if f"王毅外相の会談記録{i:02d}号" in text}
    assert held == set(range(10, 20)), sorted(held)
    assert "10件のブリーフィングで" in text and "中国とロシアが北京で戦略対話" not in text


def test_a_handout_is_one_briefing_with_its_takeaways_and_text(tmp_path: Path) -> None:
    book = copy_book(tmp_path / "book", WITH_MAKE)
    out = _make(book, "handout", "SEED=seeds/000_5334bc82fd01faaf.txt")
    assert "handout-000_5334bc82fd01faaf.pdf" in out
    text = _text(book / "_build/latex/handout-000_5334bc82fd01faaf.pdf")
    seed = (book / "seeds/000_5334bc82fd01faaf.txt").read_text("utf-8").splitlines()
    for line in seed[1:8]:
        assert re.sub(r"\s+", "", line) in text, line
    assert "世界反ファシスト戦争の勝利と国連創設から80年という節目の年" in text  # a takeaway
    assert "おうき" not in text  # Wang Yi's page (his reading) is not in it


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["-D", "briefing_dossier=nobody"], "no entity 'nobody'"),
        (["-D", "briefing_dossier=wang-yi", "-D", "briefing_dossier_from=March"], "takes a month like 2025-01"),
        (["-D", "briefing_handout=seeds/none.txt"], "no briefing page for 'seeds/none.txt'"),
        (["-D", "briefing_dossier=wang-yi", "-D", "briefing_handout=x"], "a dossier or a handout, not both"),
    ],
)
def test_what_cannot_be_made_says_why(tmp_path: Path, options: list[str], message: str) -> None:
    book = copy_book(tmp_path / "book")
    done = run([PYTHON, "-m", "sphinx", "-b", "latex", ".", "_build/latex", "-q", *options], book, 600)
    assert done.returncode != 0 and message in done.stderr, done.stderr[-2000:]
