"""The briefing domain in whole-book builds: links, entity pages, indices, objects.inv, intersphinx."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.util.inventory import InventoryFile

from briefing.readtime.domain import get_domain
from tests.conftest import ROOT, Build, Root, copy_book, copy_root, run_build

SEED = "briefings/000_5334bc82fd01faaf"


def _soup(build: Build, docname: str) -> BeautifulSoup:
    return BeautifulSoup((build.outdir / f"{docname}.html").read_text("utf-8"), "html.parser")


def _article(build: Build, docname: str) -> Tag:
    soup = _soup(build, docname)
    return soup.select_one("article.bd-article") or soup


@pytest.fixture(scope="module")
def xref(tmp_path_factory: pytest.TempPathFactory) -> Build:
    src = copy_root("xref", tmp_path_factory.mktemp("xref") / "book")
    shutil.copytree(ROOT / "registry", src / "registry")
    shutil.copy(ROOT / "seeds" / "000_5334bc82fd01faaf.txt", src / "seeds")
    shutil.copy(ROOT / "seeds" / "000_5334bc82fd01faaf.yaml", src / "seeds")
    return run_build(src)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return run_build(copy_book(tmp_path_factory.mktemp("shipped") / "book"))


def _links(build: Build, docname: str) -> dict[str, list[str]]:
    """href -> the texts of the links to it in a page's article."""
    found: dict[str, list[str]] = {}
    for a in _article(build, docname).find_all("a", href=True):
        found.setdefault(str(a["href"]), []).append(a.get_text())
    return found


@pytest.mark.parametrize(
    "entity",
    [
        "actor/wang-yi",
        "actor/sergei-shoigu",
        "actor/china",
        "actor/russia",
        "forum/un",
        "forum/un-security-council",
        "forum/g20",
        "forum/apec",
        "forum/sco",
        "forum/brics",
    ],
)
def test_the_seed_page_links_each_actor_and_forum(shipped: Build, entity: str) -> None:
    assert f"../entities/{entity}.html" in _links(shipped, SEED)


def test_first_mention_per_section_is_a_link_and_headings_are_not(shipped: Build) -> None:
    article = _article(shipped, SEED)
    for section in article.select("section section"):
        hrefs = [a["href"] for p in section.find_all("p", recursive=False) for a in p.find_all("a")]
        assert len(hrefs) == len(set(hrefs)), "an entity is linked once per section"
    assert not article.select("h1 a.reference, h2 a.reference.internal[href*='entities']")


def test_entity_page_lists_the_briefing_with_its_sentences(shipped: Build) -> None:
    page = _article(shipped, "entities/actor/wang-yi")
    backlinks = page.select_one(".briefing-backlinks")
    assert backlinks is not None
    text = backlinks.get_text()
    assert "中国とロシアが北京で戦略対話" in text
    assert "中国のトップ外交官である王毅氏は、金曜日に北京でショイグ氏と戦略対話を行いました。" in text
    assert "7回" in text
    seed_html = _soup(shipped, SEED)
    anchors = [str(a["href"]) for a in backlinks.select(".briefing-sentences a")]
    assert anchors
    for href in anchors:
        page_name, _, anchor = href.partition("#")
        assert page_name.endswith("000_5334bc82fd01faaf.html")
        assert seed_html.find(id=anchor) is not None, anchor
    co = page.select_one(".briefing-co-mentions")
    assert co is not None and "セルゲイ・ショイグ" in co.get_text()


def test_entity_page_facts(shipped: Build) -> None:
    wang = _article(shipped, "entities/actor/wang-yi").get_text()
    for fact in ("王毅 / Wang Yi", "おうき", "中国共産党中央政治局委員", "中央外事工作委員会弁公室主任", "外相"):
        assert fact in wang
    sco = _article(shipped, "entities/forum/sco").get_text()
    assert "中国" in sco and "ロシア" in sco
    china = _article(shipped, "entities/actor/china").get_text()
    assert "上海協力機構" in china and "BRICS" in china  # forums derived from members


def test_english_seed_links_to_the_same_pages(xref: Build) -> None:
    links = _links(xref, "briefings/english-seed")
    for entity in ("actor/wang-yi", "actor/sergei-shoigu", "forum/sco", "forum/brics", "forum/un", "place/beijing"):
        assert f"../entities/{entity}.html" in links, entity
    text = _article(xref, "briefings/english-seed").get_text()
    assert "UNESCO was not discussed." in text
    assert not any("UNESCO" in t for texts in links.values() for t in texts)


