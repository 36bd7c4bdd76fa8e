"""The article of a saved page, and its facts (``briefing.importing.extract``)."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.importing.extract import Block, clean, extract_page, tags_of
from briefing.importing.inputs import Refused

#: The importer is tested on the other stacks too (its libraries' oldest declared versions).
pytestmark = pytest.mark.stacks

NAV = """<header><nav><ul><li><a href="/">トップ</a></li><li><a href="/politics">政治</a></li>
<li><a href="/intl">国際</a></li></ul></nav></header>
<div class="breadcrumb"><a href="/">ホーム</a> &gt; <a href="/intl">国際</a></div>"""
TAIL = """<aside class="related"><h3>関連記事</h3><ul><li><a href="/a">外相が訪米へ</a></li>
<li><a href="/b">G20首脳会議、来月開催</a></li></ul></aside>
<footer><p>Copyright © 架空新聞社 All rights reserved.</p><p>利用規約 | プライバシーポリシー</p></footer>"""


def page(body: str, head: str = "", lang: str = "ja") -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>外相、G20会合で発言 | 架空新聞</title>'
        f'{head}<script>var x = "<p>not text</p>";</script><style>p{{color:red}}</style></head>'
        f"<body>{NAV}<main><article>{body}</article>{TAIL}</main></body></html>"
    )


ARTICLE = """<h1>外相、G20会合で発言</h1>
<div class="share"><a href="#">Xでシェア</a><a href="#">LINEで送る</a></div>
<figure><img src="p.jpg" alt="会見する外相"><figcaption>記者会見する外相＝28日、東京都千代田区</figcaption></figure>
<p>岩屋毅外相は28日、南アフリカで開かれたG20外相会合に出席し、
多国間主義の重要性を訴えた。</p>
<p>外相は会合で「国際社会の分断を防がなければならない」と述べた。</p>
<h2>中国外相とも会談</h2>
<p>岩屋氏は会合の合間に中国の王毅外相と会談した。両氏は次の点で一致した。</p>
<ol><li>首脳間の往来を続ける</li><li>経済対話を再開する</li></ol>
<p>会談は約40分間行われた。<br>（共同）</p>"""


def test_the_article_s_lines_in_order_without_the_page_around_it() -> None:
    got = extract_page(page(ARTICLE))
    assert got.title == "外相、G20会合で発言"
    assert got.blocks == (
        Block("paragraph", "記者会見する外相＝28日、東京都千代田区"),
        Block("paragraph", "岩屋毅外相は28日、南アフリカで開かれたG20外相会合に出席し、多国間主義の重要性を訴えた。"),
        Block("paragraph", "外相は会合で「国際社会の分断を防がなければならない」と述べた。"),
        Block("heading", "中国外相とも会談"),
        Block("paragraph", "岩屋氏は会合の合間に中国の王毅外相と会談した。両氏は次の点で一致した。"),
        Block("item", "首脳間の往来を続ける", "1."),
        Block("item", "経済対話を再開する", "2."),
        Block("paragraph", "会談は約40分間行われた。"),
        Block("paragraph", "（共同）"),
    )
    text = "\n".join(b.text for b in got.blocks)
    for furniture in (
        "トップ",
        "ホーム",
        "Xでシェア",
        "関連記事",
        "外相が訪米へ",
        "Copyright",
        "利用規約",
        "not text",
        "color",
    ):
        assert furniture not in text


def test_the_facts_come_from_json_ld_opengraph_and_meta() -> None:
    head = """<meta property="og:site_name" content="架空新聞デジタル">
<meta property="og:url" content="https://www.example-shimbun.jp/articles/20250228/k0001.html">
<meta name="keywords" content="外交,G20、首脳会談">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"外相、G20会合で発言","datePublished":"2025-02-28T18:30:00+09:00",
"publisher":{"@type":"Organization","name":"架空新聞"}}</script>"""
    got = extract_page(page(ARTICLE, head))
    assert got.date == dt.date(2025, 2, 28)
    assert got.url == "https://www.example-shimbun.jp/articles/20250228/k0001.html"
    assert got.source == "架空新聞デジタル"
    assert got.language == "ja"
    assert got.tags == ("外交", "G20", "首脳会談")


@pytest.mark.parametrize(
    "head",
    [
        '<meta name="publishdate" content="2025-02-28">',
        '<meta property="article:published_time" content="2025-02-28T09:00:00+08:00">',
        "",  # <time datetime> in the body, below
    ],
)
def test_the_date_is_the_page_s_own(head: str) -> None:
    body = (
        ARTICLE if head else ARTICLE.replace("</h1>", '</h1><time datetime="2025-02-28T10:00:00+09:00">2月28日</time>')
    )
    assert extract_page(page(body, head)).date == dt.date(2025, 2, 28)


def test_a_page_without_a_date_has_none_not_today_s() -> None:
    got = extract_page(page(ARTICLE.replace("28日", "同日")))
    assert got.date != dt.date.today()


def test_only_http_urls_are_kept() -> None:
    head = '<meta property="og:url" content="javascript:alert(1)"><link rel="canonical" href="data:text/html,x">'
    assert extract_page(page(ARTICLE, head)).url is None
    assert extract_page(page(ARTICLE, head), "https://example.com/a.html").url == "https://example.com/a.html"


def test_a_page_with_no_article_is_refused() -> None:
    with pytest.raises(Refused, match="no article"):
        extract_page(f"<html><body>{NAV}<footer>Copyright</footer></body></html>")
    with pytest.raises(Refused):
        extract_page("<html><head><title>x</title></head><body></body></html>")


def test_english_and_chinese_pages() -> None:
    body = """<h1>Ministers meet in Johannesburg</h1><p>By Jane Roe</p>
<p>JOHANNESBURG (Reuters) - Foreign ministers of the Group of 20 met on Friday to discuss the state of the world economy and trade.</p>
<ul><li>Trade talks resume</li><li>A new working group</li></ul>
<p>Reporting by Jane Roe; Editing by John Doe</p>"""
    got = extract_page(page(body, lang="en"))
    assert got.title == "Ministers meet in Johannesburg" and got.language == "en"
    assert [b.text for b in got.blocks if b.kind == "item"] == ["Trade talks resume", "A new working group"]
    zh = extract_page(
        page(
            "<h1>外交部发言人答记者问</h1><p>彭博社记者：中方对此有何评论？</p><p>毛宁：中方的立场是一贯的、明确的。</p>",
            lang="zh-CN",
        )
    )
    assert [b.text for b in zh.blocks] == ["彭博社记者：中方对此有何评论？", "毛宁：中方的立场是一贯的、明确的。"]
    assert zh.language == "zh-CN"


def test_clean_folds_wrapping_but_never_joins_words() -> None:
    assert clean("  岩屋外相は\n  同日、  会談した。 ") == "岩屋外相は同日、 会談した。"
    assert (
        clean("岩屋外相は\n28日") == "岩屋外相は 28日"
    )  # a narrow character beside the break: a space, as browsers show
    assert clean("Foreign\n   ministers  met") == "Foreign ministers met"
    assert clean("王毅\n Wang Yi") == "王毅 Wang Yi"


def test_tags_are_split_cleaned_and_kept_once() -> None:
    assert tags_of(["外交, G20", "G20", "  ", "a" * 61, "中国；日本"]) == ("外交", "G20", "中国", "日本")
