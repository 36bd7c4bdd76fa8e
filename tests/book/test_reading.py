"""The reading experience in whole-book builds: header, related, takeaways, graph, timeline, JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup, Tag

from tests.conftest import ROOT, Build, Root, copy_book, require_programs, run_build

#: The whole-book tests the other ends of the supported range run too (noxfile.py).
pytestmark = pytest.mark.stacks

SEEDS = {
    "g20.txt": (
        "G20外相会合に王毅氏が出席\n王毅氏はG20外相会合で米国の代表と会談しました。\n会合の様子\n"
        "王毅氏は中国の立場を説明しました。米国は協力を求めました。\n要点\n- 王毅氏がG20の枠組みで対話を続けること\n- 米国と中国が意思疎通を保つこと\n"
    ),
    "sco.txt": (
        "上海協力機構の首脳会議\n上海協力機構の首脳会議が開かれ、中国とロシアが参加しました。\n首脳会議\n"
        "ショイグ氏も同行しました。\n要点\n- 上海協力機構の協力を深めること\n"
    ),
    "en.txt": (
        "Wang Yi on BRICS\nWang Yi spoke about BRICS in Beijing.\nBackground\nBRICS met this year. Russia chaired BRICS last year.\n"
        "Key points\n- BRICS will grow.\nReference(s):\nWang Yi on BRICS\nhttps://example.com/wang-yi-brics\n"
    ),
}
DATES = {
    "g20.yaml": "date: 2025-03-10\n",
    "sco.yaml": "date: 2025-04-01\n",
    "en.yaml": "date: 2025-05-01\nlanguage: en\n",
}
FILTERS = """\
# Filters

## Wang Yi
:::{takeaway-list}
:actor: wang-yi
:::

## SCO
:::{takeaway-list}
:forum: sco
:::

## One briefing
:::{takeaway-list}
:briefing: g20
:::

