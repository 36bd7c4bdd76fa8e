"""The views behind the gathering pages, on small hand-made books."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.data.records import BriefingRecord, EntityRecord, MentionRecord, TakeawayRecord
from briefing.data.views import BookViews, TakeawayFilter, fingerprint


def book(
    docs: dict[str, tuple[str, list[str]]], takeaways: dict[str, tuple[str, list[str]]] | None = None
) -> BookViews:
    """docs: slug -> (date, entity ids mentioned); takeaways: id -> (slug, entity ids)."""
    entities = {
        eid: EntityRecord(f"entities/{eid}", f"x-{eid}", "forum" if eid.isupper() else "actor", eid, eid, eid.lower())
        for _d, ids in docs.values()
        for eid in ids
    }
    briefings = {
        slug: BriefingRecord(f"briefings/{slug}", f"briefing-{slug}", f"Title {slug}", date, "")
        for slug, (date, _ids) in docs.items()
    }
    mentions = {
        f"briefings/{slug}": [MentionRecord(e, "p-1", f"{e} was here.", True) for e in ids]
        for slug, (_d, ids) in docs.items()
    }
    tks = {
        tid: TakeawayRecord(f"briefings/{slug}", f"takeaway-{tid}", f"point {tid}", slug, tuple(ids))
        for tid, (slug, ids) in (takeaways or {}).items()
    }
    return BookViews(briefings, tks, entities, mentions)


def test_related_weighs_rare_entities_more_than_common_ones() -> None:
    views = book(
        {
            "a": ("2025-01-01", ["china", "rare"]),
            "b": ("2025-01-02", ["china", "russia", "usa"]),  # shares only the common one... and two others
            "c": ("2025-01-03", ["china", "rare"]),  # shares the rare one
            "d": ("2025-01-04", ["china", "russia", "usa"]),
            "e": ("2025-01-05", ["china"]),
        }
    )
    related = views.related("briefings/a")
    assert [r.docname for r in related][:1] == ["briefings/c"]
    assert related[0].shared == ("rare", "china")  # rarest first
    assert "briefings/a" not in [r.docname for r in related]


def test_related_is_at_most_five_and_empty_without_shared_entities() -> None:
    views = book({f"s{i}": ("", ["china"]) for i in range(9)} | {"alone": ("", ["nobody"])})
    assert len(views.related("briefings/s0")) == 5
    assert views.related("briefings/alone") == ()


def test_related_shows_the_five_rarest_shared_entities_only() -> None:
    many = [f"e{i}" for i in range(8)]
    views = book({"a": ("", [*many, "common"]), "b": ("", [*many, "common"])} | {x: ("", ["common"]) for x in "cde"})
    (first, *_rest) = views.related("briefings/a")
    assert first.docname == "briefings/b"
    assert first.shared == ("e0", "e1", "e2", "e3", "e4")  # what the page shows, nothing the reader cannot see


def test_entity_view_newest_first_with_first_and_last_seen() -> None:
    views = book({"old": ("2024-05-01", ["wang", "SCO"]), "new": ("2025-02-28", ["wang"]), "undated": ("", ["wang"])})
    view = views.entity("wang")
    assert [d.docname for d in view.docs] == ["briefings/new", "briefings/old", "briefings/undated"]
    assert (view.first_seen, view.last_seen) == ("2024-05-01", "2025-02-28")
    assert view.together == (("SCO", 1),)
    assert view.total == 3


def test_takeaway_filters() -> None:
    views = book(
        {"a": ("2025-01-10", ["wang"]), "b": ("2025-03-01", ["SCO"]), "c": ("", ["wang"])},
        {"a-1": ("a", ["wang"]), "a-2": ("a", []), "b-1": ("b", ["SCO"]), "c-1": ("c", ["wang"])},
    )

    def ids(flt: TakeawayFilter) -> list[str]:
        return [i.tid for i in views.takeaway_items(flt)]

    assert ids(TakeawayFilter()) == ["b-1", "a-1", "a-2", "c-1"]
    assert ids(TakeawayFilter(entities=frozenset({"wang"}))) == ["a-1", "c-1"]
    assert ids(TakeawayFilter(entities=frozenset({"wang", "SCO"}))) == ["b-1", "a-1", "c-1"]
    assert ids(TakeawayFilter(briefing="a")) == ["a-1", "a-2"]
    assert ids(TakeawayFilter(start="2025-02-01")) == ["b-1"]
    assert ids(TakeawayFilter(end="2025-02-01")) == ["a-1", "a-2"]
    assert ids(TakeawayFilter(limit=2)) == ["b-1", "a-1"]


def test_timeline_groups_by_month_newest_first_undated_last() -> None:
    views = book({"a": ("2025-01-10", []), "b": ("2025-03-01", []), "c": ("", []), "d": ("2025-03-20", [])})
    assert [(m, [r[0] for r in rows]) for m, rows in views.timeline()] == [
        ("2025-03", ["briefings/d", "briefings/b"]),
        ("2025-01", ["briefings/a"]),
        ("", ["briefings/c"]),
    ]


def test_graph_keeps_the_heaviest_edges_and_neighbourhoods() -> None:
    views = book({"a": ("", ["x", "y", "z"]), "b": ("", ["x", "y"]), "c": ("", ["y", "w"]), "d": ("", ["q", "r"])})
    kinds = frozenset({"actor"})
    assert views.edges(kinds, 1) == (("x", "y", 2),)
    assert len(views.edges(kinds, 100)) == 5
    around = views.edges(kinds, 100, around="w")
    assert ("w", "y", 1) in around or ("y", "w", 1) in around
    assert all("q" not in edge for edge in around)


def test_fingerprint_changes_with_what_is_shown() -> None:
    one = book({"a": ("2025-01-01", ["x", "y"]), "b": ("", ["x"])})
    two = book({"a": ("2025-01-01", ["x", "y"]), "b": ("", ["x", "y"])})
    assert fingerprint(one.entity("y")) != fingerprint(two.entity("y"))
    assert fingerprint(one.entity("x")) == fingerprint(
        book({"a": ("2025-01-01", ["x", "y"]), "b": ("", ["x"])}).entity("x")
    )


def _related_by_brute_force(views: BookViews, doc: str, limit: int = 5) -> list[str]:
    mine = views.doc_entities[doc]
    scores = {
        other: sum(views.weight(e) for e in mine & ents)
        for other, ents in views.doc_entities.items()
        if other != doc and mine & ents
    }
    return [o for o, _s in sorted(scores.items(), key=lambda kv: (-round(kv[1], 9), kv[0]))[:limit]]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=8),
        min_size=2,
        max_size=120,
    )
)
def test_related_skipping_hubs_gives_the_brute_force_answer(rows: list[list[int]]) -> None:
    # Low numbers are common (hubs once the book is big enough), high ones rare.
    docs = {f"d{i:03d}": ("", [f"e{min(n, n % 7 if i % 3 else n)}" for n in row]) for i, row in enumerate(rows)}
    views = book(docs)
    views._hub_size = 3  # make hubs common in these small books
    for doc in views.doc_entities:
        assert [r.docname for r in views.related(doc)] == _related_by_brute_force(views, doc)


def test_weights_move_only_when_a_count_crosses_a_power_of_two() -> None:
    views = book({f"s{i}": ("", ["china"]) for i in range(5)} | {"x": ("", ["rare"])})
    assert views.weight("rare") == 1.0
    assert views.weight("china") == 1 / 3  # 5 briefings: bit length 3, as for 4 to 7


@given(
    st.dictionaries(
        st.text(alphabet="abcdef", min_size=1, max_size=3),
        st.sampled_from([0.1, 0.2, 0.30000000000000004, 0.3, 1 / 3, 0.5, 1.0, 1e-10]),
        max_size=30,
    ),
    st.integers(min_value=1, max_value=8),
)
def test_best_scores_are_the_full_sort_cut_to_the_limit(scores: dict[str, float], limit: int) -> None:
    from briefing.data.views import _best

    full = sorted(scores.items(), key=lambda kv: (-round(kv[1], 9), kv[0]))[:limit]
    assert _best(scores, limit) == full
