"""Which feeds the book has and what each holds (``briefing.data.feeds``), on records alone."""

from __future__ import annotations

from briefing.data.feeds import BOOK_FEED, book_feeds, tag_slug
from briefing.data.records import BriefingRecord, EntityRecord, MentionRecord, TakeawayRecord
from briefing.data.views import BookViews


def _book() -> tuple[BookViews, dict[str, TakeawayRecord]]:
    briefings = {
        f"s{i}": BriefingRecord(
            f"briefings/s{i}", f"briefing-s{i}", f"題{i}", date, f"seeds/s{i}.txt", tags=tags, outlet="共同"
        )
        for i, (date, tags) in enumerate([("2025-03-01", ("外交",)), ("2025-02-01", ("G20", "g20")), ("", ("外交",))])
    }
    entities = {"china": EntityRecord("entities/actor/china", "entity-china", "actor", "中国", "China", "ちゅうごく")}
    mentions = {f"briefings/s{i}": [MentionRecord("china", "p1", "中国が…", True)] for i in range(3)}
    takeaways = {
        "s0-2": TakeawayRecord("briefings/s0", "t", "二つ目", "s0"),
        "s0-1": TakeawayRecord("briefings/s0", "t", "一つ目", "s0"),
    }
    return BookViews(briefings, takeaways, entities, mentions), takeaways


def test_every_feed_holds_its_dated_briefings_newest_first() -> None:
    views, takeaways = _book()
    feeds = {
        f.path: f
        for f in book_feeds(views, takeaways, {"briefings/s0": "リード。"}, title="本", length=50, english=False)
    }
    assert [e.docname for e in feeds[BOOK_FEED].entries] == ["briefings/s0", "briefings/s1"]  # s2 is undated
    china = feeds["feeds/actor/china.xml"]
    assert (china.title, china.docname, len(china.entries)) == ("本: 中国", "entities/actor/china", 2)
    first = feeds[BOOK_FEED].entries[0]
    assert (
        first.summary == "リード。\n・一つ目\n・二つ目"
        and first.author == "共同"
        and first.categories == ("中国", "外交")
    )
    tags = sorted(p for p in feeds if p.startswith("feeds/tags/"))
    assert len(tags) == 3 and "feeds/tags/g20.xml" in tags  # G20 and g20 fold to one name: one keeps a hash


def test_the_length_caps_each_feed_and_an_empty_book_has_none() -> None:
    views, takeaways = _book()
    assert all(len(f.entries) <= 1 for f in book_feeds(views, takeaways, {}, title="本", length=1, english=True))
    assert book_feeds(BookViews({}, {}, {}, {}), {}, {}, title="本", length=50, english=False) == []


def test_a_tag_s_file_name_is_ascii_and_keeps_tags_apart() -> None:
    assert tag_slug("G20") == "g20"
    assert tag_slug("外交").startswith("tag-") and tag_slug("外交") != tag_slug("経済")
    assert tag_slug("G20 外交").startswith("g20-") and tag_slug("G20 外交").isascii()