## From March to April
:::{takeaway-list}
:from: 2025-03-01
:to: 2025-04-30
:::
"""


def make_book(book: Path) -> Path:
    """Add the seeds and the page of filters to the copy of the book at ``book``."""
    for name, text in {**SEEDS, **DATES}.items():
        (book / "seeds" / name).write_text(text, "utf-8")
    (book / "filters.md").write_text(FILTERS, "utf-8")
    index = (book / "index.md").read_text("utf-8")
    (book / "index.md").write_text(index.replace("entities/index\n", "entities/index\n/filters\n"), "utf-8")
    (book / "conf.py").write_text(
        (book / "conf.py")
        .read_text("utf-8")
        .replace('include_patterns = ["index.md"', 'include_patterns = ["filters.md", "index.md"'),
        "utf-8",
    )
    return book


@pytest.fixture(scope="module")
def reading(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return run_build(make_book(copy_book(tmp_path_factory.mktemp("reading") / "book")))


def article(build: Build, docname: str) -> Tag:
    soup = BeautifulSoup((build.outdir / f"{docname}.html").read_text("utf-8"), "html.parser")
    found = soup.select_one("article.bd-article")
    assert found is not None
    return found


def test_builds_without_warnings(reading: Build) -> None:
    assert reading.warnings == ""


def test_header_shows_source_date_seed_entity_badges_and_takeaway_count(reading: Build) -> None:
    header = article(reading, "briefings/000_5334bc82fd01faaf").select_one(".briefing-header")
    assert header is not None
    text = header.get_text(" ")
    for fact in (
        "Top Chinese diplomat holds strategic dialogue",
        "cgtn.com",
        "2025年2月28日",
        "seeds/000_5334bc82fd01faaf.txt",
    ):
        assert fact in text
    badges = {a.get_text(): str(a["href"]) for a in header.select("a") if a.select_one(".sd-badge")}
    assert badges["王毅"].endswith("entities/actor/wang-yi.html")
    assert badges["上海協力機構"].endswith("entities/forum/sco.html")
    fields = {
        dt.get_text(strip=True).rstrip(":"): dd.get_text(" ", strip=True)
        for dt, dd in zip(header.select("dt"), header.select("dd"), strict=True)
    }
    assert fields["要点"] == "3"


def test_source_url_is_a_link_when_known(reading: Build) -> None:
    header = article(reading, "briefings/en").select_one(".briefing-header")
    assert header is not None
    assert header.select_one('a[href="https://example.com/wang-yi-brics"]') is not None


def test_related_briefings_rank_shared_rare_entities(reading: Build) -> None:
    related = article(reading, "briefings/sco").select_one(".briefing-related")
    assert related is not None
    titles = [a.get_text() for a in related.select("li > p > a:first-child")]
    assert (
        titles[0] == "中国とロシアが北京で戦略対話 ウクライナ危機や国連80年を協議"
    )  # shares SCO, Shoigu, China, Russia
    assert len(titles) <= 5


def test_the_takeaways_page_lists_every_takeaway_with_its_briefing_and_entities(reading: Build) -> None:
    page = article(reading, "briefings/takeaways")
    items = page.select(".briefing-takeaway-list > li")
    assert len(items) == 3 + 2 + 1 + 1
    g20 = next(li for li in items if "王毅氏がG20の枠組みで対話を続けること" in li.get_text())
    assert "G20外相会合に王毅氏が出席" in g20.get_text() and "G20" in [
        a.get_text() for a in g20.select(".briefing-takeaway-meta a")
    ]
    link = g20.select_one("a")
    assert link is not None and str(link["href"]).endswith("g20.html#takeaway-g20-1")


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        ("wang-yi", ["王毅氏がG20の枠組みで対話を続けること"]),
        ("sco", ["上海協力機構の協力を深めること"]),
        ("one-briefing", ["王毅氏がG20の枠組みで対話を続けること", "米国と中国が意思疎通を保つこと"]),
        (
            "from-march-to-april",
            [
                "上海協力機構の協力を深めること",
                "王毅氏がG20の枠組みで対話を続けること",
                "米国と中国が意思疎通を保つこと",
            ],
        ),
    ],
)
def test_takeaway_list_filters(reading: Build, section: str, expected: list[str]) -> None:
    box = article(reading, "filters").select_one(f"section#{section}")
    assert box is not None
    assert [li.select("p")[0].get_text() for li in box.select(".briefing-takeaway-list > li")] == expected


def test_timeline_is_newest_first_by_month(reading: Build) -> None:
    page = article(reading, "briefings/timeline")
    assert [r.get_text() for r in page.select("p.rubric")] == ["2025年5月", "2025年4月", "2025年3月", "2025年2月"]


def test_entity_page_shows_first_and_last_seen(reading: Build) -> None:
    page = article(reading, "entities/actor/wang-yi")
    seen = page.select_one(".briefing-seen")
    assert seen is not None and "2025年2月28日" in seen.get_text() and "2025年5月1日" in seen.get_text()


def test_graphs_are_clickable_svg_in_html(reading: Build) -> None:
    require_programs("dot")
    for docname, target in (
        ("briefings/graph", "entities/actor/wang-yi.html"),
        ("entities/actor/wang-yi", "entities/actor/china.html"),
    ):
        page = article(reading, docname)
        obj = page.select_one(".briefing-graph-box object, .briefing-graph-box img")
        assert obj is not None, docname
        svg = (reading.outdir / Path(docname).parent / str(obj.get("data") or obj.get("src"))).resolve()
        # Drawn in one batch at the end of the build, nothing left behind.
        assert svg.name.startswith("briefing-graph-") and not list(svg.parent.glob("*.gv"))
        links = re.findall(r'xlink:href="([^"]+)"', svg.read_text("utf-8"))
        # Each link works from where the SVG is.
        assert all((svg.parent / link).resolve().is_file() for link in links), (docname, links)
        assert (reading.outdir / target).resolve() in {(svg.parent / link).resolve() for link in links}, docname


def test_landing_page_shows_latest_directory_takeaways_and_graph(reading: Build) -> None:
    page = article(reading, "index")
    cards = page.select(".briefing-latest .sd-card")
    assert [c.select_one("a").get_text() for c in cards][:2] == ["Wang Yi on BRICS", "上海協力機構の首脳会議"]  # type: ignore[union-attr]
    assert page.select(".briefing-directory .sd-badge")
    assert page.select(".briefing-takeaway-list > li")
    assert page.select_one(".briefing-graph-box") is not None


def test_briefings_json_validates_and_points_at_real_anchors(reading: Build) -> None:
    data = json.loads((reading.outdir / "briefings.json").read_text("utf-8"))
    schema = json.loads((ROOT / "_ext" / "briefing" / "schemas" / "briefings.schema.json").read_text("utf-8"))
    jsonschema.validate(data, schema)
    assert data["schema_version"] == 2
    assert {b["id"] for b in data["briefings"]} == {"000_5334bc82fd01faaf", "g20", "sco", "en"}
    wang = [m for m in data["mentions"] if m["entity"] == "wang-yi"]
    assert any("金曜日に北京でショイグ氏と戦略対話を行いました。" in m["sentence"] for m in wang)
    for mention in wang:
        page, _, anchor = mention["url"].partition("#")
        html = BeautifulSoup((reading.outdir / page).read_text("utf-8"), "html.parser")
        assert html.find(id=anchor) is not None, mention["url"]
    assert next(t for t in data["takeaways"] if t["id"] == "g20-1")["entities"] == ["wang-yi", "g20"]


@pytest.mark.sphinx("html", testroot="book", confoverrides={"language": "en"})
def test_labels_follow_the_language(sphinx_root: Root) -> None:
    make_book(sphinx_root.src)
    english = sphinx_root.build()
    header = article(english, "briefings/000_5334bc82fd01faaf").get_text(" ")
    for label in ("Source", "Date", "Seed", "Actors", "Forums", "Takeaways", "Related briefings"):
        assert label in header, label
    assert "Friday, February 28, 2025" in header
    assert "出典" not in header and "要点" not in header


@pytest.mark.sphinx("html", testroot="book")
def test_a_second_book_links_the_first_and_shows_its_mentions(reading: Build, sphinx_root: Root) -> None:
    second = sphinx_root.src
    first = reading.outdir
    (second / "conf.py").write_text(
        (second / "conf.py").read_text("utf-8")
        + f"\nbriefing_external_books = {{'first': ('https://first.example/book/', '{first / 'briefings.json'}')}}\n"
        + 'include_patterns.append("links.md")\n',
        "utf-8",
    )
    (second / "links.md").write_text(
        "---\norphan: true\n---\n# Links\n\n{actor}`first:wang-yi` and {forum}`sco <first:sco>` and {briefing:entity}`first:g20`.\n"
        "\n{mention}`ショイグ <first:sergei-shoigu>`氏\n",
        "utf-8",
    )
    result = sphinx_root.build()
    assert result.warnings == ""
    links = {str(a["href"]) for a in article(result, "links").select("a")}
    assert "https://first.example/book/entities/actor/wang-yi.html" in links
    assert "https://first.example/book/entities/forum/sco.html" in links
    assert "https://first.example/book/entities/actor/sergei-shoigu.html" in links  # a mention too
    wang = article(result, "entities/actor/wang-yi").get_text()
    assert "ほかのブリーフィングブックでの言及" in wang and "G20外相会合に王毅氏が出席" in wang


@pytest.mark.sphinx("html", testroot="book")
def test_a_missing_external_book_is_a_warning_and_the_book_builds(sphinx_root: Root) -> None:
    book = sphinx_root.src
    (book / "conf.py").write_text(
        (book / "conf.py").read_text("utf-8")
        + "\nbriefing_external_books = {'gone': ('', 'nowhere/briefings.json')}\n",
        "utf-8",
    )
    result = sphinx_root.build()
    assert "external book 'gone'" in result.warnings and "[briefing.external]" in result.warnings
    assert (result.outdir / "index.html").is_file()


@pytest.mark.slow
@pytest.mark.sphinx("latex", testroot="book")
def test_graph_is_a_figure_in_the_pdf(sphinx_root: Root) -> None:
    require_programs("dot", "latexmk", "uplatex", "pdftotext")
    make_book(sphinx_root.src)
    result = sphinx_root.build()
    assert result.warnings == ""
    tex = (result.outdir / "briefing-book.tex").read_text("utf-8")
    assert "graphviz-" in tex and r"\sphinxincludegraphics" in tex
    assert list(result.outdir.glob("graphviz-*.pdf"))
