"""The renderer: the golden page of the shipped seed, and escaping that no text can get through."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from docutils.core import publish_doctree, publish_from_doctree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from myst_parser.parsers.docutils_ import Parser

from briefing.articles.article import Metadata
from briefing.articles.parse import parse_seed
from briefing.generating.owned import with_marker
from briefing.generating.render import BriefingPage, MentionLinker, escape_text, option_value, render_briefing
from briefing.matching.mentions import matcher_for
from briefing.registry.loading import load_registry
from tests.conftest import ROOT

SHIPPED = ROOT / "seeds" / "000_5334bc82fd01faaf.txt"
GOLDEN = ROOT / "tests" / "golden" / "000_5334bc82fd01faaf.md"

# Every MyST syntax extension that could ever be switched on in conf.py: escaping
# must hold against all of them, not only the ones the book uses today.
ALL_MYST_EXTENSIONS = [
    "amsmath",
    "attrs_block",
    "attrs_inline",
    "colon_fence",
    "deflist",
    "dollarmath",
    "fieldlist",
    "html_admonition",
    "html_image",
    "replacements",
    "smartquotes",
    "strikethrough",
    "substitution",
    "tasklist",
]
DOCUTILS_SETTINGS: dict[str, Any] = {
    "myst_enable_extensions": ALL_MYST_EXTENSIONS,
    "myst_substitutions": {"secret": "INJECTED"},
    "report_level": 5,
    "halt_level": 5,
    "file_insertion_enabled": False,
    "raw_enabled": False,
}


def test_shipped_seed_page_matches_the_golden_file() -> None:
    """The golden file was read and judged by a person; a change to it is a change to review."""
    article = parse_seed(SHIPPED.read_text("utf-8"), metadata=Metadata(date=dt.date(2025, 2, 28), language="ja"))
    matcher = matcher_for(load_registry(ROOT / "registry").match_table())
    page = BriefingPage("000_5334bc82fd01faaf", "seeds/000_5334bc82fd01faaf.txt", article)
    body = render_briefing(page, MentionLinker(matcher, "section"))
    assert with_marker("seeds/000_5334bc82fd01faaf.txt", body) == GOLDEN.read_text("utf-8")


def _doctree(source: str) -> nodes.document:
    return publish_doctree(source, parser=Parser(), settings_overrides=DOCUTILS_SETTINGS)


INJECTIONS = [
    "```{eval-rst}\n.. raw:: html\n\n   <script>alert(1)</script>\n```",
    ":::{include} /etc/passwd\n:::",
    "```{literalinclude} conf.py\n```",
    "{ref}`target` and {doc}`index` and {raw-html}`<b>x</b>`",
    "(my-label)=",
    "<script>alert(1)</script>",
    "<iframe src=//evil></iframe>",
    '<img src=x onerror="alert(1)">',
    "<!-- a comment -->",
    "[click](javascript:alert(1))",
    "[text][ref]\n\n[ref]: https://evil.example",
    "<https://evil.example>",
    "{{ secret }}",
    "$x^2$ and $$E=mc^2$$",
    "note[^1]\n\n[^1]: footnote",
    "---",
    "# Heading",
    "**bold** *em* _em_ ~~strike~~",
    "back\\slash \\* \\",
    "a | b | c\n--|--|--\n1 | 2 | 3",
    "    indented code",
    "> quote",
    "1. one",
    "- [ ] task",
    "term\n: definition",
    ":field: value",
    "% a comment",
    "![img](x.png)",
    "&amp; &#60;script&#62;",
    "{#an-id .a-class}",
    "word  \nhard break",
    "(c) (tm) -- ... +-",
    "\"quoted\" 'single'",
]


@pytest.mark.parametrize("text", INJECTIONS)
def test_escaped_text_is_one_paragraph_of_exactly_that_text(text: str) -> None:
    doctree = _doctree(escape_text(text))
    assert [type(n).__name__ for n in doctree.children] == ["paragraph"]
    paragraph = doctree.children[0]
    assert all(isinstance(n, nodes.Text) for n in paragraph.children), paragraph.pformat()
    assert paragraph.astext() == " ".join(text.split())


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=120))
def test_any_text_escapes_to_itself(text: str) -> None:
    source = escape_text(text)
    expected = " ".join(
        "".join(ch for ch in text if not (ord(ch) < 32 or 127 <= ord(ch) < 160) or ch in "\t\n").split(" ")
    )
    doctree = _doctree(source)
    visible = " ".join(doctree.astext().split())
    assert visible == " ".join(expected.split())
    for node in doctree.findall(nodes.Element):
        assert isinstance(node, nodes.document | nodes.paragraph), node.pformat()
    html = publish_from_doctree(doctree, writer="html5").decode("utf-8")
    body = BeautifulSoup(html, "html.parser").select_one("div.document, main, body")
    assert body is not None
    assert not body.find(["script", "iframe", "img", "a", "object", "embed", "style", "math"])


@given(st.text(max_size=80))
def test_option_values_are_one_quoted_line(text: str) -> None:
    value = option_value(text)
    assert "\n" not in value and value.startswith('"') and value.endswith('"')


def test_the_header_says_where_each_fact_came_from() -> None:
    text = (
        "Title\nBEIJING, March 5, 2025 (Xinhua) -- Officials met.\nMore.\n"
        "Reference(s):\nA report\nhttps://example.com/report\n"
    )

    def header(article: Any) -> str:
        page = render_briefing(BriefingPage("s", "seeds/s.txt", article))
        return page.split(":::{briefing} s\n", 1)[1].split(":::", 1)[0]

    page = header(parse_seed(text))
    assert ":date: 2025-03-05\n:date-line: 2\n" in page
    assert ':outlet: "Xinhua"\n:outlet-line: 2\n' in page
    # The reference's URL links the reference; no sidecar, no article link.
    assert ':source-url: "https://example.com/report"' in page and "\n:url:" not in page
    sidecar = Metadata(date=dt.date(2025, 3, 6), url="https://example.com/article", source="Kyodo")
    page = header(parse_seed(text, metadata=sidecar))
    assert ":date: 2025-03-06\n" in page and "date-line" not in page and "date-from" not in page
    assert ':outlet: "Kyodo"\n' in page and "outlet-line" not in page
    assert ':url: "https://example.com/article"' in page
    front = parse_seed("---\ndate: 2025-01-02\n---\nTitle\nLead.\n")
    assert ":date-from: front-matter" in header(front)


def test_urls_are_found_in_linear_time_and_never_cut() -> None:
    import time

    from briefing.generating.mention_markup import split_long, url_spans

    hostile = "https://a" + ")" * 100_000
    start = time.perf_counter()
    assert url_spans(hostile) == [(0, 9)]
    assert time.perf_counter() - start < 1.0
    text = "x" * 4985 + " https://www.example.com/path and more."
    pieces = split_long(text)
    assert "".join(pieces).replace(" ", "") == text.replace(" ", "")
    assert any("https://www.example.com/path" in piece for piece in pieces)


def test_the_page_s_lines_name_no_actor_and_a_caption_printed_twice_names_them_once() -> None:
    matcher = matcher_for(load_registry(ROOT / "registry").match_table())
    text = (
        "中国とロシアが会談\n国際\n2025年3月1日 10:00 来源：中国新闻网\n"
        "握手する中国とロシアの外相＝1日（共同）\n握手する中国とロシアの外相＝1日（共同）\n"
        "中国とロシアの外相が北京で会談した。\n相关新闻\n中国の関連記事\n"
    )
    article = parse_seed(text)
    assert [r.role for r in article.roles] == [
        "title", "label", "meta", "caption", "caption", "lead", "furniture", "furniture",
    ]  # fmt: skip
    body = render_briefing(BriefingPage("s", "seeds/s.txt", article), MentionLinker(matcher, "section"))
    captions = [block for block in body.split(":::") if "briefing-caption" in block]
    assert len(captions) == 2 and "{mention}" in captions[0] and "{mention}" not in captions[1]
    for role in ("meta", "furniture", "label"):
        assert all("{mention}" not in block for block in body.split(":::") if f"briefing-{role}" in block)
