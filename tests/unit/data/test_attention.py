"""Attention over time (``briefing.data.attention``) and its chart (``briefing.output.charts``)."""

from __future__ import annotations

from briefing.data.attention import attention, month_range
from briefing.data.records import BriefingRecord, EntityRecord, MentionRecord
from briefing.data.views import BookViews
from briefing.output.charts import latex, svg


def _views() -> BookViews:
    dated = [("2024-11-20", "共同"), ("2025-01-05", "新華社"), ("2025-01-28", "共同"), ("", "NHK"), ("2025-02-01", "")]
    briefings = {
        f"s{i}": BriefingRecord(f"b/s{i}", "a", f"題{i}", date, "seed", site="example.com", outlet=outlet)
        for i, (date, outlet) in enumerate(dated)
    }
    entities = {"wang-yi": EntityRecord("e/wang-yi", "a", "actor", "王毅", "Wang Yi", "おうき")}
    mentions = {f"b/s{i}": [MentionRecord("wang-yi", "p", "王毅氏は…", True)] for i in range(len(dated))}
    return BookViews(briefings, {}, entities, mentions)


def test_months_run_without_a_gap_and_sources_are_counted() -> None:
    seen = attention(_views(), "wang-yi")
    assert seen.months == (("2024-11", 1), ("2024-12", 0), ("2025-01", 2), ("2025-02", 1))
    assert seen.sources == (("共同", 2), ("NHK", 1), ("example.com", 1), ("新華社", 1))
    assert seen.undated == 1
    assert attention(_views(), "nobody").months == ()
    assert month_range("2024-12", "2025-02") == ["2024-12", "2025-01", "2025-02"]


def test_the_chart_is_an_svg_without_script_and_a_latex_picture() -> None:
    months = attention(_views(), "wang-yi").months
    drawn = svg(months, 'by month <"&">')
    assert drawn.startswith("<svg") and "<script" not in drawn and "on" + "load" not in drawn
    assert drawn.count("<rect") == 4 and "<title>2025-01: 2</title>" in drawn
    assert 'aria-label="by month &lt;&quot;&amp;&quot;&gt;"' in drawn
    printed = latex(months, "50% by_month")
    assert printed.count(r"\rule") == 3  # a month with none has no bar
    assert r"50\% by\_month" in printed and r"\begin{picture}" in printed
    assert svg((), "x") == "" and latex((), "x") == ""


def test_the_book_graph_keeps_the_briefings_of_a_period() -> None:
    briefings = {
        "a": BriefingRecord("b/a", "a", "A", "2025-01-10", "s"),
        "b": BriefingRecord("b/b", "a", "B", "2025-03-02", "s"),
        "c": BriefingRecord("b/c", "a", "C", "", "s"),
    }
    entities = {e: EntityRecord(f"e/{e}", "a", "actor", e, e, e) for e in ("china", "russia", "japan", "korea")}
    named = {"b/a": ("china", "russia"), "b/b": ("japan", "korea"), "b/c": ("china", "japan")}
    mentions = {doc: [MentionRecord(e, "p", "…", True) for e in ids] for doc, ids in named.items()}
    views = BookViews(briefings, {}, entities, mentions)
    kinds = frozenset({"actor"})
    assert len(views.edges(kinds, 10)) == 3
    assert views.edges(kinds, 10, window=("2025-03", "")) == (("japan", "korea", 1),)
    assert views.edges(kinds, 10, window=("", "2025-02")) == (("china", "russia", 1),)
    assert views.edges(kinds, 10, window=("2025-02", "2025-02")) == ()
