"""A feed's entries as articles (``briefing.importing.feeds``)."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.importing.extract import Block
from briefing.importing.feeds import read_feed
from briefing.importing.inputs import Refused

#: The importer is tested on the other stacks too (its libraries' oldest declared versions).
pytestmark = pytest.mark.stacks

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ja">
  <title>架空通信 国際ニュース</title>
  <entry>
    <title type="html">&lt;b&gt;外相&lt;/b&gt;が訪中</title>
    <link href="https://example.jp/news/20250301/a1.html"/>
    <published>2025-03-01T07:30:00+09:00</published>
    <category term="外交"/><category term="中国"/>
    <summary>外相が北京に到着した。</summary>
    <content type="html">&lt;p&gt;外相は1日朝、北京に到着した。&lt;/p&gt;&lt;h2&gt;会談の焦点&lt;/h2&gt;&lt;ul&gt;&lt;li&gt;経済対話&lt;/li&gt;&lt;li&gt;邦人の安全&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;会談は2日に行われる。&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Ministers meet</title>
    <link href="https://example.jp/en/a2"/>
    <updated>2025-02-28T23:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Foreign ministers met in Tokyo on Friday to discuss trade.</p><p>They agreed to meet again.</p></div></content>
  </entry>
</feed>"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>China Example Daily</title><language>en</language>
<item><title>Xi meets visiting leader</title><link>https://example.cn/a/1.html</link>
<pubDate>Fri, 28 Feb 2025 22:10:00 +0800</pubDate><category>Diplomacy</category>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>BEIJING, Feb. 28 (Example) -- Chinese President Xi Jinping met a visiting leader in Beijing on Friday.</p><p>The two sides signed several agreements.</p>]]></content:encoded></item>
<item><title>Summit to open next week</title><link>https://example.cn/a/2.html</link>
<pubDate>Thu, 27 Feb 2025 08:00:00 GMT</pubDate>
<description>The summit opens on Monday in Kazan. Leaders of ten states attend.</description></item>
</channel></rss>"""

RDF = """<?xml version="1.0" encoding="EUC-JP"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://example.jp/"><title>架空ニュース</title><link>https://example.jp/</link><description>d</description></channel>
<item rdf:about="https://example.jp/r/1"><title>首相が会見</title><link>https://example.jp/r/1</link>
<description>首相は28日夕、官邸で記者会見した。</description><dc:date>2025-02-28T18:00:00+09:00</dc:date><dc:subject>政治</dc:subject></item>
</rdf:RDF>"""


def test_atom_entries_with_content_become_whole_articles() -> None:
    articles, skipped = read_feed(ATOM.encode())
    assert skipped == []
    first, second = articles
    assert first.title == "外相が訪中"
    assert first.date == dt.date(2025, 3, 1)  # the Tokyo date, although UTC is still 28 February
    assert first.url == "https://example.jp/news/20250301/a1.html"
    assert first.source == "架空通信 国際ニュース"
    assert first.tags == ("外交", "中国")
    assert not first.summary_only
    assert first.blocks == (
        Block("paragraph", "外相は1日朝、北京に到着した。"),
        Block("heading", "会談の焦点"),
        Block("item", "経済対話"),
        Block("item", "邦人の安全"),
        Block("paragraph", "会談は2日に行われる。"),
    )
    assert [b.text for b in second.blocks] == [
        "Foreign ministers met in Tokyo on Friday to discuss trade.",
        "They agreed to meet again.",
    ]
    assert second.date == dt.date(2025, 2, 28)


def test_rss_content_encoded_wins_and_a_summary_only_entry_keeps_its_link() -> None:
    full, summary = read_feed(RSS.encode())[0]
    assert full.date == dt.date(2025, 2, 28) and full.language == "en" and full.tags == ("Diplomacy",)
    assert full.blocks[0].text.startswith("BEIJING, Feb. 28 (Example)")
    assert summary.summary_only
    assert [b.text for b in summary.blocks] == [
        "The summit opens on Monday in Kazan. Leaders of ten states attend.",
        "https://example.cn/a/2.html",
    ]


def test_rdf_in_euc_jp() -> None:
    (article,), _ = read_feed(RDF.encode("euc_jp"))
    assert article.title == "首相が会見" and article.date == dt.date(2025, 2, 28)
    assert article.summary_only and article.tags == ("政治",)
    assert article.blocks[0].text == "首相は28日夕、官邸で記者会見した。"


def test_an_entity_bomb_is_refused_before_parsing() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
        + ']><rss version="2.0"><channel><title>&j;</title></channel></rss>'
    )
    with pytest.raises(Refused, match="XML entities"):
        read_feed(bomb.encode())


def test_what_is_not_a_feed_is_refused() -> None:
    with pytest.raises(Refused, match="not a feed"):
        read_feed(b"<?xml version='1.0'?><notafeed><x/></notafeed>")


def test_an_entry_without_title_or_text_is_skipped_with_a_message() -> None:
    feed = b'<rss version="2.0"><channel><title>T</title><item><link>javascript:alert(1)</link></item></channel></rss>'
    articles, skipped = read_feed(feed)
    assert articles == [] and skipped == ["entry 1: no title and no text"]
