"""Property: whatever a seed holds, its page builds, shows all its text, and gains no markup."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from briefing.articles.cues import BULLET_RE
from briefing.articles.decode import decode_seed
from briefing.articles.parse import parse_seed
from tests.conftest import ROOT, copy_root, run_build

# Seed text drawn mostly from the characters MyST, HTML and Sphinx give meaning to.
MARKUP = [
    *"`{}()[]<>!#*_-+=|\\$%:~^&;\"'/.,?@\t ",
    "```",
    ":::",
    "{eval-rst}",
    "{include}",
    "<script>",
    "<img src=x onerror=alert(1)>",
    "javascript:",
    "](",
    "(t)=",
    "{{",
    "$$",
    "[^1]",
    "---",
    "<!--",
    "- ",
    "# ",
    "1. ",
    "(1) ",
    "①",
    "■ ",
    "問：",
    "Q: ",
    "日時：",
    "Source: ",
    "※",
    "* ",
    "【北京共同】",
    "BEIJING, March 5 (Xinhua) -- ",
    "令和7年3月22日",
    "https://example.org/a_(b)?c=1&d=*x*",
    "ftp://example.org/x",
    "Key takeaways:",
    "＝1日、北京（共同）",
    "中国",
    "王毅",
    "SCO",
    "上海協力機構(SCO)",
    "Wang Yi",
    "中ロ",
    "。",
    "、",
    "　",
]
fragment = st.one_of(st.sampled_from(MARKUP), st.text(min_size=1, max_size=6))
line = st.lists(fragment, min_size=1, max_size=12).map("".join).filter(lambda s: s.strip() != "")
seed_lines = st.lists(line, min_size=1, max_size=10)


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = copy_root("bad-seeds", tmp_path_factory.mktemp("prop") / "book")
    (src / "seeds").mkdir()
    # With the registry, so that seed text next to and inside mentions is exercised too.
    shutil.copytree(ROOT / "registry", src / "registry")
    return src


def _norm(text: str) -> str:
    return "".join(text.split())


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(seed_lines)
# A lone '%' in a URL the text writes: the link escapes it (%25), the text keeps it (found by CI).
@example(["`", "Q: https://example.org/a_(b)?c=1&d=*x*%"])
# A references footer with nothing under it: its line was lost (found by a local run).
@example(["`", "Source: "])
def test_any_seed_builds_shows_its_text_and_injects_nothing(book: Path, lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    (book / "seeds" / "s.txt").write_text(text, "utf-8")
    result = run_build(book)
    decoded = decode_seed(text.encode("utf-8"))
    article = parse_seed(decoded.text) if decoded.text is not None else None
    page = book / "_build" / "html" / "briefings" / "s.html"
    if article is None or not article.title:  # not text, or no text: no page, and a warning says why
        assert "briefings/s" not in result.app.env.all_docs
        assert "[briefing.binary]" in result.warnings or "[briefing.empty]" in result.warnings
        return
    assert "briefings/s" in result.app.env.all_docs
    assert "Traceback" not in result.warnings
    assert [
        w for w in result.warnings.splitlines() if "WARNING" in w and "briefing." not in w and "toctree" not in w
    ] == []
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    body = soup.select_one("article.bd-article") or soup.select_one("div.body")
    assert body is not None
    visible = _norm(body.get_text())
    # Every non-blank line's content is on the page, in the seed's order (a bullet's mark
    # becomes the list's bullet; a numbering stays with its item), the title first: a pasted
    # page's lines above the title (its menus, a label) come right under it.
    at = 0
    in_order = sorted(article.roles, key=lambda role: (role.role != "title", role.line))
    for role in in_order:
        content = _norm(BULLET_RE.sub("", role.text) if role.role == "item" else role.text)
        found = visible.find(content, at)
        assert found >= 0, (role.line, role.role, role.text)
        at = found + len(content)
    assert not body.find(["script", "iframe", "img", "object", "embed", "style", "math", "pre", "table", "blockquote"])
    for a in body.find_all("a", href=True):
        href = str(a["href"])
        # The only links a seed can make are its references' http(s) URLs; the rest are the page's own.
        assert href.startswith(("#", "../", "https://", "http://")) or href.endswith(".html"), href
        if href.startswith("http"):  # a reference's URL, or one the text writes (http(s) only)
            # (as the page holds the text: control and unassigned characters dropped from each line;
            # a character a URL may not hold as it is, such as a lone '%', percent-encoded in the link)
            written = (href, unquote(href))
            assert any(href == r.url for r in article.references) or any(
                url in r.text for r in article.roles for url in written
            ), href
    # The lists that show its title (related briefings, written as HTML) gain no markup.
    for other in (book / "_build" / "html" / "briefings").rglob("*.html"):
        for listing in BeautifulSoup(other.read_text("utf-8"), "html.parser").select(
            ".briefing-related, .briefing-facts, .briefing-takeaway-list, .briefing-timeline"
        ):
            assert not listing.find(["script", "iframe", "img", "embed", "style", "math", "pre", "table", "blockquote"])
            assert all(not str(a["href"]).startswith(("javascript", "//")) for a in listing.find_all("a", href=True))
    # The book's list of takeaways (written as HTML) shows each of its takeaways as text.
    every = BeautifulSoup(
        (book / "_build" / "html" / "briefings" / "takeaways.html").read_text("utf-8"), "html.parser"
    ).select_one(".briefing-takeaway-list")
    assert every is not None
    for takeaway in article.takeaways:
        assert _norm(takeaway.text) in _norm(every.get_text()), takeaway.text
    # The pages that quote its sentences (entity backlinks, written as HTML) gain no markup either.
    for quoting in (book / "_build" / "html" / "entities").rglob("*.html"):
        box = BeautifulSoup(quoting.read_text("utf-8"), "html.parser").select_one(".briefing-mentioned-in")
        if box is None:
            continue
        assert not box.find(["script", "iframe", "img", "embed", "style", "math", "pre", "table", "blockquote"])
        for a in box.find_all("a", href=True):
            assert not str(a["href"]).startswith(("http", "javascript", "//")), (quoting, a["href"])
        for sentence in box.select(".briefing-sentences a"):
            assert sentence.find(True) is None or [t.name for t in sentence.find_all(True)] == ["span"], quoting