def test_roles_resolve_with_and_without_titles(xref: Build) -> None:
    links = _links(xref, "index")
    assert {"王毅", "外相"} <= set(links["entities/actor/wang-yi.html"]) - {"王毅 (Wang Yi)"}
    assert "上海協力機構" in links["entities/forum/sco.html"]
    assert "entities/forum/brics.html" in links  # {any}
    assert "entities/topic/ukraine-crisis.html" in links and "entities/place/beijing.html" in links
    assert "briefings/english-seed.html#briefing-english-seed" in links
    assert "briefings/english-seed.html#takeaway-english-seed-1" in links
    assert "briefing-actor.html" in links


def test_unknown_target_is_a_briefing_warning_with_file_and_line(xref: Build) -> None:
    warnings = [w for w in xref.warnings.splitlines() if "no-such-person" in w]
    assert len(warnings) == 1
    assert re.search(r"notes\.md:3: WARNING: unknown actor 'no-such-person' \[briefing\.unknown-target\]", warnings[0])
    others = [w for w in xref.warnings.splitlines() if w.strip() and "no-such-person" not in w]
    assert others == []


def test_objects_inv_holds_entities_briefings_takeaways_and_std_labels(shipped: Build) -> None:
    inv = InventoryFile.loads((shipped.outdir / "objects.inv").read_bytes(), uri="")
    data = {typ: dict(items) for typ, items in inv.data.items()}
    assert data["briefing:actor"]["wang-yi"].display_name == "王毅 (Wang Yi)"
    assert data["briefing:forum"]["sco"].uri.startswith("entities/forum/sco.html")
    assert "ukraine-crisis" in data["briefing:topic"] and "beijing" in data["briefing:place"]
    assert "000_5334bc82fd01faaf" in data["briefing:briefing"]
    assert {"000_5334bc82fd01faaf-1", "000_5334bc82fd01faaf-2", "000_5334bc82fd01faaf-3"} <= set(
        data["briefing:takeaway"]
    )
    assert "actor-wang-yi" in data["std:label"]


def test_domain_indices_are_in_gojuon_order(shipped: Build) -> None:
    soup = _soup(shipped, "briefing-actor")
    names = [a.get_text() for a in soup.select("table.modindextable a")]
    assert names.index("ウクライナ") < names.index("王毅") < names.index("セルゲイ・ショイグ")
    assert names.index("セルゲイ・ショイグ") < names.index("中国") < names.index("米国") < names.index("ロシア")
    forums = [a.get_text() for a in _soup(shipped, "briefing-forum").select("table.modindextable a")]
    # あせあん, えいぺっく, こくれん, こくれんあんぜん…, しゃんはい…, じーにじゅう, なとー, ぶりっくす
    assert forums == ["ASEAN", "APEC", "国連", "国連安全保障理事会", "上海協力機構", "G20", "NATO", "BRICS"]


def test_an_intersphinx_project_without_the_extension_links_an_entity(shipped: Build, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    inv = shipped.outdir / "objects.inv"
    (other / "conf.py").write_text(
        f'extensions = ["myst_parser", "sphinx.ext.intersphinx"]\nintersphinx_mapping = {{"book": ("https://book.example/", "{inv}")}}\n',
        "utf-8",
    )
    (other / "index.md").write_text(
        "# Other\n\nSee {ref}`book:actor-wang-yi` and {external+book:ref}`forum-sco`.\n", "utf-8"
    )
    result = run_build(other)
    assert result.warnings == ""
    html = (result.outdir / "index.html").read_text("utf-8")
    assert "https://book.example/entities/actor/wang-yi.html" in html
    assert "https://book.example/entities/forum/sco.html" in html


@pytest.mark.sphinx("latex", testroot="book")
def test_latex_index_entries_carry_their_reading_as_sort_key(sphinx_root: Root) -> None:
    result = sphinx_root.build()
    assert result.warnings == ""
    assert not list(result.outdir.glob("*.dic")), "no dictionary named after a job name is needed"
    tex = (result.outdir / "briefing-book.tex").read_text("utf-8")
    assert r"\index{おうき@\spxentry{王毅}}" in tex
    assert r"\index{しゃんはいきょうりょくきこう@\spxentry{上海協力機構}}" in tex
    assert r"\index{Wang Yi@\spxentry{Wang Yi}}" in tex  # Latin names: Sphinx's own entry
    tex = (result.outdir / "briefing-book.tex").read_text("utf-8")
    actors = tex.split(r"\renewcommand{\indexname}{アクター}")[1].split(r"\end{sphinxtheindex}")[0]
    order = [actors.index(name) for name in ("ウクライナ", "王毅", "セルゲイ・ショイグ", "中国", "米国", "ロシア")]
    assert order == sorted(order)


def test_names_not_in_the_registry_are_listed_and_logged(xref: Build) -> None:
    page = _article(xref, "entities/candidates").get_text()
    assert "トランプ" in page and "グテーレス" in page
    assert "王毅" not in page
    assert "'トランプ' (大統領) looks like an actor but is not in the registry" in xref.status
    assert "candidate-seed.txt:1" in xref.status


@pytest.mark.sphinx("latex", testroot="book")
def test_pdf_backlinks_carry_page_numbers(sphinx_root: Root) -> None:
    result = sphinx_root.build()
    tex = (result.outdir / "briefing-book.tex").read_text("utf-8")
    wang = tex.split(r"\label{\detokenize{entities/actor/wang-yi::doc}}")[1].split(r"\section")[0]
    backlinks = wang.split(r"\begin{sphinxuseclass}{briefing-backlinks}")[1]
    refs = re.findall(r"\\autopageref\*\{\\detokenize\{([^}]*)\}\}", backlinks)
    assert refs, "backlinks carry page numbers in print"
    labels = set(re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", tex))
    assert set(refs) <= labels, set(refs) - labels  # every page number points at a real label


def _book_with_page(book: Path, text: str, conf: str = "") -> None:
    """Add to ``book`` an orphan page ``notes.md`` holding ``text``, and ``conf`` to its conf.py."""
    (book / "conf.py").write_text(
        (book / "conf.py").read_text("utf-8") + '\ninclude_patterns.append("notes.md")\n' + conf, "utf-8"
    )
    (book / "notes.md").write_text("---\norphan: true\n---\n# Notes\n\n" + text, "utf-8")


@pytest.mark.sphinx("html", testroot="book")
def test_mentions_link_in_bold_and_tables_warn_on_unknown_ids_and_honour_nitpick_ignore(sphinx_root: Root) -> None:
    _book_with_page(
        sphinx_root.src,
        "**{mention}`王毅 <wang-yi>`氏** と {mention}`誰か <nobody>` と {mention}`某 <ignored-one>`\n\n"
        "| a |\n|---|\n| {mention}`北京 <beijing>` |\n",
        'nitpick_ignore = [("briefing:entity", "ignored-one")]\n',
    )
    result = sphinx_root.build()
    warnings = [w for w in result.warnings.splitlines() if "WARNING" in w]
    assert len(warnings) == 1, warnings
    assert re.search(r"notes\.md:6: WARNING: unknown entity 'nobody' \[briefing\.unknown-target\]", warnings[0])
    links = _links(result, "notes")
    assert links["entities/actor/wang-yi.html"] == ["王毅"] and links["entities/place/beijing.html"] == ["北京"]
    assert [s.get_text() for s in _article(result, "notes").select("span.briefing-mention")] == ["誰か", "某"]


@pytest.mark.sphinx("html", testroot="book")
def test_every_mention_is_recorded_in_order_with_its_sentence_however_it_was_parsed(sphinx_root: Root) -> None:
    # MyST paragraphs (the role notes each mention as it is parsed), emphasis, and a block of
    # reStructuredText, whose inliner hands its paragraph the nodes only at the end.
    _book_with_page(
        sphinx_root.src,
        "王毅の話。{mention}`王毅 <wang-yi>`氏は来た。*強調の{mention}`北京 <!beijing>`* で。"
        "Then... {mention}`王毅 <!wang-yi>`。\n\n"
        "```{eval-rst}\n:mention:`北京 <!beijing>` と :mention:`王毅 <wang-yi>` 。次の文。\n```\n",
    )
    result = sphinx_root.build()
    assert "WARNING" not in result.warnings, result.warnings
    records = get_domain(result.app.env).mentions["notes"]
    assert [(r.entity, r.sentence, r.linked) for r in records] == [
        ("wang-yi", "王毅氏は来た。", True),
        ("beijing", "強調の北京 で。", False),
        ("wang-yi", "王毅。", False),
        ("beijing", "北京 と 王毅 。", False),
        ("wang-yi", "北京 と 王毅 。", True),
    ]
    assert len({r.anchor for r in records}) == 2
    article = _article(result, "notes")
    assert "王毅の話。王毅氏は来た。強調の北京 で。Then... 王毅。" in article.get_text()
    assert _links(result, "notes")["entities/actor/wang-yi.html"] == ["王毅", "王毅"]
    assert [em.get_text() for em in article.select("em")] == ["強調の北京"]
    assert not article.select("span.briefing-mention")  # mentions that do not link are plain text
    html = (result.outdir / "notes.html").read_text("utf-8")
    assert "briefing-mentions" not in html and "recorded" not in html


@pytest.mark.sphinx("html", testroot="book")
def test_mentions_in_links_and_in_paragraphs_a_directive_rebuilds_are_recorded_in_order(sphinx_root: Root) -> None:
    # MyST builds a link's text apart from its paragraph (the role cannot note it there), and
    # {versionchanged} moves its first paragraph's text into a new paragraph.
    _book_with_page(
        sphinx_root.src,
        "[{mention}`中国 <china>` の動き](index.md) と {mention}`ロシア <!russia>` 。\n\n"
        "```{versionchanged} 2.0\n{mention}`王毅 <!wang-yi>` は来た。{mention}`北京 <beijing>` で。\n```\n",
    )
    result = sphinx_root.build()
    assert "WARNING" not in result.warnings, result.warnings
    records = get_domain(result.app.env).mentions["notes"]
    assert [(r.entity, r.sentence) for r in records] == [
        ("china", "中国 の動き と ロシア 。"),
        ("russia", "中国 の動き と ロシア 。"),
        ("wang-yi", "バージョン 2.0 で変更: 王毅 は来た。"),  # the sentence as the page shows it
        ("beijing", "北京 で。"),
    ]
    assert _links(result, "notes")["entities/place/beijing.html"] == ["北京"]


@pytest.mark.sphinx("texinfo", testroot="book")
def test_a_builder_that_cannot_link_an_entity_page_leaves_the_name(sphinx_root: Root) -> None:
    # texinfo links only within its document: Sphinx's NoUri, which must not stop the build.
    _book_with_page(
        sphinx_root.src,
        "{mention}`王毅 <wang-yi>`氏が来た。\n",
        'texinfo_documents = [("notes", "notes", "Notes", "", "", "", "")]\n',
    )
    result = sphinx_root.build()
    assert "Traceback" not in result.warnings and "exception" not in result.warnings
    assert "王毅氏が来た。" in (result.outdir / "notes.texi").read_text("utf-8")


@pytest.mark.sphinx("latex", testroot="book")
def test_a_pdf_leaves_unlinked_the_pages_it_does_not_hold(sphinx_root: Root) -> None:
    # A hand-written page outside the printed book names 王毅: his entity page lists it, as text.
    _book_with_page(sphinx_root.src, "{mention}`王毅 <wang-yi>`氏が来た。\n")
    result = sphinx_root.build()
    assert "Traceback" not in result.warnings and "exception" not in result.warnings
    tex = next(result.outdir.glob("*.tex")).read_text("utf-8")
    assert "王毅氏が来た。" in tex  # the sentence, quoted on his page


def test_the_mention_table_pickles_as_plain_tuples_and_comes_back_as_records() -> None:
    import copy
    import pickle

    from briefing.data.records import MentionRecord, MentionTable

    table = MentionTable(
        {
            "a": [MentionRecord("wang-yi", "p-1", "王毅氏が来た。", True)],
            "b": [],
            "c": [MentionRecord("x", "", "", False)],
        }
    )
    data = pickle.dumps(table, pickle.HIGHEST_PROTOCOL)
    assert b"MentionRecord" not in data  # one reference to the loader, no class per record
    back = pickle.loads(data)
    assert type(back) is MentionTable and back == table
    assert all(type(r) is MentionRecord for records in back.values() for r in records)
    assert back["a"][0].sentence == "王毅氏が来た。"
    assert copy.deepcopy(table) == table and type(copy.deepcopy(MentionTable())) is MentionTable
